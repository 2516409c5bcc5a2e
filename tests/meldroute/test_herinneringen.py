"""Every kind of reminder through a real Celery worker on Redis: the mail reaches exactly the right
people, and exactly they see the entry under "Actie nodig" (and it goes when the work is done).
"""

import datetime
from dataclasses import dataclass
from typing import Any

import pytest
import time_machine
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from ketenpartners.models import Gebruiker, Organisatie, Rol
from meldroute import services
from meldroute.tasks import termijnen_bewaken
from mensenhandel.werkdagen import ZONE
from signalen.models import Signaal
from signalen.workflow import Status
from tests.factories import (
    OrganisatieFactory,
    RegioFactory,
    af,
    delen,
    gebruiker_met_rol,
    medewerker,
    naar_status,
    signaal_melden,
)
from tests.hulp import actie_nodig, ontvangers, wacht_tot_alles_verstuurd

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

# Monday 1 February 2027, 10:00 in Hoorn: no public holiday for weeks.
MAANDAG = datetime.datetime(2027, 2, 1, 10, 0, tzinfo=ZONE)


@dataclass
class Mensen:
    hoorn: Organisatie
    politie: Organisatie
    anna: Gebruiker  # AF Hoorn, the behandelaar
    bram: Gebruiker  # AF Hoorn, her backup
    carla: Gebruiker  # AF Enkhuizen
    coordinator: Gebruiker  # Westfriesland
    coordinator_fryslan: Gebruiker
    af_leeuwarden: Gebruiker
    melder: Gebruiker
    agent: Gebruiker  # Politie
    riec: Gebruiker  # another partner
    fg: Gebruiker
    beheerder: Gebruiker

    def iedereen(self) -> list[Gebruiker]:
        return [getattr(self, naam) for naam in self.__dataclass_fields__ if isinstance(getattr(self, naam), Gebruiker)]


@pytest.fixture
def mensen() -> Mensen:
    hoorn = OrganisatieFactory(naam="Hoorn")
    enkhuizen = OrganisatieFactory(naam="Enkhuizen")
    leeuwarden = OrganisatieFactory(naam="Leeuwarden", regio=RegioFactory(naam="Fryslân"))
    politie = OrganisatieFactory(naam="Politie Noord-Holland", soort=Organisatie.Soort.POLITIE)
    riec = OrganisatieFactory(naam="RIEC Noord-Holland", soort=Organisatie.Soort.RIEC)
    return Mensen(
        hoorn=hoorn,
        politie=politie,
        anna=af(hoorn, username="anna"),
        bram=af(hoorn, username="bram"),
        carla=af(enkhuizen, username="carla"),
        coordinator=gebruiker_met_rol(hoorn, Rol.COORDINATOR, username="coordinator.wf"),
        coordinator_fryslan=gebruiker_met_rol(leeuwarden, Rol.COORDINATOR, username="coordinator.fr"),
        af_leeuwarden=af(leeuwarden, username="af.leeuwarden"),
        melder=medewerker(hoorn, username="melder"),
        agent=gebruiker_met_rol(politie, Rol.KETENPARTNER, username="agent"),
        riec=gebruiker_met_rol(riec, Rol.KETENPARTNER, username="riec"),
        fg=gebruiker_met_rol(hoorn, Rol.FG, username="fg"),
        beheerder=gebruiker_met_rol(hoorn, Rol.BEHEERDER, username="beheerder"),
    )


def bewaken() -> None:
    """Run the sweep on the worker, and wait until the worker sent what it wrote."""
    termijnen_bewaken.delay().get(timeout=30)
    wacht_tot_alles_verstuurd()


def wie_ziet(client: Client, mensen: Mensen, signaal: Signaal) -> dict[str, str]:
    """Per user who has an entry for the signal under "Actie nodig": what it says."""
    gezien = {}
    for gebruiker in mensen.iedereen():
        regels = actie_nodig(client, gebruiker)
        if signaal.referentie in regels:
            gezien[gebruiker.username] = regels[signaal.referentie]
    return gezien


def in_behandeling(mensen: Mensen, **kwargs: Any) -> Signaal:
    signaal = signaal_melden(melder=mensen.melder, **kwargs)
    return naar_status(signaal, Status.ONTVANGEN, door=mensen.anna)


