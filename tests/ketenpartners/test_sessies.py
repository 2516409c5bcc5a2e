"""Sessions end after 30 idle minutes, after the working day, and when access is taken away."""

import datetime
from urllib.parse import quote

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from ketenpartners.models import Gebruiker, Lidmaatschap, Organisatie, Rol
from ketenpartners.services import lidmaatschap_beeindigen, lidmaatschap_toevoegen, organisatie_activeren
from tests.factories import gebruiker_met_rol

pytestmark = pytest.mark.django_db

WERKBAK = reverse("meldroute:werkbak")
NAAR_INLOGGEN = f"{reverse('login')}?next={quote(WERKBAK, safe='/')}"
BEEINDIGD = "Uw sessie is beëindigd omdat uw account of uw rollen zijn gewijzigd. Log opnieuw in."


def ingelogd(gebruiker: Gebruiker) -> Client:
    client = Client()
    client.force_login(gebruiker)
    assert client.get(WERKBAK).status_code == 200
    return client


def over(minuten: float) -> datetime.datetime:
    return timezone.now() + datetime.timedelta(minutes=minuten)


def uitgelogd_met(client: Client) -> str:
    """The request after the end goes to the login page; that page says why."""
    antwoord = client.get(WERKBAK)
    assert (antwoord.status_code, antwoord["Location"]) == (302, NAAR_INLOGGEN)
    pagina = client.get(antwoord["Location"]).content.decode()
    melding = pagina.split('<span class="mh-visually-hidden">Let op: </span>', 1)[1].split("</p>", 1)[0]
    assert client.get(WERKBAK).status_code == 302  # Logged out, not only redirected once.
    return melding


def test_thirty_idle_minutes_log_the_user_out(client: Client, af_hoorn: Gebruiker) -> None:
    client.force_login(af_hoorn)
    with time_machine.travel(over(29), tick=False):
        assert client.get(WERKBAK).status_code == 200
    # Activity counts from the last request, not from the login.
    with time_machine.travel(over(29 + 29), tick=False):
        assert client.get(WERKBAK).status_code == 200
    with time_machine.travel(over(29 + 29 + 30), tick=False):
        assert uitgelogd_met(client) == "U bent uitgelogd omdat u 30 minuten niets hebt gedaan. Log opnieuw in."


def test_the_idle_time_is_a_setting(client: Client, af_hoorn: Gebruiker, settings: object) -> None:
    settings.SESSIE_INACTIEF_MINUTEN = 5  # type: ignore[attr-defined]
    client.force_login(af_hoorn)
    with time_machine.travel(over(4), tick=False):
        assert client.get(WERKBAK).status_code == 200
    with time_machine.travel(over(4 + 5), tick=False):
        assert uitgelogd_met(client) == "U bent uitgelogd omdat u 5 minuten niets hebt gedaan. Log opnieuw in."


def test_activity_does_not_stretch_a_session_past_eight_hours(client: Client, af_hoorn: Gebruiker) -> None:
    client.force_login(af_hoorn)
    # A request every 20 minutes, all day long.
    for minuten in range(20, 8 * 60, 20):
        with time_machine.travel(over(minuten), tick=False):
            assert client.get(WERKBAK).status_code == 200, f"na {minuten} minuten"
    with time_machine.travel(over(8 * 60), tick=False):
        assert uitgelogd_met(client) == "U bent uitgelogd omdat u 8 uur was ingelogd. Log opnieuw in."


def beheerder_van(hoorn: Organisatie) -> Client:
    return ingelogd_beheerder(gebruiker_met_rol(hoorn, Rol.BEHEERDER, username="beheerder"))


def ingelogd_beheerder(beheerder: Gebruiker) -> Client:
    client = Client()
    client.force_login(beheerder)
    return client


def wijzigen_in_de_admin(beheerder: Client, gebruiker: Gebruiker, *, actief: bool) -> None:
    """The beheerder saves the user's change form, with the active box ticked or not."""
    lid = Lidmaatschap.objects.get(gebruiker=gebruiker)
    gegevens = {
        "username": gebruiker.username,
        "first_name": gebruiker.first_name,
        "last_name": gebruiker.last_name,
        "email": gebruiker.email,
        "oidc_sub": "",
        "lidmaatschappen-TOTAL_FORMS": "1",
        "lidmaatschappen-INITIAL_FORMS": "1",
        "lidmaatschappen-0-id": str(lid.pk),
        "lidmaatschappen-0-gebruiker": str(gebruiker.pk),
        "lidmaatschappen-0-organisatie": str(lid.organisatie_id),
        "lidmaatschappen-0-rol": lid.rol,
    }
    if actief:
        gegevens["is_active"] = "on"
    antwoord = beheerder.post(reverse("admin:ketenpartners_gebruiker_change", args=[gebruiker.pk]), gegevens)
    assert antwoord.status_code == 302, antwoord.content.decode()[:3000]


