"""Reads for the AF's pages about a signal's shares: which run now, and what partners proposed."""

from django.db.models import QuerySet

from meldroute.models import Deling, Terugmelding
from signalen.models import Signaal


def lopende_delingen(signaal: Signaal) -> QuerySet[Deling]:
    """The signal's shares in force, by partner name: what afsluiten would end."""
    return Deling.objects.actief().filter(signaal=signaal).select_related("organisatie").order_by("organisatie__naam")


def afloopvoorstel(signaal: Signaal) -> Terugmelding | None:
    """The most recent terugmelding of a partner that proposes an afloop, if any."""
    return (
        Terugmelding.objects.filter(signaal=signaal)
        .exclude(voorgestelde_afloop="")
        .select_related("organisatie")
        .order_by("-op", "-pk")
        .first()
    )
