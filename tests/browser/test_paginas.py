"""Every page a role can reach that the journeys do not already cover, through the axe check.

``controleer_toegankelijkheid`` also asserts lang="nl", exactly one h1 and a link to the
toegankelijkheidsverklaring on each of them.
"""

import re
from typing import Any

from playwright.sync_api import Page, expect

from ketenpartners.models import Rol
from signalen.models import Vorm
from signalen.workflow import Status
from tests.browser.hulp import BROWSER_TEST, Ingelogd, Screenshot, Wereld, gedeeld_met_politie, signaal_met_details
from tests.browser.toegankelijkheid import controleer_toegankelijkheid
from tests.factories import GebruikerFactory, gebruiker_met_rol, naar_status, signaal_melden

pytestmark = BROWSER_TEST


def kop(page: Page, tekst: str | re.Pattern[str]) -> None:
    expect(page.get_by_role("heading", level=1)).to_have_text(tekst)


def test_openbare_paginas_en_inloggen(pagina: Page, wereld: Wereld, screenshot: Screenshot) -> None:
    pagina.goto("/werkbak/")
    expect(pagina).to_have_url(re.compile(r"/inloggen/\?next=/werkbak/$"))
    kop(pagina, "Inloggen")
    controleer_toegankelijkheid(pagina)

    pagina.get_by_role("contentinfo").get_by_role("link", name="Toegankelijkheid").click()
    kop(pagina, "Toegankelijkheidsverklaring")
    controleer_toegankelijkheid(pagina)
    screenshot(pagina, "toegankelijkheidsverklaring")

    pagina.get_by_role("contentinfo").get_by_role("link", name="Privacy").click()
    kop(pagina, "Privacyverklaring")
    controleer_toegankelijkheid(pagina)

    pagina.goto("/inloggen/")
    pagina.get_by_role("button", name="Inloggen").click()
    melding = pagina.get_by_role("alert").filter(has_text="Inloggen is niet gelukt")
    expect(melding.get_by_role("link", name="Vul uw gebruikersnaam in.")).to_be_visible()
    expect(pagina.get_by_label("Gebruikersnaam")).to_have_attribute("aria-invalid", "true")
    controleer_toegankelijkheid(pagina)

    pagina.get_by_label("Gebruikersnaam").fill(wereld.medewerker.username)
    pagina.get_by_label("Wachtwoord").fill("niet-het-goede-wachtwoord")
    pagina.get_by_role("button", name="Inloggen").click()
    expect(melding).to_contain_text("De gebruikersnaam of het wachtwoord is onjuist.")
    controleer_toegankelijkheid(pagina)
    screenshot(pagina, "inloggen-mislukt")


def test_werkbak_met_filters_en_formulieren_met_fouten(
    wereld: Wereld, worker: Any, ingelogd: Ingelogd, screenshot: Screenshot
) -> None:
    acuut = signaal_melden(melder=wereld.medewerker, acuut=True)
    ander = signaal_met_details(wereld, vormen=[Vorm.objects.get(code="seksuele_uitbuiting")])
    in_behandeling = naar_status(signaal_melden(melder=wereld.medewerker), Status.ONTVANGEN, door=wereld.af)

    page = ingelogd(wereld.af)
    kop(page, "Werkbak")
    expect(page.get_by_role("status")).to_have_text("3 signalen gevonden.")
    page.get_by_label("Stap", exact=True).select_option(label="1. Opgepikt")
    page.get_by_label("Vorm").select_option(label="Arbeidsuitbuiting")
    page.get_by_label("Acuut").select_option(label="Alleen acuut")
    page.get_by_label("Sorteren").select_option(label="Oudste eerst")
    page.get_by_role("button", name="Filteren").click()
    expect(page).to_have_url(re.compile(r"\?stap=opgepikt&vorm=arbeidsuitbuiting&acuut=ja"))
    expect(page.get_by_role("rowheader")).to_have_count(1)
    expect(page.get_by_role("row").filter(has_text=acuut.referentie)).to_contain_text("Acuut")
    expect(page.get_by_text(ander.referentie)).to_have_count(0)
    controleer_toegankelijkheid(page)
    screenshot(page, "werkbak-gefilterd")

    page.get_by_label("Stap", exact=True).select_option(label="Alle stappen")
    page.get_by_label("Vorm").select_option(label="Alle vormen")
    page.get_by_label("Acuut").select_option(label="Alle")
    page.get_by_role("checkbox", name="Alleen aan mij toegewezen").check()
    page.get_by_role("button", name="Filteren").click()
    expect(page.get_by_role("rowheader")).to_have_count(1)
    expect(page.get_by_role("row").filter(has_text=in_behandeling.referentie)).to_contain_text("Anna de Vries")
    controleer_toegankelijkheid(page)

    page.goto("/werkbak/?stap=bestaat-niet")
    expect(page.get_by_role("alert").filter(has_text="Er ging iets mis")).to_contain_text("Stap")
    controleer_toegankelijkheid(page)
    page.get_by_role("link", name="Filters wissen").click()
    expect(page.get_by_role("status")).to_have_text("3 signalen gevonden.")

    # An action submitted empty: Dutch errors at the fields and in the summary.
    page.get_by_role("link", name=in_behandeling.referentie, exact=True).click()
    page.get_by_role("list", name="Acties die nu mogelijk zijn").get_by_role("link", name="Verrijken").click()
    page.get_by_role("button", name="Verrijken").click()
    samenvatting = page.get_by_role("alert").filter(has_text="Er ging iets mis")
    bron = "Bron: Kies de bron die u raadpleegde, bijvoorbeeld de BRP of de KvK."
    expect(samenvatting.get_by_role("link", name=bron)).to_be_visible()
    expect(samenvatting.get_by_role("link", name="Wat is gevonden?: Vul in wat u in deze bron vond.")).to_be_visible()
    controleer_toegankelijkheid(page)
    screenshot(page, "actie-met-fouten")

    page.get_by_role("link", name="Annuleren").click()
    page.get_by_role("link", name="Delen met ketenpartner").click()
    kop(page, f"Signaal {in_behandeling.referentie} delen met een ketenpartner")
    controleer_toegankelijkheid(page)
    page.get_by_role("button", name="Delen", exact=True).click()
    samenvatting = page.get_by_role("alert").filter(has_text="Er ging iets mis")
    expect(samenvatting.get_by_role("link", name="Ketenpartner: Kies een ketenpartner.")).to_be_visible()
    controleer_toegankelijkheid(page)
    screenshot(page, "delen-met-fouten")

    # A signal of Enkhuizen does not exist for the AF of Hoorn.
    van_enkhuizen = signaal_melden(melder=wereld.medewerker_enkhuizen)
    antwoord = page.goto(f"/signalen/{van_enkhuizen.pk}/")
    assert antwoord is not None
    assert antwoord.status == 404
    kop(page, "Pagina niet gevonden")
    controleer_toegankelijkheid(page)

    # The count under the filters is Dutch for one signal too.
    page.goto("/werkbak/?mijn=on")
    expect(page.get_by_role("rowheader")).to_have_count(1)
    expect(page.get_by_role("status")).to_have_text("1 signaal gevonden.")


