"""Every write about tafels. A decision that moves a signal calls the meldroute's own service,
the same one the signal page calls: the same checks, the same timeline entry, the same lock
order (the signal first, then what hangs on it)."""

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from ketenpartners.models import Gebruiker, Organisatie
from meldroute import services as route
from meldroute.models import TafelBespreking
from meldroute.services import ActieNietToegestaan, SignaalGewijzigd
from meldroute.services.delen import datum as lange_datum
from signalen.models import Signaal
from signalen.rechten import behandelbaar, behandelbare_signalen
from signalen.workflow import OPEN_STATUSSEN, Status
from tafels import selectors
from tafels.berichten import agenda_klaarzetten
from tafels.models import Agendapunt, Bijeenkomst, Tafel, Tafelactie

Besluit = Agendapunt.Besluit


def _plannende(door: Gebruiker, tafel_id: int) -> selectors.Deelname:
    deelname = selectors.deelname(door, tafel_id)
    if not deelname.mag_plannen:
        raise Tafel.DoesNotExist
    return deelname


@transaction.atomic
def bijeenkomst_plannen(
    *, tafel_id: int, door: Gebruiker, datum: datetime.date, aanvang: datetime.time, plaats: str
) -> Bijeenkomst:
    deelname = _plannende(door, tafel_id)
    if not datum or not aanvang or not plaats:
        raise ValidationError(
            {
                veld: "Dit veld is verplicht."
                for veld, waarde in [("datum", datum), ("aanvang", aanvang), ("plaats", plaats)]
                if not waarde
            }
        )
    if datum < timezone.localdate():
        raise ValidationError({"datum": "Kies vandaag of een datum in de toekomst."})
    tafel = _vergrendelen_voor_doorschuiven(deelname.tafel.pk)
    if tafel.bijeenkomsten.filter(datum=datum, aanvang=aanvang).exists():
        raise ValidationError(
            {"aanvang": f"Deze tafel heeft al een bijeenkomst op {lange_datum(datum)} om {aanvang:%H:%M} uur."}
        )
    bijeenkomst = Bijeenkomst.objects.create(
        tafel=tafel, datum=datum, aanvang=aanvang, plaats=plaats, gepland_door=door
    )
    _doorschuiven(tafel)
    return bijeenkomst


def _open_bijeenkomst(bijeenkomst_id: int) -> Bijeenkomst:
    """Lock the meeting (after the signals) and refuse a closed one. Access is checked by the caller."""
    bijeenkomst = Bijeenkomst.objects.select_for_update().get(pk=bijeenkomst_id)
    if bijeenkomst.afgerond_op is not None:
        raise ActieNietToegestaan("Deze bijeenkomst is afgerond; de agenda en de besluiten liggen vast.")
    return bijeenkomst


def _punt_voor_af(door: Gebruiker, agendapunt_id: int) -> tuple[Agendapunt, selectors.Deelname]:
    """The item and how ``door`` takes part; for a service an item they may not decide on does not
    exist at all (Agendapunt.DoesNotExist). The pages tell the two refusals apart for the access log."""
    try:
        return selectors.punt_voor_af(door, agendapunt_id)
    except Signaal.DoesNotExist:
        raise Agendapunt.DoesNotExist from None


def _signaal_vergrendelen(door: Gebruiker, signaal_id: int) -> Signaal:
    """The signal, locked first, if the user may work on it (the domain and guardian's projection)."""
    signaal = behandelbare_signalen(door).select_for_update(of=("self",)).get(pk=signaal_id)
    if not behandelbaar(door, signaal):
        raise Signaal.DoesNotExist
    return signaal


@transaction.atomic
def agendapunt_toevoegen(*, bijeenkomst_id: int, door: Gebruiker, signaal_id: int, soort: str) -> Agendapunt:
    """The AF puts a signal of their own gemeente on the agenda."""
    if soort not in (Agendapunt.Soort.NIEUW, Agendapunt.Soort.LOPEND):
        raise ValidationError({"soort": "Kies nieuw of lopend."})
    _, deelname = selectors.bijeenkomst_voor(door, bijeenkomst_id)
    # The signal first (the lock order of every writer), then the meeting.
    signaal = _signaal_vergrendelen(door, signaal_id)
    bijeenkomst = _open_bijeenkomst(bijeenkomst_id)
    if signaal.gemeente_id not in deelname.gemeenten:
        raise Signaal.DoesNotExist
    if signaal.status not in OPEN_STATUSSEN:
        raise ActieNietToegestaan(f"Signaal {signaal} is afgesloten en kan niet meer op de agenda.")
    if bijeenkomst.agendapunten.filter(signaal=signaal).exists():
        raise ActieNietToegestaan(f"Signaal {signaal} staat al op de agenda.")
    return Agendapunt.objects.create(bijeenkomst=bijeenkomst, signaal=signaal, soort=soort, toegevoegd_door=door)


