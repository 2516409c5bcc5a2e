"""Samenhangende signalen within the own gemeente: what the AF is shown on the detail page and in
the werkbak, and how confirming and rejecting a pair is recorded (meldroute/samenhang.py,
meldroute/services/samenhang.py)."""

import datetime
import json
import re
from dataclasses import dataclass
from typing import Any

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ketenpartners.models import Gebruiker, Organisatie, Rol
from ketenpartners.services import lidmaatschap_toevoegen
from meldroute import samenhang, services
from meldroute.models import Samenhang, StapRegistratie
from meldroute.services.samenhang import samenhang_afwijzen, samenhang_bevestigen
from signalen.models import Signaal, Toegangslog
from signalen.samenhang.sleutels import sleutels_bijwerken
from signalen.workflow import Status
from tests.factories import signaal_melden
from tests.hulp import tabelrijen

pytestmark = pytest.mark.django_db

GEBOREN = datetime.date(1990, 3, 4)
OPGEPIKT = Status.OPGEPIKT.label


def melden(
    melder: Gebruiker,
    *,
    gemeente: Organisatie | None = None,
    betrokkenen: list[dict[str, Any]] | None = None,
    locaties: list[dict[str, Any]] | None = None,
) -> Signaal:
    signaal = signaal_melden(melder=melder, gemeente=gemeente, betrokkenen=betrokkenen or [], locaties=locaties or [])
    # Intake writes the keys itself (signalen/services.py); again here, so this module does not
    # depend on that wiring. Rebuilding the keys is idempotent.
    sleutels_bijwerken(signaal)
    return signaal


def persoon(naam: str, geboortedatum: datetime.date = GEBOREN, **velden: Any) -> dict[str, Any]:
    return {"rol": "slachtoffer", "naam": naam, "geboortedatum": geboortedatum, **velden}


@dataclass
class Wereld:
    a: Signaal  # Jan Jansen, 4 maart 1990, Kerkstraat 12, Hoorn
    b: Signaal  # "Jansen, J.", same birth date
    c: Signaal  # Jan Jansen, another birth date
    d: Signaal  # a locatie at "Kerkstr. 12, Hoorn"
    e: Signaal  # Enkhuizen: the same person as A


@pytest.fixture
def wereld(melder_hoorn: Gebruiker, melder_enkhuizen: Gebruiker, enkhuizen: Organisatie) -> Wereld:
    a = melden(melder_hoorn, betrokkenen=[persoon("Jan Jansen", adres="Kerkstraat 12, Hoorn")])
    b = melden(melder_hoorn, betrokkenen=[persoon("Jansen, J.")])
    c = melden(melder_hoorn, betrokkenen=[persoon("Jan Jansen", datetime.date(1988, 7, 1))])
    d = melden(
        melder_hoorn,
        betrokkenen=[persoon("Piet de Vries", datetime.date(1975, 1, 20))],
        locaties=[{"adres": "Kerkstr. 12, Hoorn", "bedrijfsnaam": "Uitzendbureau Snel"}],
    )
    e = melden(
        melder_enkhuizen,
        gemeente=enkhuizen,
        betrokkenen=[persoon("Jan Jansen", adres="Kerkstraat 12, Hoorn")],
    )
    return Wereld(a=a, b=b, c=c, d=d, e=e)


def detail(client: Client, gebruiker: Gebruiker, signaal: Signaal) -> str:
    client.force_login(gebruiker)
    antwoord = client.get(reverse("meldroute:detail", args=[signaal.pk]))
    assert antwoord.status_code == 200
    return antwoord.content.decode()


def sectie(html: str) -> str:
    """The section 'Mogelijk samenhangend' of the detail page."""
    gevonden = re.search(r'<section aria-labelledby="kop-samenhang".*?</section>', html, re.DOTALL)
    assert gevonden is not None
    return gevonden.group(0)


def suggesties(html: str) -> list[list[str]]:
    """Reference, stap and reasons of each suggestion, in the order shown."""
    return [rij[:3] for rij in tabelrijen(sectie(html))]


def samenhangend(html: str) -> list[str]:
    lijst = sectie(html).partition('id="kop-samenhangend"')[2]
    return [" ".join(re.sub(r"<[^>]+>", "", item).split()) for item in re.findall(r"<li[^>]*>(.*?)</li>", lijst, re.S)]


def tijdlijn(html: str) -> list[str]:
    zijkant = html.partition('id="kop-tijdlijn"')[2]
    return [" ".join(titel.split()) for titel in re.findall(r"<strong>(.*?)</strong>", zijkant, re.S)]


