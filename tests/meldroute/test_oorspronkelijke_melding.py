"""The melder's report stays readable as submitted: kept at intake, shown to the AF under
"Oorspronkelijke melding" and to the melder from "Mijn signalen" (and to nobody else), corrected
and erased with the betrokkene by the FG, and filled for signals reported before it existed."""

import datetime
import importlib
import io

import pytest
from django.apps import apps
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader

from gegevensbescherming import fg
from gegevensbescherming.inzage_pdf import inzage_pdf
from ketenpartners.models import Gebruiker, Rol
from meldroute import services
from signalen import melding
from signalen.models import OorspronkelijkeMelding, Signaal, Toegangslog, Vorm
from signalen.workflow import Status
from tests.factories import GISTEREN, gebruiker_met_rol, medewerker, naar_status, signaal_melden

pytestmark = pytest.mark.django_db

NAAM = "Mirela Dobre"
NIEUWE_NAAM = "Mirela Dobre-Ionescu"
NOTITIE = "Zus van Mirela is ook in beeld bij het wijkteam."
TERUGKOPPELING = "Dank voor uw melding; het signaal is besproken met de politie."


@pytest.fixture
def signaal(melder_hoorn: Gebruiker) -> Signaal:
    return signaal_melden(
        melder=melder_hoorn,
        betrokkenen=[
            {
                "rol": "slachtoffer",
                "naam": NAAM,
                "geboortedatum": datetime.date(1999, 2, 11),
                "telefoon": "+31612345678",
            }
        ],
        locaties=[{"adres": "Dampten 12, Hoorn", "bedrijfsnaam": "Uitzendbureau Flexibel", "kvk_nummer": "87654321"}],
    )


def test_the_report_is_kept_as_submitted_at_intake(signaal: Signaal) -> None:
    betrokkene, locatie = signaal.betrokkenen.get(), signaal.locaties.get()

    assert signaal.oorspronkelijke_melding.gegevens == {
        "gemeente": "Hoorn",
        "team": "Balie",
        "waargenomen_op": GISTEREN.isoformat(),
        "omschrijving": "Op één adres staan twaalf mensen ingeschreven; er komen 's nachts busjes.",
        "acuut": False,
        "vormen": ["Arbeidsuitbuiting"],
        "indicatoren": [],
        "betrokkenen": [
            {
                "id": betrokkene.pk,
                "rol": "slachtoffer",
                "naam": NAAM,
                "geboortedatum": "1999-02-11",
                "nationaliteit": "",
                "adres": "",
                "telefoon": "+31612345678",
                "notities": "",
            }
        ],
        "locaties": [
            {
                "id": locatie.pk,
                "adres": "Dampten 12, Hoorn",
                "bedrijfsnaam": "Uitzendbureau Flexibel",
                "kvk_nummer": "87654321",
                "omschrijving": "",
            }
        ],
        "bijlagen": [],
    }


def test_the_af_reads_the_original_under_its_own_heading_after_correcting_the_record(
    client: Client, signaal: Signaal, af_hoorn: Gebruiker
) -> None:
    naar_status(signaal, Status.VERRIJKT, door=af_hoorn)
    betrokkene = signaal.betrokkenen.get()
    services.betrokkene_wijzigen(
        signaal_id=signaal.pk, betrokkene_id=betrokkene.pk, door=af_hoorn, gegevens={"naam": NIEUWE_NAAM}
    )
    client.force_login(af_hoorn)

    detail = client.get(reverse("meldroute:detail", args=[signaal.pk])).text

    assert f"Mogelijk slachtoffer: {NIEUWE_NAAM}" in detail
    _, _, oorspronkelijk = detail.partition('id="kop-oorspronkelijk">Oorspronkelijke melding</h2>')
    assert "<details>" in oorspronkelijk
    assert f"<dt>Naam</dt><dd>{NAAM}</dd>" in oorspronkelijk
    assert "<dt>Geboortedatum</dt><dd>11 februari 1999</dd>" in oorspronkelijk
    assert NIEUWE_NAAM not in oorspronkelijk


