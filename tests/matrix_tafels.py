"""The tafel scopes of the authorisation matrix (docs/autorisatie.md, "Tafels").

A tafel URL names a tafel, a meeting, an agenda item or an action, not a signal. Its scope says
how the user of the row takes part in the one tafel of the world; the signal on the agenda and
the action follow from that. tests/test_autorisatiematrix.py builds the world and checks the
status codes; this module also checks what the table cannot say: that an allowed POST did what
it should and a refused one nothing, which refusals are in the access log, and whether the
verslag shows the signal's content.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, replace

from django.http import HttpResponseBase
from django.urls import reverse
from django.utils import timezone

from ketenpartners.models import Gebruiker, Organisatie, Rol
from signalen.models import Notificatie, Signaal
from signalen.workflow import Status
from tafels import services
from tafels.models import Agendapunt, Bijeenkomst, Tafel, Tafelactie
from tests.factories import (
    OrganisatieFactory,
    af,
    delen,
    gebruiker_met_rol,
    medewerker,
    naar_status,
    signaal_melden,
)

NAMESPACE = "tafels"
# tafel_lid: the tafel of Hoorn, with Politie Noord-Holland as member; a signal of Hoorn, shared
# with the Politie. tafel_lid_andere_gemeente: the tafel of the regio Westfriesland, with the
# Politie as member; a signal of Enkhuizen, not shared. tafel_voorzitter and geen_tafel: the
# tafel of Enkhuizen, with the RIEC as member; a signal of Enkhuizen; the user chairs it, or not.
SCOPES = ["tafel_lid", "tafel_lid_andere_gemeente", "tafel_voorzitter", "geen_tafel"]
LEDEN_SCOPES = {"tafel_lid", "tafel_lid_andere_gemeente"}
# The roles that take part in a tafel through their organisation (an AF of its gemeente or of a
# gemeente of its regio, a ketenpartner of a member); anyone else only as its chair.
DEELNEMENDE_ROLLEN = {Rol.AANDACHTSFUNCTIONARIS, Rol.KETENPARTNER}
# What the verslag shows of a signal only to a reader who may see the signal.
OMSCHRIJVING = "Twaalf mensen op één adres; busjes halen hen voor zonsopgang op."
INHOUD = "busjes halen hen voor zonsopgang op"
# A refusal about the signal, not about the tafel: a participant who may not work on the signal.
OVER_HET_SIGNAAL = {"tafels:agendapunt_toevoegen", "tafels:besluit", "tafels:agendapunt_verwijderen"}


@dataclass(frozen=True)
class Tafelwereld:
    tafel: Tafel
    bijeenkomst: Bijeenkomst  # today, planned, with one item
    agendapunt: Agendapunt  # without a decision
    actie: Tafelactie
    signaal: Signaal  # the signal on the agenda
    deelnemer: bool  # the user of the row takes part in the tafel
    inhoud: bool  # the verslag shows that user the content of the signal
    nieuw_signaal: Signaal | None = None  # to put on the agenda (tafels:agendapunt_toevoegen)


def organisatie(naam: str, soort: str = Organisatie.Soort.GEMEENTE) -> Organisatie:
    gevonden: Organisatie = OrganisatieFactory(naam=naam, soort=soort)  # type: ignore[assignment]
    return gevonden


def bouwen(
    gebruiker: Gebruiker | None, rol: str, scope: str, *, hoorn: Organisatie, politie: Organisatie
) -> Tafelwereld:
    """One tafel with one meeting today, one signal on its agenda and one action, as the scope says.

    Everything is made through the services, by the AF of the signal's gemeente: the user of the
    row when that is the AF of Hoorn (tafel_lid). The medewerker of Hoorn melded the signal of
    tafel_lid himself. The action is the user's at tafel_lid (AF, ketenpartner) and at
    tafel_voorzitter; otherwise it is that AF's.
    """
    assert scope in SCOPES, scope
    regionaal = scope == "tafel_lid_andere_gemeente"
    gemeente = hoorn if scope == "tafel_lid" else organisatie("Enkhuizen")
    riec = organisatie("RIEC Noord-Holland", Organisatie.Soort.RIEC)
    zelf_af = rol == Rol.AANDACHTSFUNCTIONARIS and gemeente == hoorn
    behandelaar = gebruiker if zelf_af and gebruiker else af(gemeente, username=f"af.{gemeente.naam}")
    zelf_gemeld = rol == Rol.MEDEWERKER and gemeente == hoorn
    melder = gebruiker if zelf_gemeld and gebruiker else medewerker(gemeente, username=f"melder.{gemeente.naam}")
    signaal = naar_status(
        signaal_melden(melder=melder, gemeente=gemeente, omschrijving=OMSCHRIJVING),
        Status.LOKALE_TAFEL if regionaal else Status.VERRIJKT,
        door=behandelaar,
    )
    if scope == "tafel_lid":
        delen(signaal, door=behandelaar, organisatie=politie)

    voorzitter = (
        gebruiker
        if scope == "tafel_voorzitter" and gebruiker
        else gebruiker_met_rol(riec, Rol.KETENPARTNER, username="voorzitter.riec")
    )
    regio = hoorn.regios.get()
    tafel = Tafel.objects.create(
        naam=f"Regionale tafel {regio}" if regionaal else f"Lokale ondermijningstafel {gemeente}",
        soort=Tafel.Soort.REGIONALE_TAFEL if regionaal else Tafel.Soort.LOKALE_ONDERMIJNINGSTAFEL,
        gemeente=None if regionaal else gemeente,
        regio=regio if regionaal else None,
        voorzitter=voorzitter,
    )
    tafel.leden.set([politie] if scope in LEDEN_SCOPES else [riec])
    vandaag = timezone.localdate()
    bijeenkomst = services.bijeenkomst_plannen(
        tafel_id=tafel.pk, door=behandelaar, datum=vandaag, aanvang=datetime.time(14, 0), plaats="Stadhuis"
    )
    punt = services.agendapunt_toevoegen(
        bijeenkomst_id=bijeenkomst.pk, door=behandelaar, signaal_id=signaal.pk, soort=Agendapunt.Soort.NIEUW
    )
    lid = scope in LEDEN_SCOPES and rol in DEELNEMENDE_ROLLEN
    eigen_actie = gebruiker is not None and (scope == "tafel_voorzitter" or (lid and scope == "tafel_lid"))
    actie = services.actie_toevoegen(
        agendapunt_id=punt.pk,
        door=behandelaar,
        omschrijving="Het pand bezoeken met de wijkagent.",
        eigenaar=gebruiker if eigen_actie and gebruiker else behandelaar,
        uiterlijk=vandaag + datetime.timedelta(days=14),
    )
    return Tafelwereld(
        tafel=tafel,
        bijeenkomst=bijeenkomst,
        agendapunt=punt,
        actie=actie,
        signaal=signaal,
        deelnemer=lid or (scope == "tafel_voorzitter" and gebruiker is not None),
        inhoud=lid and scope == "tafel_lid",
    )


# Which object "pk" is, per URL.
OBJECTEN: dict[str, Callable[[Tafelwereld], int]] = {
    "tafels:tafel": lambda w: w.tafel.pk,
    "tafels:bijeenkomst": lambda w: w.bijeenkomst.pk,
    "tafels:agendapunt_toevoegen": lambda w: w.bijeenkomst.pk,
    "tafels:afronden": lambda w: w.bijeenkomst.pk,
    "tafels:agenda_versturen": lambda w: w.bijeenkomst.pk,
    "tafels:verslag": lambda w: w.bijeenkomst.pk,
    "tafels:verslag_pdf": lambda w: w.bijeenkomst.pk,
    "tafels:besluit": lambda w: w.agendapunt.pk,
    "tafels:agendapunt_verwijderen": lambda w: w.agendapunt.pk,
    "tafels:actie_afronden": lambda w: w.actie.pk,
}


def voor_de_regel(url: str, methode: str, wereld: Tafelwereld) -> Tafelwereld:
    """What only this row needs: for putting a signal on the agenda, a second one of the same
    gemeente in the same step, not on any agenda yet; for taking the item off, no action on it
    (an item with actions stays on the agenda)."""
    if url == "tafels:agendapunt_verwijderen" and methode == "POST":
        Tafelactie.objects.filter(pk=wereld.actie.pk).delete()
        return wereld
    if url != "tafels:agendapunt_toevoegen" or methode != "POST":
        return wereld
    behandelaar = wereld.signaal.behandelaar
    assert behandelaar is not None
    tweede = signaal_melden(melder=wereld.signaal.melder, gemeente=wereld.signaal.gemeente, omschrijving=OMSCHRIJVING)
    return replace(wereld, nieuw_signaal=naar_status(tweede, wereld.signaal.status, door=behandelaar))


def post_gegevens(url: str, wereld: Tafelwereld) -> dict[str, object]:
    if url == "tafels:tafel":
        datum = timezone.localdate() + datetime.timedelta(days=14)
        return {"datum": datum.isoformat(), "aanvang": "14:00", "plaats": "Stadhuis, raadzaal"}
    if url == "tafels:agendapunt_toevoegen":
        assert wereld.nieuw_signaal is not None
        return {"signaal": wereld.nieuw_signaal.pk, "soort": Agendapunt.Soort.NIEUW}
    if url == "tafels:besluit":
        return {
            "besluit_vastleggen": "1",
            "verwachte_status": wereld.signaal.status,
            "besluit": Agendapunt.Besluit.BESPROKEN,
            "conclusie": "Besproken; de politie gaat langs.",
        }
    return {}


# What an allowed POST did (these views also redirect when the service refuses, with a message).
GELUKT: dict[str, Callable[[Tafelwereld], bool]] = {
    "tafels:tafel": lambda w: w.tafel.bijeenkomsten.exclude(pk=w.bijeenkomst.pk).exists(),
    "tafels:agendapunt_toevoegen": lambda w: w.bijeenkomst.agendapunten.filter(signaal=w.nieuw_signaal).exists(),
    "tafels:besluit": lambda w: Agendapunt.objects.filter(pk=w.agendapunt.pk).exclude(besluit="").exists(),
    "tafels:agendapunt_verwijderen": lambda w: not Agendapunt.objects.filter(pk=w.agendapunt.pk).exists(),
    "tafels:afronden": lambda w: Bijeenkomst.objects.filter(pk=w.bijeenkomst.pk, afgerond_op__isnull=False).exists(),
    # The mails are written in the request's transaction and sent after the commit (never, here).
    "tafels:agenda_versturen": lambda w: Notificatie.objects.filter(
        soort=Notificatie.Soort.TAFELAGENDA, pad=reverse("tafels:bijeenkomst", args=[w.bijeenkomst.pk])
    ).exists(),
    "tafels:actie_afronden": lambda w: Tafelactie.objects.filter(pk=w.actie.pk, afgerond_op__isnull=False).exists(),
}


def fouten(
    url: str,
    methode: str,
    verwacht: int,
    *,
    ingelogd: bool,
    antwoord: HttpResponseBase,
    geweigerd: list[list[int]],
    wereld: Tafelwereld,
    waar: str,
) -> list[str]:
    """What differs beyond the status code, for a row whose status code is as expected."""
    gevonden = []
    if methode == "POST" and url in GELUKT:
        moet = verwacht == 302 and ingelogd
        if GELUKT[url](wereld) != moet:
            wat = "niet gedaan na een toegestane" if moet else "iets gedaan na een geweigerde"
            gevonden.append(f"{waar}: {wat} POST")
    if verwacht == 404:
        # Only a participant who may not work on the signal is refused about a signal; whoever
        # does not take part learns nothing of the tafel, and no signal is named.
        signaal = wereld.nieuw_signaal if url == "tafels:agendapunt_toevoegen" else wereld.signaal
        nodig = [[signaal.pk]] if wereld.deelnemer and url in OVER_HET_SIGNAAL and signaal is not None else []
        if geweigerd != nodig:
            gevonden.append(f"{waar}: regels 'geweigerd' {geweigerd}, verwacht {nodig}")
    if verwacht == 200 and url in ("tafels:tafel", "tafels:bijeenkomst", "tafels:verslag"):
        # The agenda shows every participant the reference and the gemeente; only the verslag
        # shows the content, to who may see the signal.
        getoond = INHOUD in antwoord.content.decode()  # type: ignore[attr-defined]
        if getoond != (wereld.inhoud and url == "tafels:verslag"):
            gevonden.append(f"{waar}: de omschrijving van het signaal {'wel' if getoond else 'niet'} getoond")
    return gevonden
