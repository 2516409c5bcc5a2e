"""The evaluation report as a PDF, printed by WeasyPrint from templates/evaluatie/rapport_pdf.html.

The report goes to coördinatoren and their partners as a file, so it must look the same wherever it
is made: the product's typeface comes from the vendored Noto Sans files, and nothing is fetched from
the network. WeasyPrint would otherwise follow any URL in the HTML or CSS, from the server and with
its access; the URL fetcher here hands out only the font files and refuses everything else, so a
stray URL stops the rendering instead of making a request or printing the report without it.
"""

import functools
import io
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from fontTools.ttLib import woff2  # type: ignore[import-untyped]
from weasyprint import CSS, HTML  # type: ignore[import-untyped]
from weasyprint.text.fonts import FontConfiguration  # type: ignore[import-untyped]
from weasyprint.urls import URLFetcher, URLFetcherResponse  # type: ignore[import-untyped]

from evaluatie.rapportinhoud import Hoofdstuk, RapportInhoud

_SJABLOON = "evaluatie/rapport_pdf.html"
_STIJLBLAD = Path(__file__).with_name("rapport_pdf.css")
# The same font declarations as the web pages use; their relative URLs resolve against this file.
_LETTERTYPEN = Path(settings.BASE_DIR) / "static" / "vendor" / "noto-sans"
_LETTERTYPEN_CSS = _LETTERTYPEN / "noto-sans.css"
# PDF/UA-1 makes WeasyPrint tag the structure (headings, tables, lists) for screen readers and write
# the title and language the variant requires; the HTML provides both.
_PDF_VARIANT = "pdf/ua-1"
_DIEPSTE_KOP = 6  # HTML has no h7: deeper paragrafen keep h6.


@dataclass(frozen=True)
class _Sectie:
    """The start or the end of a chapter or paragraaf, with the level of its heading (1 for a chapter).

    The template gets the sections as a flat list of starts and ends instead of a tree, because a
    Django template cannot recurse into itself. A start prints the whole section up to its conclusion,
    in the order of Hoofdstuk's fields; the end only closes it after the paragrafen, so that the HTML
    sections (and the tags of the PDF) nest as the chapters do.
    """

    hoofdstuk: Hoofdstuk
    niveau: int
    einde: bool = False

    @property
    def kop(self) -> str:
        return f"h{min(self.niveau, _DIEPSTE_KOP)}"

    @property
    def subkop(self) -> str:
        """The heading for the parts inside this section: kerncijfers, figures, conclusion."""
        return f"h{min(self.niveau + 1, _DIEPSTE_KOP)}"

    @property
    def met_vorige(self) -> bool:
        # Without any earlier figure, a "Vorige periode" column would be empty from top to bottom.
        return any(vergelijking.vorige is not None for vergelijking in self.hoofdstuk.kerncijfers)


class _AlleenLettertypen(URLFetcher):
    """Serves the vendored font files from disk and refuses every other URL, remote or local.

    It never opens a connection: even a file URL is answered by reading the file here, and only when
    it lies inside the font directory, so the HTML cannot pull in other files from the server either.
    """

    def __init__(self) -> None:
        # Fatal, so that a refused URL fails the report loudly instead of printing it without the resource.
        # (WeasyPrint skips a font that fails to load whatever this says; the tests check the fonts.)
        super().__init__(fail_on_errors=True)

    def fetch(self, url: str, headers: object = None) -> URLFetcherResponse:
        return URLFetcherResponse(url, body=_lettertype(_lettertypebestand(url)))


def pdf_maken(inhoud: RapportInhoud) -> bytes:
    """The report as PDF: cover, table of contents, one chapter per Hoofdstuk, and the verantwoording."""
    secties = _secties(inhoud.hoofdstukken, niveau=1)
    inhoudsopgave = [sectie for sectie in secties if not sectie.einde]
    # Decimal commas in the tables, whatever language the caller has active.
    with translation.override("nl"):
        html = render_to_string(_SJABLOON, {"inhoud": inhoud, "secties": secties, "inhoudsopgave": inhoudsopgave})
    return html_naar_pdf(html, stijlblad=_STIJLBLAD)


def html_naar_pdf(html: str, *, stijlblad: Path) -> bytes:
    """Any of the product's documents as tagged PDF (PDF/UA-1) in the vendored fonts; the HTML can
    fetch nothing else, remote or local."""
    ophaler = _AlleenLettertypen()
    lettertypen = FontConfiguration()
    stijlbladen = [
        CSS(filename=str(_LETTERTYPEN_CSS), url_fetcher=ophaler, font_config=lettertypen),
        CSS(filename=str(stijlblad), url_fetcher=ophaler, font_config=lettertypen),
    ]
    document = HTML(string=html, url_fetcher=ophaler)
    pdf: bytes = document.write_pdf(stylesheets=stijlbladen, font_config=lettertypen, pdf_variant=_PDF_VARIANT)
    return pdf


def _secties(hoofdstukken: list[Hoofdstuk], *, niveau: int) -> list[_Sectie]:
    """The chapters and their paragrafen in reading order: start, the paragrafen, end."""
    secties: list[_Sectie] = []
    for hoofdstuk in hoofdstukken:
        secties.append(_Sectie(hoofdstuk, niveau))
        secties.extend(_secties(hoofdstuk.paragrafen, niveau=niveau + 1))
        secties.append(_Sectie(hoofdstuk, niveau, einde=True))
    return secties


@functools.cache
def _lettertype(pad: Path) -> bytes:
    """A font file, unpacked once per process: WeasyPrint would unpack each WOFF2 file on every report.

    Unpacking the six Noto Sans files took about 1.7 seconds, more than the layout of a whole report.
    WeasyPrint takes the unpacked font as it is, since it only unpacks data that starts as WOFF.
    """
    inhoud = pad.read_bytes()
    if not inhoud.startswith(b"wOF2"):
        return inhoud
    uitgepakt = io.BytesIO()
    woff2.decompress(io.BytesIO(inhoud), uitgepakt)
    return uitgepakt.getvalue()


def _lettertypebestand(url: str) -> Path:
    """The file a URL points to, if it is a file URL inside the font directory; otherwise ValueError."""
    delen = urlsplit(url)
    if delen.scheme != "file" or delen.netloc not in ("", "localhost"):
        raise ValueError(f"Het PDF-rapport haalt niets op buiten de lettertypen: {url!r} geweigerd.")
    pad = Path(unquote(delen.path)).resolve()
    if not pad.is_relative_to(_LETTERTYPEN.resolve()) or not pad.is_file():
        raise ValueError(f"Het PDF-rapport haalt niets op buiten de lettertypen: {url!r} geweigerd.")
    return pad
