"""The dossier as a living record: in steps 2 to 6 the AF adds and corrects betrokkenen, locaties,
indicatoren, vormen, attachments and notes; each change is one timeline entry and masked audit
rows, never the personal data itself; partners see what their share allows."""

import datetime
from collections.abc import Iterator

import pytest
from auditlog.models import LogEntry
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone

from ketenpartners.models import Gebruiker, Organisatie, Rol
from meldroute import services
from meldroute.models import StapRegistratie
from meldroute.services import ActieNietToegestaan
from signalen.models import Bijlage, Indicator, Locatie, Notitie, Signaal, Toegangslog, Vorm
from signalen.workflow import Status
from tests.factories import OrganisatieFactory, delen, gebruiker_met_rol, naar_status, signaal_melden
from tests.signalen.test_audit import audit_tabellen_bevatten

pytestmark = pytest.mark.django_db

NAAM = "Oksana Melnyk-Brouwer"
GEBOORTEDATUM = "1994-07-23"
ADRES = "Kleine Noord 41, 1621 JE Hoorn"
TELEFOON = "06-38115577"
NOTITIE = "Oksana belde zelf met de wijkagent; volgende week een huisbezoek samen met Veilig Thuis."
# Every form in which the person's data could end up in a log.
SPOREN = [NAAM, "Oksana", "Melnyk", GEBOORTEDATUM, "23-07-1994", "23 juli 1994", "Kleine Noord", "38115577", NOTITIE]
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


@pytest.fixture
def politie() -> Organisatie:
    return OrganisatieFactory(naam="Politie Noord-Holland – AVIM", soort=Organisatie.Soort.POLITIE)


@pytest.fixture
def zvh() -> Organisatie:
    return OrganisatieFactory(naam="Zorg- en Veiligheidshuis NHN", soort=Organisatie.Soort.ZVH)


@pytest.fixture
def agent(politie: Organisatie) -> Gebruiker:
    return gebruiker_met_rol(politie, Rol.KETENPARTNER, username="agent")


@pytest.fixture
def regisseur(zvh: Organisatie) -> Gebruiker:
    return gebruiker_met_rol(zvh, Rol.KETENPARTNER, username="regisseur")


@pytest.fixture
def signaal(melder_hoorn: Gebruiker, af_hoorn: Gebruiker) -> Signaal:
    """A signal in step 3 with one betrokkene (no name yet) and one locatie, as the melder reported it."""
    signaal = signaal_melden(
        melder=melder_hoorn,
        betrokkenen=[{"rol": "slachtoffer", "nationaliteit": "Oekraïens"}],
        locaties=[{"bedrijfsnaam": "Schoonmaakbedrijf Glans", "kvk_nummer": "12345678"}],
    )
    return naar_status(signaal, Status.VERRIJKT, door=af_hoorn)


@pytest.fixture
def bestanden_opruimen() -> Iterator[None]:
    """The attachments' files leave the test storage after the test."""
    yield
    for bijlage in Bijlage.objects.all():
        bijlage.bestand.delete(save=False)


def dossier_url(signaal: Signaal, onderdeel: str, item: int | None = None) -> str:
    if item is None:
        return reverse("meldroute:dossier", args=[signaal.pk, onderdeel])
    return reverse("meldroute:dossier_wijzigen", args=[signaal.pk, onderdeel, item])


def betrokkene_gegevens(**extra: str) -> dict[str, str]:
    return {
        "rol": "slachtoffer",
        "naam": NAAM,
        "geboortedatum": GEBOORTEDATUM,
        "nationaliteit": "Oekraïens",
        "adres": ADRES,
        "telefoon": TELEFOON,
        "notities": "",
        **extra,
    }


DOSSIERACTIES = [
    StapRegistratie.Actie.BETROKKENE_TOEGEVOEGD,
    StapRegistratie.Actie.BETROKKENE_GEWIJZIGD,
    StapRegistratie.Actie.LOCATIE_TOEGEVOEGD,
    StapRegistratie.Actie.LOCATIE_GEWIJZIGD,
    StapRegistratie.Actie.INDICATOREN_GEWIJZIGD,
    StapRegistratie.Actie.VORMEN_GEWIJZIGD,
    StapRegistratie.Actie.BIJLAGE_TOEGEVOEGD,
    StapRegistratie.Actie.NOTITIE_TOEGEVOEGD,
]


