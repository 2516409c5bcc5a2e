"""Journeys 2-4: the AF walks a signal through the meldroute and shares it, the police partner
reports back and loses access when the share is revoked, the melder reads the feedback."""

import re
from collections.abc import Callable
from typing import Any

from django.utils import formats, translation
from playwright.sync_api import Page, expect

from meldroute.models import Deling
from meldroute.services.delen import standaard_einddatum
from signalen.workflow import Status
from tests.browser.hulp import (
    BROWSER_TEST,
    Ingelogd,
    Screenshot,
    Wereld,
    gedeeld_met_politie,
    signaal_met_details,
)
from tests.browser.toegankelijkheid import controleer_toegankelijkheid
from tests.factories import GISTEREN, naar_status, signaal_melden, transitie_gegevens

pytestmark = BROWSER_TEST

DATUM = GISTEREN.isoformat()
TERUGMELDING = "Pand gecontroleerd met de Arbeidsinspectie; acht arbeiders gehoord, twee willen aangifte doen."


def kop(page: Page) -> Any:
    return expect(page.get_by_role("heading", level=1))


def actie_uitvoeren(page: Page, actie: str, invullen: Callable[[Page], None]) -> None:
    """On the signal's detail page: open an action, check its form, fill it in and submit it."""
    page.get_by_role("list", name="Acties die nu mogelijk zijn").get_by_role("link", name=actie, exact=True).click()
    kop(page).to_have_text(actie)
    controleer_toegankelijkheid(page)
    invullen(page)
    page.get_by_role("button", name=actie, exact=True).click()


def op_detail(page: Page, referentie: str, stap: str) -> None:
    kop(page).to_have_text(f"Signaal {referentie}")
    expect(page.get_by_role("heading", name=f"Stap: {stap}")).to_be_visible()
    controleer_toegankelijkheid(page)


def niet_delen(page: Page, referentie: str) -> None:
    """After a step at a table the app offers sharing; this time the AF declines."""
    kop(page).to_have_text(f"Signaal {referentie} delen met een ketenpartner")
    expect(page.get_by_text("De stap is vastgelegd.")).to_be_visible()
    controleer_toegankelijkheid(page)
    page.get_by_role("link", name="niet delen, terug naar het signaal").click()


