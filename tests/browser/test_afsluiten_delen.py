"""Browser journey: the AF shares, is stopped from sharing twice, extends a share, looks at the
revoke confirmation, closes the signal keeping one share and ending the other; the partner whose
share ended sees "beëindigd", and 404 for a signal that was never theirs."""

import datetime
import re
from typing import Any

from django.utils import formats, timezone, translation
from playwright.sync_api import Page, expect

from ketenpartners.models import Rol
from meldroute.models import Deling
from signalen.workflow import Status
from tests.browser.hulp import BROWSER_TEST, Ingelogd, Screenshot, Wereld, signaal_met_details
from tests.browser.toegankelijkheid import controleer_toegankelijkheid
from tests.factories import gebruiker_met_rol, naar_status, signaal_melden

pytestmark = BROWSER_TEST


def dag(datum: datetime.date) -> str:
    with translation.override("nl"):
        return formats.date_format(datum, "j F Y")


def kop(page: Page) -> Any:
    return expect(page.get_by_role("heading", level=1))


def delen_met(page: Page, ref: str, partner: str, reden: str) -> None:
    page.get_by_role("link", name="Delen met ketenpartner").click()
    kop(page).to_have_text(f"Signaal {ref} delen met een ketenpartner")
    page.get_by_label("Ketenpartner", exact=True).select_option(label=partner)
    page.get_by_role("radio", name="RIEC-convenant").check()
    page.get_by_label("Waarom deelt u dit signaal met deze partner?").fill(reden)
    page.get_by_role("button", name="Delen", exact=True).click()


