"""The audit log records every change to signal data without the personal data itself."""

import pytest
from auditlog.models import LogEntry
from django.db import connection
from django.test import Client
from django.urls import reverse

from ketenpartners.models import Gebruiker
from signalen.models import Betrokkene, Signaal
from signalen.workflow import Status
from tests.factories import naar_status
from tests.signalen.test_melden import formulier

pytestmark = pytest.mark.django_db


def audit_tabellen_bevatten(tekst: str) -> list[str]:
    """Search every column of every auditlog table as text, so nothing can hide the name."""
    gevonden = []
    with connection.cursor() as cursor:
        cursor.execute("SELECT tablename FROM pg_tables WHERE tablename LIKE 'auditlog%%'")
        for (tabel,) in cursor.fetchall():
            cursor.execute(f'SELECT count(*) FROM "{tabel}" t WHERE t::text ILIKE %s', [f"%{tekst}%"])  # noqa: S608
            if cursor.fetchone()[0]:
                gevonden.append(tabel)
    return gevonden


def test_a_betrokkene_named_jan_jansen_appears_nowhere_in_the_audit_log(
    client: Client, melder_hoorn: Gebruiker, af_hoorn: Gebruiker
) -> None:
    client.force_login(melder_hoorn)
    client.post(
        reverse("signalen:melden"),
        formulier(
            gemeente=melder_hoorn.lidmaatschappen.get().organisatie_id,
            **{"betrokkene-0-adres": "Grote Oost 1, Hoorn", "betrokkene-0-telefoon": "0612345678"},
        ),
    )
    signaal = Signaal.objects.get()
    betrokkene = Betrokkene.objects.get(signaal=signaal)
    betrokkene.naam = "Jan Jansen-de Boer"
    betrokkene.save()
    naar_status(signaal, Status.AFGESLOTEN, door=af_hoorn)

    assert LogEntry.objects.get_for_object(betrokkene).count() == 2
    assert LogEntry.objects.get_for_object(signaal).exists()
    for geheim in ["Jan Jansen", "Jansen", "Grote Oost", "0612345678", "nagelsalon", "Nagelstudio", "12345678"]:
        assert audit_tabellen_bevatten(geheim) == [], geheim


def test_the_audit_log_shows_that_a_name_changed_without_showing_it(melder_hoorn: Gebruiker) -> None:
    from tests.factories import signaal_melden

    signaal = signaal_melden(melder=melder_hoorn)
    betrokkene = Betrokkene.objects.create(signaal=signaal, rol="dader", naam="Karel Klaassen")
    betrokkene.naam = "Karel Klaasen"
    betrokkene.save()

    wijziging = LogEntry.objects.get_for_object(betrokkene).filter(action=LogEntry.Action.UPDATE).get()
    assert wijziging.changes_dict["naam"] == ["********", "********"]
    assert "Karel" not in wijziging.object_repr
