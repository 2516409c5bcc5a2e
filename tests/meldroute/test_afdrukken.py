"""The AF prints a signal: marked "Vertrouwelijk", the whole record, no navigation, buttons or forms."""

import pytest
from django.test import Client
from django.urls import reverse

from ketenpartners.models import Gebruiker
from signalen.models import Betrokkene, Locatie, Signaal, Toegangslog
from signalen.workflow import Status
from tests.factories import naar_status, signaal_melden
from tests.hulp import tabelrijen

pytestmark = pytest.mark.django_db


@pytest.fixture
def signaal(melder_hoorn: Gebruiker, af_hoorn: Gebruiker) -> Signaal:
    signaal = signaal_melden(
        melder=melder_hoorn,
        acuut=True,
        omschrijving="Twaalf mensen op één adres; 's nachts komen er busjes.",
        betrokkenen=[{"rol": Betrokkene.Rol.SLACHTOFFER, "naam": "Piotr Nowak", "nationaliteit": "Pools"}],
        locaties=[{"adres": "Dampten 12, Hoorn", "bedrijfsnaam": "Uitzendbureau Flexibel", "kvk_nummer": "87654321"}],
    )
    return naar_status(signaal, Status.LOKALE_TAFEL, door=af_hoorn)


def test_the_af_prints_the_whole_signal_marked_confidential_without_navigation_buttons_or_forms(
    client: Client, af_hoorn: Gebruiker, signaal: Signaal
) -> None:
    client.force_login(af_hoorn)

    antwoord = client.get(reverse("meldroute:afdrukken", args=[signaal.pk]))

    html = antwoord.content.decode()
    assert antwoord.status_code == 200
    kop = html[html.index("<header") : html.index("</header>")]
    assert "<strong>Vertrouwelijk</strong>" in kop
    assert html.index("<header") < html.index("<h1")
    for element in ["<nav", "<form", "<button", "<input", "<select", "<textarea", "<script"]:
        assert element not in html
    assert f'<h1 class="utrecht-heading-1">Signaal {signaal.referentie} (acuut)</h1>' in html
    for inhoud in [
        "Twaalf mensen op één adres; &#x27;s nachts komen er busjes.",
        "Mogelijk slachtoffer: Piotr Nowak",
        "Uitzendbureau Flexibel",
        "Dampten 12, Hoorn",
        "87654321",
        "<strong>In behandeling genomen</strong>",
        "<strong>Verrijkt</strong>",
        "<strong>Besproken aan de lokale tafel</strong>",
        "<dt>Stap</dt><dd>4. Lokale tafel</dd>",
        "<dt>Behandelaar</dt><dd>Anna de Vries</dd>",
    ]:
        assert inhoud in html, inhoud
    assert 'href="/static/css/afdrukken.css"' in html
    assert tabelrijen(html) == []

    gelogd = Toegangslog.objects.get(gebruiker=af_hoorn, pad=reverse("meldroute:afdrukken", args=[signaal.pk]))
    assert (gelogd.actie, gelogd.resultaat, gelogd.signaal_ids) == ("detail", "toegestaan", [signaal.pk])


def test_the_detail_page_links_to_the_printout(client: Client, af_hoorn: Gebruiker, signaal: Signaal) -> None:
    client.force_login(af_hoorn)
    html = client.get(reverse("meldroute:detail", args=[signaal.pk])).content.decode()
    url = reverse("meldroute:afdrukken", args=[signaal.pk])
    assert f'<a class="utrecht-link utrecht-link--html-a" href="{url}">Afdrukweergave (vertrouwelijk)</a>' in html


@pytest.mark.parametrize("wie", ["af_enkhuizen", "melder_hoorn"])
def test_anyone_who_may_not_see_the_signal_gets_404_and_the_refusal_is_logged(
    client: Client, signaal: Signaal, wie: str, request: pytest.FixtureRequest
) -> None:
    gebruiker: Gebruiker = request.getfixturevalue(wie)
    client.force_login(gebruiker)

    antwoord = client.get(reverse("meldroute:afdrukken", args=[signaal.pk]))

    assert antwoord.status_code == 404
    assert "Piotr Nowak" not in antwoord.content.decode()
    geweigerd = Toegangslog.objects.get(gebruiker=gebruiker, resultaat="geweigerd")
    assert (geweigerd.actie, geweigerd.signaal_ids) == ("detail", [signaal.pk])


def test_a_signal_that_does_not_exist_is_a_404_too(client: Client, af_hoorn: Gebruiker) -> None:
    client.force_login(af_hoorn)
    assert client.get(reverse("meldroute:afdrukken", args=[987654])).status_code == 404
    assert Toegangslog.objects.get(gebruiker=af_hoorn).signaal_ids == [987654]


def test_locaties_without_a_betrokkene_print_too(client: Client, af_hoorn: Gebruiker, melder_hoorn: Gebruiker) -> None:
    signaal = signaal_melden(melder=melder_hoorn)
    Locatie.objects.create(signaal=signaal, bedrijfsnaam="Nagelstudio Voorbeeld")
    client.force_login(af_hoorn)
    html = client.get(reverse("meldroute:afdrukken", args=[signaal.pk])).content.decode()
    assert "Geen betrokkenen vastgelegd." in html
    assert "<dt>Bedrijfsnaam</dt><dd>Nagelstudio Voorbeeld</dd>" in html
