"""Journey: an AF sets up the authenticator app, logs in again with a code, and is logged out
after thirty idle minutes. The phone is played by django-otp's TOTP on the key the page shows."""

import re
import time
from base64 import b32decode

from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore
from django_otp.oath import TOTP
from playwright.sync_api import Page, expect

from ketenpartners.inloggen import sessies
from tests.browser.hulp import BROWSER_TEST, NieuweContext, Screenshot, Wereld
from tests.browser.toegankelijkheid import controleer_toegankelijkheid
from tests.factories import WACHTWOORD

pytestmark = BROWSER_TEST


def app_code(sleutel: str, *, later: int = 0) -> str:
    """The code the app shows for this key, now or ``later`` seconds from now."""
    totp = TOTP(b32decode(sleutel.replace(" ", "")))
    totp.time = time.time() + later
    return f"{totp.token():06d}"


def wachtwoord_invullen(page: Page, gebruikersnaam: str) -> None:
    page.get_by_label("Gebruikersnaam").fill(gebruikersnaam)
    page.get_by_label("Wachtwoord").fill(WACHTWOORD)
    page.get_by_role("button", name="Inloggen").click()


def test_af_stelt_de_app_in_logt_opnieuw_in_met_een_code_en_wordt_na_30_minuten_uitgelogd(
    nieuwe_context: NieuweContext, wereld: Wereld, screenshot: Screenshot
) -> None:
    context = nieuwe_context()
    page = context.new_page()
    kop = page.get_by_role("heading", level=1)

    page.goto("/werkbak/")
    wachtwoord_invullen(page, wereld.af.username)

    # Setting up: a QR code and the same key as text, and a first code to confirm.
    expect(kop).to_have_text("Tweede factor instellen")
    expect(page.get_by_role("img", name=re.compile("QR-code"))).to_be_visible()
    expect(page.get_by_role("navigation", name="Hoofdmenu")).to_have_count(0)
    controleer_toegankelijkheid(page)
    screenshot(page, "tweede-factor-instellen")
    sleutel = page.locator("#sleutel").inner_text()
    veld = page.get_by_label("Code uit de app")
    expect(veld).to_have_attribute("autocomplete", "one-time-code")
    expect(veld).to_have_attribute("inputmode", "numeric")
    veld.fill(app_code(sleutel))
    page.get_by_role("button", name="Tweede factor instellen").click()

    expect(kop).to_have_text("Bewaar uw herstelcodes")
    expect(page.get_by_role("list", name="Herstelcodes").get_by_role("listitem")).to_have_count(10)
    controleer_toegankelijkheid(page)
    screenshot(page, "herstelcodes")
    page.get_by_role("link", name="Ik heb de codes bewaard, verder").click()
    expect(kop).to_have_text("Werkbak")

    # Logged out and in again: the password alone is not enough.
    page.get_by_role("button", name="Uitloggen").click()
    expect(kop).to_have_text("Inloggen")
    wachtwoord_invullen(page, wereld.af.username)
    expect(kop).to_have_text("Code uit uw app")
    controleer_toegankelijkheid(page)
    page.get_by_label("Herstelcode").fill("abcd efgh")
    page.get_by_role("button", name="Inloggen met herstelcode").click()
    fout = page.get_by_role("alert").filter(has_text="Er ging iets mis")
    expect(fout.get_by_role("link")).to_have_text(
        "Herstelcode: Deze herstelcode is niet juist of is al gebruikt. Elke herstelcode werkt één keer."
    )
    expect(page.get_by_label("Herstelcode")).to_have_attribute("aria-invalid", "true")
    controleer_toegankelijkheid(page)
    screenshot(page, "code-uit-de-app-fout")
    # The code of this half minute was used to set up; the app's next code is accepted.
    page.get_by_label("Code uit de app").fill(app_code(sleutel, later=30))
    page.get_by_role("button", name="Inloggen", exact=True).click()
    expect(kop).to_have_text("Werkbak")

    # Thirty minutes without a request: the session's last activity moved back in the database.
    sleutel_sessie = next(c["value"] for c in context.cookies() if c["name"] == settings.SESSION_COOKIE_NAME)
    sessie = SessionStore(session_key=sleutel_sessie)
    sessie[sessies.ACTIEF_OP] = sessies.nu() - 30 * 60
    sessie.save()
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Werkbak").click()

    expect(kop).to_have_text("Inloggen")
    expect(page).to_have_url(re.compile(r"/inloggen/\?next=/werkbak/$"))
    expect(page.get_by_role("status")).to_have_text(
        "Let op: U bent uitgelogd omdat u 30 minuten niets hebt gedaan. Log opnieuw in."
    )
    expect(page.get_by_role("button", name="Uitloggen")).to_have_count(0)
    controleer_toegankelijkheid(page)
    screenshot(page, "uitgelogd-na-30-minuten")
