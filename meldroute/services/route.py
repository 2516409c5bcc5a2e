"""Every action on the meldroute, one function each.

Each one takes the acting user, checks that they may work on the signal (django-fsm does not),
locks the row, runs the transition, saves, and writes its registration in the same transaction.
"""

import datetime
from collections.abc import Callable, Collection
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django_fsm import ConcurrentTransition, can_proceed

from ketenpartners.models import Gebruiker
from ketenpartners.selectors import aandachtsfunctionarissen_van
from meldroute import herinneringen
from meldroute.models import (
    Afsluiting,
    Conclusie,
    Herbeoordeling,
    InformatiepleinInbreng,
    RiecInschakeling,
    StapRegistratie,
    TafelBespreking,
    Terugkoppeling,
    Verrijking,
)
from signalen import feiten, rechten, termijnen
from signalen.models import Signaal
from signalen.selectors import behandelbare_signalen
from signalen.workflow import MONITORING_STATUSSEN, OPEN_STATUSSEN, VERRIJKING_STATUSSEN, Afloop, Status

Actie = StapRegistratie.Actie


class MeldrouteFout(Exception):
    """A refusal the user should read; the message is Dutch and complete."""


class SignaalGewijzigd(MeldrouteFout):
    def __init__(self) -> None:
        super().__init__(
            "Iemand anders heeft dit signaal intussen bijgewerkt. "
            "Bekijk de nieuwe stand en probeer het zo nodig opnieuw."
        )


class ActieNietToegestaan(MeldrouteFout):
    pass


def _verplicht(**velden: Any) -> None:
    ontbrekend = {naam: "Dit veld is verplicht." for naam, waarde in velden.items() if waarde in (None, "", [])}
    if ontbrekend:
        raise ValidationError(ontbrekend)


def _vergrendelen(*, signaal_id: int, door: Gebruiker, verwachte_status: str | None) -> Signaal:
    """Lock the signal if the user may work on it; Signaal.DoesNotExist otherwise (a 404)."""
    signaal = behandelbare_signalen(door).select_for_update(of=("self",)).get(pk=signaal_id)
    if not rechten.behandelbaar(door, signaal):
        raise Signaal.DoesNotExist
    if verwachte_status is not None and signaal.status != verwachte_status:
        raise SignaalGewijzigd()
    return signaal


def _registreren(*, signaal: Signaal, door: Gebruiker, actie: str, van: str, toelichting: str = "") -> StapRegistratie:
    return StapRegistratie.objects.create(
        signaal=signaal, actie=actie, van_status=van, naar_status=signaal.status, door=door, toelichting=toelichting
    )


def _overgang(
    *,
    signaal_id: int,
    door: Gebruiker,
    actie: str,
    verwachte_status: str | None,
    toelichting: str = "",
    **argumenten: Any,
) -> tuple[Signaal, StapRegistratie]:
    signaal = _vergrendelen(signaal_id=signaal_id, door=door, verwachte_status=verwachte_status)
    methode: Callable[..., None] = getattr(signaal, actie)
    if not can_proceed(methode):
        raise ActieNietToegestaan(
            f"Dit kan niet in stap '{signaal.get_status_display()}'. Kies een actie die nu mogelijk is."
        )
    van = signaal.status
    methode(**argumenten)
    # A new step starts its own term (signalen/termijnen.py), in this same transaction.
    signaal.stap_sinds = timezone.now()
    termijnen.bijwerken_voor_gemeente(signaal)
    try:
        signaal.save()
    except ConcurrentTransition as fout:
        raise SignaalGewijzigd() from fout
    registratie = _registreren(signaal=signaal, door=door, actie=actie, van=van, toelichting=toelichting)
    feiten_bijwerken(signaal)
    return signaal, registratie


def feiten_bijwerken(signaal: Signaal) -> None:
    """The signal's facts for the evaluation follow its history, in the same transaction."""
    overgangen = [
        feiten.Overgang(actie=r.actie, van=r.van_status, naar=r.naar_status, op=r.op)
        for r in StapRegistratie.objects.filter(signaal=signaal).order_by("op", "pk")
    ]
    feiten.bijwerken(signaal, overgangen=overgangen)


