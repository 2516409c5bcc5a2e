"""FG tools: every access to a signal or by a user over a period, and the quarterly rights review."""

import csv
import datetime
import io
from dataclasses import dataclass
from zoneinfo import ZoneInfo

import openpyxl  # type: ignore[import-untyped]
import pytest
import time_machine
from django.conf import settings
from django.db import connection
from django.http import HttpResponse
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from gegevensbescherming import fg
from ketenpartners.models import Gebruiker, Organisatie, Rol
from ketenpartners.services import lidmaatschap_toevoegen
from signalen.models import Signaal, Toegangslog
from tests.factories import OrganisatieFactory, RegioFactory, af, gebruiker_met_rol, medewerker, signaal_melden
from tests.hulp import tabelrijen

pytestmark = pytest.mark.django_db

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _om(dag: int, uur: int, maand: int = 3) -> datetime.datetime:
    return datetime.datetime(2026, maand, dag, uur, 0, tzinfo=AMSTERDAM)


@dataclass
class Wereld:
    hoorn: Organisatie
    enkhuizen: Organisatie
    af_hoorn: Gebruiker
    af_enkhuizen: Gebruiker
    melder_hoorn: Gebruiker
    fg_hoorn: Gebruiker
    fg_gooi: Gebruiker
    signaal_hoorn: Signaal
    signaal_enkhuizen: Signaal


@pytest.fixture
def wereld() -> Wereld:
    with time_machine.travel(_om(1, 9), tick=False):
        hoorn = OrganisatieFactory(naam="Hoorn")
        enkhuizen = OrganisatieFactory(naam="Enkhuizen")
        hilversum = OrganisatieFactory(naam="Hilversum", regio=RegioFactory(naam="Gooi en Vechtstreek"))
        melder_hoorn = medewerker(hoorn, username="balie.hoorn", first_name="Dirk", last_name="Smit")
        melder_enkhuizen = medewerker(enkhuizen, username="balie.enkhuizen", first_name="Eva", last_name="Mulder")
        return Wereld(
            hoorn=hoorn,
            enkhuizen=enkhuizen,
            af_hoorn=af(hoorn, username="af.hoorn", first_name="Anna", last_name="de Vries"),
            af_enkhuizen=af(enkhuizen, username="af.enkhuizen", first_name="Carla", last_name="Visser"),
            melder_hoorn=melder_hoorn,
            fg_hoorn=gebruiker_met_rol(hoorn, Rol.FG, username="fg.hoorn", first_name="Fleur", last_name="de Boer"),
            fg_gooi=gebruiker_met_rol(hilversum, Rol.FG, username="fg.gooi"),
            signaal_hoorn=signaal_melden(melder=melder_hoorn, gemeente=hoorn),
            signaal_enkhuizen=signaal_melden(melder=melder_enkhuizen, gemeente=enkhuizen),
        )


@pytest.fixture
def toegang(wereld: Wereld) -> Wereld:
    """Five reads, each at its own moment: allowed and refused, of Hoorn and of Enkhuizen."""
    lezer = Client()
    lezingen = [
        (_om(2, 9), wereld.af_hoorn, "meldroute:detail", [wereld.signaal_hoorn.pk]),
        (_om(3, 10), wereld.af_enkhuizen, "meldroute:detail", [wereld.signaal_hoorn.pk]),  # refused
        (_om(4, 11), wereld.af_hoorn, "meldroute:detail", [wereld.signaal_enkhuizen.pk]),  # refused
        (_om(5, 12), wereld.af_enkhuizen, "meldroute:detail", [wereld.signaal_enkhuizen.pk]),
        (_om(10, 9, maand=4), wereld.af_hoorn, "meldroute:werkbak", []),
    ]
    for moment, gebruiker, naam, args in lezingen:
        with time_machine.travel(moment, tick=False):
            lezer.force_login(gebruiker)
            lezer.get(reverse(naam, args=args))
    return wereld


def _csv_rijen(antwoord: HttpResponse) -> list[list[str]]:
    tekst = antwoord.content.decode("utf-8").removeprefix("\ufeff")
    return list(csv.reader(io.StringIO(tekst, newline=""), delimiter=";"))


def _download(client: Client, naam: str, parameters: dict[str, str]) -> HttpResponse:
    antwoord = client.get(reverse(naam), parameters)
    assert antwoord.status_code == 200, antwoord.get("Location", "")
    return antwoord


