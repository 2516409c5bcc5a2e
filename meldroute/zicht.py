"""What a ketenpartner may see of a shared signal: the one place that decides it.

HTML pages, attachment downloads and the text download all take their data from here, so a
field that was not shared cannot leak through one of them.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from ketenpartners.models import Gebruiker, Organisatie, Rol
from ketenpartners.selectors import organisaties_met_rol
from meldroute.models import Deling, Terugmelding
from signalen.models import Betrokkene, Bijlage, Locatie, Signaal
from signalen.rechten import projectie_staat_toe

INZIEN_GEDEELD = "signalen.inzien_gedeeld_signaal"


def actieve_delingen(vandaag: datetime.date | None = None) -> QuerySet[Deling]:
    """Shares in force today. The end date counts here, whether or not the clean-up has run."""
    vandaag = vandaag or timezone.localdate()
    return Deling.objects.filter(ingetrokken_op__isnull=True, einddatum__gte=vandaag)


def partnerorganisaties_van(gebruiker: Gebruiker) -> QuerySet[Organisatie]:
    return organisaties_met_rol(gebruiker, Rol.KETENPARTNER).exclude(soort=Organisatie.Soort.GEMEENTE)


def partnerorganisatie_ids(gebruiker: Gebruiker) -> list[int]:
    """The user's active partner organisations, looked up once per user object (request)."""
    if not gebruiker.is_authenticated or not gebruiker.is_active:
        return []
    bekend: list[int] | None = getattr(gebruiker, "_partnerorganisaties", None)
    if bekend is None:
        bekend = list(partnerorganisaties_van(gebruiker).order_by("pk").values_list("pk", flat=True))
        gebruiker._partnerorganisaties = bekend  # type: ignore[attr-defined]
    return bekend


def gedeelde_signalen(gebruiker: Gebruiker) -> QuerySet[Signaal]:
    """Signals shared today with one of the user's active partner organisations: the domain's
    answer (docs/adr/0007-toegang-een-waarheid.md), whose cost follows the partner's own shares.

    A single signal must also pass guardian's projection (``gedeeld_zichtbaar``).
    """
    organisaties = partnerorganisatie_ids(gebruiker)
    if not organisaties:
        return Signaal.objects.none()
    delingen = actieve_delingen().filter(organisatie_id__in=organisaties, signaal=OuterRef("pk"))
    return Signaal.objects.filter(Exists(delingen))


def gedeeld_zichtbaar(gebruiker: Gebruiker, signaal: Signaal) -> bool:
    """For one signal found through ``gedeelde_signalen``: does the projection agree?"""
    return projectie_staat_toe(gebruiker, signaal, INZIEN_GEDEELD.split(".", 1)[1])


def gedeeld_lijst(gebruiker: Gebruiker) -> QuerySet[Signaal]:
    """The partner's list, each signal with the last day it stays shared with them."""
    delingen = actieve_delingen().filter(signaal=OuterRef("pk"), organisatie__in=partnerorganisaties_van(gebruiker))
    return (
        gedeelde_signalen(gebruiker)
        .select_related("gemeente")
        .prefetch_related("vormen")
        .annotate(gedeeld_tot=Subquery(delingen.order_by("-einddatum").values("einddatum")[:1]))
        .order_by("-ingediend_op", "-pk")
    )


@dataclass(frozen=True)
class Zicht:
    """Which optional parts the user's organisations may see of one signal."""

    betrokkenen_identificerend: bool
    bijlagen: bool
    organisaties: tuple[Organisatie, ...]


def zicht_op(gebruiker: Gebruiker, signaal: Signaal) -> Zicht:
    delingen = list(
        actieve_delingen()
        .filter(signaal=signaal, organisatie__in=partnerorganisaties_van(gebruiker))
        .select_related("organisatie")
    )
    return Zicht(
        betrokkenen_identificerend=any(d.met_betrokkenen for d in delingen),
        bijlagen=any(d.met_bijlagen for d in delingen),
        organisaties=tuple({d.organisatie.pk: d.organisatie for d in delingen}.values()),
    )


@dataclass(frozen=True)
class BetrokkeneWeergave:
    rol: str
    gegevens: list[tuple[str, str]] = field(default_factory=list)