def posten(client: Client, gebruiker: Gebruiker, naam: str, signaal: Signaal, ander: Signaal) -> Any:
    client.force_login(gebruiker)
    return client.post(reverse(f"meldroute:samenhang_{naam}", args=[signaal.pk, ander.pk]))


# What the AF is shown


def test_the_detail_page_suggests_signals_of_the_own_gemeente_strongest_first(
    client: Client, af_hoorn: Gebruiker, wereld: Wereld
) -> None:
    html = detail(client, af_hoorn, wereld.a)

    assert suggesties(html) == [
        [wereld.b.referentie, OPGEPIKT, "zelfde persoon"],
        [wereld.d.referentie, OPGEPIKT, "zelfde adres"],
    ]
    assert wereld.c.referentie not in html
    assert wereld.e.referentie not in html
    assert samenhangend(html) == []
    assert "Nog geen signalen als samenhangend vastgelegd." in sectie(html)
    # Each suggestion is a link to that signal, with both verdicts as buttons (POST, no JavaScript).
    assert f'href="{reverse("meldroute:detail", args=[wereld.b.pk])}"' in sectie(html)
    assert f'action="{reverse("meldroute:samenhang_bevestigen", args=[wereld.a.pk, wereld.b.pk])}"' in sectie(html)
    assert f'action="{reverse("meldroute:samenhang_afwijzen", args=[wereld.a.pk, wereld.d.pk])}"' in sectie(html)


def test_every_suggestion_shown_is_in_the_access_log(client: Client, af_hoorn: Gebruiker, wereld: Wereld) -> None:
    detail(client, af_hoorn, wereld.a)

    rijen = list(Toegangslog.objects.filter(gebruiker=af_hoorn).order_by("pk").values_list("actie", "signaal_ids"))
    assert rijen == [
        (Toegangslog.Actie.LIJST, sorted([wereld.b.pk, wereld.d.pk])),
        # E in Enkhuizen is the same person: shown as a hit at another gemeente (test_samenhang_elders.py).
        (Toegangslog.Actie.SAMENHANG_ELDERS, [wereld.a.pk, wereld.e.pk]),
        # The page itself is logged when it is sent.
        (Toegangslog.Actie.DETAIL, [wereld.a.pk]),
    ]


def test_the_af_of_another_gemeente_gets_nothing_about_the_signal(
    client: Client, af_enkhuizen: Gebruiker, wereld: Wereld
) -> None:
    client.force_login(af_enkhuizen)
    assert client.get(reverse("meldroute:detail", args=[wereld.a.pk])).status_code == 404

    html = detail(client, af_enkhuizen, wereld.e)
    assert suggesties(html) == []
    assert "Geen andere signalen van Enkhuizen om te beoordelen." in sectie(html)
    for signaal in (wereld.a, wereld.b, wereld.c, wereld.d):
        assert signaal.referentie not in html
    assert samenhang.samenhang_van(wereld.e, gebruiker=af_enkhuizen).suggesties == []


def test_an_af_of_two_gemeenten_gets_no_suggestion_across_them(
    af_hoorn: Gebruiker, enkhuizen: Organisatie, wereld: Wereld
) -> None:
    lidmaatschap_toevoegen(gebruiker=af_hoorn, organisatie=enkhuizen, rol=Rol.AANDACHTSFUNCTIONARIS)

    assert [s.referentie for s in samenhang.samenhang_van(wereld.a, gebruiker=af_hoorn).suggesties] == [
        wereld.b.referentie,
        wereld.d.referentie,
    ]
    assert samenhang.samenhang_van(wereld.e, gebruiker=af_hoorn).suggesties == []


def test_a_similar_name_with_the_same_birth_date_is_suggested_and_a_look_alike_is_not(
    af_hoorn: Gebruiker, melder_hoorn: Gebruiker
) -> None:
    a = melden(melder_hoorn, betrokkenen=[persoon("Jan Jansen")])
    # No key in common with A ("jan" is taken as the surname), but the name is A's.
    omgedraaid = melden(melder_hoorn, betrokkenen=[persoon("Jansen Jan")])
    janssen = melden(melder_hoorn, betrokkenen=[persoon("J. Janssen")])
    komma = melden(melder_hoorn, betrokkenen=[persoon("Jansen, Jan")])
    melden(melder_hoorn, betrokkenen=[persoon("Piet Hansen")])
    melden(melder_hoorn, betrokkenen=[persoon("Jan Jansen", datetime.date(1990, 3, 5))])

    gevonden = samenhang.samenhang_van(a, gebruiker=af_hoorn).suggesties

    assert [(s.referentie, s.redenen) for s in gevonden] == [
        (komma.referentie, ["zelfde persoon"]),
        (janssen.referentie, ["zelfde persoon"]),
        (omgedraaid.referentie, ["vergelijkbare naam, zelfde geboortedatum"]),
    ]


