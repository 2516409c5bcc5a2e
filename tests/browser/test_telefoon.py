"""Journey: on a phone (390 px wide) the werkbak, Mijn signalen and the intake form fit the screen;
the AF prints a signal, marked "Vertrouwelijk", without navigation, buttons or forms."""

import re

from playwright.sync_api import Page, ViewportSize, expect

from signalen.workflow import Status
from tests.browser.hulp import BROWSER_TEST, NieuweContext, Screenshot, Wereld, inloggen, signaal_met_details
from tests.browser.toegankelijkheid import controleer_toegankelijkheid
from tests.factories import naar_status, signaal_melden

pytestmark = BROWSER_TEST

TELEFOON: ViewportSize = {"width": 390, "height": 844}

# Every cell of the list's table: where it is drawn, and whether its content runs out of it.
_CELLEN = """() => Array.from(document.querySelectorAll("main table tbody th, main table tbody td")).map((c) => {
  const r = c.getBoundingClientRect();
  return {
    tekst: c.innerText.trim().slice(0, 40), links: r.left, rechts: r.right, breed: r.width, hoog: r.height,
    overloop: c.scrollHeight - c.clientHeight,
  };
})"""

# The column name each cell shows before its value on a phone (from its data-label).
_KOLOMNAMEN = """(rij) => Array.from(rij.querySelectorAll("td"))
  .map((c) => getComputedStyle(c, "::before").content)"""

# What makes a page wider than the screen, for the message when it happens.
_TE_BREED = """() => Array.from(document.querySelectorAll("body *"))
  .filter((e) => e.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5)
  .slice(0, 8).map((e) => e.tagName + "." + e.className + " " + Math.round(e.getBoundingClientRect().right))"""


def op_telefoon(nieuwe_context: NieuweContext, gebruikersnaam: str) -> Page:
    page = nieuwe_context().new_page()
    page.set_viewport_size(TELEFOON)
    inloggen(page, gebruikersnaam)
    return page


def past_op_het_scherm(page: Page) -> None:
    """No sideways scrolling, and every table cell is drawn within the 390 px."""
    breedte = page.evaluate("() => document.documentElement.scrollWidth")
    assert breedte <= TELEFOON["width"], f"{breedte} px breed: {page.evaluate(_TE_BREED)}"
    cellen = page.evaluate(_CELLEN)
    buiten = [c for c in cellen if c["links"] < 0 or c["rechts"] > TELEFOON["width"] or not c["breed"]]
    assert not buiten, f"cellen buiten beeld: {buiten}"
    zonder_inhoud = [c for c in cellen if c["tekst"] and c["hoog"] == 0]
    assert not zonder_inhoud, f"cellen niet zichtbaar: {zonder_inhoud}"
    # A cell whose content is taller than the cell itself runs over the next one.
    overlopend = [c for c in cellen if c["overloop"] > 1]
    assert not overlopend, f"cellen lopen over de volgende heen: {overlopend}"