# The fields that identify a person; shown to a partner only when the share says so.
IDENTIFICERENDE_VELDEN = {
    "naam": "Naam",
    "geboortedatum": "Geboortedatum",
    "nationaliteit": "Nationaliteit",
    "adres": "Adres",
    "telefoon": "Telefoonnummer",
    "notities": "Notities",
}


def _betrokkene(betrokkene: Betrokkene, zicht: Zicht) -> BetrokkeneWeergave:
    if not zicht.betrokkenen_identificerend:
        return BetrokkeneWeergave(rol=betrokkene.get_rol_display())
    gegevens = []
    for naam, label in IDENTIFICERENDE_VELDEN.items():
        waarde = getattr(betrokkene, naam)
        if waarde:
            gegevens.append((label, waarde.strftime("%d-%m-%Y") if isinstance(waarde, datetime.date) else str(waarde)))
    return BetrokkeneWeergave(rol=betrokkene.get_rol_display(), gegevens=gegevens)


def _locatie(locatie: Locatie, zicht: Zicht) -> list[tuple[str, str]]:
    """Business name and KvK number always; an address or a description can point at a person."""
    velden = [("Bedrijfsnaam", locatie.bedrijfsnaam), ("KvK-nummer", locatie.kvk_nummer)]
    if zicht.betrokkenen_identificerend:
        velden += [("Adres", locatie.adres), ("Omschrijving", locatie.omschrijving)]
    return [(label, waarde) for label, waarde in velden if waarde]


@dataclass(frozen=True)
class PartnerWeergave:
    """A shared signal as the partner may see it: only the parts that were shared."""

    signaal: Signaal
    zicht: Zicht
    vormen: list[str]
    indicatoren: list[str]
    betrokkenen: list[BetrokkeneWeergave]
    locaties: list[list[tuple[str, str]]]
    bijlagen: list[Bijlage]
    terugmeldingen: list[Terugmelding]


def partner_weergave(gebruiker: Gebruiker, pk: int) -> PartnerWeergave:
    """Raises Signaal.DoesNotExist when the signal is not (or no longer) shared with the user."""
    signaal = (
        gedeelde_signalen(gebruiker)
        .select_related("gemeente", "team")
        .prefetch_related("vormen", "indicatoren", "betrokkenen", "locaties", "bijlagen")
        .get(pk=pk)
    )
    if not gedeeld_zichtbaar(gebruiker, signaal):
        raise Signaal.DoesNotExist
    zicht = zicht_op(gebruiker, signaal)
    eigen_terugmeldingen = Terugmelding.objects.filter(
        signaal=signaal, organisatie__in=zicht.organisaties
    ).select_related("door", "organisatie")
    return PartnerWeergave(
        signaal=signaal,
        zicht=zicht,
        vormen=[v.naam for v in signaal.vormen.all()],
        indicatoren=[i.naam for i in signaal.indicatoren.all()],
        betrokkenen=[_betrokkene(b, zicht) for b in signaal.betrokkenen.all()],
        locaties=[gegevens for locatie in signaal.locaties.all() if (gegevens := _locatie(locatie, zicht))],
        bijlagen=list(signaal.bijlagen.all()) if zicht.bijlagen else [],
        terugmeldingen=list(eigen_terugmeldingen),
    )


def partner_bijlage(gebruiker: Gebruiker, *, signaal_pk: int, bijlage_pk: int) -> Bijlage:
    """Raises Bijlage.DoesNotExist unless attachments of this signal were shared with the user."""
    met_bijlagen = actieve_delingen().filter(
        signaal_id=signaal_pk, organisatie__in=partnerorganisaties_van(gebruiker), met_bijlagen=True
    )
    bijlage = Bijlage.objects.select_related("signaal").get(
        Q(pk=bijlage_pk, signaal_id=signaal_pk),
        Q(signaal__in=gedeelde_signalen(gebruiker)),
        Q(Exists(met_bijlagen)),
    )
    if not gedeeld_zichtbaar(gebruiker, bijlage.signaal):
        raise Bijlage.DoesNotExist
    return bijlage
