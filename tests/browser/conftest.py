"""Shared fixtures for the browser tests: Chromium, pages, log-in, a Celery worker, demo data.

Extend here when a feature needs a new role or a new piece of the world; keep the journeys in
the test modules. Every test in this folder runs against pytest-django's ``live_server``
(PostgreSQL) and must be marked ``browser`` and
``django_db(transaction=True, serialized_rollback=True)`` (``pytestmark = BROWSER_TEST`` from tests.browser.hulp).
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.db import connections
from playwright.sync_api import Browser, BrowserContext, Page, Playwright, expect, sync_playwright

from ketenpartners.models import Gebruiker, Organisatie, Rol
from ketenpartners.services import lidmaatschap_toevoegen
from tests.browser import toegankelijkheid
from tests.browser.hulp import Ingelogd, NieuweContext, Screenshot, Wereld, inloggen
from tests.factories import GebruikerFactory, OrganisatieFactory, RegioFactory, gebruiker_met_rol

# Playwright's sync API runs an event loop in this thread; the ORM in fixtures must still work.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ARTEFACTEN = Path(settings.BASE_DIR) / "test-artefacten"
TIMEOUT_MS = 10_000

expect.set_options(timeout=TIMEOUT_MS)


# --- Chromium -------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def playwright(django_db_setup: None) -> Iterator[Playwright]:
    """Playwright's sync API, started once the test database exists.

    Its event loop makes asgiref treat this thread as async, and Django would then hand out new
    connection objects, without the serialized reference data that serialized_rollback restores
    (teams, vormen, indicatoren). So the thread keeps the connection objects it already had.
    """
    bestaand = {alias: connections[alias] for alias in connections}
    with sync_playwright() as p:
        for alias, verbinding in bestaand.items():
            connections[alias] = verbinding
        yield p


@pytest.fixture(scope="session")
def browser(playwright: Playwright) -> Iterator[Browser]:
    """One Chromium for the whole session; every test gets fresh contexts in it."""
    browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
    yield browser
    browser.close()


@pytest.fixture
def nieuwe_context(browser: Browser, live_server: Any, request: pytest.FixtureRequest) -> Iterator[NieuweContext]:
    """Factory: a fresh browser context (own cookies) on the live server, closed after the test.

    ``javascript=False`` makes a context without JavaScript. On a failing test every open page
    is saved as a screenshot under test-artefacten/screenshots/<test>/.
    """
    contexten: list[BrowserContext] = []

    def maken(*, javascript: bool = True, **opties: Any) -> BrowserContext:
        context = browser.new_context(
            base_url=live_server.url,
            java_script_enabled=javascript,
            locale="nl-NL",
            timezone_id="Europe/Amsterdam",
            viewport={"width": 1280, "height": 900},
            **opties,
        )
        context.set_default_timeout(TIMEOUT_MS)
        if not javascript:
            toegankelijkheid.CONTEXTEN_ZONDER_JS.add(context)
        contexten.append(context)
        return context

    yield maken

    rapport = getattr(request.node, "rapport_call", None)
    for nummer, context in enumerate(contexten, start=1):
        if rapport is not None and rapport.failed:
            for pagina_nummer, page in enumerate(context.pages, start=1):
                pad = _screenshotmap(request.node) / f"fout-context{nummer}-pagina{pagina_nummer}.png"
                page.screenshot(path=pad, full_page=True)
        toegankelijkheid.CONTEXTEN_ZONDER_JS.discard(context)
        context.close()


@pytest.fixture
def pagina(nieuwe_context: NieuweContext) -> Page:
    """A page in a fresh context, not logged in."""
    return nieuwe_context().new_page()


@pytest.fixture
def ingelogd(nieuwe_context: NieuweContext) -> Ingelogd:
    """Factory: ``ingelogd(gebruiker, javascript=True) -> Page``, each user in a context of their own."""

    def maken(gebruiker: Gebruiker, *, javascript: bool = True) -> Page:
        page = nieuwe_context(javascript=javascript).new_page()
        inloggen(page, gebruiker.username)
        return page

    return maken


# --- Screenshots ----------------------------------------------------------------------------


def _mapnaam(item: pytest.Item) -> str:
    return re.sub(r"[^\w.-]+", "_", item.name)


def _screenshotmap(item: pytest.Item) -> Path:
    map_ = ARTEFACTEN / "screenshots" / _mapnaam(item)
    map_.mkdir(parents=True, exist_ok=True)
    return map_


@pytest.fixture(autouse=True)
def _lege_screenshotmap(request: pytest.FixtureRequest) -> None:
    """Screenshots of an earlier run of this test must not mix with the ones of this run."""
    shutil.rmtree(ARTEFACTEN / "screenshots" / _mapnaam(request.node), ignore_errors=True)


@pytest.fixture
def screenshot(request: pytest.FixtureRequest) -> Screenshot:
    """``screenshot(page, naam)``: a full-page PNG in test-artefacten/screenshots/<test>/, numbered in order."""
    teller = 0

    def maken(page: Page, naam: str) -> Path:
        nonlocal teller
        teller += 1
        pad = _screenshotmap(request.node) / f"{teller:02d}-{naam}.png"
        page.screenshot(path=pad, full_page=True)
        return pad

    return maken


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Any:
    rapport = yield
    if rapport.when == "call":
        item.rapport_call = rapport  # type: ignore[attr-defined]
    return rapport


# --- The world: Westfriesland -----------------------------------------------------------------


@pytest.fixture
def wereld() -> Wereld:
    """Westfriesland: gemeente Hoorn (two AFs, a balie medewerker), Enkhuizen, police and RIEC."""
    regio = RegioFactory(naam="Westfriesland", riec="RIEC Noord-Holland")
    hoorn = OrganisatieFactory(naam="Hoorn", regio=regio)
    enkhuizen = OrganisatieFactory(naam="Enkhuizen", regio=regio)
    politie = OrganisatieFactory(naam="Politie Noord-Holland – AVIM", soort=Organisatie.Soort.POLITIE, regio=regio)
    riec = OrganisatieFactory(naam="RIEC Noord-Holland", soort=Organisatie.Soort.RIEC, regio=regio)

    beheerder = GebruikerFactory(username="beheer.westfriesland", first_name="Gert", last_name="Jansen")
    lidmaatschap_toevoegen(gebruiker=beheerder, organisatie=hoorn, rol=Rol.BEHEERDER)
    return Wereld(
        regio=regio,
        hoorn=hoorn,
        enkhuizen=enkhuizen,
        politie=politie,
        riec=riec,
        af=gebruiker_met_rol(
            hoorn, Rol.AANDACHTSFUNCTIONARIS, username="af.hoorn", first_name="Anna", last_name="de Vries"
        ),
        af_2=gebruiker_met_rol(
            hoorn, Rol.AANDACHTSFUNCTIONARIS, username="af.hoorn.2", first_name="Bram", last_name="Bakker"
        ),
        medewerker=gebruiker_met_rol(
            hoorn, Rol.MEDEWERKER, username="balie.hoorn", first_name="Dirk", last_name="Smit"
        ),
        medewerker_enkhuizen=gebruiker_met_rol(
            enkhuizen, Rol.MEDEWERKER, username="balie.enkhuizen", first_name="Eva", last_name="Mulder"
        ),
        partner=gebruiker_met_rol(
            politie, Rol.KETENPARTNER, username="avim.politie", first_name="Fatima", last_name="El Amrani"
        ),
        coordinator=gebruiker_met_rol(
            riec, Rol.COORDINATOR, username="ketenregie.wf", first_name="Hanna", last_name="Kok"
        ),
        beheerder=beheerder,
    )


# --- Session summary ------------------------------------------------------------------------


def pytest_terminal_summary(terminalreporter: Any) -> None:
    regels = toegankelijkheid.overzicht()
    if not regels:
        return
    aantal = sum(toegankelijkheid.GECONTROLEERDE_PAGINAS.values())
    titel = f"Toegankelijkheid (axe, WCAG 2.1 A/AA): {len(regels)} pagina's gecontroleerd, {aantal} keer"
    ARTEFACTEN.mkdir(exist_ok=True)
    # make test runs two pytest processes (Makefile, TRAAG): each writes its own list.
    naam = "axe-paginas-naast.txt" if os.environ.get("MH_PYTEST_PROCES") == "naast" else "axe-paginas.txt"
    (ARTEFACTEN / naam).write_text("\n".join([titel, *regels]) + "\n", encoding="utf-8")
    terminalreporter.write_sep("-", titel)
    for regel in regels:
        terminalreporter.write_line(regel)
