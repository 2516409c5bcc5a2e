"""Bewaartermijnen: a closed signal past its term leaves no personal data in any table and no file
in storage, the figures of the evaluation stay the same, and what is held or not yet due stays
exactly as it was. Time travels with time-machine; one test runs the job on a real Celery worker.
"""

import datetime
import re
from pathlib import Path
from typing import Any

import pytest
import time_machine
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction

from ketenpartners.models import Rol
from meldroute import services
from mensenhandel.audit import MASKER
from signalen import bewaring
from signalen.models import (
    Anonimisering,
    Bewaartermijn,
    Signaal,
    Toegangslog,
)
from signalen.models.toegangslog import over_signaal, querystrings_verwijderen
from signalen.tasks import bewaartermijnen_toepassen
from signalen.workflow import Afloop
from tests.factories import (
    gebruiker_met_rol,
)
from tests.signalen.bewaring_hulp import (
    AFGESLOTEN,
    DAG_ERVOOR,
    GEBOORTEDATUM,
    VERVALDAG,
    Wereld,
    afgesloten_signaal,
    bestanden,
    cijfers,
    databasestand,
    gelezen_met_zoektekst,
    signaalstand,
    vindplaatsen,
)

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