def test_suggestions_of_the_same_strength_show_the_newest_first(af_hoorn: Gebruiker, melder_hoorn: Gebruiker) -> None:
    a = melden(melder_hoorn, locaties=[{"adres": "Grote Noord 1, Hoorn", "kvk_nummer": "12345678"}])
    ouder = melden(melder_hoorn, locaties=[{"adres": "Grote Noord 1, Hoorn"}])
    nieuwer = melden(melder_hoorn, locaties=[{"adres": "Grote Noord 1, Hoorn"}])
    kvk = melden(melder_hoorn, locaties=[{"adres": "Dijk 3, Hoorn", "kvk_nummer": "12345678"}])

    gevonden = samenhang.samenhang_van(a, gebruiker=af_hoorn).suggesties

    assert [(s.referentie, s.redenen) for s in gevonden] == [
        (kvk.referentie, ["zelfde KvK-nummer"]),
        (nieuwer.referentie, ["zelfde adres"]),
        (ouder.referentie, ["zelfde adres"]),
    ]


def test_the_werkbak_marks_signals_with_an_open_suggestion(client: Client, af_hoorn: Gebruiker, wereld: Wereld) -> None:
    def gemarkeerd() -> list[str]:
        client.force_login(af_hoorn)
        html = client.get(reverse("meldroute:werkbak") + "?sortering=ingediend_op").content.decode()
        return [rij[0].split()[0] for rij in tabelrijen(html) if "Mogelijk samenhangend" in rij[0]]

    assert gemarkeerd() == [wereld.a.referentie, wereld.b.referentie, wereld.d.referentie]

    samenhang_bevestigen(signaal_id=wereld.a.pk, ander_id=wereld.b.pk, door=af_hoorn)
    samenhang_afwijzen(signaal_id=wereld.a.pk, ander_id=wereld.d.pk, door=af_hoorn)

    assert gemarkeerd() == []


# Confirm and reject


def test_confirming_a_pair_puts_it_on_both_timelines_and_under_samenhangende_signalen(
    client: Client, af_hoorn: Gebruiker, wereld: Wereld
) -> None:
    antwoord = posten(client, af_hoorn, "bevestigen", wereld.a, wereld.b)

    assert antwoord.status_code == 302
    assert antwoord["Location"] == reverse("meldroute:detail", args=[wereld.a.pk])
    html_a = detail(client, af_hoorn, wereld.a)
    assert f"Vastgelegd: samenhangend met {wereld.b.referentie}." in html_a
    assert tijdlijn(html_a)[-1] == f"Samenhang bevestigd met {wereld.b.referentie}"
    assert suggesties(html_a) == [[wereld.d.referentie, OPGEPIKT, "zelfde adres"]]
    assert samenhangend(html_a) == [f"{wereld.b.referentie} ({OPGEPIKT}): zelfde persoon"]
    html_b = detail(client, af_hoorn, wereld.b)
    assert tijdlijn(html_b)[-1] == f"Samenhang bevestigd met {wereld.a.referentie}"
    assert suggesties(html_b) == []
    assert samenhangend(html_b) == [f"{wereld.a.referentie} ({OPGEPIKT}): zelfde persoon"]
    assert list(Samenhang.objects.values_list("signaal_a", "signaal_b", "status", "door", "redenen")) == [
        (wereld.a.pk, wereld.b.pk, Samenhang.Status.BEVESTIGD, af_hoorn.pk, ["zelfde persoon"])
    ]


def test_the_audit_log_of_a_verdict_holds_no_personal_data(af_hoorn: Gebruiker, wereld: Wereld) -> None:
    samenhang_bevestigen(signaal_id=wereld.b.pk, ander_id=wereld.a.pk, door=af_hoorn)

    soorten = [ContentType.objects.get_for_model(model) for model in (Samenhang, StapRegistratie)]
    regels = LogEntry.objects.filter(content_type__in=soorten, timestamp__gte=Samenhang.objects.get().op)
    tekst = json.dumps(list(regels.values()), default=str)
    for persoonsgegeven in ("Jansen", "jansen", "1990", "Kerkstraat", "Hoorn"):
        assert persoonsgegeven not in tekst
    vastgelegd = LogEntry.objects.get_for_object(Samenhang.objects.get()).get()
    assert vastgelegd.changes_dict["status"] == ["None", "bevestigd"]
    assert vastgelegd.changes_dict["signaal_a"] == ["None", str(wereld.a.pk)]
    assert vastgelegd.changes_dict["signaal_b"] == ["None", str(wereld.b.pk)]