@transaction.atomic
def agendapunt_verwijderen(*, agendapunt_id: int, door: Gebruiker) -> Agendapunt:
    punt, _ = _punt_voor_af(door, agendapunt_id)
    _signaal_vergrendelen(door, punt.signaal_id)
    _open_bijeenkomst(punt.bijeenkomst_id)
    punt = Agendapunt.objects.select_for_update().get(pk=punt.pk)
    if punt.besluit:
        raise ActieNietToegestaan("Over dit agendapunt is al besloten; het blijft op de agenda.")
    if punt.acties.exists():
        raise ActieNietToegestaan("Aan dit agendapunt hangen acties; het blijft op de agenda.")
    punt.delete()
    return punt


# How a discussion at each kind of tafel is recorded as step 4 on the signal's timeline.
TAFELSOORT_IN_STAP_4: dict[str, str] = {
    Tafel.Soort.LOKALE_ONDERMIJNINGSTAFEL: TafelBespreking.Soort.ONDERMIJNINGSTAFEL,
    Tafel.Soort.REGIONALE_TAFEL: TafelBespreking.Soort.ONDERMIJNINGSTAFEL,
    Tafel.Soort.DRIELUIK: TafelBespreking.Soort.DRIELUIK,
    Tafel.Soort.PCT_OVERLEG: TafelBespreking.Soort.PCT,
    Tafel.Soort.CASUSOVERLEG_ZVH: TafelBespreking.Soort.CASUSOVERLEG_ZVH,
    Tafel.Soort.ANDERS: TafelBespreking.Soort.ONDERMIJNINGSTAFEL,
}


# What each decision needs besides the conclusion, with the message for the field that is empty.
_CONCLUSIE = {"conclusie": "Schrijf de conclusie van de tafel op."}
VERPLICHT_PER_BESLUIT: dict[str, dict[str, str]] = {
    Besluit.BESPROKEN: _CONCLUSIE,
    Besluit.DOORZETTEN_RIEC: _CONCLUSIE | {"riec_contact": "Vul de contactpersoon bij het RIEC in."},
    Besluit.INFORMATIEPLEIN: _CONCLUSIE,
    Besluit.GEEN_MENSENHANDEL: _CONCLUSIE | {"terugkoppeling": "Schrijf de terugkoppeling aan de melder."},
    Besluit.LOPEND_HOUDEN: _CONCLUSIE | {"lopend_tot": "Kies tot wanneer het signaal lopend blijft."},
    Besluit.DELEN: _CONCLUSIE
    | {
        "organisatie": "Kies met welke lidorganisatie u deelt.",
        "grondslag": "Kies de grondslag van het delen.",
        "einddatum": "Kies tot en met wanneer u deelt.",
    },
}


