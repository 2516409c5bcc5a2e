"""Server-rendered SVG charts for the evaluation dashboards.

The pages run under a strict Content-Security-Policy, so no element carries a ``style`` attribute:
colours and font sizes come from the classes in static/css/grafieken.css. A chart is an image with
a summary, because the full figures are in the HTML table the caller renders beside it; the SVG is
therefore one ``role="img"``, named by its <title> and described by its <desc>.

The same colours and sizes are also SVG presentation attributes, because WeasyPrint, which prints
the charts in the PDF report (evaluatie/pdf.py), does not apply the document's CSS to inline SVG. In
a browser any CSS rule wins over a presentation attribute, so the classes still decide there, also
in forced-colors mode; and presentation attributes are not inline style, so the CSP allows them.

All geometry is in viewBox units. The SVG is as wide as its container and its height follows from
the viewBox, so the number of bars decides how tall a chart is.
"""

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

# The texts that stand for a value hidden for privacy. A Waarde showing one of these is drawn as
# suppressed even when a getal came with it, so a slip in the caller cannot reveal the value.
ONDERDRUKTE_TEKSTEN = frozenset({"<5", "x"})

_ID = re.compile(r"[A-Za-z][A-Za-z0-9-]*")
_TEKEN = 8.0  # The estimated width of one character at the 14-unit font of the CSS, on the wide side.
_LABEL_MAX = 40  # Longer labels are cut short; the full label is in the table and in a tooltip.
_MARGE = 8.0
_RIJ = 32.0  # The height of one row of the bar chart.
_STAAF_DIKTE = 20.0
_STAAF_LENGTE = 320.0  # The length of the largest bar.
_KOLOM_HOOGTE = 200.0  # The height of the largest column.
_PLOT_BREEDTE = 560.0
_MIN_VAK = 18.0  # The narrowest slot per column, so that rotated texts of neighbours do not overlap.
_REGEL = 20.0  # The distance texts need between them to stay readable.
_SCHUIN = math.sqrt(0.5)  # sin and cos of the 45 degrees at which crowded period labels are drawn.
# The fallback colours of static/css/grafieken.css, for the presentation attributes; change both together.
_KLEUR_TEKST = "#001a40"
_KLEUR_STAAF = "#00568b"
_KLEUR_SUBTIEL = "#586c88"


@dataclass(frozen=True)
class Waarde:
    label: str  # The category or period label, e.g. "Arbeidsuitbuiting" or "jan 2026".
    getal: float | None  # The value to draw; None when it is suppressed.
    tekst: str  # What to print: "12", "3,5", "<5" or "x".


@dataclass(frozen=True)
class Grafiek:
    titel: str
    beschrijving: str  # The text alternative: a short summary that goes into <desc>.
    eenheid: str  # E.g. "signalen" or "werkdagen"; printed beside the value axis.
    waarden: list[Waarde]


def staafdiagram(grafiek: Grafiek, *, id: str) -> SafeString:
    """Horizontal bars, one per Waarde: the label left, the value text right of the bar."""
    waarden = _gecontroleerd(grafiek, id)
    maximum = _maximum(waarden)
    label_breedte = max(_breedte(_kort(w.label)) for w in waarden)
    staaf_x = _MARGE + label_breedte + 10
    breedte = staaf_x + _STAAF_LENGTE + 6 + max(_breedte(w.tekst) for w in waarden) + _MARGE
    onder = _MARGE + len(waarden) * _RIJ
    hoogte = onder + 28
    delen = [_as(staaf_x, _MARGE, staaf_x, onder)]
    for i, waarde in enumerate(waarden):
        midden = _MARGE + (i + 0.5) * _RIJ
        delen.append(_label(waarde.label, 'x="{}" y="{}" text-anchor="end"', staaf_x - 10, midden + 5))
        lengte = _lengte(waarde, maximum, _STAAF_LENGTE)
        if lengte > 0:
            delen.append(_rechthoek(staaf_x, midden - _STAAF_DIKTE / 2, lengte, _STAAF_DIKTE))
        delen.append(_waardetekst(waarde, 'x="{}" y="{}"', staaf_x + lengte + 6, midden + 5))
    delen.append(_eenheid(grafiek.eenheid, staaf_x, hoogte - 10))
    return _svg(grafiek, id, "staaf", breedte, hoogte, delen)


