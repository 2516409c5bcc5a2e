"""One share per partner, extending it with a reason, and revoking it after a confirmation."""

import datetime
import re

import pytest
from auditlog.models import LogEntry
from django.conf import settings
from django.core import mail
from django.core.mail import EmailMultiAlternatives
from django.test import Client
from django.urls import reverse
from django.utils import formats, timezone

from ketenpartners.models import Gebruiker, Organisatie, Rol
from meldroute import services
from meldroute.models import Deling, StapRegistratie, Verlenging
from mensenhandel.invoer import datum_tekst
from signalen import berichten
from signalen.models import Betrokkene, Notificatie, Signaal, Toegangslog
from signalen.workflow import Status
from tests.factories import OrganisatieFactory, delen, gebruiker_met_rol, naar_status, signaal_melden
from tests.signalen.test_audit import audit_tabellen_bevatten

pytestmark = pytest.mark.django_db

NAAM = "Jan Jansen"
REDEN_INTREKKEN = f"{NAAM} is naar Spanje vertrokken; de politie stopt het onderzoek."
REDEN_VERLENGEN = f"De politie spreekt {NAAM} pas volgende maand."


def dag(datum: datetime.date) -> str:
    return formats.date_format(datum, "j F Y")


@pytest.fixture
def politie() -> Organisatie:
    return OrganisatieFactory(naam="Politie – AVIM", soort=Organisatie.Soort.POLITIE)


@pytest.fixture
def agenten(politie: Organisatie, hoorn: Organisatie) -> list[Gebruiker]:
    """Two partner users, one without e-mail, one who left, and a coördinator of the same organisation."""
    fleur = gebruiker_met_rol(politie, Rol.KETENPARTNER, username="fleur", email="fleur@politie.example")
    gebruiker_met_rol(politie, Rol.KETENPARTNER, username="zonder.mail", email="")
    weg = gebruiker_met_rol(politie, Rol.KETENPARTNER, username="vertrokken", email="weg@politie.example")
    weg.is_active = False
    weg.save()
    gebruiker_met_rol(politie, Rol.COORDINATOR, username="chef", email="chef@politie.example")
    ruud = gebruiker_met_rol(politie, Rol.KETENPARTNER, username="ruud", email="ruud@politie.example")
    return [fleur, ruud]


@pytest.fixture
def signaal(melder_hoorn: Gebruiker, af_hoorn: Gebruiker) -> Signaal:
    signaal = signaal_melden(melder=melder_hoorn, omschrijving="Drie vrouwen wonen boven de massagesalon.")
    Betrokkene.objects.create(signaal=signaal, rol="slachtoffer", naam=NAAM)
    return naar_status(signaal, Status.LOKALE_TAFEL, door=af_hoorn)


def delen_formulier(politie: Organisatie) -> dict[str, object]:
    return {
        "organisatie": politie.pk,
        "grondslag": Deling.Grondslag.RIEC_CONVENANT,
        "reden": "Tweede keer delen, met bijlagen.",
        "met_bijlagen": "on",
        "einddatum": (timezone.localdate() + datetime.timedelta(days=20)).isoformat(),
    }


def test_a_second_share_with_the_same_partner_is_refused_and_the_form_keeps_the_input(
    client: Client, signaal: Signaal, af_hoorn: Gebruiker, politie: Organisatie
) -> None:
    eerste = delen(signaal, door=af_hoorn, organisatie=politie)
    client.force_login(af_hoorn)

    antwoord = client.post(reverse("meldroute:delen", args=[signaal.pk]), delen_formulier(politie))

    assert antwoord.status_code == 200
    melding = (
        f"Dit signaal is al gedeeld met Politie – AVIM tot en met {dag(eerste.einddatum)}. "
        "Verleng die deling in plaats van een tweede te maken."
    )
    assert antwoord.context["form"].errors["organisatie"] == [melding]
    assert melding in antwoord.text
    assert "Tweede keer delen, met bijlagen.</textarea>" in antwoord.text
    assert f'<option value="{politie.pk}" selected>' in antwoord.text
    assert re.search(r'<input type="checkbox" name="met_bijlagen"[^>]* checked>', antwoord.text)
    assert list(Deling.objects.filter(signaal=signaal).values_list("pk", flat=True)) == [eerste.pk]


def test_sharing_again_after_the_share_was_revoked_is_allowed(
    signaal: Signaal, af_hoorn: Gebruiker, politie: Organisatie
) -> None:
    eerste = delen(signaal, door=af_hoorn, organisatie=politie)
    services.intrekken(signaal_id=signaal.pk, deling_id=eerste.pk, door=af_hoorn, reden="Klaar.")

    tweede = delen(signaal, door=af_hoorn, organisatie=politie)

    assert list(Deling.objects.actief().filter(signaal=signaal)) == [tweede]