@transaction.atomic
def besluit_vastleggen(
    *,
    agendapunt_id: int,
    door: Gebruiker,
    besluit: str,
    conclusie: str,
    lopend_tot: datetime.date | None = None,
    riec_contact: str = "",
    terugkoppeling: str = "",
    organisatie: Organisatie | None = None,
    grondslag: str = "",
    einddatum: datetime.date | None = None,
    verwachte_status: str | None = None,
) -> Agendapunt:
    """Record what the tafel decided about one signal, and move the signal as decided.

    A verrijkt signal that a tafel discusses has reached step 4: that step is recorded first,
    with the meeting's date and the conclusion, exactly as "Bespreken aan lokale tafel" on the
    signal page. Then the decision itself goes through its own meldroute service. Anything that
    service refuses undoes the whole decision.
    """
    if besluit not in Besluit.values:
        raise ValidationError({"besluit": "Kies een besluit uit de lijst."})
    gegeven = {
        "conclusie": conclusie.strip(),
        "riec_contact": riec_contact,
        "terugkoppeling": terugkoppeling,
        "lopend_tot": lopend_tot,
        "organisatie": organisatie,
        "grondslag": grondslag,
        "einddatum": einddatum,
    }
    ontbreekt = {veld: melding for veld, melding in VERPLICHT_PER_BESLUIT[besluit].items() if not gegeven[veld]}
    if ontbreekt:
        raise ValidationError(ontbreekt)
    punt, deelname = _punt_voor_af(door, agendapunt_id)
    # The signal first, then the meeting and the item.
    signaal = _signaal_vergrendelen(door, punt.signaal_id)
    if verwachte_status is not None and signaal.status != verwachte_status:
        raise SignaalGewijzigd()
    bijeenkomst = _open_bijeenkomst(punt.bijeenkomst_id)
    punt = Agendapunt.objects.select_for_update().get(pk=punt.pk)
    if punt.besluit:
        raise ActieNietToegestaan("Over dit agendapunt is al besloten.")
    if bijeenkomst.datum > timezone.localdate():
        raise ActieNietToegestaan(
            f"De bijeenkomst is op {lange_datum(bijeenkomst.datum)}; een besluit legt u vast op of na die dag."
        )
    tafel = deelname.tafel
    argumenten: dict[str, Any] = {"signaal_id": signaal.pk, "door": door}
    if signaal.status == Status.VERRIJKT:
        route.lokale_tafel_bespreken(
            **argumenten, soort=TAFELSOORT_IN_STAP_4[tafel.soort], besproken_op=bijeenkomst.datum, besluit=conclusie
        )
    elif besluit == Besluit.BESPROKEN:
        route.tafelbesluit_registreren(
            **argumenten, toelichting=f"{tafel}, {lange_datum(bijeenkomst.datum)}: {conclusie}"
        )
    if besluit == Besluit.DOORZETTEN_RIEC:
        route.riec_inschakelen(**argumenten, vermoeden=conclusie, contact=riec_contact, datum=bijeenkomst.datum)
    elif besluit == Besluit.INFORMATIEPLEIN:
        route.informatieplein_inbrengen(**argumenten, ingebracht_op=bijeenkomst.datum, resultaat=conclusie)
    elif besluit == Besluit.GEEN_MENSENHANDEL:
        route.geen_mensenhandel(
            **argumenten, onderbouwing=conclusie, tekst=terugkoppeling, gegeven_op=timezone.localdate()
        )
    elif besluit == Besluit.LOPEND_HOUDEN and lopend_tot is not None:
        route.herbeoordeling_plannen(**argumenten, datum=lopend_tot, toelichting=f"Lopend houden aan {tafel}.")
        punt.lopend_tot = lopend_tot
    elif besluit == Besluit.DELEN and organisatie is not None and einddatum is not None:
        if not tafel.leden.filter(pk=organisatie.pk).exists():
            raise ValidationError({"organisatie": "Kies een lidorganisatie van deze tafel."})
        punt.deling = route.delen(
            **argumenten,
            organisatie=organisatie,
            grondslag=grondslag,
            reden=f"Besluit van {tafel} op {lange_datum(bijeenkomst.datum)}.",
            einddatum=einddatum,
        )
    punt.besluit = besluit
    punt.conclusie = conclusie
    punt.vastgelegd_op = timezone.now()
    punt.vastgelegd_door = door
    punt.save()
    return punt


def mogelijke_eigenaren(punt: Agendapunt, tafel: Tafel) -> QuerySet[Gebruiker]:
    """Who can own an action: the AFs of the signal's gemeente, the chair, the members' users."""
    return selectors.deelnemers(tafel, gemeenten=[punt.signaal.gemeente_id]).order_by(
        "first_name", "last_name", "username"
    )


@transaction.atomic
def actie_toevoegen(
    *,
    agendapunt_id: int,
    door: Gebruiker,
    omschrijving: str,
    eigenaar: Gebruiker | None,
    uiterlijk: datetime.date | None,
) -> Tafelactie:
    punt, deelname = _punt_voor_af(door, agendapunt_id)
    fouten = {}
    if not omschrijving.strip():
        fouten["omschrijving"] = "Beschrijf wat er moet gebeuren."
    if eigenaar is None:
        fouten["eigenaar"] = "Kies wie de actie uitvoert."
    if uiterlijk is None:
        fouten["uiterlijk"] = "Kies de datum waarop de actie uiterlijk klaar moet zijn."
    elif uiterlijk < timezone.localdate():
        fouten["uiterlijk"] = "Kies vandaag of een datum in de toekomst."
    if fouten or eigenaar is None or uiterlijk is None:
        raise ValidationError(fouten)
    # The signal first, then the meeting: a meeting closed meanwhile takes no new actions.
    _signaal_vergrendelen(door, punt.signaal_id)
    if Bijeenkomst.objects.select_for_update().get(pk=punt.bijeenkomst_id).afgerond_op is not None:
        raise ActieNietToegestaan("Deze bijeenkomst is afgerond; nieuwe acties spreekt u af op de volgende.")
    if not mogelijke_eigenaren(punt, deelname.tafel).filter(pk=eigenaar.pk).exists():
        raise ValidationError({"eigenaar": "Kies iemand van deze tafel of een aandachtsfunctionaris van de gemeente."})
    return Tafelactie.objects.create(
        agendapunt=punt, omschrijving=omschrijving, eigenaar=eigenaar, uiterlijk=uiterlijk, aangemaakt_door=door
    )


