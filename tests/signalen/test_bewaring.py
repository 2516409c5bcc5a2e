"""Bewaartermijnen: a closed signal past its term leaves no personal data in any table and no file
in storage, the figures of the evaluation stay the same, and what is held or not yet due stays
exactly as it was. Time travels with time-machine; one test runs the job on a real Celery worker.
"""

import datetime
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import time_machine
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, connection, transaction
from django.db.models import Q
from django.test import Client, RequestFactory
from django.urls import reverse

from evaluatie import dashboard, selectors
from ketenpartners.models import Gebruiker, Organisatie, Regio, Rol
from ketenpartners.services import lidmaatschap_toevoegen
from meldroute import services
from meldroute.models import StapRegistratie
from mensenhandel.audit import MASKER
from mensenhandel.werkdagen import ZONE
from signalen import bewaring
from signalen.models import (
    Anonimisering,
    Betrokkene,
    Bewaartermijn,
    Signaal,
    Signaalfeiten,
    Toegangslog,
)
from signalen.models.toegangslog import over_signaal, querystrings_verwijderen
from signalen.services import tijdelijke_bijlage_bewaren
from signalen.tasks import bewaartermijnen_toepassen
from signalen.toegang import toegang_loggen
from signalen.workflow import Afloop, Status
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

# The person in the fixture: every one of these must be gone after the term, wherever it was.
NAAM = "Jozefien Oudkerk-Brakel"
GEBOORTEDATUM = datetime.date(1987, 3, 14)
ADRES = "Grote Oost 117, 1621 BX Hoorn"
TELEFOON = "06-41927735"
OMSCHRIJVING = "Jozefien slaapt in de kelder van de nagelstudio aan de Grote Oost en mag niet naar buiten."
BEDRIJF = "Nagelstudio Glansrijk"
KVK = "90817263"
# What the database search looks for: the name and its parts, the birth date in every form it is
# written in, the address, the phone number (also as bare digits) and the description.
ZOEKTERMEN = [
    NAAM,
    "Jozefien",
    "Oudkerk",
    "1987-03-14",
    "14-03-1987",
    "14-3-1987",
    "14/03/1987",
    "14 maart 1987",
    "19870314",
    "Grote Oost 117",
    "1621 BX",
    TELEFOON,
    "41927735",
    "kelder van de nagelstudio",
    BEDRIJF,
    KVK,
]
PDF = b"%PDF-1.4\n% paspoort van Jozefien Oudkerk-Brakel\n%%EOF\n"

GEMELD = datetime.datetime(2026, 3, 2, 10, 0, tzinfo=ZONE)  # a Monday
AFGESLOTEN = datetime.datetime(2026, 3, 16, 11, 0, tzinfo=ZONE)
# Teruglegging: a year after closing (the national default).
DAG_ERVOOR = datetime.datetime(2027, 3, 15, 23, 59, tzinfo=ZONE)
VERVALDAG = datetime.datetime(2027, 3, 16, 3, 15, tzinfo=ZONE)


@dataclass
class Wereld:
    westfriesland: Regio
    hoorn: Organisatie
    enkhuizen: Organisatie
    leeuwarden: Organisatie
    politie: Organisatie
    af_hoorn: Gebruiker
    melder: Gebruiker
    agent: Gebruiker
    fg: Gebruiker
    fg_fryslan: Gebruiker


@pytest.fixture
def opslag(settings: Any, tmp_path: Path) -> Path:
    """Attachments in a folder of this test alone, so "no file left" means exactly that."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path), "base_url": None},
        },
    }
    return tmp_path


@pytest.fixture
def wereld(opslag: Path) -> Wereld:
    hoorn = OrganisatieFactory(naam="Hoorn")
    enkhuizen = OrganisatieFactory(naam="Enkhuizen")
    leeuwarden = OrganisatieFactory(naam="Leeuwarden", regio=RegioFactory(naam="Fryslân"))
    politie = OrganisatieFactory(naam="Politie Noord-Holland", soort=Organisatie.Soort.POLITIE)
    # The FG both gemeenten of Westfriesland appointed: they serve the whole regio.
    fg = gebruiker_met_rol(hoorn, Rol.FG, username="fg.westfriesland", first_name="Fenna", last_name="Gerritsen")
    lidmaatschap_toevoegen(gebruiker=fg, organisatie=enkhuizen, rol=Rol.FG)
    return Wereld(
        westfriesland=Regio.objects.get(naam="Westfriesland"),
        hoorn=hoorn,
        enkhuizen=enkhuizen,
        leeuwarden=leeuwarden,
        politie=politie,
        af_hoorn=af(hoorn, username="af.hoorn"),
        melder=medewerker(hoorn, username="balie.hoorn"),
        agent=gebruiker_met_rol(politie, Rol.KETENPARTNER, username="agent"),
        fg=fg,
        fg_fryslan=gebruiker_met_rol(leeuwarden, Rol.FG, username="fg.leeuwarden"),
    )


def gelezen_met_zoektekst(signaal: Signaal, gebruiker: Gebruiker) -> Toegangslog:
    """A read of the signal whose address carries a name, as a view logs it."""
    request = RequestFactory().get(f"/meldroute/{signaal.pk}/", {"zoek": NAAM})
    request.user = gebruiker
    return toegang_loggen(request, actie=Toegangslog.Actie.DETAIL, signaal_ids=[signaal.pk])


def afgesloten_signaal(w: Wereld, *, afloop: str = Afloop.TERUGLEGGING, naam: str = NAAM) -> Signaal:
    """A signal about the fixture's person through the whole route, closed on AFGESLOTEN."""
    with time_machine.travel(GEMELD, tick=False):
        upload = tijdelijke_bijlage_bewaren(
            door=w.melder,
            upload=SimpleUploadedFile("paspoort-jozefien.pdf", PDF, content_type="application/pdf"),
        )
        signaal = signaal_melden(
            melder=w.melder,
            omschrijving=OMSCHRIJVING,
            betrokkenen=[
                {
                    "rol": "slachtoffer",
                    "naam": naam,
                    "geboortedatum": GEBOORTEDATUM,
                    "nationaliteit": "Roemeense",
                    "adres": ADRES,
                    "telefoon": TELEFOON,
                    "notities": f"{naam} werkt zeven dagen per week.",
                }
            ],
            locaties=[{"adres": ADRES, "bedrijfsnaam": BEDRIJF, "kvk_nummer": KVK, "omschrijving": OMSCHRIJVING}],
            tijdelijke_bijlagen=[upload],
        )
    with time_machine.travel(GEMELD + datetime.timedelta(hours=2), tick=False):
        naar_status(signaal, Status.ONTVANGEN, door=w.af_hoorn)
        services.verrijken(
            signaal_id=signaal.pk, door=w.af_hoorn, bron="brp", bevindingen=f"{naam} staat niet ingeschreven."
        )
        delen(signaal, door=w.af_hoorn, organisatie=w.politie, reden=f"Zorgen om {naam}.", met_betrokkenen=True)
        services.terugmelding_toevoegen(signaal_id=signaal.pk, door=w.agent, tekst=f"{naam} is gesproken.")
        gelezen_met_zoektekst(signaal, w.af_hoorn)
    with time_machine.travel(AFGESLOTEN - datetime.timedelta(hours=1), tick=False):
        services.geen_mensenhandel(
            signaal_id=signaal.pk,
            door=w.af_hoorn,
            onderbouwing=f"{naam} werkt vrijwillig.",
            doorverwijzing="Veilig Thuis",
            tekst="Dank voor uw melding; er bleek geen sprake van mensenhandel.",
            gegeven_op=AFGESLOTEN.date(),
        )
    with time_machine.travel(AFGESLOTEN, tick=False):
        services.afsluiten(signaal_id=signaal.pk, door=w.af_hoorn, afloop=afloop)
    signaal.refresh_from_db()
    return signaal


