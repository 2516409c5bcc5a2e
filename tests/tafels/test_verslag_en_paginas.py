"""The tafel's pages: each member organisation reads in the verslag (HTML and PDF) the content of
only the signals shared with it; whoever takes no part gets 404 on every tafel URL; bad input
gets a Dutch message and keeps what was typed."""

import datetime
import html
import io
import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils.formats import date_format
from pypdf import PdfReader

from ketenpartners.models import Gebruiker
from signalen.models import Toegangslog
from signalen.workflow import Status
from tafels import services
from tafels.models import Agendapunt, Bijeenkomst, Tafelactie
from tests.factories import gebruiker_met_rol, medewerker
from tests.hulp import tabelrijen
from tests.tafels.conftest import VANDAAG, Drieluik, over

pytestmark = pytest.mark.django_db
Besluit = Agendapunt.Besluit


def lang(dag: datetime.date) -> str:
    return date_format(dag, "j F Y")


class Bespreking:
    """A meeting held today: L1 shared with the police, L2 with Fier, H1 of Harlingen discussed."""

    def __init__(self, d: Drieluik) -> None:
        self.l1 = d.signaal(Status.LOKALE_TAFEL, omschrijving="Kamers boven de kapsalon aan de Nieuwestad.")
        self.l2 = d.signaal(Status.LOKALE_TAFEL, omschrijving="Zeven matrassen in een garagebox in Bilgaard.")
        self.h1 = d.signaal(Status.LOKALE_TAFEL, gemeente="Harlingen", omschrijving="Bemanning slaapt op de kotter.")
        self.bijeenkomst = services.bijeenkomst_plannen(
            tafel_id=d.tafel.pk,
            door=d.af_leeuwarden,
            datum=VANDAAG(),
            aanvang=datetime.time(14),
            plaats="ZVH, Leeuwarden",
        )
        punten = [
            services.agendapunt_toevoegen(bijeenkomst_id=self.bijeenkomst.pk, door=af, signaal_id=s.pk, soort="nieuw")
            for s, af in ((self.l1, d.af_leeuwarden), (self.l2, d.af_leeuwarden), (self.h1, d.af_harlingen))
        ]
        self.punten = punten
        for punt, organisatie, conclusie in (
            (punten[0], d.politie, "TMM gaat op huisbezoek."),
            (punten[1], d.fier, "Fier neemt contact op met de bewoners."),
        ):
            services.besluit_vastleggen(
                agendapunt_id=punt.pk,
                door=d.af_leeuwarden,
                besluit=Besluit.DELEN,
                conclusie=conclusie,
                organisatie=organisatie,
                grondslag="privacyprotocol_zvh",
                einddatum=over(30),
            )
        services.besluit_vastleggen(
            agendapunt_id=punten[2].pk,
            door=d.af_harlingen,
            besluit=Besluit.BESPROKEN,
            conclusie="Havendienst vraagt na.",
        )
        services.actie_toevoegen(
            agendapunt_id=punten[0].pk,
            door=d.af_leeuwarden,
            omschrijving="Huisbezoek",
            eigenaar=d.agent,
            uiterlijk=over(7),
        )


def secties(pagina: str) -> list[str]:
    """Each item of the verslag as its text, whitespace collapsed."""
    stukken = re.findall(r'<section class="[^"]*mh-verslagpunt[^"]*".*?</section>', pagina, flags=re.S)
    return [" ".join(html.unescape(re.sub(r"<[^>]+>", " ", s)).split()) for s in stukken]


