"""Terms in werkdagen: weekends and Dutch public holidays skipped, daylight saving time harmless;
what the werkbak and the detail page show is what the sweep acts on."""

import datetime
from typing import Any

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from ketenpartners.models import Gebruiker, Regio
from meldroute.herinneringen import termijnen_bewaken
from mensenhandel.werkdagen import ZONE, is_werkdag, werkdagen_na, werkdagen_tussen
from signalen.models import Notificatie, Termijninstellingen
from signalen.services import termijnen_herberekenen
from signalen.workflow import Status
from tests.factories import naar_status, signaal_melden
from tests.hulp import tabelrijen


def lokaal(moment: datetime.datetime | None) -> datetime.datetime:
    assert moment is not None
    return moment.astimezone(ZONE)


@pytest.mark.parametrize(
    ("dag", "aantal", "verwacht"),
    [
        # Friday + 1: Monday.
        (datetime.date(2027, 2, 5), 1, datetime.date(2027, 2, 8)),
        # Monday 26 April 2027 + 1: Tuesday is Koningsdag, so Wednesday.
        (datetime.date(2027, 4, 26), 1, datetime.date(2027, 4, 28)),
        # Friday 22 December 2028 + 1: weekend, Kerstmis (Mon), Tweede Kerstdag (Tue): Wednesday.
        (datetime.date(2028, 12, 22), 1, datetime.date(2028, 12, 27)),
        # Wednesday 21 April 2027 + 10: over Koningsdag and Hemelvaartsdag (6 May).
        (datetime.date(2027, 4, 21), 10, datetime.date(2027, 5, 7)),
    ],
)
def test_werkdagen_skip_weekends_and_public_holidays(dag: datetime.date, aantal: int, verwacht: datetime.date) -> None:
    assert werkdagen_na(dag, aantal) == verwacht


def test_werkdagen_between_two_days_count_each_werkdag_once() -> None:
    assert not is_werkdag(datetime.date(2027, 4, 27))  # Koningsdag
    assert not is_werkdag(datetime.date(2028, 12, 26))  # Tweede Kerstdag
    assert werkdagen_tussen(datetime.date(2027, 4, 21), datetime.date(2027, 5, 7)) == 10
    assert werkdagen_tussen(datetime.date(2027, 5, 7), datetime.date(2027, 4, 21)) == -10
    assert werkdagen_tussen(datetime.date(2027, 2, 6), datetime.date(2027, 2, 8)) == 1  # Saturday to Monday


@pytest.mark.django_db
def test_a_term_over_a_weekend_and_christmas_counts_werkdagen_and_the_sweep_keeps_to_it(
    melder_hoorn: Gebruiker, af_hoorn: Gebruiker
) -> None:
    with time_machine.travel(datetime.datetime(2028, 12, 22, 15, 0, tzinfo=ZONE), tick=False):
        signaal = signaal_melden(melder=melder_hoorn)
    # One werkdag: the whole of Wednesday 27 December is still within the term.
    assert lokaal(signaal.stap_termijn_op) == datetime.datetime(2028, 12, 28, 0, 0, tzinfo=ZONE)

    with time_machine.travel(datetime.datetime(2028, 12, 27, 23, 59, tzinfo=ZONE), tick=False):
        assert termijnen_bewaken() == 0
    with time_machine.travel(datetime.datetime(2028, 12, 28, 0, 1, tzinfo=ZONE), tick=False):
        assert termijnen_bewaken() == 1
    herinnering = Notificatie.objects.get(soort=Notificatie.Soort.TERMIJN_VERSTREKEN)
    assert (herinnering.ontvanger, herinnering.termijn) == (af_hoorn, "in_behandeling")


@pytest.mark.django_db
def test_verrijken_within_ten_werkdagen_over_koningsdag_and_hemelvaart(
    melder_hoorn: Gebruiker, af_hoorn: Gebruiker
) -> None:
    with time_machine.travel(datetime.datetime(2027, 4, 21, 11, 0, tzinfo=ZONE), tick=False):
        signaal = naar_status(signaal_melden(melder=melder_hoorn), Status.ONTVANGEN, door=af_hoorn)
    assert lokaal(signaal.stap_termijn_op) == datetime.datetime(2027, 5, 8, 0, 0, tzinfo=ZONE)
    # Escalation three werkdagen later: Monday 10, Tuesday 11, Wednesday 12 May.
    assert lokaal(signaal.stap_escalatie_op) == datetime.datetime(2027, 5, 13, 0, 0, tzinfo=ZONE)


@pytest.mark.django_db
def test_an_acute_term_counts_elapsed_hours_across_the_change_to_summer_time(
    melder_hoorn: Gebruiker, af_hoorn: Gebruiker
) -> None:
    # 28 March 2027, 00:30 winter time; at 02:00 the clocks jump to 03:00.
    with time_machine.travel(datetime.datetime(2027, 3, 28, 0, 30, tzinfo=ZONE), tick=False):
        signaal = signaal_melden(melder=melder_hoorn, acuut=True)
    assert lokaal(signaal.stap_termijn_op) == datetime.datetime(2027, 3, 28, 5, 30, tzinfo=ZONE)
    assert signaal.stap_termijn_op - signaal.ingediend_op == datetime.timedelta(hours=4)


