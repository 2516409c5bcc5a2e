"""The dashboard against figures computed by hand: counts, shares, median and 90th percentile lead
times in werkdagen, and "<5" that no total can undo; per role only its own gemeenten or regio."""

import csv
import datetime
import io
from typing import Any

import openpyxl
import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from evaluatie.export import veilig
from evaluatie.models import Training
from ketenpartners.models import Gebruiker, Organisatie, Rol
from ketenpartners.services import lidmaatschap_toevoegen
from mensenhandel.werkdagen import ZONE, werkdagen_tussen
from signalen.models import Signaal, Team, Vorm
from tests.evaluatie.conftest import BINNEN_TERMIJN, GEMELD, TE_LAAT, Regio
from tests.factories import OrganisatieFactory, gebruiker_met_rol, signaal_melden
from tests.hulp import tabelrijen

pytestmark = pytest.mark.django_db

# Within a year from today, as the filter allows; every signal of the fixture falls in it.
PERIODE = {"van": "2027-01-01", "tot": "2027-10-31"}


def pagina(client: Client, gebruiker: Gebruiker, **parameters: Any) -> str:
    client.force_login(gebruiker)
    antwoord = client.get(reverse("evaluatie:dashboard"), PERIODE | parameters)
    assert antwoord.status_code == 200
    return antwoord.content.decode()


def tabel(html: str, figuur: str) -> list[list[str]]:
    """The rows of one figure's table on the page."""
    begin = html.index(f'id="{figuur}"')
    einde = html.find('<section aria-labelledby="kop-', begin + 1)
    return tabelrijen(html[begin : einde if einde > 0 else None])


def test_the_coordinator_sees_the_regios_figures_as_computed_by_hand(client: Client, regio: Regio) -> None:
    html = pagina(client, regio.coordinator)

    # 21 signals: Hoorn 12, Enkhuizen 3 (shown "<5"), Medemblik 6 (hidden as "x": otherwise 21 - 12 - 6
    # would give Enkhuizen's 3). Acute: Hoorn 1, Medemblik 1. Per 10.000: 12 / 74.000.
    assert tabel(html, "gemeenten") == [
        ["Enkhuizen", "<5", "0", "18.900", "x"],
        ["Hoorn", "12", "<5", "74.000", "1,6"],
        ["Medemblik", "x", "<5", "48.500", "x"],
        ["Totaal", "21", "<5", "", ""],
    ]
    # Nine still opgepikt (hidden, or 21 - 10 would give the two ontvangen), two ontvangen, ten at
    # terugkoppeling after "geen mensenhandel".
    assert tabel(html, "stappen") == [
        ["1. Opgepikt", "x"],
        ["2. Ontvangen", "<5"],
        ["3. Verrijkt", "0"],
        ["4. Lokale tafel", "0"],
        ["5. RIEC", "0"],
        ["6. Informatieplein", "0"],
        ["7. Terugkoppeling", "10"],
        ["Afgesloten", "0"],
        ["Totaal", "21"],
    ]
    assert tabel(html, "trend")[:5] == [
        ["jan 2027", "0"],
        ["feb 2027", "12"],
        ["mrt 2027", "<5"],
        ["apr 2027", "0"],
        ["mei 2027", "x"],
    ]
    assert "Leeuwarden" not in html
    assert "<dt>Signalen gemeld</dt><dd>21</dd>" in html
    assert "<dt>Waarvan acuut</dt><dd>&lt;5 van 21</dd>" in html
    assert "<dt>Teruggekoppeld aan de melder binnen de termijn</dt><dd>5 van 10 (50%)</dd>" in html
    assert "<dt>Geen (vermoeden van) mensenhandel</dt><dd>10 van 21 (48%)</dd>" in html


