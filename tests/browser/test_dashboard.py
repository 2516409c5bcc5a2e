"""The coördinator's dashboard, basisniveau and trainings in Chromium, each page through axe."""

import datetime
import re
from typing import Any

from playwright.sync_api import expect

from signalen.workflow import Status
from tests.browser.hulp import BROWSER_TEST, Ingelogd, Screenshot, Wereld
from tests.browser.toegankelijkheid import controleer_toegankelijkheid
from tests.factories import naar_status, signaal_melden

pytestmark = BROWSER_TEST


def test_de_coordinator_bekijkt_het_dashboard_en_registreert_een_training(
    wereld: Wereld, worker: Any, ingelogd: Ingelogd, screenshot: Screenshot
) -> None:
    for nummer in range(7):
        signaal = signaal_melden(melder=wereld.medewerker, acuut=nummer == 0)
        if nummer < 5:
            naar_status(signaal, Status.VERRIJKT, door=wereld.af)

    page = ingelogd(wereld.coordinator)
    expect(page.get_by_role("heading", level=1)).to_have_text("Dashboard")
    kerncijfers = page.get_by_role("region", name="Kerncijfers")
    expect(kerncijfers.get_by_role("definition").first).to_have_text("7")
    # Every chart is an image with a name and a description, and its numbers are in a table.
    grafiek = page.get_by_role("img", name="Signalen per stap")
    expect(grafiek).to_have_count(1)
    expect(page.get_by_role("table", name="Signalen per stap")).to_contain_text("5")
    controleer_toegankelijkheid(page)
    screenshot(page, "dashboard")

    with page.expect_download() as download:
        page.get_by_role("link", name="CSV van signalen per stap").click()
    assert re.fullmatch(r"stappen-\d{8}-\d{8}\.csv", download.value.suggested_filename)

    page.get_by_label("Vanaf").fill("2000-01-01")
    page.get_by_label("Tot en met").fill("1999-01-01")
    page.get_by_role("button", name="Tonen").click()
    expect(page.get_by_role("alert").filter(has_text="Er ging iets mis")).to_contain_text("ligt na de datum")
    controleer_toegankelijkheid(page)

    menu = page.get_by_role("navigation", name="Hoofdmenu")
    menu.get_by_role("link", name="Basisniveau").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Basisniveau")
    controleer_toegankelijkheid(page)
    page.get_by_role("link", name="Beleid en zorg en opvang bijwerken voor Hoorn").click()
    page.get_by_label("Beleid tegen mensenhandel vastgesteld op").fill("2024-03-12")
    page.get_by_role("checkbox", name="Zorg en opvang voor slachtoffers zijn geregeld").check()
    controleer_toegankelijkheid(page)
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("row").filter(has_text="Hoorn")).to_contain_text("Ja")
    screenshot(page, "basisniveau")

    menu.get_by_role("link", name="Trainingen").click()
    controleer_toegankelijkheid(page)
    page.get_by_role("link", name="Training registreren").click()
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("alert").filter(has_text="Er ging iets mis")).to_contain_text("Kies een gemeente")
    controleer_toegankelijkheid(page)
    page.get_by_label("Gemeente").select_option(label="Hoorn")
    page.get_by_label("Datum").fill((datetime.date.today() - datetime.timedelta(days=2)).isoformat())
    page.get_by_label("Onderwerp").fill("Signalen van arbeidsuitbuiting herkennen")
    page.get_by_role("checkbox", name="Balie").check()
    page.get_by_label("Aantal deelnemers").fill("18")
    page.get_by_label("Gegeven door").select_option(label="RIEC")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("table")).to_contain_text("Signalen van arbeidsuitbuiting herkennen")
    screenshot(page, "trainingen")
