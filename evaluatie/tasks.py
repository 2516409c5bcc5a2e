from celery import shared_task

from evaluatie import rapporten


@shared_task(acks_late=True)
def rapport_bouwen(rapport_id: int) -> bool:
    """Build one evaluation report; a second delivery while it is being built does nothing."""
    return rapporten.bouwen(rapport_id)


@shared_task(acks_late=True)
def evaluaties_starten() -> int:
    """Daily: one report per regio at the end of its evaluation period (idempotent)."""
    return rapporten.automatisch_starten()
