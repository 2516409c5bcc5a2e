"""Need-to-know: an AF sees their own gemeente only, a melder their own signals only."""

import pytest
from django.contrib.auth.models import Permission
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import reverse

from ketenpartners.models import Gebruiker
from meldroute import services
from signalen.models import Bijlage, Signaal, Toegangslog
from signalen.selectors import behandelbare_signalen
from signalen.workflow import Status
from tests.factories import GebruikerFactory, medewerker, naar_status, signaal_melden

pytestmark = pytest.mark.django_db


@pytest.fixture
def signaal_enkhuizen(melder_enkhuizen: Gebruiker) -> Signaal:
    signaal = signaal_melden(melder=melder_enkhuizen, omschrijving="Kamers boven de snackbar in Enkhuizen.")
    Bijlage.objects.create(
        signaal=signaal,
        bestand=ContentFile(b"geheim", name="notitie.txt"),
        naam="notitie.txt",
        content_type="text/plain",
        grootte=6,
        toegevoegd_door=melder_enkhuizen,
    )
    return signaal


def test_af_of_hoorn_cannot_see_list_download_or_move_a_signal_of_enkhuizen(
    client: Client, af_hoorn: Gebruiker, signaal_enkhuizen: Signaal
) -> None:
    client.force_login(af_hoorn)
    bijlage = signaal_enkhuizen.bijlagen.get()

    assert signaal_enkhuizen.referentie not in client.get(reverse("meldroute:werkbak")).content.decode()
    assert client.get(reverse("meldroute:detail", args=[signaal_enkhuizen.pk])).status_code == 404
    assert client.get(reverse("meldroute:bijlage", args=[signaal_enkhuizen.pk, bijlage.pk])).status_code == 404
    for naam in ["in_behandeling_nemen", "verrijken", "herbeoordeling_plannen"]:
        url = reverse("meldroute:actie", args=[signaal_enkhuizen.pk, naam])
        assert client.get(url).status_code == 404
        assert client.post(url, {"verwachte_status": "opgepikt", "behandelaar": af_hoorn.pk}).status_code == 404
    with pytest.raises(Signaal.DoesNotExist):
        services.in_behandeling_nemen(signaal_id=signaal_enkhuizen.pk, door=af_hoorn, behandelaar=af_hoorn)

    signaal_enkhuizen.refresh_from_db()
    assert signaal_enkhuizen.status == Status.OPGEPIKT
    geweigerd = Toegangslog.objects.filter(gebruiker=af_hoorn, resultaat="geweigerd")
    assert geweigerd.filter(actie="detail").exists()
    assert geweigerd.filter(actie="bijlage").exists()


def test_the_af_of_the_gemeente_can_download_an_attachment_and_it_is_logged(
    client: Client, af_enkhuizen: Gebruiker, signaal_enkhuizen: Signaal
) -> None:
    client.force_login(af_enkhuizen)
    bijlage = signaal_enkhuizen.bijlagen.get()

    antwoord = client.get(reverse("meldroute:bijlage", args=[signaal_enkhuizen.pk, bijlage.pk]))

    assert antwoord.status_code == 200
    assert b"".join(antwoord.streaming_content) == b"geheim"  # type: ignore[attr-defined]
    assert 'attachment; filename="notitie.txt"' in antwoord["Content-Disposition"]
    assert Toegangslog.objects.filter(gebruiker=af_enkhuizen, actie="bijlage", resultaat="toegestaan").count() == 1


def test_a_new_af_of_a_gemeente_sees_its_existing_signals_at_once(
    signaal_enkhuizen: Signaal, enkhuizen: object
) -> None:
    from tests.factories import af

    nieuw = af(enkhuizen)  # type: ignore[arg-type]
    assert list(behandelbare_signalen(nieuw)) == [signaal_enkhuizen]


def test_a_global_view_permission_or_superuser_status_gives_no_signals(signaal_enkhuizen: Signaal) -> None:
    gebruiker = GebruikerFactory(is_superuser=True, is_staff=True)
    gebruiker.user_permissions.add(
        *Permission.objects.filter(codename__in=["view_signaal", "behandelen_signaal", "change_signaal"])
    )
    gebruiker = Gebruiker.objects.get(pk=gebruiker.pk)

    assert gebruiker.has_perm("signalen.view_signaal")
    assert list(behandelbare_signalen(gebruiker)) == []


def test_a_user_with_a_global_view_permission_gets_404_on_a_signal(client: Client, signaal_enkhuizen: Signaal) -> None:
    gebruiker = GebruikerFactory()
    gebruiker.user_permissions.add(*Permission.objects.filter(codename__in=["view_signaal", "behandelen_signaal"]))
    client.force_login(gebruiker)
    assert client.get(reverse("meldroute:detail", args=[signaal_enkhuizen.pk])).status_code == 404


def test_a_medewerker_sees_only_own_signals_and_no_signal_pages(
    client: Client,
    melder_hoorn: Gebruiker,
    af_hoorn: Gebruiker,
    melder_enkhuizen: Gebruiker,
    signaal_enkhuizen: Signaal,
) -> None:
    eigen = signaal_melden(melder=melder_hoorn)
    collega = signaal_melden(melder=medewerker(melder_enkhuizen.lidmaatschappen.get().organisatie, username="collega"))
    client.force_login(melder_enkhuizen)

    html = client.get(reverse("meldroute:mijn_signalen")).content.decode()
    assert signaal_enkhuizen.referentie in html
    assert eigen.referentie not in html
    assert collega.referentie not in html
    assert "Kamers boven de snackbar" not in html
    assert client.get(reverse("meldroute:detail", args=[signaal_enkhuizen.pk])).status_code == 404
    assert client.get(reverse("meldroute:werkbak")).status_code == 403


def test_the_backup_af_can_continue_where_the_other_left_off(
    melder_hoorn: Gebruiker, af_hoorn: Gebruiker, af_hoorn_2: Gebruiker
) -> None:
    signaal = naar_status(signaal_melden(melder=melder_hoorn), Status.VERRIJKT, door=af_hoorn)
    services.behandelaar_wijzigen(signaal_id=signaal.pk, door=af_hoorn, behandelaar=af_hoorn_2)
    services.lokale_tafel_bespreken(
        signaal_id=signaal.pk, door=af_hoorn_2, soort="politie", besproken_op=signaal.waargenomen_op, besluit="Verder"
    )
    signaal.refresh_from_db()
    assert (signaal.status, signaal.behandelaar) == (Status.LOKALE_TAFEL, af_hoorn_2)


def test_only_an_af_of_the_gemeente_can_be_made_behandelaar(
    melder_hoorn: Gebruiker, af_hoorn: Gebruiker, af_enkhuizen: Gebruiker
) -> None:
    from django.core.exceptions import ValidationError

    signaal = signaal_melden(melder=melder_hoorn)
    with pytest.raises(ValidationError, match="aandachtsfunctionaris van deze gemeente"):
        services.in_behandeling_nemen(signaal_id=signaal.pk, door=af_hoorn, behandelaar=af_enkhuizen)


def test_pages_need_a_login(client: Client, signaal_enkhuizen: Signaal) -> None:
    for url in [
        reverse("meldroute:werkbak"),
        reverse("meldroute:detail", args=[signaal_enkhuizen.pk]),
        reverse("signalen:melden"),
    ]:
        antwoord = client.get(url)
        assert antwoord.status_code == 302
        assert antwoord["Location"].startswith(reverse("login"))
