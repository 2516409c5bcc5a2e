"""What an evaluation report says, independent of how it is printed (PDF, XLSX, HTML).

evaluatie/rapport.py fills it from the same selectors as the dashboard; evaluatie/pdf.py prints
it. Every value is text as it will be shown: counts already suppressed ("<5", "x"), no personal
data anywhere.
"""

from dataclasses import dataclass, field

from django.utils.safestring import SafeString

from evaluatie.export import Tabel


@dataclass(frozen=True)
class Vergelijking:
    """A key figure now and in the previous period of the same length (None when there is none)."""

    naam: str
    nu: str
    vorige: str | None = None


@dataclass(frozen=True)
class Figuur:
    """A table, and where it helps a chart of the same numbers (SVG from evaluatie/grafieken.py)."""

    id: str
    titel: str
    uitleg: str
    tabel: Tabel
    grafiek: SafeString | None = None


@dataclass
class Hoofdstuk:
    id: str  # an HTML id for the table of contents, e.g. "uitvoering"
    titel: str  # "2. De uitvoering"
    inleiding: str  # what the chapter answers, fixed text
    lezing: list[str] = field(default_factory=list)  # generated sentences about the figures
    kerncijfers: list[Vergelijking] = field(default_factory=list)
    figuren: list[Figuur] = field(default_factory=list)
    conclusie: str = ""  # the coördinator's own words; may be empty in a concept
    paragrafen: list["Hoofdstuk"] = field(default_factory=list)  # e.g. one per gemeente


@dataclass
class RapportInhoud:
    titel: str  # "Evaluatie aanpak mensenhandel Westfriesland"
    regio: str
    periode: str  # "1 januari 2025 tot en met 31 december 2026"
    vorige_periode: str | None  # the period the figures are compared with, if there are data
    gemeenten: list[str]
    opgesteld_op: str  # "22 november 2026"
    opgesteld_door: str  # a name, or "automatisch" for the beat job
    concept: bool  # a concept says so on every page; a vastgesteld report does not
    hoofdstukken: list[Hoofdstuk]
    verantwoording: list[str]  # how the figures were made: sources, werkdagen, "<5" and "x"