def kolomdiagram(grafiek: Grafiek, *, id: str) -> SafeString:
    """Vertical columns for a trend over time: the period under each column, the value text above it.

    When the period labels do not fit side by side they are drawn at 45 degrees, and if even that
    would crowd them only every so many is shown, counted back from the latest period; the table
    beside the chart has them all. Value texts that do not fit above a column are drawn upright.
    """
    waarden = _gecontroleerd(grafiek, id)
    maximum = _maximum(waarden)
    aantal = len(waarden)
    vak = max(_PLOT_BREEDTE / aantal, _MIN_VAK)
    kolom = min(vak * 0.7, 48.0)
    label_breedte = max(_breedte(_kort(w.label)) for w in waarden)
    tekst_breedte = max(_breedte(w.tekst) for w in waarden)
    labels_schuin = label_breedte > vak - 4
    teksten_rechtop = tekst_breedte > vak - 4
    stap = math.ceil(_REGEL / (vak * _SCHUIN)) if labels_schuin else 1
    links = max(2 * _MARGE, label_breedte * _SCHUIN - vak / 2 + _MARGE) if labels_schuin else 2 * _MARGE
    basis = 24 + (tekst_breedte + 10 if teksten_rechtop else _REGEL + 4) + _KOLOM_HOOGTE
    hoogte = basis + (label_breedte * _SCHUIN + 24 if labels_schuin else 30)
    breedte = links + aantal * vak + 2 * _MARGE
    delen = [_eenheid(grafiek.eenheid, links, 16)]
    for i, waarde in enumerate(waarden):
        midden = links + (i + 0.5) * vak
        lengte = _lengte(waarde, maximum, _KOLOM_HOOGTE)
        if lengte > 0:
            delen.append(_rechthoek(midden - kolom / 2, basis - lengte, kolom, lengte))
        boven = basis - lengte - 6
        if teksten_rechtop:
            delen.append(_waardetekst(waarde, 'x="0" y="5" transform="translate({} {}) rotate(-90)"', midden, boven))
        else:
            delen.append(_waardetekst(waarde, 'x="{}" y="{}" text-anchor="middle"', midden, boven))
        if (aantal - 1 - i) % stap:
            continue
        if labels_schuin:
            plaats = 'x="0" y="5" text-anchor="end" transform="translate({} {}) rotate(-45)"'
            delen.append(_label(waarde.label, plaats, midden, basis + 12))
        else:
            delen.append(_label(waarde.label, 'x="{}" y="{}" text-anchor="middle"', midden, basis + 20))
    rechts = links + aantal * vak
    delen.append(_as(links, basis, rechts, basis))
    return _svg(grafiek, id, "kolom", breedte, hoogte, delen)


def _gecontroleerd(grafiek: Grafiek, id: str) -> list[Waarde]:
    """Refuse what would make broken markup or a misleading chart, before drawing anything."""
    if not _ID.fullmatch(id):
        raise ValueError(f"Ongeldig id voor een grafiek: {id!r}; gebruik letters, cijfers en koppeltekens.")
    if not grafiek.waarden:
        raise ValueError("Een grafiek zonder waarden is niet te tekenen.")
    for waarde in grafiek.waarden:
        # Bars start at zero, so a negative or non-finite getal has no honest length.
        if waarde.getal is not None and not (math.isfinite(waarde.getal) and waarde.getal >= 0):
            raise ValueError(f"De waarde {waarde.getal!r} van {waarde.label!r} is niet als staaf te tekenen.")
    return grafiek.waarden


def _onderdrukt(waarde: Waarde) -> bool:
    return waarde.getal is None or waarde.tekst.strip() in ONDERDRUKTE_TEKSTEN


