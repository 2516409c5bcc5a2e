"""Werkbak and detail pages cost the same number of queries for 10 or 200 signals."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ketenpartners.models import Gebruiker
from meldroute import services
from signalen.models import Betrokkene, Locatie, Signaal, Vorm
from signalen.workflow import Status
from tests.factories import naar_status, signaal_melden

pytestmark = pytest.mark.django_db


def meld(aantal: int, *, melder: Gebruiker, af: Gebruiker) -> list[Signaal]:
    vormen = list(Vorm.objects.all()[:2])
    signalen = []
    for i in range(aantal):
        signaal = signaal_melden(melder=melder, acuut=i % 3 == 0, vormen=vormen)
        if i % 2:
            services.in_behandeling_nemen(signaal_id=signaal.pk, door=af, behandelaar=af)
        signalen.append(signaal)
    return signalen


def aantal_queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        antwoord = client.get(url)
    assert antwoord.status_code == 200
    return len(queries)


def test_the_werkbak_costs_the_same_queries_for_10_and_200_signals(
    client: Client, melder_hoorn: Gebruiker, af_hoorn: Gebruiker
) -> None:
    client.force_login(af_hoorn)
    url = reverse("meldroute:werkbak") + "?pagina=1&sortering=-ingediend_op"
    meld(10, melder=melder_hoorn, af=af_hoorn)
    bij_10 = aantal_queries(client, url)
    meld(190, melder=melder_hoorn, af=af_hoorn)
    bij_200 = aantal_queries(client, url)

    assert bij_10 == bij_200
    assert "Pagina 1 van 8" in client.get(url).content.decode()


def test_the_detail_page_costs_the_same_queries_for_a_short_and_a_long_history(
    client: Client, melder_hoorn: Gebruiker, af_hoorn: Gebruiker
) -> None:
    client.force_login(af_hoorn)
    kort = signaal_melden(melder=melder_hoorn)
    lang = naar_status(signaal_melden(melder=melder_hoorn), Status.INFORMATIEPLEIN, door=af_hoorn)
    for i in range(10):
        services.verrijking_toevoegen(signaal_id=lang.pk, door=af_hoorn, bron="kvk", bevindingen=f"Bevinding {i}")
        Betrokkene.objects.create(signaal=lang, rol="slachtoffer", naam=f"Persoon {i}")
        Locatie.objects.create(signaal=lang, adres=f"Straat {i}")

    assert aantal_queries(client, reverse("meldroute:detail", args=[kort.pk])) == aantal_queries(
        client, reverse("meldroute:detail", args=[lang.pk])
    )


def test_the_actie_nodig_count_in_the_header_costs_a_fixed_small_number_of_queries(
    melder_hoorn: Gebruiker, af_hoorn: Gebruiker
) -> None:
    from meldroute.actie_nodig import aantal

    meld(5, melder=melder_hoorn, af=af_hoorn)
    gebruiker = Gebruiker.objects.get(pk=af_hoorn.pk)  # As in a request: roles not yet looked up.
    with CaptureQueriesContext(connection) as bij_5:
        vijf = aantal(gebruiker)
    meld(60, melder=melder_hoorn, af=af_hoorn)
    gebruiker = Gebruiker.objects.get(pk=af_hoorn.pk)
    with CaptureQueriesContext(connection) as bij_65:
        vijfenzestig = aantal(gebruiker)

    # Every signal not yet taken is an entry: 3 of 5, then 33 of 65. The queries: the user's
    # roles, their gemeenten, those gemeenten's active AFs, their signals with an unseen
    # terugmelding, one count of signals, one of shares, one of the actions a tafel gave them.
    assert (vijf, vijfenzestig) == (3, 33)
    assert len(bij_5) == len(bij_65) == 7


def test_the_actie_nodig_page_costs_the_same_queries_for_5_and_65_signals(
    client: Client, melder_hoorn: Gebruiker, af_hoorn: Gebruiker
) -> None:
    client.force_login(af_hoorn)
    meld(5, melder=melder_hoorn, af=af_hoorn)
    bij_5 = aantal_queries(client, reverse("meldroute:actie_nodig"))
    meld(60, melder=melder_hoorn, af=af_hoorn)
    assert aantal_queries(client, reverse("meldroute:actie_nodig")) == bij_5
