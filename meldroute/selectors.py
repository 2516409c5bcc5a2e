import datetime
import re
from typing import Any

from django.db.models import (
    BooleanField,
    Case,
    Count,
    Exists,
    F,
    IntegerField,
    Max,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.utils import timezone

from ketenpartners.models import Gebruiker, Organisatie, Regio
from meldroute.models import Deling, StapRegistratie, Terugkoppeling, Terugmelding
from signalen import rechten
from signalen.models import Betrokkene, Bijlage, Locatie, Signaal
from signalen.selectors import behandelbare_signalen, eigen_signalen
from signalen.workflow import OPEN_STATUSSEN, Status

STAPGEGEVENS = [
    "verrijking",
    "tafelbespreking",
    "riecinschakeling",
    "informatiepleininbreng",
    "conclusie",
    "terugkoppeling",
    "afsluiting",
    "herbeoordeling",
]


# Sorting by step follows the route, not the alphabet of the internal codes.
STAPVOLGORDE = Case(
    *(When(status=status, then=Value(volgorde)) for volgorde, status in enumerate(Status)),
    output_field=IntegerField(),
)
SORTERINGEN: dict[str, list[Any]] = {
    "termijn": [F("volgende_termijn_op").asc(nulls_last=True), "-ingediend_op"],
    "-ingediend_op": ["-ingediend_op"],
    "ingediend_op": ["ingediend_op"],
    "stap": [STAPVOLGORDE.asc(), "-ingediend_op"],
    "herbeoordelen_op": [F("herbeoordelen_op").asc(nulls_last=True), "-ingediend_op"],
}
STANDAARDSORTERING = "termijn"


def _werkbak_basis(gebruiker: Gebruiker) -> QuerySet[Signaal]:
    vandaag = timezone.localdate()
    return (
        behandelbare_signalen(gebruiker)
        .select_related("gemeente", "behandelaar", "team")
        .prefetch_related("vormen")
        .annotate(
            acuut_open=Case(
                When(acuut=True, status__in=OPEN_STATUSSEN, then=Value(True)),
                default=Value(False),
                output_field=BooleanField(),
            ),
            nieuwe_terugmelding=Exists(Terugmelding.objects.filter(signaal=OuterRef("pk"), gezien_op__isnull=True)),
            herbeoordeling_nodig=Case(
                When(herbeoordelen_op__lte=vandaag, status__in=OPEN_STATUSSEN, then=Value(True)),
                default=Value(False),
                output_field=BooleanField(),
            ),
        )
    )


def _gefilterd(signalen: QuerySet[Signaal], gebruiker: Gebruiker, filters: dict[str, Any]) -> QuerySet[Signaal]:
    """Every filter but the step: the counts per step are taken from this."""
    if filters.get("vorm"):
        signalen = signalen.filter(
            Exists(Signaal.vormen.through.objects.filter(signaal=OuterRef("pk"), vorm__code=filters["vorm"]))
        )
    if filters.get("acuut") in ("ja", "nee"):
        signalen = signalen.filter(acuut=filters["acuut"] == "ja")
    if filters.get("mijn"):
        signalen = signalen.filter(behandelaar=gebruiker)
    if filters.get("herbeoordeling"):
        signalen = signalen.filter(herbeoordelen_op__lte=timezone.localdate(), status__in=OPEN_STATUSSEN)
    return signalen


def werkbak(gebruiker: Gebruiker, *, filters: dict[str, Any]) -> QuerySet[Signaal]:
    """The AF's signals: open ones unless asked otherwise, open acute ones first, then as chosen."""
    signalen = _gefilterd(_werkbak_basis(gebruiker), gebruiker, filters)
    alleen_open = False
    if filters.get("stap"):
        signalen = signalen.filter(status=filters["stap"])
        alleen_open = filters["stap"] != Status.AFGESLOTEN
    elif not filters.get("ook_afgesloten"):
        signalen = signalen.exclude(status=Status.AFGESLOTEN)
        alleen_open = True
    sortering = SORTERINGEN.get(filters.get("sortering") or STANDAARDSORTERING, SORTERINGEN[STANDAARDSORTERING])
    # Among open signals "acuut and open" is just "acuut": the plain column lets PostgreSQL read
    # the first page from the index signaal_werkbak_open instead of sorting every open signal.
    return signalen.order_by("-acuut" if alleen_open else "-acuut_open", *sortering, "-pk")


def werkbak_per_stap(gebruiker: Gebruiker, *, filters: dict[str, Any]) -> dict[str, int]:
    """How many signals each step would show with the other filters as they are: one GROUP BY."""
    signalen = _gefilterd(behandelbare_signalen(gebruiker), gebruiker, filters)
    # COUNT(*), not COUNT(id): PostgreSQL then counts from the index (gemeente, status) alone.
    rijen = signalen.order_by().values("status").annotate(aantal=Count("*"))
    aantallen = {status.value: 0 for status in Status}
    aantallen.update({rij["status"]: rij["aantal"] for rij in rijen})
    return aantallen


# Not a letter or digit, in a character class that PostgreSQL and Python's re read alike.
GEEN_LETTER = "[^0-9a-zà-öø-ÿ]"
REFERENTIE = re.compile(r"^(?:MH-?)?(\d{4})-(\d{1,6})$", re.IGNORECASE)
ZOEKRESULTATEN = 50


def werkbak_zoeken(gebruiker: Gebruiker, tekst: str) -> QuerySet[Signaal]:
    """Quick search in the AF's own signals, closed ones too: a reference number, or a name, an
    address, a business name or a KvK number of a betrokkene or locatie. Every word must occur.
    """
    tekst = " ".join(tekst.split())
    signalen = _werkbak_basis(gebruiker)
    if gevonden := REFERENTIE.match(tekst):
        jaar, volgnummer = gevonden.groups()
        return signalen.filter(referentie=f"MH-{jaar}-{int(volgnummer):05d}").order_by("-pk")
    woorden = re.findall(r"\w+", tekst)
    if not woorden:
        return signalen.none()

    def alle_woorden(veld: str) -> Q:
        """Each word as a whole word (Jan finds "Jansen, Jan", not "Piet Jansen"), in any order."""
        voorwaarde = Q()
        for woord in woorden:
            voorwaarde &= Q(**{f"{veld}__iregex": rf"(^|{GEEN_LETTER}){re.escape(woord)}({GEEN_LETTER}|$)"})
        return voorwaarde

    betrokkenen = Betrokkene.objects.filter(signaal=OuterRef("pk")).filter(
        alle_woorden("naam") | alle_woorden("adres") | Q(adres__icontains=tekst)
    )
    locaties = Locatie.objects.filter(signaal=OuterRef("pk")).filter(
        alle_woorden("adres")
        | Q(adres__icontains=tekst)
        | Q(bedrijfsnaam__icontains=tekst)
        | Q(kvk_nummer__in=[w for w in woorden if w.isdigit()])
    )
    return signalen.filter(Exists(betrokkenen) | Exists(locaties) | Q(referentie__icontains=tekst)).order_by(
        "-ingediend_op", "-pk"
    )


def signaal_voor_behandeling(gebruiker: Gebruiker, pk: int) -> Signaal:
    """The whole signal with its timeline, in a fixed number of queries; DoesNotExist if not allowed."""
    signaal = (
        behandelbare_signalen(gebruiker)
        .select_related("gemeente", "melder", "team", "behandelaar")
        .prefetch_related(
            "vormen",
            "indicatoren",
            "betrokkenen",
            "locaties",
            "bijlagen",
            Prefetch(
                "registraties",
                queryset=StapRegistratie.objects.select_related("door", *STAPGEGEVENS).order_by("op", "pk"),
            ),
            Prefetch(
                "delingen",
                queryset=Deling.objects.select_related("organisatie", "gedeeld_door", "ingetrokken_door"),
            ),
            Prefetch("terugmeldingen", queryset=Terugmelding.objects.select_related("organisatie", "door")),
        )
        .get(pk=pk)
    )
    if not rechten.behandelbaar(gebruiker, signaal):
        raise Signaal.DoesNotExist
    return signaal


def bijlage_voor_behandeling(gebruiker: Gebruiker, *, signaal_pk: int, bijlage_pk: int) -> Bijlage:
    bijlage = Bijlage.objects.select_related("signaal").get(
        pk=bijlage_pk, signaal_id=signaal_pk, signaal__in=behandelbare_signalen(gebruiker)
    )
    if not rechten.behandelbaar(gebruiker, bijlage.signaal):
        raise Bijlage.DoesNotExist
    return bijlage


def mijn_signalen(gebruiker: Gebruiker) -> QuerySet[Signaal]:
    """The melder's own signals with only what the melder may see: status and feedback."""
    laatste_terugkoppeling = Terugkoppeling.objects.filter(signaal=OuterRef("pk")).order_by("-registratie__op")
    return (
        eigen_signalen(gebruiker)
        .select_related("gemeente")
        .annotate(
            terugkoppeling_tekst=Subquery(laatste_terugkoppeling.values("tekst")[:1]),
            terugkoppeling_op=Subquery(laatste_terugkoppeling.values("gegeven_op")[:1]),
            nieuwe_terugkoppeling=Case(
                When(
                    Q(teruggekoppeld_op__isnull=False)
                    & (
                        Q(terugkoppeling_gelezen_op__isnull=True)
                        | Q(terugkoppeling_gelezen_op__lt=F("teruggekoppeld_op"))
                    ),
                    then=Value(True),
                ),
                default=Value(False),
                output_field=BooleanField(),
            ),
        )
        .only("pk", "referentie", "status", "ingediend_op", "acuut", "gemeente__naam")
        .order_by("-ingediend_op")
    )


def mijn_signaal(gebruiker: Gebruiker, pk: int) -> Signaal:
    """One signal the user reported themselves, with the report as submitted; DoesNotExist otherwise.

    Only for its melder: not a colleague, not the AF (they have the detail page).
    """
    return eigen_signalen(gebruiker).select_related("gemeente", "oorspronkelijke_melding").get(pk=pk)


def terugkoppelingen_voor_melder(signaal: Signaal) -> list[Terugkoppeling]:
    """The feedback the melder received on this signal, oldest first."""
    return list(Terugkoppeling.objects.filter(signaal=signaal).order_by("registratie__op", "pk"))


def delingen_per_partner(regios: QuerySet[Regio]) -> QuerySet[Organisatie]:
    """Per partner serving these regions: how many shares, in force, revoked, expired. Counts only."""
    vandaag = timezone.localdate()
    in_regio = Q(delingen__signaal__gemeente__regios__in=regios)
    lopend = Q(delingen__ingetrokken_op__isnull=True)
    return (
        Organisatie.objects.exclude(soort=Organisatie.Soort.GEMEENTE)
        .filter(regios__in=regios)
        .distinct()
        .annotate(
            totaal=Count("delingen", filter=in_regio, distinct=True),
            nu_gedeeld=Count(
                "delingen", filter=in_regio & Q(delingen__in=Deling.objects.actief(vandaag)), distinct=True
            ),
            ingetrokken=Count("delingen", filter=in_regio & ~lopend, distinct=True),
            verlopen=Count("delingen", filter=in_regio & lopend & Q(delingen__einddatum__lt=vandaag), distinct=True),
            laatst_gedeeld=Max("delingen__gedeeld_op", filter=in_regio),
        )
        .order_by("naam")
    )


def tijdlijn(signaal: Signaal) -> list[dict[str, object]]:
    """One timeline: the AF's steps and the partners' terugmeldingen, in order of time (detail
    page and print view; the signal comes from ``signaal_voor_behandeling`` with both prefetched)."""
    regels: list[tuple[datetime.datetime, str, object]] = [(r.op, "stap", r) for r in signaal.registraties.all()]
    regels += [(t.op, "terugmelding", t) for t in signaal.terugmeldingen.all()]
    return [{"soort": soort, "item": item} for _, soort, item in sorted(regels, key=lambda regel: regel[0])]
