"""Afsluiten with shares in force: the warning, keeping or ending each share, and what the partner sees after."""

import datetime
import re

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import formats, timezone

from ketenpartners.models import Gebruiker, Organisatie, Rol
from ketenpartners.services import groep_voor
from meldroute import rechten_controle, services
from meldroute.models import Deling, StapRegistratie
from signalen.models import Notificatie, Signaal, SignaalGroupObjectPermission, Toegangslog
from signalen.workflow import Afloop, Status
from tests.factories import OrganisatieFactory, delen, gebruiker_met_rol, naar_status, signaal_melden

pytestmark = pytest.mark.django_db

Actie = StapRegistratie.Actie
OMSCHRIJVING = "Drie vrouwen wonen boven de massagesalon."


def dag(datum: datetime.date) -> str:
    return formats.date_format(datum, "j F Y")


@pytest.fixture
def politie() -> Organisatie:
    return OrganisatieFactory(naam="Politie – AVIM", soort=Organisatie.Soort.POLITIE)


@pytest.fixture
def zvh() -> Organisatie:
    return OrganisatieFactory(naam="Zorg- en Veiligheidshuis", soort=Organisatie.Soort.ZVH)


@pytest.fixture
def agent(politie: Organisatie) -> Gebruiker:
    return gebruiker_met_rol(politie, Rol.KETENPARTNER, username="agent")


@pytest.fixture
def regisseur(zvh: Organisatie) -> Gebruiker:
    return gebruiker_met_rol(zvh, Rol.KETENPARTNER, username="regisseur")


@pytest.fixture
def signaal(melder_hoorn: Gebruiker, af_hoorn: Gebruiker) -> Signaal:
    signaal = signaal_melden(melder=melder_hoorn, omschrijving=OMSCHRIJVING)
    return naar_status(signaal, Status.LOKALE_TAFEL, door=af_hoorn)


@pytest.fixture
def gedeeld(signaal: Signaal, af_hoorn: Gebruiker, politie: Organisatie, zvh: Organisatie) -> dict[str, Deling]:
    """Shared with the police (40 days) and the ZVH (20 days); then on to terugkoppeling."""
    vandaag = timezone.localdate()
    delingen = {
        "politie": delen(signaal, door=af_hoorn, organisatie=politie, einddatum=vandaag + datetime.timedelta(days=40)),
        "zvh": delen(signaal, door=af_hoorn, organisatie=zvh, einddatum=vandaag + datetime.timedelta(days=20)),
    }
    naar_status(signaal, Status.TERUGKOPPELING, door=af_hoorn)
    return delingen


def recht(signaal: Signaal, organisatie: Organisatie) -> bool:
    return SignaalGroupObjectPermission.objects.filter(
        content_object=signaal,
        group=groep_voor(organisatie=organisatie, rol=Rol.KETENPARTNER),
        permission__codename="inzien_gedeeld_signaal",
    ).exists()


def afsluiten(client: Client, signaal: Signaal, **extra: object) -> None:
    gegevens = {"verwachte_status": Status.TERUGKOPPELING, "afloop": Afloop.STRAFRECHTELIJK, **extra}
    antwoord = client.post(reverse("meldroute:actie", args=[signaal.pk, "afsluiten"]), gegevens)
    assert antwoord.status_code == 302, antwoord.context["form"].errors if antwoord.context else antwoord
    signaal.refresh_from_db()
    assert signaal.status == Status.AFGESLOTEN


def test_the_afsluiten_page_warns_for_every_share_in_force_with_a_choice_to_keep_it(
    client: Client, signaal: Signaal, af_hoorn: Gebruiker, gedeeld: dict[str, Deling], politie: Organisatie
) -> None:
    oud = OrganisatieFactory(naam="RIEC Noord-Holland", soort=Organisatie.Soort.RIEC)
    ingetrokken = delen(signaal, door=af_hoorn, organisatie=oud)
    services.intrekken(signaal_id=signaal.pk, deling_id=ingetrokken.pk, door=af_hoorn, reden="Klaar.")
    client.force_login(af_hoorn)

    antwoord = client.get(reverse("meldroute:actie", args=[signaal.pk, "afsluiten"]))

    assert antwoord.status_code == 200
    assert "De deling met Politie – AVIM eindigt bij afsluiten" in antwoord.text
    assert "De deling met Zorg- en Veiligheidshuis eindigt bij afsluiten" in antwoord.text
    assert "De deling met RIEC Noord-Holland" not in antwoord.text
    assert antwoord.context["form"].fields["behouden"].choices == [
        (
            gedeeld["politie"].pk,
            f"De deling met Politie – AVIM laten doorlopen tot en met {dag(gedeeld['politie'].einddatum)}",
        ),
        (
            gedeeld["zvh"].pk,
            f"De deling met Zorg- en Veiligheidshuis laten doorlopen tot en met {dag(gedeeld['zvh'].einddatum)}",
        ),
    ]
    # Default: nothing is kept.
    vakjes = re.findall(r'<input type="checkbox" name="behouden" value="(\d+)"[^>]*>', antwoord.text)
    assert vakjes == [str(gedeeld["politie"].pk), str(gedeeld["zvh"].pk)]
    assert re.findall(r'<input type="checkbox" name="behouden"[^>]* checked>', antwoord.text) == []


