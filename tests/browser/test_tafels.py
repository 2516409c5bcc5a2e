"""The Drieluik of Fryslân in Chromium: the AF of Leeuwarden plans a meeting, builds its agenda from
the proposal, records three decisions and an action, mails the agenda, closes the meeting and
reads and downloads the verslag; the police officer at the tafel reads in the same verslag the
content of only the signal shared with the police. axe on every page."""

import datetime
import io
import re
from pathlib import Path
from typing import Any

from django.core import mail
from django.utils import formats, translation
from playwright.sync_api import Locator, Page, expect
from pypdf import PdfReader

from meldroute.models import Deling
from signalen.models import Signaal
from signalen.workflow import Status
from tests.browser.hulp import BROWSER_TEST, Ingelogd, Screenshot, wacht_tot
from tests.browser.toegankelijkheid import controleer_toegankelijkheid
from tests.tafels.conftest import VANDAAG, Drieluik, over

# The fixture of tests/tafels, which pytest only offers in that folder.
from tests.tafels.conftest import drieluik as drieluik

pytestmark = BROWSER_TEST

TAFEL = "Drieluik Fryslân"
PLAATS = "Zorg- en Veiligheidshuis, Leeuwarden"
POLITIE = "Politie Noord-Nederland"
LEDEN = "Fier, Politie Noord-Nederland, Zorg- en Veiligheidshuis Fryslân"

KAPSALON = "Kamers boven de kapsalon aan de Nieuwestad; de bewoners werken er zonder loon."
GARAGEBOX = "Zeven matrassen in een garagebox in Bilgaard."
BUSJES = "Busjes halen 's nachts vrouwen op bij een pand aan de Oosterkade."
KOTTER = "Bemanning slaapt op de kotter in de haven."

NAAR_RIEC = "Signalen van dwang en schuld; het RIEC weegt de bestuurlijke aanpak."
NOG_LOPEND = "Te weinig zicht op de bewoners; de wijkagent kijkt mee."
DELEN = "De politie gaat op huisbezoek bij het pand."
HUISBEZOEK = "Huisbezoek afleggen en terugmelden aan de tafel"


def dag(datum: datetime.date) -> str:
    with translation.override("nl"):
        return formats.date_format(datum, "j F Y")


def kop(page: Page) -> Any:
    return expect(page.get_by_role("heading", level=1))


def gelukt(page: Page, tekst: str) -> None:
    """The flash message after a POST: exactly this text (the hidden "Gelukt: " for screen readers)."""
    expect(page.locator(".mh-berichten").get_by_role("status")).to_have_text(f"Gelukt: {tekst}")


def agendarijen(page: Page) -> Locator:
    return page.get_by_role("table", name="Signalen op de agenda, in volgorde").locator("tbody tr")


def agenda_is(page: Page, rijen: list[list[str]]) -> None:
    """Each row of the agenda table, cell by cell (the hidden text of the buttons included)."""
    expect(agendarijen(page)).to_have_count(len(rijen))
    for nummer, cellen in enumerate(rijen):
        expect(agendarijen(page).nth(nummer).locator("th, td")).to_have_text(cellen)


def verslagpunt(page: Page, signaal: Signaal) -> Locator:
    return page.get_by_role("region", name=f"{signaal.referentie} ({signaal.gemeente.naam})")


def knoppen(referentie: str) -> str:
    """The last cell of an open item: the link and the button, with their hidden text."""
    return f"Besluit vastleggen over {referentie} Van de agenda halen ({referentie})"


def pdf_tekst(pad: Path) -> str:
    return " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(pad.read_bytes())).pages).split())


def menu_tafels(page: Page) -> None:
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Tafels").click()
    kop(page).to_have_text("Tafels")


