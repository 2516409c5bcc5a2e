"""The tools of the functionaris gegevensbescherming (FG): the rights of betrokkenen and the FG's exports.

Scope: an FG serves the gemeenten of their FG memberships; an FG at an organisation that is not a
gemeente (a regio-level organisation) serves every gemeente of that organisation's regio's.
``signalen.selectors.fg_gemeenten`` is that one answer, and every selector and service here starts from it: what
lies outside it does not exist for the FG (404, never 403).

These tools span the whole route: the inzage lists the shares of
meldroute, and a correction or removal is written on the signal's timeline (``StapRegistratie``),
without the personal data; the audit log records the change itself, masked (signalen/audit.py).
"""

import datetime
import importlib
import re
import unicodedata
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import connection, models, transaction
from django.db.models import Count, QuerySet
from django.utils import timezone
from django.utils.formats import date_format

from ketenpartners.models import Gebruiker, Lidmaatschap, OrganisatieGroep, Rol
from meldroute.models import Deling, StapRegistratie
from signalen import feiten, melding
from signalen.melding import BETROKKENE_VELDEN
from signalen.models import (
    Betrokkene,
    OorspronkelijkeMelding,
    Signaal,
    Signaalfeiten,
    SignaalGroupObjectPermission,
    Toegangslog,
)
from signalen.samenhang.sleutels import sleutels_bijwerken
from signalen.selectors import fg_gemeenten, fg_organisaties

# Actions on the timeline.
GECORRIGEERD = StapRegistratie.Actie.BETROKKENE_GECORRIGEERD
VERWIJDERD = StapRegistratie.Actie.BETROKKENE_VERWIJDERD


class Reden(models.TextChoices):
    """Why the FG corrects or removes personal data: a fixed list, so no free text can carry any."""

    RECTIFICATIE = "rectificatie", "Verzoek tot rectificatie (AVG art. 16)"
    WISSING = "wissing", "Verzoek tot wissing (AVG art. 17)"
    BEZWAAR = "bezwaar", "Bezwaar van de betrokkene (AVG art. 21)"
    ONJUIST = "onjuist", "Onjuist of onrechtmatig vastgelegd"
    NIET_NODIG = "niet_nodig", "Niet (meer) nodig voor het doel van de verwerking"


# Shown for the second factor while django-otp is not installed.
GEEN_MFA = "\u2013"

CORRECTIEREDENEN = [Reden.RECTIFICATIE, Reden.ONJUIST]
VERWIJDERREDENEN = [Reden.WISSING, Reden.BEZWAAR, Reden.ONJUIST, Reden.NIET_NODIG]


# Scope.


def signalen_in_bereik(gebruiker: Gebruiker) -> QuerySet[Signaal]:
    return Signaal.objects.filter(gemeente__in=fg_gemeenten(gebruiker).values("pk"))


def signaal_in_bereik(gebruiker: Gebruiker, referentie: str) -> Signaal | None:
    """The signal with this reference number, if it belongs to a gemeente the FG serves."""
    return signalen_in_bereik(gebruiker).filter(referentie=referentie.strip().upper()).first()


# Rights of betrokkenen: finding a person.


def naam_sleutel(naam: str) -> tuple[str, ...]:
    """A name as it is compared: lower case, without diacritics or punctuation, its words sorted.

    "Jansen, Jan", "jan  JANSEN" and "Ján Jansen" give the same key, so it does not matter how the
    melder wrote the name or whether the surname came first.
    """
    ontleed = unicodedata.normalize("NFKD", naam)
    zonder_accenten = "".join(teken for teken in ontleed if not unicodedata.combining(teken))
    return tuple(sorted(re.findall(r"[^\W_]+", zonder_accenten.casefold())))


def betrokkenen_zoeken(gebruiker: Gebruiker, *, naam: str, geboortedatum: datetime.date) -> list[Betrokkene]:
    """Every betrokkene with this name and birth date in a signal of the FG's gemeenten, oldest signal first.

    The birth date is matched in the database and must be exact; the name is compared as its
    ``naam_sleutel``, which the database cannot do, among the few with that birth date.
    """
    sleutel = naam_sleutel(naam)
    if not sleutel:
        return []
    kandidaten = (
        Betrokkene.objects.filter(geboortedatum=geboortedatum, signaal__in=signalen_in_bereik(gebruiker))
        .exclude(naam="")
        .select_related("signaal__gemeente")
        .order_by("signaal__ingediend_op", "signaal_id", "pk")
    )
    return [betrokkene for betrokkene in kandidaten if naam_sleutel(betrokkene.naam) == sleutel]


