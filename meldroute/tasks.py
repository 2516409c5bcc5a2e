from celery import shared_task

from meldroute.services import delingen_verlopen_verwerken


@shared_task
def verlopen_delingen_verwerken() -> int:
    """Clear the permissions of expired shares and record their expiry (idempotent)."""
    return delingen_verlopen_verwerken()
