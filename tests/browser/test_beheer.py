"""Journey 5: the beheerder adds an aandachtsfunctionaris in the Django admin, who then works.

The admin is not a product page: no axe check there, only screenshots.
"""

from typing import Any

from playwright.sync_api import expect

from ketenpartners.models import Gebruiker, Rol
from tests.browser.hulp import BROWSER_TEST, Ingelogd, Screenshot, Wereld, inloggen
from tests.browser.toegankelijkheid import controleer_toegankelijkheid
from tests.factories import signaal_melden

pytestmark = BROWSER_TEST

NIEUW = "af.hoorn.ilse"
WACHTWOORD_NIEUW = "Westfries-Werkbak-2026!"


def test_beheerder_voegt_af_toe_die_daarna_de_werkbak_van_hoorn_ziet(
    wereld: Wereld, worker: Any, ingelogd: Ingelogd, screenshot: Screenshot
) -> None:
    van_hoorn = signaal_melden(melder=wereld.medewerker, gemeente=wereld.hoorn)
    van_enkhuizen = signaal_melden(melder=wereld.medewerker_enkhuizen, gemeente=wereld.enkhuizen)

    page = ingelogd(wereld.beheerder)
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Beheer").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Beheer van organisaties, gebruikers en lijsten")
    screenshot(page, "beheer-start")

    page.get_by_role("row", name="Gebruikers").get_by_role("link", name="Toevoegen").click()
    page.get_by_label("Gebruikersnaam:").fill(NIEUW)
    page.get_by_label("Voornaam:").fill("Ilse")
    page.get_by_label("Achternaam:").fill("Hendriks")
    page.get_by_label("E-mailadres:").fill("ilse.hendriks@hoorn.example.org")
    page.get_by_label("Wachtwoord:", exact=True).fill(WACHTWOORD_NIEUW)
    page.get_by_label("Bevestiging wachtwoord:").fill(WACHTWOORD_NIEUW)
    screenshot(page, "gebruiker-toevoegen")
    page.get_by_role("button", name="Opslaan", exact=True).click()

    # The admin continues on the change page of the new user: give them a role in Hoorn.
    expect(page.get_by_text("is met succes toegevoegd")).to_contain_text("Ilse Hendriks")
    lidmaatschappen = page.get_by_role("group", name="Lidmaatschappen")
    lidmaatschappen.get_by_role("combobox").first.select_option(label="Hoorn")
    lidmaatschappen.get_by_role("combobox").last.select_option(label="Aandachtsfunctionaris")
    screenshot(page, "lidmaatschap-toevoegen")
    page.get_by_role("button", name="Opslaan", exact=True).click()

    expect(page.get_by_text("is met succes gewijzigd")).to_contain_text("Ilse Hendriks")
    expect(page.get_by_role("row").filter(has_text=NIEUW)).to_contain_text("Aandachtsfunctionaris bij Hoorn")
    screenshot(page, "gebruikers")
    nieuw = Gebruiker.objects.get(username=NIEUW)
    assert list(nieuw.lidmaatschappen.values_list("organisatie__naam", "rol")) == [("Hoorn", Rol.AANDACHTSFUNCTIONARIS)]

    page.get_by_role("button", name="Afmelden").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Inloggen")
    controleer_toegankelijkheid(page)

    inloggen(page, NIEUW, WACHTWOORD_NIEUW)
    expect(page.get_by_role("heading", level=1)).to_have_text("Werkbak")
    expect(page.get_by_role("row").filter(has_text=van_hoorn.referentie)).to_contain_text("Hoorn")
    expect(page.get_by_text(van_enkhuizen.referentie)).to_have_count(0)
    controleer_toegankelijkheid(page)
    screenshot(page, "werkbak-nieuwe-af")
