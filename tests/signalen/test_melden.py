"""A medewerker reports a signal through the intake form."""

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from ketenpartners.models import Gebruiker
from signalen.models import Betrokkene, Bijlage, Locatie, Signaal, Team, TijdelijkeBijlage, Vorm

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"


def formulier(**extra: object) -> dict[str, object]:
    gegevens: dict[str, object] = {
        "team": Team.objects.get(naam="BOA").pk,
        "waargenomen_op": "2026-03-14",
        "omschrijving": "In de nagelsalon slapen medewerkers achter in de zaak.",
        "vormen": [Vorm.objects.get(code="arbeidsuitbuiting").pk],
        "acuut": "nee",
        "betrokkene-TOTAL_FORMS": "1",
        "betrokkene-INITIAL_FORMS": "0",
        "betrokkene-0-rol": "slachtoffer",
        "betrokkene-0-naam": "Jan Jansen",
        "betrokkene-0-nationaliteit": "Vietnamees",
        "locatie-TOTAL_FORMS": "1",
        "locatie-INITIAL_FORMS": "0",
        "locatie-0-bedrijfsnaam": "Nagelstudio Voorbeeld",
        "locatie-0-kvk_nummer": "12345678",
        "actie": "indienen",
    }
    gegevens.update(extra)
    return gegevens


def test_the_form_preselects_the_melders_own_gemeente(client: Client, melder_hoorn: Gebruiker) -> None:
    client.force_login(melder_hoorn)
    html = client.get(reverse("signalen:melden")).content.decode()
    assert "Hoorn" in html
    assert "Bij acuut gevaar belt u eerst 112" in html or "Bel eerst 112" in html


def test_a_medewerker_submits_a_signal_and_gets_a_receipt_with_a_reference_number(
    client: Client, melder_hoorn: Gebruiker
) -> None:
    client.force_login(melder_hoorn)
    bijlage = SimpleUploadedFile("verslag.pdf", PDF, content_type="application/pdf")
    antwoord = client.post(
        reverse("signalen:melden"),
        formulier(gemeente=melder_hoorn.lidmaatschappen.get().organisatie_id, bijlagen=bijlage),
        follow=True,
    )

    signaal = Signaal.objects.get()
    assert signaal.referentie.startswith("MH-")
    assert signaal.referentie in antwoord.content.decode()
    assert antwoord.redirect_chain[-1][0] == reverse("signalen:ontvangstbevestiging", args=[signaal.pk])
    assert signaal.melder == melder_hoorn
    assert Betrokkene.objects.get(signaal=signaal).naam == "Jan Jansen"
    assert Locatie.objects.get(signaal=signaal).kvk_nummer == "12345678"
    assert Bijlage.objects.get(signaal=signaal).naam == "verslag.pdf"


def test_bad_input_gives_dutch_errors_next_to_the_field_and_in_a_summary_and_keeps_everything(
    client: Client, melder_hoorn: Gebruiker
) -> None:
    client.force_login(melder_hoorn)
    gemeente = melder_hoorn.lidmaatschappen.get().organisatie_id
    bijlage = SimpleUploadedFile("foto.png", b"\x89PNG\r\n\x1a\n" + b"0" * 100, content_type="image/png")

    antwoord = client.post(
        reverse("signalen:melden"),
        formulier(gemeente=gemeente, **{"locatie-0-kvk_nummer": "1234", "waargenomen_op": "", "bijlagen": bijlage}),
    )

    html = antwoord.content.decode()
    assert antwoord.status_code == 200
    assert "Een KvK-nummer bestaat uit precies 8 cijfers." in html
    assert "Vul de datum in waarop u het zag." in html
    assert 'id="foutsamenvatting"' in html
    # Nothing typed is lost, and the attachment is kept for the next attempt.
    for tekst in ["In de nagelsalon slapen medewerkers", "Jan Jansen", "Nagelstudio Voorbeeld", "foto.png"]:
        assert tekst in html
    bewaard = TijdelijkeBijlage.objects.get(eigenaar=melder_hoorn)
    assert Signaal.objects.count() == 0

    antwoord = client.post(
        reverse("signalen:melden"),
        formulier(gemeente=gemeente, bewaarde_bijlage=[str(bewaard.pk)]),
        follow=True,
    )
    signaal = Signaal.objects.get()
    assert Bijlage.objects.get(signaal=signaal).naam == "foto.png"
    assert not TijdelijkeBijlage.objects.exists()


def test_adding_a_betrokkene_row_keeps_the_input_and_shows_no_errors_yet(
    client: Client, melder_hoorn: Gebruiker
) -> None:
    client.force_login(melder_hoorn)
    antwoord = client.post(reverse("signalen:melden"), formulier(omschrijving="", actie="betrokkene_toevoegen"))
    html = antwoord.content.decode()
    assert "Jan Jansen" in html
    assert 'name="betrokkene-1-naam"' in html
    assert "Er ging iets mis" not in html
    assert Signaal.objects.count() == 0