def test_a_new_signal_reaches_every_af_of_the_gemeente(worker: Any, client: Client, mensen: Mensen) -> None:
    signaal = signaal_melden(melder=mensen.melder)
    wacht_tot_alles_verstuurd()

    assert ontvangers() == ["anna@example.org", "bram@example.org"]
    assert {m.subject for m in mail.outbox} == {f"Nieuw signaal {signaal.referentie}"}
    gezien = wie_ziet(client, mensen, signaal)
    assert sorted(gezien) == ["anna", "bram"]
    assert "Nieuw signaal: in behandeling nemen" in gezien["anna"]

    naar_status(signaal, Status.ONTVANGEN, door=mensen.anna)
    assert wie_ziet(client, mensen, signaal) == {}


def test_an_acute_signal_not_taken_escalates_once_to_the_afs_and_the_regios_coordinator(
    worker: Any, client: Client, mensen: Mensen
) -> None:
    with time_machine.travel(MAANDAG, tick=False):
        signaal = signaal_melden(melder=mensen.melder, acuut=True)
        wacht_tot_alles_verstuurd()
    mail.outbox.clear()

    with time_machine.travel(MAANDAG + datetime.timedelta(hours=3, minutes=59), tick=False):
        bewaken()
        assert mail.outbox == []
    with time_machine.travel(MAANDAG + datetime.timedelta(hours=4, minutes=1), tick=False):
        bewaken()
        bewaken()
        assert ontvangers() == ["anna@example.org", "bram@example.org", "coordinator.wf@example.org"]
        assert {m.subject for m in mail.outbox} == {f"ACUUT: signaal {signaal.referentie} nog niet in behandeling"}
        gezien = wie_ziet(client, mensen, signaal)
    assert sorted(gezien) == ["anna", "bram", "coordinator.wf"]
    assert "Escalatie" in gezien["coordinator.wf"]
    assert "1 uur over de termijn" not in gezien["anna"]
    assert "termijn verstreken" in gezien["anna"]

    # A day later the sweep runs again and again: the escalation was once.
    with time_machine.travel(MAANDAG + datetime.timedelta(days=1), tick=False):
        bewaken()
    assert len(mail.outbox) == 3


def test_a_passed_verrijken_term_reaches_the_behandelaar_and_later_her_backup_and_the_coordinator(
    worker: Any, client: Client, mensen: Mensen
) -> None:
    with time_machine.travel(MAANDAG, tick=False):
        signaal = in_behandeling(mensen)
        wacht_tot_alles_verstuurd()
    mail.outbox.clear()
    # Ten werkdagen after Monday 1 February: Monday 15 February is the last day.
    with time_machine.travel(datetime.datetime(2027, 2, 15, 23, 59, tzinfo=ZONE), tick=False):
        bewaken()
        assert mail.outbox == []
    with time_machine.travel(datetime.datetime(2027, 2, 16, 0, 1, tzinfo=ZONE), tick=False):
        bewaken()
        assert ontvangers() == ["anna@example.org"]
        assert mail.outbox[0].subject == f"Termijn verstreken: {signaal.referentie}"
        assert "De termijn voor verrijken van signaal" in mail.outbox[0].body
        gezien = wie_ziet(client, mensen, signaal)
        assert list(gezien) == ["anna"]
        assert "Termijn voor verrijken verstreken" in gezien["anna"]
    mail.outbox.clear()

    # Three werkdagen later (Thursday 18 February is the last), Bram and the coördinator hear it.
    with time_machine.travel(datetime.datetime(2027, 2, 19, 0, 1, tzinfo=ZONE), tick=False):
        bewaken()
        assert ontvangers() == ["bram@example.org", "coordinator.wf@example.org"]
        assert {m.subject for m in mail.outbox} == {f"Termijn al langer verstreken: {signaal.referentie}"}
        gezien = wie_ziet(client, mensen, signaal)
        assert sorted(gezien) == ["anna", "bram", "coordinator.wf"]
        assert "Als achtervang" in gezien["bram"]
        # Friday is the fourth werkdag past Monday 15 February.
        assert "4 werkdagen over de termijn" in gezien["anna"]
        # The coördinator's mail leads to "Actie nodig": they may not open the signal.
        voor_coordinator = next(m for m in mail.outbox if m.to == ["coordinator.wf@example.org"])
        assert "/actie-nodig/" in voor_coordinator.body

        # Verrijken is the thing to do: then every entry for it goes.
        naar_status(signaal, Status.VERRIJKT, door=mensen.anna)
        assert wie_ziet(client, mensen, signaal) == {}


