from typing import Any

from django.db.models import (
    BooleanField,
    Case,
    Count,
    Exists,
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
from signalen.models import Bijlage, Signaal
from signalen.selectors import behandelbare_signalen, eigen_signalen
from signalen.workflow import OPEN_STATUSSEN

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


def werkbak(gebruiker: Gebruiker, *, filters: dict[str, Any]) -> QuerySet[Signaal]:
    """The AF's signals, open acute ones first, then in the chosen order."""
    vandaag = timezone.localdate()
    signalen = (
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
    if filters.get("stap"):
        signalen = signalen.filter(status=filters["stap"])
    if filters.get("vorm"):
        signalen = signalen.filter(vormen__code=filters["vorm"])
    if filters.get("acuut") in ("ja", "nee"):
        signalen = signalen.filter(acuut=filters["acuut"] == "ja")
    if filters.get("mijn"):
        signalen = signalen.filter(behandelaar=gebruiker)
    if filters.get("herbeoordeling"):
        signalen = signalen.filter(herbeoordeling_nodig=True)
    sortering = filters.get("sortering") or "-ingediend_op"
    return signalen.order_by("-acuut_open", sortering, "-pk")


def signaal_voor_behandeling(gebruiker: Gebruiker, pk: int) -> Signaal:
    """The whole signal with its timeline, in a fixed number of queries; DoesNotExist if not allowed."""
    return (
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


def bijlage_voor_behandeling(gebruiker: Gebruiker, *, signaal_pk: int, bijlage_pk: int) -> Bijlage:
    return Bijlage.objects.select_related("signaal").get(
        pk=bijlage_pk, signaal_id=signaal_pk, signaal__in=behandelbare_signalen(gebruiker)
    )


def mijn_signalen(gebruiker: Gebruiker) -> QuerySet[Signaal]:
    """The melder's own signals with only what the melder may see: status and feedback."""
    laatste_terugkoppeling = Terugkoppeling.objects.filter(signaal=OuterRef("pk")).order_by("-registratie__op")
    return (
        eigen_signalen(gebruiker)
        .select_related("gemeente")
        .annotate(
            terugkoppeling_tekst=Subquery(laatste_terugkoppeling.values("tekst")[:1]),
            terugkoppeling_op=Subquery(laatste_terugkoppeling.values("gegeven_op")[:1]),
        )
        .only("pk", "referentie", "status", "ingediend_op", "acuut", "gemeente__naam")
        .order_by("-ingediend_op")
    )


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
            nu_gedeeld=Count("delingen", filter=in_regio & lopend & Q(delingen__einddatum__gte=vandaag), distinct=True),
            ingetrokken=Count("delingen", filter=in_regio & ~lopend, distinct=True),
            verlopen=Count("delingen", filter=in_regio & lopend & Q(delingen__einddatum__lt=vandaag), distinct=True),
            laatst_gedeeld=Max("delingen__gedeeld_op", filter=in_regio),
        )
        .order_by("naam")
    )