def betrokkene_voor_fg(gebruiker: Gebruiker, *, signaal_id: int, betrokkene_id: int) -> Betrokkene:
    """One betrokkene of a signal in the FG's gemeenten; Betrokkene.DoesNotExist otherwise (a 404)."""
    return Betrokkene.objects.select_related("signaal__gemeente").get(
        pk=betrokkene_id, signaal_id=signaal_id, signaal__in=signalen_in_bereik(gebruiker)
    )


# Rights of betrokkenen: what an inzage shows.


@dataclass(frozen=True)
class DelingInzage:
    organisatie: str
    grondslag: str
    gedeeld_op: datetime.datetime
    einddatum: datetime.date
    ingetrokken_op: datetime.datetime | None
    met_gegevens: bool


@dataclass(frozen=True)
class SignaalInzage:
    """One signal as it concerns the person: their own data in it and with whom it was shared."""

    referentie: str
    gemeente: str
    gemeld_op: datetime.datetime
    stap: str
    vormen: list[str]
    gegevens: list[tuple[str, str]]
    delingen: list[DelingInzage]
    # The person's data as the melder reported it, where the AF corrected it since (the report
    # is kept as submitted: signalen/melding.py); empty when it is what the record says now.
    zoals_gemeld: list[tuple[str, str]]


@dataclass(frozen=True)
class Inzage:
    signalen: list[SignaalInzage]
    opgesteld_op: datetime.datetime
    opgesteld_door: str


def _weergave(waarde: Any) -> str:
    if isinstance(waarde, datetime.date):
        return date_format(waarde, "j F Y")
    return str(waarde)


def _label(veldnaam: str) -> str:
    veld = Betrokkene._meta.get_field(veldnaam)
    assert isinstance(veld, models.Field)
    return str(veld.verbose_name)


def betrokkene_gegevens(betrokkene: Betrokkene) -> list[tuple[str, str]]:
    """The person's own fields as recorded, with their labels; empty fields are left out."""
    gegevens = [("Rol in het signaal", betrokkene.get_rol_display())]
    for naam in BETROKKENE_VELDEN[1:]:
        waarde = getattr(betrokkene, naam)
        if waarde:
            gegevens.append((_label(naam).capitalize(), _weergave(waarde)))
    return gegevens


def inzage(*, door: Gebruiker, betrokkenen: Sequence[Betrokkene]) -> Inzage:
    """What the inzage holds: per signal only this person's data, never another betrokkene's, and
    every share of the signal (also ended ones), with whether the person's data went with it."""
    signaal_ids = [b.signaal_id for b in betrokkenen]
    delingen: dict[int, list[DelingInzage]] = defaultdict(list)
    for deling in (
        Deling.objects.filter(signaal_id__in=signaal_ids).select_related("organisatie").order_by("gedeeld_op", "pk")
    ):
        delingen[deling.signaal_id].append(
            DelingInzage(
                organisatie=deling.organisatie.naam,
                grondslag=deling.get_grondslag_display(),
                gedeeld_op=deling.gedeeld_op,
                einddatum=deling.einddatum,
                ingetrokken_op=deling.ingetrokken_op,
                met_gegevens=deling.met_betrokkenen,
            )
        )
    vormen: dict[int, list[str]] = defaultdict(list)
    for signaal_id, vorm in Signaal.vormen.through.objects.filter(signaal_id__in=signaal_ids).values_list(
        "signaal_id", "vorm__naam"
    ):
        vormen[signaal_id].append(vorm)
    meldingen = {m.signaal_id: m for m in OorspronkelijkeMelding.objects.filter(signaal_id__in=signaal_ids)}
    zoals_gemeld: dict[int, list[tuple[str, str]]] = {}
    for b in betrokkenen:
        gemeld = melding.betrokkene_zoals_gemeld(meldingen.get(b.signaal_id), b.pk)
        zoals_gemeld[b.pk] = gemeld if gemeld != melding.betrokkene_regels(b) else []
    return Inzage(
        signalen=[
            SignaalInzage(
                referentie=b.signaal.referentie,
                gemeente=b.signaal.gemeente.naam,
                gemeld_op=b.signaal.ingediend_op,
                stap=b.signaal.get_status_display(),
                vormen=sorted(vormen[b.signaal_id]),
                gegevens=betrokkene_gegevens(b),
                delingen=delingen[b.signaal_id],
                zoals_gemeld=zoals_gemeld[b.pk],
            )
            for b in betrokkenen
        ],
        opgesteld_op=timezone.now(),
        opgesteld_door=door.get_full_name() or door.get_username(),
    )


