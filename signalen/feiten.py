"""Keeping the non-personal facts of a signal (``Signaalfeiten``) in step with its route.

``bereken`` is a pure function of the report moment and the route's transitions, so the route
services, the migration that filled the table and a rebuild all compute the same figures.
"""

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from mensenhandel.werkdagen import lokale_datum, werkdagen_tussen
from signalen import nationaliteiten, termijnen
from signalen.models import STAPPEN, Delingsfeit, Signaal, Signaalfeiten, Terugmeldingsfeit
from signalen.workflow import Status


@dataclass(frozen=True)
class Overgang:
    """One registration of the route: what was done, to which step, when."""

    actie: str
    van: str
    naar: str
    op: datetime.datetime


def bereken(
    *, gemeld_op: datetime.datetime, overgangen: Sequence[Overgang], terugkoppeling_weken: int
) -> dict[str, Any]:
    """The facts that follow from the route: first arrival per step, werkdagen spent in the step
    before it, whether the exit was taken, how often it was reopened, and the feedback term."""
    feiten: dict[str, Any] = {f"{stap}_op": None for stap in STAPPEN} | {f"duur_{stap}": None for stap in STAPPEN}
    sinds = gemeld_op  # when the signal entered the step it is in
    heropend = 0
    geen_mensenhandel = False
    for overgang in sorted(overgangen, key=lambda o: o.op):
        heropend += overgang.actie == "heropenen"
        geen_mensenhandel |= overgang.actie == "geen_mensenhandel"
        if overgang.van == overgang.naar:
            continue
        if overgang.naar in STAPPEN and feiten[f"{overgang.naar}_op"] is None:
            feiten[f"{overgang.naar}_op"] = overgang.op
            feiten[f"duur_{overgang.naar}"] = max(0, werkdagen_tussen(lokale_datum(sinds), lokale_datum(overgang.op)))
        sinds = overgang.op
    teruggekoppeld = feiten[f"{Status.TERUGKOPPELING}_op"]
    feiten["heropend"] = heropend
    feiten["geen_mensenhandel"] = geen_mensenhandel
    feiten["werkdagen_tot_terugkoppeling"] = None
    feiten["terugkoppeling_binnen_termijn"] = None
    if teruggekoppeld is not None:
        gemeld, gegeven = lokale_datum(gemeld_op), lokale_datum(teruggekoppeld)
        feiten["werkdagen_tot_terugkoppeling"] = max(0, werkdagen_tussen(gemeld, gegeven))
        feiten["terugkoppeling_binnen_termijn"] = gegeven <= gemeld + datetime.timedelta(weeks=terugkoppeling_weken)
    return feiten


# Age bands for the figures and the monitoring export (CoMensha): fine enough to count, no finer.
LEEFTIJDEN = [(0, 17, "0-17"), (18, 22, "18-22"), (23, 29, "23-29"), (30, 39, "30-39"), (40, 49, "40-49")]


def leeftijdsgroep(geboortedatum: datetime.date | None, op: datetime.date) -> str:
    if geboortedatum is None or geboortedatum > op:
        return "onbekend"
    jaren = op.year - geboortedatum.year - ((op.month, op.day) < (geboortedatum.month, geboortedatum.day))
    return next((naam for onder, boven, naam in LEEFTIJDEN if onder <= jaren <= boven), "50+")


def slachtoffer_feiten(signaal: Signaal) -> dict[str, str]:
    """Age band and nationality group of the signal's first possible victim, or "onbekend"."""
    eerste = signaal.betrokkenen.filter(rol="slachtoffer").order_by("pk").first()
    if eerste is None:
        return {"leeftijd": "onbekend", "nationaliteit": nationaliteiten.ONBEKEND}
    return {
        "leeftijd": leeftijdsgroep(eerste.geboortedatum, lokale_datum(signaal.ingediend_op)),
        "nationaliteit": nationaliteiten.groep(eerste.nationaliteit),
    }


def bijwerken(signaal: Signaal, *, overgangen: Sequence[Overgang]) -> Signaalfeiten:
    """Write the signal's facts as they are now; call in the transaction of the change."""
    instellingen = termijnen.instellingen_voor(termijnen.regio_van(signaal.gemeente))
    waarden = bereken(
        gemeld_op=signaal.ingediend_op, overgangen=overgangen, terugkoppeling_weken=instellingen.terugkoppeling_weken
    )
    feiten, _ = Signaalfeiten.objects.update_or_create(
        signaal=signaal,
        defaults={
            "gemeente_id": signaal.gemeente_id,
            "team_id": signaal.team_id,
            "acuut": signaal.acuut,
            "gemeld_op": signaal.ingediend_op,
            "status": signaal.status,
            "afloop": signaal.afloop,
            **slachtoffer_feiten(signaal),
            **waarden,
        },
    )
    feiten.vormen.set(signaal.vormen.all())
    return feiten


def gedeeld(*, gemeente_id: int, organisatie_id: int, op: datetime.datetime) -> None:
    Delingsfeit.objects.create(gemeente_id=gemeente_id, organisatie_id=organisatie_id, gedeeld_op=op)


def teruggemeld(*, gemeente_id: int, organisatie_id: int, op: datetime.datetime) -> None:
    Terugmeldingsfeit.objects.create(gemeente_id=gemeente_id, organisatie_id=organisatie_id, op=op)
