"""What a ketenpartner may see of a shared signal: the one place that decides it.

HTML pages, attachment downloads and the text download all take their data from here, so a
field that was not shared cannot leak through one of them. The partner's view object holds plain
values only, never a model instance: a template cannot reach a field that was not shared, and
identifying fields that were not shared are not even read from the database.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery
from django.utils.formats import date_format

from ketenpartners.models import Gebruiker, Organisatie, Rol
from ketenpartners.selectors import organisaties_met_rol
from meldroute.models import Deling, Terugmelding
from signalen.models import Betrokkene, Bijlage, Locatie, Signaal
from signalen.rechten import projectie_staat_toe
from signalen.workflow import Afloop

INZIEN_GEDEELD = "signalen.inzien_gedeeld_signaal"


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
    delingen = Deling.objects.actief().filter(organisatie_id__in=organisaties, signaal=OuterRef("pk"))
    return Signaal.objects.filter(Exists(delingen))


def gedeeld_zichtbaar(gebruiker: Gebruiker, signaal: Signaal) -> bool:
    """For one signal found through ``gedeelde_signalen``: does the projection agree?"""
    return projectie_staat_toe(gebruiker, signaal, INZIEN_GEDEELD.split(".", 1)[1])


def gedeeld_lijst(gebruiker: Gebruiker) -> QuerySet[Signaal]:
    """The partner's list, each signal with the last day it stays shared with them."""
    delingen = Deling.objects.actief().filter(
        signaal=OuterRef("pk"), organisatie__in=partnerorganisaties_van(gebruiker)
    )
    return (
        gedeelde_signalen(gebruiker)
        .select_related("gemeente")
        .prefetch_related("vormen")
        .annotate(gedeeld_tot=Subquery(delingen.order_by("-einddatum").values("einddatum")[:1]))
        .order_by("-ingediend_op", "-pk")
    )


@dataclass(frozen=True)
class BetrokkeneWeergave:
    rol: str
    gegevens: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class BijlageWeergave:
    pk: int
    naam: str
    grootte: int


@dataclass(frozen=True)
class TerugmeldingWeergave:
    op: datetime.datetime
    door: str
    tekst: str
    voorgestelde_afloop: str


@dataclass(frozen=True)
class DelingWeergave:
    """Why, on which basis and until when the signal is shared with one of the user's organisations."""

    organisatie: str
    reden: str
    grondslag: str
    grondslag_toelichting: str
    einddatum: datetime.date


@dataclass(frozen=True)
class Contact:
    naam: str
    organisatie: str


# The fields that identify a person; shown to a partner only when the share says so.
IDENTIFICERENDE_VELDEN = {
    "naam": "Naam",
    "geboortedatum": "Geboortedatum",
    "nationaliteit": "Nationaliteit",
    "adres": "Adres",
    "telefoon": "Telefoonnummer",
    "notities": "Notities",
}
# Of a location, the address and the description can point at a person's home.
LOCATIE_ALTIJD = {"bedrijfsnaam": "Bedrijfsnaam", "kvk_nummer": "KvK-nummer"}
LOCATIE_IDENTIFICEREND = {"adres": "Adres", "omschrijving": "Omschrijving"}
# What the partner sees of the signal itself, whatever the share: the page always showed these.
SIGNAALVELDEN = (
    "pk",
    "referentie",
    "acuut",
    "waargenomen_op",
    "omschrijving",
    "gemeente__naam",
    "team__naam",
    "behandelaar__username",
    "behandelaar__first_name",
    "behandelaar__last_name",
)


@dataclass(frozen=True)
class PartnerWeergave:
    """A shared signal as the partner may see it: plain values of the shared parts only."""

    pk: int
    referentie: str
    acuut: bool
    gemeente: str
    team: str
    waargenomen_op: datetime.date
    omschrijving: str
    vormen: tuple[str, ...]
    indicatoren: tuple[str, ...]
    betrokkenen_identificerend: bool
    bijlagen_gedeeld: bool
    organisaties: tuple[str, ...]
    delingen: tuple[DelingWeergave, ...]
    contact: Contact
    betrokkenen: tuple[BetrokkeneWeergave, ...]
    locaties: tuple[tuple[tuple[str, str], ...], ...]
    bijlagen: tuple[BijlageWeergave, ...]
    terugmeldingen: tuple[TerugmeldingWeergave, ...]


def _tekst(waarde: object) -> str:
    if isinstance(waarde, datetime.date):
        return date_format(waarde, "j F Y")
    return str(waarde)


def _betrokkenen(signaal_id: int, identificerend: bool) -> tuple[BetrokkeneWeergave, ...]:
    rollen = dict(Betrokkene.Rol.choices)
    betrokkenen = Betrokkene.objects.filter(signaal_id=signaal_id).order_by("pk")
    if not identificerend:
        # Only the role is read: the identifying columns never leave the database.
        return tuple(BetrokkeneWeergave(rol=rollen.get(rol, rol)) for rol in betrokkenen.values_list("rol", flat=True))
    return tuple(
        BetrokkeneWeergave(
            rol=rollen.get(rij["rol"], rij["rol"]),
            gegevens=tuple((label, _tekst(rij[naam])) for naam, label in IDENTIFICERENDE_VELDEN.items() if rij[naam]),
        )
        for rij in betrokkenen.values("rol", *IDENTIFICERENDE_VELDEN)
    )


