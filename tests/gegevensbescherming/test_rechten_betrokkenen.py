"""Rights of betrokkenen: the FG finds a person across their gemeenten, exports, corrects and removes."""

import datetime
import io
from dataclasses import dataclass

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.template.defaultfilters import date as datumfilter
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from gegevensbescherming import fg
from ketenpartners.models import Gebruiker, Organisatie, Rol
from meldroute.models import StapRegistratie
from signalen.models import Betrokkene, Signaal, Signaalfeiten, Toegangslog
from signalen.workflow import Status
from tests.factories import (
    OrganisatieFactory,
    RegioFactory,
    af,
    delen,
    gebruiker_met_rol,
    medewerker,
    naar_status,
    signaal_melden,
)
from tests.hulp import tabelrijen

pytestmark = pytest.mark.django_db

GEBOREN = datetime.date(1990, 5, 17)
# The product's one message for a date outside its range; today is filled in when the test runs.
BEREIK = "Vul een datum in van 1 januari 1900 tot en met vandaag ({vandaag})."


def _melding(melding: str) -> str:
    return melding.format(vandaag=datumfilter(timezone.localdate(), "j F Y")) if melding == BEREIK else melding


ZOEKEN = "gegevensbescherming:betrokkenen"


@dataclass
class Wereld:
    hoorn: Organisatie
    enkhuizen: Organisatie
    hilversum: Organisatie
    politie: Organisatie
    af_hoorn: Gebruiker
    fg_hoorn: Gebruiker
    fg_regio: Gebruiker
    fg_gooi: Gebruiker
    hoorn_jan: Signaal  # Jan Jansen and Piet Pietersen; shared with the police
    enkhuizen_jan: Signaal  # "Jansen, Jan"
    hoorn_ander: Signaal  # a Jan Jansen with another birth date
    hilversum_jan: Signaal  # Jan Jansen in another regio
    hoorn_jan_2: Signaal  # "JÁN  jansen"


def _melden(gemeente: Organisatie, *betrokkenen: dict[str, object]) -> Signaal:
    melder = medewerker(gemeente, username=f"melder.{gemeente.naam.lower()}")
    return signaal_melden(melder=melder, gemeente=gemeente, betrokkenen=list(betrokkenen))


@pytest.fixture
def wereld() -> Wereld:
    hoorn = OrganisatieFactory(naam="Hoorn")
    enkhuizen = OrganisatieFactory(naam="Enkhuizen")
    hilversum = OrganisatieFactory(naam="Hilversum", regio=RegioFactory(naam="Gooi en Vechtstreek"))
    politie = OrganisatieFactory(naam="Politie Noord-Holland", soort=Organisatie.Soort.POLITIE)
    veiligheidsregio = OrganisatieFactory(naam="Veiligheidsregio Westfriesland", soort=Organisatie.Soort.ANDERS)
    af_hoorn = af(hoorn, username="af.hoorn")
    jan = {"rol": "slachtoffer", "naam": "Jan Jansen", "geboortedatum": GEBOREN, "adres": "Grote Noord 1, Hoorn"}
    piet = {"rol": "dader", "naam": "Piet Pietersen", "geboortedatum": datetime.date(1975, 2, 3)}
    hoorn_jan = _melden(hoorn, jan, piet)
    naar_status(hoorn_jan, Status.ONTVANGEN, door=af_hoorn)
    delen(hoorn_jan, door=af_hoorn, organisatie=politie, met_betrokkenen=True)
    return Wereld(
        hoorn=hoorn,
        enkhuizen=enkhuizen,
        hilversum=hilversum,
        politie=politie,
        af_hoorn=af_hoorn,
        fg_hoorn=gebruiker_met_rol(hoorn, Rol.FG, username="fg.hoorn", first_name="Fleur", last_name="de Boer"),
        fg_regio=gebruiker_met_rol(veiligheidsregio, Rol.FG, username="fg.regio"),
        fg_gooi=gebruiker_met_rol(hilversum, Rol.FG, username="fg.gooi"),
        hoorn_jan=hoorn_jan,
        enkhuizen_jan=_melden(enkhuizen, {"rol": "slachtoffer", "naam": "Jansen, Jan", "geboortedatum": GEBOREN}),
        hoorn_ander=_melden(
            hoorn, {"rol": "slachtoffer", "naam": "Jan Jansen", "geboortedatum": datetime.date(1991, 5, 17)}
        ),
        hilversum_jan=_melden(hilversum, {"rol": "slachtoffer", "naam": "Jan Jansen", "geboortedatum": GEBOREN}),
        hoorn_jan_2=_melden(hoorn, {"rol": "anders", "naam": "JÁN  jansen", "geboortedatum": GEBOREN}),
    )


