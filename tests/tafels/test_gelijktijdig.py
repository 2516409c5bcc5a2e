"""A decision at the tafel and a click on the signal page at the same moment, on real PostgreSQL
connections: exactly one wins, as two clicks on the signal page would."""

import datetime

import pytest
from django.utils import timezone

from meldroute import services as route
from signalen.models import Signaal
from signalen.workflow import Status
from tafels import services
from tafels.models import Agendapunt
from tests.meldroute.test_gelijktijdig import tegelijk
from tests.tafels.conftest import Drieluik


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_tafel_decision_and_the_signal_page_at_once_exactly_one_wins(drieluik: Drieluik) -> None:
    d = drieluik
    signaal = d.signaal(Status.LOKALE_TAFEL)
    bijeenkomst = services.bijeenkomst_plannen(
        tafel_id=d.tafel.pk, door=d.af_leeuwarden, datum=timezone.localdate(), aanvang=datetime.time(9), plaats="X"
    )
    punt = services.agendapunt_toevoegen(
        bijeenkomst_id=bijeenkomst.pk, door=d.af_leeuwarden, signaal_id=signaal.pk, soort="nieuw"
    )

    uitkomsten = tegelijk(
        lambda: services.besluit_vastleggen(
            agendapunt_id=punt.pk,
            door=d.af_leeuwarden,
            besluit=Agendapunt.Besluit.DOORZETTEN_RIEC,
            conclusie="Dwang aannemelijk.",
            riec_contact="RIEC Noord-Nederland",
            verwachte_status="lokale_tafel",
        ),
        lambda: route.geen_mensenhandel(
            signaal_id=signaal.pk,
            door=d.af_leeuwarden,
            onderbouwing="Niets gevonden.",
            tekst="Dank voor uw melding.",
            gegeven_op=timezone.localdate(),
            verwachte_status="lokale_tafel",
        ),
    )

    gewonnen = [u for u in uitkomsten if isinstance(u, Agendapunt | Signaal)]
    verloren = [u for u in uitkomsten if isinstance(u, route.SignaalGewijzigd)]
    assert (len(gewonnen), len(verloren)) == (1, 1), uitkomsten
    signaal.refresh_from_db()
    punt.refresh_from_db()
    if isinstance(gewonnen[0], Agendapunt):
        assert (signaal.status, punt.besluit) == (Status.RIEC, "doorzetten_riec")
    else:
        assert (signaal.status, punt.besluit) == (Status.TERUGKOPPELING, "")
    assert signaal.registraties.filter(actie__in=["riec_inschakelen", "geen_mensenhandel"]).count() == 1


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_closing_the_meeting_while_a_decision_is_saved_never_deadlocks(drieluik: Drieluik) -> None:
    d = drieluik
    signaal = d.signaal(Status.LOKALE_TAFEL)
    vandaag = timezone.localdate()
    bijeenkomst = services.bijeenkomst_plannen(
        tafel_id=d.tafel.pk, door=d.af_leeuwarden, datum=vandaag, aanvang=datetime.time(9), plaats="X"
    )
    services.bijeenkomst_plannen(
        tafel_id=d.tafel.pk,
        door=d.af_leeuwarden,
        datum=vandaag + datetime.timedelta(days=14),
        aanvang=datetime.time(9),
        plaats="X",
    )
    punt = services.agendapunt_toevoegen(
        bijeenkomst_id=bijeenkomst.pk, door=d.af_leeuwarden, signaal_id=signaal.pk, soort="nieuw"
    )

    uitkomsten = tegelijk(
        lambda: services.besluit_vastleggen(
            agendapunt_id=punt.pk,
            door=d.af_leeuwarden,
            besluit=Agendapunt.Besluit.DOORZETTEN_RIEC,
            conclusie="Dwang aannemelijk.",
            riec_contact="RIEC Noord-Nederland",
        ),
        lambda: services.bijeenkomst_afronden(bijeenkomst_id=bijeenkomst.pk, door=d.procesregisseur),
    )

    besluit, afgerond = uitkomsten
    punt.refresh_from_db()
    signaal.refresh_from_db()
    assert not isinstance(afgerond, Exception), uitkomsten
    if isinstance(besluit, Agendapunt):
        # The decision was first: it stands, and nothing rolls over.
        assert (punt.besluit, signaal.status, punt.doorgeschoven) == ("doorzetten_riec", Status.RIEC, False)
    else:
        # The close was first: the decision is refused in Dutch and the item rolls over.
        assert isinstance(besluit, route.ActieNietToegestaan), uitkomsten
        assert str(besluit) == "Deze bijeenkomst is afgerond; de agenda en de besluiten liggen vast."
        assert (punt.besluit, signaal.status, punt.doorgeschoven) == ("", Status.LOKALE_TAFEL, True)
