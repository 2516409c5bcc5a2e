"""Security headers on the pages people use: a strict CSP, no framing, no caching behind login.

The policy forbids inline scripts and styles, so a page only works if it has none: the pages
here, and every admin page a beheerder can reach, are also read for inline code.
"""

from html.parser import HTMLParser
from typing import Any

import pytest
from django.contrib import admin
from django.db.models import Model
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import timezone

from ketenpartners.models import Gebruiker, Organisatie, Rol
from signalen.models import Notificatie, Signaal, Termijninstellingen
from tests.factories import OrganisatieFactory, delen, gebruiker_met_rol, signaal_melden

pytestmark = pytest.mark.django_db

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
    "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'"
)
HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "X-Content-Type-Options": "nosniff",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
    "Cache-Control": "max-age=0, no-cache, no-store, must-revalidate, private",
}


class _InlineCode(HTMLParser):
    """What the CSP would block: inline scripts and styles, event handler attributes, javascript: links."""

    def __init__(self) -> None:
        super().__init__()
        self.gevonden: list[str] = []
        self._script_met_src = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributen = dict(attrs)
        if tag == "style":
            self.gevonden.append("<style>")
        if tag == "script":
            self._script_met_src = bool(attributen.get("src"))
            if not self._script_met_src:
                self.gevonden.append(f"<script> zonder src: {attrs}")
        for naam, waarde in attrs:
            if naam == "style" or naam.startswith("on"):
                self.gevonden.append(f"<{tag} {naam}={waarde!r}>")
            if naam in ("href", "src", "action") and (waarde or "").strip().lower().startswith("javascript:"):
                self.gevonden.append(f"<{tag} {naam}={waarde!r}>")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._script_met_src = False

    def handle_data(self, data: str) -> None:
        if self._script_met_src and data.strip():
            self.gevonden.append(f"code in <script src>: {data.strip()[:60]}")


def inline_code(html: str) -> list[str]:
    parser = _InlineCode()
    parser.feed(html)
    return parser.gevonden


def headers(antwoord: object) -> dict[str, str | None]:
    return {naam: antwoord.get(naam) for naam in HEADERS}  # type: ignore[attr-defined]


@pytest.fixture
def politie() -> Organisatie:
    organisatie: Organisatie = OrganisatieFactory(naam="Politie Noord-Holland", soort=Organisatie.Soort.POLITIE)  # type: ignore[assignment]
    return organisatie


@pytest.fixture
def gedeeld_signaal(melder_hoorn: Gebruiker, af_hoorn: Gebruiker, politie: Organisatie) -> Signaal:
    signaal = signaal_melden(melder=melder_hoorn)
    delen(signaal, door=af_hoorn, organisatie=politie)
    return signaal


@pytest.fixture
def beheerder(hoorn: Organisatie) -> Gebruiker:
    return gebruiker_met_rol(hoorn, Rol.BEHEERDER, username="beheerder.hoorn")


def pagina(client: Client, gebruiker: Gebruiker, url: str) -> tuple[dict[str, str | None], list[str]]:
    client.force_login(gebruiker)
    antwoord = client.get(url)
    assert antwoord.status_code == 200, url
    return headers(antwoord), inline_code(antwoord.content.decode())


def test_a_signal_page_of_the_af_has_every_security_header_and_no_inline_code(
    client: Client, af_hoorn: Gebruiker, gedeeld_signaal: Signaal
) -> None:
    gevonden = pagina(client, af_hoorn, reverse("meldroute:detail", args=[gedeeld_signaal.pk]))
    assert gevonden == (HEADERS, [])


def test_a_partner_page_has_every_security_header_and_no_inline_code(
    client: Client, politie: Organisatie, gedeeld_signaal: Signaal
) -> None:
    partner = gebruiker_met_rol(politie, Rol.KETENPARTNER, username="politie.avim")
    gevonden = pagina(client, partner, reverse("meldroute:gedeeld_detail", args=[gedeeld_signaal.pk]))
    assert gevonden == (HEADERS, [])


def test_the_access_log_of_the_fg_has_every_security_header_and_no_inline_code(
    client: Client, hoorn: Organisatie, gedeeld_signaal: Signaal
) -> None:
    fg = gebruiker_met_rol(hoorn, Rol.FG, username="fg.hoorn")
    assert pagina(client, fg, reverse("signalen:logboek_toegang")) == (HEADERS, [])


def test_the_admin_start_page_has_every_security_header_and_no_inline_code(
    client: Client, beheerder: Gebruiker
) -> None:
    assert pagina(client, beheerder, reverse("admin:index")) == (HEADERS, [])


@pytest.mark.parametrize("naam", ["login", "admin:login"])
def test_the_login_pages_are_not_stored_either(client: Client, naam: str) -> None:
    antwoord = client.get(reverse(naam))
    assert antwoord.status_code == 200
    assert headers(antwoord) == HEADERS
    assert inline_code(antwoord.content.decode()) == []