def _jan(signaal: Signaal) -> Betrokkene:
    return signaal.betrokkenen.get(naam__icontains="jan")


def _zoeken(client: Client, gebruiker: Gebruiker, naam: str, geboortedatum: str = "1990-05-17") -> list[str]:
    client.force_login(gebruiker)
    antwoord = client.post(reverse(ZOEKEN), {"naam": naam, "geboortedatum": geboortedatum, "actie": "zoeken"})
    assert antwoord.status_code == 200
    return [rij[0] for rij in tabelrijen(antwoord.content.decode())]


def _pdf_tekst(inhoud: bytes) -> str:
    return "\n".join(pagina.extract_text() for pagina in PdfReader(io.BytesIO(inhoud)).pages)


# Scope.


def test_an_fg_serves_their_own_gemeente_and_an_fg_of_a_regio_organisation_every_gemeente_of_the_regio(
    wereld: Wereld,
) -> None:
    assert [g.naam for g in fg.fg_gemeenten(wereld.fg_hoorn)] == ["Hoorn"]
    assert [g.naam for g in fg.fg_gemeenten(wereld.fg_regio)] == ["Enkhuizen", "Hoorn"]
    assert [g.naam for g in fg.fg_gemeenten(wereld.fg_gooi)] == ["Hilversum"]
    assert list(fg.fg_gemeenten(wereld.af_hoorn)) == []


# Searching.


@pytest.mark.parametrize("naam", ["Jan Jansen", "jansen, jan", "  JAN   JANSEN ", "Ján Jänsen", "Jansen Jan"])
def test_the_fg_finds_every_signal_of_their_gemeente_that_names_the_person_whatever_the_spelling(
    client: Client, wereld: Wereld, naam: str
) -> None:
    gevonden = _zoeken(client, wereld.fg_hoorn, naam)

    # Not Enkhuizen or Hilversum (outside Hoorn), not the Jan Jansen born in 1991.
    assert gevonden == [wereld.hoorn_jan.referentie, wereld.hoorn_jan_2.referentie]


def test_the_fg_of_a_regio_organisation_finds_the_person_in_every_gemeente_of_the_regio(
    client: Client, wereld: Wereld
) -> None:
    assert _zoeken(client, wereld.fg_regio, "Jan Jansen") == [
        wereld.hoorn_jan.referentie,
        wereld.enkhuizen_jan.referentie,
        wereld.hoorn_jan_2.referentie,
    ]
    assert _zoeken(client, wereld.fg_gooi, "Jan Jansen") == [wereld.hilversum_jan.referentie]


def test_the_results_show_reference_gemeente_step_date_and_role_and_the_log_holds_the_signals_not_the_name(
    client: Client, wereld: Wereld
) -> None:
    client.force_login(wereld.fg_hoorn)
    voor = Toegangslog.objects.count()

    antwoord = client.post(reverse(ZOEKEN), {"naam": "Jan Jansen", "geboortedatum": "1990-05-17"})

    eerste = wereld.hoorn_jan
    assert tabelrijen(antwoord.content.decode())[0] == [
        eerste.referentie,
        "Hoorn",
        "2. Ontvangen",
        datumfilter(timezone.localtime(eerste.ingediend_op), "j F Y"),
        "Mogelijk slachtoffer",
        f"Inzage (PDF) {eerste.referentie} | Corrigeren in {eerste.referentie} | Verwijderen uit {eerste.referentie}",
    ]
    assert Toegangslog.objects.count() == voor + 1
    regel = Toegangslog.objects.latest("pk")
    assert (regel.actie, regel.gebruikersnaam, regel.signaal_ids) == (
        "betrokkene_gezocht",
        "fg.hoorn",
        sorted([wereld.hoorn_jan.pk, wereld.hoorn_jan_2.pk]),
    )
    assert regel.pad == "/fg/betrokkenen/"


