"""What a tafel meets in practice: a signal kept open and then discussed again, an item taken off
after it rolled over, a second mail of the agenda, someone who left the tafel, a double click."""

import datetime
import re

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from ketenpartners.models import Organisatie
from meldroute import services as route
from meldroute.services import ActieNietToegestaan
from meldroute.services.delen import datum
from signalen import berichten
from signalen.models import Notificatie, Signaal, SignaalGroupObjectPermission, Toegangslog
from signalen.workflow import Status
from tafels import selectors, services
from tafels.models import Agendapunt, Bijeenkomst
from tests.factories import delen
from tests.signalen.test_audit import audit_tabellen_bevatten
from tests.tafels.conftest import VANDAAG, Drieluik, over

pytestmark = pytest.mark.django_db
Besluit = Agendapunt.Besluit


def plannen(d: Drieluik, datum: datetime.date | None = None, aanvang: int = 14) -> Bijeenkomst:
    return services.bijeenkomst_plannen(
        tafel_id=d.tafel.pk, door=d.af_leeuwarden, datum=datum or VANDAAG(), aanvang=datetime.time(aanvang), plaats="X"
    )


def op_agenda(d: Drieluik, bijeenkomst: Bijeenkomst, signaal: Signaal) -> Agendapunt:
    return services.agendapunt_toevoegen(
        bijeenkomst_id=bijeenkomst.pk, door=d.af_leeuwarden, signaal_id=signaal.pk, soort="nieuw"
    )


def lopend(d: Drieluik, bijeenkomst: Bijeenkomst) -> list[str]:
    voorstel = selectors.voorstel(bijeenkomst, selectors.deelname(d.af_leeuwarden, d.tafel.pk))
    return [s.referentie for s in voorstel.lopend]


def test_a_signal_kept_open_and_then_discussed_again_is_not_proposed_on_the_old_date(drieluik: Drieluik) -> None:
    d = drieluik
    signaal = d.signaal(Status.LOKALE_TAFEL)
    eerste = plannen(d)
    services.besluit_vastleggen(
        agendapunt_id=op_agenda(d, eerste, signaal).pk,
        door=d.af_leeuwarden,
        besluit=Besluit.LOPEND_HOUDEN,
        conclusie="Over twee weken terug.",
        lopend_tot=over(14),
    )
    services.bijeenkomst_afronden(bijeenkomst_id=eerste.pk, door=d.af_leeuwarden)
    tweede = plannen(d, over(14))
    assert lopend(d, tweede) == [signaal.referentie]

    # Discussed again on the day it came back, ... (a later meeting of the same day, for the test)
    met_de_hand = Agendapunt.objects.create(
        bijeenkomst=tweede, signaal=signaal, soort="lopend", toegevoegd_door=d.af_leeuwarden
    )
    Agendapunt.objects.filter(pk=met_de_hand.pk).update(
        besluit=Besluit.BESPROKEN, conclusie="Geen nieuws; afwachten.", vastgelegd_op=timezone.now()
    )
    # ... it is not proposed again for a meeting after that, although its old date has passed.
    derde = plannen(d, over(28))
    assert lopend(d, derde) == []


def test_an_item_carried_on_and_then_taken_off_does_not_come_back(drieluik: Drieluik) -> None:
    d = drieluik
    signaal = d.signaal(Status.LOKALE_TAFEL)
    eerste = plannen(d)
    op_agenda(d, eerste, signaal)
    services.bijeenkomst_afronden(bijeenkomst_id=eerste.pk, door=d.af_leeuwarden)
    tweede = plannen(d, over(14))
    doorgeschoven = Agendapunt.objects.get(bijeenkomst=tweede, signaal=signaal)

    services.agendapunt_verwijderen(agendapunt_id=doorgeschoven.pk, door=d.af_leeuwarden)
    derde = plannen(d, over(28))

    assert list(Agendapunt.objects.filter(signaal=signaal).values_list("bijeenkomst_id", flat=True)) == [eerste.pk]
    assert selectors.agenda(derde) == []


