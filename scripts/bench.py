"""Benchmark: werkbak, detail page and partner list at scale, on PostgreSQL.

Builds (once) a separate database `mensenhandel_bench` with many signals and prints timings and
query counts. The bulk load skips the audit log on purpose: it is benchmark data in its own
database, never the product's. Usage: `make bench` (BENCH_SIGNALEN=100000 by default).
"""

import logging
import os
import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mensenhandel.settings.test")
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/mensenhandel_bench")

import django

django.setup()

from django.contrib.auth.models import Permission  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402
from guardian.shortcuts import assign_perm  # noqa: E402

from ketenpartners.models import Gebruiker, Organisatie, Regio, Rol  # noqa: E402
from ketenpartners.services import groep_voor, lidmaatschap_toevoegen  # noqa: E402
from meldroute.models import Deling  # noqa: E402
from signalen.models import Signaal, SignaalGroupObjectPermission, Team, Vorm  # noqa: E402
from signalen.workflow import Status  # noqa: E402

AANTAL = int(os.environ.get("BENCH_SIGNALEN", "100000"))
HERHALINGEN = int(os.environ.get("BENCH_HERHALINGEN", "20"))
GEMEENTEN = ["Hoorn", "Enkhuizen", "Drechterland", "Stede Broec", "Medemblik", "Koggenland", "Opmeer"]
GEDEELD = 500


def database_maken() -> None:
    from django.conf import settings
    from psycopg2 import connect, sql

    instellingen = settings.DATABASES["default"]
    verbinding = connect(
        dbname="postgres", user=instellingen["USER"], host=instellingen["HOST"], port=instellingen["PORT"]
    )
    verbinding.autocommit = True
    with verbinding.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [instellingen["NAME"]])
        if not cursor.fetchone():
            cursor.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(instellingen["NAME"])))
    verbinding.close()


def gebruiker(naam: str, organisatie: Organisatie, rol: str) -> Gebruiker:
    account, _ = Gebruiker.objects.get_or_create(username=naam)
    lidmaatschap_toevoegen(gebruiker=account, organisatie=organisatie, rol=rol)
    return account


@transaction.atomic
def vullen() -> tuple[Gebruiker, Gebruiker]:
    regio, _ = Regio.objects.get_or_create(naam="Westfriesland")
    gemeenten = []
    for naam in GEMEENTEN:
        gemeente, _ = Organisatie.objects.get_or_create(naam=naam, defaults={"soort": "gemeente"})
        gemeente.regios.add(regio)
        gemeenten.append(gemeente)
    politie, _ = Organisatie.objects.get_or_create(naam="Politie", defaults={"soort": "politie"})
    politie.regios.add(regio)
    af = gebruiker("bench.af.hoorn", gemeenten[0], Rol.AANDACHTSFUNCTIONARIS)
    agent = gebruiker("bench.politie", politie, Rol.KETENPARTNER)
    melder = gebruiker("bench.melder", gemeenten[0], Rol.MEDEWERKER)

    bestaand = Signaal.objects.count()
    if bestaand >= AANTAL:
        return af, agent
    team = Team.objects.first()
    vormen = list(Vorm.objects.all())
    statussen = list(Status)
    jaar = timezone.localdate().year
    nieuw = [
        Signaal(
            referentie=f"MH-{jaar}-{i:06d}",
            gemeente=gemeenten[i % len(gemeenten)],
            melder=melder,
            team=team,
            waargenomen_op=date(2025, 1, 1) + timedelta(days=i % 600),
            omschrijving="Benchmarksignaal",
            acuut=i % 17 == 0,
            status=statussen[i % len(statussen)],
        )
        for i in range(bestaand + 1, AANTAL + 1)
    ]
    Signaal.objects.bulk_create(nieuw, batch_size=5000)
    signalen = list(Signaal.objects.filter(pk__gt=0).order_by("pk")[bestaand:].values_list("pk", "gemeente_id"))
    doorgang = Signaal.vormen.through
    doorgang.objects.bulk_create(
        [doorgang(signaal_id=pk, vorm_id=vormen[pk % len(vormen)].pk) for pk, _ in signalen], batch_size=10000
    )
    permissies = Permission.objects.filter(codename__in=["view_signaal", "behandelen_signaal"])
    groepen = {g.pk: groep_voor(organisatie=g, rol=Rol.AANDACHTSFUNCTIONARIS) for g in gemeenten}
    SignaalGroupObjectPermission.objects.bulk_create(
        [
            SignaalGroupObjectPermission(content_object_id=pk, group=groepen[gemeente_id], permission=permissie)
            for pk, gemeente_id in signalen
            for permissie in permissies
        ],
        batch_size=10000,
    )
    for pk, _ in signalen[:GEDEELD]:
        signaal = Signaal.objects.get(pk=pk)
        Deling.objects.create(
            signaal=signaal,
            organisatie=politie,
            grondslag="riec_convenant",
            reden="Benchmark",
            einddatum=timezone.localdate() + timedelta(days=90),
            gedeeld_door=af,
        )
        assign_perm("signalen.inzien_gedeeld_signaal", groep_voor(organisatie=politie, rol=Rol.KETENPARTNER), signaal)
    return af, agent


def meten(client: Client, naam: str, url: str) -> None:
    client.get(url)  # Warm up caches and connections.
    tijden = []
    for _ in range(HERHALINGEN):
        with CaptureQueriesContext(connection) as queries:
            start = time.perf_counter()
            antwoord = client.get(url)
            tijden.append((time.perf_counter() - start) * 1000)
        assert antwoord.status_code == 200, (url, antwoord.status_code)
    tijden.sort()
    p95 = tijden[max(0, int(len(tijden) * 0.95) - 1)]
    print(f"{naam:<38} mediaan {statistics.median(tijden):7.1f} ms   p95 {p95:7.1f} ms   {len(queries):3d} queries")


def main() -> None:
    logging.getLogger("axes").setLevel(logging.WARNING)  # One login per measurement is not news.
    database_maken()
    setup_test_environment()
    call_command("migrate", verbosity=0)
    start = time.perf_counter()
    af, agent = vullen()
    totaal = Signaal.objects.count()
    hoorn = Signaal.objects.filter(gemeente__naam="Hoorn").count()
    print(f"Database: {totaal} signalen, {hoorn} van Hoorn (opbouw {time.perf_counter() - start:.1f} s)")
    print(f"Elke meting: {HERHALINGEN} keer, na één opwarmronde; PostgreSQL op 127.0.0.1.")

    client = Client()
    client.force_login(af)
    detail = Signaal.objects.filter(gemeente__naam="Hoorn").order_by("-pk").first()
    assert detail is not None
    meten(client, "werkbak, pagina 1 (25 regels)", reverse("meldroute:werkbak"))
    meten(client, "werkbak, filter vorm + acuut", reverse("meldroute:werkbak") + "?vorm=arbeidsuitbuiting&acuut=ja")
    meten(client, "werkbak, pagina 200", reverse("meldroute:werkbak") + "?pagina=200")
    meten(client, "detailpagina", reverse("meldroute:detail", args=[detail.pk]))
    client.force_login(agent)
    meten(client, f"partnerlijst ({GEDEELD} gedeeld), pagina 1", reverse("meldroute:gedeeld"))


if __name__ == "__main__":
    main()