def test_a_search_is_a_post_and_a_name_in_the_url_finds_nothing(client: Client, wereld: Wereld) -> None:
    client.force_login(wereld.fg_hoorn)

    antwoord = client.get(reverse(ZOEKEN), {"naam": "Jan Jansen", "geboortedatum": "1990-05-17"})

    assert antwoord.status_code == 200
    assert tabelrijen(antwoord.content.decode()) == []
    assert not Toegangslog.objects.filter(actie="betrokkene_gezocht").exists()


@pytest.mark.parametrize(
    ("gegevens", "melding"),
    [
        ({"naam": "Jan Jansen", "geboortedatum": ""}, "Vul de geboortedatum van de betrokkene in."),
        ({"naam": "Jan Jansen"}, "Vul de geboortedatum van de betrokkene in."),
        ({"naam": "Jan Jansen", "geboortedatum": "0001-01-01"}, BEREIK),
        ({"naam": "Jan Jansen", "geboortedatum": "9999-12-31"}, BEREIK),
        (
            {"naam": "Jan Jansen", "geboortedatum": "gisteren ☃ 17/5"},
            "Vul een geldige geboortedatum in, bijvoorbeeld 14-03-1990.",
        ),
        (
            {"naam": "Jan Jansen", "geboortedatum": "1990-02-30"},
            "Vul een geldige geboortedatum in, bijvoorbeeld 14-03-1990.",
        ),
        ({"naam": "", "geboortedatum": "1990-05-17"}, "Vul de naam van de betrokkene in."),
        (
            {"naam": "!!! ,, ??", "geboortedatum": "1990-05-17"},
            "Vul een naam in met letters, bijvoorbeeld Jan Jansen.",
        ),
        ({"naam": "Jan " * 60, "geboortedatum": "1990-05-17"}, "Een naam is hoogstens 200 tekens lang."),
    ],
)
def test_bad_input_gives_a_dutch_message_keeps_what_was_typed_and_searches_nothing(
    client: Client, wereld: Wereld, gegevens: dict[str, str], melding: str
) -> None:
    client.force_login(wereld.fg_hoorn)

    antwoord = client.post(reverse(ZOEKEN), gegevens)

    assert antwoord.status_code == 200
    html = antwoord.content.decode()
    assert _melding(melding) in html
    assert tabelrijen(html) == []
    if gegevens.get("naam"):
        assert f'value="{gegevens["naam"]}"' in html
    assert not Toegangslog.objects.filter(actie="betrokkene_gezocht").exists()


# Access.


def test_other_roles_get_403_on_the_search_and_404_on_a_persons_pages(client: Client, wereld: Wereld) -> None:
    jan = _jan(wereld.hoorn_jan)
    client.force_login(wereld.af_hoorn)

    assert client.get(reverse(ZOEKEN)).status_code == 403
    assert client.post(reverse(ZOEKEN), {"naam": "Jan Jansen", "geboortedatum": "1990-05-17"}).status_code == 403
    for naam in ("inzage", "corrigeren", "verwijderen"):
        assert client.get(reverse(f"gegevensbescherming:{naam}", args=[wereld.hoorn_jan.pk, jan.pk])).status_code == 404


