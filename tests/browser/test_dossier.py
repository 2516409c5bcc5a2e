"""Journey: the AF keeps the dossier up to date (a betrokkene found in the BRP, an internal note)
and reads the report as submitted; the melder opens their own report read-only from Mijn signalen.
Every new page passes axe."""

import re
from typing import Any

from django.urls import reverse
from playwright.sync_api import Page, expect

from signalen.workflow import Status
from tests.browser.hulp import BROWSER_TEST, Ingelogd, Screenshot, Wereld, signaal_met_details
from tests.browser.toegankelijkheid import controleer_toegankelijkheid
from tests.factories import naar_status

pytestmark = BROWSER_TEST

NAAM = "Tomasz Wiśniewski"
NOTITIE = "Werkgever belde terug; maandag samen met de Arbeidsinspectie langs."


def kop(page: Page) -> Any:
    return expect(page.get_by_role("heading", level=1))


def tijdlijn(page: Page) -> Any:
    return page.get_by_role("complementary").get_by_role("list").first


def formulier_openen(page: Page, link: str, titel: str) -> None:
    page.get_by_role("link", name=link, exact=True).click()
    kop(page).to_have_text(titel)
    controleer_toegankelijkheid(page)


def test_af_vult_het_dossier_aan_en_de_melder_leest_de_eigen_melding(
    wereld: Wereld, ingelogd: Ingelogd, screenshot: Screenshot
) -> None:
    signaal = naar_status(signaal_met_details(wereld), Status.VERRIJKT, door=wereld.af)
    ref = signaal.referentie
    page = ingelogd(wereld.af)
    page.goto(reverse("meldroute:detail", args=[signaal.pk]))
    kop(page).to_have_text(f"Signaal {ref}")

    # A betrokkene found in the BRP: a mistake first, nothing typed is lost, then saved.
    formulier_openen(page, "Betrokkene toevoegen", "Betrokkene toevoegen")
    page.get_by_label("Naam").fill(NAAM)
    page.get_by_label("Telefoonnummer").fill("06-1234")
    page.get_by_role("button", name="Betrokkene toevoegen").click()
    samenvatting = page.get_by_role("alert")
    expect(samenvatting).to_contain_text("Rol: Kies de rol van deze betrokkene.")
    expect(samenvatting).to_contain_text("Telefoonnummer: Een Nederlands telefoonnummer heeft 10 cijfers")
    expect(page.get_by_label("Naam")).to_have_value(NAAM)
    controleer_toegankelijkheid(page)
    screenshot(page, "betrokkene-fout")
    page.get_by_label("Rol", exact=True).select_option(label="Mogelijke dader")
    page.get_by_label("Telefoonnummer").fill("06-12345678")
    page.get_by_role("button", name="Betrokkene toevoegen").click()

    kop(page).to_have_text(f"Signaal {ref}")
    expect(page.get_by_role("status")).to_contain_text("De betrokkene is toegevoegd.")
    expect(page.get_by_role("heading", name=f"Mogelijke dader: {NAAM}")).to_be_visible()
    expect(tijdlijn(page)).to_contain_text("Betrokkene toegevoegd")
    expect(tijdlijn(page)).to_contain_text("Rol: Mogelijke dader")
    expect(tijdlijn(page)).not_to_contain_text(NAAM)
    controleer_toegankelijkheid(page)

    # An internal note.
    formulier_openen(page, "Notitie toevoegen", "Notitie toevoegen")
    page.get_by_label("Notitie").fill(NOTITIE)
    page.get_by_role("button", name="Notitie toevoegen").click()
    expect(page.get_by_role("status")).to_contain_text("De notitie is toegevoegd.")
    notities = page.get_by_role("list", name="Notities, oudste eerst")
    expect(notities).to_contain_text(NOTITIE)
    expect(notities).to_contain_text("door Anna de Vries")
    expect(tijdlijn(page)).to_contain_text("Notitie toegevoegd")
    expect(tijdlijn(page)).not_to_contain_text(NOTITIE)

    # The report as submitted, collapsed until opened.
    origineel = page.locator("details")
    expect(origineel.get_by_text("Piotr Nowak")).to_be_hidden()
    origineel.locator("summary").click()
    expect(origineel).to_contain_text("Piotr Nowak")
    expect(origineel).not_to_contain_text(NAAM)
    controleer_toegankelijkheid(page)
    screenshot(page, "detail-met-dossier")

    # The other forms of the dossier pass axe too.
    for link, titel in [
        ("Wijzigen (betrokkene 2: mogelijke dader)", "Betrokkene wijzigen"),
        ("Locatie toevoegen", "Locatie of organisatie toevoegen"),
        ("Wijzigen (locatie 1)", "Locatie of organisatie wijzigen"),
        ("Indicatoren en vormen wijzigen", "Indicatoren en vormen wijzigen"),
        ("Bijlage toevoegen", "Bijlage toevoegen"),
    ]:
        formulier_openen(page, link, titel)
        page.get_by_role("link", name="Annuleren").click()
        kop(page).to_have_text(f"Signaal {ref}")

    # The melder opens their own report: as submitted, with the status, nothing the AF added.
    melder = ingelogd(wereld.medewerker)
    melder.goto(reverse("meldroute:mijn_signalen"))
    kop(melder).to_have_text("Mijn signalen")
    melder.get_by_role("link", name=ref, exact=True).click()
    kop(melder).to_have_text(f"Mijn signaal {ref}")
    expect(melder).to_have_url(re.compile(re.escape(reverse("meldroute:mijn_signaal", args=[signaal.pk])) + "$"))
    inhoud = melder.get_by_role("main")
    expect(inhoud).to_contain_text("In behandeling")
    expect(inhoud).to_contain_text("Piotr Nowak")
    expect(inhoud).to_contain_text("Uitzendbureau Flexibel")
    expect(inhoud).to_contain_text("foto-pand.pdf")
    expect(inhoud).not_to_contain_text(NAAM)
    expect(inhoud).not_to_contain_text(NOTITIE)
    expect(melder.get_by_role("link", name="Betrokkene toevoegen")).to_have_count(0)
    controleer_toegankelijkheid(melder)
    screenshot(melder, "mijn-signaal")
