"""Journey 7: without JavaScript a medewerker reports a signal and the AF takes it in behandeling."""

import re
from typing import Any

from playwright.sync_api import expect

from signalen.models import Signaal
from signalen.workflow import Status
from tests.browser.hulp import BROWSER_TEST, REFERENTIE, Ingelogd, Screenshot, Wereld
from tests.browser.toegankelijkheid import controleer_toegankelijkheid
from tests.factories import GISTEREN

pytestmark = BROWSER_TEST


def test_melden_en_in_behandeling_nemen_zonder_javascript(
    wereld: Wereld, worker: Any, ingelogd: Ingelogd, screenshot: Screenshot
) -> None:
    melder = ingelogd(wereld.medewerker, javascript=False)
    melder.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Signaal melden").click()
    expect(melder.get_by_role("heading", level=1)).to_have_text("Signaal melden")
    controleer_toegankelijkheid(melder)

    melder.get_by_label("Uw team").select_option(label="Leerplicht")
    melder.get_by_label("Wanneer heeft u het gezien?").fill(GISTEREN.isoformat())
    melder.get_by_label("Wat heeft u gezien of gehoord?").fill(
        "Leerling van 15 verzuimt vaak en vertelt dat hij 's nachts pakketjes moet rondbrengen voor een oudere man."
    )
    melder.get_by_role("button", name="Betrokkene toevoegen").click()
    betrokkene = melder.get_by_role("group", name="Betrokkene 1")
    expect(betrokkene).to_be_visible()
    controleer_toegankelijkheid(melder)
    betrokkene.get_by_label("Rol").select_option(label="Mogelijk slachtoffer")
    melder.get_by_role("button", name="Signaal versturen").click()

    # No vorm chosen: the server says so; without JavaScript nothing moves the focus.
    samenvatting = melder.get_by_role("alert").filter(has_text="Er ging iets mis")
    expect(samenvatting.get_by_role("link", name="Vorm(en) van mensenhandel: Kies minstens één vorm")).to_be_visible()
    expect(samenvatting).not_to_be_focused()
    controleer_toegankelijkheid(melder)
    screenshot(melder, "melden-fout-zonder-js")
    melder.get_by_role("checkbox", name="Criminele uitbuiting").check()
    melder.get_by_role("button", name="Signaal versturen").click()

    expect(melder.get_by_role("heading", level=1)).to_have_text("Uw signaal is ontvangen")
    referentie = melder.get_by_text(re.compile(f"^{REFERENTIE}$")).inner_text()
    controleer_toegankelijkheid(melder)
    screenshot(melder, "ontvangen-zonder-js")

    af = ingelogd(wereld.af, javascript=False)
    expect(af.get_by_role("heading", level=1)).to_have_text("Werkbak")
    controleer_toegankelijkheid(af)
    af.get_by_role("link", name=f"In behandeling nemen ({referentie})").click()
    expect(af.get_by_role("heading", level=1)).to_have_text("In behandeling nemen")
    controleer_toegankelijkheid(af)
    af.get_by_role("button", name="In behandeling nemen").click()

    expect(af.get_by_role("status")).to_contain_text("In behandeling nemen: vastgelegd.")
    expect(af.get_by_role("heading", name="Stap: 2. Ontvangen")).to_be_visible()
    controleer_toegankelijkheid(af)
    screenshot(af, "in-behandeling-zonder-js")

    signaal = Signaal.objects.get(referentie=referentie)
    assert signaal.status == Status.ONTVANGEN
    assert signaal.behandelaar == wereld.af
    assert [b.rol for b in signaal.betrokkenen.all()] == ["slachtoffer"]