def test_the_feedback_term_reminds_the_behandelaar(worker: Any, client: Client, mensen: Mensen) -> None:
    with time_machine.travel(MAANDAG, tick=False):
        signaal = naar_status(signaal_melden(melder=mensen.melder), Status.VERRIJKT, door=mensen.anna)
        wacht_tot_alles_verstuurd()
    mail.outbox.clear()
    # Six weeks after Monday 1 February is Monday 15 March; the term ends with that day.
    with time_machine.travel(datetime.datetime(2027, 3, 16, 0, 1, tzinfo=ZONE), tick=False):
        bewaken()
        assert ontvangers() == ["anna@example.org"]
        assert mail.outbox[0].subject == f"Terugkoppeling aan de melder te laat: {signaal.referentie}"
        gezien = wie_ziet(client, mensen, signaal)
    assert list(gezien) == ["anna"]
    assert "Termijn voor terugkoppeling aan de melder verstreken" in gezien["anna"]
    mail.outbox.clear()

    # Three werkdagen later (Thursday 18 March is the last) her backup and the coördinator see
    # it too: the feedback term escalates as a step term does.
    with time_machine.travel(datetime.datetime(2027, 3, 19, 0, 1, tzinfo=ZONE), tick=False):
        bewaken()
        assert ontvangers() == ["bram@example.org", "coordinator.wf@example.org"]
        gezien = wie_ziet(client, mensen, signaal)
    assert sorted(gezien) == ["anna", "bram", "coordinator.wf"]
    assert "Als achtervang: een termijn van de behandelaar is al langer verstreken" in gezien["bram"]
    assert "Escalatie: een termijn is al langer verstreken" in gezien["coordinator.wf"]


def test_a_herbeoordelingsdatum_reminds_the_behandelaar(worker: Any, client: Client, mensen: Mensen) -> None:
    with time_machine.travel(MAANDAG, tick=False):
        signaal = naar_status(signaal_melden(melder=mensen.melder), Status.VERRIJKT, door=mensen.anna)
        services.herbeoordeling_plannen(
            signaal_id=signaal.pk, door=mensen.anna, datum=datetime.date(2027, 2, 10), toelichting="Opnieuw kijken."
        )
        wacht_tot_alles_verstuurd()
    mail.outbox.clear()
    with time_machine.travel(datetime.datetime(2027, 2, 10, 0, 1, tzinfo=ZONE), tick=False):
        bewaken()
        assert ontvangers() == ["anna@example.org"]
        assert mail.outbox[0].subject == f"Herbeoordeling: {signaal.referentie}"
        gezien = wie_ziet(client, mensen, signaal)
    assert list(gezien) == ["anna"]
    assert "Herbeoordelen" in gezien["anna"]


def test_a_share_ending_soon_reminds_the_af_who_shared(worker: Any, client: Client, mensen: Mensen) -> None:
    with time_machine.travel(MAANDAG, tick=False):
        signaal = naar_status(signaal_melden(melder=mensen.melder), Status.VERRIJKT, door=mensen.anna)
        delen(signaal, door=mensen.anna, organisatie=mensen.politie, einddatum=datetime.date(2027, 2, 28))
        wacht_tot_alles_verstuurd()
        # The police opened it, so that entry (a new share) has gone for them.
        services.deling_geopend(signaal_id=signaal.pk, door=mensen.agent)
    mail.outbox.clear()
    with time_machine.travel(datetime.datetime(2027, 2, 20, 12, 0, tzinfo=ZONE), tick=False):
        bewaken()
        assert mail.outbox == []
    with time_machine.travel(datetime.datetime(2027, 2, 21, 12, 0, tzinfo=ZONE), tick=False):
        bewaken()
        bewaken()
        assert ontvangers() == ["anna@example.org"]
        assert mail.outbox[0].subject == f"Deling loopt af: {signaal.referentie}"
        regels = {g.username: actie_nodig(Client(), g) for g in mensen.iedereen()}
    assert [naam for naam, r in regels.items() if signaal.referentie in r] == ["anna"]
    assert "Deling met Politie Noord-Holland loopt af op 28 februari 2027" in regels["anna"][signaal.referentie]