def test_an_item_with_actions_stays_on_the_agenda(drieluik: Drieluik) -> None:
    d = drieluik
    punt = op_agenda(d, plannen(d), d.signaal(Status.LOKALE_TAFEL))
    services.actie_toevoegen(
        agendapunt_id=punt.pk, door=d.af_leeuwarden, omschrijving="Bellen", eigenaar=d.agent, uiterlijk=over(3)
    )

    with pytest.raises(
        ActieNietToegestaan, match=re.escape("Aan dit agendapunt hangen acties; het blijft op de agenda.")
    ):
        services.agendapunt_verwijderen(agendapunt_id=punt.pk, door=d.af_leeuwarden)
    assert Agendapunt.objects.filter(pk=punt.pk).exists()


def test_mailing_the_agenda_again_replaces_the_unsent_mails_one_mail_per_person(drieluik: Drieluik) -> None:
    d = drieluik
    bijeenkomst = plannen(d, over(7))
    services.agenda_versturen(bijeenkomst_id=bijeenkomst.pk, door=d.af_leeuwarden)
    services.agenda_versturen(bijeenkomst_id=bijeenkomst.pk, door=d.af_leeuwarden)

    rijen = Notificatie.objects.filter(soort="tafelagenda")
    assert (rijen.count(), berichten.onverzonden().filter(soort="tafelagenda").count()) == (10, 5)


def test_someone_who_left_the_tafel_gets_no_agenda_and_loses_their_actions(client: Client, drieluik: Drieluik) -> None:
    d = drieluik
    bijeenkomst = plannen(d, over(7))
    punt = op_agenda(d, bijeenkomst, d.signaal(Status.LOKALE_TAFEL))
    actie = services.actie_toevoegen(
        agendapunt_id=punt.pk, door=d.af_leeuwarden, omschrijving="Bellen", eigenaar=d.agent, uiterlijk=over(3)
    )
    services.agenda_versturen(bijeenkomst_id=bijeenkomst.pk, door=d.af_leeuwarden)
    assert list(selectors.open_acties(d.agent)) == [actie]

    d.tafel.leden.remove(d.politie)

    voor_agent = Notificatie.objects.get(soort="tafelagenda", ontvanger=d.agent)
    assert not berichten.versturen(voor_agent.pk, max_pogingen=3)
    voor_agent.refresh_from_db()
    assert voor_agent.vervallen_op is not None
    assert list(selectors.open_acties(d.agent)) == []
    client.force_login(d.agent)
    assert client.post(reverse("tafels:actie_afronden", args=[actie.pk])).status_code == 404
    actie.refresh_from_db()
    assert actie.afgerond_op is None


def test_planning_the_same_meeting_twice_is_refused_in_dutch(drieluik: Drieluik) -> None:
    d = drieluik
    plannen(d, over(7))

    with pytest.raises(ValidationError) as fout:
        plannen(d, over(7))

    assert fout.value.message_dict == {
        "aanvang": [f"Deze tafel heeft al een bijeenkomst op {datum(over(7))} om 14:00 uur."]
    }
    assert Bijeenkomst.objects.count() == 1


def test_a_partner_reads_in_the_verslag_only_its_own_organisations_share(client: Client, drieluik: Drieluik) -> None:
    d = drieluik
    signaal = d.signaal(Status.LOKALE_TAFEL, omschrijving="Kamers boven de kapsalon.")
    delen(signaal, door=d.af_leeuwarden, organisatie=d.politie)
    bijeenkomst = plannen(d)
    services.besluit_vastleggen(
        agendapunt_id=op_agenda(d, bijeenkomst, signaal).pk,
        door=d.af_leeuwarden,
        besluit=Besluit.DELEN,
        conclusie="Fier gaat langs.",
        organisatie=Organisatie.objects.get(naam="Fier"),
        grondslag="privacyprotocol_zvh",
        einddatum=over(30),
    )

    client.force_login(d.agent)
    politie = client.get(reverse("tafels:verslag", args=[bijeenkomst.pk])).content.decode()
    client.force_login(d.zorgcoordinator)
    fier = client.get(reverse("tafels:verslag", args=[bijeenkomst.pk])).content.decode()

    assert "Kamers boven de kapsalon." in politie
    assert "<dt>Gedeeld met</dt>" not in politie
    assert "Kamers boven de kapsalon." in fier
    assert "<dt>Gedeeld met</dt><dd>Fier tot en met" in fier


