"""The second factor: without it an AF gets no page behind login; with it, they do.

Users log in through the login form here (``met_wachtwoord``), not with ``force_login``, which
stands for a login with the second factor already done.
"""

import datetime
from base64 import b32encode
from urllib.parse import quote

import pytest
import time_machine
from auditlog.models import LogEntry
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from ketenpartners.inloggen.tweede_factor import tweede_factor_vereist
from ketenpartners.models import Gebruiker, Organisatie, Rol
from ketenpartners.services import lidmaatschap_toevoegen
from tests.factories import GebruikerFactory, OrganisatieFactory, gebruiker_met_rol, signaal_melden
from tests.hulp import tabelrijen
from tests.inloggen import app_van, code_van, met_wachtwoord

pytestmark = pytest.mark.django_db

INSTELLEN = reverse("inloggen:tweede_factor_instellen")
CONTROLEREN = reverse("inloggen:tweede_factor")
WERKBAK = reverse("meldroute:werkbak")


def naar(pagina: str, volgende: str) -> str:
    return f"{pagina}?next={quote(volgende, safe='/')}"


def fouten(html: str) -> list[str]:
    """The error summary at the top of the page, link by link."""
    _, _, rest = html.partition('id="foutsamenvatting-titel"')
    blok = rest.partition("</ul>")[0]
    return [regel.split(">", 1)[1].split("</a")[0] for regel in blok.split("<a ")[1:]]


def instellen(client: Client, gebruiker: Gebruiker) -> list[str]:
    """Set up the app as the user would, after the password; returns the recovery codes shown."""
    client.get(INSTELLEN)
    apparaat = TOTPDevice.objects.get(user=gebruiker, confirmed=False)
    antwoord = client.post(INSTELLEN, {"code": code_van(apparaat)})
    assert antwoord.status_code == 200
    return [rij.replace(" ", "") for rij in _codes(antwoord.content.decode())]


def _codes(html: str) -> list[str]:
    return [deel.split("</code>")[0] for deel in html.split('<code class="utrecht-code">')[1:]]


def test_an_af_with_only_a_password_gets_no_page_behind_login(
    client: Client, af_hoorn: Gebruiker, melder_hoorn: Gebruiker
) -> None:
    signaal = signaal_melden(melder=melder_hoorn)
    assert met_wachtwoord(client, af_hoorn) == reverse("start")

    for pad in [
        reverse("start"),
        WERKBAK,
        reverse("meldroute:detail", args=[signaal.pk]),
        reverse("meldroute:actie_nodig"),
        reverse("evaluatie:dashboard"),
        reverse("admin:index"),
    ]:
        antwoord = client.get(pad)
        assert (antwoord.status_code, antwoord["Location"]) == (302, naar(INSTELLEN, pad)), pad
    assert client.post(WERKBAK, {"zoek": signaal.referentie})["Location"] == naar(INSTELLEN, WERKBAK)
    # What anyone may see stays reachable; so does logging out.
    assert client.get(reverse("toegankelijkheid")).status_code == 200
    assert client.post(reverse("logout"))["Location"] == reverse("login")
    assert client.get(WERKBAK)["Location"] == f"{reverse('login')}?next={quote(WERKBAK, safe='/')}"


def test_setting_up_shows_the_qr_code_and_key_then_the_recovery_codes_once(client: Client, af_hoorn: Gebruiker) -> None:
    met_wachtwoord(client, af_hoorn)
    pagina = client.get(naar(INSTELLEN, WERKBAK))
    html = pagina.content.decode()
    apparaat = TOTPDevice.objects.get(user=af_hoorn, confirmed=False)
    sleutel = b32encode(apparaat.bin_key).decode()
    assert pagina.status_code == 200
    assert '<img src="data:image/svg+xml' in html
    in_groepjes = " ".join(sleutel[i : i + 4] for i in range(0, 32, 4))
    assert f'<code class="utrecht-code" id="sleutel">{in_groepjes}</code>' in html
    assert 'autocomplete="one-time-code"' in html
    assert 'inputmode="numeric"' in html
    # The same key on a second visit: the QR code scanned is the one the first code is checked against.
    assert client.get(INSTELLEN).content.decode().count(sleutel[:4]) == 1
    assert TOTPDevice.objects.filter(user=af_hoorn).count() == 1

    antwoord = client.post(naar(INSTELLEN, WERKBAK), {"code": code_van(apparaat)})

    html = antwoord.content.decode()
    codes = _codes(html)
    assert antwoord.status_code == 200
    assert "Bewaar deze herstelcodes nu op een veilige plek" in html
    assert len(codes) == 10
    assert sorted(c.replace(" ", "") for c in codes) == sorted(
        StaticToken.objects.filter(device__user=af_hoorn).values_list("token", flat=True)
    )
    assert f'href="{WERKBAK}">Ik heb de codes bewaard, verder</a>' in html
    assert client.get(WERKBAK).status_code == 200
    # Shown once: the setup page now sends the user on, without codes.
    nog_eens = client.get(INSTELLEN)
    assert (nog_eens.status_code, nog_eens["Location"]) == (302, reverse("start"))
    assert LogEntry.objects.filter(additional_data__beschrijving="Tweede factor ingesteld").count() == 1