def test_extending_a_share_records_the_reason_apart_from_the_timeline(
    client: Client, signaal: Signaal, af_hoorn: Gebruiker, politie: Organisatie, agenten: list[Gebruiker]
) -> None:
    deling = delen(signaal, door=af_hoorn, organisatie=politie)
    oud = deling.einddatum
    nieuw = timezone.localdate() + datetime.timedelta(days=90)
    client.force_login(af_hoorn)
    pagina = client.get(reverse("meldroute:verlengen", args=[signaal.pk, deling.pk]))
    assert f"nu gedeeld met Politie – AVIM tot en met {dag(oud)}" in pagina.text

    antwoord = client.post(
        reverse("meldroute:verlengen", args=[signaal.pk, deling.pk]),
        {"einddatum": nieuw.isoformat(), "reden": REDEN_VERLENGEN},
        follow=True,
    )

    assert f"De deling met Politie – AVIM loopt nu tot en met {dag(nieuw)}." in antwoord.text
    deling.refresh_from_db()
    assert deling.einddatum == nieuw
    verlenging = Verlenging.objects.get()
    assert (verlenging.deling, verlenging.oude_einddatum, verlenging.nieuwe_einddatum) == (deling, oud, nieuw)
    assert (verlenging.reden, verlenging.door) == (REDEN_VERLENGEN, af_hoorn)
    registratie = signaal.registraties.latest("op", "pk")
    assert (registratie.actie, registratie.toelichting) == (
        StapRegistratie.Actie.VERLENGEN,
        f"Deling met Politie – AVIM verlengd tot en met {dag(nieuw)}.",
    )
    assert LogEntry.objects.get_for_object(verlenging).count() == 1
    assert audit_tabellen_bevatten("Jansen") == []
    # The partner sees the new end date.
    client.force_login(agenten[0])
    assert (
        f"Gedeeld tot en met {dag(nieuw)}." in client.get(reverse("meldroute:gedeeld_detail", args=[signaal.pk])).text
    )


def test_extending_needs_a_reason_and_an_end_date_after_the_current_one(
    client: Client, signaal: Signaal, af_hoorn: Gebruiker, politie: Organisatie
) -> None:
    deling = delen(signaal, door=af_hoorn, organisatie=politie)
    client.force_login(af_hoorn)
    url = reverse("meldroute:verlengen", args=[signaal.pk, deling.pk])

    antwoord = client.post(url, {"einddatum": deling.einddatum.isoformat(), "reden": ""})

    assert antwoord.status_code == 200
    fouten = antwoord.context["form"].errors
    assert fouten["reden"] == ["Dit veld is verplicht."]
    vandaag = timezone.localdate()
    vroegst = datum_tekst(deling.einddatum + datetime.timedelta(days=1), vandaag=vandaag)
    laatst = datum_tekst(vandaag + datetime.timedelta(days=settings.DELING_MAX_DAGEN), vandaag=vandaag)
    assert fouten["einddatum"] == [
        f"Vul een datum in van {vroegst} tot en met {laatst}. "
        f"Een deling loopt ten hoogste {settings.DELING_MAX_DAGEN} dagen vanaf vandaag."
    ]
    assert Verlenging.objects.count() == 0
    with pytest.raises(Exception, match="Kies een einddatum na de huidige einddatum"):
        services.verlengen(
            signaal_id=signaal.pk, deling_id=deling.pk, door=af_hoorn, einddatum=deling.einddatum, reden="Nodig."
        )


def test_revoking_asks_for_confirmation_and_a_reason_first(
    client: Client, signaal: Signaal, af_hoorn: Gebruiker, politie: Organisatie
) -> None:
    deling = delen(signaal, door=af_hoorn, organisatie=politie)
    client.force_login(af_hoorn)
    url = reverse("meldroute:intrekken", args=[signaal.pk, deling.pk])

    pagina = client.get(url)
    assert pagina.status_code == 200
    assert "Weet u het zeker?" in pagina.text
    assert "Deling met Politie – AVIM intrekken" in pagina.text
    zonder_reden = client.post(url, {"reden": ""})
    assert zonder_reden.status_code == 200
    assert zonder_reden.context["form"].errors["reden"] == ["Dit veld is verplicht."]

    deling.refresh_from_db()
    assert deling.ingetrokken_op is None


