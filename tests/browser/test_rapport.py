"""The coördinator starts an evaluation report in Chromium, watches the progress bar move, and
downloads the PDF; its first pages are rendered to PNG as test artefacts."""

import shutil
import subprocess
import time
from pathlib import Path
from typing import Any

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect

from signalen.workflow import Status
from tests.browser.conftest import ARTEFACTEN
from tests.browser.hulp import BROWSER_TEST, Ingelogd, Screenshot, Wereld
from tests.browser.toegankelijkheid import controleer_toegankelijkheid
from tests.factories import OrganisatieFactory, medewerker, naar_status, signaal_melden

pytestmark = BROWSER_TEST


def test_de_coordinator_maakt_een_evaluatierapport_en_downloadt_de_pdf(
    wereld: Wereld, worker: Any, ingelogd: Ingelogd, screenshot: Screenshot, tmp_path: Path
) -> None:
    # More gemeenten make more parts, so the build takes long enough to watch.
    for naam in ("Drechterland", "Stede Broec", "Medemblik", "Koggenland", "Opmeer"):
        gemeente = OrganisatieFactory(naam=naam, regio=wereld.regio)
        medewerker(gemeente, username=f"balie.{naam.lower().replace(' ', '')}")
    for nummer in range(8):
        signaal = signaal_melden(melder=wereld.medewerker)
        if nummer < 6:
            naar_status(signaal, Status.TERUGKOPPELING, door=wereld.af)

    page = ingelogd(wereld.coordinator)
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Rapporten").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Evaluatierapporten")
    controleer_toegankelijkheid(page)
    page.get_by_role("button", name="Rapport maken").click()

    expect(page.get_by_role("heading", level=2, name="Het rapport wordt gemaakt")).to_be_visible()
    controleer_toegankelijkheid(page)
    screenshot(page, "voortgang")
    # Watch the bar as a person would, until the page says it is ready; the script updates the
    # bar without reloading and reloads only at the end.
    gezien: list[int] = []
    klaar = page.get_by_role("heading", level=2, name="Downloaden")
    einde = time.monotonic() + 120
    while not klaar.is_visible() and time.monotonic() < einde:
        balk = page.locator("#voortgang-balk")
        try:
            waarde = balk.get_attribute("value", timeout=500) if balk.count() else None
        except PlaywrightError:
            waarde = None  # the page is reloading
        if waarde is not None and (not gezien or gezien[-1] != int(waarde)):
            gezien.append(int(waarde))
        time.sleep(0.1)
    expect(klaar).to_be_visible()
    assert len(gezien) >= 2, gezien
    assert gezien == sorted(gezien)
    controleer_toegankelijkheid(page)
    screenshot(page, "klaar")

    with page.expect_download() as download:
        page.get_by_role("link", name="Rapport (PDF, concept)").click()
    pdf = tmp_path / "rapport.pdf"
    download.value.save_as(pdf)
    assert pdf.read_bytes().startswith(b"%PDF")
    map_ = ARTEFACTEN / "rapport"
    shutil.rmtree(map_, ignore_errors=True)
    map_.mkdir(parents=True)
    subprocess.run(  # noqa: S603 - a fixed program on our own file
        ["/usr/bin/pdftoppm", "-png", "-r", "50", "-f", "1", "-l", "3", str(pdf), str(map_ / "pagina")], check=True
    )
    assert len(list(map_.glob("pagina-*.png"))) == 3