def test_an_fg_of_another_regio_gets_404_changes_nothing_and_the_refusal_is_logged(
    client: Client, wereld: Wereld
) -> None:
    jan = _jan(wereld.hoorn_jan)
    client.force_login(wereld.fg_gooi)
    args = [wereld.hoorn_jan.pk, jan.pk]

    assert client.get(reverse("gegevensbescherming:inzage", args=args)).status_code == 404
    antwoord = client.post(reverse("gegevensbescherming:verwijderen", args=args), {"reden": fg.Reden.WISSING})

    assert antwoord.status_code == 404
    assert Betrokkene.objects.filter(pk=jan.pk).exists()
    assert list(
        Toegangslog.objects.filter(gebruikersnaam="fg.gooi")
        .order_by("pk")
        .values_list("actie", "resultaat", "signaal_ids")
    ) == [
        ("inzage_export", "geweigerd", [wereld.hoorn_jan.pk]),
        ("betrokkene_verwijderd", "geweigerd", [wereld.hoorn_jan.pk]),
    ]


def test_a_betrokkene_of_another_signal_cannot_be_reached_through_a_signal_of_the_fg(
    client: Client, wereld: Wereld
) -> None:
    """The signal in the URL must be the betrokkene's own: a Hilversum person via a Hoorn signal is a 404."""
    client.force_login(wereld.fg_hoorn)
    vreemde = _jan(wereld.hilversum_jan)

    antwoord = client.get(reverse("gegevensbescherming:corrigeren", args=[wereld.hoorn_jan.pk, vreemde.pk]))

    assert antwoord.status_code == 404


# Inzage.


def test_the_inzage_pdf_holds_the_persons_data_and_shares_and_no_other_betrokkene(
    client: Client, wereld: Wereld
) -> None:
    jan = _jan(wereld.hoorn_jan)
    client.force_login(wereld.fg_hoorn)

    antwoord = client.get(reverse("gegevensbescherming:inzage", args=[wereld.hoorn_jan.pk, jan.pk]))

    assert antwoord.status_code == 200
    assert antwoord["Content-Type"] == "application/pdf"
    assert antwoord["Content-Disposition"] == f'attachment; filename="inzage-{wereld.hoorn_jan.referentie}.pdf"'
    assert antwoord["Cache-Control"] == "private, no-store"
    tekst = _pdf_tekst(antwoord.content)
    for verwacht in (
        "Jan Jansen",
        "17 mei 1990",
        "Grote Noord 1, Hoorn",
        wereld.hoorn_jan.referentie,
        "Politie Noord-Holland",
    ):
        assert verwacht in tekst
    assert "Pietersen" not in tekst
    assert "3 februari 1975" not in tekst
    regel = Toegangslog.objects.latest("pk")
    assert (regel.actie, regel.resultaat, regel.signaal_ids) == ("inzage_export", "toegestaan", [wereld.hoorn_jan.pk])


def test_all_hits_as_one_pdf_cover_exactly_the_signals_found(client: Client, wereld: Wereld) -> None:
    client.force_login(wereld.fg_hoorn)

    antwoord = client.post(reverse(ZOEKEN), {"naam": "jansen, jan", "geboortedatum": "1990-05-17", "actie": "pdf"})

    assert antwoord.status_code == 200
    assert antwoord["Content-Type"] == "application/pdf"
    tekst = _pdf_tekst(antwoord.content)
    assert f"Signaal {wereld.hoorn_jan.referentie}" in tekst
    assert f"Signaal {wereld.hoorn_jan_2.referentie}" in tekst
    assert wereld.enkhuizen_jan.referentie not in tekst
    assert wereld.hoorn_ander.referentie not in tekst
    assert "Pietersen" not in tekst
    regel = Toegangslog.objects.latest("pk")
    assert (regel.actie, regel.signaal_ids) == (
        "inzage_export",
        sorted([wereld.hoorn_jan.pk, wereld.hoorn_jan_2.pk]),
    )


# Correcting and removing.


def _audit(betrokkene_pk: int) -> list[LogEntry]:
    soort = ContentType.objects.get_for_model(Betrokkene)
    return list(LogEntry.objects.filter(content_type=soort, object_pk=str(betrokkene_pk)).order_by("pk"))