def test_the_lockout_answer_on_the_login_page_is_not_stored_either(
    client: Client, af_hoorn: Gebruiker, settings: Any
) -> None:
    # Axes replaces the login view's answer with its own page, without Django's never_cache.
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert client.post(reverse("login"), {"username": "af.hoorn", "password": "fout"}).status_code == 200
    antwoord = client.post(reverse("login"), {"username": "af.hoorn", "password": "fout"})
    assert antwoord.status_code == 429
    assert "Inloggen tijdelijk geblokkeerd" in antwoord.content.decode()
    assert headers(antwoord) == HEADERS


def test_a_refused_signal_page_is_not_stored_either(
    client: Client, af_enkhuizen: Gebruiker, gedeeld_signaal: Signaal
) -> None:
    client.force_login(af_enkhuizen)
    antwoord = client.get(reverse("meldroute:detail", args=[gedeeld_signaal.pk]))
    assert antwoord.status_code == 404
    assert headers(antwoord) == HEADERS


def test_a_download_keeps_its_own_no_store(client: Client, politie: Organisatie, gedeeld_signaal: Signaal) -> None:
    partner = gebruiker_met_rol(politie, Rol.KETENPARTNER, username="politie.avim")
    client.force_login(partner)
    antwoord = client.get(reverse("meldroute:gedeeld_download", args=[gedeeld_signaal.pk]))
    assert antwoord.status_code == 200
    assert antwoord["Cache-Control"] == "private, no-store"
    assert antwoord["Content-Security-Policy"] == CSP


def test_static_files_keep_their_caching_for_a_logged_in_user(client: Client, af_hoorn: Gebruiker) -> None:
    client.force_login(af_hoorn)
    antwoord = client.get("/static/js/mensenhandel.js")
    assert antwoord.status_code == 200
    antwoord.close()
    assert "no-store" not in antwoord["Cache-Control"]
    assert "public" in antwoord["Cache-Control"]


# The admin: every page of every model a beheerder manages, with the objects the product has.


def admin_paginas(beheerder: Gebruiker) -> list[tuple[str, str, dict[str, object] | None]]:
    """(description, url, POST data or None) for every admin page of every model the beheerder manages."""
    verzoek = RequestFactory().get("/beheer/")
    verzoek.user = beheerder
    paginas: list[tuple[str, str, dict[str, object] | None]] = []
    for model, model_admin in admin.site._registry.items():
        if not model_admin.has_view_or_change_permission(verzoek):
            continue
        meta = model._meta
        naam = f"{meta.app_label}_{meta.model_name}"
        paginas.append((f"{naam} lijst", reverse(f"admin:{naam}_changelist"), None))
        if model_admin.has_add_permission(verzoek):
            paginas.append((f"{naam} toevoegen", reverse(f"admin:{naam}_add"), None))
        obj: Model | None = model_admin.get_queryset(verzoek).first()
        if obj is None:
            continue
        paginas.append((f"{naam} wijzigen", reverse(f"admin:{naam}_change", args=[obj.pk]), None))
        paginas.append((f"{naam} geschiedenis", reverse(f"admin:{naam}_history", args=[obj.pk]), None))
        if model_admin.has_delete_permission(verzoek, obj):
            paginas.append((f"{naam} verwijderen", reverse(f"admin:{naam}_delete", args=[obj.pk]), None))
        if "delete_selected" in model_admin.get_actions(verzoek):
            actie = {"action": "delete_selected", "_selected_action": [obj.pk]}
            paginas.append((f"{naam} actie verwijderen", reverse(f"admin:{naam}_changelist"), actie))
    return paginas


def test_no_admin_page_needs_inline_code_and_each_has_the_headers(
    client: Client, beheerder: Gebruiker, af_hoorn: Gebruiker, melder_hoorn: Gebruiker
) -> None:
    # One object of every kind the beheerder manages, so the change and delete pages exist.
    Termijninstellingen.objects.create(regio=af_hoorn.lidmaatschappen.get().organisatie.regios.get())
    signaal_melden(melder=melder_hoorn)
    Notificatie.objects.update(opgegeven_op=timezone.now(), pogingen=8)
    client.force_login(beheerder)

    bekeken = []
    for beschrijving, url, actie in admin_paginas(beheerder):
        antwoord = client.post(url, actie) if actie else client.get(url)
        assert antwoord.status_code == 200, f"{beschrijving}: {url} gaf {antwoord.status_code}"
        assert (headers(antwoord), inline_code(antwoord.content.decode())) == (HEADERS, []), beschrijving
        bekeken.append(beschrijving)

    # Every kind of page the admin has, so the loop above proves something.
    assert {b.rsplit(" ", 1)[-1] for b in bekeken} == {"lijst", "toevoegen", "wijzigen", "geschiedenis", "verwijderen"}
    assert "ketenpartners_regio actie verwijderen" in bekeken
    assert "signalen_notificatie wijzigen" in bekeken
