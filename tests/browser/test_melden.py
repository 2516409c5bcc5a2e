"""Journey 1: a medewerker reports a signal, corrects an input error and gets a reference number."""

import re
from typing import Any

from django.core import mail
from playwright.sync_api import expect

from signalen.models import Signaal, TijdelijkeBijlage
from tests.browser.hulp import BROWSER_TEST, PDF, REFERENTIE, Ingelogd, Screenshot, Wereld, wacht_tot
from tests.browser.toegankelijkheid import controleer_toegankelijkheid
from tests.factories import GISTEREN

pytestmark = BROWSER_TEST

OMSCHRIJVING = "Jonge vrouw kwam aan de balie met een man die steeds voor haar sprak en haar paspoort vasthield."
KVK_FOUT = "Een KvK-nummer bestaat uit precies 8 cijfers."


def test_medewerker_meldt_signaal_corrigeert_fout_en_krijgt_referentienummer(
    wereld: Wereld, worker: Any, ingelogd: Ingelogd, screenshot: Screenshot
) -> None:
    page = ingelogd(wereld.medewerker)
    expect(page.get_by_role("heading", level=1)).to_have_text("Mijn signalen")
    controleer_toegankelijkheid(page)

    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Signaal melden").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Signaal melden")
    controleer_toegankelijkheid(page)
    screenshot(page, "meldformulier-leeg")

    expect(page.get_by_label("Gemeente")).to_have_value(str(wereld.hoorn.pk))
    page.get_by_label("Uw team").select_option(label="Balie")
    page.get_by_label("Wanneer heeft u het gezien?").fill(GISTEREN.isoformat())
    page.get_by_label("Wat heeft u gezien of gehoord?").fill(OMSCHRIJVING)
    page.get_by_role("checkbox", name="Seksuele uitbuiting").check()
    page.get_by_role("radio", name="Nee").check()
    page.get_by_role("checkbox", name="Persoon lijkt onder controle van een ander").check()
    page.get_by_role("button", name="Betrokkene toevoegen").click()

    # Adding a row keeps what was filled in and judges nothing yet.
    betrokkene = page.get_by_role("group", name="Betrokkene 1")
    expect(betrokkene).to_be_visible()
    expect(page.get_by_label("Wat heeft u gezien of gehoord?")).to_have_value(OMSCHRIJVING)
    expect(page.get_by_role("alert")).to_have_count(0)
    controleer_toegankelijkheid(page)
    betrokkene.get_by_label("Rol").select_option(label="Mogelijk slachtoffer")
    betrokkene.get_by_label("Naam").fill("Maria Ionescu")
    betrokkene.get_by_label("Nationaliteit").fill("Roemeens")
    page.get_by_role("button", name="Locatie toevoegen").click()

    locatie = page.get_by_role("group", name="Locatie 1")
    expect(locatie).to_be_visible()
    controleer_toegankelijkheid(page)
    locatie.get_by_label("Adres").fill("Grote Noord 1, Hoorn")
    locatie.get_by_label("KvK-nummer").fill("1234")
    page.get_by_label("Bijlagen toevoegen").set_input_files(
        files=[{"name": "verklaring-balie.pdf", "mimeType": "application/pdf", "buffer": PDF}]
    )
    screenshot(page, "meldformulier-ingevuld")
    page.get_by_role("button", name="Signaal versturen").click()

    # The deliberate error: a Dutch message at the field and in the summary, nothing else lost.
    samenvatting = page.get_by_role("alert").filter(has_text="Er ging iets mis")
    expect(samenvatting).to_be_visible()
    foutlink = samenvatting.get_by_role("link", name=f"Locatie 1 – KvK-nummer: {KVK_FOUT}")
    expect(foutlink).to_be_visible()
    kvk = locatie.get_by_label("KvK-nummer")
    expect(kvk).to_have_value("1234")
    expect(kvk).to_have_attribute("aria-invalid", "true")
    expect(locatie.get_by_text(KVK_FOUT)).to_be_visible()
    expect(page.get_by_text("Deze bestanden zijn al ontvangen")).to_be_visible()
    expect(page.get_by_role("checkbox", name=re.compile(r"^verklaring-balie\.pdf"))).to_be_checked()
    expect(betrokkene.get_by_label("Naam")).to_have_value("Maria Ionescu")
    controleer_toegankelijkheid(page)
    screenshot(page, "meldformulier-fout")

    foutlink.click()
    expect(kvk).to_be_focused()
    kvk.fill("12345678")
    page.get_by_role("button", name="Signaal versturen").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Uw signaal is ontvangen")
    referentie = page.get_by_text(re.compile(f"^{REFERENTIE}$")).inner_text()
    expect(page.get_by_role("status")).to_contain_text(f"Uw signaal is ontvangen onder nummer {referentie}.")
    controleer_toegankelijkheid(page)
    screenshot(page, "ontvangstbevestiging")

    signaal = Signaal.objects.get(referentie=referentie)
    assert signaal.melder == wereld.medewerker
    assert signaal.gemeente == wereld.hoorn
    assert not signaal.acuut
    assert [v.code for v in signaal.vormen.all()] == ["seksuele_uitbuiting"]
    assert [(b.naam, b.rol) for b in signaal.betrokkenen.all()] == [("Maria Ionescu", "slachtoffer")]
    assert [lo.kvk_nummer for lo in signaal.locaties.all()] == ["12345678"]
    bijlagen = list(signaal.bijlagen.all())
    assert [(b.naam, b.grootte) for b in bijlagen] == [("verklaring-balie.pdf", len(PDF))]
    with bijlagen[0].bestand.open("rb") as bestand:
        assert bestand.read() == PDF
    assert not TijdelijkeBijlage.objects.exists()

    # The real worker tells both AFs of Hoorn, without personal data.
    wacht_tot(lambda: len(mail.outbox) >= 2, bericht="de worker verstuurde de meldingen aan de AF's niet")
    assert sorted(m.to[0] for m in mail.outbox) == sorted([wereld.af.email, wereld.af_2.email])
    assert all(m.subject == f"Nieuw signaal {referentie}" for m in mail.outbox)
    assert all("Ionescu" not in m.body for m in mail.outbox)

    page.get_by_role("link", name="Naar Mijn signalen").click()
    rij = page.get_by_role("row").filter(has_text=referentie)
    expect(rij).to_contain_text("Ingediend")
    expect(rij).to_contain_text("Nog niet gegeven")
    controleer_toegankelijkheid(page)
