"""Sharing a signal with a ketenpartner: need-to-know, revocation, expiry and terugmelding."""

import datetime

import pytest
import time_machine
from auditlog.models import LogEntry
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import formats, timezone

from ketenpartners.models import Gebruiker, Organisatie, Rol
from meldroute import services
from meldroute.models import Deling, Terugmelding
from signalen.models import Betrokkene, Bijlage, Locatie, Signaal, Toegangslog
from signalen.workflow import Status
from tests.factories import OrganisatieFactory, gebruiker_met_rol, naar_status, signaal_melden
from tests.signalen.test_audit import audit_tabellen_bevatten

pytestmark = pytest.mark.django_db

NAAM = "Jan Jansen"


@pytest.fixture
def politie() -> Organisatie:
    return OrganisatieFactory(naam="Politie Noord-Holland – AVIM", soort=Organisatie.Soort.POLITIE)


@pytest.fixture
def zvh() -> Organisatie:
    return OrganisatieFactory(naam="Zorg- en Veiligheidshuis NHN", soort=Organisatie.Soort.ZVH)


@pytest.fixture
def agent(politie: Organisatie) -> Gebruiker:
    return gebruiker_met_rol(politie, Rol.KETENPARTNER, username="agent", first_name="Fleur", last_name="Hendriks")


@pytest.fixture
def procesregisseur(zvh: Organisatie) -> Gebruiker:
    return gebruiker_met_rol(zvh, Rol.KETENPARTNER, username="regisseur")


@pytest.fixture
def signaal(melder_hoorn: Gebruiker, af_hoorn: Gebruiker) -> Signaal:
    signaal = signaal_melden(melder=melder_hoorn, omschrijving="Drie vrouwen wonen boven de massagesalon.")
    Betrokkene.objects.create(
        signaal=signaal, rol="slachtoffer", naam=NAAM, geboortedatum=datetime.date(2001, 5, 4), telefoon="0611122233"
    )
    Locatie.objects.create(signaal=signaal, adres="Dorpsstraat 1, Hoorn", bedrijfsnaam="Massagesalon Lotus")
    Bijlage.objects.create(
        signaal=signaal,
        bestand=ContentFile(b"foto van de gevel", name="gevel.txt"),
        naam="gevel.txt",
        content_type="text/plain",
        grootte=17,
        toegevoegd_door=melder_hoorn,
    )
    return naar_status(signaal, Status.LOKALE_TAFEL, door=af_hoorn)


def delen(signaal: Signaal, af: Gebruiker, partner: Organisatie, **kwargs: object) -> Deling:
    gegevens: dict[str, object] = {
        "grondslag": Deling.Grondslag.RIEC_CONVENANT,
        "reden": "Besproken aan de lokale tafel; politie onderzoekt het pand.",
        "einddatum": timezone.localdate() + datetime.timedelta(days=30),
        "met_betrokkenen": True,
        "met_bijlagen": True,
    }
    gegevens.update(kwargs)
    return services.delen(signaal_id=signaal.pk, door=af, organisatie=partner, **gegevens)  # type: ignore[arg-type]


def test_a_partner_sees_a_shared_signal_and_nothing_after_revocation(
    client: Client, signaal: Signaal, af_hoorn: Gebruiker, politie: Organisatie, agent: Gebruiker
) -> None:
    client.force_login(agent)
    detail = reverse("meldroute:gedeeld_detail", args=[signaal.pk])
    assert client.get(detail).status_code == 404

    deling = delen(signaal, af_hoorn, politie)
    lijst = client.get(reverse("meldroute:gedeeld")).content.decode()
    assert signaal.referentie in lijst
    html = client.get(detail).content.decode()
    assert "Drie vrouwen wonen boven de massagesalon." in html
    assert NAAM in html

    services.intrekken(signaal_id=signaal.pk, deling_id=deling.pk, door=af_hoorn, reden="Onderzoek afgerond.")

    assert signaal.referentie not in client.get(reverse("meldroute:gedeeld")).content.decode()
    # Their own ended share: a plain page that says so, without anything of the signal.
    beeindigd = client.get(detail)
    assert beeindigd.status_code == 200
    assert f"Deze deling is beëindigd op {formats.date_format(timezone.localdate(), 'j F Y')}." in beeindigd.text
    assert "massagesalon" not in beeindigd.text
    assert NAAM not in beeindigd.text
    assert client.get(reverse("meldroute:gedeeld_download", args=[signaal.pk])).status_code == 404
    bijlage = signaal.bijlagen.get()
    assert client.get(reverse("meldroute:gedeeld_bijlage", args=[signaal.pk, bijlage.pk])).status_code == 404