def test_lead_times_are_the_median_and_90th_percentile_in_werkdagen(client: Client, regio: Regio) -> None:
    html = pagina(client, regio.af_hoorn)

    # Stap 2, sorted: 0 0 1 1 1 1 1 2 2 3 5 8 → median 1, p90 at 9.9: 3 + 0.9 * (5 - 3) = 4.8.
    # Stap 3: 2 3 3 4 5 6 7 8 10 12 → median (5 + 6) / 2 = 5.5, p90 at 8.1: 10 + 0.1 * 2 = 10.2.
    rijen = {rij[0]: rij[1:] for rij in tabel(html, "doorlooptijden")}
    assert rijen["Naar stap 2: in behandeling genomen"] == ["12", "1,0", "4,8"]
    assert rijen["Naar stap 3: verrijkt"] == ["10", "5,5", "10,2"]
    assert rijen["Naar stap 4: lokale tafel"] == ["0", "–", "–"]
    binnen = werkdagen_tussen(GEMELD.date(), BINNEN_TERMIJN)
    te_laat = werkdagen_tussen(GEMELD.date(), TE_LAAT)
    # Five of each: the median lies halfway, the 90th percentile at 8.1 → the late value.
    mediaan = f"{(binnen + te_laat) / 2:.1f}".replace(".", ",")
    assert rijen["Van melden tot terugkoppeling aan de melder"] == ["10", mediaan, f"{te_laat:.1f}".replace(".", ",")]
    assert f"<dt>Mediane tijd tot terugkoppeling</dt><dd>{mediaan} werkdagen</dd>" in html


def test_a_coordinator_of_two_regios_narrows_the_figures_to_one(client: Client, regio: Regio) -> None:
    beide = gebruiker_met_rol(regio.hoorn, Rol.COORDINATOR, username="coordinator.beide")
    lidmaatschap_toevoegen(gebruiker=beide, organisatie=regio.leeuwarden, rol=Rol.COORDINATOR)

    alles = pagina(client, beide)
    assert [rij[0] for rij in tabel(alles, "gemeenten")] == ["Enkhuizen", "Hoorn", "Leeuwarden", "Medemblik", "Totaal"]
    fryslan = pagina(client, beide, regio=regio.fryslan.pk)
    assert [rij[0] for rij in tabel(fryslan, "gemeenten")] == ["Leeuwarden", "Totaal"]
    assert f'<option value="{regio.fryslan.pk}" selected>Fryslân</option>' in fryslan
    westfriesland = pagina(client, beide, regio=regio.westfriesland.pk)
    assert [rij[0] for rij in tabel(westfriesland, "gemeenten")] == ["Enkhuizen", "Hoorn", "Medemblik", "Totaal"]


def test_the_af_sees_only_their_own_gemeente_and_cannot_choose_another(client: Client, regio: Regio) -> None:
    html = pagina(client, regio.af_hoorn, gemeente=regio.enkhuizen.pk)
    assert "Kies een gemeente uit de lijst." in html
    assert tabel(html, "gemeenten") == [["Hoorn", "12", "<5", "74.000", "1,6"], ["Totaal", "12", "<5", "", ""]]
    assert f'<option value="{regio.hoorn.pk}">Hoorn</option>' in html
    assert f'value="{regio.enkhuizen.pk}"' not in html