def _correctie(betrokkene: Betrokkene, **wijzigingen: str) -> dict[str, str]:
    gegevens = {
        "rol": betrokkene.rol,
        "naam": betrokkene.naam,
        "geboortedatum": betrokkene.geboortedatum.isoformat() if betrokkene.geboortedatum else "",
        "nationaliteit": betrokkene.nationaliteit,
        "adres": betrokkene.adres,
        "telefoon": betrokkene.telefoon,
        "notities": betrokkene.notities,
        "reden": fg.Reden.RECTIFICATIE,
    }
    return gegevens | wijzigingen


def test_a_correction_changes_the_row_and_leaves_one_timeline_entry_one_masked_audit_row_and_one_log_row(
    client: Client, wereld: Wereld
) -> None:
    signaal = wereld.hoorn_jan
    jan = _jan(signaal)
    client.force_login(wereld.fg_hoorn)
    audit_voor, log_voor = len(_audit(jan.pk)), Toegangslog.objects.count()

    antwoord = client.post(
        reverse("gegevensbescherming:corrigeren", args=[signaal.pk, jan.pk]),
        _correctie(jan, naam="Jan Janssen", geboortedatum="1990-05-18"),
    )

    assert antwoord.status_code == 302
    assert antwoord["Location"] == reverse(ZOEKEN)
    jan.refresh_from_db()
    assert (jan.naam, jan.geboortedatum, jan.adres) == (
        "Jan Janssen",
        datetime.date(1990, 5, 18),
        "Grote Noord 1, Hoorn",
    )
    tijdlijn = list(StapRegistratie.objects.filter(signaal=signaal, actie=fg.GECORRIGEERD))
    assert len(tijdlijn) == 1
    assert tijdlijn[0].toelichting == (
        f"Mogelijk slachtoffer #{jan.pk}: naam, geboortedatum gecorrigeerd door de functionaris "
        "gegevensbescherming. Reden: Verzoek tot rectificatie (AVG art. 16)."
    )
    assert (tijdlijn[0].door, tijdlijn[0].van_status, tijdlijn[0].naar_status) == (
        wereld.fg_hoorn,
        "ontvangen",
        "ontvangen",
    )
    audit = _audit(jan.pk)[audit_voor:]
    assert len(audit) == 1
    assert audit[0].action == LogEntry.Action.UPDATE
    assert audit[0].actor == wereld.fg_hoorn
    assert audit[0].changes_dict == {"naam": ["********", "********"], "geboortedatum": ["********", "********"]}
    assert Toegangslog.objects.count() == log_voor + 1
    regel = Toegangslog.objects.latest("pk")
    assert (regel.actie, regel.resultaat, regel.gebruikersnaam, regel.signaal_ids) == (
        "betrokkene_gecorrigeerd",
        "toegestaan",
        "fg.hoorn",
        [signaal.pk],
    )


def test_a_correction_of_the_birth_date_moves_the_age_band_of_the_figures(client: Client, wereld: Wereld) -> None:
    signaal = wereld.hoorn_jan
    jan = _jan(signaal)
    client.force_login(wereld.fg_hoorn)
    # Born in 2015 the first possible victim is a child; 1990 made them 30-39 or so.
    client.post(
        reverse("gegevensbescherming:corrigeren", args=[signaal.pk, jan.pk]),
        _correctie(jan, geboortedatum="2015-01-01"),
    )

    assert Signaalfeiten.objects.get(signaal=signaal).leeftijd == "0-17"