def test_revoking_keeps_the_reason_and_mails_the_partners_users_without_personal_data(
    client: Client,
    signaal: Signaal,
    af_hoorn: Gebruiker,
    politie: Organisatie,
    agenten: list[Gebruiker],
    django_capture_on_commit_callbacks: object,
) -> None:
    deling = delen(signaal, door=af_hoorn, organisatie=politie)
    Notificatie.objects.all().delete()
    client.force_login(af_hoorn)

    with django_capture_on_commit_callbacks() as na_commit:  # type: ignore[operator]
        antwoord = client.post(
            reverse("meldroute:intrekken", args=[signaal.pk, deling.pk]), {"reden": REDEN_INTREKKEN}, follow=True
        )

    assert "De deling met Politie – AVIM is ingetrokken." in antwoord.text
    deling.refresh_from_db()
    assert (deling.intrekreden, deling.ingetrokken_door) == (REDEN_INTREKKEN, af_hoorn)
    registratie = signaal.registraties.latest("op", "pk")
    assert (registratie.actie, registratie.toelichting) == (
        StapRegistratie.Actie.INTREKKEN,
        "Deling met Politie – AVIM ingetrokken.",
    )
    assert audit_tabellen_bevatten("Jansen") == []
    # The mails are written in the transaction and handed to the workers after the commit.
    assert len(na_commit) == 1
    notificaties = Notificatie.objects.filter(soort=Notificatie.Soort.DELING_BEEINDIGD)
    assert sorted(n.ontvanger.username for n in notificaties) == ["fleur", "ruud"]
    for notificatie in notificaties:
        assert berichten.versturen(notificatie.pk, max_pogingen=3)

    assert sorted(m.to[0] for m in mail.outbox) == ["fleur@politie.example", "ruud@politie.example"]
    for bericht in mail.outbox:
        assert isinstance(bericht, EmailMultiAlternatives)
        assert bericht.subject == f"Deling beëindigd: {signaal.referentie}"
        assert (
            f"De gemeente heeft de deling van signaal {signaal.referentie} met uw organisatie beëindigd."
            in bericht.body
        )
        assert reverse("meldroute:gedeeld_detail", args=[signaal.pk]) in bericht.body
        for persoonlijk in ("Jansen", "Spanje", "massagesalon", af_hoorn.last_name, "Hoorn"):
            assert persoonlijk not in bericht.body
            assert persoonlijk not in str(bericht.alternatives[0][0])


def test_a_share_that_no_longer_runs_cannot_be_revoked_or_extended(
    client: Client, signaal: Signaal, af_hoorn: Gebruiker, politie: Organisatie
) -> None:
    deling = delen(signaal, door=af_hoorn, organisatie=politie)
    services.intrekken(signaal_id=signaal.pk, deling_id=deling.pk, door=af_hoorn, reden="Klaar.")
    client.force_login(af_hoorn)

    for naam in ("meldroute:intrekken", "meldroute:verlengen"):
        antwoord = client.get(reverse(naam, args=[signaal.pk, deling.pk]), follow=True)
        assert antwoord.redirect_chain == [(reverse("meldroute:detail", args=[signaal.pk]), 302)]
        assert "De deling met Politie – AVIM loopt niet meer." in antwoord.text


def test_an_af_of_another_gemeente_cannot_open_extend_or_revoke(
    client: Client, signaal: Signaal, af_hoorn: Gebruiker, af_enkhuizen: Gebruiker, politie: Organisatie
) -> None:
    deling = delen(signaal, door=af_hoorn, organisatie=politie)
    client.force_login(af_enkhuizen)

    for naam in ("meldroute:intrekken", "meldroute:verlengen"):
        url = reverse(naam, args=[signaal.pk, deling.pk])
        assert client.get(url).status_code == 404
        assert client.post(url, {"reden": "Weg ermee.", "einddatum": "2030-01-01"}).status_code == 404

    deling.refresh_from_db()
    assert (deling.ingetrokken_op, Verlenging.objects.count()) == (None, 0)
    geweigerd = Toegangslog.objects.filter(gebruiker=af_enkhuizen, resultaat=Toegangslog.Resultaat.GEWEIGERD)
    assert geweigerd.count() == 4


def test_a_share_of_another_signal_under_this_signals_address_is_not_found(
    client: Client, signaal: Signaal, melder_hoorn: Gebruiker, af_hoorn: Gebruiker, politie: Organisatie
) -> None:
    deling = delen(signaal, door=af_hoorn, organisatie=politie)
    ander = naar_status(signaal_melden(melder=melder_hoorn), Status.ONTVANGEN, door=af_hoorn)
    client.force_login(af_hoorn)

    assert client.get(reverse("meldroute:intrekken", args=[ander.pk, deling.pk])).status_code == 404
    assert client.get(reverse("meldroute:verlengen", args=[ander.pk, deling.pk])).status_code == 404
