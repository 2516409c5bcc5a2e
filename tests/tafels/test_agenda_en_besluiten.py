"""The Drieluik's agenda and decisions: what it proposes, how a decision moves a signal (exactly
as the signal page does), what rolls over, and the actions in "Actie nodig"."""

import datetime
import re

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.formats import date_format

from meldroute import services as route
from meldroute.models import RiecInschakeling, StapRegistratie, TafelBespreking
from meldroute.services import ActieNietToegestaan
from signalen.models import Signaal
from signalen.workflow import Status
from tafels import selectors, services
from tafels.models import Agendapunt, Bijeenkomst
from tests.hulp import actie_nodig
from tests.tafels.conftest import VANDAAG, Drieluik, over

pytestmark = pytest.mark.django_db
Besluit = Agendapunt.Besluit


def plannen(d: Drieluik, datum: datetime.date | None = None) -> Bijeenkomst:
    return services.bijeenkomst_plannen(
        tafel_id=d.tafel.pk,
        door=d.af_leeuwarden,
        datum=datum or VANDAAG(),
        aanvang=datetime.time(14, 0),
        plaats="Provinciehuis, Leeuwarden",
    )


def op_agenda(d: Drieluik, bijeenkomst: Bijeenkomst, signaal: Signaal, soort: str = "nieuw") -> Agendapunt:
    door = d.af_leeuwarden if signaal.gemeente_id == d.leeuwarden.pk else d.af_harlingen
    return services.agendapunt_toevoegen(bijeenkomst_id=bijeenkomst.pk, door=door, signaal_id=signaal.pk, soort=soort)


def besluiten(
    d: Drieluik, punt: Agendapunt, besluit: str, conclusie: str = "Besproken.", **extra: object
) -> Agendapunt:
    door = d.af_leeuwarden if punt.signaal.gemeente_id == d.leeuwarden.pk else d.af_harlingen
    return services.besluit_vastleggen(
        agendapunt_id=punt.pk,
        door=door,
        besluit=besluit,
        conclusie=conclusie,
        **extra,  # type: ignore[arg-type]
    )


def refs(signalen: list[Signaal]) -> list[str]:
    return [s.referentie for s in signalen]


def test_the_agenda_proposes_new_and_lopende_signals_of_the_afs_own_gemeenten(drieluik: Drieluik) -> None:
    d = drieluik
    verrijkt = d.signaal(Status.VERRIJKT)
    lokaal = d.signaal(Status.LOKALE_TAFEL)
    d.signaal(Status.RIEC)  # the regional table's, not the Drieluik's
    d.signaal(Status.ONTVANGEN)  # not verrijkt yet
    harlingen = d.signaal(Status.VERRIJKT, gemeente="Harlingen")
    lopend = d.signaal(Status.VERRIJKT)
    besproken = d.signaal(Status.VERRIJKT)
    eerste = plannen(d)
    besluiten(d, op_agenda(d, eerste, lopend), Besluit.LOPEND_HOUDEN, lopend_tot=over(14))
    besluiten(d, op_agenda(d, eerste, besproken), Besluit.BESPROKEN, conclusie="Nog niet rijp voor het RIEC.")
    services.bijeenkomst_afronden(bijeenkomst_id=eerste.pk, door=d.af_leeuwarden)

    over_twee_weken = plannen(d, over(14))
    leeuwarden = selectors.voorstel(over_twee_weken, selectors.deelname(d.af_leeuwarden, d.tafel.pk))
    assert refs(leeuwarden.nieuw) == [verrijkt.referentie, lokaal.referentie]
    assert refs(leeuwarden.lopend) == [lopend.referentie]
    harlingen_voorstel = selectors.voorstel(over_twee_weken, selectors.deelname(d.af_harlingen, d.tafel.pk))
    assert (refs(harlingen_voorstel.nieuw), refs(harlingen_voorstel.lopend)) == ([harlingen.referentie], [])
    # A week earlier the lopend signal is not due yet.
    over_een_week = plannen(d, over(7))
    eerder = selectors.voorstel(over_een_week, selectors.deelname(d.af_leeuwarden, d.tafel.pk))
    assert (refs(eerder.nieuw), refs(eerder.lopend)) == ([verrijkt.referentie, lokaal.referentie], [])
    # Once on the agenda, a signal is not proposed for it again.
    op_agenda(d, over_twee_weken, verrijkt)
    daarna = selectors.voorstel(over_twee_weken, selectors.deelname(d.af_leeuwarden, d.tafel.pk))
    assert refs(daarna.nieuw) == [lokaal.referentie]
    # A partner member or the chair is offered nothing: they put no signals on the agenda.
    assert selectors.voorstel(over_twee_weken, selectors.deelname(d.procesregisseur, d.tafel.pk)).nieuw == []