def test_each_reader_sees_the_content_of_only_the_signals_they_may_see(client: Client, drieluik: Drieluik) -> None:
    d = drieluik
    b = Bespreking(d)
    l1 = (
        f"{b.l1.referentie} (Leeuwarden) Besluit Delen met een lidorganisatie Conclusie TMM gaat op huisbezoek. "
        f"Gedeeld met Politie Noord-Nederland tot en met {lang(over(30))} "
        "Signaal Kamers boven de kapsalon aan de Nieuwestad. "
        f"Acties Huisbezoek: Tom Meijer, uiterlijk {lang(over(7))}"
    )
    l2 = (
        f"{b.l2.referentie} (Leeuwarden) Besluit Delen met een lidorganisatie Conclusie Fier neemt contact op met de "
        f"bewoners. Gedeeld met Fier tot en met {lang(over(30))} "
        "Signaal Zeven matrassen in een garagebox in Bilgaard."
    )
    h1 = (
        f"{b.h1.referentie} (Harlingen) Besluit Besproken Conclusie Havendienst vraagt na. "
        "Signaal Bemanning slaapt op de kotter."
    )
    alleen = {
        "l1": f"{b.l1.referentie} (Leeuwarden) Besluit Delen met een lidorganisatie",
        "l2": f"{b.l2.referentie} (Leeuwarden) Besluit Delen met een lidorganisatie",
        "h1": f"{b.h1.referentie} (Harlingen) Besluit Besproken",
    }
    verwacht: dict[str, tuple[Gebruiker, list[str], list[int]]] = {
        "politie": (d.agent, [l1, alleen["l2"], alleen["h1"]], [b.l1.pk]),
        "Fier": (d.zorgcoordinator, [alleen["l1"], l2, alleen["h1"]], [b.l2.pk]),
        "voorzitter (ZVH, niets gedeeld)": (d.procesregisseur, list(alleen.values()), []),
        "AF Leeuwarden": (d.af_leeuwarden, [l1, l2, alleen["h1"]], sorted([b.l1.pk, b.l2.pk])),
        "AF Harlingen": (d.af_harlingen, [alleen["l1"], alleen["l2"], h1], [b.h1.pk]),
    }
    for wie, (gebruiker, items, ids) in verwacht.items():
        client.force_login(gebruiker)
        antwoord = client.get(reverse("tafels:verslag", args=[b.bijeenkomst.pk]))
        assert antwoord.status_code == 200, wie
        assert secties(antwoord.content.decode()) == items, wie
        regel = Toegangslog.objects.filter(gebruiker=gebruiker).latest("pk")
        assert (regel.actie, regel.resultaat, regel.signaal_ids) == ("tafelverslag", "toegestaan", ids), wie


def pdf_tekst(inhoud: bytes) -> str:
    return " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(inhoud)).pages).split())


def test_the_pdf_verslag_holds_the_same_content_for_the_same_reader(client: Client, drieluik: Drieluik) -> None:
    d = drieluik
    b = Bespreking(d)
    client.force_login(d.agent)

    antwoord = client.get(reverse("tafels:verslag_pdf", args=[b.bijeenkomst.pk]))

    assert antwoord.status_code == 200
    assert antwoord["Content-Type"] == "application/pdf"
    assert antwoord["Content-Disposition"] == f'attachment; filename="verslag-{VANDAAG():%Y-%m-%d}.pdf"'
    tekst = pdf_tekst(antwoord.content)
    assert f"Verslag Drieluik Fryslân, {lang(VANDAAG())}" in tekst
    assert "Opgesteld voor Tom Meijer" in tekst
    for zichtbaar in (
        "Kamers boven de kapsalon aan de Nieuwestad.",
        "TMM gaat op huisbezoek.",
        b.l2.referentie,
        b.h1.referentie,
    ):
        assert zichtbaar in tekst
    for verborgen in ("Zeven matrassen", "Fier neemt contact op", "Bemanning slaapt", "Havendienst vraagt na"):
        assert verborgen not in tekst
    assert Toegangslog.objects.filter(gebruiker=d.agent, actie="tafelverslag").latest("pk").signaal_ids == [b.l1.pk]