# Every access to a signal or by a user.

KOLOMMEN = ["Tijdstip", "Gebruiker", "Actie", "Resultaat", "Signalen", "IP-adres"]


def test_the_export_of_a_signal_lists_every_access_in_the_period_with_reference_numbers(
    client: Client, toegang: Wereld
) -> None:
    referentie = toegang.signaal_hoorn.referentie
    client.force_login(toegang.fg_hoorn)
    parameters = {"signaal": referentie.lower(), "van": "2026-03-01", "tot": "2026-03-31"}

    antwoord = _download(client, "gegevensbescherming:toegang_csv", parameters)

    assert antwoord["Content-Disposition"].startswith('attachment; filename="toegang-')
    assert _csv_rijen(antwoord) == [
        [f"Toegang tot signaal {referentie} vanaf 1 maart 2026 tot en met 31 maart 2026"],
        KOLOMMEN,
        ["2026-03-02 09:00:00", "af.hoorn", "Signaal bekeken", "Toegestaan", referentie, "127.0.0.1"],
        ["2026-03-03 10:00:00", "af.enkhuizen", "Signaal bekeken", "Geweigerd", referentie, "127.0.0.1"],
    ]
    regel = Toegangslog.objects.latest("pk")
    assert (regel.actie, regel.gebruikersnaam, regel.signaal_ids) == (
        "toegang_export",
        "fg.hoorn",
        [toegang.signaal_hoorn.pk],
    )


def test_the_export_of_a_user_counts_signals_of_other_gemeenten_without_naming_them(
    client: Client, toegang: Wereld
) -> None:
    hoorn = toegang.signaal_hoorn.referentie
    client.force_login(toegang.fg_hoorn)

    werkmap = openpyxl.load_workbook(
        io.BytesIO(
            _download(
                client,
                "gegevensbescherming:toegang_xlsx",
                {"gebruiker": "AF.Hoorn", "van": "2026-03-01", "tot": "2026-04-30"},
            ).content
        )
    )

    blad = werkmap.active
    assert [[cel.value for cel in rij] for rij in blad.iter_rows()] == [
        ["Toegang door gebruiker AF.Hoorn vanaf 1 maart 2026 tot en met 30 april 2026", None, None, None, None, None],
        KOLOMMEN,
        ["2026-03-02 09:00:00", "af.hoorn", "Signaal bekeken", "Toegestaan", hoorn, "127.0.0.1"],
        [
            "2026-03-04 11:00:00",
            "af.hoorn",
            "Signaal bekeken",
            "Geweigerd",
            "(en 1 buiten uw gemeenten)",
            "127.0.0.1",
        ],
        ["2026-04-10 09:00:00", "af.hoorn", "Lijst bekeken", "Toegestaan", hoorn, "127.0.0.1"],
    ]
    assert toegang.signaal_enkhuizen.referentie not in str(list(blad.values))


def test_a_user_of_another_gemeente_shows_only_what_they_did_with_the_fgs_signals(
    client: Client, toegang: Wereld
) -> None:
    client.force_login(toegang.fg_hoorn)

    rijen = _csv_rijen(_download(client, "gegevensbescherming:toegang_csv", {"gebruiker": "af.enkhuizen"}))

    assert rijen[2:] == [
        [
            "2026-03-03 10:00:00",
            "af.enkhuizen",
            "Signaal bekeken",
            "Geweigerd",
            toegang.signaal_hoorn.referentie,
            "127.0.0.1",
        ],
    ]


def test_the_page_shows_the_same_rows_and_a_period_leaves_out_what_lies_outside_it(
    client: Client, toegang: Wereld
) -> None:
    client.force_login(toegang.fg_hoorn)

    antwoord = client.get(reverse("gegevensbescherming:toegang"), {"gebruiker": "af.hoorn", "van": "2026-04-01"})

    assert antwoord.status_code == 200
    assert tabelrijen(antwoord.content.decode()) == [
        [
            "10 april 2026 09:00:00",
            "af.hoorn",
            "Lijst bekeken",
            "Toegestaan",
            toegang.signaal_hoorn.referentie,
            "127.0.0.1",
        ]
    ]