@pytest.mark.parametrize(
    ("wijziging", "melding"),
    [
        ({"geboortedatum": "0001-01-01"}, BEREIK),
        ({"geboortedatum": "geen datum"}, "Vul een geldige geboortedatum in."),
        ({"reden": ""}, "Kies de reden van de correctie."),
        ({"reden": "wissing"}, "Kies een reden uit de lijst."),
        ({}, "Er is niets gewijzigd. Pas minstens één gegeven aan, of ga terug naar het zoeken."),
    ],
)
def test_a_refused_correction_says_why_in_dutch_and_writes_nothing(
    client: Client, wereld: Wereld, wijziging: dict[str, str], melding: str
) -> None:
    signaal = wereld.hoorn_jan
    jan = _jan(signaal)
    client.force_login(wereld.fg_hoorn)
    audit_voor = len(_audit(jan.pk))

    antwoord = client.post(
        reverse("gegevensbescherming:corrigeren", args=[signaal.pk, jan.pk]), _correctie(jan, **wijziging)
    )

    assert antwoord.status_code == 200
    assert _melding(melding) in antwoord.content.decode()
    jan.refresh_from_db()
    assert (jan.naam, jan.geboortedatum) == ("Jan Jansen", GEBOREN)
    assert not StapRegistratie.objects.filter(signaal=signaal, actie=fg.GECORRIGEERD).exists()
    assert len(_audit(jan.pk)) == audit_voor
    assert not Toegangslog.objects.filter(actie="betrokkene_gecorrigeerd").exists()


def test_a_removal_takes_only_that_betrokkene_and_leaves_one_timeline_entry_audit_row_and_log_row(
    client: Client, wereld: Wereld
) -> None:
    signaal = wereld.hoorn_jan
    jan = _jan(signaal)
    client.force_login(wereld.fg_hoorn)
    log_voor = Toegangslog.objects.count()

    antwoord = client.post(reverse("gegevensbescherming:verwijderen", args=[signaal.pk, jan.pk]), {"reden": "wissing"})

    assert antwoord.status_code == 302
    assert list(signaal.betrokkenen.values_list("naam", flat=True)) == ["Piet Pietersen"]
    tijdlijn = list(
        StapRegistratie.objects.filter(signaal=signaal, actie=fg.VERWIJDERD).values_list("toelichting", flat=True)
    )
    assert tijdlijn == [
        f"Mogelijk slachtoffer #{jan.pk} verwijderd door de functionaris gegevensbescherming. "
        "Reden: Verzoek tot wissing (AVG art. 17)."
    ]
    audit = _audit(jan.pk)
    assert audit[-1].action == LogEntry.Action.DELETE
    assert [entry.action for entry in audit].count(LogEntry.Action.DELETE) == 1
    assert audit[-1].changes_dict["naam"] == ["********", "None"]
    assert "Jansen" not in str(audit[-1].changes) + audit[-1].object_repr
    assert Toegangslog.objects.count() == log_voor + 1
    regel = Toegangslog.objects.latest("pk")
    assert (regel.actie, regel.signaal_ids) == ("betrokkene_verwijderd", [signaal.pk])
    assert _zoeken(client, wereld.fg_hoorn, "Jan Jansen") == [wereld.hoorn_jan_2.referentie]


def test_a_removal_without_a_reason_asks_for_one_and_removes_nothing(client: Client, wereld: Wereld) -> None:
    jan = _jan(wereld.hoorn_jan)
    client.force_login(wereld.fg_hoorn)

    antwoord = client.post(
        reverse("gegevensbescherming:verwijderen", args=[wereld.hoorn_jan.pk, jan.pk]), {"reden": ""}
    )

    assert antwoord.status_code == 200
    assert "Kies de reden van het verwijderen." in antwoord.content.decode()
    assert Betrokkene.objects.filter(pk=jan.pk).exists()
    assert not StapRegistratie.objects.filter(actie=fg.VERWIJDERD).exists()


def test_a_refused_removal_shows_the_betrokkene_again_and_logs_that_view(client: Client, wereld: Wereld) -> None:
    jan = _jan(wereld.hoorn_jan)
    client.force_login(wereld.fg_hoorn)
    log_voor = Toegangslog.objects.count()

    antwoord = client.post(
        reverse("gegevensbescherming:verwijderen", args=[wereld.hoorn_jan.pk, jan.pk]), {"reden": ""}
    )

    assert "Jan Jansen" in antwoord.content.decode()
    nieuw = list(Toegangslog.objects.order_by("pk").values_list("actie", "resultaat", "signaal_ids")[log_voor:])
    assert nieuw == [("betrokkene_bekeken", "toegestaan", [wereld.hoorn_jan.pk])]