def test_the_coordinator_of_westfriesland_sees_nothing_of_fryslan(client: Client, regio: Regio) -> None:
    Training.objects.create(
        gemeente=regio.leeuwarden,
        datum=datetime.date(2027, 5, 1),
        deelnemers=20,
        aanbieder="fier",
        onderwerp="Loverboys herkennen",
        geregistreerd_door=regio.coordinator_fryslan,
    )
    client.force_login(regio.coordinator)
    parameters = PERIODE | {"gemeente": regio.leeuwarden.pk}
    for naam, figuur in [("evaluatie:download_csv", "gemeenten"), ("evaluatie:download_xlsx", "alles")]:
        antwoord = client.get(reverse(naam, args=[figuur]), parameters)
        assert antwoord.status_code == 200
        inhoud = antwoord.content
        if naam.endswith("csv"):
            assert "Leeuwarden" not in inhoud.decode("utf-8-sig")
        else:
            werkmap = openpyxl.load_workbook(io.BytesIO(inhoud))
            cellen = [str(c.value) for blad in werkmap.worksheets for rij in blad.iter_rows() for c in rij]
            assert not [c for c in cellen if "Leeuwarden" in c or "Loverboys" in c]
    assert client.get(reverse("evaluatie:basisniveau_bewerken", args=[regio.leeuwarden.pk])).status_code == 404
    training = Training.objects.get()
    assert client.get(reverse("evaluatie:training_bewerken", args=[training.pk])).status_code == 404
    assert client.post(reverse("evaluatie:training_verwijderen", args=[training.pk])).status_code == 404
    assert "Loverboys" not in client.get(reverse("evaluatie:trainingen")).content.decode()
    basisniveau = client.get(reverse("evaluatie:basisniveau")).content.decode()
    assert "Leeuwarden" not in basisniveau
    assert [rij[0] for rij in tabelrijen(basisniveau)] == ["Enkhuizen", "Hoorn", "Medemblik"]


def test_a_download_is_the_table_on_the_page_with_formula_cells_neutralised(client: Client, regio: Regio) -> None:
    team = Team.objects.create(naam='=HYPERLINK("http://aanval.example")', volgorde=99)
    with time_machine.travel(datetime.datetime(2027, 7, 1, 9, 0, tzinfo=ZONE), tick=False):
        for _ in range(6):
            signaal_melden(melder=Gebruiker.objects.get(username="melder.hoorn"), team=team)
    client.force_login(regio.coordinator)
    csv_tekst = client.get(reverse("evaluatie:download_csv", args=["teams"]), PERIODE).content.decode("utf-8-sig")
    rijen = list(csv.reader(io.StringIO(csv_tekst), delimiter=";"))
    assert ['\'=HYPERLINK("http://aanval.example")', "6"] in rijen
    xlsx = client.get(reverse("evaluatie:download_xlsx", args=["teams"]), PERIODE).content
    blad = openpyxl.load_workbook(io.BytesIO(xlsx)).worksheets[0]
    cel = next(c for rij in blad.iter_rows() for c in rij if str(c.value).startswith("'="))
    assert (cel.value, cel.data_type) == ('\'=HYPERLINK("http://aanval.example")', "s")
    # The CSV holds the page's table cell for cell: title, header, then the rows.
    pagina_rijen = tabel(pagina(client, regio.coordinator), "teams")
    assert rijen[2 : 2 + len(pagina_rijen)] == [[str(veilig(cel)) for cel in rij] for rij in pagina_rijen]


def test_the_dashboard_costs_the_same_queries_for_few_and_many_signals(client: Client, regio: Regio) -> None:
    client.force_login(regio.coordinator)
    url = reverse("evaluatie:dashboard")

    def tellen() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url, PERIODE).status_code == 200
        return len(queries)

    weinig = tellen()
    melder = Gebruiker.objects.get(username="melder.medemblik")
    vormen = list(Vorm.objects.all()[:2])
    with time_machine.travel(datetime.datetime(2027, 8, 2, 9, 0, tzinfo=ZONE), tick=False):
        for _ in range(40):
            signaal_melden(melder=melder, vormen=vormen)
    assert tellen() == weinig
    assert Signaal.objects.count() == 68


@pytest.mark.parametrize("naam", ["evaluatie:dashboard", "evaluatie:basisniveau", "evaluatie:trainingen"])
def test_a_ketenpartner_or_melder_gets_no_dashboard(client: Client, regio: Regio, naam: str) -> None:
    politie = OrganisatieFactory(naam="Politie", soort=Organisatie.Soort.POLITIE)
    for gebruiker in [
        gebruiker_met_rol(politie, Rol.KETENPARTNER, username="agent"),
        Gebruiker.objects.get(username="melder.hoorn"),
    ]:
        client.force_login(gebruiker)
        assert client.get(reverse(naam)).status_code == 403
