"""Downloads of the dashboard tables as CSV and XLSX.

Both formats end up in a spreadsheet, and a spreadsheet runs a cell that starts like a formula. Cell
texts come from signal data that outsiders typed, so every cell goes through ``veilig`` first
(formula injection, CWE-1236) and the XLSX writer is told in so many words that a text is a text.
"""

import csv
import io
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.http import HttpResponse
from openpyxl import Workbook  # type: ignore[import-untyped]
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE  # type: ignore[import-untyped]
from openpyxl.styles import Font  # type: ignore[import-untyped]
from openpyxl.utils import get_column_letter  # type: ignore[import-untyped]

Cel = str | int | float | None
Werkblad = Any  # openpyxl comes without type information.

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# The first characters with which a spreadsheet starts a formula, or which it drops before a formula.
_FORMULETEKENS = ("=", "+", "-", "@", "\t", "\r")
_BLADNAAM_VERBODEN = re.compile(r"[\[\]:*?/\\]")
_BLADNAAM_MAX = 31  # Excel refuses longer sheet names.
_KOLOM_MAX = 60  # The widest a column gets, in characters, so that one long text does not push the rest away.


@dataclass(frozen=True)
class Tabel:
    titel: str  # Also the name of the XLSX sheet, made to fit Excel's rules.
    kolommen: list[str]
    rijen: list[list[Cel]]
    voetnoot: str = ""  # E.g. what "<5" and "x" mean; written under the table.

    def __post_init__(self) -> None:
        # A row of the wrong length would put figures under the wrong heading without anyone noticing.
        for nummer, rij in enumerate(self.rijen, start=1):
            if len(rij) != len(self.kolommen):
                aantal = len(self.kolommen)
                raise ValueError(f"Rij {nummer} van {self.titel!r} heeft {len(rij)} cellen in plaats van {aantal}.")


def veilig(waarde: Cel) -> Cel:
    """A text that a spreadsheet would read as a formula gets a leading apostrophe; other values stay as they are."""
    if isinstance(waarde, str) and waarde.startswith(_FORMULETEKENS):
        return "'" + waarde
    return waarde


def csv_antwoord(tabel: Tabel, *, bestandsnaam: str) -> HttpResponse:
    """The table as CSV the way Dutch Excel opens it: a BOM for the diacritics, ";" and a decimal comma."""
    _controleer_bestandsnaam(bestandsnaam, ".csv")
    antwoord = HttpResponse(content_type="text/csv; charset=utf-8")
    antwoord.write("\ufeff")
    schrijver = csv.writer(antwoord, delimiter=";")
    schrijver.writerow([_csv_cel(tabel.titel)])
    schrijver.writerow([_csv_cel(kolom) for kolom in tabel.kolommen])
    schrijver.writerows([_csv_cel(cel) for cel in rij] for rij in tabel.rijen)
    if tabel.voetnoot:
        schrijver.writerow([])
        schrijver.writerow([_csv_cel(tabel.voetnoot)])
    return _als_bijlage(antwoord, bestandsnaam)


def download(tabel: Tabel, *, formaat: str, bestandsnaam: str) -> HttpResponse:
    """One table as a CSV or XLSX download, as the user chose; ``bestandsnaam`` ends in the format."""
    if formaat == "csv":
        return csv_antwoord(tabel, bestandsnaam=bestandsnaam)
    return xlsx_antwoord([tabel], bestandsnaam=bestandsnaam)


def xlsx_antwoord(tabellen: list[Tabel], *, bestandsnaam: str) -> HttpResponse:
    """The workbook of ``xlsx_bytes`` as a download."""
    _controleer_bestandsnaam(bestandsnaam, ".xlsx")
    antwoord = HttpResponse(xlsx_bytes(tabellen), content_type=XLSX_CONTENT_TYPE)
    return _als_bijlage(antwoord, bestandsnaam)