def test_the_proposal_takes_the_same_number_of_queries_for_more_signals(drieluik: Drieluik) -> None:
    d = drieluik
    bijeenkomst = plannen(d, over(7))
    deelname = selectors.deelname(d.af_leeuwarden, d.tafel.pk)
    d.signaal(Status.VERRIJKT)

    def tellen() -> int:
        with CaptureQueriesContext(connection) as queries:
            selectors.voorstel(bijeenkomst, deelname)
        return len(queries)

    een = tellen()
    for _ in range(3):
        d.signaal(Status.LOKALE_TAFEL)
    assert (een, tellen()) == (2, 2)


def test_doorzetten_naar_het_riec_moves_the_signal_exactly_as_the_signal_page_does(
    client: Client, drieluik: Drieluik
) -> None:
    d = drieluik
    aan_tafel = d.signaal(Status.LOKALE_TAFEL)
    op_de_pagina = d.signaal(Status.LOKALE_TAFEL)
    bijeenkomst = plannen(d)
    punt = op_agenda(d, bijeenkomst, aan_tafel)

    besluiten(
        d, punt, Besluit.DOORZETTEN_RIEC, conclusie="Signalen van dwang en schuld.", riec_contact="RIEC Noord-Nederland"
    )
    client.force_login(d.af_leeuwarden)
    antwoord = client.post(
        reverse("meldroute:actie", args=[op_de_pagina.pk, "riec_inschakelen"]),
        {
            "verwachte_status": "lokale_tafel",
            "vermoeden": "Signalen van dwang en schuld.",
            "contact": "RIEC Noord-Nederland",
            "datum": VANDAAG().isoformat(),
        },
    )
    assert antwoord.status_code == 302

    def stap(signaal: Signaal) -> tuple[object, ...]:
        signaal.refresh_from_db()
        registratie = StapRegistratie.objects.filter(signaal=signaal).latest("pk")
        inschakeling = RiecInschakeling.objects.get(signaal=signaal)
        return (
            signaal.status,
            registratie.actie,
            registratie.van_status,
            registratie.naar_status,
            registratie.door,
            registratie.toelichting,
            inschakeling.vermoeden,
            inschakeling.contact,
            inschakeling.datum,
            signaal.stap_termijn_op,
        )

    assert stap(aan_tafel) == stap(op_de_pagina)
    assert stap(aan_tafel)[:4] == (Status.RIEC, "riec_inschakelen", "lokale_tafel", "riec")
    punt.refresh_from_db()
    assert (punt.besluit, punt.conclusie, punt.vastgelegd_door) == (
        "doorzetten_riec",
        "Signalen van dwang en schuld.",
        d.af_leeuwarden,
    )


def test_a_verrijkt_signal_discussed_at_the_tafel_first_reaches_step_4_with_the_meetings_date(
    drieluik: Drieluik,
) -> None:
    d = drieluik
    signaal = d.signaal(Status.VERRIJKT)
    punt = op_agenda(d, plannen(d), signaal)

    besluiten(d, punt, Besluit.DOORZETTEN_RIEC, conclusie="Uitbuiting niet uit te sluiten.", riec_contact="RIEC")

    stappen = list(
        StapRegistratie.objects.filter(signaal=signaal, van_status__in=["verrijkt", "lokale_tafel"])
        .order_by("pk")
        .values_list("actie", "van_status", "naar_status")
    )
    assert stappen == [
        ("lokale_tafel_bespreken", "verrijkt", "lokale_tafel"),
        ("riec_inschakelen", "lokale_tafel", "riec"),
    ]
    bespreking = TafelBespreking.objects.get(signaal=signaal)
    assert (bespreking.soort, bespreking.besproken_op, bespreking.besluit) == (
        "drieluik",
        VANDAAG(),
        "Uitbuiting niet uit te sluiten.",
    )


def test_a_decision_the_route_refuses_writes_nothing_at_all(drieluik: Drieluik) -> None:
    d = drieluik
    signaal = d.signaal(Status.VERRIJKT)
    punt = op_agenda(d, plannen(d), signaal)
    registraties = StapRegistratie.objects.filter(signaal=signaal).count()

    # The informatieplein comes after the RIEC: not from step 3 or 4.
    with pytest.raises(ActieNietToegestaan, match=re.escape("Dit kan niet in stap '4. Lokale tafel'")):
        besluiten(d, punt, Besluit.INFORMATIEPLEIN, conclusie="Naar het informatieplein.")

    signaal.refresh_from_db()
    punt.refresh_from_db()
    assert (signaal.status, punt.besluit) == (Status.VERRIJKT, "")
    assert StapRegistratie.objects.filter(signaal=signaal).count() == registraties