def _locaties(signaal_id: int, identificerend: bool) -> tuple[tuple[tuple[str, str], ...], ...]:
    velden = LOCATIE_ALTIJD | (LOCATIE_IDENTIFICEREND if identificerend else {})
    rijen = Locatie.objects.filter(signaal_id=signaal_id).order_by("pk").values(*velden)
    locaties = (tuple((label, str(rij[naam])) for naam, label in velden.items() if rij[naam]) for rij in rijen)
    return tuple(gegevens for gegevens in locaties if gegevens)


def _contact(signaal: Signaal, delingen: list[Deling]) -> Contact:
    """The behandelaar; before there is one, the AF who shared (the most recent share)."""
    persoon = signaal.behandelaar or max(delingen, key=lambda d: d.gedeeld_op).gedeeld_door
    return Contact(naam=persoon.get_full_name() or persoon.username, organisatie=f"Gemeente {signaal.gemeente.naam}")


def partner_weergave(gebruiker: Gebruiker, pk: int) -> PartnerWeergave:
    """Raises Signaal.DoesNotExist when the signal is not (or no longer) shared with the user."""
    signaal = (
        gedeelde_signalen(gebruiker)
        .select_related("gemeente", "team", "behandelaar")
        .only(*SIGNAALVELDEN)
        .prefetch_related("vormen", "indicatoren")
        .get(pk=pk)
    )
    if not gedeeld_zichtbaar(gebruiker, signaal):
        raise Signaal.DoesNotExist
    delingen = list(
        Deling.objects.actief()
        .filter(signaal=signaal, organisatie__in=partnerorganisaties_van(gebruiker))
        .select_related("organisatie", "gedeeld_door")
        .order_by("organisatie__naam", "pk")
    )
    identificerend = any(d.met_betrokkenen for d in delingen)
    bijlagen_gedeeld = any(d.met_bijlagen for d in delingen)
    organisaties = {d.organisatie_id: d.organisatie.naam for d in delingen}
    terugmeldingen = (
        Terugmelding.objects.filter(signaal=signaal, organisatie_id__in=organisaties)
        .select_related("door")
        .order_by("op", "pk")
    )
    afloop = dict(Afloop.choices)
    return PartnerWeergave(
        pk=signaal.pk,
        referentie=signaal.referentie,
        acuut=signaal.acuut,
        gemeente=signaal.gemeente.naam,
        team=signaal.team.naam,
        waargenomen_op=signaal.waargenomen_op,
        omschrijving=signaal.omschrijving,
        vormen=tuple(v.naam for v in signaal.vormen.all()),
        indicatoren=tuple(i.naam for i in signaal.indicatoren.all()),
        betrokkenen_identificerend=identificerend,
        bijlagen_gedeeld=bijlagen_gedeeld,
        organisaties=tuple(organisaties.values()),
        delingen=tuple(
            DelingWeergave(
                organisatie=d.organisatie.naam,
                reden=d.reden,
                grondslag=d.get_grondslag_display(),
                grondslag_toelichting=d.grondslag_toelichting,
                einddatum=d.einddatum,
            )
            for d in delingen
        ),
        contact=_contact(signaal, delingen),
        betrokkenen=_betrokkenen(signaal.pk, identificerend),
        locaties=_locaties(signaal.pk, identificerend),
        bijlagen=tuple(
            BijlageWeergave(pk=b["pk"], naam=b["naam"], grootte=b["grootte"])
            for b in Bijlage.objects.filter(signaal=signaal).order_by("pk").values("pk", "naam", "grootte")
        )
        if bijlagen_gedeeld
        else (),
        terugmeldingen=tuple(
            TerugmeldingWeergave(
                op=t.op,
                door=t.door.get_full_name() or t.door.username,
                tekst=t.tekst,
                voorgestelde_afloop=afloop.get(t.voorgestelde_afloop, ""),
            )
            for t in terugmeldingen
        ),
    )


@dataclass(frozen=True)
class BeeindigdeDeling:
    """What a partner whose share ended may still see: their reference number and the date."""

    referentie: str
    beeindigd_op: datetime.date


def beeindigde_deling(gebruiker: Gebruiker, pk: int) -> BeeindigdeDeling:
    """For a partner whose organisation had this signal shared and has no share in force now.

    Raises Deling.DoesNotExist otherwise: never shared with them, only with someone else, or a
    share still in force (then it is the projection that refused, and that stays a plain 404).
    """
    delingen = list(Deling.objects.filter(signaal_id=pk, organisatie_id__in=partnerorganisatie_ids(gebruiker)))
    einden = [d.beeindigd_op() for d in delingen]
    if not delingen or None in einden:
        raise Deling.DoesNotExist
    referentie = Signaal.objects.filter(pk=pk).values_list("referentie", flat=True).get()
    return BeeindigdeDeling(referentie=referentie, beeindigd_op=max(e for e in einden if e is not None))


def partner_bijlage(gebruiker: Gebruiker, *, signaal_pk: int, bijlage_pk: int) -> Bijlage:
    """Raises Bijlage.DoesNotExist unless attachments of this signal were shared with the user."""
    met_bijlagen = Deling.objects.actief().filter(
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