def test_a_share_ends_on_its_end_date_even_before_the_clean_up_job_runs(
    client: Client, signaal: Signaal, af_hoorn: Gebruiker, politie: Organisatie, agent: Gebruiker
) -> None:
    vandaag = timezone.localdate()
    delen(signaal, af_hoorn, politie, einddatum=vandaag + datetime.timedelta(days=10))
    detail = reverse("meldroute:gedeeld_detail", args=[signaal.pk])

    with time_machine.travel(timezone.now() + datetime.timedelta(days=10), tick=False):
        client.force_login(agent)
        assert "massagesalon" in client.get(detail).text  # The end date itself still counts.
    with time_machine.travel(timezone.now() + datetime.timedelta(days=11), tick=False):
        client.force_login(agent)
        einde = formats.date_format(vandaag + datetime.timedelta(days=11), "j F Y")
        verlopen = client.get(detail).text
        assert f"Deze deling is beëindigd op {einde}." in verlopen
        assert "massagesalon" not in verlopen
        assert signaal.referentie not in client.get(reverse("meldroute:gedeeld")).content.decode()

        assert services.delingen_verlopen_verwerken() == 1
        assert services.delingen_verlopen_verwerken() == 0
    assert not agent.has_perm("signalen.inzien_gedeeld_signaal", signaal)
    assert signaal.registraties.filter(actie="verlopen").count() == 1


def test_a_partner_never_sees_a_signal_shared_with_another_partner(
    client: Client,
    signaal: Signaal,
    af_hoorn: Gebruiker,
    zvh: Organisatie,
    agent: Gebruiker,
    procesregisseur: Gebruiker,
) -> None:
    delen(signaal, af_hoorn, zvh)
    client.force_login(agent)
    assert client.get(reverse("meldroute:gedeeld_detail", args=[signaal.pk])).status_code == 404
    assert signaal.referentie not in client.get(reverse("meldroute:gedeeld")).content.decode()
    client.force_login(procesregisseur)
    assert client.get(reverse("meldroute:gedeeld_detail", args=[signaal.pk])).status_code == 200


def test_identifying_details_and_attachments_stay_hidden_when_not_shared(
    client: Client, signaal: Signaal, af_hoorn: Gebruiker, politie: Organisatie, agent: Gebruiker
) -> None:
    delen(signaal, af_hoorn, politie, met_betrokkenen=False, met_bijlagen=False)
    client.force_login(agent)
    bijlage = signaal.bijlagen.get()

    html = client.get(reverse("meldroute:gedeeld_detail", args=[signaal.pk])).content.decode()
    download = client.get(reverse("meldroute:gedeeld_download", args=[signaal.pk]))
    tekst = download.content.decode()

    for inhoud in (html, tekst):
        assert "Mogelijk slachtoffer" in inhoud
        assert "Drie vrouwen wonen boven de massagesalon." in inhoud
        assert "Massagesalon Lotus" in inhoud
        for geheim in [NAAM, "0611122233", "04-05-2001", "gevel.txt", "Dorpsstraat"]:
            assert geheim not in inhoud
    assert download["Content-Disposition"] == f'attachment; filename="signaal-{signaal.referentie}.txt"'
    assert client.get(reverse("meldroute:gedeeld_bijlage", args=[signaal.pk, bijlage.pk])).status_code == 404


def test_shared_details_and_attachments_are_there_when_shared(
    client: Client, signaal: Signaal, af_hoorn: Gebruiker, politie: Organisatie, agent: Gebruiker
) -> None:
    delen(signaal, af_hoorn, politie)
    client.force_login(agent)
    bijlage = signaal.bijlagen.get()

    tekst = client.get(reverse("meldroute:gedeeld_download", args=[signaal.pk])).content.decode()
    antwoord = client.get(reverse("meldroute:gedeeld_bijlage", args=[signaal.pk, bijlage.pk]))

    assert NAAM in tekst
    assert "0611122233" in tekst
    assert "Dorpsstraat 1, Hoorn" in tekst
    assert b"".join(antwoord.streaming_content) == b"foto van de gevel"  # type: ignore[attr-defined]
    acties = set(Toegangslog.objects.filter(gebruiker=agent).values_list("actie", flat=True))
    assert acties == {"download", "bijlage"}


def test_a_terugmelding_appears_on_the_af_timeline_and_in_the_werkbak(
    client: Client, signaal: Signaal, af_hoorn: Gebruiker, politie: Organisatie, agent: Gebruiker
) -> None:
    delen(signaal, af_hoorn, politie)
    client.force_login(agent)
    antwoord = client.post(
        reverse("meldroute:terugmelding", args=[signaal.pk]),
        {"tekst": "Pand bezocht; twee vrouwen verwezen naar de zorgcoördinator.", "voorgestelde_afloop": "zorgtraject"},
    )
    assert antwoord.status_code == 302

    client.force_login(af_hoorn)
    werkbak = client.get(reverse("meldroute:werkbak")).content.decode()
    assert "Nieuwe terugmelding" in werkbak
    detail = client.get(reverse("meldroute:detail", args=[signaal.pk])).content.decode()
    assert "Terugmelding van Politie Noord-Holland – AVIM" in detail
    assert "twee vrouwen verwezen naar de zorgcoördinator" in detail
    assert "Nieuwe terugmelding" not in client.get(reverse("meldroute:werkbak")).content.decode()