# Rights of betrokkenen: correcting and removing, each in one transaction with its timeline entry.


def _vergrendelen(*, door: Gebruiker, signaal_id: int) -> Signaal:
    """Lock the signal if it lies in the FG's gemeenten; Signaal.DoesNotExist otherwise (a 404).

    The signal is locked first, as every writer of a signal does, so a correction never crosses
    a step of the AF or the retention job.
    """
    return signalen_in_bereik(door).select_for_update(of=("self",)).get(pk=signaal_id)


def _op_tijdlijn(*, signaal: Signaal, door: Gebruiker, actie: str, toelichting: str) -> StapRegistratie:
    return StapRegistratie.objects.create(
        signaal=signaal,
        actie=actie,
        van_status=signaal.status,
        naar_status=signaal.status,
        door=door,
        toelichting=toelichting,
    )


def _feiten_bijwerken(signaal: Signaal) -> None:
    # The age band and nationality group of the first possible victim follow the corrected data.
    Signaalfeiten.objects.filter(signaal=signaal).update(**feiten.slachtoffer_feiten(signaal))


@transaction.atomic
def betrokkene_corrigeren(
    *, door: Gebruiker, signaal_id: int, betrokkene_id: int, gegevens: Mapping[str, Any], reden: str
) -> Betrokkene:
    """The FG corrects the fields of one betrokkene. The timeline says which fields and why, never
    what they held; the audit log records the change with every value masked."""
    if reden not in CORRECTIEREDENEN:
        raise ValidationError({"reden": "Kies de reden van de correctie."})
    signaal = _vergrendelen(door=door, signaal_id=signaal_id)
    betrokkene = signaal.betrokkenen.get(pk=betrokkene_id)
    wie = str(betrokkene)  # "Mogelijk slachtoffer #12": never the name (Betrokkene.__str__).
    gewijzigd = [naam for naam in BETROKKENE_VELDEN if naam in gegevens and getattr(betrokkene, naam) != gegevens[naam]]
    if not gewijzigd:
        raise ValidationError("Er is niets gewijzigd. Pas minstens één gegeven aan, of ga terug naar het zoeken.")
    for naam in gewijzigd:
        setattr(betrokkene, naam, gegevens[naam])
    betrokkene.full_clean(exclude=["signaal"])
    betrokkene.save(update_fields=gewijzigd)
    sleutels_bijwerken(signaal)
    # The report as submitted holds the same person: the correction reaches it too.
    melding.betrokkene_corrigeren(
        signaal=signaal, betrokkene_id=betrokkene.pk, gegevens={naam: getattr(betrokkene, naam) for naam in gewijzigd}
    )
    velden = ", ".join(_label(naam) for naam in gewijzigd)
    _op_tijdlijn(
        signaal=signaal,
        door=door,
        actie=GECORRIGEERD,
        toelichting=f"{wie}: {velden} gecorrigeerd door de functionaris gegevensbescherming. "
        f"Reden: {Reden(reden).label}.",
    )
    _feiten_bijwerken(signaal)
    return betrokkene