# What the database holds: every text and JSON column of every table, searched.


def _kolommen(soorten: tuple[str, ...]) -> list[tuple[str, str]]:
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT c.table_name, c.column_name FROM information_schema.columns c
            JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
            WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE' AND c.data_type = ANY(%s)
            ORDER BY c.table_name, c.column_name
            """,
            [list(soorten)],
        )
        return list(cursor.fetchall())


def vindplaatsen() -> dict[str, list[str]]:
    """Per search term, every table.column that holds it (text, JSON and date columns)."""
    gevonden: dict[str, list[str]] = {}
    with connection.cursor() as cursor:
        for tabel, kolom in _kolommen(("text", "character varying", "character", "json", "jsonb")):
            for term in ZOEKTERMEN:
                cursor.execute(
                    f'SELECT count(*) FROM "{tabel}" WHERE "{kolom}"::text ILIKE %s',  # noqa: S608
                    [f"%{term}%"],
                )
                if cursor.fetchone()[0]:
                    gevonden.setdefault(term, []).append(f"{tabel}.{kolom}")
        for tabel, kolom in _kolommen(("date",)):
            cursor.execute(f'SELECT count(*) FROM "{tabel}" WHERE "{kolom}" = %s', [GEBOORTEDATUM])  # noqa: S608
            if cursor.fetchone()[0]:
                gevonden.setdefault(str(GEBOORTEDATUM), []).append(f"{tabel}.{kolom}")
    return gevonden


def databasestand() -> dict[str, str]:
    """A checksum of every table's full contents."""
    stand = {}
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT table_name FROM information_schema.tables "
            "WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'"
        )
        for (tabel,) in cursor.fetchall():
            cursor.execute(
                f"SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) FROM \"{tabel}\" t"  # noqa: S608
            )
            stand[tabel] = cursor.fetchone()[0]
    return stand


def bestanden(opslag: Path) -> list[str]:
    return sorted(str(p.relative_to(opslag)) for p in opslag.rglob("*") if p.is_file())


def cijfers(w: Wereld) -> tuple[Any, ...]:
    """Everything the evaluation computes for Westfriesland over 2026: the whole dashboard and the
    monitoring rows."""
    gemeenten = [w.enkhuizen, w.hoorn]
    periode = selectors.Periode(datetime.date(2026, 1, 1), datetime.date(2026, 12, 31))
    ids = [g.pk for g in gemeenten]
    return (
        dashboard.opbouwen(gemeenten, periode, per="maand"),
        dashboard.opbouwen(gemeenten, periode, per="kwartaal"),
        selectors.monitoringsregels(ids, periode),
    )


def signaalstand(signaal: Signaal) -> dict[str, Any]:
    """Everything of one signal and about it, to show it did not change."""
    types = ContentType.objects.get_for_models(Signaal, Betrokkene)
    over_het_signaal = Q(content_type=types[Signaal], object_pk=str(signaal.pk)) | Q(
        content_type=types[Betrokkene],
        object_pk__in=[str(pk) for pk in signaal.betrokkenen.values_list("pk", flat=True)],
    )
    return {
        "signaal": Signaal.objects.filter(pk=signaal.pk).values().get(),
        "betrokkenen": list(signaal.betrokkenen.values()),
        "locaties": list(signaal.locaties.values()),
        "bijlagen": [
            (b.naam, b.bestand.name, default_storage.open(b.bestand.name).read()) for b in signaal.bijlagen.all()
        ],
        "registraties": list(StapRegistratie.objects.filter(signaal=signaal).values()),
        "terugmeldingen": list(signaal.terugmeldingen.values()),
        "delingen": list(signaal.delingen.values()),
        "toegangslog": list(over_signaal(signaal.pk).values()),
        "auditlog": list(LogEntry.objects.filter(over_het_signaal).order_by("pk").values()),
        "feiten": Signaalfeiten.objects.filter(signaal=signaal).values().get(),
    }