def test_a_terugmelding_without_text_is_refused_in_dutch(
    client: Client, signaal: Signaal, af_hoorn: Gebruiker, politie: Organisatie, agent: Gebruiker
) -> None:
    delen(signaal, af_hoorn, politie)
    client.force_login(agent)
    antwoord = client.post(reverse("meldroute:terugmelding", args=[signaal.pk]), {"tekst": ""})
    assert "Dit veld is verplicht." in antwoord.content.decode()
    assert not Terugmelding.objects.exists()


def test_terugmeldingen_stay_on_the_signal_after_the_share_ends(
    signaal: Signaal, af_hoorn: Gebruiker, politie: Organisatie, agent: Gebruiker
) -> None:
    deling = delen(signaal, af_hoorn, politie)
    services.terugmelding_toevoegen(signaal_id=signaal.pk, door=agent, tekst="Gesprek gevoerd.")
    services.intrekken(signaal_id=signaal.pk, deling_id=deling.pk, door=af_hoorn, reden="Klaar.")
    assert signaal.terugmeldingen.get().tekst == "Gesprek gevoerd."
    with pytest.raises(Signaal.DoesNotExist):
        services.terugmelding_toevoegen(signaal_id=signaal.pk, door=agent, tekst="Nog iets.")


def test_the_partner_cannot_change_the_state_of_a_shared_signal(
    client: Client, signaal: Signaal, af_hoorn: Gebruiker, politie: Organisatie, agent: Gebruiker
) -> None:
    delen(signaal, af_hoorn, politie)
    client.force_login(agent)

    for naam in ["riec_inschakelen", "geen_mensenhandel", "herbeoordeling_plannen"]:
        url = reverse("meldroute:actie", args=[signaal.pk, naam])
        assert client.post(url, {"verwachte_status": "lokale_tafel"}).status_code == 404
    assert client.get(reverse("meldroute:detail", args=[signaal.pk])).status_code == 404
    assert client.post(reverse("meldroute:delen", args=[signaal.pk])).status_code == 404
    with pytest.raises(Signaal.DoesNotExist):
        services.riec_inschakelen(
            signaal_id=signaal.pk, door=agent, vermoeden="x", contact="y", datum=timezone.localdate()
        )
    signaal.refresh_from_db()
    assert signaal.status == Status.LOKALE_TAFEL


def test_sharing_is_offered_in_the_flow_after_the_lokale_tafel(
    client: Client, melder_hoorn: Gebruiker, af_hoorn: Gebruiker, politie: Organisatie
) -> None:
    signaal = naar_status(signaal_melden(melder=melder_hoorn), Status.VERRIJKT, door=af_hoorn)
    client.force_login(af_hoorn)
    antwoord = client.post(
        reverse("meldroute:actie", args=[signaal.pk, "lokale_tafel_bespreken"]),
        {"verwachte_status": "verrijkt", "soort": "politie", "besproken_op": "2026-01-05", "besluit": "Delen."},
        follow=True,
    )
    html = antwoord.content.decode()
    assert antwoord.redirect_chain[-1][0].startswith(reverse("meldroute:delen", args=[signaal.pk]))
    assert "Wilt u het signaal ook delen" in html
    assert f'<option value="{politie.pk}" selected>' in html


def test_sharing_needs_a_basis_a_reason_and_a_future_end_date(
    signaal: Signaal, af_hoorn: Gebruiker, politie: Organisatie
) -> None:
    with pytest.raises(ValidationError) as fout:
        delen(signaal, af_hoorn, politie, grondslag="anders", reden="", einddatum=timezone.localdate())
    assert set(fout.value.message_dict) == {"reden"}
    with pytest.raises(ValidationError, match="toe op welke grondslag"):
        delen(signaal, af_hoorn, politie, grondslag="anders")
    with pytest.raises(ValidationError, match="einddatum na vandaag"):
        delen(signaal, af_hoorn, politie, einddatum=timezone.localdate())
    assert not Deling.objects.exists()