def test_af_deelt_verlengt_en_sluit_af_met_een_deling_die_doorloopt(
    wereld: Wereld, ingelogd: Ingelogd, screenshot: Screenshot
) -> None:
    signaal = naar_status(signaal_met_details(wereld), Status.LOKALE_TAFEL, door=wereld.af)
    ref = signaal.referentie
    politie, riec = wereld.politie.naam, wereld.riec.naam
    riec_partner = gebruiker_met_rol(wereld.riec, Rol.KETENPARTNER, username="riec.analist")

    af = ingelogd(wereld.af)
    af.goto(f"/signalen/{signaal.pk}/")
    delen_met(af, ref, politie, "Besproken aan de lokale tafel; de politie onderzoekt het pand.")
    einde_politie = Deling.objects.get(signaal=signaal, organisatie=wereld.politie).einddatum
    expect(af.get_by_role("status")).to_contain_text(f"Gedeeld met {politie} tot en met {dag(einde_politie)}.")

    # A second share with the police is refused; what the AF typed stays.
    delen_met(af, ref, politie, "Nog een keer, met bijlagen.")
    melding = (
        f"Dit signaal is al gedeeld met {politie} tot en met {dag(einde_politie)}. "
        "Verleng die deling in plaats van een tweede te maken."
    )
    expect(af.get_by_role("alert").filter(has_text="Er ging iets mis")).to_contain_text(melding)
    expect(af.get_by_label("Waarom deelt u dit signaal met deze partner?")).to_have_value("Nog een keer, met bijlagen.")
    controleer_toegankelijkheid(af)
    screenshot(af, "dubbele-deling")
    af.get_by_role("link", name=f"Terug naar signaal {ref}").click()
    delen_met(af, ref, riec, "Het RIEC weegt de bestuurlijke aanpak.")

    # Extend the RIEC share, with a reason.
    af.get_by_role("link", name=f"Verlengen (deling met {riec})").click()
    kop(af).to_have_text(f"Deling met {riec} verlengen")
    controleer_toegankelijkheid(af)
    nieuw = timezone.localdate() + datetime.timedelta(days=120)
    af.get_by_label("Nieuwe einddatum: gedeeld tot en met").fill(nieuw.isoformat())
    af.get_by_label("Waarom heeft de partner het signaal langer nodig?").fill("De weging duurt langer.")
    af.get_by_role("button", name="Verlengen").click()
    expect(af.get_by_role("status")).to_contain_text(f"De deling met {riec} loopt nu tot en met {dag(nieuw)}.")
    tijdlijn = af.get_by_role("complementary", name="Tijdlijn").get_by_role("listitem")
    expect(tijdlijn.last).to_contain_text(f"Deling met {riec} verlengd tot en met {dag(nieuw)}")

    # The revoke confirmation, then back without revoking.
    af.get_by_role("link", name=f"Intrekken (deling met {riec})").click()
    kop(af).to_have_text(f"Deling met {riec} intrekken")
    expect(af.get_by_text("Weet u het zeker?")).to_be_visible()
    controleer_toegankelijkheid(af)
    screenshot(af, "intrekken-bevestigen")
    af.get_by_role("link", name="Annuleren, de deling blijft lopen").click()

    # The partner sees why, on which basis, until when and whom to contact.
    partner = ingelogd(wereld.partner)
    partner.goto(f"/gedeeld/{signaal.pk}/")
    kop(partner).to_have_text(f"Gedeeld signaal {ref}")
    uitleg = partner.get_by_role("region", name="Waarom u dit signaal ziet")
    expect(uitleg).to_contain_text(f"Gedeeld tot en met {dag(einde_politie)}.")
    expect(uitleg).to_contain_text("RIEC-convenant")
    expect(uitleg).to_contain_text("Besproken aan de lokale tafel; de politie onderzoekt het pand.")
    expect(uitleg).to_contain_text("Anna de Vries, Gemeente Hoorn")
    controleer_toegankelijkheid(partner)

    # Afsluiten: both shares are named; the AF keeps the RIEC share and lets the police share end.
    naar_status(signaal, Status.TERUGKOPPELING, door=wereld.af)
    af.goto(f"/signalen/{signaal.pk}/")
    af.get_by_role("list", name="Acties die nu mogelijk zijn").get_by_role("link", name="Afsluiten").click()
    kop(af).to_have_text("Afsluiten")
    expect(af.get_by_text(f"De deling met {politie} eindigt bij afsluiten")).to_be_visible()
    expect(af.get_by_text(f"De deling met {riec} eindigt bij afsluiten")).to_be_visible()
    controleer_toegankelijkheid(af)
    af.get_by_role("radio", name="RIEC-weging / bestuurlijke aanpak").check()
    af.get_by_role("checkbox", name=re.compile(f"^De deling met {riec} laten doorlopen")).check()
    screenshot(af, "afsluiten-met-delingen")
    af.get_by_role("button", name="Afsluiten", exact=True).click()
    expect(af.get_by_role("heading", name="Stap: Afgesloten")).to_be_visible()
    expect(tijdlijn.filter(has_text="loopt door tot en met")).to_contain_text(
        f"Deling met {riec} loopt door tot en met {dag(nieuw)}"
    )
    expect(tijdlijn.filter(has_text="beëindigd omdat het signaal is afgesloten")).to_have_text(
        re.compile(f"Deling met {politie} beëindigd omdat het signaal is afgesloten")
    )

    # The police's share ended: a plain page. The kept RIEC share still works.
    partner.goto(f"/gedeeld/{signaal.pk}/")
    kop(partner).to_have_text(f"Signaal {ref}")
    expect(partner.get_by_text(f"Deze deling is beëindigd op {dag(timezone.localdate())}.")).to_be_visible()
    expect(partner.get_by_text("Piotr Nowak")).to_have_count(0)
    controleer_toegankelijkheid(partner)
    screenshot(partner, "deling-beeindigd")
    nooit = signaal_melden(melder=wereld.medewerker)
    antwoord = partner.goto(f"/gedeeld/{nooit.pk}/")
    assert antwoord is not None
    assert antwoord.status == 404

    riec_pagina = ingelogd(riec_partner)
    riec_pagina.goto(f"/gedeeld/{signaal.pk}/")
    kop(riec_pagina).to_have_text(f"Gedeeld signaal {ref}")
    expect(riec_pagina.get_by_text(f"Gedeeld tot en met {dag(nieuw)}.")).to_be_visible()