def test_a_rejected_pair_is_never_suggested_again(client: Client, af_hoorn: Gebruiker, wereld: Wereld) -> None:
    antwoord = posten(client, af_hoorn, "afwijzen", wereld.a, wereld.d)
    assert antwoord.status_code == 302

    html_a = detail(client, af_hoorn, wereld.a)
    assert f"Vastgelegd: niet samenhangend met {wereld.d.referentie}." in html_a
    assert suggesties(html_a) == [[wereld.b.referentie, OPGEPIKT, "zelfde persoon"]]
    assert tijdlijn(html_a)[-1] == f"Samenhang afgewezen met {wereld.d.referentie}"
    assert tijdlijn(detail(client, af_hoorn, wereld.d))[-1] == f"Samenhang afgewezen met {wereld.a.referentie}"
    assert suggesties(detail(client, af_hoorn, wereld.d)) == []

    # A new change to A's betrokkenen rebuilds its keys: the pair stays rejected.
    services.in_behandeling_nemen(signaal_id=wereld.a.pk, door=af_hoorn, behandelaar=af_hoorn)
    services.betrokkene_toevoegen(
        signaal_id=wereld.a.pk,
        door=af_hoorn,
        gegevens={"rol": "dader", "naam": "K. Bakker", "adres": "Kerkstraat 12, Hoorn"},
    )
    sleutels_bijwerken(wereld.a)
    assert suggesties(detail(client, af_hoorn, wereld.a)) == [[wereld.b.referentie, OPGEPIKT, "zelfde persoon"]]
    assert suggesties(detail(client, af_hoorn, wereld.d)) == []


def test_only_an_explicit_confirmation_turns_a_rejected_pair_into_a_confirmed_one(
    client: Client, af_hoorn: Gebruiker, wereld: Wereld
) -> None:
    posten(client, af_hoorn, "afwijzen", wereld.a, wereld.d)
    posten(client, af_hoorn, "afwijzen", wereld.d, wereld.a)

    html = detail(client, af_hoorn, wereld.d)
    assert "Deze signalen zijn al als niet samenhangend vastgelegd." in html
    assert Samenhang.objects.get().status == Samenhang.Status.AFGEWEZEN

    posten(client, af_hoorn, "bevestigen", wereld.d, wereld.a)

    html = detail(client, af_hoorn, wereld.d)
    assert samenhangend(html) == [f"{wereld.a.referentie} ({OPGEPIKT}): zelfde adres"]
    assert list(Samenhang.objects.values_list("status", flat=True)) == [Samenhang.Status.BEVESTIGD]
    assert tijdlijn(html)[-2:] == [
        f"Samenhang afgewezen met {wereld.a.referentie}",
        f"Samenhang bevestigd met {wereld.a.referentie}",
    ]


# Refused


@pytest.mark.parametrize("naam", ["bevestigen", "afwijzen"])
def test_an_af_of_another_gemeente_gets_a_404_and_a_refusal_in_the_log(
    client: Client, af_enkhuizen: Gebruiker, wereld: Wereld, naam: str
) -> None:
    antwoord = posten(client, af_enkhuizen, naam, wereld.a, wereld.b)

    assert antwoord.status_code == 404
    assert list(Toegangslog.objects.values_list("resultaat", "signaal_ids")) == [
        (Toegangslog.Resultaat.GEWEIGERD, [wereld.a.pk])
    ]
    assert not Samenhang.objects.exists()


