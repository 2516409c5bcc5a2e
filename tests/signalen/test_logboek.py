"""The functionaris gegevensbescherming reads who looked at what, without signal content."""

import pytest
from django.test import Client
from django.urls import reverse

from ketenpartners.models import Gebruiker, Organisatie, Rol
from signalen.models import Betrokkene
from tests.factories import gebruiker_met_rol, signaal_melden

pytestmark = pytest.mark.django_db


@pytest.fixture
def fg(hoorn: Organisatie) -> Gebruiker:
    return gebruiker_met_rol(hoorn, Rol.FG, username="fg")


def test_the_fg_sees_who_read_a_signal_and_can_filter_on_it(
    client: Client, fg: Gebruiker, melder_hoorn: Gebruiker, af_hoorn: Gebruiker, af_enkhuizen: Gebruiker
) -> None:
    gelezen = signaal_melden(melder=melder_hoorn, omschrijving="Geheime omschrijving")
    ander = signaal_melden(melder=melder_hoorn)
    Betrokkene.objects.create(signaal=gelezen, rol="dader", naam="Karel Klaassen")
    lezer = Client()
    lezer.force_login(af_hoorn)
    lezer.get(reverse("meldroute:detail", args=[gelezen.pk]), REMOTE_ADDR="10.20.30.40")
    lezer.force_login(af_enkhuizen)
    lezer.get(reverse("meldroute:detail", args=[gelezen.pk]))
    lezer.force_login(af_hoorn)
    lezer.get(reverse("meldroute:detail", args=[ander.pk]))
    client.force_login(fg)

    html = client.get(reverse("signalen:logboek_toegang"), {"signaal": gelezen.referentie}).content.decode()

    assert "af.hoorn" in html
    assert "10.20.30.40" in html
    assert "af.enkhuizen" in html
    assert "Geweigerd" in html
    assert f"/signalen/{ander.pk}/" not in html
    assert "Geheime omschrijving" not in html


def test_the_fg_sees_changes_in_the_audit_log_without_their_content(
    client: Client, fg: Gebruiker, melder_hoorn: Gebruiker
) -> None:
    signaal = signaal_melden(melder=melder_hoorn)
    Betrokkene.objects.create(signaal=signaal, rol="dader", naam="Karel Klaassen")
    client.force_login(fg)

    html = client.get(reverse("signalen:logboek_audit"), {"gebruiker": ""}).content.decode()

    assert signaal.referentie in html
    assert "Mogelijke dader #" in html
    assert ", naam, " in html
    assert "Klaassen" not in html


def test_a_wrong_period_gives_a_dutch_message(client: Client, fg: Gebruiker) -> None:
    client.force_login(fg)
    antwoord = client.get(reverse("signalen:logboek_toegang"), {"van": "2026-05-01", "tot": "2026-04-01"})
    assert antwoord.status_code == 200
    assert "De datum &#x27;vanaf&#x27; ligt na de datum &#x27;tot en met&#x27;." in antwoord.content.decode()


def test_only_the_fg_reads_the_logs(client: Client, af_hoorn: Gebruiker) -> None:
    client.force_login(af_hoorn)
    assert client.get(reverse("signalen:logboek_toegang")).status_code == 403
    assert client.get(reverse("signalen:logboek_audit")).status_code == 403
