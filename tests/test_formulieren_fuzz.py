"""Every form of the product under random input (hypothesis), through real requests.

Per form, each example starts from a valid submission and replaces, drops or doubles a random
choice of its fields, and may add extra keys (management-form counts of a formset, unknown names).
Values are random text over every Unicode category a request can carry (NUL and other control
characters included; surrogates cannot travel in a request), very long strings, full-width and
Arabic-Indic digits, random numbers, and dates as strings: year 1, 9999, impossible days and
garbage. The fields and their strategies are read from the form itself, so a field added later is
fuzzed as well.

What must hold for every example:
- never a server error: the answer is a page (200) or a redirect (302);
- when the answer is not a redirect, the form was refused, and then not one row of any table of
  the product was added, removed or changed (for a route action: the signal's step, its timeline
  and its data). The access log is left out: refusing is logged there on purpose.

Each example runs in a savepoint that is rolled back, so every example starts from the same world.

Extending: add a ``Formuliergeval`` to ``FORMULIEREN`` (or to the list a test module of its own
builds the same way) with the user who fills it in, its address, the form(s) to read the fields
from and one valid submission. The FG's tools (rights of betrokkenen, access export, retention) are in the list too.

``HYPOTHESIS_PROFILE=grondig`` runs many more examples per form.
"""

import html
import os
from typing import Any

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, transaction
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from ketenpartners.models import Gebruiker
from meldroute.acties import ACTIES
from signalen.models import Bijlage, Signaal, TijdelijkeBijlage, Toegangslog
from tests.formulieren_fuzz.gevallen import FORMULIEREN, Formuliergeval, admin_geldig, melden_geldig
from tests.formulieren_fuzz.wereld import GETAL, TEKENS, TEKST, WEGLATEN, Wereld, veldstrategie
from tests.formulieren_fuzz.wereld import wereld as wereld

pytestmark = pytest.mark.django_db

hypothesis_settings.register_profile(
    "formulieren",
    max_examples=int(os.environ.get("FUZZ_VOORBEELDEN", "20")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)
hypothesis_settings.register_profile(
    "formulieren_grondig",
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)
PROFIEL = "formulieren_grondig" if os.environ.get("HYPOTHESIS_PROFILE") == "grondig" else "formulieren"

# Written on every request, refusals included, by design; not a sign of a partial save.
NIET_VERGELEKEN = {Toegangslog._meta.label, "sessions.Session", "axes.AccessAttempt", "axes.AccessLog"}
NIET_VERGELEKEN_APPS = {"axes", "sessions", "contenttypes"}


# -- the property -------------------------------------------------------------------------------


def _tabellen() -> list[str]:
    tabellen = {
        model._meta.db_table
        for model in apps.get_models(include_auto_created=True)
        if model._meta.managed
        and not model._meta.proxy
        and model._meta.label not in NIET_VERGELEKEN
        and model._meta.app_label not in NIET_VERGELEKEN_APPS
    }
    return sorted(tabellen)


def momentopname() -> dict[str, str]:
    """A fingerprint of every row of every table (product, admin, auth, audit log), in one query."""
    tabellen = _tabellen()
    # Table names from the models themselves, quoted; nothing here comes from input.
    rijen = "md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), ''))"
    vragen = [f"SELECT %s, {rijen} FROM {connection.ops.quote_name(tabel)} t" for tabel in tabellen]  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(vragen), tabellen)
        return dict(cursor.fetchall())


def verschillen(voor: dict[str, str], na: dict[str, str]) -> list[str]:
    return [tabel for tabel in voor if voor[tabel] != na[tabel]]