@pytest.mark.parametrize(
    ("naam", "inhoud", "melding"),
    [
        ("script.exe", b"MZ....", "heeft een soort die niet is toegestaan"),
        ("nep.pdf", b"dit is geen pdf", "is geen geldig PDF-bestand"),
        ("leeg.txt", b"", "is leeg"),
    ],
)
def test_attachments_are_limited_in_type_and_content(
    client: Client, melder_hoorn: Gebruiker, naam: str, inhoud: bytes, melding: str
) -> None:
    client.force_login(melder_hoorn)
    gemeente = melder_hoorn.lidmaatschappen.get().organisatie_id
    antwoord = client.post(
        reverse("signalen:melden"),
        formulier(gemeente=gemeente, bijlagen=SimpleUploadedFile(naam, inhoud)),
    )
    assert melding in antwoord.content.decode()
    assert Signaal.objects.count() == 0


def test_attachments_over_the_size_limit_are_refused(client: Client, melder_hoorn: Gebruiker, settings: object) -> None:
    settings.BIJLAGE_MAX_MB = 1  # type: ignore[attr-defined]
    client.force_login(melder_hoorn)
    groot = SimpleUploadedFile("groot.txt", b"a" * (1024 * 1024 + 1))
    antwoord = client.post(
        reverse("signalen:melden"),
        formulier(gemeente=melder_hoorn.lidmaatschappen.get().organisatie_id, bijlagen=groot),
    )
    assert "is te groot" in antwoord.content.decode()


def test_a_medewerker_cannot_report_for_another_gemeente(
    client: Client, melder_hoorn: Gebruiker, enkhuizen: object
) -> None:
    client.force_login(melder_hoorn)
    antwoord = client.post(reverse("signalen:melden"), formulier(gemeente=enkhuizen.pk))  # type: ignore[attr-defined]
    assert "Kies een gemeente uit de lijst." in antwoord.content.decode()
    assert Signaal.objects.count() == 0


def test_a_user_without_a_medewerker_role_cannot_open_the_form(client: Client, af_hoorn: Gebruiker) -> None:
    client.force_login(af_hoorn)
    assert client.get(reverse("signalen:melden")).status_code == 403


def test_only_the_melder_sees_the_receipt(client: Client, melder_hoorn: Gebruiker, af_hoorn: Gebruiker) -> None:
    from tests.factories import signaal_melden

    signaal = signaal_melden(melder=melder_hoorn)
    client.force_login(af_hoorn)
    assert client.get(reverse("signalen:ontvangstbevestiging", args=[signaal.pk])).status_code == 404
    client.force_login(melder_hoorn)
    assert client.get(reverse("signalen:ontvangstbevestiging", args=[signaal.pk])).status_code == 200


@pytest.mark.parametrize(
    "gemanipuleerd",
    [
        {"betrokkene-TOTAL_FORMS": "abc", "actie": "betrokkene_toevoegen"},
        {"betrokkene-TOTAL_FORMS": ["1", "2"], "actie": "betrokkene_toevoegen"},
        {"bewaarde_bijlage": ["²", "99999999999999999999999"]},
        {"betrokkene-0-geboortedatum": ["2001-01-01", "2002-02-02"]},
        {"locatie-TOTAL_FORMS": "99999"},
    ],
)
def test_tampered_intake_data_never_gives_a_server_error(
    client: Client, melder_hoorn: Gebruiker, gemanipuleerd: dict[str, object]
) -> None:
    client.force_login(melder_hoorn)
    gegevens = formulier(gemeente=melder_hoorn.lidmaatschappen.get().organisatie_id) | gemanipuleerd
    antwoord = client.post(reverse("signalen:melden"), gegevens)
    assert antwoord.status_code in (200, 302)


def test_a_field_sent_twice_is_not_stored_as_a_list(client: Client, melder_hoorn: Gebruiker) -> None:
    client.force_login(melder_hoorn)
    gegevens = formulier(gemeente=melder_hoorn.lidmaatschappen.get().organisatie_id)
    gegevens["betrokkene-0-naam"] = ["Jan Jansen", "Piet Pietersen"]
    client.post(reverse("signalen:melden"), gegevens)
    assert Betrokkene.objects.get().naam == "Piet Pietersen"


def test_unsubmitted_uploads_are_removed_after_a_day_with_their_file(
    melder_hoorn: Gebruiker, django_capture_on_commit_callbacks: Any
) -> None:
    import datetime

    import time_machine
    from django.core.files.storage import default_storage
    from django.utils import timezone

    from signalen.services import tijdelijke_bijlage_bewaren
    from signalen.tasks import tijdelijke_bijlagen_opruimen

    oud = tijdelijke_bijlage_bewaren(door=melder_hoorn, upload=SimpleUploadedFile("oud.pdf", PDF))
    assert tijdelijke_bijlagen_opruimen() == 0
    with time_machine.travel(timezone.now() + datetime.timedelta(days=1, minutes=1)):
        nieuw = tijdelijke_bijlage_bewaren(door=melder_hoorn, upload=SimpleUploadedFile("nieuw.pdf", PDF))
        with django_capture_on_commit_callbacks(execute=True):
            assert tijdelijke_bijlagen_opruimen() == 1

    assert list(TijdelijkeBijlage.objects.all()) == [nieuw]
    assert default_storage.exists(nieuw.bestand.name)
    assert not default_storage.exists(oud.bestand.name)