def _niet_in_de_toekomst(**data: datetime.date) -> None:
    vandaag = timezone.localdate()
    fouten = {naam: "Deze datum ligt in de toekomst." for naam, datum in data.items() if datum and datum > vandaag}
    if fouten:
        raise ValidationError(fouten)


@transaction.atomic
def in_behandeling_nemen(
    *, signaal_id: int, door: Gebruiker, behandelaar: Gebruiker, verwachte_status: str | None = None
) -> Signaal:
    """Step 2: the AF takes the signal and names who handles it (themselves or the backup)."""
    _verplicht(behandelaar=behandelaar)
    signaal = _vergrendelen(signaal_id=signaal_id, door=door, verwachte_status=verwachte_status)
    if not aandachtsfunctionarissen_van(signaal.gemeente).filter(pk=behandelaar.pk).exists():
        raise ValidationError({"behandelaar": "Kies een aandachtsfunctionaris van deze gemeente."})
    signaal, _ = _overgang(
        signaal_id=signaal_id,
        door=door,
        actie=Actie.IN_BEHANDELING_NEMEN,
        verwachte_status=verwachte_status,
        toelichting=f"Behandelaar: {behandelaar}",
        behandelaar_id=behandelaar.pk,
    )
    return signaal


@transaction.atomic
def verrijken(
    *, signaal_id: int, door: Gebruiker, bron: str, bevindingen: str, verwachte_status: str | None = None
) -> Signaal:
    """Step 3: what the AF found in their own sources."""
    _verplicht(bron=bron, bevindingen=bevindingen)
    signaal, registratie = _overgang(
        signaal_id=signaal_id, door=door, actie=Actie.VERRIJKEN, verwachte_status=verwachte_status
    )
    Verrijking.objects.create(signaal=signaal, registratie=registratie, bron=bron, bevindingen=bevindingen)
    return signaal


@transaction.atomic
def verrijking_toevoegen(
    *, signaal_id: int, door: Gebruiker, bron: str, bevindingen: str, verwachte_status: str | None = None
) -> Signaal:
    """Another verrijking after the first, while the signal is in steps 3 to 6."""
    _verplicht(bron=bron, bevindingen=bevindingen)
    signaal = _vergrendelen(signaal_id=signaal_id, door=door, verwachte_status=verwachte_status)
    if signaal.status not in VERRIJKING_STATUSSEN:
        raise ActieNietToegestaan("Een verrijking toevoegen kan alleen in stap 3 tot en met 6.")
    registratie = _registreren(signaal=signaal, door=door, actie=Actie.VERRIJKING_TOEVOEGEN, van=signaal.status)
    Verrijking.objects.create(signaal=signaal, registratie=registratie, bron=bron, bevindingen=bevindingen)
    return signaal


@transaction.atomic
def lokale_tafel_bespreken(
    *,
    signaal_id: int,
    door: Gebruiker,
    soort: str,
    besproken_op: datetime.date,
    besluit: str,
    verwachte_status: str | None = None,
) -> Signaal:
    """Step 4: discussed at the local table, with the police, or with the PCT."""
    _verplicht(soort=soort, besproken_op=besproken_op, besluit=besluit)
    _niet_in_de_toekomst(besproken_op=besproken_op)
    signaal, registratie = _overgang(
        signaal_id=signaal_id, door=door, actie=Actie.LOKALE_TAFEL_BESPREKEN, verwachte_status=verwachte_status
    )
    TafelBespreking.objects.create(
        signaal=signaal, registratie=registratie, soort=soort, besproken_op=besproken_op, besluit=besluit
    )
    return signaal


@transaction.atomic
def riec_inschakelen(
    *,
    signaal_id: int,
    door: Gebruiker,
    vermoeden: str,
    contact: str,
    datum: datetime.date,
    verwachte_status: str | None = None,
) -> Signaal:
    """Step 5: a suspicion of mensenhandel, so the RIEC or the regional table is involved."""
    _verplicht(vermoeden=vermoeden, contact=contact, datum=datum)
    _niet_in_de_toekomst(datum=datum)
    signaal, registratie = _overgang(
        signaal_id=signaal_id, door=door, actie=Actie.RIEC_INSCHAKELEN, verwachte_status=verwachte_status
    )
    RiecInschakeling.objects.create(
        signaal=signaal, registratie=registratie, vermoeden=vermoeden, contact=contact, datum=datum
    )
    return signaal


