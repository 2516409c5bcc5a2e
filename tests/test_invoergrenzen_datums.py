"""Limits on dates: every date a user types is refused outside its range, with both ends in the message."""

import datetime
from typing import Any

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from ketenpartners.models import Gebruiker, Organisatie
from meldroute.models import Deling, Herbeoordeling, StapRegistratie
from mensenhandel.werkdagen import ZONE
from signalen.models import Betrokkene, Signaal
from signalen.workflow import Status
from tests.factories import OrganisatieFactory, delen, naar_status, signaal_melden
from tests.invoer_hulp import datum_tekst, melden, vandaag

pytestmark = pytest.mark.django_db


# -- dates -------------------------------------------------------------------------------------


@pytest.mark.parametrize("waarde", ["0001-01-01", "1899-12-31", "9999-12-31", "morgen"])
def test_an_observation_date_outside_1900_to_today_is_refused_with_the_range(
    client: Client, melder_hoorn: Gebruiker, waarde: str
) -> None:
    if waarde == "morgen":
        waarde = (vandaag() + datetime.timedelta(days=1)).isoformat()
    html = melden(client, melder_hoorn, waargenomen_op=waarde).content.decode()
    assert f"Vul een datum in van 1 januari 1900 tot en met vandaag ({datum_tekst(vandaag())})." in html
    assert f'min="1900-01-01" max="{vandaag().isoformat()}"' in html
    assert Signaal.objects.count() == 0


@pytest.mark.parametrize("waarde", ["0001-01-01", "9999-12-31"])
def test_a_birth_date_outside_1900_to_today_is_refused_with_the_range(
    client: Client, melder_hoorn: Gebruiker, waarde: str
) -> None:
    html = melden(client, melder_hoorn, **{"betrokkene-0-geboortedatum": waarde}).content.decode()
    assert f"Vul een datum in van 1 januari 1900 tot en met vandaag ({datum_tekst(vandaag())})." in html
    assert Signaal.objects.count() == 0


def test_the_first_of_january_1900_and_today_are_accepted(client: Client, melder_hoorn: Gebruiker) -> None:
    antwoord = melden(
        client,
        melder_hoorn,
        waargenomen_op=vandaag().isoformat(),
        **{"betrokkene-0-geboortedatum": "1900-01-01"},
    )
    assert antwoord.status_code == 302
    assert Betrokkene.objects.get().geboortedatum == datetime.date(1900, 1, 1)


@pytest.mark.parametrize(
    ("actie", "status", "gegevens", "veld"),
    [
        ("lokale_tafel_bespreken", Status.VERRIJKT, {"soort": "politie", "besluit": "Naar RIEC."}, "besproken_op"),
        ("riec_inschakelen", Status.LOKALE_TAFEL, {"vermoeden": "Dwang.", "contact": "RIEC NH"}, "datum"),
        ("informatieplein_inbrengen", Status.RIEC, {"resultaat": "Onderzoek."}, "ingebracht_op"),
        ("terugkoppelen", Status.INFORMATIEPLEIN, {"tekst": "Dank voor uw melding."}, "gegeven_op"),
    ],
)
@pytest.mark.parametrize("waarde", ["0001-01-01", "1999-12-31", "9999-12-31"])
def test_a_meeting_date_outside_2000_to_today_is_refused_and_the_step_is_not_taken(
    client: Client,
    melder_hoorn: Gebruiker,
    af_hoorn: Gebruiker,
    actie: str,
    status: str,
    gegevens: dict[str, str],
    veld: str,
    waarde: str,
) -> None:
    signaal = naar_status(signaal_melden(melder=melder_hoorn), status, door=af_hoorn)
    registraties = StapRegistratie.objects.filter(signaal=signaal).count()
    client.force_login(af_hoorn)

    antwoord = client.post(
        reverse("meldroute:actie", args=[signaal.pk, actie]), {"verwachte_status": status, veld: waarde, **gegevens}
    )

    assert antwoord.status_code == 200
    assert (
        f"Vul een datum in van 1 januari 2000 tot en met vandaag ({datum_tekst(vandaag())})."
        in antwoord.content.decode()
    )
    signaal.refresh_from_db()
    assert (signaal.status, StapRegistratie.objects.filter(signaal=signaal).count()) == (status, registraties)


@pytest.mark.parametrize("dagen", [0, 366, 2_900_000])
def test_a_herbeoordeling_must_fall_after_today_and_within_a_year(
    client: Client, melder_hoorn: Gebruiker, af_hoorn: Gebruiker, dagen: int
) -> None:
    signaal = naar_status(signaal_melden(melder=melder_hoorn), Status.VERRIJKT, door=af_hoorn)
    client.force_login(af_hoorn)
    datum = "9999-12-31" if dagen > 3_000 else (vandaag() + datetime.timedelta(days=dagen)).isoformat()

    antwoord = client.post(
        reverse("meldroute:actie", args=[signaal.pk, "herbeoordeling_plannen"]),
        {"verwachte_status": Status.VERRIJKT, "datum": datum},
    )

    morgen = vandaag() + datetime.timedelta(days=1)
    over_een_jaar = vandaag() + datetime.timedelta(days=365)
    assert (
        f"Vul een datum in van morgen ({datum_tekst(morgen)}) tot en met {datum_tekst(over_een_jaar)}. "
        "Een herbeoordeling plant u binnen een jaar." in antwoord.content.decode()
    )
    assert not Herbeoordeling.objects.exists()


