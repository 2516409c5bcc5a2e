import logging
from datetime import timedelta
from functools import partial
from smtplib import SMTPException

from celery import shared_task
from django.conf import settings
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from mensenhandel.logformaat import fouttekst
from signalen import berichten, bewaring
from signalen.models import TijdelijkeBijlage

logger = logging.getLogger(__name__)

# Retries wait at most this long: far below the broker's visibility timeout, so a waiting retry
# is never handed to a second worker as if it were lost.
WACHTTIJD_MAX = 600


@shared_task(
    acks_late=True,
    autoretry_for=(SMTPException, OSError),
    retry_backoff=30,
    retry_backoff_max=WACHTTIJD_MAX,
    retry_jitter=True,
    max_retries=settings.MAIL_MAX_POGINGEN,
)
def notificaties_versturen(notificatie_ids: list[int]) -> int:
    """Send these mails from the outbox, each at most once; retried on mail errors."""
    return sum(berichten.versturen(pk, max_pogingen=settings.MAIL_MAX_POGINGEN) for pk in notificatie_ids)


@shared_task(acks_late=True)
def nieuw_signaal_notificeren(signaal_id: int) -> int:
    """Send the unsent mails about one signal (the new-signal mails written at intake)."""
    ids = berichten.onverzonden().filter(signaal_id=signaal_id).values_list("pk", flat=True)
    return sum(berichten.versturen(pk, max_pogingen=settings.MAIL_MAX_POGINGEN) for pk in ids)


@shared_task(acks_late=True)
def openstaande_notificaties_versturen() -> int:
    """Send what is still in the outbox a few minutes after it was written.

    That covers a broker that was down at the commit, a worker killed between claiming and
    sending (its claim has run out by now), and retries that were lost. Mails that fail here
    stay for the next run, until they are given up.
    """
    nu = timezone.now()
    klaar = (
        berichten.onverzonden()
        .filter(aangemaakt_op__lt=nu - timedelta(minutes=2))
        .filter(Q(geclaimd_tot=None) | Q(geclaimd_tot__lt=nu))
        .order_by("aangemaakt_op")
        .values_list("pk", flat=True)
    )
    verzonden = 0
    for pk in list(klaar[:1000]):
        try:
            verzonden += berichten.versturen(pk, max_pogingen=settings.MAIL_MAX_POGINGEN)
        except (SMTPException, OSError) as fout:
            # Recorded on the row; one bad mail must not hold up the others. A mail server's
            # answer may name the recipient, so the log gets the masked text, not the traceback.
            logger.error("E-mail %s niet verstuurd; de volgende ronde probeert het opnieuw: %s", pk, fouttekst(fout))
        except Exception:
            logger.exception("E-mail %s niet verstuurd; de volgende ronde probeert het opnieuw", pk)
    return verzonden


@shared_task(acks_late=True)
def termijnen_herberekenen(regio_id: int) -> int:
    """The beheerder changed a regio's terms: recompute those of its open signals."""
    from signalen.services import termijnen_herberekenen as herberekenen

    return herberekenen(regio_id=regio_id)


@shared_task
def tijdelijke_bijlagen_opruimen() -> int:
    """Remove uploads of intake forms that were never submitted (older than a day)."""
    grens = timezone.now() - timedelta(days=1)
    aantal = 0
    for pk, naam in TijdelijkeBijlage.objects.filter(aangemaakt_op__lt=grens).values_list("pk", "bestand"):
        with transaction.atomic():
            # Claim the row by deleting it; an intake that took it first keeps it (and the file).
            verwijderd, _ = TijdelijkeBijlage.objects.filter(pk=pk).delete()
            if verwijderd:
                transaction.on_commit(partial(default_storage.delete, naam))
                aantal += 1
    return aantal


@shared_task(acks_late=True)
def bewaartermijnen_toepassen() -> int:
    """The daily retention run (signalen/bewaring/): idempotent, one transaction per signal."""
    return bewaring.verlopen_anonimiseren()
