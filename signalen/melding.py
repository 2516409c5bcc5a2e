"""The melder's report as submitted (``OorspronkelijkeMelding``): written at intake, read unchanged.

The AF may add to and correct the dossier in steps 2 to 6; this copy keeps what the melder wrote,
so the AF (and the melder on "Mijn signalen") can always read it as it came in. Plain JSON values:
codes and texts, dates as ISO strings. Betrokkenen and locaties keep the id of their row, so the
functionaris gegevensbescherming's correction or removal of a betrokkene reaches this copy too.
"""

import datetime
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.utils import formats

from signalen.models import Betrokkene, OorspronkelijkeMelding, Signaal

# The personal-data fields of a betrokkene and a locatie, in the order of the intake form: the
# one list for the kept original report, the AF's dossier and the FG's correction and erasure.
BETROKKENE_VELDEN = ["rol", "naam", "geboortedatum", "nationaliteit", "adres", "telefoon", "notities"]
LOCATIE_VELDEN = ["adres", "bedrijfsnaam", "kvk_nummer", "omschrijving"]


def _json(waarde: Any) -> Any:
    return waarde.isoformat() if isinstance(waarde, datetime.date) else waarde


def momentopname(signaal: Signaal) -> dict[str, Any]:
    """The signal as it is now, as plain JSON values. Called at intake, before anyone changed it."""
    return {
        "gemeente": signaal.gemeente.naam,
        "team": signaal.team.naam,
        "waargenomen_op": signaal.waargenomen_op.isoformat(),
        "omschrijving": signaal.omschrijving,
        "acuut": signaal.acuut,
        "vormen": [v.naam for v in signaal.vormen.order_by("volgorde", "naam")],
        "indicatoren": [i.naam for i in signaal.indicatoren.order_by("naam")],
        "betrokkenen": [
            {"id": b.pk, **{v: _json(getattr(b, v)) for v in BETROKKENE_VELDEN}}
            for b in signaal.betrokkenen.order_by("pk")
        ],
        "locaties": [
            {"id": loc.pk, **{v: getattr(loc, v) for v in LOCATIE_VELDEN}} for loc in signaal.locaties.order_by("pk")
        ],
        "bijlagen": [{"id": b.pk, "naam": b.naam} for b in signaal.bijlagen.order_by("pk")],
    }


def vastleggen(signaal: Signaal) -> OorspronkelijkeMelding:
    """Keep the report as submitted; call in the intake transaction."""
    return OorspronkelijkeMelding.objects.create(signaal=signaal, gegevens=momentopname(signaal))


# The right to rectification and erasure (gegevensbescherming/fg.py) reaches the copy as well.


def betrokkene_corrigeren(*, signaal: Signaal, betrokkene_id: int, gegevens: Mapping[str, Any]) -> None:
    """Write the FG's corrected fields of this betrokkene into the copy, if it was reported."""
    melding = OorspronkelijkeMelding.objects.select_for_update().filter(signaal=signaal).first()
    if melding is None:
        return
    for betrokkene in melding.gegevens.get("betrokkenen", []):
        if betrokkene.get("id") == betrokkene_id:
            betrokkene.update({v: _json(w) for v, w in gegevens.items() if v in BETROKKENE_VELDEN})
    melding.save(update_fields=["gegevens"])


def betrokkene_verwijderen(*, signaal: Signaal, betrokkene_id: int) -> None:
    """Take this betrokkene out of the copy, as the FG removed it from the signal."""
    melding = OorspronkelijkeMelding.objects.select_for_update().filter(signaal=signaal).first()
    if melding is None:
        return
    melding.gegevens["betrokkenen"] = [
        b for b in melding.gegevens.get("betrokkenen", []) if b.get("id") != betrokkene_id
    ]
    melding.save(update_fields=["gegevens"])


# Reading it back, with Dutch labels and dates as the templates show them.


@dataclass(frozen=True)
class Weergave:
    """The report as submitted, ready for a template."""

    gemeente: str
    team: str
    waargenomen_op: datetime.date | None
    omschrijving: str
    acuut: bool
    vormen: list[str]
    indicatoren: list[str]
    betrokkenen: list[list[tuple[str, str]]] = field(default_factory=list)
    locaties: list[list[tuple[str, str]]] = field(default_factory=list)
    bijlagen: list[str] = field(default_factory=list)


BETROKKENE_LABELS = {
    "rol": "Rol",
    "naam": "Naam",
    "geboortedatum": "Geboortedatum",
    "nationaliteit": "Nationaliteit",
    "adres": "Adres",
    "telefoon": "Telefoonnummer",
    "notities": "Notities",
}
LOCATIE_LABELS = {
    "bedrijfsnaam": "Bedrijfsnaam",
    "adres": "Adres",
    "kvk_nummer": "KvK-nummer",
    "omschrijving": "Omschrijving",
}


def _datum(tekst: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(tekst) if tekst else None


def _datumtekst(tekst: str) -> str:
    """22 november 2026, as |date:"j F Y" writes it."""
    return formats.date_format(datetime.date.fromisoformat(tekst), "j F Y")


def _betrokkene(gegevens: Mapping[str, Any]) -> list[tuple[str, str]]:
    regels = []
    for veld, label in BETROKKENE_LABELS.items():
        waarde = gegevens.get(veld)
        if not waarde:
            continue
        if veld == "rol":
            waarde = Betrokkene.Rol(waarde).label if waarde in Betrokkene.Rol.values else waarde
        elif veld == "geboortedatum":
            waarde = _datumtekst(waarde)
        regels.append((label, str(waarde)))
    return regels


def betrokkene_zoals_gemeld(melding: OorspronkelijkeMelding | None, betrokkene_id: int) -> list[tuple[str, str]]:
    """This betrokkene's fields as the melder reported them (empty when not in the report)."""
    for gegevens in melding.gegevens.get("betrokkenen", []) if melding else []:
        if gegevens.get("id") == betrokkene_id:
            return _betrokkene(gegevens)
    return []


def betrokkene_regels(betrokkene: Betrokkene) -> list[tuple[str, str]]:
    """The betrokkene as the record holds it now, in the same lines as ``betrokkene_zoals_gemeld``."""
    return _betrokkene({v: _json(getattr(betrokkene, v)) for v in BETROKKENE_VELDEN})


def weergave(melding: OorspronkelijkeMelding | None) -> Weergave | None:
    if melding is None:
        return None
    g = melding.gegevens
    return Weergave(
        gemeente=g.get("gemeente", ""),
        team=g.get("team", ""),
        waargenomen_op=_datum(g.get("waargenomen_op")),
        omschrijving=g.get("omschrijving", ""),
        acuut=bool(g.get("acuut")),
        vormen=list(g.get("vormen", [])),
        indicatoren=list(g.get("indicatoren", [])),
        betrokkenen=[_betrokkene(b) for b in g.get("betrokkenen", [])],
        locaties=[
            [(label, str(loc[veld])) for veld, label in LOCATIE_LABELS.items() if loc.get(veld)]
            for loc in g.get("locaties", [])
        ],
        bijlagen=[b.get("naam", "") for b in g.get("bijlagen", [])],
    )


def van_signaal(signaal: Signaal) -> Weergave | None:
    """The report as submitted of this signal; None for a signal without a copy."""
    try:
        return weergave(signaal.oorspronkelijke_melding)
    except OorspronkelijkeMelding.DoesNotExist:
        return None