def test_a_herbeoordeling_a_year_from_today_is_planned(
    client: Client, melder_hoorn: Gebruiker, af_hoorn: Gebruiker
) -> None:
    signaal = naar_status(signaal_melden(melder=melder_hoorn), Status.VERRIJKT, door=af_hoorn)
    client.force_login(af_hoorn)
    datum = vandaag() + datetime.timedelta(days=365)
    antwoord = client.post(
        reverse("meldroute:actie", args=[signaal.pk, "herbeoordeling_plannen"]),
        {"verwachte_status": Status.VERRIJKT, "datum": datum.isoformat()},
    )
    assert antwoord.status_code == 302
    assert Herbeoordeling.objects.get().datum == datum


@pytest.fixture
def politie() -> Organisatie:
    return OrganisatieFactory(naam="Politie Noord-Holland", soort=Organisatie.Soort.POLITIE)


def _delen(client: Client, signaal: Signaal, politie: Organisatie, einddatum: str) -> Any:
    return client.post(
        reverse("meldroute:delen", args=[signaal.pk]),
        {"organisatie": politie.pk, "grondslag": "riec_convenant", "reden": "Besproken.", "einddatum": einddatum},
    )


def test_a_share_until_9999_is_refused_with_the_longest_term(
    client: Client, melder_hoorn: Gebruiker, af_hoorn: Gebruiker, politie: Organisatie
) -> None:
    signaal = signaal_melden(melder=melder_hoorn)
    client.force_login(af_hoorn)

    antwoord = _delen(client, signaal, politie, "9999-12-31")

    morgen = vandaag() + datetime.timedelta(days=1)
    langst = vandaag() + datetime.timedelta(days=365)
    assert (
        f"Vul een datum in van morgen ({datum_tekst(morgen)}) tot en met {datum_tekst(langst)}. "
        "Een deling duurt ten hoogste 365 dagen; daarna kunt u opnieuw delen." in antwoord.content.decode()
    )
    assert not Deling.objects.exists()


def test_the_longest_term_of_a_share_comes_from_the_setting(
    client: Client, melder_hoorn: Gebruiker, af_hoorn: Gebruiker, politie: Organisatie, settings: Any
) -> None:
    settings.DELING_MAX_DAGEN = 30
    signaal = signaal_melden(melder=melder_hoorn)
    client.force_login(af_hoorn)

    te_lang = _delen(client, signaal, politie, (vandaag() + datetime.timedelta(days=31)).isoformat())
    assert "Een deling duurt ten hoogste 30 dagen" in te_lang.content.decode()
    assert not Deling.objects.exists()

    assert _delen(client, signaal, politie, (vandaag() + datetime.timedelta(days=30)).isoformat()).status_code == 302
    assert Deling.objects.get().einddatum == vandaag() + datetime.timedelta(days=30)


def test_the_proposed_end_of_a_share_never_exceeds_the_longest_term(
    client: Client, melder_hoorn: Gebruiker, af_hoorn: Gebruiker, politie: Organisatie
) -> None:
    signaal = signaal_melden(melder=melder_hoorn)
    signaal.gemeente.regios.update(deeltermijn_dagen=400)
    client.force_login(af_hoorn)
    html = client.get(reverse("meldroute:delen", args=[signaal.pk])).content.decode()
    assert f'value="{(vandaag() + datetime.timedelta(days=365)).isoformat()}"' in html


def test_the_share_service_itself_refuses_a_term_past_the_longest(
    melder_hoorn: Gebruiker, af_hoorn: Gebruiker, politie: Organisatie
) -> None:
    """Not only the form: whatever calls the service (a tafel's decision, a script) is held to it."""
    signaal = naar_status(signaal_melden(melder=melder_hoorn), Status.LOKALE_TAFEL, door=af_hoorn)

    with pytest.raises(ValidationError) as fout:
        delen(signaal, door=af_hoorn, organisatie=politie, einddatum=vandaag() + datetime.timedelta(days=366))

    assert fout.value.message_dict == {"einddatum": ["Deel ten hoogste 365 dagen; verleng de deling daarna zo nodig."]}
    assert not Deling.objects.exists()


def test_the_date_range_follows_the_day(client: Client, melder_hoorn: Gebruiker) -> None:
    """A form built yesterday would still say yesterday: the range is read when the form is made."""
    with time_machine.travel(datetime.datetime(2027, 3, 14, 10, tzinfo=ZONE), tick=False):
        client.force_login(melder_hoorn)
        html = client.get(reverse("signalen:melden")).content.decode()
    assert 'min="1900-01-01" max="2027-03-14"' in html