def test_paginas_van_coordinator_medewerker_en_gebruikers_zonder_werkrol(
    wereld: Wereld, worker: Any, ingelogd: Ingelogd, screenshot: Screenshot
) -> None:
    gedeeld_met_politie(wereld, signaal_met_details(wereld))

    coordinator = ingelogd(wereld.coordinator)
    kop(coordinator, "Dashboard")
    coordinator.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Delingen per partner").click()
    kop(coordinator, "Delingen per ketenpartner")
    rij = coordinator.get_by_role("row").filter(has_text=wereld.politie.naam)
    expect(rij.get_by_role("cell")).to_contain_text(["Politie / AVIM", "1", "0", "0", "1"])
    controleer_toegankelijkheid(coordinator)
    screenshot(coordinator, "delingen-per-partner")
    antwoord = coordinator.goto("/werkbak/")
    assert antwoord is not None
    assert antwoord.status == 403
    kop(coordinator, "Geen toegang")
    controleer_toegankelijkheid(coordinator)

    nieuw = GebruikerFactory(username="nieuw.hoorn", first_name="Jan", last_name="Veen")
    medewerker = ingelogd(nieuw)
    kop(medewerker, "Welkom")
    expect(medewerker.get_by_text("Aan uw account is nog geen rol gekoppeld.")).to_be_visible()
    controleer_toegankelijkheid(medewerker)

    beheerder = ingelogd(wereld.beheerder)
    kop(beheerder, "Welkom")
    expect(beheerder.get_by_text(f"U bent ingelogd met de rol(len): {Rol.BEHEERDER.label}.")).to_be_visible()
    controleer_toegankelijkheid(beheerder)

    melder = ingelogd(wereld.medewerker_enkhuizen)
    kop(melder, "Mijn signalen")
    expect(melder.get_by_text("U heeft nog geen signalen gemeld.")).to_be_visible()
    controleer_toegankelijkheid(melder)
    antwoord = melder.goto("/bestaat-niet/")
    assert antwoord is not None
    assert antwoord.status == 404
    kop(melder, "Pagina niet gevonden")
    controleer_toegankelijkheid(melder)
    melder.get_by_role("button", name="Uitloggen").click()
    kop(melder, "Inloggen")
    expect(melder.get_by_role("button", name="Uitloggen")).to_have_count(0)
    controleer_toegankelijkheid(melder)


def test_logboek_van_de_functionaris_gegevensbescherming(
    wereld: Wereld, worker: Any, ingelogd: Ingelogd, screenshot: Screenshot
) -> None:
    signaal = signaal_met_details(wereld)
    af = ingelogd(wereld.af)
    af.goto(f"/signalen/{signaal.pk}/")
    kop(af, re.compile(signaal.referentie))
    fg = gebruiker_met_rol(wereld.hoorn, Rol.FG, username="fg.hoorn")

    page = ingelogd(fg)
    kop(page, "Toegangslog")
    page.get_by_label("Signaal").fill(signaal.referentie)
    page.get_by_role("button", name="Filteren").click()
    expect(page.get_by_role("row").filter(has_text="Signaal bekeken")).to_contain_text([wereld.af.username])
    controleer_toegankelijkheid(page)
    screenshot(page, "toegangslog")

    page.get_by_label("Vanaf").fill("2026-05-01")
    page.get_by_label("Tot en met").fill("2026-04-01")
    page.get_by_role("button", name="Filteren").click()
    expect(page.get_by_role("alert").filter(has_text="Er ging iets mis")).to_be_visible()
    controleer_toegankelijkheid(page)

    page.get_by_role("link", name="Auditlog", exact=True).first.click()
    kop(page, "Auditlog")
    expect(page.get_by_role("row").filter(has_text=signaal.referentie).first).to_be_visible()
    controleer_toegankelijkheid(page)
    screenshot(page, "auditlog")