def invoerstrategie(geval: Formuliergeval, w: Wereld) -> st.SearchStrategy[dict[str, Any]]:
    """A valid submission with a random choice of fields replaced, dropped, doubled or added."""
    per_veld: dict[str, st.SearchStrategy[Any]] = {}
    for prefix, form in geval.formulieren(w):
        for naam, veld in form.fields.items():
            if prefix + naam in geval.velden_uitsluiten:
                continue
            strategie = veldstrategie(veld)
            per_veld[prefix + naam] = st.one_of(
                strategie, st.just(WEGLATEN), st.lists(strategie, min_size=2, max_size=3)
            )
    for sleutel in geval.extra_sleutels:
        per_veld.setdefault(sleutel, st.one_of(GETAL, TEKST, st.just(WEGLATEN)))
    wijzigingen = st.fixed_dictionaries({}, optional=per_veld)  # type: ignore[arg-type]
    onbekend = st.dictionaries(st.text(TEKENS, min_size=1, max_size=12), TEKST, max_size=2)

    def samenstellen(paar: tuple[dict[str, Any], dict[str, Any]]) -> dict[str, Any]:
        gegevens = dict(geval.geldig(w))
        wijziging, extra = paar
        for sleutel, waarde in {**extra, **wijziging}.items():
            if waarde is WEGLATEN:
                gegevens.pop(sleutel, None)
            else:
                gegevens[sleutel] = waarde
        return gegevens

    return st.tuples(wijzigingen, onbekend).map(samenstellen)


@pytest.mark.parametrize("geval", FORMULIEREN, ids=[g.naam for g in FORMULIEREN])
def test_a_form_under_random_input_never_fails_and_saves_nothing_when_refused(
    geval: Formuliergeval, wereld: Wereld, client: Client
) -> None:
    client.force_login(wereld.gebruiker(geval.gebruiker))
    url = geval.url(wereld)
    strategie = invoerstrategie(geval, wereld)
    verstuur = client.get if geval.methode == "get" else client.post
    # The starting point is a submission that works, so the examples near it reach the service too.
    punt = transaction.savepoint()
    try:
        assert verstuur(url, geval.geldig(wereld)).status_code == (200 if geval.methode == "get" else geval.gelukt)
    finally:
        transaction.savepoint_rollback(punt)
    profiel = hypothesis_settings.get_profile(PROFIEL)
    aantal = min(geval.voorbeelden or profiel.max_examples, profiel.max_examples)

    @hypothesis_settings(profiel, max_examples=aantal)
    @given(gegevens=strategie)
    def eigenschap(gegevens: dict[str, Any]) -> None:
        punt = transaction.savepoint()
        try:
            voor = momentopname()
            antwoord = verstuur(url, gegevens)
            assert antwoord.status_code in (200, 302), antwoord.status_code
            if antwoord.status_code != 302:
                assert verschillen(voor, momentopname()) == []
        finally:
            transaction.savepoint_rollback(punt)

    eigenschap()


BESTANDSNAAM = st.tuples(
    st.text(TEKENS, max_size=30),
    st.sampled_from(["pdf", "PNG", "jpg", "txt", "docx", "exe", "", "pdf.exe", "txt\x00"]),
).map(lambda delen: f"{delen[0]}.{delen[1]}")


def _verstuurbaar(naam: str) -> bool:
    """A name a browser sends for a real file.

    The test client refuses a name that is no name ("", ".", ".."), and writes a quote or a line
    break into the multipart header as it is (a browser escapes them). Django drops a file whose
    name has no printable character left, without reading past its content, and then answers the
    whole request with 400; no file on a disk is called that.
    """
    laatste = html.unescape(naam).rsplit("/")[-1].rsplit("\\")[-1]
    zichtbaar = "".join(teken for teken in laatste if teken.isprintable())
    geen_naam = {"", ".", ".."}
    return os.path.basename(naam) not in geen_naam and zichtbaar not in geen_naam and not set(naam) & set('"\r\n')


BESTANDSNAAM = BESTANDSNAAM.filter(_verstuurbaar)
INHOUD = st.tuples(
    st.sampled_from([b"", b"%PDF-1.4\n", b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"PK\x03\x04", b"MZ"]),
    st.integers(min_value=0, max_value=700 * 1024),
).map(lambda delen: delen[0] + b"a" * delen[1])