@pytest.mark.parametrize("naam", ["bevestigen", "afwijzen"])
def test_a_pair_across_gemeenten_is_a_404_even_for_an_af_of_both(
    client: Client, af_hoorn: Gebruiker, enkhuizen: Organisatie, wereld: Wereld, naam: str
) -> None:
    # The pair itself is refused, not only a signal the user may not handle.
    lidmaatschap_toevoegen(gebruiker=af_hoorn, organisatie=enkhuizen, rol=Rol.AANDACHTSFUNCTIONARIS)
    assert posten(client, af_hoorn, naam, wereld.a, wereld.e).status_code == 404
    assert posten(client, af_hoorn, naam, wereld.e, wereld.a).status_code == 404

    assert not Samenhang.objects.exists()
    assert not StapRegistratie.objects.filter(signaal__in=[wereld.a, wereld.e]).exists()
    assert list(Toegangslog.objects.order_by("pk").values_list("resultaat", "signaal_ids")) == [
        (Toegangslog.Resultaat.GEWEIGERD, [wereld.e.pk]),
        (Toegangslog.Resultaat.GEWEIGERD, [wereld.a.pk]),
    ]


def test_a_signal_of_another_gemeente_as_the_other_one_is_a_404(
    client: Client, af_hoorn: Gebruiker, wereld: Wereld
) -> None:
    assert posten(client, af_hoorn, "bevestigen", wereld.a, wereld.e).status_code == 404
    assert posten(client, af_hoorn, "bevestigen", wereld.a, wereld.a).status_code == 404

    assert not Samenhang.objects.exists()
    assert list(Toegangslog.objects.order_by("pk").values_list("resultaat", "signaal_ids")) == [
        (Toegangslog.Resultaat.GEWEIGERD, [wereld.e.pk]),
        (Toegangslog.Resultaat.GEWEIGERD, [wereld.a.pk]),
    ]


@pytest.mark.parametrize("naam", ["bevestigen", "afwijzen"])
def test_get_is_not_allowed(client: Client, af_hoorn: Gebruiker, wereld: Wereld, naam: str) -> None:
    client.force_login(af_hoorn)
    antwoord = client.get(reverse(f"meldroute:samenhang_{naam}", args=[wereld.a.pk, wereld.b.pk]))

    assert antwoord.status_code == 405
    assert not Samenhang.objects.exists()


# Queries


def test_the_detail_page_costs_the_same_queries_for_2_and_20_related_signals(
    client: Client,
    af_hoorn: Gebruiker,
    melder_hoorn: Gebruiker,
    django_assert_num_queries: Any,
) -> None:
    a = melden(melder_hoorn, betrokkenen=[persoon("Jan Jansen", adres="Kerkstraat 12, Hoorn", telefoon="0612345678")])

    def erbij(aantal: int) -> None:
        for i in range(aantal):
            # Same person by key, a similar name, the same address, the same phone number.
            soorten: list[tuple[list[dict[str, Any]], list[dict[str, Any]]]] = [
                ([persoon("Jansen, J.")], []),
                ([persoon("Jansen Jan")], []),
                ([], [{"adres": "Kerkstr. 12, Hoorn"}]),
                ([persoon("K. de Boer", datetime.date(1970, 1, 1), telefoon="06-12345678")], []),
            ]
            betrokkenen, locaties = soorten[i % len(soorten)]
            ander = melden(melder_hoorn, betrokkenen=betrokkenen, locaties=locaties)
            if i % 5 == 4:
                samenhang_bevestigen(signaal_id=a.pk, ander_id=ander.pk, door=af_hoorn)

    url = reverse("meldroute:detail", args=[a.pk])
    client.force_login(af_hoorn)
    erbij(2)
    client.get(url)  # the first request of a session reads more (the user's memberships)
    with CaptureQueriesContext(connection) as bij_2:
        assert client.get(url).status_code == 200
    assert len(samenhang.samenhang_van(a, gebruiker=af_hoorn).suggesties) == 2

    erbij(18)
    assert len(samenhang.samenhang_van(a, gebruiker=af_hoorn).suggesties) == 17
    with django_assert_num_queries(len(bij_2)):
        antwoord = client.get(url)
    assert len(suggesties(antwoord.content.decode())) == 17
    assert len(samenhangend(antwoord.content.decode())) == 3


def test_the_werkbak_marker_costs_one_query_for_the_whole_page(
    client: Client, af_hoorn: Gebruiker, melder_hoorn: Gebruiker, django_assert_num_queries: Any
) -> None:
    url = reverse("meldroute:werkbak")
    client.force_login(af_hoorn)
    for _ in range(2):
        melden(melder_hoorn, betrokkenen=[persoon("Jan Jansen")])
    client.get(url)
    with CaptureQueriesContext(connection) as bij_2:
        client.get(url)

    for _ in range(10):
        melden(melder_hoorn, betrokkenen=[persoon("Jan Jansen")])
    with django_assert_num_queries(len(bij_2)):
        html = client.get(url).content.decode()
    assert html.count("Mogelijk samenhangend</span>") == 12
