"""The AF's to-do list in Chromium: the count in the header, "Actie nodig", the steps with their
counts as filters, the term of each signal, and the quick search; axe on every page."""

import re
from typing import Any

from playwright.sync_api import expect

from signalen.models import Betrokkene
from signalen.workflow import Status
from tests.browser.hulp import BROWSER_TEST, Ingelogd, Screenshot, Wereld
from tests.browser.toegankelijkheid import controleer_toegankelijkheid
from tests.factories import naar_status, signaal_melden

pytestmark = BROWSER_TEST


def test_de_takenlijst_van_de_aandachtsfunctionaris(
    wereld: Wereld, worker: Any, ingelogd: Ingelogd, screenshot: Screenshot
) -> None:
    acuut = signaal_melden(melder=wereld.medewerker, acuut=True)
    nieuw = signaal_melden(
        melder=wereld.medewerker,
        betrokkenen=[{"rol": Betrokkene.Rol.SLACHTOFFER, "naam": "Piotr Nowak", "adres": "Dampten 12, Hoorn"}],
    )
    bezig = naar_status(signaal_melden(melder=wereld.medewerker), Status.ONTVANGEN, door=wereld.af)
    klaar = naar_status(signaal_melden(melder=wereld.medewerker), Status.AFGESLOTEN, door=wereld.af)

    page = ingelogd(wereld.af)
    menu = page.get_by_role("navigation", name="Hoofdmenu")
    # Two signals wait to be taken; that is what needs Anna now.
    expect(menu.get_by_role("link", name=re.compile(r"^Actie nodig"))).to_have_text("Actie nodig 2 punten")
    menu.get_by_role("link", name=re.compile(r"^Actie nodig")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Actie nodig")
    rijen = page.get_by_role("table").get_by_role("row")
    expect(rijen.filter(has_text=acuut.referentie)).to_contain_text("Nieuw signaal: in behandeling nemen")
    expect(rijen.filter(has_text=acuut.referentie)).to_contain_text("Acuut")
    expect(rijen.filter(has_text=nieuw.referentie)).to_contain_text("nog 1 werkdag")
    expect(page.get_by_text(bezig.referentie)).to_have_count(0)
    controleer_toegankelijkheid(page)
    screenshot(page, "actie-nodig")

    menu.get_by_role("link", name="Werkbak").click()
    stappen = page.get_by_role("navigation", name="Signalen per stap")
    expect(stappen.get_by_role("link", name="Alle open stappen 3")).to_have_attribute("aria-current", "true")
    expect(page.get_by_text(klaar.referentie)).to_have_count(0)
    controleer_toegankelijkheid(page)
    screenshot(page, "werkbak")

    stappen.get_by_role("link", name="2. Ontvangen 1").click()
    expect(stappen.get_by_role("link", name="2. Ontvangen 1")).to_have_attribute("aria-current", "true")
    expect(page.get_by_role("rowheader")).to_have_count(1)
    expect(page.get_by_role("row").filter(has_text=bezig.referentie)).to_contain_text("Verrijken: nog 10 werkdagen")
    stappen.get_by_role("link", name="Afgesloten 1").click()
    expect(page.get_by_role("rowheader")).to_have_text([klaar.referentie])

    page.get_by_label("Snel zoeken").fill("Piotr Nowak")
    page.get_by_role("button", name="Zoeken").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Zoekresultaten")
    expect(page.get_by_role("rowheader")).to_have_text([nieuw.referentie])
    # The name is in the form, never in the address bar.
    expect(page).to_have_url(re.compile(r"/werkbak/$"))
    controleer_toegankelijkheid(page)
    screenshot(page, "zoekresultaten")