def test_a_new_share_reaches_the_partners_users_until_they_open_it(worker: Any, client: Client, mensen: Mensen) -> None:
    signaal = naar_status(signaal_melden(melder=mensen.melder), Status.VERRIJKT, door=mensen.anna)
    wacht_tot_alles_verstuurd()
    mail.outbox.clear()
    delen(signaal, door=mensen.anna, organisatie=mensen.politie)
    wacht_tot_alles_verstuurd()

    assert ontvangers() == ["agent@example.org"]
    assert mail.outbox[0].subject == f"Signaal {signaal.referentie} gedeeld met uw organisatie"
    assert f"/gedeeld/{signaal.pk}/" in mail.outbox[0].body
    gezien = wie_ziet(client, mensen, signaal)
    assert gezien == {"agent": "Hoorn Nieuw met uw organisatie gedeeld"}

    client.force_login(mensen.agent)
    assert client.get(reverse("meldroute:gedeeld_detail", args=[signaal.pk])).status_code == 200
    assert wie_ziet(client, mensen, signaal) == {}


def test_a_new_terugmelding_reaches_the_behandelaar_until_she_opens_the_signal(
    worker: Any, client: Client, mensen: Mensen
) -> None:
    signaal = naar_status(signaal_melden(melder=mensen.melder), Status.VERRIJKT, door=mensen.anna)
    delen(signaal, door=mensen.anna, organisatie=mensen.politie)
    client.force_login(mensen.agent)
    client.get(reverse("meldroute:gedeeld_detail", args=[signaal.pk]))
    wacht_tot_alles_verstuurd()
    mail.outbox.clear()

    services.terugmelding_toevoegen(signaal_id=signaal.pk, door=mensen.agent, tekst="Pand bezocht.")
    wacht_tot_alles_verstuurd()

    assert ontvangers() == ["anna@example.org"]
    assert mail.outbox[0].subject == f"Nieuwe terugmelding: {signaal.referentie}"
    gezien = wie_ziet(client, mensen, signaal)
    assert list(gezien) == ["anna"]
    assert "Nieuwe terugmelding van een ketenpartner" in gezien["anna"]

    client.force_login(mensen.anna)
    client.get(reverse("meldroute:detail", args=[signaal.pk]))
    assert wie_ziet(client, mensen, signaal) == {}


def test_feedback_given_reaches_the_melder_until_they_read_it(worker: Any, client: Client, mensen: Mensen) -> None:
    signaal = naar_status(signaal_melden(melder=mensen.melder), Status.VERRIJKT, door=mensen.anna)
    wacht_tot_alles_verstuurd()
    mail.outbox.clear()

    naar_status(signaal, Status.TERUGKOPPELING, door=mensen.anna)
    wacht_tot_alles_verstuurd()

    assert ontvangers() == ["melder@example.org"]
    assert mail.outbox[0].subject == f"Terugkoppeling op uw signaal {signaal.referentie}"
    assert "/mijn-signalen/" in mail.outbox[0].body
    gezien = wie_ziet(client, mensen, signaal)
    assert gezien == {"melder": "Hoorn Er is terugkoppeling op uw signaal –"}

    client.force_login(mensen.melder)
    pagina = client.get(reverse("meldroute:mijn_signalen")).content.decode()
    assert "Nieuw" in pagina
    assert wie_ziet(client, mensen, signaal) == {}
    assert "Nieuw</span>" not in client.get(reverse("meldroute:mijn_signalen")).content.decode()


def test_a_term_done_before_the_mail_went_out_sends_nothing(mensen: Mensen) -> None:
    """The worker was down while the term passed; by the time it runs, Anna had verrijkt."""
    from signalen.models import Notificatie
    from signalen.tasks import openstaande_notificaties_versturen

    with time_machine.travel(MAANDAG, tick=False):
        signaal = in_behandeling(mensen)
    Notificatie.objects.all().update(verzonden_op=timezone.now())
    with time_machine.travel(datetime.datetime(2027, 2, 16, 0, 1, tzinfo=ZONE), tick=False):
        from meldroute.herinneringen import termijnen_bewaken as sweep

        sweep()
        naar_status(signaal, Status.VERRIJKT, door=mensen.anna)
    with time_machine.travel(datetime.datetime(2027, 2, 16, 0, 10, tzinfo=ZONE), tick=False):
        assert openstaande_notificaties_versturen() == 0
    assert mail.outbox == []
    assert (
        Notificatie.objects.filter(soort=Notificatie.Soort.TERMIJN_VERSTREKEN, vervallen_op__isnull=False).count() == 1
    )