def test_a_cell_that_looks_like_a_formula_is_written_as_text(client: Client, wereld: Wereld) -> None:
    listig = af(wereld.hoorn, username="=HYPERLINK(1)")
    lezer = Client()
    lezer.force_login(listig)
    lezer.get(reverse("meldroute:detail", args=[wereld.signaal_hoorn.pk]))
    client.force_login(wereld.fg_hoorn)

    rijen = _csv_rijen(_download(client, "gegevensbescherming:toegang_csv", {"gebruiker": "=HYPERLINK(1)"}))

    assert [rij[1] for rij in rijen[2:]] == ["'=HYPERLINK(1)"]


def test_a_signal_of_another_regio_is_not_found_and_its_download_goes_back_to_the_form(
    client: Client, toegang: Wereld
) -> None:
    client.force_login(toegang.fg_gooi)
    parameters = {"signaal": toegang.signaal_hoorn.referentie}

    pagina = client.get(reverse("gegevensbescherming:toegang"), parameters)
    download = client.get(reverse("gegevensbescherming:toegang_csv"), parameters)

    assert (
        "Er is geen signaal met dit referentienummer in de gemeenten waarvoor u functionaris "
        "gegevensbescherming bent. Controleer het nummer."
    ) in pagina.content.decode()
    assert tabelrijen(pagina.content.decode()) == []
    assert download.status_code == 302
    assert (
        download["Location"] == reverse("gegevensbescherming:toegang") + f"?signaal={toegang.signaal_hoorn.referentie}"
    )
    assert not Toegangslog.objects.filter(actie="toegang_export").exists()


def test_a_user_of_another_regio_shows_nothing_of_the_fgs_gemeenten(client: Client, toegang: Wereld) -> None:
    client.force_login(toegang.fg_gooi)

    rijen = _csv_rijen(_download(client, "gegevensbescherming:toegang_csv", {"gebruiker": "af.hoorn"}))

    assert rijen[2:] == []


@pytest.mark.parametrize(
    ("parameters", "melding"),
    [
        ({"van": "2026-03-01"}, "Vul een referentienummer of een gebruikersnaam in."),
        ({"gebruiker": "af.hoorn", "van": "0001-01-01"}, "Vul een datum in van 1 januari 2000 tot en met vandaag"),
        ({"gebruiker": "af.hoorn", "tot": "31-02-2026"}, "Vul een geldige datum in, bijvoorbeeld 14-03-2026."),
        ({"gebruiker": "af.hoorn", "van": "garbage ☃"}, "Vul een geldige datum in, bijvoorbeeld 14-03-2026."),
        (
            {"gebruiker": "af.hoorn", "van": "2026-04-01", "tot": "2026-03-01"},
            "De datum &#x27;vanaf&#x27; ligt na de datum &#x27;tot en met&#x27;.",
        ),
        ({"signaal": "MH-" + "9" * 30}, "Een referentienummer is hoogstens 20 tekens lang."),
    ],
)
def test_bad_input_gives_a_dutch_message_and_no_rows(
    client: Client, toegang: Wereld, parameters: dict[str, str], melding: str
) -> None:
    client.force_login(toegang.fg_hoorn)

    antwoord = client.get(reverse("gegevensbescherming:toegang"), parameters)

    assert antwoord.status_code == 200
    assert melding in antwoord.content.decode()
    assert tabelrijen(antwoord.content.decode()) == []
    assert client.get(reverse("gegevensbescherming:toegang_xlsx"), parameters).status_code == 302


def test_only_the_fg_gets_the_access_export(client: Client, toegang: Wereld) -> None:
    client.force_login(toegang.af_hoorn)
    for naam in ("toegang", "toegang_csv", "toegang_xlsx", "rechten", "rechten_csv"):
        assert client.get(reverse(f"gegevensbescherming:{naam}"), {"gebruiker": "af.hoorn"}).status_code == 403


# The quarterly rights review.