def test_after_logging_out_the_next_login_asks_for_the_code(client: Client, af_hoorn: Gebruiker) -> None:
    met_wachtwoord(client, af_hoorn)
    instellen(client, af_hoorn)
    client.post(reverse("logout"))

    met_wachtwoord(client, af_hoorn)
    antwoord = client.get(WERKBAK)
    assert antwoord["Location"] == naar(CONTROLEREN, WERKBAK)
    assert client.get(naar(CONTROLEREN, WERKBAK)).status_code == 200

    verder = client.post(naar(CONTROLEREN, WERKBAK), {"code": code_van(app_van(af_hoorn))})

    assert (verder.status_code, verder["Location"]) == (302, WERKBAK)
    assert client.get(WERKBAK).status_code == 200


def test_a_wrong_code_gives_a_dutch_message_and_repeated_failures_must_wait(
    client: Client, af_hoorn: Gebruiker
) -> None:
    met_wachtwoord(client, af_hoorn)
    instellen(client, af_hoorn)
    client.post(reverse("logout"))
    met_wachtwoord(client, af_hoorn)
    goed = code_van(app_van(af_hoorn))
    fout = f"{(int(goed) + 1) % 1_000_000:06d}"

    assert fouten(client.post(CONTROLEREN, {"code": ""}).content.decode()) == [
        "Code uit de app: Vul de code van zes cijfers uit de app in."
    ]
    assert fouten(client.post(CONTROLEREN, {"code": "12a456"}).content.decode()) == [
        "Code uit de app: Een code uit de app bestaat uit zes cijfers, bijvoorbeeld 123456."
    ]
    onjuist = client.post(CONTROLEREN, {"code": fout})
    assert onjuist.status_code == 200
    assert fouten(onjuist.content.decode()) == [
        "Code uit de app: Deze code is niet juist. Vul de code in die de app nu toont; klopt die ook niet, "
        "controleer dan of de tijd op uw telefoon goed staat."
    ]
    # Right after a failure even the right code waits (django-otp's throttle: 1, 2, 4 … seconds).
    assert fouten(client.post(CONTROLEREN, {"code": goed}).content.decode()) == [
        "Code uit de app: U hebt te vaak een onjuiste code ingevuld. Wacht 1 seconde en probeer het dan opnieuw."
    ]
    assert client.get(WERKBAK).status_code == 302

    with time_machine.travel(timezone.now() + datetime.timedelta(seconds=2)):
        verder = client.post(CONTROLEREN, {"code": code_van(app_van(af_hoorn))})
        assert (verder.status_code, verder["Location"]) == (302, reverse("start"))
        assert client.get(WERKBAK).status_code == 200


def test_recovery_codes_work_once_each(client: Client, af_hoorn: Gebruiker) -> None:
    met_wachtwoord(client, af_hoorn)
    codes = instellen(client, af_hoorn)
    client.post(reverse("logout"))

    met_wachtwoord(client, af_hoorn)
    verder = client.post(naar(CONTROLEREN, WERKBAK), {"herstelcode": f"{codes[0][:4]} {codes[0][4:].upper()}"})
    assert (verder.status_code, verder["Location"]) == (302, WERKBAK)
    werkbak = client.get(WERKBAK).content.decode()
    assert "U hebt een herstelcode gebruikt; u hebt er nog 9." in werkbak
    client.post(reverse("logout"))

    met_wachtwoord(client, af_hoorn)
    nog_eens = client.post(naar(CONTROLEREN, WERKBAK), {"herstelcode": codes[0]})
    assert nog_eens.status_code == 200
    assert fouten(nog_eens.content.decode()) == [
        "Herstelcode: Deze herstelcode is niet juist of is al gebruikt. Elke herstelcode werkt één keer."
    ]
    assert client.get(WERKBAK)["Location"] == naar(CONTROLEREN, WERKBAK)
    assert StaticToken.objects.filter(device__user=af_hoorn).count() == 9
    with time_machine.travel(timezone.now() + datetime.timedelta(seconds=2)):
        assert client.post(naar(CONTROLEREN, WERKBAK), {"herstelcode": codes[1]})["Location"] == WERKBAK
    assert StaticToken.objects.filter(device__user=af_hoorn).count() == 8


