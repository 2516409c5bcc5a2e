"""The inzage of one person as PDF (gegevensbescherming/fg.py builds its content)."""

from pathlib import Path

from django.template.loader import render_to_string
from django.utils import translation

from evaluatie.pdf import html_naar_pdf
from gegevensbescherming.fg import Inzage

# The inzage as PDF, printed the way the evaluation report is (evaluatie/pdf.py): the vendored
# fonts, and a URL fetcher that refuses every other URL, so the HTML can fetch nothing.

_INZAGE_SJABLOON = "gegevensbescherming/inzage_pdf.html"
_INZAGE_STIJLBLAD = Path(__file__).with_name("inzage_pdf.css")


def inzage_pdf(inhoud: Inzage) -> bytes:
    with translation.override("nl"):
        html = render_to_string(_INZAGE_SJABLOON, {"inzage": inhoud})
    return html_naar_pdf(html, stijlblad=_INZAGE_STIJLBLAD)