def test_whoever_takes_no_part_gets_404_on_every_tafel_url_and_changes_nothing(
    client: Client, drieluik: Drieluik
) -> None:
    d = drieluik
    b = Bespreking(d)
    actie = Tafelactie.objects.get()
    buitenstaanders = [
        d.riec_medewerker,  # a partner organisation of the regio that is no member
        d.af_hoorn,  # an AF of another regio
        medewerker(d.leeuwarden, username="melder.leeuwarden"),
        gebruiker_met_rol(d.leeuwarden, "coordinator", username="coordinator.fryslan"),
        gebruiker_met_rol(d.leeuwarden, "fg", username="fg.fryslan"),
    ]
    punt = b.punten[0]
    urls = [
        ("GET", reverse("tafels:tafel", args=[d.tafel.pk]), {}),
        (
            "POST",
            reverse("tafels:tafel", args=[d.tafel.pk]),
            {"datum": over(7).isoformat(), "aanvang": "14:00", "plaats": "X"},
        ),
        ("GET", reverse("tafels:bijeenkomst", args=[b.bijeenkomst.pk]), {}),
        ("GET", reverse("tafels:verslag", args=[b.bijeenkomst.pk]), {}),
        ("GET", reverse("tafels:verslag_pdf", args=[b.bijeenkomst.pk]), {}),
        (
            "POST",
            reverse("tafels:agendapunt_toevoegen", args=[b.bijeenkomst.pk]),
            {"signaal": b.l1.pk, "soort": "nieuw"},
        ),
        ("POST", reverse("tafels:afronden", args=[b.bijeenkomst.pk]), {}),
        ("GET", reverse("tafels:besluit", args=[punt.pk]), {}),
        ("POST", reverse("tafels:besluit", args=[punt.pk]), {"actie_toevoegen": "1", "omschrijving": "X"}),
        ("POST", reverse("tafels:agendapunt_verwijderen", args=[punt.pk]), {}),
        ("POST", reverse("tafels:actie_afronden", args=[actie.pk]), {}),
    ]
    for gebruiker in buitenstaanders:
        client.force_login(gebruiker)
        for methode, url, gegevens in urls:
            antwoord = client.get(url) if methode == "GET" else client.post(url, gegevens)
            assert antwoord.status_code == 404, (gebruiker.username, methode, url)
        overzicht = client.get(reverse("tafels:overzicht")).content.decode()
        assert "U neemt aan geen tafel deel." in overzicht
        assert "Drieluik" not in overzicht
    assert Bijeenkomst.objects.count() == 1
    assert Agendapunt.objects.count() == 3
    assert Tafelactie.objects.filter(afgerond_op__isnull=True).count() == 1
    assert b.bijeenkomst.agendapunten.filter(bijeenkomst__afgerond_op__isnull=True).count() == 3


def test_the_agenda_page_shows_every_participant_the_references_and_only_the_af_their_buttons(
    client: Client, drieluik: Drieluik
) -> None:
    d = drieluik
    b = Bespreking(d)
    nieuw = d.signaal(Status.VERRIJKT)
    url = reverse("tafels:bijeenkomst", args=[b.bijeenkomst.pk])

    client.force_login(d.af_leeuwarden)
    pagina = client.get(url).content.decode()
    assert tabelrijen(pagina) == [
        [
            b.l1.referentie,
            "Leeuwarden",
            "Nieuw signaal",
            "Delen met een lidorganisatie",
            f"Acties bij {b.l1.referentie}",
        ],
        [
            b.l2.referentie,
            "Leeuwarden",
            "Nieuw signaal",
            "Delen met een lidorganisatie",
            f"Acties bij {b.l2.referentie}",
        ],
        [b.h1.referentie, "Harlingen", "Nieuw signaal", "Besproken", "–"],
    ]
    assert f'href="{reverse("meldroute:detail", args=[b.l1.pk])}"' in pagina
    assert f'href="{reverse("meldroute:detail", args=[b.h1.pk])}"' not in pagina
    assert re.findall(r'name="signaal" value="(\d+)"', pagina) == [str(nieuw.pk)]

    client.force_login(d.agent)
    pagina = client.get(url).content.decode()
    assert [rij[:4] for rij in tabelrijen(pagina)] == [
        [b.l1.referentie, "Leeuwarden", "Nieuw signaal", "Delen met een lidorganisatie"],
        [b.l2.referentie, "Leeuwarden", "Nieuw signaal", "Delen met een lidorganisatie"],
        [b.h1.referentie, "Harlingen", "Nieuw signaal", "Besproken"],
    ]
    assert "Voorstel voor de agenda" not in pagina
    assert "Bijeenkomst afronden" not in pagina
    assert nieuw.referentie not in pagina
    regel = Toegangslog.objects.filter(gebruiker=d.agent).latest("pk")
    assert (regel.actie, regel.signaal_ids) == ("tafelagenda", sorted([b.l1.pk, b.l2.pk, b.h1.pk]))