@transaction.atomic
def informatieplein_inbrengen(
    *,
    signaal_id: int,
    door: Gebruiker,
    ingebracht_op: datetime.date,
    resultaat: str,
    verwachte_status: str | None = None,
) -> Signaal:
    """Step 6: brought onto the RIEC's informatieplein."""
    _verplicht(ingebracht_op=ingebracht_op, resultaat=resultaat)
    _niet_in_de_toekomst(ingebracht_op=ingebracht_op)
    signaal, registratie = _overgang(
        signaal_id=signaal_id, door=door, actie=Actie.INFORMATIEPLEIN_INBRENGEN, verwachte_status=verwachte_status
    )
    InformatiepleinInbreng.objects.create(
        signaal=signaal, registratie=registratie, ingebracht_op=ingebracht_op, resultaat=resultaat
    )
    return signaal


@transaction.atomic
def terugkoppelen(
    *,
    signaal_id: int,
    door: Gebruiker,
    tekst: str,
    gegeven_op: datetime.date,
    verwachte_status: str | None = None,
) -> Signaal:
    """Step 7: feedback to the melder, as far as law and covenants allow."""
    _verplicht(tekst=tekst, gegeven_op=gegeven_op)
    _niet_in_de_toekomst(gegeven_op=gegeven_op)
    signaal, registratie = _overgang(
        signaal_id=signaal_id, door=door, actie=Actie.TERUGKOPPELEN, verwachte_status=verwachte_status
    )
    Terugkoppeling.objects.create(signaal=signaal, registratie=registratie, tekst=tekst, gegeven_op=gegeven_op)
    herinneringen.terugkoppeling_melden(signaal)
    return signaal


@transaction.atomic
def geen_mensenhandel(
    *,
    signaal_id: int,
    door: Gebruiker,
    onderbouwing: str,
    tekst: str,
    gegeven_op: datetime.date,
    doorverwijzing: str = "",
    verwachte_status: str | None = None,
) -> Signaal:
    """The exit after step 3, 4 or 5: no (suspicion of) mensenhandel; straight to feedback."""
    _verplicht(onderbouwing=onderbouwing, tekst=tekst, gegeven_op=gegeven_op)
    _niet_in_de_toekomst(gegeven_op=gegeven_op)
    signaal, registratie = _overgang(
        signaal_id=signaal_id,
        door=door,
        actie=Actie.GEEN_MENSENHANDEL,
        verwachte_status=verwachte_status,
        toelichting=onderbouwing,
    )
    Conclusie.objects.create(
        signaal=signaal, registratie=registratie, onderbouwing=onderbouwing, doorverwijzing=doorverwijzing
    )
    # The feedback to the melder is a registration of its own on the timeline.
    terugkoppeling = _registreren(signaal=signaal, door=door, actie=Actie.TERUGKOPPELEN, van=signaal.status)
    Terugkoppeling.objects.create(signaal=signaal, registratie=terugkoppeling, tekst=tekst, gegeven_op=gegeven_op)
    herinneringen.terugkoppeling_melden(signaal)
    return signaal


@transaction.atomic
def afsluiten(
    *,
    signaal_id: int,
    door: Gebruiker,
    afloop: str,
    toelichting: str = "",
    behouden: Collection[int] = (),
    verwachte_status: str | None = None,
) -> Signaal:
    """Close the signal with its afloop. Shares in force end, except those in ``behouden``
    (share ids), which run on until their own end date."""
    _verplicht(afloop=afloop)
    if afloop not in Afloop.values:
        raise ValidationError({"afloop": "Kies een afloop uit de lijst."})
    signaal, registratie = _overgang(
        signaal_id=signaal_id,
        door=door,
        actie=Actie.AFSLUITEN,
        verwachte_status=verwachte_status,
        toelichting=toelichting,
        afloop=afloop,
    )
    Afsluiting.objects.create(signaal=signaal, registratie=registratie, afloop=afloop)
    # Imported here: the sharing services build on this module, not the other way round.
    from meldroute.services.delen import lopende_delingen_beeindigen

    lopende_delingen_beeindigen(signaal=signaal, door=door, behouden={int(pk) for pk in behouden})
    return signaal


