"""The beheerder manages users and their roles in the admin; roles become the right groups."""

import pytest
from django.test import Client
from django.urls import reverse

from ketenpartners.models import Gebruiker, Organisatie, Rol
from meldroute import rechten_controle
from signalen.selectors import behandelbare_signalen
from tests.factories import gebruiker_met_rol, signaal_melden

pytestmark = pytest.mark.django_db


@pytest.fixture
def beheerder(hoorn: Organisatie) -> Gebruiker:
    return gebruiker_met_rol(hoorn, Rol.BEHEERDER, username="beheerder")


def test_a_beheerder_adds_an_af_in_the_admin_who_then_sees_the_gemeentes_signals(
    client: Client, beheerder: Gebruiker, hoorn: Organisatie, melder_hoorn: Gebruiker
) -> None:
    signaal = signaal_melden(melder=melder_hoorn)
    client.force_login(beheerder)

    toevoegen = client.post(
        reverse("admin:ketenpartners_gebruiker_add"),
        {
            "username": "nieuwe.af",
            "first_name": "Nina",
            "last_name": "Jansen",
            "email": "nina@example.org",
            "password1": "een-lang-wachtwoord-2026",
            "password2": "een-lang-wachtwoord-2026",
            "lidmaatschappen-TOTAL_FORMS": "1",
            "lidmaatschappen-INITIAL_FORMS": "0",
            "lidmaatschappen-0-organisatie": hoorn.pk,
            "lidmaatschappen-0-rol": Rol.AANDACHTSFUNCTIONARIS,
        },
    )

    assert toevoegen.status_code == 302, toevoegen.content.decode()[:3000]
    nieuw = Gebruiker.objects.get(username="nieuwe.af")
    assert list(behandelbare_signalen(nieuw)) == [signaal]
    assert not nieuw.is_staff


def test_the_admin_has_no_signal_content_and_only_beheerders_get_in(
    client: Client, beheerder: Gebruiker, af_hoorn: Gebruiker
) -> None:
    client.force_login(beheerder)
    index = client.get(reverse("admin:index")).content.decode()
    assert "Gebruikers" in index
    assert "Indicatoren" in index
    assert "/beheer/signalen/signaal/" not in index
    assert client.get("/beheer/signalen/signaal/").status_code == 404
    client.force_login(af_hoorn)
    assert client.get(reverse("admin:index")).status_code == 302


def test_removing_a_role_removes_access(af_hoorn: Gebruiker, melder_hoorn: Gebruiker) -> None:
    from ketenpartners.services import lidmaatschappen_synchroniseren

    signaal_melden(melder=melder_hoorn)
    af_hoorn.lidmaatschappen.all().delete()
    lidmaatschappen_synchroniseren(gebruiker=af_hoorn)
    assert list(behandelbare_signalen(Gebruiker.objects.get(pk=af_hoorn.pk))) == []


def test_giving_someone_a_role_is_audited(af_hoorn: Gebruiker) -> None:
    from auditlog.models import LogEntry

    from ketenpartners.models import Lidmaatschap

    lidmaatschap = Lidmaatschap.objects.get(gebruiker=af_hoorn)
    entry = LogEntry.objects.get_for_object(lidmaatschap).get()
    assert entry.action == LogEntry.Action.CREATE
    assert entry.changes_dict["rol"][1] == Rol.AANDACHTSFUNCTIONARIS


def test_a_beheerder_cannot_change_their_own_roles(client: Client, beheerder: Gebruiker, hoorn: Organisatie) -> None:
    gegevens = {
        "username": "beheerder",
        "first_name": "",
        "last_name": "",
        "email": "",
        "is_active": "on",
        "lidmaatschappen-TOTAL_FORMS": "1",
        "lidmaatschappen-INITIAL_FORMS": "0",
        "lidmaatschappen-0-organisatie": hoorn.pk,
        "lidmaatschappen-0-rol": Rol.AANDACHTSFUNCTIONARIS,
    }
    url = reverse("admin:ketenpartners_gebruiker_change", args=[beheerder.pk])
    client.force_login(beheerder)
    assert client.post(url, gegevens).status_code == 302
    assert not beheerder.lidmaatschappen.filter(rol=Rol.AANDACHTSFUNCTIONARIS).exists()

    # The same change by another beheerder goes through.
    client.force_login(gebruiker_met_rol(hoorn, Rol.BEHEERDER, username="collega.beheerder"))
    gegevens |= {"lidmaatschappen-TOTAL_FORMS": "2", "lidmaatschappen-INITIAL_FORMS": "1"}
    bestaand = beheerder.lidmaatschappen.get()
    gegevens |= {"lidmaatschappen-0-id": bestaand.pk, "lidmaatschappen-0-gebruiker": beheerder.pk}
    gegevens |= {"lidmaatschappen-0-organisatie": hoorn.pk, "lidmaatschappen-0-rol": Rol.BEHEERDER}
    gegevens |= {"lidmaatschappen-1-organisatie": hoorn.pk, "lidmaatschappen-1-rol": Rol.AANDACHTSFUNCTIONARIS}
    assert client.post(url, gegevens).status_code == 302
    assert beheerder.lidmaatschappen.filter(rol=Rol.AANDACHTSFUNCTIONARIS).exists()


def test_an_inactive_gemeente_takes_its_afs_access_with_it(
    client: Client, beheerder: Gebruiker, enkhuizen: Organisatie, af_enkhuizen: Gebruiker, melder_enkhuizen: Gebruiker
) -> None:
    signaal_melden(melder=melder_enkhuizen)
    client.force_login(beheerder)
    antwoord = client.post(
        reverse("admin:ketenpartners_organisatie_change", args=[enkhuizen.pk]),
        {"naam": "Enkhuizen", "soort": "gemeente", "regios": list(enkhuizen.regios.values_list("pk", flat=True))},
    )
    assert antwoord.status_code == 302, antwoord.content.decode()[:2000]

    assert list(behandelbare_signalen(Gebruiker.objects.get(pk=af_enkhuizen.pk))) == []
    # The projection followed in the same request: the AF left the gemeente's group.
    assert not af_enkhuizen.groups.exists()
    assert rechten_controle.controleren() == []
    client.force_login(af_enkhuizen)
    assert client.get(reverse("meldroute:werkbak")).status_code == 403