def dossierregistraties(signaal: Signaal) -> list[tuple[str, str]]:
    """The timeline entries of the dossier: (label, toelichting), oldest first."""
    registraties = signaal.registraties.filter(actie__in=DOSSIERACTIES).order_by("op", "pk")
    return [(r.get_actie_display(), r.toelichting) for r in registraties]


def geen_sporen_in_logs() -> None:
    """Neither the timeline nor any audit row (every column, as text) holds the person's data."""
    toelichtingen = " ".join(StapRegistratie.objects.values_list("toelichting", flat=True))
    for spoor in SPOREN:
        assert spoor not in toelichtingen, spoor
        assert audit_tabellen_bevatten(spoor) == [], spoor
        for regel in LogEntry.objects.all():
            tekst = f"{regel.changes} {regel.changes_text} {regel.object_repr} {regel.additional_data}"
            assert spoor not in tekst, spoor


def test_a_betrokkene_added_in_step_3_shows_on_the_detail_page_and_to_a_partner_with_identifying_data_only(
    client: Client,
    signaal: Signaal,
    af_hoorn: Gebruiker,
    politie: Organisatie,
    zvh: Organisatie,
    agent: Gebruiker,
    regisseur: Gebruiker,
) -> None:
    delen(signaal, door=af_hoorn, organisatie=politie, met_betrokkenen=True)
    delen(signaal, door=af_hoorn, organisatie=zvh, met_betrokkenen=False)
    client.force_login(af_hoorn)

    antwoord = client.post(dossier_url(signaal, "betrokkene"), betrokkene_gegevens())

    assert antwoord.status_code == 302
    assert antwoord["Location"] == reverse("meldroute:detail", args=[signaal.pk]) + "#kop-betrokkenen"
    detail = client.get(antwoord["Location"]).text
    assert f"Mogelijk slachtoffer: {NAAM}" in detail
    assert "23 juli 1994" in detail
    assert "De betrokkene is toegevoegd." in detail
    assert "Betrokkene toegevoegd" in detail
    assert dossierregistraties(signaal) == [("Betrokkene toegevoegd", "Rol: Mogelijk slachtoffer")]

    for partner, ziet_naam in ((agent, True), (regisseur, False)):
        client.force_login(partner)
        pagina = client.get(reverse("meldroute:gedeeld_detail", args=[signaal.pk]))
        download = client.get(reverse("meldroute:gedeeld_download", args=[signaal.pk]))
        assert pagina.status_code == download.status_code == 200
        assert (NAAM in pagina.text) is ziet_naam, partner.username
        assert (NAAM in download.content.decode()) is ziet_naam, partner.username
        assert (ADRES in download.content.decode()) is ziet_naam, partner.username
    # The audit log has the new row, with every personal field masked.
    wijzigingen = LogEntry.objects.get_for_object(signaal.betrokkenen.get(naam=NAAM)).get().changes
    assert {veld: wijzigingen[veld] for veld in ("rol", "naam", "adres")} == {
        "rol": ["None", "slachtoffer"],
        "naam": ["None", "********"],
        "adres": ["None", "********"],
    }
    geen_sporen_in_logs()


def test_correcting_a_betrokkene_is_one_entry_naming_the_fields_and_the_report_as_submitted_stays(
    client: Client, signaal: Signaal, af_hoorn: Gebruiker
) -> None:
    betrokkene = signaal.betrokkenen.get()
    client.force_login(af_hoorn)

    antwoord = client.post(dossier_url(signaal, "betrokkene", betrokkene.pk), betrokkene_gegevens())

    assert antwoord.status_code == 302
    betrokkene.refresh_from_db()
    assert (betrokkene.naam, betrokkene.telefoon) == (NAAM, "+31638115577")
    assert dossierregistraties(signaal) == [
        (
            "Gegevens van een betrokkene gewijzigd",
            "Rol: Mogelijk slachtoffer. Gewijzigd: naam, geboortedatum, adres, telefoonnummer.",
        )
    ]
    assert signaal.oorspronkelijke_melding.gegevens["betrokkenen"] == [
        {
            "id": betrokkene.pk,
            "rol": "slachtoffer",
            "naam": "",
            "geboortedatum": None,
            "nationaliteit": "Oekraïens",
            "adres": "",
            "telefoon": "",
            "notities": "",
        }
    ]
    # Nothing changed: said so, and no entry.
    nogmaals = client.post(
        dossier_url(signaal, "betrokkene", betrokkene.pk), betrokkene_gegevens(telefoon="+31638115577")
    )
    assert nogmaals.status_code == 200
    assert "Er is niets gewijzigd. Pas minstens één gegeven aan, of ga terug naar het signaal." in nogmaals.text
    assert len(dossierregistraties(signaal)) == 1
    geen_sporen_in_logs()


