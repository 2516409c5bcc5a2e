"""The figures of the dashboards and the evaluation report: aggregates only, computed in the database
from the non-personal facts (signalen.models.feiten). One query per figure, whatever the number of
signals. Small counts are not hidden here but in evaluatie/dashboard.py, which shows them.
"""

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from django.db import connection
from django.db.models import Count, F, Min, OuterRef, Q, QuerySet, Subquery, Sum
from django.db.models.functions import ExtractYear, TruncMonth, TruncQuarter

from evaluatie.aggregaten import Percentiel
from evaluatie.models import Training
from ketenpartners.models import Organisatie, Regio
from mensenhandel.werkdagen import ZONE, begin_van, einde_van, lokale_datum
from signalen.models import (
    STAPPEN,
    Delingsfeit,
    Matchsleutel,
    Signaalfeiten,
    Team,
    Termijninstellingen,
    Terugmeldingsfeit,
    Vorm,
)
from signalen.termijnen import regio_per_gemeente
from signalen.workflow import Afloop, Status


def jaren_later(datum: datetime.date, jaren: int) -> datetime.date:
    """The same day ``jaren`` years later (or earlier); 29 February becomes 28 February."""
    try:
        return datum.replace(year=datum.year + jaren)
    except ValueError:
        return datum.replace(year=datum.year + jaren, day=28)


@dataclass(frozen=True)
class Periode:
    van: datetime.date
    tot: datetime.date  # inclusive

    @property
    def begin(self) -> datetime.datetime:
        return begin_van(self.van)

    @property
    def einde(self) -> datetime.datetime:
        return einde_van(self.tot)

    @property
    def dagen(self) -> int:
        return (self.tot - self.van).days + 1

    def vorige(self) -> "Periode":
        """The period of the same length just before this one (for "before and after")."""
        return Periode(van=self.van - datetime.timedelta(days=self.dagen), tot=self.van - datetime.timedelta(days=1))

    @classmethod
    def laatste_12_maanden(cls, vandaag: datetime.date) -> "Periode":
        return cls(van=jaren_later(vandaag, -1) + datetime.timedelta(days=1), tot=vandaag)


def feiten(gemeente_ids: Sequence[int], periode: Periode) -> QuerySet[Signaalfeiten]:
    """The facts of signals reported in the period in these gemeenten (index on gemeente, date)."""
    return Signaalfeiten.objects.filter(
        gemeente_id__in=gemeente_ids, gemeld_op__gte=periode.begin, gemeld_op__lt=periode.einde
    )


def per_stap(qs: QuerySet[Signaalfeiten]) -> dict[str, int]:
    """The step each signal has reached now, in route order (every step, zero included)."""
    aantallen = {status.value: 0 for status in Status}
    aantallen.update(dict(qs.order_by().values_list("status").annotate(n=Count("pk"))))
    return aantallen


def per_vorm(qs: QuerySet[Signaalfeiten]) -> list[tuple[str, int]]:
    """Signals per vorm; a signal with two vormen counts in both."""
    doorgang = Signaalfeiten.vormen.through.objects.filter(signaalfeiten__in=qs.values("pk"))
    gevonden = dict(doorgang.order_by().values_list("vorm_id").annotate(n=Count("pk")))
    return [(vorm.naam, gevonden.get(vorm.pk, 0)) for vorm in Vorm.objects.order_by("volgorde", "naam")]


@dataclass(frozen=True)
class GemeenteRij:
    gemeente: Organisatie
    signalen: int
    acuut: int


def per_gemeente(qs: QuerySet[Signaalfeiten], gemeenten: Sequence[Organisatie]) -> list[GemeenteRij]:
    rijen = {
        gemeente_id: (n, acuut)
        for gemeente_id, n, acuut in qs.order_by()
        .values_list("gemeente_id")
        .annotate(n=Count("pk"), acuut=Count("pk", filter=Q(acuut=True)))
    }
    return [GemeenteRij(g, *rijen.get(g.pk, (0, 0))) for g in gemeenten]


