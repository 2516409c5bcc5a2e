"""Keeping the dossier up to date in steps 2 to 6 (meldroute/dossier.py), one function per change.

Each one locks the signal the way the route actions do, refuses outside steps 2 to 6, changes the
data, and writes one entry on the timeline, all in one transaction. The timeline says who changed
what kind of thing and when, never the personal data itself (no name, address, birth date or
note); the audit log records the change with those values masked (signalen/audit.py).
"""

from collections.abc import Mapping, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from ketenpartners.models import Gebruiker
from meldroute.dossier import bij_te_werken, weigering
from meldroute.models import StapRegistratie
from meldroute.services.route import ActieNietToegestaan, _registreren, _vergrendelen, _verplicht, feiten_bijwerken
from signalen.melding import BETROKKENE_VELDEN, LOCATIE_VELDEN
from signalen.models import Betrokkene, Bijlage, Indicator, Locatie, Notitie, Signaal, Vorm
from signalen.samenhang.sleutels import sleutels_bijwerken
from signalen.uploads import bijlage_valideren, inhoudstype, quotum_toepassen

Actie = StapRegistratie.Actie

LEGE_LOCATIE = "Vul bij een locatie minstens een adres, bedrijfsnaam of KvK-nummer in."
NIETS_GEWIJZIGD = "Er is niets gewijzigd. Pas minstens één gegeven aan, of ga terug naar het signaal."


def _vergrendelen_om_bij_te_werken(*, signaal_id: int, door: Gebruiker) -> Signaal:
    """Lock the signal if the user may work on it (Signaal.DoesNotExist otherwise: a 404) and its
    step allows changing the dossier (ActieNietToegestaan otherwise, with the reason)."""
    signaal = _vergrendelen(signaal_id=signaal_id, door=door, verwachte_status=None)
    if not bij_te_werken(signaal):
        raise ActieNietToegestaan(weigering(signaal))
    return signaal


def _op_tijdlijn(signaal: Signaal, door: Gebruiker, actie: str, toelichting: str = "") -> None:
    _registreren(signaal=signaal, door=door, actie=actie, van=signaal.status, toelichting=toelichting)


def _labels(model: type[Betrokkene] | type[Locatie], velden: Sequence[str]) -> str:
    """The changed fields by their Dutch labels ("naam, adres"): what kind of change, not its value."""
    return ", ".join(str(model._meta.get_field(veld).verbose_name) for veld in velden)  # type: ignore[union-attr]


@transaction.atomic
def betrokkene_toevoegen(*, signaal_id: int, door: Gebruiker, gegevens: Mapping[str, Any]) -> Betrokkene:
    """A person found while enriching the signal, e.g. a name from the BRP."""
    _verplicht(rol=gegevens.get("rol"))
    signaal = _vergrendelen_om_bij_te_werken(signaal_id=signaal_id, door=door)
    betrokkene = Betrokkene(signaal=signaal, **{v: gegevens[v] for v in BETROKKENE_VELDEN if v in gegevens})
    betrokkene.full_clean(exclude=["signaal"])
    betrokkene.save()
    sleutels_bijwerken(signaal)
    _op_tijdlijn(signaal, door, Actie.BETROKKENE_TOEGEVOEGD, f"Rol: {betrokkene.get_rol_display()}")
    # The age band and nationality group of the first possible victim follow the record.
    feiten_bijwerken(signaal)
    return betrokkene


@transaction.atomic
def betrokkene_wijzigen(
    *, signaal_id: int, betrokkene_id: int, door: Gebruiker, gegevens: Mapping[str, Any]
) -> Betrokkene:
    """Correct the given fields of a betrokkene; the timeline names the changed fields, never their values."""
    if "rol" in gegevens:
        _verplicht(rol=gegevens["rol"])
    signaal = _vergrendelen_om_bij_te_werken(signaal_id=signaal_id, door=door)
    betrokkene = signaal.betrokkenen.get(pk=betrokkene_id)
    gewijzigd = [v for v in BETROKKENE_VELDEN if v in gegevens and getattr(betrokkene, v) != gegevens[v]]
    if not gewijzigd:
        raise ValidationError(NIETS_GEWIJZIGD)
    for veld in gewijzigd:
        setattr(betrokkene, veld, gegevens[veld])
    betrokkene.full_clean(exclude=["signaal"])
    betrokkene.save(update_fields=gewijzigd)
    sleutels_bijwerken(signaal)
    toelichting = f"Rol: {betrokkene.get_rol_display()}. Gewijzigd: {_labels(Betrokkene, gewijzigd)}."
    _op_tijdlijn(signaal, door, Actie.BETROKKENE_GEWIJZIGD, toelichting)
    feiten_bijwerken(signaal)
    return betrokkene


def _locatie_controleren(locatie: Locatie) -> None:
    if not (locatie.adres or locatie.bedrijfsnaam or locatie.kvk_nummer):
        raise ValidationError(LEGE_LOCATIE)
    locatie.full_clean(exclude=["signaal"])


