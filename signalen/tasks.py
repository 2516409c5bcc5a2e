from datetime import timedelta
from smtplib import SMTPException

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from ketenpartners.selectors import aandachtsfunctionarissen_van
from signalen.models import Notificatie, Signaal, TijdelijkeBijlage


@shared_task(autoretry_for=(SMTPException, OSError), retry_backoff=30, max_retries=8)
def nieuw_signaal_notificeren(signaal_id: int) -> int:
    """Tell every aandachtsfunctionaris of the gemeente that a signal came in.

    Idempotent: each mail is claimed before it is sent, so a retry or a second worker never
    sends it twice. The mail holds no personal data, only the reference and a link.
    """
    signaal = Signaal.objects.select_related("gemeente").get(pk=signaal_id)
    for af in aandachtsfunctionarissen_van(signaal.gemeente).exclude(email=""):
        Notificatie.objects.get_or_create(signaal=signaal, ontvanger=af, soort=Notificatie.Soort.NIEUW_SIGNAAL)

    verzonden = 0
    open_notificaties = Notificatie.objects.filter(
        signaal=signaal, soort=Notificatie.Soort.NIEUW_SIGNAAL, verzonden_op=None
    ).select_related("ontvanger")
    link = settings.BASIS_URL.rstrip("/") + reverse("meldroute:detail", args=[signaal.pk])
    for notificatie in open_notificaties:
        if not Notificatie.objects.filter(pk=notificatie.pk, verzonden_op=None).update(verzonden_op=timezone.now()):
            continue  # Another worker claimed it.
        context = {"signaal": signaal, "ontvanger": notificatie.ontvanger, "link": link}
        onderwerp = ("ACUUT: " if signaal.acuut else "") + f"Nieuw signaal {signaal.referentie}"
        try:
            send_mail(
                onderwerp,
                render_to_string("mail/nieuw_signaal.txt", context),
                None,
                [notificatie.ontvanger.email],
            )
        except Exception:
            # Give the claim back so the retry sends it.
            Notificatie.objects.filter(pk=notificatie.pk).update(verzonden_op=None)
            raise
        verzonden += 1
    return verzonden


@shared_task
def tijdelijke_bijlagen_opruimen() -> int:
    """Remove uploads of intake forms that were never submitted (older than a day)."""
    grens = timezone.now() - timedelta(days=1)
    aantal = 0
    for tijdelijk in TijdelijkeBijlage.objects.filter(aangemaakt_op__lt=grens):
        tijdelijk.bestand.delete(save=False)
        tijdelijk.delete()
        aantal += 1
    return aantal