def test_werkbak_mijn_signalen_en_melden_passen_op_een_telefoon_en_de_af_drukt_af(
    wereld: Wereld, nieuwe_context: NieuweContext, screenshot: Screenshot
) -> None:
    gedetailleerd = signaal_met_details(wereld)
    naar_status(gedetailleerd, Status.TERUGKOPPELING, door=wereld.af)
    acuut = signaal_melden(melder=wereld.medewerker, gemeente=wereld.hoorn, acuut=True)

    # The AF's werkbak: every row a card, every cell with its column name.
    af = op_telefoon(nieuwe_context, wereld.af.username)
    expect(af.get_by_role("heading", level=1)).to_have_text("Werkbak")
    af.get_by_label("Ook afgesloten signalen tonen").check()
    af.get_by_role("button", name="Filteren").click()
    rij = af.get_by_role("row").filter(has_text=acuut.referentie)
    assert rij.evaluate(_KOLOMNAMEN) == [
        '"Gemeente: "',
        '"Stap: "',
        '"Termijn: "',
        '"Vormen: "',
        '"Behandelaar: "',
        '"Gemeld op: "',
        '"Herbeoordeling: "',
    ]
    expect(rij.get_by_role("cell").first).to_have_text("Hoorn")
    expect(af.get_by_role("row").filter(has_text=gedetailleerd.referentie)).to_contain_text("7. Terugkoppeling")
    past_op_het_scherm(af)
    controleer_toegankelijkheid(af)
    screenshot(af, "werkbak-390")

    # The detail page and the printout of the signal.
    af.get_by_role("link", name=gedetailleerd.referentie, exact=True).click()
    af.get_by_role("link", name="Afdrukweergave (vertrouwelijk)").click()
    expect(af.get_by_role("heading", level=1)).to_have_text(f"Signaal {gedetailleerd.referentie}")
    expect(af.locator("header")).to_contain_text("Vertrouwelijk")
    expect(af.get_by_text("Piotr Nowak")).to_be_visible()
    expect(af.get_by_text("Uitzendbureau Flexibel")).to_be_visible()
    expect(af.get_by_role("listitem").filter(has_text="Teruggekoppeld aan de melder")).to_have_count(1)
    for element in ["nav", "form", "button", "input", "select", "textarea"]:
        expect(af.locator(element)).to_have_count(0)
    past_op_het_scherm(af)
    controleer_toegankelijkheid(af)
    af.emulate_media(media="print")
    expect(af.get_by_text("Vertrouwelijk", exact=True)).to_be_visible()
    expect(af.get_by_role("link", name="Toegankelijkheid")).to_be_hidden()
    screenshot(af, "afdruk")
    af.emulate_media(media="screen")

    # The melder's own list: the referentie as title, the feedback readable in the card.
    melder = op_telefoon(nieuwe_context, wereld.medewerker.username)
    expect(melder.get_by_role("heading", level=1)).to_have_text("Mijn signalen")
    kaart = melder.get_by_role("row").filter(has_text=gedetailleerd.referentie)
    assert kaart.evaluate(_KOLOMNAMEN) == ['"Gemeld op: "', '"Gemeente: "', '"Status: "', '"Terugkoppeling: "']
    expect(kaart).to_contain_text("Afgerond")
    expect(kaart).to_contain_text("Dank voor uw melding; er wordt actie op ondernomen.")
    past_op_het_scherm(melder)
    controleer_toegankelijkheid(melder)
    screenshot(melder, "mijn-signalen-390")

    # The intake form: adding a betrokkene returns to it, removing it keeps the rest.
    melder.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Signaal melden").click()
    expect(melder.get_by_role("heading", level=1)).to_have_text("Signaal melden")
    past_op_het_scherm(melder)
    controleer_toegankelijkheid(melder)
    melder.get_by_label("Wat heeft u gezien of gehoord?").fill("Drie mannen slapen in de bestelbus achter de loods.")
    melder.get_by_role("button", name="Betrokkene toevoegen").click()
    expect(melder).to_have_url(re.compile(r"#betrokkene-1$"))
    eerste = melder.get_by_role("group", name="Betrokkene 1")
    expect(eerste).to_be_in_viewport()
    eerste.get_by_label("Naam").fill("Tomasz Kowalski")
    melder.get_by_role("button", name="Nog een betrokkene toevoegen").click()
    expect(melder).to_have_url(re.compile(r"#betrokkene-2$"))
    tweede = melder.get_by_role("group", name="Betrokkene 2")
    expect(tweede).to_be_in_viewport()
    tweede.get_by_label("Naam").fill("Jan Kowalski")
    past_op_het_scherm(melder)
    controleer_toegankelijkheid(melder)
    screenshot(melder, "melden-390-twee-betrokkenen")

    melder.get_by_role("group", name="Betrokkene 1").get_by_role("button", name="Verwijder deze betrokkene").click()
    expect(melder).to_have_url(re.compile(r"#betrokkenen$"))
    expect(melder.get_by_role("group", name=re.compile(r"^Betrokkene \d"))).to_have_count(1)
    expect(melder.get_by_role("group", name="Betrokkene 1").get_by_label("Naam")).to_have_value("Jan Kowalski")
    expect(melder.get_by_label("Wat heeft u gezien of gehoord?")).to_have_value(
        "Drie mannen slapen in de bestelbus achter de loods."
    )
    past_op_het_scherm(melder)
    controleer_toegankelijkheid(melder)
