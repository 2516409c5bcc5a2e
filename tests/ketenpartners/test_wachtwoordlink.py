"""The beheerder cannot set another user's password: a link to the user's own address instead."""

import re
from collections.abc import Callable
from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from ketenpartners.models import Gebruiker, Organisatie, Rol
from tests.factories import gebruiker_met_rol
from tests.hulp import tabelrijen
from tests.inloggen import met_wachtwoord

pytestmark = pytest.mark.django_db

NIEUW_WACHTWOORD = "Westfries-Werkbak-2026!"
Opvangen = Callable[..., Any]  # pytest-django's django_capture_on_commit_callbacks


@pytest.fixture
def beheerder(hoorn: Organisatie) -> Gebruiker:
    return gebruiker_met_rol(hoorn, Rol.BEHEERDER, username="beheerder", first_name="Gert", last_name="Jansen")


@pytest.fixture
def beheer(beheerder: Gebruiker) -> Client:
    client = Client()
    client.force_login(beheerder)
    return client


def actie(beheer: Client, naam: str, *gebruikers: Gebruiker) -> list[str]:
    """Run an admin action on the user list; returns the messages the beheerder sees."""
    antwoord = beheer.post(
        reverse("admin:ketenpartners_gebruiker_changelist"),
        {"action": naam, "_selected_action": [g.pk for g in gebruikers]},
        follow=True,
    )
    return [str(m) for m in antwoord.context["messages"]]


def test_the_admin_has_no_password_page_for_another_user(
    beheer: Client, af_hoorn: Gebruiker, beheerder: Gebruiker
) -> None:
    for gebruiker in (af_hoorn, beheerder):
        pad = f"/beheer/ketenpartners/gebruiker/{gebruiker.pk}/password/"
        assert beheer.get(pad).status_code == 404
        geweigerd = beheer.post(pad, {"password1": NIEUW_WACHTWOORD, "password2": NIEUW_WACHTWOORD})
        assert geweigerd.status_code == 404
    af_hoorn.refresh_from_db()
    assert af_hoorn.check_password("test-wachtwoord-123")


def test_the_change_form_shows_no_way_to_set_the_password(beheer: Client, af_hoorn: Gebruiker) -> None:
    html = beheer.get(reverse("admin:ketenpartners_gebruiker_change", args=[af_hoorn.pk])).content.decode()

    assert "password/" not in html
    assert 'name="password' not in html
    assert "Ingesteld. Alleen de gebruiker zelf stelt een wachtwoord in" in html


