"""The terms of the meldroute and their escalations: the one table that the werkbak, the detail
page, "Actie nodig" and the reminder sweep all read.

| term           | runs while                          | due                        | escalation   |
| -------------- | ----------------------------------- | -------------------------- | ------------ |
| in behandeling | stap 1 (opgepikt)                   | n werkdagen after intake;  | n werkdagen  |
|                |                                     | acuut: n hours             | acuut: at once |
| verrijken      | stap 2 (ontvangen)                  | n werkdagen after taking   | n werkdagen  |
| terugkoppeling | stap 1 to 6, until the melder had   | n weeks after intake, end  | n werkdagen  |
|                | feedback                            | of that day                |              |
| herbeoordeling | stap 3 to 6 with a date             | the start of that date     | none         |

Who hears of a passed term and of an escalation is decided in meldroute/herinneringen.py from
the same ``Termijn`` values.
"""

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.db import connection, models

from ketenpartners.models import Organisatie, Regio
from mensenhandel.werkdagen import begin_van, einde_van, lokale_datum, werkdagen_na, werkdagen_tussen
from signalen.models import Signaal, Termijninstellingen
from signalen.workflow import MONITORING_STATUSSEN, Status

# Steps before the feedback to the melder: while the signal is in one of these and the melder had
# no feedback yet, the feedback term runs.
VOOR_TERUGKOPPELING = (
    Status.OPGEPIKT,
    Status.ONTVANGEN,
    Status.VERRIJKT,
    Status.LOKALE_TAFEL,
    Status.RIEC,
    Status.INFORMATIEPLEIN,
)


class Termijnsoort(models.TextChoices):
    IN_BEHANDELING = "in_behandeling", "in behandeling nemen"
    VERRIJKEN = "verrijken", "verrijken"
    TERUGKOPPELING = "terugkoppeling", "terugkoppeling aan de melder"
    HERBEOORDELING = "herbeoordeling", "herbeoordelen"


# The terms that belong to a step: the signal's stap_termijn_op holds whichever applies.
STAPTERMIJNEN: dict[str, Termijnsoort] = {
    Status.OPGEPIKT: Termijnsoort.IN_BEHANDELING,
    Status.ONTVANGEN: Termijnsoort.VERRIJKEN,
}


@dataclass(frozen=True)
class Termijn:
    soort: Termijnsoort
    op: datetime.datetime  # the moment the term has passed (a herbeoordeling: is due)
    escalatie_op: datetime.datetime | None
    acuut: bool = False

    @property
    def laatste_dag(self) -> datetime.date:
        """The last day within the term; for a herbeoordeling the day itself."""
        if self.soort == Termijnsoort.HERBEOORDELING or self.acuut:
            return lokale_datum(self.op)
        return lokale_datum(self.op - datetime.timedelta(microseconds=1))

    @property
    def wat(self) -> str:
        return self.soort.label


def instellingen_voor(regio: Regio | None) -> Termijninstellingen:
    """The regio's terms, or the defaults when the beheerder has set none (an unsaved row)."""
    if regio is None:
        return Termijninstellingen()
    try:
        return regio.termijnen
    except Termijninstellingen.DoesNotExist:
        return Termijninstellingen(regio=regio)


def regio_van(gemeente: Organisatie) -> Regio | None:
    """A gemeente belongs to one regio; the first by name if the beheerder linked more.

    Remembered on the gemeente object, so one change of a signal (its terms, its facts) asks once.
    """
    if not hasattr(gemeente, "_regio"):
        gemeente._regio = gemeente.regios.order_by("naam").first()  # type: ignore[attr-defined]
    regio: Regio | None = gemeente._regio  # type: ignore[attr-defined]
    return regio


def regio_per_gemeente(gemeente_ids: Iterable[int]) -> dict[int, int]:
    """Each gemeente's regio (the first by name), in one query."""
    koppelingen = (
        Organisatie.regios.through.objects.filter(organisatie_id__in=set(gemeente_ids))
        .order_by("organisatie_id", "regio__naam")
        .values_list("organisatie_id", "regio_id")
    )
    regio_per_gemeente: dict[int, int] = {}
    for gemeente_id, regio_id in koppelingen:
        regio_per_gemeente.setdefault(gemeente_id, regio_id)
    return regio_per_gemeente