def _kenmerken(signaal: Signaal, **wijziging: list[int]) -> dict[str, list[int]]:
    gegevens = {
        "vormen": list(signaal.vormen.values_list("pk", flat=True)),
        "indicatoren": list(signaal.indicatoren.values_list("pk", flat=True)),
    }
    return gegevens | wijziging


@pytest.mark.parametrize(
    ("onderdeel", "label"),
    [
        ("locatie", "Locatie of organisatie toegevoegd"),
        ("locatie_wijzigen", "Locatie of organisatie gewijzigd"),
        ("indicatoren", "Indicatoren gewijzigd"),
        ("vormen", "Vormen gewijzigd"),
        ("bijlage", "Bijlage toegevoegd"),
        ("notitie", "Notitie toegevoegd"),
    ],
)
def test_each_change_to_the_dossier_is_exactly_one_timeline_entry(
    client: Client, signaal: Signaal, af_hoorn: Gebruiker, bestanden_opruimen: None, onderdeel: str, label: str
) -> None:
    client.force_login(af_hoorn)
    locatie = signaal.locaties.get()
    seksueel = Vorm.objects.get(code="seksuele_uitbuiting")
    indicator = Indicator.objects.filter(actief=True).order_by("naam").first()
    assert indicator is not None
    verzoeken = {
        "locatie": (dossier_url(signaal, "locatie"), {"adres": ADRES, "omschrijving": "Woning boven de winkel."}),
        "locatie_wijzigen": (
            dossier_url(signaal, "locatie", locatie.pk),
            {"bedrijfsnaam": "Schoonmaakbedrijf Glans B.V.", "kvk_nummer": "12345678"},
        ),
        "indicatoren": (dossier_url(signaal, "kenmerken"), _kenmerken(signaal, indicatoren=[indicator.pk])),
        "vormen": (
            dossier_url(signaal, "kenmerken"),
            _kenmerken(signaal, vormen=[*signaal.vormen.values_list("pk", flat=True), seksueel.pk]),
        ),
        "bijlage": (
            dossier_url(signaal, "bijlage"),
            {"bestand": SimpleUploadedFile("verslag-tafel.pdf", PDF, content_type="application/pdf")},
        ),
        "notitie": (dossier_url(signaal, "notitie"), {"tekst": NOTITIE}),
    }
    url, gegevens = verzoeken[onderdeel]

    antwoord = client.post(url, gegevens)

    assert antwoord.status_code == 302, antwoord.content.decode()
    assert [entry[0] for entry in dossierregistraties(signaal)] == [label]
    assert label in client.get(antwoord["Location"]).text
    geen_sporen_in_logs()


def test_changing_vormen_and_indicatoren_names_what_was_added_and_removed_and_keeps_one_vorm(
    client: Client, signaal: Signaal, af_hoorn: Gebruiker
) -> None:
    client.force_login(af_hoorn)
    onbekend = Vorm.objects.get(code="onbekend")

    leeg = client.post(dossier_url(signaal, "kenmerken"), _kenmerken(signaal, vormen=[]))
    assert leeg.status_code == 200
    assert "Kies minstens één vorm, of &#x27;Onbekend&#x27;." in leeg.text
    assert list(signaal.vormen.values_list("code", flat=True)) == ["arbeidsuitbuiting"]

    client.post(dossier_url(signaal, "kenmerken"), _kenmerken(signaal, vormen=[onbekend.pk]))

    assert list(signaal.vormen.values_list("code", flat=True)) == ["onbekend"]
    assert dossierregistraties(signaal) == [
        ("Vormen gewijzigd", "Toegevoegd: Onbekend. Weggehaald: Arbeidsuitbuiting.")
    ]
    assert list(signaal.feiten.vormen.values_list("code", flat=True)) == ["onbekend"]