@transaction.atomic
def betrokkene_verwijderen(*, door: Gebruiker, signaal_id: int, betrokkene_id: int, reden: str) -> None:
    """The FG removes one betrokkene from a signal; the rest of the signal stays as it is."""
    if reden not in VERWIJDERREDENEN:
        raise ValidationError({"reden": "Kies de reden van het verwijderen."})
    signaal = _vergrendelen(door=door, signaal_id=signaal_id)
    betrokkene = signaal.betrokkenen.get(pk=betrokkene_id)
    wie = str(betrokkene)
    betrokkene.delete()
    sleutels_bijwerken(signaal)
    melding.betrokkene_verwijderen(signaal=signaal, betrokkene_id=betrokkene_id)
    _op_tijdlijn(
        signaal=signaal,
        door=door,
        actie=VERWIJDERD,
        toelichting=f"{wie} verwijderd door de functionaris gegevensbescherming. Reden: {Reden(reden).label}.",
    )
    _feiten_bijwerken(signaal)


# FG tools: every access to a signal or by a user.


@dataclass(frozen=True)
class Toegangsregel:
    tijdstip: datetime.datetime
    gebruikersnaam: str
    actie: str
    resultaat: str
    referenties: list[str]
    buiten_bereik: int  # signals in the row outside the FG's gemeenten (or no longer existing)
    ip_adres: str

    @property
    def signalen(self) -> str:
        tekst = ", ".join(self.referenties)
        if self.buiten_bereik:
            tekst += f"{' ' if tekst else ''}(en {self.buiten_bereik} buiten uw gemeenten)"
        return tekst


def _met_signaal(regels: QuerySet[Toegangslog], pk: int) -> QuerySet[Toegangslog]:
    if connection.features.supports_json_field_contains:
        return regels.filter(signaal_ids__contains=[pk])
    # SQLite (the quick start) cannot search inside JSON; it only ever holds demo data.
    return regels.filter(pk__in=[r.pk for r in regels.only("pk", "signaal_ids") if pk in r.signaal_ids])


def toegang(
    gebruiker: Gebruiker,
    *,
    signaal: Signaal | None = None,
    gebruikersnaam: str = "",
    van: datetime.date | None = None,
    tot: datetime.date | None = None,
) -> list[Toegangsregel]:
    """Every access-log row about ``signaal`` and/or by ``gebruikersnaam`` in the period, oldest first.

    The FG sees a row when it names a signal of their gemeenten, or when it is by a user of their
    organisations (a refused attempt on another gemeente's signal included). Reference numbers are
    only shown for signals of their gemeenten; the others are only counted. ``signaal`` must
    already be one of the FG's (``signaal_in_bereik``).
    """
    regels: QuerySet[Toegangslog] = Toegangslog.objects.order_by("tijdstip", "pk")
    zone = timezone.get_current_timezone()
    if van:
        regels = regels.filter(tijdstip__gte=datetime.datetime.combine(van, datetime.time.min, zone))
    if tot:
        regels = regels.filter(tijdstip__lte=datetime.datetime.combine(tot, datetime.time.max, zone))
    if gebruikersnaam:
        regels = regels.filter(gebruikersnaam__iexact=gebruikersnaam.strip())
    if signaal is not None:
        regels = _met_signaal(regels, signaal.pk)
    gevonden = list(regels)
    ids = {pk for regel in gevonden for pk in regel.signaal_ids}
    referenties = dict(signalen_in_bereik(gebruiker).filter(pk__in=ids).values_list("pk", "referentie"))
    eigen_gebruikers = set(
        Lidmaatschap.objects.filter(organisatie__in=fg_organisaties(gebruiker)).values_list("gebruiker_id", flat=True)
    )
    resultaat = []
    for regel in gevonden:
        in_bereik = [referenties[pk] for pk in regel.signaal_ids if pk in referenties]
        if not in_bereik and regel.gebruiker_id not in eigen_gebruikers:
            continue
        resultaat.append(
            Toegangsregel(
                tijdstip=timezone.localtime(regel.tijdstip),
                gebruikersnaam=regel.gebruikersnaam,
                actie=regel.get_actie_display(),
                resultaat=regel.get_resultaat_display(),
                referenties=in_bereik,
                buiten_bereik=len(regel.signaal_ids) - len(in_bereik),
                ip_adres=regel.ip_adres or "",
            )
        )
    return resultaat


def toegang_signaal_ids(gebruiker: Gebruiker, regels: Sequence[Toegangsregel]) -> list[int]:
    """The signals of the FG's gemeenten that an access export names, for its own access-log row."""
    referenties = {referentie for regel in regels for referentie in regel.referenties}
    return list(signalen_in_bereik(gebruiker).filter(referentie__in=referenties).values_list("pk", flat=True))