def test_the_melder_reads_their_own_report_status_and_feedback_and_nothing_the_af_added(
    client: Client, signaal: Signaal, melder_hoorn: Gebruiker, af_hoorn: Gebruiker
) -> None:
    naar_status(signaal, Status.VERRIJKT, door=af_hoorn)
    services.betrokkene_toevoegen(
        signaal_id=signaal.pk, door=af_hoorn, gegevens={"rol": "dader", "naam": "Viorel Stan"}
    )
    gemeld = signaal.betrokkenen.get(rol="slachtoffer")
    services.betrokkene_wijzigen(
        signaal_id=signaal.pk, betrokkene_id=gemeld.pk, door=af_hoorn, gegevens={"naam": NIEUWE_NAAM}
    )
    services.notitie_toevoegen(signaal_id=signaal.pk, door=af_hoorn, tekst=NOTITIE)
    services.geen_mensenhandel(
        signaal_id=signaal.pk,
        door=af_hoorn,
        onderbouwing="Geen aanwijzingen voor uitbuiting.",
        tekst=TERUGKOPPELING,
        gegeven_op=GISTEREN,
    )
    client.force_login(melder_hoorn)

    lijst = client.get(reverse("meldroute:mijn_signalen")).text
    url = reverse("meldroute:mijn_signaal", args=[signaal.pk])
    assert f'href="{url}">{signaal.referentie}</a>' in lijst
    pagina = client.get(url).text

    assert f"Mijn signaal {signaal.referentie}" in pagina
    assert '<span class="utrecht-status-badge utrecht-status-badge--neutral">Afgerond</span>' in pagina
    assert TERUGKOPPELING in pagina
    assert f"<dt>Naam</dt><dd>{NAAM}</dd>" in pagina
    assert "<dt>Bedrijfsnaam</dt><dd>Uitzendbureau Flexibel</dd>" in pagina
    for van_de_af in (NIEUWE_NAAM, "Viorel Stan", NOTITIE, "Geen aanwijzingen voor uitbuiting.", "Anna de Vries"):
        assert van_de_af not in pagina
    rij = Toegangslog.objects.filter(gebruiker=melder_hoorn, pad=url).get()
    assert (rij.actie, rij.resultaat, rij.signaal_ids) == (Toegangslog.Actie.DETAIL, "toegestaan", [signaal.pk])


def test_nobody_but_the_melder_opens_the_melders_page_and_each_refusal_is_logged(
    client: Client, signaal: Signaal, af_hoorn: Gebruiker, melder_enkhuizen: Gebruiker
) -> None:
    collega = medewerker(signaal.gemeente, username="collega.hoorn")
    coordinator = gebruiker_met_rol(signaal.gemeente, Rol.COORDINATOR, username="coordinator.hoorn")
    url = reverse("meldroute:mijn_signaal", args=[signaal.pk])

    for gebruiker in (collega, af_hoorn, melder_enkhuizen, coordinator):
        client.force_login(gebruiker)
        assert client.get(url).status_code == 404, gebruiker.username
        rij = Toegangslog.objects.filter(gebruiker=gebruiker, pad=url).get()
        assert (rij.resultaat, rij.signaal_ids) == ("geweigerd", [signaal.pk])
    client.logout()
    assert client.get(url).status_code == 302


