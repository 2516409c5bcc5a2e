"""The CSV and XLSX downloads: the right rows, no formula injection, and headers that keep the file private."""

import csv
import io
import zipfile
from collections.abc import Callable

import openpyxl  # type: ignore[import-untyped]
import pytest
from django.http import HttpResponse

from evaluatie.export import Tabel, csv_antwoord, veilig, xlsx_antwoord

FORMULES = ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"]
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

VORMEN = Tabel(
    titel="Signalen per vorm",
    kolommen=["Vorm", "Aantal", "Gemiddelde doorlooptijd"],
    rijen=[
        ["Arbeidsuitbuiting", 12, 3.5],
        ["Seksuele uitbuiting", "<5", None],
        ["Criminele uitbuiting", 0, 0.1],
        ["Gedwongen orgaanverwijdering", "x", 12.25],
    ],
    voetnoot="<5: minder dan vijf signalen; x: niet getoond om herleidbaarheid te voorkomen.",
)


def _csv_rijen(antwoord: HttpResponse) -> list[list[str]]:
    tekst = antwoord.content.decode("utf-8")
    assert tekst.startswith("\ufeff")
    return list(csv.reader(io.StringIO(tekst.removeprefix("\ufeff"), newline=""), delimiter=";"))


def _werkmap(antwoord: HttpResponse) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(antwoord.content))


def test_the_csv_reads_back_as_title_header_rows_and_footnote_with_decimal_commas() -> None:
    antwoord = csv_antwoord(VORMEN, bestandsnaam="signalen-per-vorm.csv")

    assert antwoord.content.startswith(b"\xef\xbb\xbf")
    assert _csv_rijen(antwoord) == [
        ["Signalen per vorm"],
        ["Vorm", "Aantal", "Gemiddelde doorlooptijd"],
        ["Arbeidsuitbuiting", "12", "3,5"],
        ["Seksuele uitbuiting", "<5", ""],
        ["Criminele uitbuiting", "0", "0,1"],
        ["Gedwongen orgaanverwijdering", "x", "12,25"],
        [],
        ["<5: minder dan vijf signalen; x: niet getoond om herleidbaarheid te voorkomen."],
    ]


def test_the_csv_keeps_diacritics_and_writes_no_footnote_when_there_is_none() -> None:
    tabel = Tabel(titel="Regio's", kolommen=["Regio", "Aantal"], rijen=[["Noord-Holland Noord – Hoorn é ë", 7]])

    assert _csv_rijen(csv_antwoord(tabel, bestandsnaam="regios.csv")) == [
        ["Regio's"],
        ["Regio", "Aantal"],
        ["Noord-Holland Noord – Hoorn é ë", "7"],
    ]


def test_the_csv_writes_floats_in_full_without_an_exponent() -> None:
    tabel = Tabel(titel="Groot", kolommen=["Getal"], rijen=[[1e16], [-2.5], [0.30000000000000004]])

    assert _csv_rijen(csv_antwoord(tabel, bestandsnaam="groot.csv"))[2:] == [
        ["10000000000000000"],
        ["-2,5"],
        ["0,30000000000000004"],
    ]


@pytest.mark.parametrize("formule", FORMULES)
def test_a_csv_cell_that_starts_like_a_formula_comes_back_with_an_apostrophe(formule: str) -> None:
    tabel = Tabel(titel=formule, kolommen=[formule], rijen=[[formule]], voetnoot=formule)

    assert _csv_rijen(csv_antwoord(tabel, bestandsnaam="formules.csv")) == [
        ["'" + formule],
        ["'" + formule],
        ["'" + formule],
        [],
        ["'" + formule],
    ]


def test_a_negative_number_in_the_csv_is_a_number_and_gets_no_apostrophe() -> None:
    tabel = Tabel(titel="Verschil", kolommen=["Verschil"], rijen=[[-3], [-3.5]])

    assert _csv_rijen(csv_antwoord(tabel, bestandsnaam="verschil.csv"))[2:] == [["-3"], ["-3,5"]]


