"""The beheerder sees no signals, also not on a delete page: what signals hang on is deactivated,
never deleted, and the admin offers no delete page or bulk delete for it."""

import pytest
from django.test import Client
from django.urls import reverse

from ketenpartners.models import Gebruiker, Organisatie, Rol
from signalen.models import Indicator, Signaal, Team
from tests.factories import gebruiker_met_rol, signaal_melden

pytestmark = pytest.mark.django_db


@pytest.fixture
def beheerder(hoorn: Organisatie) -> Gebruiker:
    return gebruiker_met_rol(hoorn, Rol.BEHEERDER, username="beheerder")


@pytest.fixture
def signaal(melder_hoorn: Gebruiker, af_hoorn: Gebruiker) -> Signaal:
    signaal = signaal_melden(melder=melder_hoorn)
    signaal.indicatoren.add(Indicator.objects.filter(actief=True).first())
    signaal.behandelaar = af_hoorn
    signaal.save(update_fields=["behandelaar"])
    return signaal


def _verwijderpaginas(signaal: Signaal, melder: Gebruiker, af: Gebruiker) -> dict[str, str]:
    indicator = signaal.indicatoren.get()
    return {
        "melder": reverse("admin:ketenpartners_gebruiker_delete", args=[melder.pk]),
        "behandelaar": reverse("admin:ketenpartners_gebruiker_delete", args=[af.pk]),
        "gemeente": reverse("admin:ketenpartners_organisatie_delete", args=[signaal.gemeente_id]),
        "team": reverse("admin:signalen_team_delete", args=[signaal.team_id]),
        "indicator": reverse("admin:signalen_indicator_delete", args=[indicator.pk]),
    }


def test_no_delete_page_for_anything_a_signal_hangs_on(
    client: Client, beheerder: Gebruiker, signaal: Signaal, melder_hoorn: Gebruiker, af_hoorn: Gebruiker
) -> None:
    client.force_login(beheerder)

    antwoorden = {naam: client.get(url) for naam, url in _verwijderpaginas(signaal, melder_hoorn, af_hoorn).items()}

    assert {naam: a.status_code for naam, a in antwoorden.items()} == {
        "melder": 403,
        "behandelaar": 403,
        "gemeente": 403,
        "team": 403,
        "indicator": 403,
    }
    for antwoord in antwoorden.values():
        assert signaal.referentie not in antwoord.content.decode()
    # Posting the confirmation deletes nothing either.
    for url in _verwijderpaginas(signaal, melder_hoorn, af_hoorn).values():
        assert client.post(url, {"post": "yes"}).status_code == 403
    assert Gebruiker.objects.filter(pk__in=[melder_hoorn.pk, af_hoorn.pk]).count() == 2
    assert Team.objects.filter(pk=signaal.team_id).exists()
    assert signaal.indicatoren.count() == 1


@pytest.mark.parametrize(
    "changelist",
    [
        "admin:ketenpartners_gebruiker_changelist",
        "admin:ketenpartners_organisatie_changelist",
        "admin:signalen_team_changelist",
        "admin:signalen_indicator_changelist",
    ],
)
def test_no_bulk_delete_on_the_lists(client: Client, beheerder: Gebruiker, signaal: Signaal, changelist: str) -> None:
    client.force_login(beheerder)

    lijst = client.get(reverse(changelist))

    assert lijst.status_code == 200
    assert 'value="delete_selected"' not in lijst.content.decode()


def test_the_bulk_delete_action_posted_anyway_deletes_nothing(
    client: Client, beheerder: Gebruiker, signaal: Signaal, melder_hoorn: Gebruiker
) -> None:
    client.force_login(beheerder)

    antwoord = client.post(
        reverse("admin:ketenpartners_gebruiker_changelist"),
        {"action": "delete_selected", "_selected_action": [melder_hoorn.pk], "post": "yes"},
    )

    assert signaal.referentie not in antwoord.content.decode()
    assert Gebruiker.objects.filter(pk=melder_hoorn.pk).exists()


def test_a_user_is_deactivated_instead(client: Client, beheerder: Gebruiker, melder_hoorn: Gebruiker) -> None:
    client.force_login(beheerder)

    wijzigpagina = client.get(reverse("admin:ketenpartners_gebruiker_change", args=[melder_hoorn.pk])).content.decode()

    assert 'name="is_active"' in wijzigpagina
    assert reverse("admin:ketenpartners_gebruiker_delete", args=[melder_hoorn.pk]) not in wijzigpagina
