"""The werkbak as a to-do list: open signals by default, counts per step that filter, sorting by
route and by due date (undated last), acute first, and a quick search in the own gemeente only."""

import datetime
import re

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from ketenpartners.models import Gebruiker
from meldroute import services
from mensenhandel.werkdagen import ZONE
from signalen.models import Signaal, Toegangslog
from signalen.workflow import Status
from tests.factories import naar_status, signaal_melden
from tests.hulp import tabelrijen

MAANDAG = datetime.datetime(2027, 2, 1, 10, 0, tzinfo=ZONE)
JAN = {"rol": "slachtoffer", "naam": "Jan Jansen", "adres": "Kerkstraat 12, Hoorn"}


def referenties(client: Client, **parameters: str) -> list[str]:
    return [
        rij[0].split()[0] for rij in tabelrijen(client.get(reverse("meldroute:werkbak"), parameters).content.decode())
    ]


def gevonden(client: Client, **parameters: str) -> str:
    """The count above the list, as the page says it."""
    html = client.get(reverse("meldroute:werkbak"), parameters).content.decode()
    gevonden = re.search(r'<p class="utrecht-paragraph" role="status">([^<]*gevonden\.)</p>', html)
    assert gevonden is not None
    return gevonden.group(1)


def stappen(client: Client, **parameters: str) -> dict[str, tuple[int, bool]]:
    """The step links above the list: label → (count, chosen)."""
    html = client.get(reverse("meldroute:werkbak"), parameters).content.decode()
    links = re.findall(
        r'<a class="mh-stappen__link" href="\?([^"]*)"( aria-current="true")?>([^<]+) '
        r'<span class="mh-stappen__aantal">(\d+)</span>',
        html,
    )
    return {label: (int(aantal), bool(gekozen)) for _, gekozen, label, aantal in links}


@pytest.fixture
def signalen(melder_hoorn: Gebruiker, af_hoorn: Gebruiker) -> dict[str, Signaal]:
    """Hoorn's signals, reported a day apart from 1 February 2027, one in each situation."""
    gemaakt = {}
    plan = [
        ("opgepikt_oud", Status.OPGEPIKT, False),
        ("verrijkt", Status.VERRIJKT, False),
        ("ontvangen", Status.ONTVANGEN, False),
        ("afgesloten", Status.AFGESLOTEN, False),
        ("informatieplein", Status.INFORMATIEPLEIN, False),
        ("acuut_oud", Status.ONTVANGEN, True),
        ("opgepikt_nieuw", Status.OPGEPIKT, False),
    ]
    for dag, (naam, status, acuut) in enumerate(plan):
        with time_machine.travel(MAANDAG + datetime.timedelta(days=dag), tick=False):
            signaal = signaal_melden(melder=melder_hoorn, acuut=acuut)
            gemaakt[naam] = naar_status(signaal, status, door=af_hoorn)
    with time_machine.travel(MAANDAG + datetime.timedelta(days=8), tick=False):
        services.herbeoordeling_plannen(
            signaal_id=gemaakt["informatieplein"].pk, door=af_hoorn, datum=datetime.date(2027, 3, 1)
        )
        services.herbeoordeling_plannen(
            signaal_id=gemaakt["verrijkt"].pk, door=af_hoorn, datum=datetime.date(2027, 2, 20)
        )
    return gemaakt


@pytest.fixture
def af_client(client: Client, af_hoorn: Gebruiker) -> Client:
    client.force_login(af_hoorn)
    return client


def ref(signalen: dict[str, Signaal], *namen: str) -> list[str]:
    return [signalen[naam].referentie for naam in namen]


@pytest.mark.django_db
def test_open_signals_by_default_and_closed_ones_on_request(af_client: Client, signalen: dict[str, Signaal]) -> None:
    standaard = referenties(af_client, sortering="-ingediend_op")
    assert signalen["afgesloten"].referentie not in standaard
    assert len(standaard) == 6
    met_afgesloten = referenties(af_client, sortering="-ingediend_op", ook_afgesloten="on")
    assert len(met_afgesloten) == 7
    assert signalen["afgesloten"].referentie in met_afgesloten


@pytest.mark.django_db
def test_open_acute_signals_come_first_whatever_the_sorting(af_client: Client, signalen: dict[str, Signaal]) -> None:
    assert referenties(af_client, sortering="-ingediend_op") == ref(
        signalen, "acuut_oud", "opgepikt_nieuw", "informatieplein", "ontvangen", "verrijkt", "opgepikt_oud"
    )
    assert referenties(af_client, sortering="ingediend_op")[0] == signalen["acuut_oud"].referentie


@pytest.mark.django_db
def test_sorting_by_step_follows_the_route(af_client: Client, signalen: dict[str, Signaal]) -> None:
    assert referenties(af_client, sortering="stap", acuut="nee", ook_afgesloten="on") == ref(
        signalen, "opgepikt_nieuw", "opgepikt_oud", "ontvangen", "verrijkt", "informatieplein", "afgesloten"
    )


@pytest.mark.django_db
def test_sorting_by_herbeoordeling_and_by_term_puts_undated_signals_last(
    af_client: Client, signalen: dict[str, Signaal]
) -> None:
    assert referenties(af_client, sortering="herbeoordelen_op", acuut="nee") == ref(
        signalen, "verrijkt", "informatieplein", "opgepikt_nieuw", "ontvangen", "opgepikt_oud"
    )
    # By term: in behandeling nemen within a werkdag, verrijken within ten, the herbeoordeling of
    # 20 February, the feedback terms; informatieplein's first term is the herbeoordeling of 1 March.
    termijn = referenties(af_client, sortering="termijn", acuut="nee", ook_afgesloten="on")
    assert termijn == ref(
        signalen, "opgepikt_oud", "opgepikt_nieuw", "ontvangen", "verrijkt", "informatieplein", "afgesloten"
    )


