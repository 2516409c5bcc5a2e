"""Writes of evaluatie: trainings and the basisniveau, each by a user within their own scope."""

import datetime
from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from evaluatie.models import Basisniveau, Training
from evaluatie.rechten import dashboard_gemeenten
from ketenpartners.models import Gebruiker, Organisatie
from signalen.models import Team


def _controleren(*, datum: datetime.date, teams: Sequence[Team], aanbieder: str, aanbieder_anders: str) -> None:
    fouten = {}
    if datum > timezone.localdate():
        fouten["datum"] = "Registreer een training nadat hij gegeven is; deze datum ligt in de toekomst."
    if datum.year < 2000:
        fouten["datum"] = "Vul een datum na 2000 in."
    if not teams:
        fouten["teams"] = "Kies minstens één team dat de training volgde."
    if aanbieder == Training.Aanbieder.ANDERS and not aanbieder_anders.strip():
        fouten["aanbieder_anders"] = "Vul in wie de training gaf."
    if fouten:
        raise ValidationError(fouten)


@transaction.atomic
def training_registreren(
    *,
    door: Gebruiker,
    gemeente: Organisatie,
    datum: datetime.date,
    teams: Sequence[Team],
    deelnemers: int,
    aanbieder: str,
    onderwerp: str,
    aanbieder_anders: str = "",
) -> Training:
    """An AF (or the regio's coördinator) records a training given in one of their gemeenten."""
    if not dashboard_gemeenten(door).filter(pk=gemeente.pk).exists():
        raise ValidationError({"gemeente": "Kies een gemeente waarvoor u trainingen registreert."})
    _controleren(datum=datum, teams=teams, aanbieder=aanbieder, aanbieder_anders=aanbieder_anders)
    training = Training.objects.create(
        gemeente=gemeente,
        datum=datum,
        deelnemers=deelnemers,
        aanbieder=aanbieder,
        aanbieder_anders=aanbieder_anders if aanbieder == Training.Aanbieder.ANDERS else "",
        onderwerp=onderwerp,
        geregistreerd_door=door,
    )
    training.teams.set(teams)
    return training


@transaction.atomic
def training_wijzigen(
    *,
    door: Gebruiker,
    training_id: int,
    datum: datetime.date,
    teams: Sequence[Team],
    deelnemers: int,
    aanbieder: str,
    onderwerp: str,
    aanbieder_anders: str = "",
) -> Training:
    training = Training.objects.select_for_update().get(pk=training_id, gemeente__in=dashboard_gemeenten(door))
    _controleren(datum=datum, teams=teams, aanbieder=aanbieder, aanbieder_anders=aanbieder_anders)
    training.datum = datum
    training.deelnemers = deelnemers
    training.aanbieder = aanbieder
    training.aanbieder_anders = aanbieder_anders if aanbieder == Training.Aanbieder.ANDERS else ""
    training.onderwerp = onderwerp
    training.save()
    training.teams.set(teams)
    return training


@transaction.atomic
def training_verwijderen(*, door: Gebruiker, training_id: int) -> None:
    """A training registered by mistake may be removed; the audit log keeps that it was."""
    Training.objects.get(pk=training_id, gemeente__in=dashboard_gemeenten(door)).delete()


@transaction.atomic
def basisniveau_bijwerken(
    *,
    door: Gebruiker,
    gemeente: Organisatie,
    beleid_vastgesteld_op: datetime.date | None,
    zorg_en_opvang_geregeld: bool,
    zorg_en_opvang_toelichting: str = "",
) -> Basisniveau:
    """What the gemeente enters itself: when the policy was adopted, and care and shelter."""
    if not dashboard_gemeenten(door).filter(pk=gemeente.pk).exists():
        raise Organisatie.DoesNotExist
    if beleid_vastgesteld_op is not None and beleid_vastgesteld_op > timezone.localdate():
        raise ValidationError({"beleid_vastgesteld_op": "Deze datum ligt in de toekomst."})
    if beleid_vastgesteld_op is not None and beleid_vastgesteld_op.year < 2000:
        raise ValidationError({"beleid_vastgesteld_op": "Vul een datum na 2000 in."})
    basisniveau, _ = Basisniveau.objects.select_for_update().get_or_create(gemeente=gemeente)
    basisniveau.beleid_vastgesteld_op = beleid_vastgesteld_op
    basisniveau.zorg_en_opvang_geregeld = zorg_en_opvang_geregeld
    basisniveau.zorg_en_opvang_toelichting = zorg_en_opvang_toelichting
    basisniveau.bijgewerkt_door = door
    basisniveau.save()
    return basisniveau