@transaction.atomic
def actie_afronden(*, actie_id: int, door: Gebruiker) -> Tafelactie:
    actie = selectors.open_acties(door).select_for_update(of=("self",)).get(pk=actie_id)
    actie.afgerond_op = timezone.now()
    actie.save(update_fields=["afgerond_op"])
    return actie


@transaction.atomic
def bijeenkomst_afronden(*, bijeenkomst_id: int, door: Gebruiker) -> Bijeenkomst:
    """The meeting is over: its decisions are final and items not reached go to the next one."""
    bijeenkomst, deelname = selectors.bijeenkomst_voor(door, bijeenkomst_id)
    if not deelname.mag_plannen:
        raise Tafel.DoesNotExist
    tafel = _vergrendelen_voor_doorschuiven(bijeenkomst.tafel_id, ook=bijeenkomst)
    bijeenkomst = _open_bijeenkomst(bijeenkomst_id)
    if bijeenkomst.datum > timezone.localdate():
        raise ActieNietToegestaan(
            f"De bijeenkomst is op {lange_datum(bijeenkomst.datum)}; u rondt haar af op of na die dag."
        )
    bijeenkomst.afgerond_op = timezone.now()
    bijeenkomst.afgerond_door = door
    bijeenkomst.save(update_fields=["afgerond_op", "afgerond_door"])
    _doorschuiven(tafel)
    return bijeenkomst


def _door_te_schuiven(tafel: Tafel) -> QuerySet[Agendapunt]:
    """Items of closed meetings without a decision that were never carried on, of open signals."""
    return Agendapunt.objects.filter(
        bijeenkomst__tafel=tafel,
        bijeenkomst__afgerond_op__isnull=False,
        besluit="",
        doorgeschoven=False,
        signaal__status__in=OPEN_STATUSSEN,
    )


def _vergrendelen_voor_doorschuiven(tafel_id: int, *, ook: Bijeenkomst | None = None) -> Tafel:
    """Lock, in the product's one order, what planning or closing a meeting may carry on: the
    signals first (by pk), then the tafel. A decision that holds one of those signals finishes
    before, instead of waiting for the meeting while this waits for its signal."""
    tafel = Tafel.objects.get(pk=tafel_id)
    signalen = set(_door_te_schuiven(tafel).values_list("signaal_id", flat=True))
    if ook is not None:
        signalen |= set(ook.agendapunten.filter(besluit="").values_list("signaal_id", flat=True))
    list(Signaal.objects.filter(pk__in=signalen).order_by("pk").select_for_update(of=("self",)).values_list("pk"))
    return Tafel.objects.select_for_update().get(pk=tafel_id)


def _doorschuiven(tafel: Tafel) -> int:
    """Items of closed meetings without a decision go, once, to the tafel's next open meeting, if it
    is planned; otherwise they go when it is. The caller holds the locks (_vergrendelen_voor_doorschuiven)."""
    geschoven = 0
    volgende_na: dict[int, Bijeenkomst | None] = {}
    for punt in _door_te_schuiven(tafel).select_related("bijeenkomst").order_by("bijeenkomst__datum", "pk"):
        if punt.bijeenkomst_id not in volgende_na:
            volgende_na[punt.bijeenkomst_id] = selectors.volgende_bijeenkomst(tafel, punt.bijeenkomst)
        volgende = volgende_na[punt.bijeenkomst_id]
        if volgende is None:
            continue
        nieuw, _ = Agendapunt.objects.get_or_create(
            bijeenkomst=volgende,
            signaal_id=punt.signaal_id,
            defaults={"soort": Agendapunt.Soort.DOORGESCHOVEN, "toegevoegd_door_id": punt.toegevoegd_door_id},
        )
        punt.doorgeschoven = True
        punt.doorgeschoven_naar = nieuw
        punt.save(update_fields=["doorgeschoven", "doorgeschoven_naar"])
        geschoven += 1
    return geschoven


@transaction.atomic
def agenda_versturen(*, bijeenkomst_id: int, door: Gebruiker) -> int:
    """Mail the agenda to every participant (after the commit); the number of recipients."""
    _, deelname = selectors.bijeenkomst_voor(door, bijeenkomst_id)
    if not deelname.mag_plannen:
        raise Tafel.DoesNotExist
    return agenda_klaarzetten(_open_bijeenkomst(bijeenkomst_id))