def test_without_shares_in_force_there_is_no_warning_and_no_choice(
    client: Client, signaal: Signaal, af_hoorn: Gebruiker
) -> None:
    naar_status(signaal, Status.TERUGKOPPELING, door=af_hoorn)
    client.force_login(af_hoorn)

    antwoord = client.get(reverse("meldroute:actie", args=[signaal.pk, "afsluiten"]))

    assert "eindigt bij afsluiten" not in antwoord.text
    assert "behouden" not in antwoord.context["form"].fields


def test_the_afloop_is_prefilled_from_the_latest_proposal_of_a_partner(
    client: Client,
    signaal: Signaal,
    af_hoorn: Gebruiker,
    gedeeld: dict[str, Deling],
    agent: Gebruiker,
    regisseur: Gebruiker,
) -> None:
    services.terugmelding_toevoegen(
        signaal_id=signaal.pk, door=regisseur, tekst="Zorg gestart.", voorgestelde_afloop=Afloop.ZORGTRAJECT
    )
    services.terugmelding_toevoegen(
        signaal_id=signaal.pk, door=agent, tekst="Aangifte opgenomen.", voorgestelde_afloop=Afloop.STRAFRECHTELIJK
    )
    services.terugmelding_toevoegen(signaal_id=signaal.pk, door=regisseur, tekst="Nog even geduld.")
    client.force_login(af_hoorn)

    antwoord = client.get(reverse("meldroute:actie", args=[signaal.pk, "afsluiten"]))

    assert antwoord.context["form"]["afloop"].value() == Afloop.STRAFRECHTELIJK
    assert (
        "De afloop is vooringevuld met het voorstel van Politie – AVIM in de terugmelding van "
        f"{dag(timezone.localdate())}: Strafrechtelijk traject." in antwoord.text
    )
    gekozen = re.findall(r'<input type="radio" name="afloop" value="([a-z_]+)"[^>]* checked>', antwoord.text)
    assert gekozen == [Afloop.STRAFRECHTELIJK]


def test_ending_the_shares_at_afsluiten_takes_the_partners_access(
    client: Client,
    signaal: Signaal,
    af_hoorn: Gebruiker,
    gedeeld: dict[str, Deling],
    politie: Organisatie,
    zvh: Organisatie,
    agent: Gebruiker,
) -> None:
    client.force_login(af_hoorn)
    afsluiten(client, signaal)

    assert list(Deling.objects.actief().filter(signaal=signaal)) == []
    assert (recht(signaal, politie), recht(signaal, zvh)) == (False, False)
    einde = [(r.actie, r.toelichting) for r in signaal.registraties.order_by("op", "pk")][-2:]
    assert einde == [
        (Actie.INTREKKEN, "Deling met Politie – AVIM beëindigd omdat het signaal is afgesloten."),
        (Actie.INTREKKEN, "Deling met Zorg- en Veiligheidshuis beëindigd omdat het signaal is afgesloten."),
    ]
    assert Notificatie.objects.filter(soort=Notificatie.Soort.DELING_BEEINDIGD, ontvanger=agent).count() == 1

    client.force_login(agent)
    pagina = client.get(reverse("meldroute:gedeeld_detail", args=[signaal.pk]))
    assert pagina.status_code == 200
    assert f"Deze deling is beëindigd op {dag(timezone.localdate())}." in pagina.text
    assert signaal.referentie in pagina.text
    assert OMSCHRIJVING not in pagina.text
    assert "Hoorn" not in pagina.text
    for naam in ("meldroute:gedeeld_download", "meldroute:terugmelding"):
        assert client.get(reverse(naam, args=[signaal.pk])).status_code == 404
    assert rechten_controle.controleren() == []