def _maximum(waarden: Iterable[Waarde]) -> float:
    """The largest shown getal: suppressed values never set the scale, or the scale would reveal them."""
    return max((w.getal for w in waarden if w.getal is not None and not _onderdrukt(w)), default=0.0)


def _lengte(waarde: Waarde, maximum: float, vol: float) -> float:
    if _onderdrukt(waarde) or waarde.getal is None or maximum <= 0:
        return 0.0
    return waarde.getal / maximum * vol


def _breedte(tekst: str) -> float:
    return len(tekst) * _TEKEN


def _kort(label: str) -> str:
    return label if len(label) <= _LABEL_MAX else label[: _LABEL_MAX - 1] + "…"


def _n(getal: float) -> str:
    """A coordinate for an attribute: SVG wants a dot, and two decimals are more than a pixel needs."""
    return f"{getal:.2f}".rstrip("0").rstrip(".")


def _ns(*getallen: float) -> list[str]:
    return [_n(getal) for getal in getallen]


def _label(label: str, plaats: str, x: float, y: float) -> SafeString:
    """A category or period label; one that is cut short keeps the full text as a tooltip."""
    kort = _kort(label)
    tooltip = format_html("<title>{}</title>", label) if kort != label else ""
    return format_html('<text class="mh-grafiek__label" ' + plaats + ">{}{}</text>", *_ns(x, y), kort, tooltip)


def _waardetekst(waarde: Waarde, plaats: str, x: float, y: float) -> SafeString:
    if _onderdrukt(waarde):
        klasse = "mh-grafiek__waarde mh-grafiek__waarde--onderdrukt"
        opmaak = f'font-style="italic" font-weight="400" fill="{_KLEUR_SUBTIEL}" '
    else:
        klasse, opmaak = "mh-grafiek__waarde", 'font-weight="600" '
    return format_html('<text class="{}" ' + opmaak + plaats + ">{}</text>", klasse, *_ns(x, y), waarde.tekst)


def _rechthoek(x: float, y: float, breedte: float, hoogte: float) -> SafeString:
    return format_html(
        '<rect class="mh-grafiek__staaf" fill="{}" x="{}" y="{}" width="{}" height="{}"/>',
        _KLEUR_STAAF,
        *_ns(x, y, breedte, hoogte),
    )


def _as(x1: float, y1: float, x2: float, y2: float) -> SafeString:
    return format_html(
        '<line class="mh-grafiek__as" stroke="{}" stroke-width="1" x1="{}" y1="{}" x2="{}" y2="{}"/>',
        _KLEUR_SUBTIEL,
        *_ns(x1, y1, x2, y2),
    )


def _eenheid(eenheid: str, x: float, y: float) -> SafeString:
    return format_html(
        '<text class="mh-grafiek__eenheid" font-size="13" fill="{}" x="{}" y="{}">{}</text>',
        _KLEUR_SUBTIEL,
        *_ns(x, y),
        eenheid,
    )


def _svg(grafiek: Grafiek, id: str, soort: str, breedte: float, hoogte: float, delen: list[SafeString]) -> SafeString:
    # format_html_join keeps the parts as they are: each one was built by format_html from escaped values.
    # The texts inherit font and colour from the root, as they do from ".mh-grafiek text" in the CSS.
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" class="mh-grafiek mh-grafiek--{}" role="img"'
        ' aria-labelledby="{}-titel {}-beschrijving" viewBox="0 0 {} {}" width="100%"'
        ' font-family="Noto Sans, sans-serif" font-size="14" fill="{}">'
        '<title id="{}-titel">{}</title><desc id="{}-beschrijving">{}</desc>{}</svg>',
        soort,
        id,
        id,
        *_ns(breedte, hoogte),
        _KLEUR_TEKST,
        id,
        grafiek.titel,
        id,
        grafiek.beschrijving,
        format_html_join("", "{}", ((deel,) for deel in delen)),
    )