def test_random_uploads_never_exceed_the_quota_and_never_fail(wereld: Wereld, client: Client, settings: Any) -> None:
    """Random names, kinds, contents and sizes, with the intake refused or sent: what is parked or
    attached stays within 3 files and 1 MB per signal and 4 files per user per day."""
    settings.BIJLAGEN_PER_MELDING, settings.BIJLAGEN_MB_PER_MELDING, settings.BIJLAGEN_PER_DAG = 3, 1, 4
    melder = wereld.gebruikers["melder"]
    client.force_login(melder)
    profiel = hypothesis_settings.get_profile(PROFIEL)

    @hypothesis_settings(profiel, max_examples=min(15, profiel.max_examples))
    @given(
        rondes=st.lists(
            st.tuples(st.lists(st.tuples(BESTANDSNAAM, INHOUD), max_size=5), st.booleans()), min_size=1, max_size=3
        )
    )
    def eigenschap(rondes: list[tuple[list[tuple[str, bytes]], bool]]) -> None:
        punt = transaction.savepoint()
        try:
            for bestanden, versturen in rondes:
                bewaard = [
                    str(pk) for pk in TijdelijkeBijlage.objects.filter(eigenaar=melder).values_list("pk", flat=True)
                ]
                gegevens = melden_geldig(wereld) | {
                    "omschrijving": "Gezien bij de loods." if versturen else "",
                    "bewaarde_bijlage": bewaard,
                    "bijlagen": [SimpleUploadedFile(naam, inhoud) for naam, inhoud in bestanden],
                }
                antwoord = client.post(reverse("signalen:melden"), gegevens)
                assert antwoord.status_code in (200, 302)
                geparkeerd = TijdelijkeBijlage.objects.filter(eigenaar=melder)
                assert geparkeerd.count() <= 3
                assert sum(geparkeerd.values_list("grootte", flat=True)) <= 1024 * 1024
                for signaal in Signaal.objects.filter(melder=melder):
                    assert signaal.bijlagen.count() <= 3
                assert geparkeerd.count() + Bijlage.objects.filter(toegevoegd_door=melder).count() <= 4
        finally:
            transaction.savepoint_rollback(punt)

    eigenschap()


def test_every_route_action_and_every_form_module_is_fuzzed() -> None:
    """A new action (meldroute/acties.py) or form is in the list above, or this says which is missing."""
    namen = {g.naam for g in FORMULIEREN}
    assert {f"actie {naam}" for naam in ACTIES} <= namen
    assert {
        "melden",
        "delen",
        "terugmelding",
        "werkbak filter",
        "werkbak zoeken",
        "logboek toegang",
        "logboek audit",
        "dashboard filter",
        "rapport starten",
        "rapport conclusies",
        "monitoring",
        "training nieuw",
        "training bewerken",
        "basisniveau",
        "beheer organisatie toevoegen",
        "beheer gebruiker toevoegen",
        "beheer team toevoegen",
        "fg betrokkene zoeken",
        "fg betrokkene corrigeren",
        "fg betrokkene verwijderen",
        "fg toegangsexport",
        "fg bewaartermijnen",
        "fg bewaren",
        "fg bewaring opheffen",
        "tafel bijeenkomst plannen",
        "tafel besluit",
        "tafel actie",
        "beheer tafel toevoegen",
    } <= namen


def test_a_non_number_as_organisation_of_a_new_membership_gives_the_form_again(wereld: Wereld, client: Client) -> None:
    client.force_login(wereld.gebruiker("beheerder"))
    gegevens = admin_geldig(Gebruiker, lambda w: {"username": ""})(wereld) | {
        "lidmaatschappen-TOTAL_FORMS": "1",
        "lidmaatschappen-0-organisatie": "1e3",
        "lidmaatschappen-0-rol": "aandachtsfunctionaris",
    }
    antwoord = client.post(reverse("admin:ketenpartners_gebruiker_add"), gegevens)
    assert antwoord.status_code == 200