def test_deactivating_a_user_in_the_admin_ends_all_their_sessions(
    af_hoorn: Gebruiker, af_hoorn_2: Gebruiker, hoorn: Organisatie
) -> None:
    kantoor, thuis, collega = ingelogd(af_hoorn), ingelogd(af_hoorn), ingelogd(af_hoorn_2)
    beheerder = beheerder_van(hoorn)

    wijzigen_in_de_admin(beheerder, af_hoorn, actief=False)

    assert uitgelogd_met(kantoor) == BEEINDIGD
    assert uitgelogd_met(thuis) == BEEINDIGD
    assert collega.get(WERKBAK).status_code == 200


def test_a_session_ended_by_deactivation_stays_ended_when_the_user_is_reactivated(
    af_hoorn: Gebruiker, hoorn: Organisatie
) -> None:
    sessie = ingelogd(af_hoorn)
    beheerder = beheerder_van(hoorn)

    wijzigen_in_de_admin(beheerder, af_hoorn, actief=False)
    wijzigen_in_de_admin(beheerder, Gebruiker.objects.get(pk=af_hoorn.pk), actief=True)

    assert uitgelogd_met(sessie) == BEEINDIGD
    assert ingelogd(af_hoorn).get(WERKBAK).status_code == 200


def test_ending_a_membership_ends_all_the_users_sessions(
    af_hoorn: Gebruiker, af_hoorn_2: Gebruiker, hoorn: Organisatie
) -> None:
    sessie, collega = ingelogd(af_hoorn), ingelogd(af_hoorn_2)

    lidmaatschap_beeindigen(gebruiker=af_hoorn, organisatie=hoorn, rol=Rol.AANDACHTSFUNCTIONARIS)

    assert uitgelogd_met(sessie) == BEEINDIGD
    assert collega.get(WERKBAK).status_code == 200


def test_deleting_a_membership_in_the_admin_ends_the_users_sessions(af_hoorn: Gebruiker, hoorn: Organisatie) -> None:
    sessie = ingelogd(af_hoorn)
    beheerder = beheerder_van(hoorn)
    lid = Lidmaatschap.objects.get(gebruiker=af_hoorn)

    antwoord = beheerder.post(
        reverse("admin:ketenpartners_gebruiker_change", args=[af_hoorn.pk]),
        {
            "username": af_hoorn.username,
            "first_name": af_hoorn.first_name,
            "last_name": af_hoorn.last_name,
            "email": af_hoorn.email,
            "is_active": "on",
            "lidmaatschappen-TOTAL_FORMS": "1",
            "lidmaatschappen-INITIAL_FORMS": "1",
            "lidmaatschappen-0-id": str(lid.pk),
            "lidmaatschappen-0-gebruiker": str(af_hoorn.pk),
            "lidmaatschappen-0-organisatie": str(hoorn.pk),
            "lidmaatschappen-0-rol": lid.rol,
            "lidmaatschappen-0-DELETE": "on",
        },
    )

    assert antwoord.status_code == 302
    assert not Lidmaatschap.objects.filter(gebruiker=af_hoorn).exists()
    assert uitgelogd_met(sessie) == BEEINDIGD


def test_deactivating_the_organisation_ends_its_members_sessions(af_hoorn: Gebruiker, hoorn: Organisatie) -> None:
    sessie = ingelogd(af_hoorn)

    organisatie_activeren(organisatie=hoorn, actief=False)

    assert uitgelogd_met(sessie) == BEEINDIGD


def test_getting_a_role_more_keeps_the_session(af_hoorn: Gebruiker, hoorn: Organisatie) -> None:
    sessie = ingelogd(af_hoorn)

    lidmaatschap_toevoegen(gebruiker=af_hoorn, organisatie=hoorn, rol=Rol.MEDEWERKER)

    assert sessie.get(WERKBAK).status_code == 200
    assert sessie.get(reverse("meldroute:mijn_signalen")).status_code == 200


def test_a_new_login_after_the_end_works(af_hoorn: Gebruiker, hoorn: Organisatie) -> None:
    sessie = ingelogd(af_hoorn)
    lidmaatschap_toevoegen(gebruiker=af_hoorn, organisatie=hoorn, rol=Rol.MEDEWERKER)
    lidmaatschap_beeindigen(gebruiker=af_hoorn, organisatie=hoorn, rol=Rol.MEDEWERKER)
    assert uitgelogd_met(sessie) == BEEINDIGD

    sessie.force_login(af_hoorn)  # The object still says the old version; the login reads the database.

    assert sessie.get(WERKBAK).status_code == 200