@pytest.mark.parametrize("formule", FORMULES)
def test_veilig_puts_an_apostrophe_before_a_text_that_starts_like_a_formula(formule: str) -> None:
    assert veilig(formule) == "'" + formule


@pytest.mark.parametrize("waarde", [-3, -3.5, 0, 12, None, "", "Hoorn", "<5", "x", "'al veilig", " =1"])
def test_veilig_leaves_numbers_none_and_harmless_texts_as_they_are(waarde: str | int | float | None) -> None:
    assert veilig(waarde) == waarde
    assert type(veilig(waarde)) is type(waarde)


def test_the_xlsx_has_one_sheet_per_table_with_title_bold_header_numbers_and_footnote() -> None:
    trend = Tabel(
        titel="Signalen per kwartaal", kolommen=["Kwartaal", "Aantal"], rijen=[["K1 2026", 14], ["K2 2026", -3]]
    )

    werkmap = _werkmap(xlsx_antwoord([VORMEN, trend], bestandsnaam="evaluatie.xlsx"))

    assert werkmap.sheetnames == ["Signalen per vorm", "Signalen per kwartaal"]
    blad = werkmap["Signalen per vorm"]
    assert [[cel.value for cel in rij] for rij in blad.iter_rows()] == [
        ["Signalen per vorm", None, None],
        ["Vorm", "Aantal", "Gemiddelde doorlooptijd"],
        ["Arbeidsuitbuiting", 12, 3.5],
        ["Seksuele uitbuiting", "<5", None],
        ["Criminele uitbuiting", 0, 0.1],
        ["Gedwongen orgaanverwijdering", "x", 12.25],
        [None, None, None],
        ["<5: minder dan vijf signalen; x: niet getoond om herleidbaarheid te voorkomen.", None, None],
    ]
    assert [cel.font.b for cel in blad[2]] == [True, True, True]
    assert blad["A1"].font.b is True
    assert blad["A3"].font.b is False
    assert [blad["B3"].data_type, blad["C3"].data_type, blad["B4"].data_type] == ["n", "n", "s"]
    assert blad.freeze_panes == "A3"
    kwartalen = werkmap["Signalen per kwartaal"]
    assert [[cel.value for cel in rij] for rij in kwartalen.iter_rows()] == [
        ["Signalen per kwartaal", None],
        ["Kwartaal", "Aantal"],
        ["K1 2026", 14],
        ["K2 2026", -3],
    ]
    assert kwartalen["B4"].data_type == "n"


@pytest.mark.parametrize("formule", FORMULES)
def test_an_xlsx_cell_that_starts_like_a_formula_is_a_text_with_an_apostrophe(formule: str) -> None:
    tabel = Tabel(titel="Formules", kolommen=[formule], rijen=[[formule]])

    antwoord = xlsx_antwoord([tabel], bestandsnaam="formules.xlsx")

    blad = _werkmap(antwoord)["Formules"]
    # XML reads a carriage return in a text back as a line feed; the apostrophe in front is what counts.
    verwacht = "'" + formule.replace("\r", "\n")
    assert [(cel.value, cel.data_type) for cel in (blad["A2"], blad["A3"])] == [(verwacht, "s")] * 2
    with zipfile.ZipFile(io.BytesIO(antwoord.content)) as archief:
        assert "<f>" not in archief.read("xl/worksheets/sheet1.xml").decode()


def test_an_xlsx_formula_hidden_behind_a_control_character_still_gets_its_apostrophe() -> None:
    tabel = Tabel(titel="Formules", kolommen=["Tekst"], rijen=[["\x01=1+1"], ["\x00#N/A"]])

    blad = _werkmap(xlsx_antwoord([tabel], bestandsnaam="formules.xlsx"))["Formules"]

    assert [(cel.value, cel.data_type) for cel in (blad["A3"], blad["A4"])] == [("'=1+1", "s"), ("#N/A", "s")]


