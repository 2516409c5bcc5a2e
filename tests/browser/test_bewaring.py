"""The FG's retention pages in Chromium: what falls due, holding a signal for a procedure, changing
the regio's terms with a wrong value first, and what was removed; axe on every page."""

import datetime

import time_machine
from django.utils import timezone
from playwright.sync_api import expect

from ketenpartners.models import Rol
from ketenpartners.services import lidmaatschap_toevoegen
from meldroute import services
from mensenhandel.werkdagen import ZONE
from signalen import bewaring
from signalen.models import Signaal
from signalen.workflow import Afloop
from tests.browser.hulp import BROWSER_TEST, Ingelogd, Screenshot, Wereld
from tests.browser.toegankelijkheid import controleer_toegankelijkheid
from tests.factories import gebruiker_met_rol, signaal_melden

pytestmark = BROWSER_TEST


def afgesloten(wereld: Wereld, op: datetime.datetime) -> Signaal:
    """A signal reported and closed as teruglegging on the day ``op``."""
    with time_machine.travel(op, tick=False):
        signaal = signaal_melden(melder=wereld.medewerker)
        services.in_behandeling_nemen(signaal_id=signaal.pk, door=wereld.af, behandelaar=wereld.af)
        services.verrijken(signaal_id=signaal.pk, door=wereld.af, bron="brp", bevindingen="Niets gevonden.")
        services.geen_mensenhandel(
            signaal_id=signaal.pk,
            door=wereld.af,
            onderbouwing="Geen aanwijzingen.",
            tekst="Dank voor uw melding.",
            gegeven_op=op.date(),
        )
        services.afsluiten(signaal_id=signaal.pk, door=wereld.af, afloop=Afloop.TERUGLEGGING)
    return signaal


def test_de_bewaartermijnen_van_de_functionaris_gegevensbescherming(
    wereld: Wereld, ingelogd: Ingelogd, screenshot: Screenshot
) -> None:
    lang_geleden = datetime.datetime.combine(
        timezone.localdate() - datetime.timedelta(days=400), datetime.time(11), tzinfo=ZONE
    )
    verstreken = afgesloten(wereld, lang_geleden)
    verwijderd = afgesloten(wereld, lang_geleden)
    assert bewaring.anonimiseren(signaal_id=verwijderd.pk) is not None
    # The FG both gemeenten of the regio appointed: they set the regio's terms.
    fg = gebruiker_met_rol(wereld.hoorn, Rol.FG, username="fg.westfriesland")
    lidmaatschap_toevoegen(gebruiker=fg, organisatie=wereld.enkhuizen, rol=Rol.FG)

    page = ingelogd(fg)
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Bewaartermijnen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Bewaartermijnen")
    rij = page.get_by_role("row").filter(has_text=verstreken.referentie)
    expect(rij).to_contain_text("Teruglegging")
    expect(rij).to_contain_text("verstreken")
    controleer_toegankelijkheid(page)
    screenshot(page, "bewaartermijnen")

    rij.get_by_role("link", name=f"Bewaren {verstreken.referentie} wegens lopende procedure").click()
    expect(page.get_by_label("Referentienummer")).to_have_value(verstreken.referentie)
    page.get_by_role("button", name="Bewaren").click()
    expect(page.get_by_role("alert")).to_contain_text("Reden: Vul de reden in.")
    controleer_toegankelijkheid(page)
    page.get_by_label("Reden", exact=True).fill("Strafzaak, parketnummer 15/123456-26")
    page.get_by_role("button", name="Bewaren").click()
    expect(page.get_by_role("status")).to_contain_text(f"Signaal {verstreken.referentie} wordt bewaard")
    bewaard = page.get_by_role("region", name="Bewaard wegens lopende procedure")
    expect(bewaard.get_by_role("row").filter(has_text=verstreken.referentie)).to_contain_text("Strafzaak")
    controleer_toegankelijkheid(page)

    page.get_by_role("link", name="Bewaartermijnen wijzigen").click()
    page.get_by_label("Teruglegging (maanden)").fill("0")
    page.get_by_role("button", name="Opslaan voor Westfriesland").click()
    expect(page.get_by_role("alert")).to_contain_text("Teruglegging (maanden): Vul minstens 1 maand in.")
    controleer_toegankelijkheid(page)
    page.get_by_label("Teruglegging (maanden)").fill("18")
    page.get_by_role("button", name="Opslaan voor Westfriesland").click()
    expect(page.get_by_role("status")).to_contain_text("De bewaartermijnen van regio Westfriesland zijn opgeslagen")
    termijnen = page.get_by_role("region", name="Bewaartermijnen Westfriesland")
    expect(termijnen.get_by_role("row").filter(has_text="Teruglegging")).to_contain_text("18 maanden")

    page.get_by_role("link", name="Verwijderde signalen").click()
    rij = page.get_by_role("row").filter(has_text=verwijderd.referentie)
    expect(rij).to_contain_text("1 signaal")
    expect(rij).to_contain_text("regels in het auditlog geschoond")
    controleer_toegankelijkheid(page)
    screenshot(page, "verwijderde-signalen")