def test_a_medewerker_needs_no_second_factor(client: Client, melder_hoorn: Gebruiker) -> None:
    met_wachtwoord(client, melder_hoorn)

    assert client.get(reverse("meldroute:mijn_signalen")).status_code == 200
    assert client.get(INSTELLEN)["Location"] == reverse("start")
    assert not TOTPDevice.objects.filter(user=melder_hoorn).exists()


def test_the_admin_needs_the_second_factor(client: Client, hoorn: Organisatie) -> None:
    beheerder = gebruiker_met_rol(hoorn, Rol.BEHEERDER, username="beheerder")
    met_wachtwoord(client, beheerder)
    assert client.get(reverse("admin:index"))["Location"] == naar(INSTELLEN, reverse("admin:index"))
    assert client.get("/beheer/ketenpartners/gebruiker/")["Location"] == naar(
        INSTELLEN, "/beheer/ketenpartners/gebruiker/"
    )

    instellen(client, beheerder)

    assert client.get(reverse("admin:index")).status_code == 200


def test_only_a_page_of_this_site_is_a_next_page(client: Client, af_hoorn: Gebruiker) -> None:
    met_wachtwoord(client, af_hoorn)
    instellen(client, af_hoorn)
    client.post(reverse("logout"))
    met_wachtwoord(client, af_hoorn)

    verder = client.post(naar(CONTROLEREN, "https://aanval.example/"), {"code": code_van(app_van(af_hoorn))})

    assert verder["Location"] == reverse("start")


ROLLEN = [
    (Rol.MEDEWERKER, False),
    (Rol.AANDACHTSFUNCTIONARIS, True),
    (Rol.COORDINATOR, True),
    (Rol.KETENPARTNER, True),
    (Rol.FG, True),
    (Rol.BEHEERDER, True),
]


@pytest.mark.parametrize(("rol", "vereist"), ROLLEN)
def test_every_role_but_medewerker_needs_a_second_factor(hoorn: Organisatie, rol: str, vereist: bool) -> None:
    gebruiker = gebruiker_met_rol(hoorn, rol, username=f"rol.{rol}")
    assert tweede_factor_vereist(Gebruiker.objects.get(pk=gebruiker.pk)) is vereist


def test_a_medewerker_who_is_also_af_needs_one_and_a_user_without_roles_does_not(
    hoorn: Organisatie, melder_hoorn: Gebruiker
) -> None:
    lidmaatschap_toevoegen(gebruiker=melder_hoorn, organisatie=hoorn, rol=Rol.AANDACHTSFUNCTIONARIS)
    zonder_rollen = GebruikerFactory(username="zonder.rollen")
    superuser = GebruikerFactory(username="root", is_superuser=True)
    # A role in an organisation that is no longer active gives no access, and needs no factor.
    oud = OrganisatieFactory(naam="Oude gemeente", actief=False)
    oud_af = gebruiker_met_rol(oud, Rol.AANDACHTSFUNCTIONARIS, username="oud.af")

    assert [
        tweede_factor_vereist(Gebruiker.objects.get(pk=g.pk)) for g in (melder_hoorn, zonder_rollen, superuser, oud_af)
    ] == [True, False, True, False]


def test_setting_up_is_in_the_audit_log_the_fg_reads(client: Client, af_hoorn: Gebruiker, hoorn: Organisatie) -> None:
    met_wachtwoord(client, af_hoorn)
    instellen(client, af_hoorn)
    fg = gebruiker_met_rol(hoorn, Rol.FG, username="fg.hoorn")
    fg_client = Client()
    fg_client.force_login(fg)

    rijen = tabelrijen(fg_client.get(reverse("signalen:logboek_audit"), {"gebruiker": "af.hoorn"}).content.decode())

    assert [rij[1:5] for rij in rijen if rij[2] == "Tweede factor ingesteld"] == [
        ["af.hoorn", "Tweede factor ingesteld", "gebruiker", "Anna de Vries"]
    ]