@transaction.atomic
def heropenen(*, signaal_id: int, door: Gebruiker, reden: str, verwachte_status: str | None = None) -> Signaal:
    """Reopen a closed signal; it goes back to step 2 and the reason is kept."""
    _verplicht(reden=reden)
    signaal, _ = _overgang(
        signaal_id=signaal_id, door=door, actie=Actie.HEROPENEN, verwachte_status=verwachte_status, toelichting=reden
    )
    return signaal


@transaction.atomic
def herbeoordeling_plannen(
    *,
    signaal_id: int,
    door: Gebruiker,
    datum: datetime.date,
    toelichting: str = "",
    verwachte_status: str | None = None,
) -> Signaal:
    """Monitoring ("lopend signaal"): the signal stays in its step and is due again on ``datum``."""
    _verplicht(datum=datum)
    if datum <= timezone.localdate():
        raise ValidationError({"datum": "Kies een datum na vandaag."})
    signaal = _vergrendelen(signaal_id=signaal_id, door=door, verwachte_status=verwachte_status)
    if signaal.status not in MONITORING_STATUSSEN:
        raise ActieNietToegestaan("Een herbeoordeling plannen kan alleen in stap 3 tot en met 6.")
    signaal.herbeoordelen_op = datum
    termijnen.bijwerken_voor_gemeente(signaal)
    signaal.save(update_fields=["herbeoordelen_op", "gewijzigd_op", *termijnen.TERMIJNVELDEN])
    registratie = _registreren(
        signaal=signaal, door=door, actie=Actie.HERBEOORDELING_PLANNEN, van=signaal.status, toelichting=toelichting
    )
    Herbeoordeling.objects.create(signaal=signaal, registratie=registratie, datum=datum)
    return signaal


@transaction.atomic
def tafelbesluit_registreren(*, signaal_id: int, door: Gebruiker, toelichting: str) -> StapRegistratie:
    """A tafel's decision that leaves the signal in its step, on the signal's timeline."""
    _verplicht(toelichting=toelichting)
    signaal = _vergrendelen(signaal_id=signaal_id, door=door, verwachte_status=None)
    if signaal.status == Status.AFGESLOTEN:
        raise ActieNietToegestaan("Een afgesloten signaal kan niet meer aan tafel besproken worden.")
    return _registreren(
        signaal=signaal, door=door, actie=Actie.TAFELBESLUIT, van=signaal.status, toelichting=toelichting
    )


@transaction.atomic
def behandelaar_wijzigen(
    *, signaal_id: int, door: Gebruiker, behandelaar: Gebruiker, verwachte_status: str | None = None
) -> Signaal:
    """Hand the signal to the other aandachtsfunctionaris (the backup)."""
    _verplicht(behandelaar=behandelaar)
    signaal = _vergrendelen(signaal_id=signaal_id, door=door, verwachte_status=verwachte_status)
    if signaal.status not in OPEN_STATUSSEN or signaal.status == Status.OPGEPIKT:
        raise ActieNietToegestaan("De behandelaar wijzigen kan alleen bij een signaal in behandeling.")
    if not aandachtsfunctionarissen_van(signaal.gemeente).filter(pk=behandelaar.pk).exists():
        raise ValidationError({"behandelaar": "Kies een aandachtsfunctionaris van deze gemeente."})
    signaal.behandelaar = behandelaar
    signaal.save(update_fields=["behandelaar", "gewijzigd_op"])
    _registreren(
        signaal=signaal,
        door=door,
        actie=Actie.BEHANDELAAR_WIJZIGEN,
        van=signaal.status,
        toelichting=f"Overgedragen aan {behandelaar}.",
    )
    return signaal


def terugkoppeling_gelezen(*, door: Gebruiker) -> int:
    """The melder saw the feedback on their signals ("Mijn signalen"): no longer new for them.

    A plain update of bookkeeping that the audit log leaves out (signalen/audit.py).
    """
    nog_niet_gelezen = Q(terugkoppeling_gelezen_op__isnull=True) | Q(
        terugkoppeling_gelezen_op__lt=F("teruggekoppeld_op")
    )
    return (
        Signaal.objects.filter(melder=door, teruggekoppeld_op__isnull=False)
        .filter(nog_niet_gelezen)
        .update(terugkoppeling_gelezen_op=timezone.now())
    )