def test_a_form_with_mistakes_names_each_field_and_keeps_what_was_typed(
    client: Client, signaal: Signaal, af_hoorn: Gebruiker
) -> None:
    client.force_login(af_hoorn)
    morgen = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()

    betrokkene = client.post(
        dossier_url(signaal, "betrokkene"), betrokkene_gegevens(rol="", geboortedatum=morgen, telefoon="06-1234")
    )
    locatie = client.post(dossier_url(signaal, "locatie"), {"kvk_nummer": "１２３４５６７８"})
    lege_locatie = client.post(dossier_url(signaal, "locatie"), {"omschrijving": "Achter de winkel."})

    assert betrokkene.status_code == locatie.status_code == lege_locatie.status_code == 200
    assert "Rol: Kies de rol van deze betrokkene." in betrokkene.text
    assert "Geboortedatum: Vul een datum in van 1 januari 1900 tot en met vandaag" in betrokkene.text
    assert "Telefoonnummer: Een Nederlands telefoonnummer heeft 10 cijfers" in betrokkene.text
    assert f'value="{NAAM}"' in betrokkene.text
    assert f'value="{ADRES}"' in betrokkene.text
    assert "KvK-nummer: Een KvK-nummer bestaat uit precies 8 cijfers." in locatie.text
    assert "Vul bij een locatie minstens een adres, bedrijfsnaam of KvK-nummer in." in lege_locatie.text
    assert "Achter de winkel." in lege_locatie.text
    assert dossierregistraties(signaal) == []


@override_settings(BIJLAGEN_PER_MELDING=1)
def test_an_attachment_beyond_the_signals_quota_is_refused_with_the_limit(
    client: Client, signaal: Signaal, af_hoorn: Gebruiker, bestanden_opruimen: None
) -> None:
    client.force_login(af_hoorn)
    eerste = SimpleUploadedFile("verslag-tafel.pdf", PDF, content_type="application/pdf")
    tweede = SimpleUploadedFile("uittreksel-kvk.pdf", PDF, content_type="application/pdf")
    nep = SimpleUploadedFile("foto.pdf", b"geen pdf", content_type="application/pdf")

    assert client.post(dossier_url(signaal, "bijlage"), {"bestand": eerste}).status_code == 302
    te_veel = client.post(dossier_url(signaal, "bijlage"), {"bestand": tweede})
    ongeldig = client.post(dossier_url(signaal, "bijlage"), {"bestand": nep})

    assert (
        "Bestand: Het bestand uittreksel-kvk.pdf is niet toegevoegd: een signaal kan ten hoogste 1 bijlagen hebben."
        in (te_veel.text)
    )
    assert "Bestand: Het bestand foto.pdf is geen geldig PDF-bestand." in ongeldig.text
    assert list(signaal.bijlagen.values_list("naam", flat=True)) == ["verslag-tafel.pdf"]
    assert signaal.bijlagen.get().toegevoegd_door == af_hoorn


@pytest.mark.parametrize(
    ("status", "melding"),
    [
        (Status.OPGEPIKT, "Neem het signaal eerst in behandeling. Het dossier bijwerken kan in stap 2 tot en met 6."),
        (
            Status.TERUGKOPPELING,
            "Het dossier bijwerken kan alleen in stap 2 tot en met 6; dit signaal is in stap '7. Terugkoppeling'.",
        ),
        (Status.AFGESLOTEN, "Dit signaal is afgesloten. Heropen het signaal om het dossier bij te werken."),
    ],
)
def test_outside_steps_2_to_6_the_dossier_cannot_be_changed(
    client: Client, melder_hoorn: Gebruiker, af_hoorn: Gebruiker, status: str, melding: str
) -> None:
    signaal = naar_status(
        signaal_melden(melder=melder_hoorn, locaties=[{"adres": "Dampten 12, Hoorn"}]), status, door=af_hoorn
    )
    client.force_login(af_hoorn)

    with pytest.raises(ActieNietToegestaan) as fout:
        services.notitie_toevoegen(signaal_id=signaal.pk, door=af_hoorn, tekst="Nog even navragen.")
    assert str(fout.value) == melding
    antwoord = client.post(dossier_url(signaal, "notitie"), {"tekst": "Nog even navragen."}, follow=True)
    assert melding.replace("'", "&#x27;") in antwoord.text
    detail = client.get(reverse("meldroute:detail", args=[signaal.pk])).text
    for link in ("Betrokkene toevoegen", "Locatie toevoegen", "Indicatoren en vormen wijzigen", "Notitie toevoegen"):
        assert link not in detail
    assert Notitie.objects.count() == 0
    assert dossierregistraties(signaal) == []