def test_only_an_af_of_the_signals_gemeente_decides_about_it(client: Client, drieluik: Drieluik) -> None:
    d = drieluik
    signaal = d.signaal(Status.LOKALE_TAFEL)
    punt = op_agenda(d, plannen(d), signaal)

    for wie in (d.af_harlingen, d.procesregisseur, d.agent):
        with pytest.raises(Agendapunt.DoesNotExist):
            services.besluit_vastleggen(
                agendapunt_id=punt.pk,
                door=wie,
                besluit=Besluit.GEEN_MENSENHANDEL,
                conclusie="Niets.",
                terugkoppeling="Dank.",
            )
        client.force_login(wie)
        antwoord = client.post(
            reverse("tafels:besluit", args=[punt.pk]),
            {"besluit_vastleggen": "1", "verwachte_status": "lokale_tafel", "besluit": "besproken", "conclusie": "X"},
        )
        assert antwoord.status_code == 404
    signaal.refresh_from_db()
    assert signaal.status == Status.LOKALE_TAFEL
    assert not StapRegistratie.objects.filter(signaal=signaal, actie="tafelbesluit").exists()


def test_a_decision_on_a_signal_someone_moved_meanwhile_is_refused_as_on_the_signal_page(drieluik: Drieluik) -> None:
    d = drieluik
    signaal = d.signaal(Status.LOKALE_TAFEL)
    punt = op_agenda(d, plannen(d), signaal)
    route.riec_inschakelen(signaal_id=signaal.pk, door=d.af_leeuwarden, vermoeden="V", contact="C", datum=VANDAAG())

    with pytest.raises(route.SignaalGewijzigd):
        besluiten(d, punt, Besluit.BESPROKEN, verwachte_status="lokale_tafel")
    punt.refresh_from_db()
    assert punt.besluit == ""


def test_the_other_decisions_go_through_their_own_services(drieluik: Drieluik) -> None:
    d = drieluik
    bijeenkomst = plannen(d)
    geen, lopend, delen, besproken = (d.signaal(Status.LOKALE_TAFEL) for _ in range(4))

    besluiten(
        d, op_agenda(d, bijeenkomst, geen), Besluit.GEEN_MENSENHANDEL, conclusie="Geen dwang.", terugkoppeling="Dank u."
    )
    besluiten(d, op_agenda(d, bijeenkomst, lopend), Besluit.LOPEND_HOUDEN, lopend_tot=over(30))
    punt = besluiten(
        d,
        op_agenda(d, bijeenkomst, delen),
        Besluit.DELEN,
        grondslag="privacyprotocol_zvh",
        organisatie=d.zvh,
        einddatum=over(20),
    )
    besluiten(d, op_agenda(d, bijeenkomst, besproken), Besluit.BESPROKEN, conclusie="Eerst huisbezoek.")

    for signaal in (geen, lopend, delen, besproken):
        signaal.refresh_from_db()
    assert [geen.status, lopend.status, delen.status, besproken.status] == [
        Status.TERUGKOPPELING,
        Status.LOKALE_TAFEL,
        Status.LOKALE_TAFEL,
        Status.LOKALE_TAFEL,
    ]
    assert lopend.herbeoordelen_op == over(30)
    assert punt.deling is not None
    assert (punt.deling.organisatie, punt.deling.einddatum, punt.deling.grondslag) == (
        d.zvh,
        over(20),
        "privacyprotocol_zvh",
    )
    laatste = StapRegistratie.objects.filter(signaal=besproken).latest("pk")
    assert (laatste.actie, laatste.toelichting) == (
        "tafelbesluit",
        f"Drieluik Fryslân, {_lang(VANDAAG())}: Eerst huisbezoek.",
    )
    # Sharing is with a member of the tafel only.
    anders = op_agenda(d, bijeenkomst, d.signaal(Status.LOKALE_TAFEL))
    with pytest.raises(ValidationError, match="Kies een lidorganisatie van deze tafel"):
        besluiten(d, anders, Besluit.DELEN, grondslag="riec_convenant", organisatie=d.riec, einddatum=over(20))