@pytest.mark.django_db
def test_a_term_ending_on_the_day_winter_time_returns_ends_at_local_midnight(
    melder_hoorn: Gebruiker, af_hoorn: Gebruiker
) -> None:
    # Friday 29 October 2027, summer time; + 1 werkdag = Monday 1 November, after the clocks
    # went back on Sunday 31 October.
    with time_machine.travel(datetime.datetime(2027, 10, 29, 16, 0, tzinfo=ZONE), tick=False):
        signaal = signaal_melden(melder=melder_hoorn)
    termijn = lokaal(signaal.stap_termijn_op)
    assert termijn == datetime.datetime(2027, 11, 2, 0, 0, tzinfo=ZONE)
    assert termijn.utcoffset() == datetime.timedelta(hours=1)
    assert lokaal(signaal.ingediend_op).utcoffset() == datetime.timedelta(hours=2)


@pytest.mark.django_db
def test_the_werkbak_and_the_detail_page_show_the_next_term_in_werkdagen(
    client: Client, melder_hoorn: Gebruiker, af_hoorn: Gebruiker
) -> None:
    with time_machine.travel(datetime.datetime(2027, 2, 1, 10, 0, tzinfo=ZONE), tick=False):
        signaal = naar_status(signaal_melden(melder=melder_hoorn), Status.ONTVANGEN, door=af_hoorn)
    # Wednesday 10 February: the last day is Monday 15 February, three werkdagen on.
    with time_machine.travel(datetime.datetime(2027, 2, 10, 9, 0, tzinfo=ZONE), tick=False):
        client.force_login(af_hoorn)
        rij = tabelrijen(client.get(reverse("meldroute:werkbak")).content.decode())[0]
        detail = client.get(reverse("meldroute:detail", args=[signaal.pk])).content.decode()
    assert rij[0] == signaal.referentie
    assert rij[3] == "Verrijken: nog 3 werkdagen"
    assert "nog 3 werkdagen" in detail
    assert "uiterlijk 15 februari 2027" in detail
    # Two werkdagen past it.
    with time_machine.travel(datetime.datetime(2027, 2, 17, 9, 0, tzinfo=ZONE), tick=False):
        client.force_login(af_hoorn)
        rij = tabelrijen(client.get(reverse("meldroute:werkbak")).content.decode())[0]
    assert rij[3] == "Verrijken: 2 werkdagen over de termijn"


@pytest.mark.django_db
def test_the_beheerder_sets_the_terms_of_a_regio_and_open_signals_follow(
    melder_hoorn: Gebruiker, af_hoorn: Gebruiker
) -> None:
    with time_machine.travel(datetime.datetime(2027, 2, 1, 10, 0, tzinfo=ZONE), tick=False):
        signaal = naar_status(signaal_melden(melder=melder_hoorn), Status.ONTVANGEN, door=af_hoorn)
        regio = Regio.objects.get(naam="Westfriesland")
        Termijninstellingen.objects.create(regio=regio, verrijken_werkdagen=5, escalatie_werkdagen=1)
        assert termijnen_herberekenen(regio_id=regio.pk) == 1
    signaal.refresh_from_db()
    # Five werkdagen from Monday 1 February: Monday 8 February is the last day.
    assert lokaal(signaal.stap_termijn_op) == datetime.datetime(2027, 2, 9, 0, 0, tzinfo=ZONE)
    assert lokaal(signaal.stap_escalatie_op) == datetime.datetime(2027, 2, 10, 0, 0, tzinfo=ZONE)


@pytest.mark.django_db
def test_the_terms_settings_refuse_nonsense_with_a_dutch_message(admin_client_beheerder: Any) -> None:
    client, regio = admin_client_beheerder
    antwoord = client.post(
        reverse("admin:signalen_termijninstellingen_add"),
        {
            "regio": regio.pk,
            "ontvangen_werkdagen": "0",
            "ontvangen_acuut_uren": "4",
            "verrijken_werkdagen": "10",
            "terugkoppeling_weken": "6",
            "escalatie_werkdagen": "3",
            "deling_waarschuwing_dagen": "7",
        },
    )
    assert antwoord.status_code == 200
    assert "Zorg ervoor dat deze waarde minstens 1 is." in antwoord.content.decode()
    assert not Termijninstellingen.objects.exists()


@pytest.fixture
def admin_client_beheerder(client: Client, hoorn: Any) -> tuple[Client, Regio]:
    from ketenpartners.models import Rol
    from tests.factories import gebruiker_met_rol

    client.force_login(gebruiker_met_rol(hoorn, Rol.BEHEERDER, username="beheerder"))
    return client, Regio.objects.get(naam="Westfriesland")