def instellingen_per_gemeente(gemeente_ids: Iterable[int]) -> dict[int, Termijninstellingen]:
    """The terms of many gemeenten in two queries, for the sweep."""
    gemeente_ids = set(gemeente_ids)
    regios = regio_per_gemeente(gemeente_ids)
    opgeslagen = {t.regio_id: t for t in Termijninstellingen.objects.filter(regio_id__in=regios.values())}
    standaard = Termijninstellingen()
    return {gemeente_id: opgeslagen.get(regios.get(gemeente_id, -1), standaard) for gemeente_id in gemeente_ids}


def _met_escalatie(soort: Termijnsoort, laatste_dag: datetime.date, instellingen: Termijninstellingen) -> Termijn:
    """A term that ends with ``laatste_dag`` and escalates n werkdagen later."""
    return Termijn(
        soort=soort,
        op=einde_van(laatste_dag),
        escalatie_op=einde_van(werkdagen_na(laatste_dag, instellingen.escalatie_werkdagen)),
    )


def termijnen_van(signaal: Signaal, instellingen: Termijninstellingen) -> list[Termijn]:
    """Every term that runs for the signal now, earliest first."""
    termijnen: list[Termijn] = []
    gemeld = signaal.ingediend_op
    if signaal.status == Status.OPGEPIKT:
        if signaal.acuut:
            # Elapsed hours, whatever the day or the clock change: the escalation goes out at once.
            op = gemeld + datetime.timedelta(hours=instellingen.ontvangen_acuut_uren)
            termijnen.append(Termijn(Termijnsoort.IN_BEHANDELING, op=op, escalatie_op=op, acuut=True))
        else:
            laatste = werkdagen_na(lokale_datum(gemeld), instellingen.ontvangen_werkdagen)
            termijnen.append(_met_escalatie(Termijnsoort.IN_BEHANDELING, laatste, instellingen))
    elif signaal.status == Status.ONTVANGEN:
        laatste = werkdagen_na(lokale_datum(signaal.stap_sinds), instellingen.verrijken_werkdagen)
        termijnen.append(_met_escalatie(Termijnsoort.VERRIJKEN, laatste, instellingen))
    if signaal.status in VOOR_TERUGKOPPELING and signaal.teruggekoppeld_op is None:
        laatste = lokale_datum(gemeld) + datetime.timedelta(weeks=instellingen.terugkoppeling_weken)
        termijnen.append(_met_escalatie(Termijnsoort.TERUGKOPPELING, laatste, instellingen))
    if signaal.status in MONITORING_STATUSSEN and signaal.herbeoordelen_op is not None:
        herbeoordeling = begin_van(signaal.herbeoordelen_op)
        termijnen.append(Termijn(Termijnsoort.HERBEOORDELING, op=herbeoordeling, escalatie_op=None))
    return sorted(termijnen, key=lambda t: t.op)


TERMIJNVELDEN = [
    "stap_termijn_op",
    "stap_escalatie_op",
    "terugkoppeling_termijn_op",
    "terugkoppeling_escalatie_op",
    "volgende_termijn_op",
    "volgende_controle_op",
]


def bijwerken(
    signaal: Signaal, instellingen: Termijninstellingen, *, gecontroleerd_tot: datetime.datetime | None
) -> list[Termijn]:
    """Write the signal's terms into its term fields (no save) and return them.

    ``gecontroleerd_tot``: the sweep has handled every moment up to then, so the next check is
    the first moment after it. A change of the signal passes None: its new moments are all
    looked at again (reminders already sent are not sent twice: their keys exist).
    """
    termijnen = termijnen_van(signaal, instellingen)
    per_soort = {t.soort: t for t in termijnen}
    stapsoort = STAPTERMIJNEN.get(signaal.status)
    stap = per_soort.get(stapsoort) if stapsoort else None
    terugkoppeling = per_soort.get(Termijnsoort.TERUGKOPPELING)
    momenten = [m for t in termijnen for m in (t.op, t.escalatie_op) if m is not None]
    if gecontroleerd_tot is not None:
        momenten = [m for m in momenten if m > gecontroleerd_tot]
    nieuw = {
        "stap_termijn_op": stap.op if stap else None,
        "stap_escalatie_op": stap.escalatie_op if stap else None,
        "terugkoppeling_termijn_op": terugkoppeling.op if terugkoppeling else None,
        "terugkoppeling_escalatie_op": terugkoppeling.escalatie_op if terugkoppeling else None,
        "volgende_termijn_op": termijnen[0].op if termijnen else None,
        "volgende_controle_op": min(momenten) if momenten else None,
    }
    for veld, waarde in nieuw.items():
        setattr(signaal, veld, waarde)
    return termijnen


