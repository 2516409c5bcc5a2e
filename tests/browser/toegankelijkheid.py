"""One reusable accessibility check for every product page a browser test reaches.

``controleer_toegankelijkheid(page)`` runs axe-core (WCAG 2.0/2.1 A and AA), checks the basics
every page of the product promises (Dutch ``lang``, exactly one h1, a link to the
toegankelijkheidsverklaring) and records the page in a session-wide registry. The browser
conftest prints that registry at the end of the session and writes it to
``test-artefacten/axe-paginas.txt`` (the second pytest process of ``make test``: ``axe-paginas-naast.txt``).

Do not call it on Django admin pages (``/beheer/``): the admin is not a product page.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache
from urllib.parse import urlsplit

from axe_playwright_python.sync_playwright import Axe
from django.urls import Resolver404, resolve
from playwright.sync_api import BrowserContext, Page

AXE_OPTIES = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],
}
TOEGANKELIJKHEIDSVERKLARING = "/toegankelijkheid/"

# Every page checked in this session: "route  (title)" -> how many times.
GECONTROLEERDE_PAGINAS: Counter[str] = Counter()

# Contexts made with java_script_enabled=False. Chromium then runs no timers at all, and axe
# waits on setTimeout; for those pages the check swaps setTimeout for a microtask (page scripts
# cannot run anyway, so nothing else changes) and axe runs on exactly the DOM the server sent.
CONTEXTEN_ZONDER_JS: set[BrowserContext] = set()

_TIMERS_ZONDER_JS = """() => {
  window.setTimeout = (fn, _ms, ...args) => { Promise.resolve().then(() => fn(...args)); return 0; };
  window.clearTimeout = () => {};
}"""

_BASIS = """() => ({
  lang: document.documentElement.getAttribute("lang"),
  h1: Array.from(document.querySelectorAll("h1")).map((h) => h.textContent.trim()),
  links: Array.from(document.querySelectorAll("a[href]")).map((a) => new URL(a.href).pathname),
  title: document.title,
})"""


@cache
def _axe() -> Axe:
    return Axe()


def _paginanaam(page: Page, titel: str) -> str:
    """Route pattern and title, without the ids and reference numbers that differ per run."""
    url = urlsplit(page.url)
    try:
        route = "/" + resolve(url.path).route
    except Resolver404:
        route = url.path
    titel = re.sub(r"MH-\d{4}-\d{5}", "MH-…", titel.removesuffix(" – Signalen mensenhandel"))
    # A meeting of a tafel is named by its date, which differs per day the tests run.
    titel = re.sub(
        r"\d{1,2} (januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december) \d{4}",
        "…",
        titel,
    )
    return f"{route}{'?…' if url.query else ''}  ({titel})"


def _schendingen_tekst(schendingen: list[dict]) -> str:
    regels = []
    for schending in schendingen:
        regels.append(f"- {schending['id']} [{schending.get('impact')}]: {schending['help']} ({schending['helpUrl']})")
        for node in schending["nodes"]:
            doel = " ".join(str(t) for t in node["target"])
            samenvatting = (node.get("failureSummary") or "").replace("\n", " ")
            regels.append(f"    {doel}: {samenvatting}")
    return "\n".join(regels)


def controleer_toegankelijkheid(page: Page) -> None:
    """Assert the current page has no WCAG 2.1 A/AA violations axe can find, and the basics."""
    basis = page.evaluate(_BASIS)
    naam = _paginanaam(page, basis["title"])
    GECONTROLEERDE_PAGINAS[naam] += 1

    if page.context in CONTEXTEN_ZONDER_JS:
        page.evaluate(_TIMERS_ZONDER_JS)
    schendingen = _axe().run(page, options=AXE_OPTIES).response["violations"]

    problemen = []
    if schendingen:
        problemen.append(
            f"axe vond {len(schendingen)} schending(en) van WCAG 2.1 A/AA:\n{_schendingen_tekst(schendingen)}"
        )
    if basis["lang"] != "nl":
        problemen.append(f'<html lang="{basis["lang"]}"> in plaats van lang="nl"')
    if len(basis["h1"]) != 1:
        problemen.append(f"{len(basis['h1'])} h1-koppen in plaats van precies één: {basis['h1']}")
    if TOEGANKELIJKHEIDSVERKLARING not in basis["links"]:
        problemen.append(f"geen link naar de toegankelijkheidsverklaring ({TOEGANKELIJKHEIDSVERKLARING})")
    assert not problemen, f"Toegankelijkheid van {page.url} ({basis['title']}):\n" + "\n".join(problemen)


def overzicht() -> list[str]:
    return [f"{aantal:>3}× {naam}" for naam, aantal in sorted(GECONTROLEERDE_PAGINAS.items())]