def test_xlsx_sheet_names_follow_the_rules_of_excel() -> None:
    tabellen = [
        Tabel(titel="Signalen [2026]: Hoorn/Enkhuizen*? per vorm\\ en per maand", kolommen=["a"], rijen=[]),
        Tabel(titel="signalen [2026]: hoorn/enkhuizen*? per vorm\\ en per maand", kolommen=["a"], rijen=[]),
        Tabel(titel="[]:*?/\\", kolommen=["a"], rijen=[]),
        Tabel(titel="'Hoorn'", kolommen=["a"], rijen=[]),
    ]

    werkmap = _werkmap(xlsx_antwoord(tabellen, bestandsnaam="namen.xlsx"))

    assert werkmap.sheetnames == [
        "Signalen 2026 HoornEnkhuizen pe",
        "signalen 2026 hoornenkhuize (2)",
        "Tabel 3",
        "Hoorn",
    ]
    # The full title stays in the sheet itself.
    assert werkmap.worksheets[0]["A1"].value == "Signalen [2026]: Hoorn/Enkhuizen*? per vorm\\ en per maand"


@pytest.mark.parametrize(
    ("antwoord", "content_type", "bestandsnaam"),
    [
        (
            lambda: csv_antwoord(VORMEN, bestandsnaam="signalen_2026.csv"),
            "text/csv; charset=utf-8",
            "signalen_2026.csv",
        ),
        (lambda: xlsx_antwoord([VORMEN], bestandsnaam="signalen_2026.xlsx"), XLSX, "signalen_2026.xlsx"),
    ],
)
def test_a_download_is_a_private_attachment_that_no_browser_sniffs(
    antwoord: Callable[[], HttpResponse], content_type: str, bestandsnaam: str
) -> None:
    response = antwoord()

    assert response["Content-Type"] == content_type
    assert response["Content-Disposition"] == f'attachment; filename="{bestandsnaam}"'
    assert response["Cache-Control"] == "private, no-store"
    assert response["X-Content-Type-Options"] == "nosniff"


# Stems that no extension makes right, and whole names that are wrong for both kinds of download.
ONGELDIGE_STAMMEN = ["../signalen", 'a"b', "a b", "a;b", "é", "signalen\n", "map/signalen", "a\\b", "a\rb"]
ONGELDIGE_NAMEN = ["", "signalen", "signalen.txt", "signalen.csv.exe", "signalen.csv\n"]


@pytest.mark.parametrize(
    "naam", [*[f"{stam}.csv" for stam in ONGELDIGE_STAMMEN], *ONGELDIGE_NAMEN, ".csv", "signalen.xlsx"]
)
def test_a_bad_csv_file_name_raises_value_error(naam: str) -> None:
    with pytest.raises(ValueError, match="Ongeldige bestandsnaam"):
        csv_antwoord(VORMEN, bestandsnaam=naam)


@pytest.mark.parametrize(
    "naam", [*[f"{stam}.xlsx" for stam in ONGELDIGE_STAMMEN], *ONGELDIGE_NAMEN, ".xlsx", "signalen.csv"]
)
def test_a_bad_xlsx_file_name_raises_value_error(naam: str) -> None:
    with pytest.raises(ValueError, match="Ongeldige bestandsnaam"):
        xlsx_antwoord([VORMEN], bestandsnaam=naam)


def test_a_row_with_the_wrong_number_of_cells_raises_value_error() -> None:
    with pytest.raises(ValueError, match="Rij 2 van 'Vormen' heeft 1 cellen in plaats van 2"):
        Tabel(titel="Vormen", kolommen=["Vorm", "Aantal"], rijen=[["Arbeid", 1], ["Seksueel"]])


def test_a_workbook_without_tables_raises_value_error() -> None:
    with pytest.raises(ValueError, match="zonder tabellen"):
        xlsx_antwoord([], bestandsnaam="leeg.xlsx")