def test_af_brengt_signaal_door_alle_stappen_en_deelt_het_aan_de_lokale_tafel(
    wereld: Wereld, worker: Any, ingelogd: Ingelogd, screenshot: Screenshot
) -> None:
    signaal = signaal_met_details(wereld)
    ref = signaal.referentie
    page = ingelogd(wereld.af)

    kop(page).to_have_text("Werkbak")
    rij = page.get_by_role("row").filter(has_text=ref)
    expect(rij).to_contain_text("1. Opgepikt")
    controleer_toegankelijkheid(page)
    screenshot(page, "werkbak")
    rij.get_by_role("link", name=ref, exact=True).click()
    op_detail(page, ref, "1. Opgepikt")
    screenshot(page, "detail-opgepikt")

    def behandelaar(p: Page) -> None:
        expect(p.get_by_label("Behandelaar")).to_have_value(str(wereld.af.pk))

    actie_uitvoeren(page, "In behandeling nemen", behandelaar)
    expect(page.get_by_role("status")).to_contain_text("In behandeling nemen: vastgelegd.")
    op_detail(page, ref, "2. Ontvangen")

    def verrijken(p: Page) -> None:
        p.get_by_label("Bron").select_option(label="KvK")
        p.get_by_label("Wat is gevonden?").fill("Uitzendbureau Flexibel is drie maanden geleden opgericht.")

    actie_uitvoeren(page, "Verrijken", verrijken)
    op_detail(page, ref, "3. Verrijkt")

    def lokale_tafel(p: Page) -> None:
        p.get_by_role("radio", name="Lokale ondermijningstafel").check()
        p.get_by_label("Datum besproken").fill(DATUM)
        p.get_by_label("Wat is besloten?").fill("Politie en Arbeidsinspectie controleren het pand samen.")

    actie_uitvoeren(page, "Bespreken aan lokale tafel", lokale_tafel)

    # After the lokale tafel the app offers the share form, with the police already chosen.
    kop(page).to_have_text(f"Signaal {ref} delen met een ketenpartner")
    expect(page.get_by_label("Ketenpartner")).to_have_value(str(wereld.politie.pk))
    expect(page.get_by_label("Gedeeld tot en met")).to_have_value(standaard_einddatum(signaal).isoformat())
    controleer_toegankelijkheid(page)
    page.get_by_role("radio", name="RIEC-convenant").check()
    page.get_by_label("Waarom deelt u dit signaal met deze partner?").fill("De politie voert de controle uit.")
    page.get_by_role("checkbox", name=re.compile(r"^Identificerende gegevens delen")).check()
    page.get_by_role("checkbox", name="Bijlagen delen").check()
    screenshot(page, "delen")
    page.get_by_role("button", name="Delen", exact=True).click()

    expect(page.get_by_role("status")).to_contain_text(f"Gedeeld met {wereld.politie.naam} tot en met")
    deling = page.get_by_role("row").filter(has_text=wereld.politie.naam)
    expect(deling).to_contain_text("Signaal, gegevens betrokkenen, bijlagen")
    expect(deling).to_contain_text("Actief")
    op_detail(page, ref, "4. Lokale tafel")

    def riec(p: Page) -> None:
        p.get_by_label("Waarom is er een vermoeden van mensenhandel?").fill("Paspoorten ingenomen door de werkgever.")
        p.get_by_label("RIEC-contact of regionale tafel").fill("RIEC Noord-Holland")
        p.get_by_label("Datum", exact=True).fill(DATUM)

    actie_uitvoeren(page, "RIEC inschakelen", riec)
    niet_delen(page, ref)
    op_detail(page, ref, "5. RIEC")

    def informatieplein(p: Page) -> None:
        p.get_by_label("Datum ingebracht").fill(DATUM)
        p.get_by_label("Resultaat").fill("Opgepakt door de regionale tafel mensenhandel.")

    actie_uitvoeren(page, "Inbrengen op informatieplein", informatieplein)
    niet_delen(page, ref)
    op_detail(page, ref, "6. Informatieplein")

    def terugkoppelen(p: Page) -> None:
        p.get_by_label("Terugkoppeling aan de melder").fill("Dank voor uw melding. Er is actie ondernomen.")
        p.get_by_label("Datum terugkoppeling").fill(DATUM)

    actie_uitvoeren(page, "Terugkoppelen", terugkoppelen)
    op_detail(page, ref, "7. Terugkoppeling")

    def afsluiten(p: Page) -> None:
        p.get_by_role("radio", name="Strafrechtelijk traject").check()

    actie_uitvoeren(page, "Afsluiten", afsluiten)
    op_detail(page, ref, "Afgesloten")
    expect(page.get_by_text("Afloop: Strafrechtelijk traject.")).to_be_visible()
    expect(page.get_by_role("link", name="Delen met ketenpartner")).to_have_count(0)

    tijdlijn = page.get_by_role("complementary", name="Tijdlijn").get_by_role("listitem")
    expect(tijdlijn).to_contain_text(
        [
            "Gemeld",
            "In behandeling genomen",
            "Verrijkt",
            "Besproken aan de lokale tafel",
            f"Gedeeld met {wereld.politie.naam} tot en met",
            "RIEC ingeschakeld",
            "Ingebracht op het informatieplein",
            "Teruggekoppeld aan de melder",
            "Afgesloten",
            f"Deling met {wereld.politie.naam} beëindigd omdat het signaal is afgesloten",
        ]
    )
    expect(tijdlijn).to_have_count(10)
    # Closing the signal ended the share with the police.
    expect(tijdlijn.last).to_contain_text("beëindigd omdat het signaal is afgesloten")
    screenshot(page, "afgesloten")

    signaal.refresh_from_db()
    assert signaal.status == Status.AFGESLOTEN
    assert signaal.afloop == "strafrechtelijk"
    assert signaal.behandelaar == wereld.af
    gedeeld = Deling.objects.get(signaal=signaal)
    assert (gedeeld.organisatie, gedeeld.grondslag) == (wereld.politie, Deling.Grondslag.RIEC_CONVENANT)
    assert gedeeld.met_betrokkenen
    assert gedeeld.met_bijlagen
    assert gedeeld.einddatum == standaard_einddatum(signaal)