# FG tools: the quarterly rights review.


@dataclass(frozen=True)
class Rechtenregel:
    organisatie: str
    naam: str
    gebruikersnaam: str
    rollen: list[str]
    objectrechten: int
    laatst_ingelogd: datetime.datetime | None
    mfa: str  # "ja", "nee", or GEEN_MFA while two-factor authentication is not part of the product
    actief: bool


def _mfa(gebruiker_ids: set[int]) -> dict[int, str]:
    """Whether each user has a confirmed second factor; GEEN_MFA for all without django-otp installed.

    Recovery codes (the static device) are no second factor on their own and do not count.
    """
    if not apps.is_installed("django_otp"):
        return dict.fromkeys(gebruiker_ids, GEEN_MFA)
    # Imported only now: django-otp's models cannot even be imported while it is not installed.
    django_otp = importlib.import_module("django_otp")
    met_mfa: set[int] = set()
    for model in django_otp.device_classes():
        if model._meta.label_lower == "otp_static.staticdevice":
            continue
        met_mfa |= set(
            model.objects.filter(user_id__in=gebruiker_ids, confirmed=True).values_list("user_id", flat=True)
        )
    return {pk: "ja" if pk in met_mfa else "nee" for pk in gebruiker_ids}


def rechtenreview(gebruiker: Gebruiker) -> list[Rechtenregel]:
    """Per organisation of the FG, every user with a role there: the roles, the object permissions on
    signals that those roles' groups hold, the last login and the second factor. Sorted by
    organisation, then name. A fixed number of queries, whatever the number of users."""
    lidmaatschappen = list(
        Lidmaatschap.objects.filter(organisatie__in=fg_organisaties(gebruiker)).select_related(
            "gebruiker", "organisatie"
        )
    )
    groepen = {
        og.groep_id: og.organisatie_id
        for og in OrganisatieGroep.objects.filter(organisatie_id__in={lid.organisatie_id for lid in lidmaatschappen})
    }
    per_groep = dict(
        SignaalGroupObjectPermission.objects.filter(group_id__in=groepen)
        .values("group_id")
        .annotate(aantal=Count("pk"))
        .values_list("group_id", "aantal")
    )
    gebruiker_ids = {lid.gebruiker_id for lid in lidmaatschappen}
    rechten: dict[tuple[int, int], int] = defaultdict(int)
    for gebruiker_id, groep_id in Gebruiker.groups.through.objects.filter(
        gebruiker_id__in=gebruiker_ids, group_id__in=groepen
    ).values_list("gebruiker_id", "group_id"):
        rechten[(groepen[groep_id], gebruiker_id)] += per_groep.get(groep_id, 0)
    mfa = _mfa(gebruiker_ids)

    rollen: dict[tuple[int, int], list[str]] = defaultdict(list)
    eerste: dict[tuple[int, int], Lidmaatschap] = {}
    for lid in lidmaatschappen:
        sleutel = (lid.organisatie_id, lid.gebruiker_id)
        rollen[sleutel].append(lid.rol)
        eerste.setdefault(sleutel, lid)
    regels = []
    for sleutel, lid in eerste.items():
        persoon, organisatie = lid.gebruiker, lid.organisatie
        naam = persoon.get_full_name() or persoon.get_username()
        volgorde = (organisatie.naam.casefold(), naam.casefold(), persoon.get_username())
        regel = Rechtenregel(
            organisatie=organisatie.naam if organisatie.actief else f"{organisatie.naam} (inactief)",
            naam=naam,
            gebruikersnaam=persoon.get_username(),
            rollen=[rol.label for rol in Rol if rol in rollen[sleutel]],
            objectrechten=rechten[sleutel],
            laatst_ingelogd=timezone.localtime(persoon.last_login) if persoon.last_login else None,
            mfa=mfa[persoon.pk],
            actief=persoon.is_active,
        )
        regels.append((volgorde, regel))
    return [regel for _, regel in sorted(regels, key=lambda paar: paar[0])]


def kwartaal(datum: datetime.date) -> str:
    return f"{(datum.month - 1) // 3 + 1}e kwartaal {datum.year}"
