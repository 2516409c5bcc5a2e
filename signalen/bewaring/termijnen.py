"""The terms: per regio and afloop, counted from closing; the FG's scope; what falls due."""

import calendar
import datetime
from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Exists, OuterRef, Q, QuerySet

from ketenpartners.models import Organisatie, Regio
from mensenhandel.werkdagen import einde_van, lokale_datum
from signalen.models import Bewaartermijn, Procedurebewaring, Signaal
from signalen.termijnen import regio_per_gemeente
from signalen.workflow import Afloop, Status

# The national defaults in months, counted from closing, with the reason for each
# (docs/adr/0009-bewaartermijnen.md). The gemeente's signal is never the case file: that lives with
# the partner who carries the follow-up, under its own retention.
LANDELIJKE_TERMIJNEN: dict[str, int] = {
    # No mensenhandel, or not enough to go on: a year, so that a new weak signal about the same
    # person or address can still be put beside it ("0 + 0 + 0 = 1"), and no longer.
    Afloop.TERUGLEGGING: 12,
    # Care (zorgcoördinatie) or procesregie at the Zorg- en Veiligheidshuis: the file is theirs;
    # two years, one evaluation cycle, to answer questions and to recognise a relapse.
    Afloop.ZORGTRAJECT: 24,
    Afloop.PROCESREGIE_ZVH: 24,
    # RIEC-weging / bestuurlijke aanpak: a closure or Bibob decision can be contested in bezwaar
    # and beroep, which takes years; three.
    Afloop.BESTUURLIJK: 36,
    # Criminal proceedings, appeal included, often take years; five, and a hold for longer.
    Afloop.STRAFRECHTELIJK: 60,
}

# Closing dates are local dates. A month after the 31st is the last day of the next month, so a
# term may end up to three days before its day number: the database query allows that slack, and
# the exact date decides.
_SPELING = datetime.timedelta(days=3)


def maanden_later(datum: datetime.date, maanden: int) -> datetime.date:
    """The same day ``maanden`` months later (or earlier); past the month's end, its last day."""
    jaren, maand = divmod(datum.month - 1 + maanden, 12)
    jaar = datum.year + jaren
    return datum.replace(year=jaar, month=maand + 1, day=min(datum.day, calendar.monthrange(jaar, maand + 1)[1]))


def termijn_tekst(maanden: int) -> str:
    if maanden % 12 == 0:
        return f"{maanden // 12} jaar"
    return "1 maand" if maanden == 1 else f"{maanden} maanden"


# Who: the FG's scope.


# What: the terms and what falls due.


@dataclass(frozen=True)
class Termijn:
    afloop: str
    maanden: int
    landelijk: bool  # the national default, because the regio has none of its own

    @property
    def afloop_tekst(self) -> str:
        return Afloop(self.afloop).label

    @property
    def tekst(self) -> str:
        return termijn_tekst(self.maanden)


def termijnen_van(regio: Regio | None) -> list[Termijn]:
    """The term of every afloop in the regio, in the order of the afloop list."""
    eigen = dict(Bewaartermijn.objects.filter(regio=regio).values_list("afloop", "maanden")) if regio else {}
    return [
        Termijn(afloop, eigen.get(afloop, LANDELIJKE_TERMIJNEN[afloop]), afloop not in eigen)
        for afloop in Afloop.values
    ]


class Termijntabel:
    """Every term and every gemeente's regio, read once per run or page."""

    def __init__(self, gemeente_ids: Collection[int]) -> None:
        self.regio = regio_per_gemeente(gemeente_ids)
        self.maanden: dict[tuple[int | None, str], int] = {
            (regio_id, afloop): maanden
            for regio_id, afloop, maanden in Bewaartermijn.objects.values_list("regio_id", "afloop", "maanden")
        }

    def termijn(self, gemeente_id: int, afloop: str) -> int | None:
        """Months to keep; None for an afloop that has no term (none recorded): kept."""
        if afloop not in LANDELIJKE_TERMIJNEN:
            return None
        return self.maanden.get((self.regio.get(gemeente_id), afloop), LANDELIJKE_TERMIJNEN[afloop])


@dataclass(frozen=True)
class Verval:
    """A closed signal and the day its term ends."""

    signaal: Signaal
    afgesloten_op: datetime.date
    maanden: int
    vervaldatum: datetime.date

    @property
    def termijn_tekst(self) -> str:
        return termijn_tekst(self.maanden)


def verval_van(signaal: Signaal, tabel: Termijntabel) -> Verval | None:
    if signaal.status != Status.AFGESLOTEN:
        return None
    maanden = tabel.termijn(signaal.gemeente_id, signaal.afloop)
    if maanden is None:
        return None
    # The route sets stap_sinds at every step, so for a closed signal it is the moment it closed.
    afgesloten = lokale_datum(signaal.stap_sinds)
    return Verval(signaal, afgesloten, maanden, maanden_later(afgesloten, maanden))


def lopend_bewaard() -> QuerySet[Procedurebewaring]:
    return Procedurebewaring.objects.filter(opgeheven_op__isnull=True)


def te_verwijderen(*, tot: datetime.date, gemeente_ids: Collection[int] | None = None) -> list[Verval]:
    """Closed signals, not on hold, whose term ends on or before ``tot``: soonest first."""
    if gemeente_ids is None:
        gemeente_ids = list(Organisatie.objects.filter(soort=Organisatie.Soort.GEMEENTE).values_list("pk", flat=True))
    tabel = Termijntabel(gemeente_ids)
    # One condition per afloop and term: the gemeenten that keep that afloop that long.
    groepen: dict[tuple[str, int], list[int]] = defaultdict(list)
    for gemeente_id in gemeente_ids:
        for afloop in Afloop.values:
            maanden = tabel.termijn(gemeente_id, afloop)
            if maanden is not None:
                groepen[afloop, maanden].append(gemeente_id)
    voorwaarde = Q(pk__in=[])
    for (afloop, maanden), ids in groepen.items():
        grens = einde_van(maanden_later(tot, -maanden) + _SPELING)
        voorwaarde |= Q(afloop=afloop, gemeente_id__in=ids, stap_sinds__lt=grens)
    kandidaten = (
        Signaal.objects.filter(voorwaarde, status=Status.AFGESLOTEN)
        .exclude(Exists(lopend_bewaard().filter(signaal=OuterRef("pk"))))
        .select_related("gemeente")
        .only("referentie", "gemeente__naam", "status", "afloop", "stap_sinds")
    )
    gevonden = [v for v in (verval_van(s, tabel) for s in kandidaten) if v is not None and v.vervaldatum <= tot]
    return sorted(gevonden, key=lambda v: (v.vervaldatum, v.signaal.referentie))


def vooruitkijken(vandaag: datetime.date) -> datetime.date:
    """The last day the FG's list of what falls due looks at."""
    return vandaag + datetime.timedelta(days=settings.BEWARING_VOORUITKIJKEN_DAGEN)