def per_team(qs: QuerySet[Signaalfeiten]) -> list[tuple[str, int]]:
    """Signals per reporting team: every active team, and any other that reported."""
    gevonden = dict(qs.order_by().values_list("team_id").annotate(n=Count("pk")))
    teams = Team.objects.filter(Q(actief=True) | Q(pk__in=list(gevonden))).order_by("volgorde", "naam")
    return [(team.naam, gevonden.get(team.pk, 0)) for team in teams]


def per_afloop(qs: QuerySet[Signaalfeiten]) -> list[tuple[str, int]]:
    """Of the signals that are closed: their outcome."""
    gevonden = dict(qs.filter(status=Status.AFGESLOTEN).order_by().values_list("afloop").annotate(n=Count("pk")))
    return [(afloop.label, gevonden.get(afloop.value, 0)) for afloop in Afloop]


@dataclass(frozen=True)
class Doorlooptijd:
    stap: str  # the step reached
    aantal: int
    mediaan: float | None  # werkdagen
    p90: float | None


@dataclass(frozen=True)
class Kerncijfers:
    signalen: int
    acuut: int
    afgesloten: int
    teruggekoppeld: int
    binnen_termijn: int
    geen_mensenhandel: int
    doorlooptijden: list[Doorlooptijd]
    tot_terugkoppeling: Doorlooptijd


def kerncijfers(qs: QuerySet[Signaalfeiten]) -> Kerncijfers:
    """Counts, and per step the median and 90th percentile of the werkdagen it took: one query."""
    velden = {
        "signalen": Count("pk"),
        "acuut": Count("pk", filter=Q(acuut=True)),
        "afgesloten": Count("pk", filter=Q(status=Status.AFGESLOTEN)),
        "teruggekoppeld": Count("werkdagen_tot_terugkoppeling"),
        "binnen_termijn": Count("pk", filter=Q(terugkoppeling_binnen_termijn=True)),
        "geen_mensenhandel": Count("pk", filter=Q(geen_mensenhandel=True)),
        "tk_mediaan": Percentiel("werkdagen_tot_terugkoppeling", 0.5),
        "tk_p90": Percentiel("werkdagen_tot_terugkoppeling", 0.9),
    }
    for stap in STAPPEN:
        velden[f"{stap}_n"] = Count(f"duur_{stap}")
        velden[f"{stap}_mediaan"] = Percentiel(f"duur_{stap}", 0.5)
        velden[f"{stap}_p90"] = Percentiel(f"duur_{stap}", 0.9)
    r = qs.order_by().aggregate(**velden)
    return Kerncijfers(
        signalen=r["signalen"],
        acuut=r["acuut"],
        afgesloten=r["afgesloten"],
        teruggekoppeld=r["teruggekoppeld"],
        binnen_termijn=r["binnen_termijn"],
        geen_mensenhandel=r["geen_mensenhandel"],
        doorlooptijden=[Doorlooptijd(stap, r[f"{stap}_n"], r[f"{stap}_mediaan"], r[f"{stap}_p90"]) for stap in STAPPEN],
        tot_terugkoppeling=Doorlooptijd(Status.TERUGKOPPELING, r["teruggekoppeld"], r["tk_mediaan"], r["tk_p90"]),
    )