@pytest.mark.django_db
def test_the_count_of_each_step_equals_the_list_it_links_to(af_client: Client, signalen: dict[str, Signaal]) -> None:
    aantallen = stappen(af_client)
    assert aantallen == {
        "Alle open stappen": (6, True),
        "1. Opgepikt": (2, False),
        "2. Ontvangen": (2, False),
        "3. Verrijkt": (1, False),
        "4. Lokale tafel": (0, False),
        "5. RIEC": (0, False),
        "6. Informatieplein": (1, False),
        "7. Terugkoppeling": (0, False),
        "Afgesloten": (1, False),
    }
    for status in Status:
        lijst = referenties(af_client, stap=status.value)
        assert len(lijst) == aantallen[status.label][0], status
    # The line above the list says how many the choice holds.
    assert gevonden(af_client) == "6 signalen gevonden."
    assert gevonden(af_client, stap=Status.AFGESLOTEN.value) == "1 signaal gevonden."
    assert gevonden(af_client, stap=Status.ONTVANGEN.value) == "2 signalen gevonden."
    assert gevonden(af_client, ook_afgesloten="on") == "7 signalen gevonden."
    assert gevonden(af_client, ook_afgesloten="on", acuut="ja") == "1 signaal gevonden."
    gekozen = stappen(af_client, stap=Status.ONTVANGEN.value)
    assert gekozen["2. Ontvangen"] == (2, True)
    assert gekozen["Alle open stappen"] == (6, False)
    # With another filter the counts follow it.
    assert stappen(af_client, acuut="ja")["2. Ontvangen"] == (1, False)
    assert stappen(af_client, acuut="ja")["1. Opgepikt"] == (0, False)


@pytest.mark.django_db
def test_search_by_reference_finds_the_own_gemeentes_signal_only(
    af_client: Client,
    melder_hoorn: Gebruiker,
    melder_enkhuizen: Gebruiker,
    af_enkhuizen: Gebruiker,
) -> None:
    eigen = signaal_melden(melder=melder_hoorn)
    ander = signaal_melden(melder=melder_enkhuizen)

    def zoeken(tekst: str) -> list[str]:
        html = af_client.post(reverse("meldroute:werkbak"), {"zoek": tekst}).content.decode()
        return [rij[0].split()[0] for rij in tabelrijen(html)]

    assert zoeken(eigen.referentie) == [eigen.referentie]
    assert zoeken(eigen.referentie.lower().removeprefix("mh-")) == [eigen.referentie]
    assert zoeken(ander.referentie) == []


@pytest.mark.django_db
def test_search_by_name_address_or_kvk_finds_own_signals_and_logs_no_search_text(
    af_client: Client,
    melder_hoorn: Gebruiker,
    melder_enkhuizen: Gebruiker,
    af_enkhuizen: Gebruiker,
) -> None:
    eigen = signaal_melden(
        melder=melder_hoorn,
        betrokkenen=[JAN],
        locaties=[{"adres": "Dorpsweg 3", "bedrijfsnaam": "Uitzendbureau Snel BV", "kvk_nummer": "12345678"}],
    )
    signaal_melden(melder=melder_enkhuizen, betrokkenen=[JAN])
    signaal_melden(melder=melder_hoorn, betrokkenen=[{"rol": "dader", "naam": "Piet Jansen"}])

    def zoeken(tekst: str) -> list[str]:
        antwoord = af_client.post(reverse("meldroute:werkbak"), {"zoek": tekst})
        assert antwoord.status_code == 200
        return [rij[0].split()[0] for rij in tabelrijen(antwoord.content.decode())]

    assert zoeken("Jan Jansen") == [eigen.referentie]
    assert zoeken("Jansen, Jan") == [eigen.referentie]
    assert zoeken("kerkstraat 12") == [eigen.referentie]
    assert zoeken("12345678") == [eigen.referentie]
    assert zoeken("snel") == [eigen.referentie]
    assert len(zoeken("Jansen")) == 2  # Jan and Piet, both of Hoorn; not Enkhuizen's Jan.

    log = Toegangslog.objects.filter(actie=Toegangslog.Actie.ZOEKEN).order_by("-pk").first()
    assert log is not None
    assert log.pad == "/werkbak/"
    for regel in Toegangslog.objects.all():
        assert "Jansen" not in f"{regel.pad} {regel.signaal_ids}"
    assert Toegangslog.objects.filter(actie=Toegangslog.Actie.ZOEKEN).count() == 6


@pytest.mark.django_db
def test_a_search_too_short_says_so_in_dutch(af_client: Client) -> None:
    antwoord = af_client.post(reverse("meldroute:werkbak"), {"zoek": "J"})
    assert antwoord.status_code == 200
    assert "Vul minstens 2 tekens in." in antwoord.content.decode()
    assert 'value="J"' in antwoord.content.decode()


@pytest.mark.django_db
def test_an_unknown_filter_value_gives_a_message_not_an_error(af_client: Client) -> None:
    antwoord = af_client.get(reverse("meldroute:werkbak"), {"stap": "bestaat-niet", "sortering": "x"})
    assert antwoord.status_code == 200
    assert "Kies een stap uit de lijst." in antwoord.content.decode()
    assert "Kies een sortering uit de lijst." in antwoord.content.decode()