def test_a_kept_share_runs_on_after_afsluiten_until_its_end_date(
    client: Client,
    signaal: Signaal,
    af_hoorn: Gebruiker,
    gedeeld: dict[str, Deling],
    politie: Organisatie,
    zvh: Organisatie,
    agent: Gebruiker,
    regisseur: Gebruiker,
) -> None:
    gehouden = gedeeld["politie"]
    client.force_login(af_hoorn)
    afsluiten(client, signaal, behouden=[gehouden.pk])

    assert list(Deling.objects.actief().filter(signaal=signaal)) == [gehouden]
    assert (recht(signaal, politie), recht(signaal, zvh)) == (True, False)
    einde = [(r.actie, r.toelichting) for r in signaal.registraties.order_by("op", "pk")][-2:]
    assert einde == [
        (Actie.DELING_BEHOUDEN, f"Deling met Politie – AVIM loopt door tot en met {dag(gehouden.einddatum)}."),
        (Actie.INTREKKEN, "Deling met Zorg- en Veiligheidshuis beëindigd omdat het signaal is afgesloten."),
    ]
    # The nightly check agrees: a kept share on a closed signal carries its permission rightly.
    assert rechten_controle.controleren() == []

    client.force_login(agent)
    assert OMSCHRIJVING in client.get(reverse("meldroute:gedeeld_detail", args=[signaal.pk])).text
    assert client.get(reverse("meldroute:gedeeld_download", args=[signaal.pk])).status_code == 200
    client.force_login(regisseur)
    assert "Deze deling is beëindigd op" in client.get(reverse("meldroute:gedeeld_detail", args=[signaal.pk])).text

    # After its end date the kept share ends as any other; the expiry job handles the closed signal too.
    with time_machine.travel(timezone.now() + datetime.timedelta(days=41), tick=False):
        client.force_login(agent)
        pagina = client.get(reverse("meldroute:gedeeld_detail", args=[signaal.pk]))
        assert f"Deze deling is beëindigd op {dag(gehouden.einddatum + datetime.timedelta(days=1))}." in pagina.text
        assert services.delingen_verlopen_verwerken() == 1
        assert recht(signaal, politie) is False
        assert rechten_controle.controleren() == []


def test_a_closed_signal_cannot_be_shared_again_nor_a_kept_share_extended(
    client: Client, signaal: Signaal, af_hoorn: Gebruiker, gedeeld: dict[str, Deling], zvh: Organisatie
) -> None:
    client.force_login(af_hoorn)
    afsluiten(client, signaal, behouden=[gedeeld["politie"].pk])

    with pytest.raises(services.ActieNietToegestaan, match="Een afgesloten signaal kan niet meer gedeeld worden"):
        delen(signaal, door=af_hoorn, organisatie=zvh)
    antwoord = client.post(
        reverse("meldroute:verlengen", args=[signaal.pk, gedeeld["politie"].pk]),
        {"einddatum": (timezone.localdate() + datetime.timedelta(days=60)).isoformat(), "reden": "Nodig."},
        follow=True,
    )
    assert "Het signaal is afgesloten: de deling loopt tot haar einddatum en kan niet verlengd worden." in antwoord.text
    assert Deling.objects.get(pk=gedeeld["politie"].pk).einddatum == gedeeld["politie"].einddatum


def test_keeping_a_share_that_does_not_run_is_refused(
    signaal: Signaal, af_hoorn: Gebruiker, gedeeld: dict[str, Deling]
) -> None:
    services.intrekken(signaal_id=signaal.pk, deling_id=gedeeld["zvh"].pk, door=af_hoorn, reden="Klaar.")

    with pytest.raises(ValidationError) as fout:
        services.afsluiten(
            signaal_id=signaal.pk, door=af_hoorn, afloop=Afloop.ZORGTRAJECT, behouden=[gedeeld["zvh"].pk]
        )

    assert fout.value.message_dict == {"behouden": ["Kies alleen delingen die nu lopen."]}
    signaal.refresh_from_db()
    assert signaal.status == Status.TERUGKOPPELING


def test_the_partner_gets_404_for_every_signal_that_was_never_theirs(
    client: Client,
    signaal: Signaal,
    melder_hoorn: Gebruiker,
    af_hoorn: Gebruiker,
    gedeeld: dict[str, Deling],
    agent: Gebruiker,
) -> None:
    riec = OrganisatieFactory(naam="RIEC Noord-Holland", soort=Organisatie.Soort.RIEC)
    van_een_ander = naar_status(signaal_melden(melder=melder_hoorn), Status.ONTVANGEN, door=af_hoorn)
    delen(van_een_ander, door=af_hoorn, organisatie=riec)
    services.intrekken(signaal_id=van_een_ander.pk, deling_id=van_een_ander.delingen.get().pk, door=af_hoorn, reden="x")
    nooit_gedeeld = signaal_melden(melder=melder_hoorn)
    client.force_login(af_hoorn)
    afsluiten(client, signaal)
    Toegangslog.objects.all().delete()
    client.force_login(agent)

    assert "Deze deling is beëindigd op" in client.get(reverse("meldroute:gedeeld_detail", args=[signaal.pk])).text
    for pk in (van_een_ander.pk, nooit_gedeeld.pk, nooit_gedeeld.pk + 1000):
        assert client.get(reverse("meldroute:gedeeld_detail", args=[pk])).status_code == 404

    geweigerd = Toegangslog.objects.filter(gebruiker=agent, resultaat=Toegangslog.Resultaat.GEWEIGERD)
    assert sorted(ids for r in geweigerd for ids in r.signaal_ids) == sorted(
        [signaal.pk, van_een_ander.pk, nooit_gedeeld.pk, nooit_gedeeld.pk + 1000]
    )