def test_planning_in_the_past_says_so_in_dutch_and_keeps_what_was_typed(client: Client, drieluik: Drieluik) -> None:
    d = drieluik
    client.force_login(d.af_leeuwarden)
    gisteren = VANDAAG() - datetime.timedelta(days=1)

    antwoord = client.post(
        reverse("tafels:tafel", args=[d.tafel.pk]),
        {"datum": gisteren.isoformat(), "aanvang": "25:00", "plaats": "Gemeentehuis Harlingen"},
    )

    pagina = antwoord.content.decode()
    assert antwoord.status_code == 200
    assert "Vul een tijd in als 14:30." in pagina
    assert f"Vul een datum in van vandaag ({lang(VANDAAG())}) tot en met {lang(over(365))}." in pagina
    assert f'value="{gisteren.isoformat()}"' in pagina
    assert 'value="Gemeentehuis Harlingen"' in pagina
    assert Bijeenkomst.objects.count() == 0


def test_a_decision_missing_what_it_needs_says_so_and_keeps_the_conclusion(client: Client, drieluik: Drieluik) -> None:
    d = drieluik
    signaal = d.signaal(Status.LOKALE_TAFEL)
    bijeenkomst = services.bijeenkomst_plannen(
        tafel_id=d.tafel.pk, door=d.af_leeuwarden, datum=VANDAAG(), aanvang=datetime.time(9), plaats="Leeuwarden"
    )
    punt = services.agendapunt_toevoegen(
        bijeenkomst_id=bijeenkomst.pk, door=d.af_leeuwarden, signaal_id=signaal.pk, soort="nieuw"
    )
    client.force_login(d.af_leeuwarden)
    url = reverse("tafels:besluit", args=[punt.pk])
    gegevens = {"besluit_vastleggen": "1", "verwachte_status": "lokale_tafel", "conclusie": "Dwang is aannemelijk."}

    zonder_contact = client.post(url, gegevens | {"besluit": "doorzetten_riec"}).content.decode()
    assert "Vul de contactpersoon bij het RIEC in." in zonder_contact
    assert "Dwang is aannemelijk.</textarea>" in zonder_contact
    te_vroeg = client.post(url, gegevens | {"besluit": "informatieplein"}).content.decode()
    assert "Dit kan niet in stap &#x27;4. Lokale tafel&#x27;. Kies een actie die nu mogelijk is." in te_vroeg
    assert "Dwang is aannemelijk.</textarea>" in te_vroeg

    signaal.refresh_from_db()
    punt.refresh_from_db()
    assert (signaal.status, punt.besluit) == (Status.LOKALE_TAFEL, "")

    gelukt = client.post(url, gegevens | {"besluit": "doorzetten_riec", "riec_contact": "RIEC Noord-Nederland"})
    assert gelukt.status_code == 302
    signaal.refresh_from_db()
    assert signaal.status == Status.RIEC
