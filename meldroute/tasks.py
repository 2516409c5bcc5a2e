from celery import shared_task

from meldroute import herinneringen, rechten_controle
from meldroute.services import delingen_verlopen_verwerken


@shared_task(acks_late=True)
def verlopen_delingen_verwerken() -> int:
    """Clear the permissions of expired shares and record their expiry (idempotent)."""
    return delingen_verlopen_verwerken()


@shared_task(acks_late=True)
def termijnen_bewaken() -> int:
    """The reminder sweep (meldroute/herinneringen.py): idempotent, safe to run twice at once."""
    return herinneringen.termijnen_bewaken()


@shared_task(acks_late=True)
def rechten_controleren() -> int:
    """The nightly check of the object permissions; a difference mails the beheerders (once a day)."""
    return rechten_controle.nachtelijke_controle()