@transaction.atomic
def locatie_toevoegen(*, signaal_id: int, door: Gebruiker, gegevens: Mapping[str, Any]) -> Locatie:
    signaal = _vergrendelen_om_bij_te_werken(signaal_id=signaal_id, door=door)
    locatie = Locatie(signaal=signaal, **{v: gegevens[v] for v in LOCATIE_VELDEN if v in gegevens})
    _locatie_controleren(locatie)
    locatie.save()
    sleutels_bijwerken(signaal)
    _op_tijdlijn(signaal, door, Actie.LOCATIE_TOEGEVOEGD)
    return locatie


@transaction.atomic
def locatie_wijzigen(*, signaal_id: int, locatie_id: int, door: Gebruiker, gegevens: Mapping[str, Any]) -> Locatie:
    signaal = _vergrendelen_om_bij_te_werken(signaal_id=signaal_id, door=door)
    locatie = signaal.locaties.get(pk=locatie_id)
    gewijzigd = [v for v in LOCATIE_VELDEN if v in gegevens and getattr(locatie, v) != gegevens[v]]
    if not gewijzigd:
        raise ValidationError(NIETS_GEWIJZIGD)
    for veld in gewijzigd:
        setattr(locatie, veld, gegevens[veld])
    _locatie_controleren(locatie)
    locatie.save(update_fields=gewijzigd)
    sleutels_bijwerken(signaal)
    _op_tijdlijn(signaal, door, Actie.LOCATIE_GEWIJZIGD, f"Gewijzigd: {_labels(Locatie, gewijzigd)}.")
    return locatie


def _verschil(voor: set[str], na: set[str]) -> str:
    """What was added and removed from a reference list; names of the list, no personal data."""
    delen = []
    if toegevoegd := sorted(na - voor):
        delen.append(f"Toegevoegd: {', '.join(toegevoegd)}.")
    if weggehaald := sorted(voor - na):
        delen.append(f"Weggehaald: {', '.join(weggehaald)}.")
    return " ".join(delen)


@transaction.atomic
def kenmerken_wijzigen(
    *, signaal_id: int, door: Gebruiker, indicatoren: Sequence[Indicator], vormen: Sequence[Vorm]
) -> Signaal:
    """Change the indicatoren and vormen: one timeline entry for each list that changed.

    A signal keeps at least one vorm ('Onbekend' is one).
    """
    if not vormen:
        raise ValidationError({"vormen": "Kies minstens één vorm, of 'Onbekend'."})
    signaal = _vergrendelen_om_bij_te_werken(signaal_id=signaal_id, door=door)
    indicatoren_voor = {i.naam for i in signaal.indicatoren.all()}
    vormen_voor = {v.naam for v in signaal.vormen.all()}
    indicatoren_na = {i.naam for i in indicatoren}
    vormen_na = {v.naam for v in vormen}
    if indicatoren_voor == indicatoren_na and vormen_voor == vormen_na:
        raise ValidationError(NIETS_GEWIJZIGD)
    if indicatoren_voor != indicatoren_na:
        signaal.indicatoren.set(indicatoren)
        _op_tijdlijn(signaal, door, Actie.INDICATOREN_GEWIJZIGD, _verschil(indicatoren_voor, indicatoren_na))
    if vormen_voor != vormen_na:
        signaal.vormen.set(vormen)
        _op_tijdlijn(signaal, door, Actie.VORMEN_GEWIJZIGD, _verschil(vormen_voor, vormen_na))
        # The figures per vorm follow the record.
        feiten_bijwerken(signaal)
    return signaal


@transaction.atomic
def bijlage_toevoegen(*, signaal_id: int, door: Gebruiker, bestand: UploadedFile) -> Bijlage:
    """An attachment, such as the minutes of a table, within the limits of the intake's uploads.

    The quota (per signal and per user per day) is counted under the lock, so two uploads at
    the same moment cannot both take the last place.
    """
    _verplicht(bestand=bestand)
    signaal = _vergrendelen_om_bij_te_werken(signaal_id=signaal_id, door=door)
    bijlage_valideren(bestand)
    _, fouten = quotum_toepassen(eigenaar=door, bewaard=list(signaal.bijlagen.all()), nieuw=[bestand])
    if fouten:
        raise ValidationError({"bestand": fouten})
    naam = bestand.name or "bijlage"
    bijlage = Bijlage.objects.create(
        signaal=signaal,
        bestand=bestand,
        naam=naam,
        content_type=inhoudstype(naam),
        grootte=bestand.size or 0,
        toegevoegd_door=door,
    )
    # Not the file name: it may name a person.
    _op_tijdlijn(signaal, door, Actie.BIJLAGE_TOEGEVOEGD)
    return bijlage


@transaction.atomic
def notitie_toevoegen(*, signaal_id: int, door: Gebruiker, tekst: str) -> Notitie:
    """An internal note for the gemeente's aandachtsfunctionarissen; the timeline says only that one was added."""
    _verplicht(tekst=tekst.strip())
    signaal = _vergrendelen_om_bij_te_werken(signaal_id=signaal_id, door=door)
    notitie = Notitie.objects.create(signaal=signaal, tekst=tekst, door=door)
    _op_tijdlijn(signaal, door, Actie.NOTITIE_TOEGEVOEGD)
    return notitie