# The tests.


@pytest.mark.django_db
def test_a_signal_past_its_term_leaves_no_personal_data_in_any_table_and_no_file(
    wereld: Wereld, opslag: Path, django_capture_on_commit_callbacks: Any
) -> None:
    signaal = afgesloten_signaal(wereld)
    bijlage = signaal.bijlagen.get().bestand.name
    voor = cijfers(wereld)
    # The search works: before the term the person is in the signal's own tables and the access log.
    gevonden = vindplaatsen()
    assert gevonden["Jozefien"] == [
        "meldroute_conclusie.onderbouwing",
        "meldroute_deling.reden",
        "meldroute_stapregistratie.toelichting",
        "meldroute_terugmelding.tekst",
        "meldroute_verrijking.bevindingen",
        "signalen_betrokkene.naam",
        "signalen_betrokkene.notities",
        "signalen_bijlage.naam",
        "signalen_locatie.omschrijving",
        "signalen_oorspronkelijkemelding.gegevens",
        "signalen_signaal.omschrijving",
        "signalen_toegangslog.pad",
    ]
    assert gevonden[str(GEBOORTEDATUM)] == [
        "signalen_oorspronkelijkemelding.gegevens",
        "signalen_betrokkene.geboortedatum",
    ]
    assert bestanden(opslag) == [bijlage]

    with time_machine.travel(VERVALDAG, tick=False), django_capture_on_commit_callbacks(execute=True):
        assert bewaring.verlopen_anonimiseren() == 1

    assert vindplaatsen() == {}
    assert bestanden(opslag) == []
    assert cijfers(wereld) == voor
    assert not Signaal.objects.filter(pk=signaal.pk).exists()
    anonimisering = Anonimisering.objects.get()
    assert (
        anonimisering.referentie,
        anonimisering.signaal_pk,
        anonimisering.gemeente,
        anonimisering.afloop,
        anonimisering.afgesloten_op,
        anonimisering.bewaartermijn_maanden,
        anonimisering.vervaldatum,
        anonimisering.bestanden,
    ) == (
        signaal.referentie,
        signaal.pk,
        wereld.hoorn,
        Afloop.TERUGLEGGING,
        datetime.date(2026, 3, 16),
        12,
        datetime.date(2027, 3, 16),
        [],
    )
    assert anonimisering.aantallen == {
        "signalen.Signaal": 1,
        "signalen.Betrokkene": 1,
        "signalen.Locatie": 1,
        "signalen.Matchsleutel": 7,
        "signalen.Bijlage": 1,
        "signalen.OorspronkelijkeMelding": 1,
        "signalen.Notificatie": 5,
        "signalen.SignaalGroupObjectPermission": 2,
        "meldroute.StapRegistratie": 7,
        "meldroute.Verrijking": 1,
        "meldroute.Conclusie": 1,
        "meldroute.Terugkoppeling": 1,
        "meldroute.Afsluiting": 1,
        "meldroute.Deling": 1,
        "meldroute.Terugmelding": 1,
        "bestanden": 1,
        "auditlog": 27,
        "toegangslog": 1,
    }
    # Of the audit log the who, when and what kind stay, under the reference number, without values.
    regels = LogEntry.objects.filter(object_repr=signaal.referentie).order_by("pk")
    assert regels.count() == 28
    assert {tuple(waarden) for r in regels for waarden in r.changes.values()} == {(MASKER, MASKER)}
    assert regels.filter(additional_data__isnull=False).count() == 1
    verwijderd = regels.last()
    assert (verwijderd.action, verwijderd.actor, verwijderd.additional_data) == (
        LogEntry.Action.DELETE,
        None,
        {
            "beschrijving": "Verwijderd na de bewaartermijn",
            "reden": "bewaartermijn verstreken",
            "afloop": "teruglegging",
        },
    )
    # Of the access log who read it and when stay; the address keeps its path, not what was typed.
    assert list(over_signaal(signaal.pk).values_list("gebruikersnaam", "pad")) == [
        ("af.hoorn", f"/meldroute/{signaal.pk}/")
    ]


@pytest.mark.django_db
def test_the_day_before_its_term_ends_a_signal_is_untouched(wereld: Wereld) -> None:
    signaal = afgesloten_signaal(wereld)
    voor = signaalstand(signaal)
    with time_machine.travel(DAG_ERVOOR, tick=False):
        assert bewaring.te_verwijderen(tot=DAG_ERVOOR.date()) == []
        assert bewaring.verlopen_anonimiseren() == 0
        assert bewaring.anonimiseren(signaal_id=signaal.pk) is None
    assert signaalstand(signaal) == voor
    assert not Anonimisering.objects.exists()


@pytest.mark.django_db
def test_an_open_or_reopened_signal_is_never_due(wereld: Wereld) -> None:
    signaal = afgesloten_signaal(wereld)
    with time_machine.travel(AFGESLOTEN + datetime.timedelta(days=30), tick=False):
        services.heropenen(signaal_id=signaal.pk, door=wereld.af_hoorn, reden="Nieuwe informatie ontvangen.")
    signaal.refresh_from_db()
    voor = signaalstand(signaal)
    with time_machine.travel(VERVALDAG + datetime.timedelta(days=400), tick=False):
        assert bewaring.verlopen_anonimiseren() == 0
    assert signaalstand(signaal) == voor