def test_the_beheerder_sends_a_link_to_the_users_own_address(
    beheer: Client, af_hoorn: Gebruiker, django_capture_on_commit_callbacks: Opvangen
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        meldingen = actie(beheer, "wachtwoordlink_sturen", af_hoorn)

    assert meldingen == ["Een link om het wachtwoord in te stellen is verstuurd aan: af.hoorn."]
    assert [(m.to, m.subject) for m in mail.outbox] == [
        (["af.hoorn@example.org"], "Stel uw wachtwoord in voor Signalen mensenhandel")
    ]
    tekst = mail.outbox[0].body
    assert "Uw gebruikersnaam: af.hoorn" in tekst
    assert "De link werkt één keer en 24 uur lang." in tekst
    assert re.search(r"^http://localhost:8000/wachtwoord/instellen/[\w-]+/[\w-]+/$", tekst, re.MULTILINE)


def test_the_fg_sees_who_sent_the_link(
    beheer: Client, af_hoorn: Gebruiker, hoorn: Organisatie, django_capture_on_commit_callbacks: Opvangen
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        actie(beheer, "wachtwoordlink_sturen", af_hoorn)
    fg = Client()
    fg.force_login(gebruiker_met_rol(hoorn, Rol.FG, username="fg.hoorn"))

    rijen = tabelrijen(fg.get(reverse("signalen:logboek_audit"), {"gebruiker": "beheerder"}).content.decode())

    assert [rij[1:5] for rij in rijen if rij[3] == "gebruiker"] == [
        ["beheerder", "Wachtwoordherstel-link verstuurd door beheerder", "gebruiker", "Anna de Vries"]
    ]


def link_uit(bericht: Any) -> str:
    gevonden = re.search(r"http://localhost:8000(/wachtwoord/instellen/\S+/)", bericht.body)
    assert gevonden
    return gevonden.group(1)


def test_the_user_sets_the_password_once_and_still_needs_the_second_factor(
    beheer: Client, af_hoorn: Gebruiker, django_capture_on_commit_callbacks: Opvangen
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        actie(beheer, "wachtwoordlink_sturen", af_hoorn)
    link = link_uit(mail.outbox[0])
    client = Client()

    formulier = client.get(link, follow=True)
    assert "Wachtwoord instellen" in formulier.content.decode()
    assert "uw gebruikersnaam is <strong>af.hoorn</strong>" in formulier.content.decode()
    pad = formulier.redirect_chain[-1][0]
    verschillend = client.post(pad, {"new_password1": NIEUW_WACHTWOORD, "new_password2": "iets-anders-2026"})
    assert "De twee wachtwoordvelden komen niet overeen." in verschillend.content.decode()
    ingesteld = client.post(pad, {"new_password1": NIEUW_WACHTWOORD, "new_password2": NIEUW_WACHTWOORD})
    assert ingesteld["Location"] == reverse("inloggen:wachtwoord_ingesteld")

    af_hoorn.refresh_from_db()
    assert af_hoorn.check_password(NIEUW_WACHTWOORD)
    # Once: the same link no longer works.
    assert "Link werkt niet meer" in Client().get(link, follow=True).content.decode()
    # Not logged in by the link; the login asks for the second factor next.
    assert client.get(reverse("meldroute:werkbak")).status_code == 302
    assert met_wachtwoord(client, af_hoorn, NIEUW_WACHTWOORD) == reverse("start")
    assert client.get(reverse("start"))["Location"].startswith(reverse("inloggen:tweede_factor_instellen"))


def test_no_link_without_an_address_or_for_an_inactive_account(
    beheer: Client, af_hoorn: Gebruiker, af_hoorn_2: Gebruiker, django_capture_on_commit_callbacks: Opvangen
) -> None:
    Gebruiker.objects.filter(pk=af_hoorn.pk).update(email="")
    Gebruiker.objects.filter(pk=af_hoorn_2.pk).update(is_active=False)

    with django_capture_on_commit_callbacks(execute=True):
        meldingen = actie(beheer, "wachtwoordlink_sturen", af_hoorn, af_hoorn_2)

    assert meldingen == [
        "Geen link verstuurd: af.hoorn heeft geen e-mailadres; vul dat eerst in.",
        "Geen link verstuurd: af.hoorn.2 is niet actief; activeer het account eerst.",
    ]
    assert mail.outbox == []


def test_a_lost_phone_the_beheerder_removes_the_second_factor(
    beheer: Client, af_hoorn: Gebruiker, hoorn: Organisatie
) -> None:
    sessie = Client()
    sessie.force_login(af_hoorn)  # Gives the AF an app, as the login did.
    StaticDevice.objects.create(user=af_hoorn, name="Herstelcodes", confirmed=True)

    meldingen = actie(beheer, "tweede_factor_opnieuw", af_hoorn)

    assert meldingen == [
        "Tweede factor verwijderd van: af.hoorn. Bij het volgende inloggen wordt een nieuwe ingesteld."
    ]
    assert not TOTPDevice.objects.filter(user=af_hoorn).exists()
    assert not StaticDevice.objects.filter(user=af_hoorn).exists()
    assert sessie.get(reverse("meldroute:werkbak"))["Location"].startswith(reverse("login"))
    met_wachtwoord(sessie, af_hoorn)
    assert sessie.get(reverse("start"))["Location"].startswith(reverse("inloggen:tweede_factor_instellen"))