def xlsx_bytes(tabellen: list[Tabel]) -> bytes:
    """One sheet per table: the title, a bold header, the rows with numbers as numbers, and the footnote."""
    if not tabellen:
        raise ValueError("Een werkmap zonder tabellen is niet te maken.")
    werkmap = Workbook()
    werkmap.remove(werkmap.active)
    namen: set[str] = set()
    for nummer, tabel in enumerate(tabellen, start=1):
        blad = werkmap.create_sheet(title=_bladnaam(tabel.titel, nummer, namen))
        _xlsx_rij(blad, 1, [tabel.titel], Font(bold=True, size=14))
        _xlsx_rij(blad, 2, list(tabel.kolommen), Font(bold=True))
        for rijnummer, rij in enumerate(tabel.rijen, start=3):
            _xlsx_rij(blad, rijnummer, rij, None)
        if tabel.voetnoot:
            _xlsx_rij(blad, len(tabel.rijen) + 4, [tabel.voetnoot], None)
        blad.freeze_panes = "A3"
        for kolomnummer, kolom in enumerate(tabel.kolommen, start=1):
            breedste = max([len(kolom), *(len(str(rij[kolomnummer - 1] or "")) for rij in tabel.rijen)])
            blad.column_dimensions[get_column_letter(kolomnummer)].width = min(breedste + 2, _KOLOM_MAX)
    buffer = io.BytesIO()
    werkmap.save(buffer)
    return buffer.getvalue()


def _controleer_bestandsnaam(bestandsnaam: str, extensie: str) -> None:
    # The name goes into a header between quotes, so only characters that need no quoting pass.
    if not (re.fullmatch(r"[A-Za-z0-9._-]+", bestandsnaam) and bestandsnaam.endswith(extensie)) or (
        bestandsnaam == extensie
    ):
        raise ValueError(f"Ongeldige bestandsnaam {bestandsnaam!r}: alleen A-Z, a-z, 0-9, . _ - en op {extensie}.")


def _als_bijlage(antwoord: HttpResponse, bestandsnaam: str) -> HttpResponse:
    # The figures are about signals of human trafficking: no shared cache may keep them.
    antwoord["Content-Disposition"] = f'attachment; filename="{bestandsnaam}"'
    antwoord["Cache-Control"] = "private, no-store"
    antwoord["X-Content-Type-Options"] = "nosniff"
    return antwoord


def _csv_cel(waarde: Cel) -> str:
    veilige = veilig(waarde)
    if veilige is None:
        return ""
    if isinstance(veilige, float):
        # Decimal prints the shortest exact form without an exponent; Dutch Excel wants a comma.
        return format(Decimal(repr(veilige)), "f").replace(".", ",")
    return str(veilige)


def _xlsx_rij(blad: Werkblad, rijnummer: int, cellen: list[Cel], lettertype: Font | None) -> None:
    for kolomnummer, waarde in enumerate(cellen, start=1):
        if isinstance(waarde, str):
            # openpyxl refuses control characters with an exception, and they carry no meaning in a table.
            # They go before veilig looks at the first character, which they could otherwise hide.
            waarde = ILLEGAL_CHARACTERS_RE.sub("", waarde)
        veilige = veilig(waarde)
        cel = blad.cell(row=rijnummer, column=kolomnummer, value=veilige)
        if isinstance(veilige, str):
            # Forced, so that openpyxl writes a text even if something slipped past veilig.
            cel.data_type = "s"
        if lettertype is not None:
            cel.font = lettertype


def _bladnaam(titel: str, nummer: int, namen: set[str]) -> str:
    """The title as a sheet name Excel accepts: no []:*?/\\, at most 31 characters, unique."""
    naam = _BLADNAAM_VERBODEN.sub("", titel).strip().strip("'").strip()[:_BLADNAAM_MAX].rstrip().rstrip("'")
    naam = naam or f"Tabel {nummer}"
    kandidaat, volgnummer = naam, 1
    # Excel compares sheet names without regard to case.
    while kandidaat.casefold() in namen:
        volgnummer += 1
        achtervoegsel = f" ({volgnummer})"
        kandidaat = naam[: _BLADNAAM_MAX - len(achtervoegsel)].rstrip() + achtervoegsel
    namen.add(kandidaat.casefold())
    return kandidaat