def test_partner_meldt_terug_en_verliest_toegang_als_de_af_de_deling_intrekt(
    wereld: Wereld, worker: Any, ingelogd: Ingelogd, screenshot: Screenshot
) -> None:
    signaal = signaal_met_details(wereld)
    gedeeld_met_politie(wereld, signaal)
    ref = signaal.referentie

    partner = ingelogd(wereld.partner)
    kop(partner).to_have_text("Gedeeld met onze organisatie")
    rij = partner.get_by_role("row").filter(has_text=ref)
    expect(rij).to_contain_text("Hoorn")
    expect(rij).to_contain_text("Arbeidsuitbuiting")
    controleer_toegankelijkheid(partner)
    screenshot(partner, "partner-gedeeld")

    rij.get_by_role("link", name=ref, exact=True).click()
    kop(partner).to_have_text(f"Gedeeld signaal {ref}")
    expect(partner.get_by_text("Piotr Nowak")).to_be_visible()
    expect(partner.get_by_role("link", name="foto-pand.pdf")).to_be_visible()
    controleer_toegankelijkheid(partner)
    screenshot(partner, "partner-detail")

    partner.get_by_role("link", name="Terugmelding toevoegen").click()
    kop(partner).to_have_text(f"Terugmelding bij signaal {ref}")
    controleer_toegankelijkheid(partner)
    partner.get_by_role("button", name="Terugmelding versturen").click()
    samenvatting = partner.get_by_role("alert").filter(has_text="Er ging iets mis")
    expect(samenvatting.get_by_role("link", name="Terugmelding: Dit veld is verplicht.")).to_be_visible()
    controleer_toegankelijkheid(partner)
    partner.get_by_label("Terugmelding", exact=True).fill(TERUGMELDING)
    partner.get_by_label("Voorgestelde afloop").select_option(label="Strafrechtelijk traject")
    partner.get_by_role("button", name="Terugmelding versturen").click()
    expect(partner.get_by_role("status")).to_contain_text("Uw terugmelding is verstuurd naar de aandachtsfunctionaris.")
    expect(partner.get_by_role("region", name="Terugmeldingen van uw organisatie")).to_contain_text(TERUGMELDING)
    controleer_toegankelijkheid(partner)

    af = ingelogd(wereld.af)
    rij = af.get_by_role("row").filter(has_text=ref)
    expect(rij).to_contain_text("Nieuwe terugmelding")
    controleer_toegankelijkheid(af)
    rij.get_by_role("link", name=ref, exact=True).click()
    kop(af).to_have_text(f"Signaal {ref}")
    tijdlijn = af.get_by_role("complementary", name="Tijdlijn")
    terugmelding = tijdlijn.get_by_role("listitem").filter(has_text=f"Terugmelding van {wereld.politie.naam}")
    expect(terugmelding).to_contain_text(TERUGMELDING)
    expect(terugmelding).to_contain_text("Voorgestelde afloop: Strafrechtelijk traject")
    controleer_toegankelijkheid(af)
    screenshot(af, "af-ziet-terugmelding")

    af.get_by_role("link", name=f"Intrekken (deling met {wereld.politie.naam})").click()
    kop(af).to_have_text(f"Deling met {wereld.politie.naam} intrekken")
    af.get_by_label("Waarom trekt u de deling in?").fill("Het onderzoek van de politie is afgerond.")
    af.get_by_role("button", name="Deling intrekken").click()
    expect(af.get_by_role("status")).to_contain_text(f"De deling met {wereld.politie.naam} is ingetrokken.")
    expect(af.get_by_role("row").filter(has_text=wereld.politie.naam)).to_contain_text("Ingetrokken op")
    expect(tijdlijn.get_by_role("listitem").last).to_contain_text(f"Deling met {wereld.politie.naam} ingetrokken")
    controleer_toegankelijkheid(af)
    screenshot(af, "af-deling-ingetrokken")

    partner.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Gedeeld met onze organisatie").click()
    expect(partner.get_by_text("Er zijn op dit moment geen signalen met uw organisatie gedeeld.")).to_be_visible()
    expect(partner.get_by_role("link", name=ref)).to_have_count(0)
    controleer_toegankelijkheid(partner)
    # Their own ended share: a plain page that says so; every other partner URL of it stays 404.
    partner.goto(f"/gedeeld/{signaal.pk}/")
    expect(partner.get_by_text("Deze deling is beëindigd op")).to_be_visible()
    for pad in (f"/gedeeld/{signaal.pk}/download/", f"/gedeeld/{signaal.pk}/terugmelding/"):
        antwoord = partner.goto(pad)
        assert antwoord is not None
        assert antwoord.status == 404
        kop(partner).to_have_text("Pagina niet gevonden")
        expect(partner.get_by_text(ref)).to_have_count(0)
        controleer_toegankelijkheid(partner)
    screenshot(partner, "partner-404")


def test_melder_leest_de_terugkoppeling_in_mijn_signalen(
    wereld: Wereld, worker: Any, ingelogd: Ingelogd, screenshot: Screenshot
) -> None:
    teruggekoppeld = naar_status(signaal_met_details(wereld), Status.TERUGKOPPELING, door=wereld.af)
    lopend = naar_status(signaal_melden(melder=wereld.medewerker), Status.VERRIJKT, door=wereld.af)
    tekst = transitie_gegevens("terugkoppelen", af_gebruiker=wereld.af)["tekst"]
    with translation.override("nl"):
        gegeven_op = formats.date_format(GISTEREN, "j F Y")

    page = ingelogd(wereld.medewerker)
    kop(page).to_have_text("Mijn signalen")
    rij = page.get_by_role("row").filter(has_text=teruggekoppeld.referentie)
    expect(rij).to_contain_text("Afgerond")
    expect(rij).to_contain_text(tekst)
    expect(rij).to_contain_text(f"Gegeven op {gegeven_op}")
    rij = page.get_by_role("row").filter(has_text=lopend.referentie)
    expect(rij).to_contain_text("In behandeling")
    expect(rij).to_contain_text("Nog niet gegeven")
    controleer_toegankelijkheid(page)
    screenshot(page, "mijn-signalen")

    # The melder opens their own report read-only; the AF's dossier stays closed to them.
    expect(page.get_by_role("link", name=re.compile("MH-"))).to_have_count(2)
    expect(page.get_by_role("link", name=teruggekoppeld.referentie)).to_have_attribute(
        "href", f"/mijn-signalen/{teruggekoppeld.pk}/"
    )
    antwoord = page.goto(f"/signalen/{teruggekoppeld.pk}/")
    assert antwoord is not None
    assert antwoord.status == 404
