"""What the FG does: set the regio's terms, hold a signal for a procedure and lift that hold.
Each in its own transaction, with its own entry in the audit log."""

from collections.abc import Mapping

from auditlog.models import LogEntry
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from ketenpartners.models import Gebruiker, Lidmaatschap, Rol
from mensenhandel.audit import MASKER
from signalen.bewaring.termijnen import lopend_bewaard
from signalen.models import Bewaartermijn, Procedurebewaring, Signaal
from signalen.models.bewaring import MAXIMUM_MAANDEN, MINIMUM_MAANDEN
from signalen.selectors import fg_gemeenten, fg_regios
from signalen.workflow import Afloop


def _signaal_van_fg(door: Gebruiker, referentie: str) -> Signaal:
    """The signal with this reference in the FG's gemeenten, locked; a form error otherwise."""
    gevonden = (
        Signaal.objects.select_for_update(of=("self",))
        .filter(referentie=referentie.strip().upper(), gemeente__in=fg_gemeenten(door))
        .first()
    )
    if gevonden is None:
        raise ValidationError(
            {
                "referentie": "Er is geen signaal met dit referentienummer in de gemeenten waarvoor u "
                "functionaris gegevensbescherming bent. Controleer het nummer, bijvoorbeeld MH-2026-00042."
            }
        )
    return gevonden


def _reden(reden: str) -> str:
    reden = reden.strip()
    if not reden:
        raise ValidationError({"reden": "Vul de reden in."})
    if len(reden) > 300:
        raise ValidationError({"reden": "Gebruik hoogstens 300 tekens."})
    return reden


def _alleen_fg(door: Gebruiker) -> None:
    if not Lidmaatschap.objects.filter(gebruiker=door, rol=Rol.FG, organisatie__actief=True).exists():
        raise PermissionDenied


@transaction.atomic
def bewaren(*, door: Gebruiker, referentie: str, reden: str) -> Procedurebewaring:
    """Hold a signal past its term while a procedure runs ("bewaren wegens lopende procedure")."""
    _alleen_fg(door)
    reden = _reden(reden)
    signaal = _signaal_van_fg(door, referentie)
    if lopend_bewaard().filter(signaal=signaal).exists():
        raise ValidationError({"referentie": "Dit signaal wordt al bewaard wegens een lopende procedure."})
    bewaring = Procedurebewaring.objects.create(signaal=signaal, reden=reden, gezet_door=door)
    LogEntry.objects.log_create(
        signaal,
        action=LogEntry.Action.UPDATE,
        changes={"bewaren wegens lopende procedure": ["nee", "ja"], "reden": [MASKER, MASKER]},
        additional_data={"beschrijving": "Bewaren wegens lopende procedure"},
        actor=door,
    )
    return bewaring


@transaction.atomic
def bewaring_opheffen(*, door: Gebruiker, referentie: str, reden: str) -> Procedurebewaring:
    """End the hold: from now the signal's term counts again (and may already have passed)."""
    _alleen_fg(door)
    reden = _reden(reden)
    signaal = _signaal_van_fg(door, referentie)
    bewaring = lopend_bewaard().select_for_update().filter(signaal=signaal).first()
    if bewaring is None:
        raise ValidationError({"referentie": "Dit signaal wordt niet bewaard wegens een lopende procedure."})
    bewaring.opgeheven_door = door
    bewaring.opgeheven_op = timezone.now()
    bewaring.opheffen_reden = reden
    bewaring.save(update_fields=["opgeheven_door", "opgeheven_op", "opheffen_reden"])
    LogEntry.objects.log_create(
        signaal,
        action=LogEntry.Action.UPDATE,
        changes={"bewaren wegens lopende procedure": ["ja", "nee"], "reden van opheffen": [MASKER, MASKER]},
        additional_data={"beschrijving": "Bewaring wegens lopende procedure opgeheven"},
        actor=door,
    )
    return bewaring


@transaction.atomic
def termijnen_instellen(*, door: Gebruiker, regio_id: int, maanden: Mapping[str, int | None]) -> int:
    """Set the regio's term per afloop; None returns an afloop to the national default.

    The number of terms that changed; each change is in the audit log with old and new value.
    """
    regio = fg_regios(door).select_for_update().filter(pk=regio_id).first()
    if regio is None:
        raise PermissionDenied
    fouten = {
        afloop: f"Vul een termijn in van {MINIMUM_MAANDEN} tot en met {MAXIMUM_MAANDEN} maanden."
        for afloop, waarde in maanden.items()
        if waarde is not None and not MINIMUM_MAANDEN <= waarde <= MAXIMUM_MAANDEN
    }
    if fouten:
        raise ValidationError(fouten)
    bestaand = {t.afloop: t for t in Bewaartermijn.objects.filter(regio=regio)}
    gewijzigd = 0
    for afloop in Afloop.values:
        nieuw, oud = maanden.get(afloop), bestaand.get(afloop)
        if oud is not None and nieuw == oud.maanden:
            continue
        if oud is None and nieuw is None:
            continue
        if oud is None:
            assert nieuw is not None
            termijn = Bewaartermijn.objects.create(regio=regio, afloop=afloop, maanden=nieuw, gewijzigd_door=door)
            LogEntry.objects.log_create(
                termijn, action=LogEntry.Action.CREATE, changes={"maanden": ["None", str(nieuw)]}, actor=door
            )
        elif nieuw is None:
            LogEntry.objects.log_create(
                oud, action=LogEntry.Action.DELETE, changes={"maanden": [str(oud.maanden), "None"]}, actor=door
            )
            oud.delete()
        else:
            LogEntry.objects.log_create(
                oud, action=LogEntry.Action.UPDATE, changes={"maanden": [str(oud.maanden), str(nieuw)]}, actor=door
            )
            oud.maanden, oud.gewijzigd_door, oud.gewijzigd_op = nieuw, door, timezone.now()
            oud.save(update_fields=["maanden", "gewijzigd_door", "gewijzigd_op"])
        gewijzigd += 1
    return gewijzigd
