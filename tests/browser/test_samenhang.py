"""Samenhangende signalen in Chromium: the AF confirms one suggestion and rejects another, sees the
hit at another gemeente and asks for contact; that AF reads the request. axe on every page."""

import datetime
import re

from playwright.sync_api import expect

from signalen.models import Betrokkene
from tests.browser.hulp import BROWSER_TEST, Ingelogd, Screenshot, Wereld
from tests.browser.toegankelijkheid import controleer_toegankelijkheid
from tests.factories import af, signaal_melden

pytestmark = BROWSER_TEST

GEBOREN = datetime.date(1990, 3, 4)


def jan(naam: str = "Jan Jansen") -> dict[str, object]:
    return {"rol": Betrokkene.Rol.SLACHTOFFER, "naam": naam, "geboortedatum": GEBOREN, "adres": "Kerkstraat 12, Hoorn"}


def test_af_bevestigt_en_wijst_af_en_vraagt_contact_bij_een_andere_gemeente(
    wereld: Wereld, ingelogd: Ingelogd, screenshot: Screenshot
) -> None:
    af_enkhuizen = af(wereld.enkhuizen, username="af.enkhuizen", first_name="Carla", last_name="Visser")
    a = signaal_melden(melder=wereld.medewerker, betrokkenen=[jan()])
    b = signaal_melden(melder=wereld.medewerker, betrokkenen=[jan("Jansen, J.")])
    d = signaal_melden(melder=wereld.medewerker, locaties=[{"adres": "Kerkstr. 12, Hoorn"}])
    e = signaal_melden(melder=wereld.medewerker_enkhuizen, gemeente=wereld.enkhuizen, betrokkenen=[jan()])

    page = ingelogd(wereld.af)
    page.goto(f"/signalen/{a.pk}/")
    suggesties = page.get_by_role("table", name="Signalen die mogelijk met dit signaal samenhangen")
    expect(suggesties.get_by_role("rowheader")).to_have_text([b.referentie, d.referentie])
    expect(suggesties.get_by_role("row").filter(has_text=b.referentie)).to_contain_text("zelfde persoon; zelfde adres")
    elders = page.get_by_role("region", name="Mogelijk samenhangend bij andere gemeenten")
    expect(elders.get_by_role("listitem")).to_have_count(1)
    expect(elders).to_contain_text(
        "Er is een mogelijk samenhangend signaal bij gemeente Enkhuizen (zelfde persoon; zelfde adres)."
    )
    expect(elders).to_contain_text("Carla Visser")
    expect(page.get_by_text(e.referentie)).to_have_count(0)
    controleer_toegankelijkheid(page)
    screenshot(page, "suggesties")

    page.get_by_role("button", name=f"Samenhangend met {b.referentie}", exact=True).click()
    expect(page.get_by_text(f"Vastgelegd: samenhangend met {b.referentie}.")).to_be_visible()
    samenhangend = page.get_by_role("list", name="Samenhangende signalen")
    expect(samenhangend.get_by_role("listitem")).to_have_count(1)
    expect(samenhangend).to_contain_text(b.referentie)
    page.get_by_role("button", name=f"Niet samenhangend met {d.referentie}").click()
    expect(page.get_by_text(f"Vastgelegd: niet samenhangend met {d.referentie}.")).to_be_visible()
    expect(page.get_by_text("Geen andere signalen van Hoorn om te beoordelen.")).to_be_visible()
    tijdlijn = page.get_by_role("complementary")
    expect(tijdlijn).to_contain_text(f"Samenhang bevestigd met {b.referentie}")
    expect(tijdlijn).to_contain_text(f"Samenhang afgewezen met {d.referentie}")

    page.get_by_role("button", name="Vraag om contact bij gemeente Enkhuizen").click()
    expect(
        page.get_by_text("Verzoek om contact verstuurd aan de aandachtsfunctionarissen van gemeente Enkhuizen.")
    ).to_be_visible()
    expect(page.get_by_role("button", name=re.compile("Vraag om contact"))).to_have_count(0)
    controleer_toegankelijkheid(page)
    screenshot(page, "contact-gevraagd")

    page = ingelogd(af_enkhuizen)
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Contactverzoeken").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Contactverzoeken")
    rij = page.get_by_role("table").get_by_role("row").nth(1)
    expect(rij).to_contain_text("Anna de Vries, gemeente Hoorn")
    expect(rij).to_contain_text(e.referentie)
    for referentie in (a.referentie, b.referentie, d.referentie):
        expect(page.get_by_text(referentie)).to_have_count(0)
    controleer_toegankelijkheid(page)
    screenshot(page, "contactverzoeken")