def test_an_af_of_another_gemeente_cannot_share_or_revoke(
    client: Client, signaal: Signaal, af_hoorn: Gebruiker, af_enkhuizen: Gebruiker, politie: Organisatie
) -> None:
    deling = delen(signaal, af_hoorn, politie)
    client.force_login(af_enkhuizen)
    assert client.get(reverse("meldroute:delen", args=[signaal.pk])).status_code == 404
    assert client.post(reverse("meldroute:intrekken", args=[signaal.pk, deling.pk])).status_code == 404
    deling.refresh_from_db()
    assert deling.ingetrokken_op is None


def test_sharing_revoking_expiry_and_terugmelding_are_audited_without_personal_data(
    signaal: Signaal, af_hoorn: Gebruiker, politie: Organisatie, agent: Gebruiker
) -> None:
    eerste = delen(signaal, af_hoorn, politie, reden=f"Slachtoffer {NAAM} is bekend bij de politie.")
    services.terugmelding_toevoegen(signaal_id=signaal.pk, door=agent, tekst=f"{NAAM} gesproken.")
    services.intrekken(signaal_id=signaal.pk, deling_id=eerste.pk, door=af_hoorn, reden=f"{NAAM} is verhuisd.")
    tweede = delen(signaal, af_hoorn, politie, einddatum=timezone.localdate() + datetime.timedelta(days=1))
    with time_machine.travel(timezone.now() + datetime.timedelta(days=2), tick=False):
        services.delingen_verlopen_verwerken()

    assert LogEntry.objects.get_for_object(eerste).filter(action=LogEntry.Action.CREATE).exists()
    assert LogEntry.objects.get_for_object(eerste).filter(action=LogEntry.Action.UPDATE).count() == 1
    assert LogEntry.objects.get_for_object(tweede).filter(action=LogEntry.Action.UPDATE).count() == 1
    assert LogEntry.objects.get_for_object(signaal.terugmeldingen.get()).exists()
    assert audit_tabellen_bevatten("Jansen") == []


def test_the_coordinator_sees_counts_per_partner_but_no_content(
    client: Client, signaal: Signaal, af_hoorn: Gebruiker, politie: Organisatie, hoorn: Organisatie
) -> None:
    deling = delen(signaal, af_hoorn, politie)
    services.intrekken(signaal_id=signaal.pk, deling_id=deling.pk, door=af_hoorn, reden="Klaar.")
    delen(signaal, af_hoorn, politie)
    coordinator = gebruiker_met_rol(hoorn, Rol.COORDINATOR, username="coordinator")
    client.force_login(coordinator)

    html = client.get(reverse("meldroute:delingen_overzicht")).content.decode()

    assert "Politie Noord-Holland – AVIM" in html
    assert signaal.referentie not in html
    assert "massagesalon" not in html
    assert client.get(reverse("meldroute:gedeeld_detail", args=[signaal.pk])).status_code == 404


def test_the_partner_list_costs_the_same_queries_for_few_and_many_shared_signals(
    client: Client, melder_hoorn: Gebruiker, af_hoorn: Gebruiker, politie: Organisatie, agent: Gebruiker
) -> None:
    def meer_delen(aantal: int) -> None:
        for _ in range(aantal):
            nieuw = naar_status(signaal_melden(melder=melder_hoorn), Status.ONTVANGEN, door=af_hoorn)
            delen(nieuw, af_hoorn, politie)

    def tel() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("meldroute:gedeeld")).status_code == 200
        return len(queries)

    client.force_login(agent)
    meer_delen(3)
    weinig = tel()
    meer_delen(30)
    assert tel() == weinig


def test_revoking_a_share_under_another_signals_address_changes_nothing(
    client: Client, signaal: Signaal, melder_hoorn: Gebruiker, af_hoorn: Gebruiker, politie: Organisatie
) -> None:
    deling = delen(signaal, af_hoorn, politie)
    ander = signaal_melden(melder=melder_hoorn)
    client.force_login(af_hoorn)

    assert client.post(reverse("meldroute:intrekken", args=[ander.pk, deling.pk])).status_code == 404

    deling.refresh_from_db()
    assert deling.ingetrokken_op is None


def test_closing_a_signal_ends_its_shares(
    client: Client, signaal: Signaal, af_hoorn: Gebruiker, politie: Organisatie, agent: Gebruiker
) -> None:
    deling = delen(signaal, af_hoorn, politie)
    naar_status(signaal, Status.AFGESLOTEN, door=af_hoorn)

    client.force_login(agent)
    assert "Deze deling is beëindigd op" in client.get(reverse("meldroute:gedeeld_detail", args=[signaal.pk])).text
    deling.refresh_from_db()
    assert deling.ingetrokken_door == af_hoorn
    assert not agent.has_perm("signalen.inzien_gedeeld_signaal", signaal)
    assert "beëindigd omdat het signaal is afgesloten" in signaal.registraties.latest("op", "pk").toelichting