def test_items_not_reached_roll_over_to_the_next_meeting(drieluik: Drieluik) -> None:
    d = drieluik
    besproken, niet_bereikt, later = (d.signaal(Status.LOKALE_TAFEL) for _ in range(3))
    eerste = plannen(d)
    besluiten(d, op_agenda(d, eerste, besproken), Besluit.BESPROKEN)
    op_agenda(d, eerste, niet_bereikt)
    volgende = plannen(d, over(14))
    op_agenda(d, volgende, later)

    services.bijeenkomst_afronden(bijeenkomst_id=eerste.pk, door=d.procesregisseur)

    agenda = [(p.signaal.referentie, p.soort) for p in selectors.agenda(volgende)]
    assert agenda == [(later.referentie, "nieuw"), (niet_bereikt.referentie, "doorgeschoven")]
    oud = Agendapunt.objects.get(bijeenkomst=eerste, signaal=niet_bereikt)
    assert oud.doorgeschoven_naar == Agendapunt.objects.get(bijeenkomst=volgende, signaal=niet_bereikt)


def test_items_not_reached_go_to_a_meeting_planned_after_the_last_one_closed(drieluik: Drieluik) -> None:
    d = drieluik
    niet_bereikt = d.signaal(Status.VERRIJKT)
    eerste = plannen(d)
    op_agenda(d, eerste, niet_bereikt)
    services.bijeenkomst_afronden(bijeenkomst_id=eerste.pk, door=d.af_leeuwarden)
    assert Agendapunt.objects.filter(signaal=niet_bereikt).count() == 1

    volgende = plannen(d, over(14))

    assert [(p.signaal.referentie, p.soort) for p in selectors.agenda(volgende)] == [
        (niet_bereikt.referentie, "doorgeschoven")
    ]


def test_a_closed_meeting_keeps_its_agenda_and_decisions(drieluik: Drieluik) -> None:
    d = drieluik
    signaal = d.signaal(Status.LOKALE_TAFEL)
    bijeenkomst = plannen(d)
    punt = op_agenda(d, bijeenkomst, signaal)
    services.bijeenkomst_afronden(bijeenkomst_id=bijeenkomst.pk, door=d.af_leeuwarden)

    with pytest.raises(ActieNietToegestaan, match="Deze bijeenkomst is afgerond"):
        besluiten(d, punt, Besluit.BESPROKEN)
    with pytest.raises(ActieNietToegestaan, match="Deze bijeenkomst is afgerond"):
        op_agenda(d, bijeenkomst, d.signaal(Status.VERRIJKT))


def test_an_action_with_a_due_date_is_in_the_owners_actie_nodig_until_it_is_done(
    client: Client, drieluik: Drieluik
) -> None:
    d = drieluik
    signaal = d.signaal(Status.LOKALE_TAFEL)
    bijeenkomst = plannen(d)
    punt = op_agenda(d, bijeenkomst, signaal)
    actie = services.actie_toevoegen(
        agendapunt_id=punt.pk,
        door=d.af_leeuwarden,
        omschrijving="Pand bezoeken met TMM",
        eigenaar=d.agent,
        uiterlijk=over(3),
    )

    assert actie_nodig(client, d.agent) == {
        signaal.referentie: f"Leeuwarden Pand bezoeken met TMM (uiterlijk {_lang(over(3))}; Drieluik Fryslân, "
        f"{_lang(VANDAAG())})"
    }
    pagina = client.get(reverse("meldroute:actie_nodig")).content.decode()
    assert (
        'Actie nodig <span class="utrecht-badge-counter mh-teller">1<span class="mh-visually-hidden"> punt</span>'
        in pagina
    )
    # Nobody else has it.
    assert signaal.referentie not in actie_nodig(client, d.zorgcoordinator)

    client.force_login(d.agent)
    assert client.post(reverse("tafels:actie_afronden", args=[actie.pk])).status_code == 302
    assert actie_nodig(client, d.agent) == {}


def test_an_action_owner_must_take_part_in_the_tafel(drieluik: Drieluik) -> None:
    d = drieluik
    punt = op_agenda(d, plannen(d), d.signaal(Status.LOKALE_TAFEL))

    with pytest.raises(ValidationError, match="Kies iemand van deze tafel"):
        services.actie_toevoegen(
            agendapunt_id=punt.pk,
            door=d.af_leeuwarden,
            omschrijving="Bellen",
            eigenaar=d.riec_medewerker,
            uiterlijk=over(3),
        )


def _lang(dag: datetime.date) -> str:
    return date_format(dag, "j F Y")
