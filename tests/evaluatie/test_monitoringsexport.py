"""The monitoring export for CoMensha and the Zorg- en Veiligheidshuis: k-anonymous, with an account
of what was generalised and left out, formula cells neutralised, for the coördinator only."""

import csv
import datetime
import io
from collections import Counter
from collections.abc import Iterator

import openpyxl
import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from ketenpartners.models import Gebruiker
from mensenhandel.werkdagen import ZONE
from signalen.models import Toegangslog
from tests.evaluatie.conftest import Regio
from tests.factories import OrganisatieFactory, RegioFactory, gebruiker_met_rol, medewerker, signaal_melden

pytestmark = pytest.mark.django_db

# The export is for a period that has passed: the tests look back from mid-November 2027.
LATER = datetime.datetime(2027, 11, 15, 9, tzinfo=ZONE)


@pytest.fixture(autouse=True)
def later() -> Iterator[None]:
    with time_machine.travel(LATER, tick=False):
        yield


def slachtoffer(geboren: datetime.date, nationaliteit: str) -> dict[str, object]:
    return {"rol": "slachtoffer", "naam": "Jan Jansen", "geboortedatum": geboren, "nationaliteit": nationaliteit}


def export_rijen(client: Client, regio_pk: int, **extra: str) -> list[list[str]]:
    parameters = {"regio": regio_pk, "van": "2027-01-01", "tot": "2027-10-31", "gebied": "gemeente"} | extra
    antwoord = client.get(reverse("evaluatie:monitoring_csv"), parameters)
    assert antwoord.status_code == 200
    rijen = list(csv.reader(io.StringIO(antwoord.content.decode("utf-8-sig")), delimiter=";"))
    return rijen[2 : rijen.index([])] if [] in rijen else rijen[2:]


def test_every_combination_of_area_age_nationality_and_period_occurs_at_least_five_times(
    client: Client, regio: Regio
) -> None:
    melder = Gebruiker.objects.get(username="melder.hoorn")
    # 14 Poles of 19 to 21 in March and April, 3 Vietnamese minors in May, and the fixture's 21
    # signals without a victim (age and nationality unknown).
    for dag in range(14):
        with time_machine.travel(datetime.datetime(2027, 3 + dag % 2, 2 + dag, 10, tzinfo=ZONE), tick=False):
            signaal_melden(melder=melder, betrokkenen=[slachtoffer(datetime.date(2007, 1, 1 + dag), "Poolse")])
    for dag in range(3):
        with time_machine.travel(datetime.datetime(2027, 5, 10 + dag, 10, tzinfo=ZONE), tick=False):
            signaal_melden(melder=melder, betrokkenen=[slachtoffer(datetime.date(2012, 5, 5), "Vietnamese")])
    client.force_login(regio.coordinator)

    rijen = export_rijen(client, regio.westfriesland.pk)
    klassen = Counter((rij[1], rij[2], rij[3], rij[6]) for rij in rijen)
    assert min(klassen.values()) >= 5
    # Only after the whole ladder do the Poles form a class of 14; the three minors are left out.
    assert klassen == {
        ("Westfriesland", "onbekend", "onbekend", "2027"): 21,
        ("Westfriesland", "volwassen", "niet-Nederlands", "2027"): 14,
    }
    assert all("Jan" not in cel and "Jansen" not in cel for rij in rijen for cel in rij)
    pagina = client.get(
        reverse("evaluatie:monitoring"),
        {"regio": regio.westfriesland.pk, "van": "2027-01-01", "tot": "2027-10-31", "gebied": "gemeente"},
    ).content.decode()
    assert "Elke combinatie van gebied, leeftijd, nationaliteit en periode komt minstens 5 keer voor" in pagina
    assert "3 van de 38 regels weggelaten omdat hun combinatie minder dan 5 keer voorkwam." in pagina
    assert "Gemeente vervangen door regio." in pagina
    # The three Vietnamese minors can never be a class of their own.
    assert not [rij for rij in rijen if rij[3] == "buiten de EU" and rij[2] in ("0-17", "minderjarig")]
    assert Toegangslog.objects.filter(actie=Toegangslog.Actie.MONITORING).count() == 1


def test_cells_that_a_spreadsheet_would_run_are_neutralised(client: Client) -> None:
    regio = RegioFactory(naam="=HYPERLINK(1)")
    gemeente = OrganisatieFactory(naam="@Gemeente", regio=regio)
    melder = medewerker(gemeente, username="melder")
    coordinator = gebruiker_met_rol(gemeente, "coordinator", username="coordinator")
    with time_machine.travel(datetime.datetime(2027, 3, 2, 10, tzinfo=ZONE), tick=False):
        for _ in range(6):
            signaal_melden(melder=melder, gemeente=gemeente)
    client.force_login(coordinator)

    rijen = export_rijen(client, regio.pk)
    assert {rij[1] for rij in rijen} == {"'@Gemeente"}
    xlsx = client.get(
        reverse("evaluatie:monitoring_xlsx"),
        {"regio": regio.pk, "van": "2027-01-01", "tot": "2027-10-31", "gebied": "regio"},
    ).content
    blad = openpyxl.load_workbook(io.BytesIO(xlsx)).worksheets[0]
    gebieden = {(c.value, c.data_type) for rij in blad.iter_rows(min_row=3, max_row=8) for c in rij[1:2]}
    assert gebieden == {("'=HYPERLINK(1)", "s")}


def test_only_a_coordinator_exports(client: Client, regio: Regio) -> None:
    client.force_login(regio.af_hoorn)
    for naam in ("evaluatie:monitoring", "evaluatie:monitoring_csv", "evaluatie:monitoring_xlsx"):
        assert client.get(reverse(naam)).status_code == 403
    client.force_login(regio.coordinator)
    antwoord = client.get(
        reverse("evaluatie:monitoring_csv"),
        {"regio": regio.fryslan.pk, "van": "2027-01-01", "tot": "2027-10-31", "gebied": "gemeente"},
    )
    # Another regio is no choice: back to the form, which says so.
    assert antwoord.status_code == 302
    pagina = client.get(antwoord["Location"]).content.decode()
    assert "Kies een regio uit de lijst." in pagina