def test_every_dossier_url_is_a_404_for_another_gemeentes_af_and_the_refusal_is_logged(
    client: Client, signaal: Signaal, af_enkhuizen: Gebruiker, melder_hoorn: Gebruiker
) -> None:
    betrokkene, locatie = signaal.betrokkenen.get(), signaal.locaties.get()
    urls = [
        *(dossier_url(signaal, o) for o in ("betrokkene", "locatie", "kenmerken", "bijlage", "notitie")),
        dossier_url(signaal, "betrokkene", betrokkene.pk),
        dossier_url(signaal, "locatie", locatie.pk),
    ]
    client.force_login(af_enkhuizen)
    for url in urls:
        assert client.get(url).status_code == 404, url
        assert client.post(url, {"tekst": "x", "rol": "dader", "adres": "x"}).status_code == 404, url
    geweigerd = Toegangslog.objects.filter(gebruiker=af_enkhuizen, resultaat=Toegangslog.Resultaat.GEWEIGERD)
    assert geweigerd.count() == 2 * len(urls)
    assert set(geweigerd.values_list("pad", flat=True)) == set(urls)
    # Even the melder of the signal cannot change it.
    client.force_login(melder_hoorn)
    assert client.post(dossier_url(signaal, "notitie"), {"tekst": "x"}).status_code == 404
    assert Notitie.objects.count() == 0
    assert signaal.betrokkenen.count() == 1


def test_a_betrokkene_or_locatie_of_another_signal_cannot_be_changed_through_this_one(
    client: Client, signaal: Signaal, af_hoorn: Gebruiker, melder_hoorn: Gebruiker
) -> None:
    ander = signaal_melden(melder=melder_hoorn, betrokkenen=[{"rol": "dader", "naam": "Karel de Boer"}])
    naar_status(ander, Status.ONTVANGEN, door=af_hoorn)
    client.force_login(af_hoorn)

    antwoord = client.post(dossier_url(signaal, "betrokkene", ander.betrokkenen.get().pk), betrokkene_gegevens())

    assert antwoord.status_code == 404
    assert ander.betrokkenen.get().naam == "Karel de Boer"
    assert Locatie.objects.filter(signaal=ander).count() == 0


def test_notes_are_for_the_gemeentes_afs_only_and_never_reach_a_partner(
    client: Client,
    signaal: Signaal,
    af_hoorn: Gebruiker,
    af_hoorn_2: Gebruiker,
    politie: Organisatie,
    agent: Gebruiker,
) -> None:
    delen(signaal, door=af_hoorn, organisatie=politie, met_betrokkenen=True, met_bijlagen=True)
    services.notitie_toevoegen(signaal_id=signaal.pk, door=af_hoorn, tekst=NOTITIE)

    client.force_login(af_hoorn_2)
    detail = client.get(reverse("meldroute:detail", args=[signaal.pk])).text
    assert NOTITIE in detail
    assert "door Anna de Vries" in detail
    client.force_login(agent)
    assert "Oksana" not in client.get(reverse("meldroute:gedeeld_detail", args=[signaal.pk])).text
    assert "Oksana" not in client.get(reverse("meldroute:gedeeld_download", args=[signaal.pk])).content.decode()
    notitie = Notitie.objects.get()
    with pytest.raises(ValueError, match="Notities zijn alleen aan te vullen"):
        notitie.save()
    assert LogEntry.objects.get_for_object(notitie).get().changes["tekst"] == ["None", "********"]
    geen_sporen_in_logs()