def trend(qs: QuerySet[Signaalfeiten], periode: Periode, *, per: str) -> list[tuple[datetime.date, int]]:
    """Signals per month or quarter ("maand", "kwartaal"), every period in the range, zero included."""
    afkappen = TruncQuarter if per == "kwartaal" else TruncMonth
    gevonden = {
        moment.date() if isinstance(moment, datetime.datetime) else moment: n
        for moment, n in qs.order_by()
        .annotate(p=afkappen("gemeld_op", tzinfo=ZONE))
        .values_list("p")
        .annotate(n=Count("pk"))
    }
    stap = 3 if per == "kwartaal" else 1
    begin = periode.van.replace(day=1, month=(periode.van.month - 1) // stap * stap + 1)
    uitkomst = []
    while begin <= periode.tot:
        uitkomst.append((begin, gevonden.get(begin, 0)))
        maand = begin.month - 1 + stap
        begin = begin.replace(year=begin.year + maand // 12, month=maand % 12 + 1)
    return uitkomst


@dataclass(frozen=True)
class PartnerRij:
    soort: str
    delingen: int
    terugmeldingen: int


def per_partnersoort(gemeente_ids: Sequence[int], periode: Periode) -> list[PartnerRij]:
    """Shares made and terugmeldingen received in the period, per kind of partner: two queries."""
    delingen = dict(
        Delingsfeit.objects.filter(
            gemeente_id__in=gemeente_ids, gedeeld_op__gte=periode.begin, gedeeld_op__lt=periode.einde
        )
        .order_by()
        .values_list("organisatie__soort")
        .annotate(n=Count("pk"))
    )
    terugmeldingen = dict(
        Terugmeldingsfeit.objects.filter(gemeente_id__in=gemeente_ids, op__gte=periode.begin, op__lt=periode.einde)
        .order_by()
        .values_list("organisatie__soort")
        .annotate(n=Count("pk"))
    )
    return [
        PartnerRij(soort.label, delingen.get(soort.value, 0), terugmeldingen.get(soort.value, 0))
        for soort in Organisatie.Soort
        if soort != Organisatie.Soort.GEMEENTE
    ]


@dataclass(frozen=True)
class TrainingRij:
    team: str
    trainingen: int
    deelnemers: int
    eerste: datetime.date
    # Signals from the team in the period, before and from its first training in the period.
    signalen_voor: int
    signalen_na: int
    dagen_voor: int
    dagen_na: int


def trainingen_per_team(gemeente_ids: Sequence[int], periode: Periode) -> list[TrainingRij]:
    """Per team that had a training: trainings and participants, and signals before and after."""
    trainingen = Training.objects.filter(gemeente_id__in=gemeente_ids, datum__gte=periode.van, datum__lte=periode.tot)
    per_team = (
        Team.objects.filter(trainingen__in=trainingen)
        .annotate(aantal=Count("trainingen", distinct=True), eerste=Min("trainingen__datum"))
        .order_by("volgorde", "naam")
    )
    deelnemers = dict(
        trainingen.order_by().values_list("teams").annotate(n=Sum("deelnemers"))  # per team, summed
    )
    eerste_training = trainingen.filter(teams=OuterRef("team_id")).order_by("datum").values("datum")[:1]
    signalen = {
        team_id: (voor, na)
        for team_id, voor, na in feiten(gemeente_ids, periode)
        .order_by()
        .annotate(eerste=Subquery(eerste_training))
        .filter(eerste__isnull=False)
        .values_list("team_id")
        .annotate(
            voor=Count("pk", filter=Q(gemeld_op__date__lt=F("eerste"))),
            na=Count("pk", filter=Q(gemeld_op__date__gte=F("eerste"))),
        )
    }
    rijen = []
    for team in per_team:
        voor, na = signalen.get(team.pk, (0, 0))
        rijen.append(
            TrainingRij(
                team=team.naam,
                trainingen=team.aantal,
                deelnemers=deelnemers.get(team.pk, 0) or 0,
                eerste=team.eerste,
                signalen_voor=voor,
                signalen_na=na,
                dagen_voor=(team.eerste - periode.van).days,
                dagen_na=(periode.tot - team.eerste).days + 1,
            )
        )
    return rijen


@dataclass(frozen=True)
class BinnenTermijn:
    naam: str
    binnen: int
    totaal: int


def binnen_termijnen(qs: QuerySet[Signaalfeiten], instellingen: Termijninstellingen) -> list[BinnenTermijn]:
    """How many signals took each step within its term (doelmatigheid): one query.

    Acute signals have an hours term; their lead time in werkdagen says too little, so taking
    them is counted only when done on the day itself.
    """
    r = qs.order_by().aggregate(
        ontvangen=Count("duur_ontvangen"),
        ontvangen_binnen=Count(
            "pk",
            filter=(Q(acuut=False) & Q(duur_ontvangen__lte=instellingen.ontvangen_werkdagen))
            | Q(acuut=True, duur_ontvangen=0),
        ),
        verrijkt=Count("duur_verrijkt"),
        verrijkt_binnen=Count("pk", filter=Q(duur_verrijkt__lte=instellingen.verrijken_werkdagen)),
        teruggekoppeld=Count("werkdagen_tot_terugkoppeling"),
        teruggekoppeld_binnen=Count("pk", filter=Q(terugkoppeling_binnen_termijn=True)),
    )
    return [
        BinnenTermijn("In behandeling genomen", r["ontvangen_binnen"], r["ontvangen"]),
        BinnenTermijn("Verrijkt", r["verrijkt_binnen"], r["verrijkt"]),
        BinnenTermijn("Teruggekoppeld aan de melder", r["teruggekoppeld_binnen"], r["teruggekoppeld"]),
    ]


def afloop_per_jaar(qs: QuerySet[Signaalfeiten]) -> dict[int, dict[str, int]]:
    """Of the closed signals: outcome per year of reporting (effectiviteit: the mix over time)."""
    uitkomst: dict[int, dict[str, int]] = {}
    rijen = (
        qs.filter(status=Status.AFGESLOTEN)
        .order_by()
        .annotate(jaar=ExtractYear("gemeld_op", tzinfo=ZONE))
        .values_list("jaar", "afloop")
        .annotate(n=Count("pk"))
    )
    for jaar, afloop, n in rijen:
        uitkomst.setdefault(jaar, {a.value: 0 for a in Afloop})[afloop] = n
    return dict(sorted(uitkomst.items()))


@dataclass(frozen=True)
class Monitoringsregel:
    vormen: str
    gemeente: str
    leeftijd: str
    nationaliteit: str
    stap: str
    afloop: str
    maand: datetime.date


def monitoringsregels(gemeente_ids: Sequence[int], periode: Periode) -> list[Monitoringsregel]:
    """One row per signal for the anonymised monitoring export: facts only, two queries."""
    qs = feiten(gemeente_ids, periode).select_related("gemeente").order_by("gemeld_op", "pk")
    vormen: dict[int, list[str]] = {}
    for feiten_id, naam in (
        Signaalfeiten.vormen.through.objects.filter(signaalfeiten__in=qs.values("pk"))
        .order_by("vorm__volgorde", "vorm__naam")
        .values_list("signaalfeiten_id", "vorm__naam")
    ):
        vormen.setdefault(feiten_id, []).append(naam)
    return [
        Monitoringsregel(
            vormen=", ".join(vormen.get(f.pk, [])) or "Onbekend",
            gemeente=f.gemeente.naam,
            leeftijd=f.leeftijd,
            nationaliteit=f.nationaliteit,
            stap=Status(f.status).label,
            afloop=Afloop(f.afloop).label if f.afloop else "Nog open",
            maand=lokale_datum(f.gemeld_op).replace(day=1),
        )
        for f in qs
    ]


def trainingen_totaal(gemeente_ids: Sequence[int], periode: Periode) -> tuple[int, int]:
    """How many trainings were given in the period, and to how many participants in all."""
    r = Training.objects.filter(gemeente_id__in=gemeente_ids, datum__gte=periode.van, datum__lte=periode.tot).aggregate(
        aantal=Count("pk"), deelnemers=Sum("deelnemers")
    )
    return r["aantal"], r["deelnemers"] or 0


# The keys of the signals reported in the period: from the facts' index on (gemeente, gemeld_op)
# to each signal's keys through the index on (signaal, soort, waarde); only keys that two or more
# of them hold leave the database. A plain join lets the
# planner scan every key in the country (EXPLAIN ANALYZE at 500,000 signals: 180 ms against 50).
_SLEUTELS_IN_PERIODE = """
SELECT soort, waarde, signaal_id, gemeente_id FROM (
    SELECT m.soort, m.waarde, f.signaal_id, f.gemeente_id, count(*) OVER (PARTITION BY m.soort, m.waarde) AS keer
    FROM signalen_signaalfeiten f
    CROSS JOIN LATERAL (SELECT soort, waarde FROM signalen_matchsleutel m WHERE m.signaal_id = f.signaal_id) m
    WHERE f.gemeente_id = ANY(%s) AND f.gemeld_op >= %s AND f.gemeld_op < %s
) sleutels WHERE keer > 1
"""


def _sleutels_in_periode(gemeente_ids: list[int], periode: Periode) -> list[tuple[str, str, int, int]]:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(_SLEUTELS_IN_PERIODE, [gemeente_ids, periode.begin, periode.einde])
            return cursor.fetchall()
    # The SQLite quick start: the same rows through the ORM.
    return list(
        Matchsleutel.objects.filter(signaal_id__in=feiten(gemeente_ids, periode).values("signaal_id"))
        .order_by()
        .values_list("soort", "waarde", "signaal_id", "gemeente_id")
    )


@dataclass(frozen=True)
class SamenhangRij:
    regio: str
    # None: the choice holds one gemeente of this regio, so nothing can span more than one.
    clusters: int | None
    signalen: int | None
    gemeenten: int | None


def samenhang_per_regio(gemeenten: Sequence[Organisatie], periode: Periode) -> list[SamenhangRij]:
    """Per regio: how many clusters of signals reported in the period span more than one gemeente.

    A cluster is a set of signals connected by shared match keys (signalen.Matchsleutel: the same
    person, address, company or phone number), directly or through each other, within one regio.
    Counts only: the keys are keyed hashes and no identity is read. Three queries whatever the
    number of signals; the keys read are those of the period's signals in these gemeenten.
    """
    ids = [g.pk for g in gemeenten]
    regio_van = regio_per_gemeente(ids)
    groepen: dict[tuple[int, str, str], list[tuple[int, int]]] = {}
    for soort, waarde, signaal_id, gemeente_id in _sleutels_in_periode(ids, periode):
        if gemeente_id in regio_van:
            groepen.setdefault((regio_van[gemeente_id], soort, waarde), []).append((signaal_id, gemeente_id))
    groepen = {sleutel: leden for sleutel, leden in groepen.items() if len(leden) > 1}

    # Union-find over the signals, per regio: a key joins the signals of that regio that hold it.
    ouder: dict[int, int] = {}

    def wortel(pk: int) -> int:
        while ouder.setdefault(pk, pk) != pk:
            ouder[pk] = ouder[ouder[pk]]
            pk = ouder[pk]
        return pk

    gemeente_van: dict[int, int] = {}
    for leden in groepen.values():
        eerste = wortel(leden[0][0])
        for signaal_id, gemeente_id in leden:
            gemeente_van[signaal_id] = gemeente_id
            ouder[wortel(signaal_id)] = eerste
    clusters: dict[int, set[int]] = {}
    for signaal_id in gemeente_van:
        clusters.setdefault(wortel(signaal_id), set()).add(signaal_id)

    per_regio: dict[int, list[set[int]]] = {}
    for leden_van_cluster in clusters.values():
        betrokken = {gemeente_van[pk] for pk in leden_van_cluster}
        if len(betrokken) > 1:
            per_regio.setdefault(regio_van[gemeente_van[next(iter(leden_van_cluster))]], []).append(leden_van_cluster)
    gemeenten_per_regio: dict[int, int] = {}
    for regio_id in regio_van.values():
        gemeenten_per_regio[regio_id] = gemeenten_per_regio.get(regio_id, 0) + 1
    namen = dict(Regio.objects.filter(pk__in=gemeenten_per_regio).values_list("pk", "naam"))
    rijen = []
    for regio_id in sorted(gemeenten_per_regio, key=lambda pk: namen[pk]):
        if gemeenten_per_regio[regio_id] < 2:
            rijen.append(SamenhangRij(namen[regio_id], None, None, None))
            continue
        gevonden = per_regio.get(regio_id, [])
        rijen.append(
            SamenhangRij(
                regio=namen[regio_id],
                clusters=len(gevonden),
                signalen=sum(len(c) for c in gevonden),
                gemeenten=len({gemeente_van[pk] for c in gevonden for pk in c}),
            )
        )
    return rijen
