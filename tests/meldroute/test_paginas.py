"""The AF's pages: werkbak, detail, actions; and what a melder sees."""

import pytest
from django.test import Client
from django.urls import reverse

from ketenpartners.models import Gebruiker
from signalen.models import Betrokkene, Toegangslog
from signalen.workflow import Status
from tests.factories import naar_status, signaal_melden

pytestmark = pytest.mark.django_db


def test_the_af_walks_a_signal_from_opgepikt_to_afgesloten_over_http(
    client: Client, melder_hoorn: Gebruiker, af_hoorn: Gebruiker
) -> None:
    signaal = signaal_melden(melder=melder_hoorn, acuut=True)
    client.force_login(af_hoorn)

    werkbak = client.get(reverse("meldroute:werkbak"))
    assert signaal.referentie in werkbak.content.decode()

    stappen = [
        ("in_behandeling_nemen", {"behandelaar": af_hoorn.pk}, Status.ONTVANGEN),
        ("verrijken", {"bron": "brp", "bevindingen": "Acht inschrijvingen."}, Status.VERRIJKT),
        (
            "lokale_tafel_bespreken",
            {"soort": "politie", "besproken_op": "2026-01-10", "besluit": "Doorzetten naar RIEC."},
            Status.LOKALE_TAFEL,
        ),
        (
            "riec_inschakelen",
            {"vermoeden": "Paspoorten ingenomen.", "contact": "RIEC NH", "datum": "2026-01-12"},
            Status.RIEC,
        ),
        (
            "informatieplein_inbrengen",
            {"ingebracht_op": "2026-01-20", "resultaat": "Onderzoek."},
            Status.INFORMATIEPLEIN,
        ),
        (
            "terugkoppelen",
            {"tekst": "Bedankt, er wordt actie ondernomen.", "gegeven_op": "2026-02-01"},
            Status.TERUGKOPPELING,
        ),
        ("afsluiten", {"afloop": "strafrechtelijk"}, Status.AFGESLOTEN),
    ]
    for naam, gegevens, doel in stappen:
        url = reverse("meldroute:actie", args=[signaal.pk, naam])
        formulier = client.get(url)
        assert formulier.status_code == 200
        antwoord = client.post(url, {"verwachte_status": signaal.status, **gegevens})
        assert antwoord.status_code == 302, antwoord.content.decode()[:2000]
        signaal.refresh_from_db()
        assert signaal.status == doel

    detail = client.get(reverse("meldroute:detail", args=[signaal.pk])).content.decode()
    for tekst in ["In behandeling genomen", "Verrijkt", "Acht inschrijvingen.", "Strafrechtelijk traject", "Heropenen"]:
        assert tekst in detail


def test_an_action_form_with_missing_data_shows_dutch_errors_and_keeps_the_input(
    client: Client, melder_hoorn: Gebruiker, af_hoorn: Gebruiker
) -> None:
    signaal = naar_status(signaal_melden(melder=melder_hoorn), Status.VERRIJKT, door=af_hoorn)
    client.force_login(af_hoorn)

    antwoord = client.post(
        reverse("meldroute:actie", args=[signaal.pk, "lokale_tafel_bespreken"]),
        {
            "verwachte_status": "verrijkt",
            "soort": "pct",
            "besluit": "Besproken met het PCT.",
            "besproken_op": "gisteren",
        },
    )

    html = antwoord.content.decode()
    assert antwoord.status_code == 200
    assert "Vul een geldige datum in." in html
    assert "Besproken met het PCT." in html
    assert "Er ging iets mis" in html
    signaal.refresh_from_db()
    assert signaal.status == Status.VERRIJKT


def test_an_action_on_a_signal_someone_else_just_moved_tells_the_user(
    client: Client, melder_hoorn: Gebruiker, af_hoorn: Gebruiker, af_hoorn_2: Gebruiker
) -> None:
    signaal = naar_status(signaal_melden(melder=melder_hoorn), Status.ONTVANGEN, door=af_hoorn)
    naar_status(signaal, Status.VERRIJKT, door=af_hoorn_2)
    client.force_login(af_hoorn)

    antwoord = client.post(
        reverse("meldroute:actie", args=[signaal.pk, "verrijking_toevoegen"]),
        {"verwachte_status": "ontvangen", "bron": "kvk", "bevindingen": "Bedrijf opgericht in 2025."},
        follow=True,
    )

    assert "Iemand anders heeft dit signaal intussen bijgewerkt" in antwoord.content.decode()


def test_mijn_signalen_shows_status_and_feedback_but_nothing_else(
    client: Client, melder_hoorn: Gebruiker, af_hoorn: Gebruiker
) -> None:
    signaal = signaal_melden(melder=melder_hoorn, omschrijving="Busjes met arbeiders bij de loods.")
    Betrokkene.objects.create(signaal=signaal, rol="slachtoffer", naam="Piet Pietersen")
    naar_status(signaal, Status.TERUGKOPPELING, door=af_hoorn)
    client.force_login(melder_hoorn)

    html = client.get(reverse("meldroute:mijn_signalen")).content.decode()

    assert signaal.referentie in html
    assert "Afgerond" in html
    assert "Dank voor uw melding; er wordt actie op ondernomen." in html
    for geheim in ["Piet Pietersen", "Busjes met arbeiders", "Twaalf inschrijvingen", "Opgepakt door politie"]:
        assert geheim not in html


def test_reading_a_detail_page_writes_exactly_one_access_log_row(
    client: Client, melder_hoorn: Gebruiker, af_hoorn: Gebruiker
) -> None:
    signaal = signaal_melden(melder=melder_hoorn)
    client.force_login(af_hoorn)
    voor = Toegangslog.objects.count()

    client.get(reverse("meldroute:detail", args=[signaal.pk]), REMOTE_ADDR="10.1.2.3", HTTP_X_FORWARDED_FOR="6.6.6.6")

    assert Toegangslog.objects.count() == voor + 1
    regel = Toegangslog.objects.latest("tijdstip")
    assert (regel.gebruiker, regel.actie, regel.resultaat) == (af_hoorn, "detail", "toegestaan")
    assert regel.signaal_ids == [signaal.pk]
    assert regel.ip_adres == "10.1.2.3"