def test_a_decision_refused_because_someone_moved_the_signal_keeps_what_was_typed(
    client: Client, drieluik: Drieluik
) -> None:
    d = drieluik
    signaal = d.signaal(Status.LOKALE_TAFEL)
    punt = op_agenda(d, plannen(d), signaal)
    route.riec_inschakelen(signaal_id=signaal.pk, door=d.af_leeuwarden, vermoeden="V", contact="C", datum=VANDAAG())
    client.force_login(d.af_leeuwarden)

    pagina = client.post(
        reverse("tafels:besluit", args=[punt.pk]),
        {
            "besluit_vastleggen": "1",
            "verwachte_status": "lokale_tafel",
            "besluit": "besproken",
            "conclusie": "Eerst huisbezoek door TMM.",
        },
    ).content.decode()

    assert "Iemand anders heeft dit signaal intussen bijgewerkt." in pagina
    assert "Eerst huisbezoek door TMM.</textarea>" in pagina
    assert 'name="verwachte_status" value="riec"' in pagina
    punt.refresh_from_db()
    assert punt.besluit == ""


def test_an_item_not_reached_goes_to_a_follow_up_later_the_same_day(drieluik: Drieluik) -> None:
    d = drieluik
    signaal = d.signaal(Status.LOKALE_TAFEL)
    ochtend = plannen(d, aanvang=9)
    middag = plannen(d, aanvang=14)
    op_agenda(d, ochtend, signaal)

    services.bijeenkomst_afronden(bijeenkomst_id=ochtend.pk, door=d.af_leeuwarden)

    assert [(p.signaal_id, p.soort) for p in selectors.agenda(middag)] == [(signaal.pk, "doorgeschoven")]


def test_the_page_before_closing_names_the_open_items_and_is_in_the_access_log(
    client: Client, drieluik: Drieluik
) -> None:
    d = drieluik
    signaal = d.signaal(Status.LOKALE_TAFEL)
    bijeenkomst = plannen(d)
    op_agenda(d, bijeenkomst, signaal)
    client.force_login(d.procesregisseur)

    pagina = client.get(reverse("tafels:afronden", args=[bijeenkomst.pk])).content.decode()

    assert (
        f"Zonder besluit, en dus mee naar de volgende bijeenkomst zodra die gepland is: {signaal.referentie}." in pagina
    )
    regel = Toegangslog.objects.filter(gebruiker=d.procesregisseur).latest("pk")
    assert (regel.actie, regel.signaal_ids) == ("tafelagenda", [signaal.pk])


def test_a_decision_or_closing_before_the_meetings_day_is_refused(drieluik: Drieluik) -> None:
    d = drieluik
    bijeenkomst = plannen(d, over(7))
    punt = op_agenda(d, bijeenkomst, d.signaal(Status.LOKALE_TAFEL))

    with pytest.raises(ActieNietToegestaan, match=f"De bijeenkomst is op {datum(over(7))}; een besluit legt u vast"):
        services.besluit_vastleggen(
            agendapunt_id=punt.pk, door=d.af_leeuwarden, besluit=Besluit.BESPROKEN, conclusie="Te vroeg."
        )
    with pytest.raises(ActieNietToegestaan, match=f"De bijeenkomst is op {datum(over(7))}; u rondt haar af"):
        services.bijeenkomst_afronden(bijeenkomst_id=bijeenkomst.pk, door=d.af_leeuwarden)
    bijeenkomst.refresh_from_db()
    punt.refresh_from_db()
    assert (bijeenkomst.afgerond_op, punt.besluit) == (None, "")