def opslaan(signalen: Sequence[Signaal]) -> None:
    """Write the term fields of many signals, one parameterised UPDATE per row.

    Django's bulk_update builds a CASE per field per row, which costs more than the sweep's own
    work; this stays plain SQL on PostgreSQL and SQLite alike. Only term fields: no audit entry
    is due (signalen/audit.py leaves them out) and ``gewijzigd_op`` stays as the user left it.
    """
    if not signalen:
        return
    velden = [Signaal._meta.get_field(naam) for naam in TERMIJNVELDEN]
    quote = connection.ops.quote_name
    toewijzingen = ", ".join(f"{quote(veld.column)} = %s" for veld in velden)
    sql = f"UPDATE {quote(Signaal._meta.db_table)} SET {toewijzingen} WHERE {quote(Signaal._meta.pk.column)} = %s"  # noqa: S608 - names from the model
    rijen = [
        [veld.get_db_prep_value(getattr(signaal, veld.attname), connection) for veld in velden] + [signaal.pk]
        for signaal in signalen
    ]
    with connection.cursor() as cursor:
        cursor.executemany(sql, rijen)


def bijwerken_voor_gemeente(signaal: Signaal) -> None:
    """Recompute the terms after a change of the signal (its regio's settings, no save)."""
    bijwerken(signaal, instellingen_voor(regio_van(signaal.gemeente)), gecontroleerd_tot=None)


@dataclass(frozen=True)
class Stand:
    """How a term stands now, in the words of the werkbak: "nog 3 werkdagen", "2 werkdagen over de termijn"."""

    termijn: Termijn
    werkdagen: int  # werkdagen from today to the last day of the term; negative when past it
    uren: int  # for an acute term: whole hours left, or over when negative
    verstreken: bool

    @property
    def tekst(self) -> str:
        if self.termijn.acuut:
            if not self.verstreken:
                return f"nog {self.uren} uur"
            return f"{-self.uren} uur over de termijn" if self.uren < 0 else "termijn verstreken"
        if self.werkdagen > 0:
            return f"nog {self.werkdagen} {'werkdag' if self.werkdagen == 1 else 'werkdagen'}"
        if self.werkdagen == 0:
            if self.verstreken and self.termijn.soort != Termijnsoort.HERBEOORDELING:
                return "termijn verstreken"
            return "vandaag"
        dagen = -self.werkdagen
        return f"{dagen} {'werkdag' if dagen == 1 else 'werkdagen'} over de termijn"


def stand(termijn: Termijn, nu: datetime.datetime) -> Stand:
    verschil = termijn.op - nu
    seconden = verschil.total_seconds()
    # Hours left round up (59 minutes left is "nog 1 uur"); hours over round down.
    uren = -int(-seconden // 3600)
    return Stand(
        termijn=termijn,
        werkdagen=werkdagen_tussen(lokale_datum(nu), termijn.laatste_dag),
        uren=uren,
        verstreken=nu >= termijn.op,
    )


def opgeslagen_termijnen(signaal: Signaal) -> list[Termijn]:
    """The signal's running terms from its stored fields (no settings needed), earliest first."""
    termijnen = []
    stapsoort = STAPTERMIJNEN.get(signaal.status)
    if signaal.stap_termijn_op and stapsoort:
        acuut = signaal.acuut and signaal.status == Status.OPGEPIKT
        termijnen.append(Termijn(stapsoort, signaal.stap_termijn_op, signaal.stap_escalatie_op, acuut=acuut))
    if signaal.terugkoppeling_termijn_op:
        termijnen.append(
            Termijn(Termijnsoort.TERUGKOPPELING, signaal.terugkoppeling_termijn_op, signaal.terugkoppeling_escalatie_op)
        )
    if signaal.herbeoordelen_op and signaal.status in MONITORING_STATUSSEN:
        termijnen.append(Termijn(Termijnsoort.HERBEOORDELING, begin_van(signaal.herbeoordelen_op), None))
    return sorted(termijnen, key=lambda t: t.op)


def volgende_termijn(signaal: Signaal) -> Termijn | None:
    termijnen = opgeslagen_termijnen(signaal)
    return termijnen[0] if termijnen else None
