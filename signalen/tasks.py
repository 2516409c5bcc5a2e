from datetime import timedelta
from functools import partial
from smtplib import SMTPException

from celery import shared_task
from django.conf import settings
from django.core.files.storage import default_storage
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import QuerySet
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from signalen.models import Notificatie, TijdelijkeBijlage


def _versturen(notificaties: QuerySet[Notificatie]) -> int:
    """Send each notification at most once: it is claimed before the mail goes out."""
    verzonden = 0
    for notificatie in notificaties.select_related("signaal__gemeente", "ontvanger"):
        if not Notificatie.objects.filter(pk=notificatie.pk, verzonden_op=None).update(verzonden_op=timezone.now()):
            continue  # Another worker claimed it.
        signaal = notificatie.signaal
        link = settings.BASIS_URL.rstrip("/") + reverse("meldroute:detail", args=[signaal.pk])
        context = {"signaal": signaal, "ontvanger": notificatie.ontvanger, "link": link}
        onderwerp = ("ACUUT: " if signaal.acuut else "") + f"Nieuw signaal {signaal.referentie}"
        try:
            send_mail(
                onderwerp, render_to_string("mail/nieuw_signaal.txt", context), None, [notificatie.ontvanger.email]
            )
        except Exception:
            # Give the claim back so the retry sends it.
            Notificatie.objects.filter(pk=notificatie.pk).update(verzonden_op=None)
            raise
        verzonden += 1
    return verzonden


@shared_task(autoretry_for=(SMTPException, OSError), retry_backoff=30, max_retries=8)
def nieuw_signaal_notificeren(signaal_id: int) -> int:
    """Tell every aandachtsfunctionaris of the gemeente that a signal came in.

    The notifications were written at intake; this sends the ones not yet sent. Idempotent, and
    the mail holds no personal data, only the reference and a link.
    """
    return _versturen(Notificatie.objects.filter(signaal_id=signaal_id, verzonden_op=None))


@shared_task
def openstaande_notificaties_versturen() -> int:
    """Send what the intake could not hand to the broker (it was down), a few minutes late."""
    grens = timezone.now() - timedelta(minutes=2)
    return _versturen(Notificatie.objects.filter(verzonden_op=None, aangemaakt_op__lt=grens))


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