def besluit_openen(page: Page, signaal: Signaal, stap: str) -> None:
    page.get_by_role("link", name=f"Besluit vastleggen over {signaal.referentie}", exact=True).click()
    kop(page).to_have_text(f"Signaal {signaal.referentie} op de agenda van {TAFEL}")
    expect(page.get_by_text(f"Huidige stap: {stap}.")).to_be_visible()
    controleer_toegankelijkheid(page)


def test_de_af_leidt_een_bijeenkomst_van_het_drieluik_en_de_politie_leest_het_verslag(
    drieluik: Drieluik, worker: Any, ingelogd: Ingelogd, screenshot: Screenshot, tmp_path: Path
) -> None:
    d = drieluik
    kapsalon = d.signaal(Status.LOKALE_TAFEL, omschrijving=KAPSALON)
    garagebox = d.signaal(Status.VERRIJKT, omschrijving=GARAGEBOX)
    busjes = d.signaal(Status.VERRIJKT, omschrijving=BUSJES)
    d.signaal(Status.RIEC)  # the regional table's, not the Drieluik's
    kotter = d.signaal(Status.VERRIJKT, gemeente="Harlingen", omschrijving=KOTTER)  # not for Leeuwarden's AF
    vandaag, lopend_tot, gedeeld_tot, uiterlijk = VANDAAG(), over(28), over(30), over(7)
    signalen = (kapsalon, garagebox, busjes)

    # The AF opens the Drieluik from the menu.
    af = ingelogd(d.af_leeuwarden)
    menu_tafels(af)
    tafels = af.get_by_role("table", name="Uw tafels")
    expect(tafels.locator("tbody tr")).to_have_count(1)
    expect(tafels.locator("tbody tr th, tbody tr td")).to_have_text(
        [TAFEL, "Drieluik", "Regio Fryslân", "Niet gepland"]
    )
    controleer_toegankelijkheid(af)
    tafels.get_by_role("link", name=TAFEL).click()

    kop(af).to_have_text(TAFEL)
    expect(af.locator("dl.mh-dl")).to_have_text(
        f"Soort Drieluik Regio Fryslân Voorzitter Petra Postma Lidorganisaties {LEDEN}", use_inner_text=True
    )
    expect(af.get_by_text("Er is nog geen bijeenkomst gepland.")).to_be_visible()
    controleer_toegankelijkheid(af)
    screenshot(af, "tafel")

    # She plans a meeting for today.
    af.get_by_label("Datum", exact=True).fill(vandaag.isoformat())
    af.get_by_label("Aanvang").fill("14:00")
    af.get_by_label("Plaats").fill(PLAATS)
    af.get_by_role("button", name="Plannen").click()
    gelukt(af, f"Bijeenkomst gepland op {dag(vandaag)}.")
    kop(af).to_have_text(f"{TAFEL}, {dag(vandaag)}")
    expect(af.get_by_text(f"14:00 uur, {PLAATS}.")).to_be_visible()
    expect(af.get_by_text("Er staat nog niets op de agenda.")).to_be_visible()

    # The proposal: the Drieluik's steps of her own gemeente, oldest first.
    voorstel = af.get_by_role("region", name="Voorstel voor de agenda")
    expect(voorstel.get_by_role("listitem")).to_have_text(
        [
            f"{kapsalon.referentie} (4. Lokale tafel) Op de agenda zetten ({kapsalon.referentie})",
            f"{garagebox.referentie} (3. Verrijkt) Op de agenda zetten ({garagebox.referentie})",
            f"{busjes.referentie} (3. Verrijkt) Op de agenda zetten ({busjes.referentie})",
        ]
    )
    expect(af.get_by_text(kotter.referentie)).to_have_count(0)
    expect(voorstel.get_by_text("Geen lopende signalen die nu terugkomen.")).to_be_visible()
    controleer_toegankelijkheid(af)
    screenshot(af, "voorstel")

    for signaal in signalen:
        af.get_by_role("button", name=f"Op de agenda zetten ({signaal.referentie})").click()
        gelukt(af, f"Signaal {signaal.referentie} staat op de agenda.")
    open_rij = [
        [s.referentie, "Leeuwarden", "Nieuw signaal", "Nog niet besproken", knoppen(s.referentie)] for s in signalen
    ]
    agenda_is(af, open_rij)
    expect(voorstel.get_by_text("Geen nieuwe signalen voor deze tafel.")).to_be_visible()
    controleer_toegankelijkheid(af)
    screenshot(af, "agenda")

    # The agenda goes out by mail before the meeting: references and gemeenten only.
    af.get_by_role("button", name="Agenda mailen aan de deelnemers").click()
    gelukt(af, "De agenda gaat per e-mail naar 5 deelnemers.")
    onderwerp = f"Agenda {TAFEL} {dag(vandaag)}"

    def agendamails() -> list[Any]:
        return [m for m in mail.outbox if m.subject == onderwerp]

    wacht_tot(lambda: len(agendamails()) == 5, bericht="de worker verstuurde de agenda niet aan de vijf deelnemers")
    assert sorted(m.to[0] for m in agendamails()) == [
        "af.harlingen@example.org",
        "af.leeuwarden@example.org",
        "fier@example.org",
        "procesregisseur@example.org",
        "tmm@example.org",
    ]
    politiemail = next(m for m in agendamails() if m.to == ["tmm@example.org"])
    assert [r for r in politiemail.body.splitlines() if r.startswith("- ")] == [
        f"- {s.referentie} (gemeente Leeuwarden)" for s in signalen
    ]
    for geheim in ("kapsalon", "garagebox", "Oosterkade"):
        assert geheim not in politiemail.body
    controleer_toegankelijkheid(af)

    # Decision 1: the signal at the lokale tafel goes on to the RIEC.
    besluit_openen(af, kapsalon, "4. Lokale tafel")
    af.get_by_role("radio", name="Doorzetten naar het RIEC").check()
    af.get_by_label("Conclusie van de tafel").fill(NAAR_RIEC)
    af.get_by_label("Contactpersoon bij het RIEC").fill("Sanne Visser, RIEC Noord-Nederland")
    screenshot(af, "besluit-riec")
    af.get_by_role("button", name="Besluit vastleggen").click()
    gelukt(af, f"Besluit over {kapsalon.referentie} vastgelegd.")
    agenda_is(
        af,
        [
            [
                kapsalon.referentie,
                "Leeuwarden",
                "Nieuw signaal",
                "Doorzetten naar het RIEC",
                f"Acties bij {kapsalon.referentie}",
            ],
            open_rij[1],
            open_rij[2],
        ],
    )
    controleer_toegankelijkheid(af)

    # Decision 2: a verrijkt signal stays open and comes back in four weeks.
    besluit_openen(af, garagebox, "3. Verrijkt")
    af.get_by_role("radio", name="Lopend houden", exact=True).check()
    af.get_by_label("Conclusie van de tafel").fill(NOG_LOPEND)
    af.get_by_label("Lopend houden tot").fill(lopend_tot.isoformat())
    af.get_by_role("button", name="Besluit vastleggen").click()
    gelukt(af, f"Besluit over {garagebox.referentie} vastgelegd.")
    expect(agendarijen(af).nth(1).locator("th, td")).to_have_text(
        [garagebox.referentie, "Leeuwarden", "Nieuw signaal", "Lopend houden", f"Acties bij {garagebox.referentie}"]
    )
    controleer_toegankelijkheid(af)

    # Decision 3: shared with the police, a member of the tafel.
    besluit_openen(af, busjes, "3. Verrijkt")
    af.get_by_role("radio", name="Delen met een lidorganisatie").check()
    af.get_by_label("Conclusie van de tafel").fill(DELEN)
    delen_met = af.get_by_role("combobox", name="Delen met")
    expect(delen_met.locator("option")).to_have_text(
        ["Kies een lidorganisatie", "Fier", POLITIE, "Zorg- en Veiligheidshuis Fryslân"]
    )
    delen_met.select_option(label=POLITIE)
    af.get_by_label("Grondslag van het delen").select_option(label="Privacyprotocol Zorg- en Veiligheidshuis")
    af.get_by_label("Gedeeld tot en met").fill(gedeeld_tot.isoformat())
    screenshot(af, "besluit-delen")
    af.get_by_role("button", name="Besluit vastleggen").click()
    gelukt(af, f"Besluit over {busjes.referentie} vastgelegd.")
    besloten = [
        [kapsalon.referentie, "Leeuwarden", "Nieuw signaal", "Doorzetten naar het RIEC"],
        [garagebox.referentie, "Leeuwarden", "Nieuw signaal", "Lopend houden"],
        [busjes.referentie, "Leeuwarden", "Nieuw signaal", "Delen met een lidorganisatie"],
    ]
    agenda_is(af, [[*rij, f"Acties bij {rij[0]}"] for rij in besloten])
    controleer_toegankelijkheid(af)

    # An action for the police officer, on the decision page of the shared signal.
    af.get_by_role("link", name=f"Acties bij {busjes.referentie}", exact=True).click()
    kop(af).to_have_text(f"Signaal {busjes.referentie} op de agenda van {TAFEL}")
    expect(af.get_by_text("Huidige stap: 4. Lokale tafel.")).to_be_visible()
    besluit = af.get_by_role("region", name="Besluit", exact=True)
    expect(besluit.locator("dl")).to_have_text(
        f"Besluit Delen met een lidorganisatie ({POLITIE}) Conclusie {DELEN}", use_inner_text=True
    )
    acties = af.get_by_role("region", name="Acties", exact=True)
    expect(acties.get_by_text("Nog geen acties.")).to_be_visible()
    controleer_toegankelijkheid(af)
    eigenaar = af.get_by_label("Wie voert het uit?")
    expect(eigenaar.locator("option")).to_have_text(
        ["Kies een persoon", "Femke Fokkema", "Lieke de Jong", "Petra Postma", "Tom Meijer"]
    )
    af.get_by_label("Wat moet er gebeuren?").fill(HUISBEZOEK)
    eigenaar.select_option(label="Tom Meijer")
    af.get_by_label("Uiterlijk op").fill(uiterlijk.isoformat())
    af.get_by_role("button", name="Actie toevoegen").click()
    gelukt(af, "Actie vastgelegd voor Tom Meijer.")
    kop(af).to_have_text(f"Signaal {busjes.referentie} op de agenda van {TAFEL}")
    expect(acties.get_by_role("listitem")).to_have_text([f"{HUISBEZOEK}: Tom Meijer, uiterlijk {dag(uiterlijk)}"])
    controleer_toegankelijkheid(af)
    screenshot(af, "actie")

    # The meeting is over.
    af.get_by_role("link", name=f"Terug naar de agenda van {dag(vandaag)}").click()
    kop(af).to_have_text(f"{TAFEL}, {dag(vandaag)}")
    af.get_by_role("link", name="Bijeenkomst afronden").click()
    kop(af).to_have_text(f"Bijeenkomst van {dag(vandaag)} afronden")
    expect(af.get_by_role("main").get_by_role("listitem")).to_have_text(["3 agendapunten hebben een besluit."])
    controleer_toegankelijkheid(af)
    af.get_by_role("button", name="Ja, bijeenkomst afronden").click()
    gelukt(af, f"De bijeenkomst van {dag(vandaag)} is afgerond.")
    expect(af.get_by_text(f"14:00 uur, {PLAATS}. Afgerond op {dag(vandaag)}.")).to_be_visible()
    # Her own items stay readable; nothing can be added to them any more.
    afgerond = [
        [*rij, f"Bekijken ({referentie})"]
        for rij, referentie in zip(besloten, [s.referentie for s in signalen], strict=True)
    ]
    agenda_is(af, afgerond)
    expect(af.get_by_role("region", name="Voorstel voor de agenda")).to_have_count(0)
    expect(af.get_by_role("link", name="Bijeenkomst afronden")).to_have_count(0)
    expect(af.get_by_role("button", name="Agenda mailen aan de deelnemers")).to_have_count(0)
    controleer_toegankelijkheid(af)
    screenshot(af, "afgerond")

    # The signals moved as decided, through the meldroute's own services.
    for signaal in signalen:
        signaal.refresh_from_db()
    assert (kapsalon.status, garagebox.status, busjes.status) == (
        Status.RIEC,
        Status.LOKALE_TAFEL,
        Status.LOKALE_TAFEL,
    )
    assert garagebox.herbeoordelen_op == lopend_tot
    deling = Deling.objects.get(signaal=busjes)
    assert (deling.organisatie, deling.grondslag, deling.einddatum) == (
        d.politie,
        Deling.Grondslag.PRIVACYPROTOCOL_ZVH,
        gedeeld_tot,
    )

    # The verslag: the AF reads all three, her own gemeente's signals.
    af.get_by_role("link", name="Verslag", exact=True).click()
    kop(af).to_have_text(f"Verslag {TAFEL}, {dag(vandaag)}")
    expect(af.get_by_text(f"14:00 uur, {PLAATS}. Lidorganisaties: {LEDEN}.")).to_be_visible()
    expect(af.get_by_text("Concept")).to_have_count(0)
    verslag_af = {
        kapsalon.pk: f"{kapsalon.referentie} (Leeuwarden) Besluit Doorzetten naar het RIEC "
        f"Conclusie {NAAR_RIEC} Signaal {KAPSALON}",
        garagebox.pk: f"{garagebox.referentie} (Leeuwarden) Besluit Lopend houden tot {dag(lopend_tot)} "
        f"Conclusie {NOG_LOPEND} Signaal {GARAGEBOX}",
        busjes.pk: f"{busjes.referentie} (Leeuwarden) Besluit Delen met een lidorganisatie Conclusie {DELEN} "
        f"Gedeeld met {POLITIE} tot en met {dag(gedeeld_tot)} Signaal {BUSJES} "
        f"Acties {HUISBEZOEK}: Tom Meijer, uiterlijk {dag(uiterlijk)}",
    }
    for signaal in signalen:
        expect(verslagpunt(af, signaal)).to_have_text(verslag_af[signaal.pk], use_inner_text=True)
    controleer_toegankelijkheid(af)
    screenshot(af, "verslag-af")

    with af.expect_download() as download:
        af.get_by_role("link", name="Verslag als PDF").click()
    assert download.value.suggested_filename == f"verslag-{vandaag:%Y-%m-%d}.pdf"
    pdf = tmp_path / "verslag-af.pdf"
    download.value.save_as(pdf)
    tekst = pdf_tekst(pdf)
    assert f"Verslag {TAFEL}, {dag(vandaag)}" in tekst
    assert f"Opgesteld voor Lieke de Jong op {dag(vandaag)}." in tekst
    for verwacht in verslag_af.values():
        assert verwacht in tekst, verwacht

    # The police officer takes part as a member: the share and the action wait for him, and the
    # verslag shows him the content of only the signal shared with the police.
    agent = ingelogd(d.agent)
    menu = agent.get_by_role("navigation", name="Hoofdmenu")
    actie_nodig = menu.get_by_role("link", name=re.compile(r"^Actie nodig"))
    # Two points: the action, and the signal the tafel shared with the police.
    expect(actie_nodig).to_have_text("Actie nodig 2 punten")
    actie_nodig.click()
    kop(agent).to_have_text("Actie nodig")
    tafelacties = agent.get_by_role("region", name="Acties van tafels")
    expect(tafelacties.locator("tbody tr th, tbody tr td")).to_have_text(
        [busjes.referentie, "Leeuwarden", f"{HUISBEZOEK} (uiterlijk {dag(uiterlijk)}; {TAFEL}, {dag(vandaag)})"]
    )
    expect(agent.get_by_role("region", name="Delingen").locator("tbody tr th, tbody tr td")).to_have_text(
        [busjes.referentie, "Leeuwarden", "Nieuw met uw organisatie gedeeld"]
    )
    controleer_toegankelijkheid(agent)

    menu_tafels(agent)
    expect(agent.get_by_role("table", name="Uw tafels").locator("tbody tr th, tbody tr td")).to_have_text(
        [TAFEL, "Drieluik", "Regio Fryslân", "Niet gepland"]
    )
    controleer_toegankelijkheid(agent)
    agent.get_by_role("link", name=TAFEL).click()
    kop(agent).to_have_text(TAFEL)
    expect(agent.get_by_role("region", name="Bijeenkomst plannen")).to_have_count(0)
    bijeenkomsten = agent.get_by_role("region", name="Bijeenkomsten").get_by_role("listitem")
    expect(bijeenkomsten).to_have_text([f"{dag(vandaag)}, 14:00, {PLAATS} (afgerond)"])
    controleer_toegankelijkheid(agent)
    bijeenkomsten.get_by_role("link").click()
    kop(agent).to_have_text(f"{TAFEL}, {dag(vandaag)}")
    agenda_is(agent, [[*rij[:-1], "–"] for rij in afgerond])
    expect(agent.get_by_role("table").get_by_role("link")).to_have_count(0)
    # His action, with a button to say it is done.
    uw_acties = agent.get_by_role("region", name="Uw acties")
    expect(uw_acties.get_by_role("listitem")).to_have_text(
        [f"{busjes.referentie}: {HUISBEZOEK}, uiterlijk {dag(uiterlijk)} Gedaan: {HUISBEZOEK} ({busjes.referentie})"]
    )
    controleer_toegankelijkheid(agent)

    agent.get_by_role("link", name="Verslag", exact=True).click()
    kop(agent).to_have_text(f"Verslag {TAFEL}, {dag(vandaag)}")
    verslag_politie = {
        kapsalon.pk: f"{kapsalon.referentie} (Leeuwarden) Besluit Doorzetten naar het RIEC",
        garagebox.pk: f"{garagebox.referentie} (Leeuwarden) Besluit Lopend houden",
        busjes.pk: verslag_af[busjes.pk],
    }
    for signaal in signalen:
        expect(verslagpunt(agent, signaal)).to_have_text(verslag_politie[signaal.pk], use_inner_text=True)
    for geheim in (KAPSALON, NAAR_RIEC, GARAGEBOX, NOG_LOPEND, dag(lopend_tot)):
        expect(agent.get_by_text(geheim)).to_have_count(0)
    controleer_toegankelijkheid(agent)
    screenshot(agent, "verslag-politie")

    with agent.expect_download() as download:
        agent.get_by_role("link", name="Verslag als PDF").click()
    pdf = tmp_path / "verslag-politie.pdf"
    download.value.save_as(pdf)
    tekst = pdf_tekst(pdf)
    assert f"Opgesteld voor Tom Meijer op {dag(vandaag)}." in tekst
    for verwacht in verslag_politie.values():
        assert verwacht in tekst, verwacht
    for geheim in (KAPSALON, NAAR_RIEC, GARAGEBOX, NOG_LOPEND):
        assert geheim not in tekst

    # The visit is done: the action leaves "Uw acties" and "Actie nodig".
    agent.get_by_role("link", name="Terug naar de bijeenkomst").click()
    agent.get_by_role("region", name="Uw acties").get_by_role("button").click()
    gelukt(agent, f"Actie afgerond: {HUISBEZOEK}.")
    expect(agent.get_by_role("region", name="Uw acties")).to_have_count(0)
    expect(menu.get_by_role("link", name=re.compile(r"^Actie nodig"))).to_have_text("Actie nodig 1 punt")
