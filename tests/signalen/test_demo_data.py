from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from ketenpartners.models import Gebruiker, Lidmaatschap, Organisatie, Regio, Rol
from ketenpartners.selectors import aandachtsfunctionarissen_van
from meldroute.models import StapRegistratie
from signalen.management.commands.demo_data import DEMO_WACHTWOORD
from signalen.models import Signaal
from signalen.selectors import behandelbare_signalen
from signalen.workflow import Status


def _demo_data() -> str:
    uitvoer = StringIO()
    call_command("demo_data", "--toch", stdout=uitvoer)
    return uitvoer.getvalue()


def _tellingen() -> dict[str, int]:
    return {
        "signalen": Signaal.objects.count(),
        "gebruikers": Gebruiker.objects.count(),
        "lidmaatschappen": Lidmaatschap.objects.count(),
        "organisaties": Organisatie.objects.count(),
        "registraties": StapRegistratie.objects.count(),
    }


@pytest.mark.django_db
def test_demo_data_is_volledig_en_idempotent() -> None:
    uitvoer = _demo_data()
    assert "http://127.0.0.1:8000/inloggen/" in uitvoer
    assert DEMO_WACHTWOORD in uitvoer
    assert "af.hoorn.1" in uitvoer

    regio = Regio.objects.get(naam="Westfriesland")
    assert regio.riec == "RIEC Noord-Holland"
    gemeenten = Organisatie.objects.filter(regios=regio, soort=Organisatie.Soort.GEMEENTE)
    assert gemeenten.count() == 7
    for gemeente in gemeenten:
        assert aandachtsfunctionarissen_van(gemeente).count() == 2
        assert Signaal.objects.filter(gemeente=gemeente).exists()

    assert 35 <= Signaal.objects.count() <= 50
    assert set(Signaal.objects.values_list("status", flat=True)) == set(Status.values)
    assert Signaal.objects.filter(acuut=True).exists()
    assert Signaal.objects.exclude(herbeoordelen_op=None).exists()
    assert StapRegistratie.objects.filter(actie=StapRegistratie.Actie.HEROPENEN).exists()
    assert StapRegistratie.objects.filter(actie=StapRegistratie.Actie.GEEN_MENSENHANDEL).exists()

    # A changed password survives a second run; nothing is added twice.
    af = Gebruiker.objects.get(username="af.hoorn.1")
    af.set_password("Zelf-gekozen-wachtwoord-1")
    af.save()
    voor = _tellingen()
    assert "0 nieuw" in _demo_data()
    assert _tellingen() == voor
    af.refresh_from_db()
    assert af.check_password("Zelf-gekozen-wachtwoord-1")


@pytest.mark.django_db
def test_af_van_hoorn_ziet_precies_de_signalen_van_hoorn() -> None:
    _demo_data()
    hoorn = Organisatie.objects.get(naam="Hoorn")
    signalen_hoorn = set(Signaal.objects.filter(gemeente=hoorn).values_list("pk", flat=True))
    assert signalen_hoorn
    afs = aandachtsfunctionarissen_van(hoorn)
    assert {af.username for af in afs} == {"af.hoorn.1", "af.hoorn.2"}
    for af in afs:
        assert set(behandelbare_signalen(af).values_list("pk", flat=True)) == signalen_hoorn


@pytest.mark.django_db
def test_rollen_en_wachtwoord_van_demo_accounts() -> None:
    _demo_data()
    hoorn = Organisatie.objects.get(naam="Hoorn")
    for username, rol, organisatie in [
        ("coordinator.westfriesland", Rol.COORDINATOR, hoorn),
        ("beheerder", Rol.BEHEERDER, hoorn),
        ("fg.westfriesland", Rol.FG, hoorn),
        ("politie.avim", Rol.KETENPARTNER, Organisatie.objects.get(naam="Politie Noord-Holland – AVIM")),
    ]:
        gebruiker = Gebruiker.objects.get(username=username)
        assert gebruiker.lidmaatschappen.filter(rol=rol, organisatie=organisatie).exists()
        assert gebruiker.check_password(DEMO_WACHTWOORD)
        assert gebruiker.email.endswith("@demo.example")
        assert gebruiker.is_staff == (rol == Rol.BEHEERDER)
    assert Gebruiker.objects.filter(lidmaatschappen__rol=Rol.MEDEWERKER).distinct().count() >= 5


@pytest.mark.django_db
def test_weigert_zonder_debug_en_zonder_toch() -> None:
    with pytest.raises(CommandError, match="--toch"):
        call_command("demo_data", stdout=StringIO())
    assert not Signaal.objects.exists()
    assert not Gebruiker.objects.filter(username="beheerder").exists()