@pytest.mark.django_db
def test_a_signal_on_hold_is_untouched_and_is_removed_once_the_hold_is_lifted(
    wereld: Wereld, opslag: Path, django_capture_on_commit_callbacks: Any
) -> None:
    bewaard = afgesloten_signaal(wereld)
    ander = afgesloten_signaal(wereld, naam="Marieke Zandvoort")
    bewaring.bewaren(
        door=wereld.fg, referentie=bewaard.referentie.lower(), reden="Strafzaak, parketnummer 15/123456-26"
    )
    voor = signaalstand(bewaard)

    with time_machine.travel(VERVALDAG, tick=False), django_capture_on_commit_callbacks(execute=True):
        assert [v.signaal for v in bewaring.te_verwijderen(tot=VERVALDAG.date())] == [ander]
        assert bewaring.verlopen_anonimiseren() == 1
    assert signaalstand(bewaard) == voor
    assert list(Anonimisering.objects.values_list("referentie", flat=True)) == [ander.referentie]
    assert bestanden(opslag) == [bewaard.bijlagen.get().bestand.name]

    with time_machine.travel(VERVALDAG + datetime.timedelta(days=200), tick=False):
        bewaring.bewaring_opheffen(door=wereld.fg, referentie=bewaard.referentie, reden="Uitspraak onherroepelijk.")
    with (
        time_machine.travel(VERVALDAG + datetime.timedelta(days=201), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        assert bewaring.verlopen_anonimiseren() == 1
    assert not Signaal.objects.exists()
    assert bestanden(opslag) == []
    assert vindplaatsen() == {}


@pytest.mark.django_db
def test_holding_and_lifting_are_in_the_audit_log_by_whom_with_the_reason_masked(wereld: Wereld) -> None:
    signaal = afgesloten_signaal(wereld)
    bewaring.bewaren(door=wereld.fg, referentie=signaal.referentie, reden="Strafzaak, parketnummer 15/123456-26")
    bewaring.bewaring_opheffen(door=wereld.fg, referentie=signaal.referentie, reden="Uitspraak onherroepelijk.")
    regels = LogEntry.objects.filter(object_repr=signaal.referentie, action=LogEntry.Action.UPDATE).order_by("-pk")
    assert [(r.actor, r.additional_data["beschrijving"], r.changes) for r in regels[:2]] == [
        (
            wereld.fg,
            "Bewaring wegens lopende procedure opgeheven",
            {"bewaren wegens lopende procedure": ["ja", "nee"], "reden van opheffen": [MASKER, MASKER]},
        ),
        (
            wereld.fg,
            "Bewaren wegens lopende procedure",
            {"bewaren wegens lopende procedure": ["nee", "ja"], "reden": [MASKER, MASKER]},
        ),
    ]
    bewaring_rij = signaal.procedurebewaringen.get()
    assert (bewaring_rij.gezet_door, bewaring_rij.opgeheven_door, bewaring_rij.opheffen_reden) == (
        wereld.fg,
        wereld.fg,
        "Uitspraak onherroepelijk.",
    )


@pytest.mark.django_db
def test_only_an_fg_of_the_signals_gemeenten_can_hold_it_and_only_once(wereld: Wereld) -> None:
    signaal = afgesloten_signaal(wereld)
    onbekend = (
        "Er is geen signaal met dit referentienummer in de gemeenten waarvoor u functionaris "
        "gegevensbescherming bent. Controleer het nummer, bijvoorbeeld MH-2026-00042."
    )
    for referentie in (signaal.referentie, "MH-2099-99999"):
        with pytest.raises(ValidationError) as fout:
            bewaring.bewaren(door=wereld.fg_fryslan, referentie=referentie, reden="Strafzaak.")
        assert fout.value.message_dict == {"referentie": [onbekend]}
    with pytest.raises(PermissionDenied):
        bewaring.bewaren(door=wereld.af_hoorn, referentie=signaal.referentie, reden="Strafzaak.")
    bewaring.bewaren(door=wereld.fg, referentie=signaal.referentie, reden="Strafzaak.")
    with pytest.raises(ValidationError) as fout:
        bewaring.bewaren(door=wereld.fg, referentie=signaal.referentie, reden="Nog een strafzaak.")
    assert fout.value.message_dict == {"referentie": ["Dit signaal wordt al bewaard wegens een lopende procedure."]}
    assert signaal.procedurebewaringen.count() == 1


@pytest.mark.django_db
def test_the_fg_serves_the_gemeenten_that_appointed_them_and_sets_terms_only_for_a_whole_regio(
    wereld: Wereld,
) -> None:
    alleen_hoorn = gebruiker_met_rol(wereld.hoorn, Rol.FG, username="fg.hoorn")

    assert list(bewaring.fg_gemeenten(wereld.fg)) == [wereld.enkhuizen, wereld.hoorn]
    assert list(bewaring.fg_regios(wereld.fg)) == [wereld.westfriesland]
    assert list(bewaring.fg_gemeenten(alleen_hoorn)) == [wereld.hoorn]
    assert list(bewaring.fg_regios(alleen_hoorn)) == []
    assert list(bewaring.fg_gemeenten(wereld.fg_fryslan)) == [wereld.leeuwarden]
    assert list(bewaring.fg_gemeenten(wereld.af_hoorn)) == []
    with pytest.raises(PermissionDenied):
        bewaring.termijnen_instellen(
            door=alleen_hoorn, regio_id=wereld.westfriesland.pk, maanden={Afloop.TERUGLEGGING: 18}
        )


@pytest.mark.django_db
def test_the_term_the_fg_sets_for_the_regio_counts_from_closing(wereld: Wereld) -> None:
    signaal = afgesloten_signaal(wereld)
    assert (
        bewaring.termijnen_instellen(
            door=wereld.fg, regio_id=wereld.westfriesland.pk, maanden={Afloop.TERUGLEGGING: 18}
        )
        == 1
    )
    with time_machine.travel(VERVALDAG, tick=False):
        assert bewaring.verlopen_anonimiseren() == 0
    assert [v.vervaldatum for v in bewaring.te_verwijderen(tot=datetime.date(2027, 12, 31))] == [
        datetime.date(2027, 9, 16)
    ]
    regel = LogEntry.objects.get(content_type=ContentType.objects.get_for_model(Bewaartermijn))
    assert (regel.actor, regel.object_repr, regel.changes) == (
        wereld.fg,
        "Bewaartermijn Westfriesland – Teruglegging",
        {"maanden": ["None", "18"]},
    )
    # Empty again: back to the national default of a year.
    assert (
        bewaring.termijnen_instellen(
            door=wereld.fg, regio_id=wereld.westfriesland.pk, maanden={Afloop.TERUGLEGGING: None}
        )
        == 1
    )
    with time_machine.travel(VERVALDAG, tick=False):
        assert [v.signaal for v in bewaring.te_verwijderen(tot=VERVALDAG.date())] == [signaal]


@pytest.mark.django_db
def test_a_term_outside_one_month_to_ten_years_or_of_another_regio_is_refused(wereld: Wereld) -> None:
    for maanden in (0, 121):
        with pytest.raises(ValidationError) as fout:
            bewaring.termijnen_instellen(
                door=wereld.fg, regio_id=wereld.westfriesland.pk, maanden={Afloop.ZORGTRAJECT: maanden}
            )
        assert fout.value.message_dict == {"zorgtraject": ["Vul een termijn in van 1 tot en met 120 maanden."]}
    with pytest.raises(PermissionDenied):
        bewaring.termijnen_instellen(
            door=wereld.fg_fryslan, regio_id=wereld.westfriesland.pk, maanden={Afloop.ZORGTRAJECT: 6}
        )
    assert not Bewaartermijn.objects.exists()


@pytest.mark.parametrize(
    ("dag", "maanden", "verwacht"),
    [
        (datetime.date(2026, 3, 16), 12, datetime.date(2027, 3, 16)),
        (datetime.date(2026, 1, 31), 1, datetime.date(2026, 2, 28)),
        (datetime.date(2024, 2, 29), 12, datetime.date(2025, 2, 28)),
        (datetime.date(2026, 11, 30), 3, datetime.date(2027, 2, 28)),
        (datetime.date(2027, 3, 16), -12, datetime.date(2026, 3, 16)),
    ],
)
def test_a_term_in_months_ends_on_the_same_day_or_the_last_day_of_a_shorter_month(
    dag: datetime.date, maanden: int, verwacht: datetime.date
) -> None:
    assert bewaring.maanden_later(dag, maanden) == verwacht


@pytest.mark.django_db
def test_running_the_job_twice_changes_nothing_the_second_time(
    wereld: Wereld, django_capture_on_commit_callbacks: Any
) -> None:
    afgesloten_signaal(wereld)
    with time_machine.travel(VERVALDAG, tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            assert bewaring.verlopen_anonimiseren() == 1
        stand = databasestand()
        with django_capture_on_commit_callbacks(execute=True):
            assert bewaring.verlopen_anonimiseren() == 0
        assert databasestand() == stand


@pytest.mark.django_db
def test_a_run_that_fails_halfway_leaves_the_signal_as_it_was_and_the_next_run_finishes(
    wereld: Wereld, opslag: Path, django_capture_on_commit_callbacks: Any, caplog: pytest.LogCaptureFixture
) -> None:
    signaal = afgesloten_signaal(wereld)
    voor = signaalstand(signaal)
    # The database refuses the record of the removal, the last write of the transaction: as if
    # the worker died just before its commit.
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE FUNCTION test_weigeren() RETURNS trigger LANGUAGE plpgsql AS "
            "$$ BEGIN RAISE EXCEPTION 'weggevallen'; END $$"
        )
        cursor.execute(
            "CREATE TRIGGER test_weigeren BEFORE INSERT ON signalen_anonimisering "
            "FOR EACH ROW EXECUTE FUNCTION test_weigeren()"
        )
    with time_machine.travel(VERVALDAG, tick=False), django_capture_on_commit_callbacks(execute=True):
        assert bewaring.verlopen_anonimiseren() == 0
    assert signaalstand(signaal) == voor
    assert bestanden(opslag) == [signaal.bijlagen.get().bestand.name]
    assert [r.getMessage() for r in caplog.records if r.name == "signalen.bewaring.verwijderen"] == [
        f"Signaal {signaal.pk} niet geanonimiseerd (InternalError); de volgende ronde probeert het opnieuw"
    ]

    with connection.cursor() as cursor:
        cursor.execute("DROP TRIGGER test_weigeren ON signalen_anonimisering")
    with (
        time_machine.travel(VERVALDAG + datetime.timedelta(days=1), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        assert bewaring.verlopen_anonimiseren() == 1
    assert bestanden(opslag) == []
    assert vindplaatsen() == {}


@pytest.mark.django_db
def test_files_a_run_left_after_its_commit_are_removed_by_the_next_run(wereld: Wereld, opslag: Path) -> None:
    signaal = afgesloten_signaal(wereld)
    naam = signaal.bijlagen.get().bestand.name
    # Committed, but the worker stopped before the files went: the record keeps their names.
    with time_machine.travel(VERVALDAG, tick=False):
        assert bewaring.verlopen_anonimiseren() == 1
    anonimisering = Anonimisering.objects.get()
    assert (anonimisering.bestanden, anonimisering.bestanden_verwijderd_op) == ([naam], None)
    assert bestanden(opslag) == [naam]

    with time_machine.travel(VERVALDAG + datetime.timedelta(days=1), tick=False):
        assert bewaring.verlopen_anonimiseren() == 0
    anonimisering.refresh_from_db()
    assert (anonimisering.bestanden, anonimisering.bestanden_verwijderd_op) == (
        [],
        VERVALDAG + datetime.timedelta(days=1),
    )
    assert bestanden(opslag) == []


def geweigerd(sql: str, melding: str, parameters: tuple[object, ...] = ()) -> None:
    with pytest.raises(IntegrityError, match=re.escape(melding)), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, parameters)


@pytest.mark.django_db
def test_outside_retention_the_database_refuses_to_remove_a_signal_or_change_the_logs(wereld: Wereld) -> None:
    signaal = afgesloten_signaal(wereld)
    niet_verwijderen = "Een signaal wordt niet verwijderd; na de bewaartermijn verwijdert signalen.bewaring het."
    with pytest.raises(ValueError, match=re.escape(niet_verwijderen)):
        signaal.delete()
    with pytest.raises(ValueError, match=re.escape(niet_verwijderen)):
        Signaal.objects.filter(pk=signaal.pk).delete()
    # Past the ORM, in SQL: the database itself says no.
    geweigerd("DELETE FROM signalen_signaal WHERE id = %s", niet_verwijderen, (signaal.pk,))
    toegangslog = "Het toegangslog is alleen aan te vullen, niet te wijzigen."
    geweigerd("UPDATE signalen_toegangslog SET pad = '/'", toegangslog)
    geweigerd("DELETE FROM signalen_toegangslog", toegangslog)
    auditlog = "Het auditlog is alleen aan te vullen, niet te wijzigen."
    geweigerd("UPDATE auditlog_logentry SET changes_text = 'anders'", auditlog)
    geweigerd("DELETE FROM auditlog_logentry", auditlog)
    with pytest.raises(IntegrityError, match=re.escape(toegangslog)), transaction.atomic():
        querystrings_verwijderen(over_signaal(signaal.pk))
    assert Signaal.objects.filter(pk=signaal.pk).exists()
    assert over_signaal(signaal.pk).get().pad == f"/meldroute/{signaal.pk}/?zoek=Jozefien+Oudkerk-Brakel"

    # A user who is removed leaves the rows of both logs, without the link.
    vertrokken = gebruiker_met_rol(wereld.hoorn, Rol.FG, username="oud.fg")
    gelezen_met_zoektekst(signaal, vertrokken)
    bewaring.bewaren(door=vertrokken, referentie=signaal.referentie, reden="Strafzaak.")
    bewaring.bewaring_opheffen(door=vertrokken, referentie=signaal.referentie, reden="Klaar.")
    signaal.procedurebewaringen.all().delete()
    regels = list(LogEntry.objects.filter(actor=vertrokken).values_list("pk", flat=True))
    assert len(regels) == 2
    vertrokken.delete()
    assert list(Toegangslog.objects.filter(gebruikersnaam="oud.fg").values_list("gebruiker", flat=True)) == [None]
    assert list(LogEntry.objects.filter(pk__in=regels).values_list("actor", flat=True)) == [None, None]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_daily_job_on_a_real_worker_removes_what_is_past_its_term(
    worker: Any, wereld: Wereld, opslag: Path
) -> None:
    signaal = afgesloten_signaal(wereld)
    voor = cijfers(wereld)
    with time_machine.travel(VERVALDAG, tick=False):
        assert bewaartermijnen_toepassen.delay().get(timeout=60) == 1
    assert not Signaal.objects.filter(pk=signaal.pk).exists()
    assert Anonimisering.objects.get().referentie == signaal.referentie
    assert bestanden(opslag) == []
    assert vindplaatsen() == {}
    assert cijfers(wereld) == voor


# The FG's pages.


def sectie(html: str, kop: str) -> str:
    """The HTML of one section of the overview, from its heading to the next."""
    _, _, rest = html.partition(f'id="{kop}"')
    return rest.split("<section", 1)[0]


def pagina(client: Client, gebruiker: Gebruiker, naam: str, **parameters: str) -> str:
    client.force_login(gebruiker)
    antwoord = client.get(reverse(naam), parameters)
    assert antwoord.status_code == 200
    return antwoord.content.decode()


@pytest.mark.django_db
def test_the_fg_sees_what_falls_due_what_is_held_and_what_was_removed_in_their_gemeenten_only(
    client: Client, wereld: Wereld, django_capture_on_commit_callbacks: Any
) -> None:
    verwijderd = afgesloten_signaal(wereld)
    with time_machine.travel(VERVALDAG, tick=False), django_capture_on_commit_callbacks(execute=True):
        assert bewaring.verlopen_anonimiseren() == 1
    te_verwijderen = afgesloten_signaal(wereld)
    bewaard = afgesloten_signaal(wereld, afloop=Afloop.STRAFRECHTELIJK)
    with time_machine.travel(datetime.datetime(2026, 4, 1, 10, 0, tzinfo=ZONE), tick=False):
        bewaring.bewaren(door=wereld.fg, referentie=bewaard.referentie, reden="Strafzaak, parketnummer 15/123456-26")
    melder_leeuwarden = medewerker(wereld.leeuwarden, username="balie.leeuwarden")
    elders = signaal_melden(melder=melder_leeuwarden)

    # On 1 February 2027 the list looks 90 days ahead: to 2 May 2027.
    with time_machine.travel(datetime.datetime(2027, 2, 1, 9, 0, tzinfo=ZONE), tick=False):
        html = pagina(client, wereld.fg, "signalen:bewaring")
    assert tabelrijen(sectie(html, "kop-termijnen")) == [
        ["Zorgtraject", "2 jaar", "landelijke standaard"],
        ["Strafrechtelijk traject", "5 jaar", "landelijke standaard"],
        ["RIEC-weging / bestuurlijke aanpak", "3 jaar", "landelijke standaard"],
        ["Procesregie Zorg- en Veiligheidshuis", "2 jaar", "landelijke standaard"],
        ["Teruglegging", "1 jaar", "landelijke standaard"],
    ]
    assert "Te verwijderen tot en met 2 mei 2027" in html
    assert tabelrijen(sectie(html, "kop-te-verwijderen")) == [
        [
            te_verwijderen.referentie,
            "Hoorn",
            "Teruglegging",
            "16 maart 2026",
            "1 jaar",
            "16 maart 2027",
            f"Bewaren {te_verwijderen.referentie} wegens lopende procedure",
        ]
    ]
    assert tabelrijen(sectie(html, "kop-bewaard")) == [
        [
            bewaard.referentie,
            "Hoorn",
            "16 maart 2031",
            "1 april 2026",
            "Fenna Gerritsen",
            "Strafzaak, parketnummer 15/123456-26",
            f"Opheffen voor {bewaard.referentie}",
        ]
    ]

    with time_machine.travel(datetime.datetime(2027, 2, 1, 9, 0, tzinfo=ZONE), tick=False):
        html = pagina(client, wereld.fg, "signalen:bewaring_verwijderd")
    assert tabelrijen(html) == [
        [
            verwijderd.referentie,
            "Hoorn",
            "Teruglegging",
            "16 maart 2026",
            "16 maart 2027",
            "16 maart 2027 03:15",
            " | ".join(
                [
                    "1 signaal",
                    "1 afsluiting",
                    "1 betrokkene",
                    "1 bijlage",
                    "1 conclusie geen mensenhandel",
                    "1 deling",
                    "5 e-mailberichten",
                    "1 locatie of organisatie",
                    "7 matchsleutels",
                    "2 objectrechten van groepen op signalen",
                    "1 oorspronkelijke melding",
                    "7 stapregistraties",
                    "1 terugkoppeling",
                    "1 terugmelding",
                    "1 verrijking",
                    "1 bestand",
                    "27 regels in het auditlog geschoond",
                    "1 regel in het toegangslog ingekort",
                ]
            ),
        ]
    ]

    # The FG of Fryslân sees none of it, only Leeuwarden (where nothing is due or held).
    with time_machine.travel(datetime.datetime(2027, 2, 1, 9, 0, tzinfo=ZONE), tick=False):
        html = pagina(client, wereld.fg_fryslan, "signalen:bewaring")
        assert tabelrijen(pagina(client, wereld.fg_fryslan, "signalen:bewaring_verwijderd")) == []
    for referentie in (verwijderd.referentie, te_verwijderen.referentie, bewaard.referentie, elders.referentie):
        assert referentie not in html
    assert "Tot en met 2 mei 2027 verstrijkt van geen enkel signaal in uw gemeenten de bewaartermijn." in html
    assert "Er wordt geen signaal in uw gemeenten bewaard wegens een lopende procedure." in html


@pytest.mark.django_db
def test_after_removal_nobody_sees_the_signal_but_the_fg_in_the_list_of_removals(
    client: Client, wereld: Wereld, django_capture_on_commit_callbacks: Any
) -> None:
    signaal = afgesloten_signaal(wereld)
    with time_machine.travel(VERVALDAG, tick=False), django_capture_on_commit_callbacks(execute=True):
        assert bewaring.verlopen_anonimiseren() == 1
        client.force_login(wereld.af_hoorn)
        assert client.get(reverse("meldroute:detail", args=[signaal.pk])).status_code == 404
        assert signaal.referentie not in pagina(client, wereld.af_hoorn, "meldroute:werkbak", ook_afgesloten="on")
        assert signaal.referentie not in pagina(client, wereld.melder, "meldroute:mijn_signalen")
        client.force_login(wereld.agent)
        assert client.get(reverse("meldroute:gedeeld_detail", args=[signaal.pk])).status_code == 404
        assert signaal.referentie in pagina(client, wereld.fg, "signalen:bewaring_verwijderd")


@pytest.mark.django_db
def test_the_fg_sets_the_regios_terms_and_a_wrong_value_names_the_field_and_keeps_what_was_typed(
    client: Client, wereld: Wereld
) -> None:
    client.force_login(wereld.fg)
    regio = wereld.westfriesland.pk
    fryslan = wereld.leeuwarden.regios.get().pk
    antwoord = client.post(
        reverse("signalen:bewaartermijnen"),
        {"regio": regio, f"regio-{regio}-teruglegging": "0", f"regio-{regio}-zorgtraject": "30"},
    )
    assert antwoord.status_code == 200
    assert [(f["label"], f["melding"]) for f in antwoord.context["fouten"]] == [
        ("Teruglegging (maanden)", "Vul minstens 1 maand in.")
    ]
    assert f'name="regio-{regio}-zorgtraject" value="30"' in antwoord.content.decode()
    antwoord = client.post(
        reverse("signalen:bewaartermijnen"), {"regio": fryslan, f"regio-{fryslan}-teruglegging": "6"}
    )
    assert antwoord.status_code == 200
    assert antwoord.context["fouten"] == [
        {
            "id": "formulier",
            "label": "Regio",
            "melding": "Kies een regio waarvoor u functionaris gegevensbescherming bent.",
        }
    ]
    assert not Bewaartermijn.objects.exists()

    antwoord = client.post(
        reverse("signalen:bewaartermijnen"),
        {"regio": regio, f"regio-{regio}-teruglegging": "18", f"regio-{regio}-zorgtraject": ""},
        follow=True,
    )
    assert antwoord.redirect_chain == [(reverse("signalen:bewaring"), 302)]
    assert [str(m) for m in antwoord.context["messages"]] == [
        "De bewaartermijnen van regio Westfriesland zijn opgeslagen (1 gewijzigd). In deze regio is de termijn van "
        "0 signalen nu verstreken; de eerstvolgende dagelijkse ronde verwijdert ze, behalve wat u bewaart wegens "
        "een lopende procedure."
    ]
    assert tabelrijen(sectie(antwoord.content.decode(), "kop-termijnen"))[4] == [
        "Teruglegging",
        "18 maanden",
        "voor de regio",
    ]
    assert list(Bewaartermijn.objects.values_list("regio__naam", "afloop", "maanden", "gewijzigd_door")) == [
        ("Westfriesland", "teruglegging", 18, wereld.fg.pk)
    ]
    # The form shows the regio's own term, and leaves the others empty (the national default).
    html = pagina(client, wereld.fg, "signalen:bewaartermijnen")
    assert f'name="regio-{regio}-teruglegging" value="18"' in html
    assert f'name="regio-{regio}-zorgtraject" class=' in html


@pytest.mark.django_db
def test_holding_by_reference_refuses_an_unknown_or_foreign_one_alike_and_lifting_needs_a_reason(
    client: Client, wereld: Wereld
) -> None:
    signaal = afgesloten_signaal(wereld)
    melder_leeuwarden = medewerker(wereld.leeuwarden, username="balie.leeuwarden")
    elders = signaal_melden(melder=melder_leeuwarden)
    client.force_login(wereld.fg)
    onbekend = (
        "Er is geen signaal met dit referentienummer in de gemeenten waarvoor u functionaris "
        "gegevensbescherming bent. Controleer het nummer, bijvoorbeeld MH-2026-00042."
    )
    for referentie in (elders.referentie, "MH-2099-99999"):
        antwoord = client.post(reverse("signalen:bewaren"), {"referentie": referentie, "reden": "Strafzaak."})
        assert antwoord.status_code == 200
        assert [(f["label"], f["melding"]) for f in antwoord.context["fouten"]] == [("Referentienummer", onbekend)]
        assert "Strafzaak." in antwoord.content.decode()
    antwoord = client.post(reverse("signalen:bewaren"), {"referentie": signaal.referentie, "reden": "  "})
    assert [(f["label"], f["melding"]) for f in antwoord.context["fouten"]] == [("Reden", "Vul de reden in.")]
    antwoord = client.post(reverse("signalen:bewaren"), {"referentie": signaal.referentie, "reden": "x" * 301})
    assert [(f["label"], f["melding"]) for f in antwoord.context["fouten"]] == [
        ("Reden", "Gebruik hoogstens 300 tekens.")
    ]
    assert not elders.procedurebewaringen.exists()
    assert not signaal.procedurebewaringen.exists()

    # From the list of what falls due the reference is filled in already.
    html = pagina(client, wereld.fg, "signalen:bewaren", referentie=signaal.referentie)
    assert f'name="referentie" value="{signaal.referentie}"' in html
    antwoord = client.post(
        reverse("signalen:bewaren"), {"referentie": signaal.referentie, "reden": "Strafzaak."}, follow=True
    )
    assert [str(m) for m in antwoord.context["messages"]] == [
        f"Signaal {signaal.referentie} wordt bewaard wegens een lopende procedure, ook na de bewaartermijn."
    ]
    assert signaal.procedurebewaringen.get().reden == "Strafzaak."

    antwoord = client.post(reverse("signalen:bewaren_opheffen"), {"referentie": signaal.referentie, "reden": ""})
    assert [(f["label"], f["melding"]) for f in antwoord.context["fouten"]] == [
        ("Reden van opheffen", "Vul de reden van opheffen in.")
    ]
    antwoord = client.post(
        reverse("signalen:bewaren_opheffen"),
        {"referentie": signaal.referentie, "reden": "Uitspraak onherroepelijk."},
        follow=True,
    )
    assert [str(m) for m in antwoord.context["messages"]] == [
        f"De bewaring van signaal {signaal.referentie} is opgeheven; de bewaartermijn telt weer."
    ]
    antwoord = client.post(
        reverse("signalen:bewaren_opheffen"), {"referentie": signaal.referentie, "reden": "Nogmaals."}
    )
    assert [(f["label"], f["melding"]) for f in antwoord.context["fouten"]] == [
        ("Referentienummer", "Dit signaal wordt niet bewaard wegens een lopende procedure.")
    ]


@pytest.mark.django_db
def test_the_menu_shows_bewaartermijnen_to_the_fg_only(client: Client, wereld: Wereld) -> None:
    html = pagina(client, wereld.fg, "signalen:bewaring")
    assert f'href="{reverse("signalen:bewaring")}"' in html
    assert f'href="{reverse("signalen:bewaring")}"' not in pagina(client, wereld.af_hoorn, "meldroute:werkbak")
    client.force_login(wereld.af_hoorn)
    assert client.get(reverse("signalen:bewaring")).status_code == 403