def test_the_rights_review_lists_exactly_the_users_of_the_fgs_organisations_with_roles_and_permissions(
    client: Client, wereld: Wereld
) -> None:
    # Two roles at Hoorn for one person, and an account that was switched off.
    lidmaatschap_toevoegen(gebruiker=wereld.melder_hoorn, organisatie=wereld.hoorn, rol=Rol.AANDACHTSFUNCTIONARIS)
    oud = medewerker(wereld.hoorn, username="oud.hoorn", first_name="Bert", last_name="Oud")
    client.force_login(wereld.fg_hoorn)  # which gives the FG an authenticator app
    Gebruiker.objects.filter(pk=oud.pk).update(is_active=False)
    Gebruiker.objects.filter(pk=wereld.af_hoorn.pk).update(last_login=_om(20, 14))
    Gebruiker.objects.filter(pk=wereld.fg_hoorn.pk).update(last_login=_om(21, 8))

    antwoord = client.get(reverse("gegevensbescherming:rechten"))

    assert antwoord.status_code == 200
    # Hoorn's AF group holds view and behandelen on Hoorn's one signal: 2 object permissions.
    # Enkhuizen's AF and the FG of Hilversum are not in the list.
    assert tabelrijen(antwoord.content.decode()) == [
        ["Hoorn", "Anna de Vries", "af.hoorn", "Aandachtsfunctionaris", "2", "20 maart 2026 14:00", "nee", "ja"],
        ["Hoorn", "Bert Oud", "oud.hoorn", "Medewerker (melder)", "0", "nooit", "nee", "nee"],
        [
            "Hoorn",
            "Dirk Smit",
            "balie.hoorn",
            "Medewerker (melder), Aandachtsfunctionaris",
            "2",
            "nooit",
            "nee",
            "ja",
        ],
        [
            "Hoorn",
            "Fleur de Boer",
            "fg.hoorn",
            "Functionaris gegevensbescherming",
            "0",
            "21 maart 2026 08:00",
            "ja",
            "ja",
        ],
    ]


def test_the_rights_review_of_a_regio_fg_covers_their_organisation_and_every_gemeente_of_the_regio(
    client: Client, wereld: Wereld
) -> None:
    regio = OrganisatieFactory(naam="Veiligheidsregio Westfriesland", soort=Organisatie.Soort.ANDERS)
    fg_regio = gebruiker_met_rol(regio, Rol.FG, username="fg.regio", first_name="Gijs", last_name="Groot")
    client.force_login(fg_regio)

    antwoord = _download(client, "gegevensbescherming:rechten_csv", {})

    rijen = _csv_rijen(antwoord)
    assert rijen[1] == [
        "Organisatie",
        "Naam",
        "Gebruikersnaam",
        "Rollen",
        "Objectrechten",
        "Laatst ingelogd",
        "MFA ingesteld",
        "Account actief",
    ]
    assert [rij[:5] for rij in rijen[2:-2]] == [
        ["Enkhuizen", "Carla Visser", "af.enkhuizen", "Aandachtsfunctionaris", "2"],
        ["Enkhuizen", "Eva Mulder", "balie.enkhuizen", "Medewerker (melder)", "0"],
        ["Hoorn", "Anna de Vries", "af.hoorn", "Aandachtsfunctionaris", "2"],
        ["Hoorn", "Dirk Smit", "balie.hoorn", "Medewerker (melder)", "0"],
        ["Hoorn", "Fleur de Boer", "fg.hoorn", "Functionaris gegevensbescherming", "0"],
        ["Veiligheidsregio Westfriesland", "Gijs Groot", "fg.regio", "Functionaris gegevensbescherming", "0"],
    ]


def test_the_rights_review_takes_the_same_number_of_queries_for_more_users(client: Client, wereld: Wereld) -> None:
    client.force_login(wereld.fg_hoorn)
    with CaptureQueriesContext(connection) as weinig:
        client.get(reverse("gegevensbescherming:rechten"))
    for nummer in range(5):
        af(wereld.hoorn, username=f"af.extra.{nummer}")
        signaal_melden(melder=wereld.melder_hoorn, gemeente=wereld.hoorn)

    with CaptureQueriesContext(connection) as veel:
        antwoord = client.get(reverse("gegevensbescherming:rechten"))

    assert len(tabelrijen(antwoord.content.decode())) == 8
    assert len(veel.captured_queries) == len(weinig.captured_queries)


def test_without_django_otp_the_second_factor_column_shows_a_dash(wereld: Wereld) -> None:
    zonder_otp = [app for app in settings.INSTALLED_APPS if not app.startswith("django_otp")]
    with override_settings(INSTALLED_APPS=zonder_otp):
        assert fg.rechtenreview(wereld.fg_hoorn)[0].mfa == "\u2013"
    assert fg.rechtenreview(wereld.fg_hoorn)[0].mfa == "nee"
