"""The world of the retention tests (tests/signalen/test_bewaring*.py): a closed signal full of
personal data, and what the database and storage hold."""

import datetime
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import time_machine
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.db.models import Q
from django.test import RequestFactory

from evaluatie import dashboard, selectors
from ketenpartners.models import Gebruiker, Organisatie, Regio
from meldroute import services
from meldroute.models import StapRegistratie
from mensenhandel.werkdagen import ZONE
from signalen.models import (
    Betrokkene,
    Signaal,
    Signaalfeiten,
    Toegangslog,
)
from signalen.models.toegangslog import over_signaal
from signalen.services import tijdelijke_bijlage_bewaren
from signalen.toegang import toegang_loggen
from signalen.workflow import Afloop, Status
from tests.factories import (
    delen,
    naar_status,
    signaal_melden,
)

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
