"""The functionaris gegevensbescherming reads who looked at what, without signal content."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ketenpartners.models import Gebruiker, Organisatie, Rol
from signalen.logregels import GEWEIGERD, TOEGESTAAN, toegangsactie
from signalen.models import Betrokkene, Signaal, Toegangslog
from signalen.workflow import Status
from tests.factories import OrganisatieFactory, delen, gebruiker_met_rol, naar_status, signaal_melden
from tests.hulp import tabelrijen

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


def _regel(actie: str, *, pad: str = "/", geweigerd: bool = False) -> Toegangslog:
    resultaat = Toegangslog.Resultaat.GEWEIGERD if geweigerd else Toegangslog.Resultaat.TOEGESTAAN
    return Toegangslog(actie=actie, resultaat=resultaat, pad=pad, signaal_ids=[])


def test_every_action_reads_in_dutch() -> None:
    assert set(TOEGESTAAN) == set(Toegangslog.Actie.values) == set(GEWEIGERD)
    Actie = Toegangslog.Actie
    assert [
        toegangsactie(_regel(Actie.DETAIL)),
        toegangsactie(_regel(Actie.DETAIL, geweigerd=True)),
        toegangsactie(_regel(Actie.LIJST, pad=reverse("meldroute:werkbak") + "?stap=ontvangen")),
        toegangsactie(_regel(Actie.LIJST, pad=reverse("meldroute:mijn_signalen"))),
        toegangsactie(_regel(Actie.LIJST, pad=reverse("meldroute:gedeeld"))),
        toegangsactie(_regel(Actie.LIJST, pad="/bestaat-niet/")),
        toegangsactie(_regel(Actie.ZOEKEN)),
        toegangsactie(_regel(Actie.BIJLAGE)),
        toegangsactie(_regel(Actie.BIJLAGE, geweigerd=True)),
        toegangsactie(_regel(Actie.DOWNLOAD)),
        toegangsactie(_regel(Actie.BETROKKENE_BEKEKEN)),
    ] == [
        "Signaal bekeken",
        "Toegang geweigerd: signaal bekijken",
        "Werkbak geopend",
        "Mijn signalen geopend",
        "Gedeelde signalen geopend",
        "Lijst bekeken",
        "Gezocht",
        "Bijlage gedownload",
        "Toegang geweigerd: bijlage downloaden",
        "Signaal gedownload",
        "Gegevens van betrokkene bekeken",
    ]


def _rijen(signaal: Signaal) -> list[tuple[str, str, str]]:
    regels = Toegangslog.objects.filter(signaal_ids__contains=[signaal.pk]).order_by("pk")
    return [(r.gebruikersnaam, r.actie, r.resultaat) for r in regels]


def test_a_form_page_is_a_view_each_time_it_is_shown_and_a_post_that_goes_through_is_none(
    client: Client, af_hoorn: Gebruiker, af_enkhuizen: Gebruiker, melder_hoorn: Gebruiker
) -> None:
    signaal = naar_status(signaal_melden(melder=melder_hoorn), Status.ONTVANGEN, door=af_hoorn)
    politie = OrganisatieFactory(naam="Politie Noord-Holland", soort=Organisatie.Soort.POLITIE)
    agent = gebruiker_met_rol(politie, Rol.KETENPARTNER, username="agent")
    delen(signaal, door=af_hoorn, organisatie=politie)
    verrijken = reverse("meldroute:actie", args=[signaal.pk, "verrijken"])
    gegevens = {"verwachte_status": Status.ONTVANGEN, "bron": "brp", "bevindingen": "Twaalf inschrijvingen."}
    client.force_login(af_hoorn)

    assert client.get(verrijken).status_code == 200
    assert client.post(verrijken, {**gegevens, "bevindingen": ""}).status_code == 200  # shown again, with the error
    assert client.post(verrijken, gegevens).status_code == 302  # the change is on the timeline, nothing shown
    assert _rijen(signaal) == [("af.hoorn", "detail", "toegestaan")] * 2

    terugmelden = reverse("meldroute:terugmelding", args=[signaal.pk])
    client.force_login(agent)
    assert client.get(terugmelden).status_code == 200
    assert client.post(terugmelden, {"tekst": "Het pand is bezocht."}).status_code == 302
    assert _rijen(signaal)[2:] == [("agent", "detail", "toegestaan")]

    # A refused POST is still written down, once.
    client.force_login(af_enkhuizen)
    assert client.post(verrijken, gegevens).status_code == 404
    assert _rijen(signaal)[3:] == [("af.enkhuizen", "detail", "geweigerd")]


def test_the_reference_numbers_of_a_page_take_one_query(
    client: Client, fg: Gebruiker, af_hoorn: Gebruiker, melder_hoorn: Gebruiker
) -> None:
    signalen = [signaal_melden(melder=melder_hoorn) for _ in range(3)]
    lezer = Client()
    lezer.force_login(af_hoorn)

    def aantal_queries() -> int:
        client.force_login(fg)
        with CaptureQueriesContext(connection) as queries:
            antwoord = client.get(reverse("signalen:logboek_toegang"))
        assert [rij[4] for rij in tabelrijen(antwoord.content.decode())][-1] == signalen[0].referentie
        return len(queries)

    lezer.get(reverse("meldroute:detail", args=[signalen[0].pk]))
    een = aantal_queries()
    for signaal in signalen * 5:
        lezer.get(reverse("meldroute:detail", args=[signaal.pk]))
    assert aantal_queries() == een