def test_the_inzage_also_shows_what_the_melder_reported_once_the_af_corrected_it(
    signaal: Signaal, af_hoorn: Gebruiker
) -> None:
    functionaris = gebruiker_met_rol(signaal.gemeente, Rol.FG, username="fg.hoorn")
    betrokkene = signaal.betrokkenen.get()

    # As long as the record says what the melder reported, the inzage holds it once.
    assert fg.inzage(door=functionaris, betrokkenen=[betrokkene]).signalen[0].zoals_gemeld == []

    naar_status(signaal, Status.VERRIJKT, door=af_hoorn)
    services.betrokkene_wijzigen(
        signaal_id=signaal.pk, betrokkene_id=betrokkene.pk, door=af_hoorn, gegevens={"naam": NIEUWE_NAAM}
    )
    betrokkene.refresh_from_db()
    inzage = fg.inzage(door=functionaris, betrokkenen=[betrokkene]).signalen[0]

    assert ("Naam", NIEUWE_NAAM) in inzage.gegevens
    assert inzage.zoals_gemeld == [
        ("Rol", "Mogelijk slachtoffer"),
        ("Naam", NAAM),
        ("Geboortedatum", "11 februari 1999"),
        ("Telefoonnummer", "+31612345678"),
    ]
    pdf = PdfReader(io.BytesIO(inzage_pdf(fg.inzage(door=functionaris, betrokkenen=[betrokkene]))))
    tekst = " ".join(" ".join(pagina.extract_text() for pagina in pdf.pages).split())
    assert f"Naam {NIEUWE_NAAM}" in tekst
    assert (
        "Zoals oorspronkelijk gemeld De melding wordt bewaard zoals die is ingediend. "
        f"Daarin stond over u: Rol Mogelijk slachtoffer Naam {NAAM} "
    ) in tekst


def test_the_fgs_correction_and_erasure_of_a_betrokkene_reach_the_report_as_submitted(
    client: Client, signaal: Signaal, melder_hoorn: Gebruiker
) -> None:
    functionaris = gebruiker_met_rol(signaal.gemeente, Rol.FG, username="fg.hoorn")
    betrokkene = signaal.betrokkenen.get()

    fg.betrokkene_corrigeren(
        door=functionaris,
        signaal_id=signaal.pk,
        betrokkene_id=betrokkene.pk,
        gegevens={"naam": NIEUWE_NAAM, "geboortedatum": datetime.date(1999, 2, 12)},
        reden=fg.Reden.RECTIFICATIE,
    )

    gemeld = OorspronkelijkeMelding.objects.get(signaal=signaal).gegevens["betrokkenen"][0]
    assert (gemeld["naam"], gemeld["geboortedatum"], gemeld["telefoon"]) == (NIEUWE_NAAM, "1999-02-12", "+31612345678")

    fg.betrokkene_verwijderen(
        door=functionaris, signaal_id=signaal.pk, betrokkene_id=betrokkene.pk, reden=fg.Reden.WISSING
    )

    opgeslagen = str(OorspronkelijkeMelding.objects.get(signaal=signaal).gegevens)
    assert "Mirela" not in opgeslagen
    assert "+31612345678" not in opgeslagen
    assert OorspronkelijkeMelding.objects.get(signaal=signaal).gegevens["betrokkenen"] == []
    client.force_login(melder_hoorn)
    pagina = client.get(reverse("meldroute:mijn_signaal", args=[signaal.pk])).text
    assert "Mirela" not in pagina
    assert "Geen betrokkenen gemeld." in pagina


def test_the_migration_fills_the_report_of_older_signals_from_their_data(signaal: Signaal) -> None:
    andere_vorm = Vorm.objects.get(code="seksuele_uitbuiting")
    signaal.vormen.add(andere_vorm)
    verwacht = melding.momentopname(signaal)
    OorspronkelijkeMelding.objects.filter(signaal=signaal).delete()
    migratie = importlib.import_module("signalen.migrations.0013_oorspronkelijke_melding_vullen")

    migratie.vullen(apps, None)
    migratie.vullen(apps, None)  # Twice changes nothing.

    assert OorspronkelijkeMelding.objects.count() == 1
    assert OorspronkelijkeMelding.objects.get(signaal=signaal).gegevens == verwacht
    assert verwacht["vormen"] == ["Seksuele uitbuiting", "Arbeidsuitbuiting"]