def test_a_closed_signal_is_not_put_on_the_agenda_nor_carried_on(drieluik: Drieluik) -> None:
    d = drieluik
    afgesloten = d.signaal(Status.AFGESLOTEN)
    later_afgesloten = d.signaal(Status.TERUGKOPPELING)
    eerste = plannen(d)
    op_agenda(d, eerste, later_afgesloten)

    with pytest.raises(ActieNietToegestaan, match=f"Signaal {afgesloten.referentie} is afgesloten"):
        op_agenda(d, eerste, afgesloten)
    route.afsluiten(signaal_id=later_afgesloten.pk, door=d.af_leeuwarden, afloop="zorgtraject")
    services.bijeenkomst_afronden(bijeenkomst_id=eerste.pk, door=d.af_leeuwarden)
    tweede = plannen(d, over(14))

    assert selectors.agenda(tweede) == []


def test_a_tafels_conclusion_and_action_text_appear_nowhere_in_the_audit_log(drieluik: Drieluik) -> None:
    d = drieluik
    punt = op_agenda(d, plannen(d), d.signaal(Status.LOKALE_TAFEL))
    services.actie_toevoegen(
        agendapunt_id=punt.pk,
        door=d.af_leeuwarden,
        omschrijving="Bel mevrouw Wiersma over haar dochter",
        eigenaar=d.agent,
        uiterlijk=over(3),
    )
    services.besluit_vastleggen(
        agendapunt_id=punt.pk, door=d.af_leeuwarden, besluit=Besluit.BESPROKEN, conclusie="De dochter van Wiersma."
    )

    assert LogEntry.objects.get_for_object(punt).count() >= 2
    assert audit_tabellen_bevatten("Wiersma") == []


def test_a_mail_whose_content_cannot_be_built_is_given_up_and_does_not_hold_up_the_outbox(
    drieluik: Drieluik, monkeypatch: pytest.MonkeyPatch
) -> None:
    d = drieluik
    services.agenda_versturen(bijeenkomst_id=plannen(d, over(7)).pk, door=d.af_leeuwarden)
    notificatie = Notificatie.objects.filter(soort="tafelagenda").first()
    assert notificatie is not None

    def stuk(_: Notificatie) -> berichten.Bericht | None:
        raise RuntimeError("agenda onleesbaar")

    monkeypatch.setitem(berichten.BERICHTEN, Notificatie.Soort.TAFELAGENDA, stuk)
    assert not berichten.versturen(notificatie.pk, max_pogingen=1)
    notificatie.refresh_from_db()
    assert (notificatie.laatste_fout != "", notificatie.opgegeven_op is not None) == (True, True)


def test_an_item_whose_signal_lost_its_object_permission_is_refused_as_the_signal_page_does(
    client: Client, drieluik: Drieluik
) -> None:
    """Guardian's projection must agree too (ADR 0007): a missing row refuses, it never opens."""
    d = drieluik
    signaal = d.signaal(Status.LOKALE_TAFEL)
    punt = op_agenda(d, plannen(d), signaal)
    SignaalGroupObjectPermission.objects.filter(
        content_object=signaal, permission__codename="behandelen_signaal"
    ).delete()
    client.force_login(d.af_leeuwarden)

    assert client.get(reverse("tafels:besluit", args=[punt.pk])).status_code == 404
    assert client.get(reverse("meldroute:detail", args=[signaal.pk])).status_code == 404
    with pytest.raises(Agendapunt.DoesNotExist):
        services.besluit_vastleggen(
            agendapunt_id=punt.pk, door=d.af_leeuwarden, besluit=Besluit.BESPROKEN, conclusie="Besproken."
        )
