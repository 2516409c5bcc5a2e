"""Journey 6: the intake form with the keyboard alone, with visible focus at every stop."""

import datetime
import re
from typing import Any

from django.utils import timezone
from playwright.sync_api import Locator, Page, expect

from signalen.models import Signaal, Team
from tests.browser.hulp import BROWSER_TEST, REFERENTIE, Ingelogd, Screenshot, Wereld
from tests.browser.toegankelijkheid import controleer_toegankelijkheid

pytestmark = BROWSER_TEST

# Which element has focus, and whether it shows it (an outline or a box-shadow).
FOCUS = r"""() => {
  const el = document.activeElement;
  const stijl = getComputedStyle(el);
  const outline = stijl.outlineStyle !== "none" && parseFloat(stijl.outlineWidth) > 0;
  const naam = (el.labels && el.labels[0] ? el.labels[0] : el).textContent.replace(/\s+/g, " ").trim();
  // Focus inside a native control's own parts (the calendar button of a date field).
  const binnenin = !el.matches(":focus") && el.matches(":focus-within") ? " (een onderdeel binnenin)" : "";
  return {
    beschrijving: `<${el.tagName.toLowerCase()}${el.id ? " id=" + el.id : ""}> "${naam.slice(0, 50)}"${binnenin}`,
    zichtbaar: outline || stijl.boxShadow !== "none",
    inMain: el.closest("main") !== null,
  };
}"""
MAX_TABS = 60


class Toetsenbord:
    """Presses keys and records every keyboard problem: a stop without visible focus, focus lost.

    The journey goes on after a problem where a keyboard user could, so one run shows every
    place that needs a fix; the test asserts at the end that there were none.
    """

    def __init__(self, page: Page) -> None:
        self.page = page
        self.problemen: list[str] = []

    def focus(self) -> dict[str, Any]:
        return self.page.evaluate(FOCUS)

    def druk(self, toets: str) -> dict[str, Any]:
        self.page.keyboard.press(toets)
        gefocust = self.focus()
        if not gefocust["zichtbaar"]:
            self.problemen.append(f"focus niet zichtbaar na {toets} op {gefocust['beschrijving']} ({self.page.url})")
        return gefocust

    def tab_naar(self, doel: Locator) -> None:
        """Tab until ``doel`` has focus."""
        for _ in range(MAX_TABS):
            self.druk("Tab")
            if doel.evaluate("el => el === document.activeElement"):
                return
        raise AssertionError(f"{doel} niet bereikt in {MAX_TABS} keer Tab")

    def heeft_focus(self, doel: Locator, wat: str) -> None:
        """Record a problem when ``doel`` does not get focus (and keep it once the page has loaded)."""
        self.page.wait_for_load_state("load")
        try:
            expect(doel).to_be_focused(timeout=2_000)
        except AssertionError:
            gefocust = self.focus()["beschrijving"]
            self.problemen.append(f"{wat} heeft geen focus na het laden van {self.page.url}, wel {gefocust}")


def test_meldformulier_met_alleen_het_toetsenbord(
    wereld: Wereld, worker: Any, ingelogd: Ingelogd, screenshot: Screenshot
) -> None:
    page = ingelogd(wereld.medewerker)
    toetsen = Toetsenbord(page)
    page.goto("/melden/")
    controleer_toegankelijkheid(page)

    # The skip link is the first Tab stop, is visible when focused and leads into main.
    toetsen.druk("Tab")
    skiplink = page.get_by_role("link", name="Naar de inhoud")
    expect(skiplink).to_be_focused()
    expect(skiplink).to_be_in_viewport()
    screenshot(page, "skiplink")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"#inhoud$"))
    eerste = toetsen.druk("Tab")
    assert eerste["inMain"], f"na de skiplink ging Tab naar {eerste['beschrijving']}, buiten main"
    gemeente = page.get_by_label("Gemeente")
    expect(gemeente).to_be_focused()

    team = page.get_by_label("Uw team")
    toetsen.druk("Tab")
    expect(team).to_be_focused()
    toetsen.druk("Shift+Tab")
    expect(gemeente).to_be_focused()
    toetsen.druk("Tab")
    page.keyboard.type("Balie")
    expect(team).to_have_value(str(Team.objects.get(naam="Balie").pk))

    # Day and month are equal, so the date is typed the same in dd-mm-jjjj and mm/dd/jjjj.
    waargenomen = datetime.date(timezone.localdate().year - 1, 5, 5)
    toetsen.druk("Tab")
    expect(page.get_by_label("Wanneer heeft u het gezien?")).to_be_focused()
    page.keyboard.type(waargenomen.strftime("%d%m%Y"))
    expect(page.get_by_label("Wanneer heeft u het gezien?")).to_have_value(waargenomen.isoformat())

    # The description is left empty on purpose: the error is corrected with the keyboard too.
    omschrijving = page.get_by_label("Wat heeft u gezien of gehoord?")
    # Chromium's date field has a calendar button of its own as the next Tab stop.
    toetsen.tab_naar(omschrijving)

    arbeid = page.get_by_role("checkbox", name="Arbeidsuitbuiting")
    toetsen.tab_naar(arbeid)
    page.keyboard.press("Space")
    expect(arbeid).to_be_checked()

    nee = page.get_by_role("radio", name="Nee")
    toetsen.tab_naar(nee)
    page.keyboard.press("Space")
    expect(nee).to_be_checked()

    indicator = page.get_by_role("checkbox", name="Woont op of bij de werkplek")
    toetsen.tab_naar(indicator)
    page.keyboard.press("Space")
    expect(indicator).to_be_checked()

    versturen = page.get_by_role("button", name="Signaal versturen")
    toetsen.tab_naar(versturen)
    screenshot(page, "versturen-gefocust")
    page.keyboard.press("Enter")

    # The error summary gets focus; its link takes focus to the field.
    samenvatting = page.get_by_role("alert").filter(has_text="Er ging iets mis")
    expect(samenvatting).to_be_visible()
    toetsen.heeft_focus(samenvatting, "de foutsamenvatting")
    controleer_toegankelijkheid(page)
    screenshot(page, "foutsamenvatting-gefocust")
    foutlink = samenvatting.get_by_role("link", name="Wat heeft u gezien of gehoord?: Beschrijf wat u heeft gezien")
    toetsen.tab_naar(foutlink)
    page.keyboard.press("Enter")
    expect(omschrijving).to_be_focused()
    page.keyboard.type("Man slaapt in de kantine van de autowasstraat en werkt er zeven dagen per week.")
    expect(arbeid).to_be_checked()

    toetsen.tab_naar(versturen)
    page.keyboard.press("Enter")

    expect(page.get_by_role("heading", level=1)).to_have_text("Uw signaal is ontvangen")
    referentie = page.get_by_text(re.compile(f"^{REFERENTIE}$")).inner_text()
    controleer_toegankelijkheid(page)
    screenshot(page, "ontvangen")

    signaal = Signaal.objects.get(referentie=referentie)
    assert signaal.team.naam == "Balie"
    assert signaal.waargenomen_op == waargenomen
    assert signaal.omschrijving.startswith("Man slaapt in de kantine")
    assert [v.code for v in signaal.vormen.all()] == ["arbeidsuitbuiting"]
    assert [i.naam for i in signaal.indicatoren.all()] == ["Woont op of bij de werkplek"]
    assert not signaal.acuut

    assert not toetsen.problemen, "Toetsenbordproblemen:\n" + "\n".join(toetsen.problemen)
