"""Benchmark at national scale, on PostgreSQL: `make bench`.

For each scale in BENCH_SCHALEN (default 100000 and 500000 signals) a child process builds, once,
a database `mensenhandel_bench_<n>` (scripts/bench_landelijk.py) and measures the pages. Per page
it prints p50 and p95 over BENCH_HERHALINGEN requests (after one warm-up), the number of queries,
and, where one is defined, the ratio to the page's raw-SQL floor measured in the same run.

The floor of a page is what a hand-written page would have to ask PostgreSQL for the same output:
the session and its user, the user's memberships, the page's own data written as plain SQL with
the best available index, the header's "Actie nodig" count (its SQL replayed) and the page's
access-log row (committed), run on a bare psycopg2 cursor with no ORM, no middleware and no
template.

Then one regio of 7 gemeenten holding 100,000 signals ("Westfriesland"): its dashboards and the
build of its two-year evaluation report, with the report process's peak memory. Then the intake
over HTTP: gunicorn on the largest database, locust headless with 20 concurrent
melders for BENCH_LAST_SECONDEN (60) seconds; requests, failures and response times.
"""

import json
import logging
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

MAP = Path(__file__).resolve().parent
sys.path.insert(0, str(MAP.parent))
SCHALEN = [int(s) for s in os.environ.get("BENCH_SCHALEN", "100000 500000").split()]
HERHALINGEN = int(os.environ.get("BENCH_HERHALINGEN", "40"))
LAST_SECONDEN = int(os.environ.get("BENCH_LAST_SECONDEN", "60"))
PAGINA_GROOTTE = 25
WESTFRIESLAND = 0  # database_url(0): the one regio of 100,000 signals


def database_url(schaal: int) -> str:
    if schaal == WESTFRIESLAND:
        return "postgres://postgres@127.0.0.1:5432/mensenhandel_bench_westfriesland"
    return f"postgres://postgres@127.0.0.1:5432/mensenhandel_bench_{schaal}"


def percentiel(tijden: list[float], p: float) -> float:
    geordend = sorted(tijden)
    return geordend[min(len(geordend) - 1, max(0, round(p * len(geordend)) - 1))]


# --- The child: one scale, one database ----------------------------------------------------------


def kind(schaal: int) -> None:
    os.environ["DATABASE_URL"] = database_url(schaal)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mensenhandel.settings.test")
    os.environ.setdefault("REDIS_URL", "redis://127.0.0.1:6379/13")
    import django

    django.setup()
    import bench_landelijk
    import bench_samenhang
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from ketenpartners.models import Gebruiker
    from meldroute.actie_nodig import aantal
    from signalen.models import Signaal, SignaalGroupObjectPermission
    from tests.inloggen import tweede_factor_in_sessie

    logging.getLogger("axes").setLevel(logging.WARNING)  # One login per measurement is not news.
    database_maken()
    zonder_testinstrumentatie()
    call_command("migrate", verbosity=0)
    start = time.perf_counter()
    w = bench_landelijk.bouwen(schaal)
    opbouw = time.perf_counter() - start
    with connection.cursor() as cursor:
        # As autovacuum would have done by now: statistics, and the visibility map that lets
        # PostgreSQL count from an index without visiting the table.
        cursor.execute("VACUUM ANALYZE")
    resultaat: dict[str, Any] = {"schaal": schaal, "paginas": {}}
    rechten = SignaalGroupObjectPermission.objects.count()
    print(
        f"\n== {Signaal.objects.count()} signalen in {bench_landelijk.GEMEENTEN} gemeenten, "
        f"{bench_landelijk.REGIOS} regio's; grootste gemeente {Signaal.objects.filter(gemeente=w.groot).count()} "
        f"(open {Signaal.objects.filter(gemeente=w.groot).exclude(status='afgesloten').count()}), kleinste "
        f"{Signaal.objects.filter(gemeente=w.klein).count()}; {rechten} objectrechten; opbouw {opbouw:.0f} s",
        flush=True,
    )
    print(f"{'pagina':<44}{'p50':>9}{'p95':>9}{'queries':>9}{'vloer p95':>11}{'factor':>8}", flush=True)

    ruw = connection.connection

    def sql_tijd(stappen: list[tuple[str, Any]]) -> float:
        start = time.perf_counter()
        with ruw.cursor() as cursor:
            for sql, parameters in stappen:
                cursor.execute(sql, parameters)
                cursor.fetchall()
        return (time.perf_counter() - start) * 1000

    def meten(
        naam: str, gebruiker: Gebruiker, url: str, vloer: Callable[[], list[tuple[str, Any]]] | None = None
    ) -> None:
        client = Client()
        client.force_login(gebruiker)
        tweede_factor_in_sessie(client, gebruiker)  # As after entering the app's code.
        sessie = client.session.session_key
        client.get(url)  # Warm up caches and connections.
        queries: list[str] = []

        def tellen(execute: Callable[..., Any], sql: str, *args: Any) -> Any:
            queries.append(sql)
            return execute(sql, *args)

        with connection.execute_wrapper(tellen):
            client.get(url)
        tijden, vloertijden = [], []
        for _ in range(HERHALINGEN):
            start = time.perf_counter()
            antwoord = client.get(url)
            tijden.append((time.perf_counter() - start) * 1000)
            assert antwoord.status_code == 200, (url, antwoord.status_code)
            if vloer is not None:
                vloertijden.append(sql_tijd(basis(sessie, gebruiker) + vloer() + toegangslog(gebruiker)))
        regel: dict[str, Any] = {
            "p50": statistics.median(tijden),
            "p95": percentiel(tijden, 0.95),
            "queries": len(queries),
        }
        kolommen = f"{regel['p50']:9.1f}{regel['p95']:9.1f}{regel['queries']:9d}"
        if vloertijden:
            regel["vloer_p95"] = percentiel(vloertijden, 0.95)
            regel["factor"] = regel["p95"] / regel["vloer_p95"]
            kolommen += f"{regel['vloer_p95']:11.1f}{regel['factor']:7.1f}×"
        resultaat["paginas"][naam] = regel
        print(f"{naam:<44}{kolommen}", flush=True)

    def basis(sessie: str | None, gebruiker: Gebruiker) -> list[tuple[str, Any]]:
        """Every page: the session, its user, the user's memberships, the header's count."""
        with CaptureQueriesContext(connection) as kop:
            aantal(Gebruiker.objects.get(pk=gebruiker.pk))
        return [
            ("SELECT session_data, expire_date FROM django_session WHERE session_key = %s", [sessie]),
            ("SELECT * FROM ketenpartners_gebruiker WHERE id = %s", [gebruiker.pk]),
            # The second factor of the session (django-otp's middleware).
            ("SELECT * FROM otp_totp_totpdevice WHERE user_id = %s AND confirmed", [gebruiker.pk]),
            (
                "SELECT l.organisatie_id, l.rol, o.naam, o.soort FROM ketenpartners_lidmaatschap l "
                "JOIN ketenpartners_organisatie o ON o.id = l.organisatie_id WHERE l.gebruiker_id = %s AND o.actief",
                [gebruiker.pk],
            ),
            *[(q["sql"].replace("%", "%%"), None) for q in kop.captured_queries],
        ]

    def toegangslog(gebruiker: Gebruiker) -> list[tuple[str, Any]]:
        """A list page writes its access-log row (committed) before it answers."""
        return [
            (
                "INSERT INTO signalen_toegangslog (gebruiker_id, gebruikersnaam, tijdstip, actie, resultaat, "
                "signaal_ids, pad, ip_adres) VALUES (%s, %s, now(), 'lijst', 'toegestaan', %s, '/werkbak/', "
                "'127.0.0.1') RETURNING id",
                [gebruiker.pk, gebruiker.username, json.dumps(list(range(1, PAGINA_GROOTTE + 1)))],
            )
        ]

    def werkbak_vloer(gemeente_id: int) -> Callable[[], list[tuple[str, Any]]]:
        return lambda: [
            # The counts per step give the number of open signals too.
            ("SELECT status, count(*) FROM signalen_signaal WHERE gemeente_id = %s GROUP BY status", [gemeente_id]),
            (
                "SELECT s.id, s.referentie, s.status, s.acuut, s.ingediend_op, s.volgende_termijn_op, "
                "s.herbeoordelen_op, g.naam, t.naam, u.first_name, u.last_name, "
                "EXISTS (SELECT 1 FROM meldroute_terugmelding m WHERE m.signaal_id = s.id AND m.gezien_op IS NULL), "
                "array(SELECT v.naam FROM signalen_signaal_vormen sv JOIN signalen_vorm v ON v.id = sv.vorm_id "
                "WHERE sv.signaal_id = s.id) "
                "FROM signalen_signaal s JOIN ketenpartners_organisatie g ON g.id = s.gemeente_id "
                "JOIN signalen_team t ON t.id = s.team_id "
                "LEFT JOIN ketenpartners_gebruiker u ON u.id = s.behandelaar_id "
                "WHERE s.gemeente_id = %s AND s.status <> 'afgesloten' "
                "ORDER BY s.acuut DESC, s.volgende_termijn_op ASC NULLS LAST, s.ingediend_op DESC, s.id DESC "
                "LIMIT %s",
                [gemeente_id, PAGINA_GROOTTE],
            ),
        ]

    def partner_vloer(politie_id: int) -> Callable[[], list[tuple[str, Any]]]:
        return lambda: [
            (
                "SELECT count(DISTINCT d.signaal_id) FROM meldroute_deling d WHERE d.organisatie_id = %s "
                "AND d.ingetrokken_op IS NULL AND d.einddatum >= current_date",
                [politie_id],
            ),
            (
                "SELECT s.id, s.referentie, s.status, s.ingediend_op, g.naam, max(d.einddatum), "
                "array(SELECT v.naam FROM signalen_signaal_vormen sv JOIN signalen_vorm v ON v.id = sv.vorm_id "
                "WHERE sv.signaal_id = s.id) "
                "FROM meldroute_deling d JOIN signalen_signaal s ON s.id = d.signaal_id "
                "JOIN ketenpartners_organisatie g ON g.id = s.gemeente_id "
                "WHERE d.organisatie_id = %s AND d.ingetrokken_op IS NULL AND d.einddatum >= current_date "
                "GROUP BY s.id, g.naam ORDER BY s.ingediend_op DESC, s.id DESC LIMIT %s",
                [politie_id, PAGINA_GROOTTE],
            ),
        ]

    werkbak = reverse("meldroute:werkbak")
    meten("werkbak grootste gemeente, pagina 1", w.af_groot, werkbak, werkbak_vloer(w.groot.pk))
    meten("werkbak kleinste gemeente, pagina 1", w.af_klein, werkbak, werkbak_vloer(w.klein.pk))
    meten("werkbak grootste, vorm + acuut", w.af_groot, werkbak + "?vorm=arbeidsuitbuiting&acuut=ja")
    meten("werkbak grootste, ook afgesloten, pagina 40", w.af_groot, werkbak + "?ook_afgesloten=on&pagina=40")
    meten("werkbak grootste, zoeken op referentie", w.af_groot, werkbak + "?zoek=MH-2026-000123")
    detail = Signaal.objects.filter(gemeente=w.groot).exclude(status="afgesloten").order_by("-pk").first()
    assert detail is not None
    meten("detailpagina", w.af_groot, reverse("meldroute:detail", args=[detail.pk]))
    meten("actie nodig grootste gemeente", w.af_groot, reverse("meldroute:actie_nodig"))
    meten("partnerlijst politie regio 00, pagina 1", w.agent, reverse("meldroute:gedeeld"), partner_vloer(w.politie.pk))
    meten("dashboard coördinator regio (12 maanden)", w.coordinator, reverse("evaluatie:dashboard"))
    meten("dashboard AF grootste gemeente", w.af_groot, reverse("evaluatie:dashboard"))
    resultaat["samenhang"] = bench_samenhang.meten(w, percentiel)
    uitleggen(w, connection)
    if os.environ.get("BENCH_TERMIJNEN", "1") == "1":
        resultaat["termijnbewaking"] = termijnbewaking()
    print("RESULTAAT " + json.dumps(resultaat), flush=True)


def westfriesland() -> None:
    """One regio of 7 gemeenten holding 100,000 signals: its dashboards and its 2-year report."""
    os.environ["DATABASE_URL"] = database_url(WESTFRIESLAND)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mensenhandel.settings.test")
    os.environ.setdefault("REDIS_URL", "redis://127.0.0.1:6379/13")
    import django

    django.setup()
    import bench_landelijk
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from signalen.models import Signaal
    from tests.inloggen import tweede_factor_in_sessie

    logging.getLogger("axes").setLevel(logging.WARNING)
    database_maken()
    zonder_testinstrumentatie()
    call_command("migrate", verbosity=0)
    w = bench_landelijk.bouwen(100_000, aantal_gemeenten=7, regionamen=["Westfriesland"])
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    print(
        f"\n== Westfriesland: {Signaal.objects.count()} signalen in 7 gemeenten, grootste "
        f"{Signaal.objects.filter(gemeente=w.groot).count()}",
        flush=True,
    )
    for naam, gebruiker in (("dashboard regio (12 maanden)", w.coordinator), ("dashboard gemeente 000", w.af_groot)):
        client = Client()
        client.force_login(gebruiker)
        tweede_factor_in_sessie(client, gebruiker)  # As after entering the app's code.
        client.get(reverse("evaluatie:dashboard"))
        tijden = []
        for _ in range(HERHALINGEN):
            with CaptureQueriesContext(connection) as queries:
                start = time.perf_counter()
                assert client.get(reverse("evaluatie:dashboard")).status_code == 200
                tijden.append((time.perf_counter() - start) * 1000)
        print(f"{naam:<44}{statistics.median(tijden):9.1f}{percentiel(tijden, 0.95):9.1f}{len(queries):9d}", flush=True)
    rapport_meten()


def _rapport_bouwen(rapport_id: int) -> None:
    from django.db import connection

    from evaluatie.rapporten import bouwen

    connection.close()  # a fresh connection in the child process
    start = time.perf_counter()
    assert bouwen(rapport_id)
    print(f"{'evaluatierapport, 2 jaar, hele regio':<44}{(time.perf_counter() - start):8.1f} s", flush=True)


def rapport_meten() -> None:
    """The two-year report of Westfriesland, built in a child process to measure its peak memory."""
    import multiprocessing
    import resource

    from django.db import connection
    from django.utils import timezone

    from evaluatie.models import Rapport
    from ketenpartners.models import Regio

    vandaag = timezone.localdate()
    rapport = Rapport.objects.create(
        regio=Regio.objects.get(naam="Westfriesland"), van=vandaag.replace(year=vandaag.year - 2), tot=vandaag
    )
    connection.close()
    kind = multiprocessing.get_context("fork").Process(target=_rapport_bouwen, args=(rapport.pk,))
    kind.start()
    kind.join()
    piek = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    rapport.refresh_from_db()
    print(f"{'  piekgeheugen (RSS van het proces)':<44}{piek:8.0f} MB, PDF {rapport.pdf.size // 1024} kB", flush=True)
    for naam in [rapport.pdf.name, rapport.xlsx.name, *rapport.delen.values_list("pdf", flat=True)]:
        rapport.pdf.storage.delete(naam)
    rapport.delete()


def uitleggen(w: Any, connection: Any) -> None:
    """The plan of the werkbak's page query, for the largest gemeente, under BENCH_PLAN=1."""
    if os.environ.get("BENCH_PLAN") != "1":
        return
    from meldroute.selectors import werkbak
    from meldroute.zicht import gedeeld_lijst

    for naam, queryset in (
        ("werkbak", werkbak(w.af_groot, filters={})[:PAGINA_GROOTTE]),
        ("partnerlijst", gedeeld_lijst(w.agent)[:PAGINA_GROOTTE]),
    ):
        sql, parameters = queryset.query.sql_with_params()
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql, parameters)
            print(f"-- {naam}\n" + "\n".join(r[0] for r in cursor.fetchall()), flush=True)


def termijnbewaking() -> dict[str, float]:
    """The reminder sweep over the whole country: every open signal due for a check."""
    from django.db import connection
    from django.utils import timezone

    from meldroute.herinneringen import termijnen_bewaken
    from mensenhandel.celery import app
    from signalen.models import Notificatie, Signaal
    from signalen.workflow import OPEN_STATUSSEN

    Notificatie.objects.all().delete()
    te_controleren = Signaal.objects.filter(status__in=OPEN_STATUSSEN).update(volgende_controle_op=timezone.now())
    start = time.perf_counter()
    geschreven = termijnen_bewaken()
    eerste = time.perf_counter() - start
    start = time.perf_counter()
    opnieuw = termijnen_bewaken()
    tweede = time.perf_counter() - start
    print(
        f"termijnbewaking, volle ronde: {eerste:.1f} s over {te_controleren} open signalen, {geschreven} "
        f"herinneringen; direct daarna {tweede * 1000:.0f} ms, {opnieuw} herinneringen",
        flush=True,
    )
    Notificatie.objects.all().delete()
    with connection.cursor() as cursor:
        cursor.execute("UPDATE signalen_signaal SET volgende_controle_op = NULL")
    app.control.purge()  # The mails of the benchmark are never sent.
    return {"eerste_s": eerste, "signalen": te_controleren, "herinneringen": geschreven, "tweede_ms": tweede * 1000}


def zonder_testinstrumentatie() -> None:
    """What the test client needs of setup_test_environment, without its template instrumentation:
    the test host, and mail kept in memory."""
    from django.conf import settings

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


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


# --- The load test -------------------------------------------------------------------------------


def last(schaal: int) -> dict[str, Any]:
    """Intake over HTTP: gunicorn (4 workers) on the database of this scale, locust headless."""
    omgeving = {
        **os.environ,
        "DATABASE_URL": database_url(schaal),
        "DJANGO_SETTINGS_MODULE": "mensenhandel.settings.test",
        "REDIS_URL": "redis://127.0.0.1:6379/13",
        "LOG_LEVEL": "WARNING",
    }
    bin_map = Path(sys.executable).parent
    server = subprocess.Popen(  # noqa: S603
        [str(bin_map / "gunicorn"), "--workers", "4", "--bind", "127.0.0.1:8765", "mensenhandel.wsgi:application"],
        cwd=MAP.parent,
        env=omgeving,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        time.sleep(4)
        uitvoer = MAP.parent / "var" / "bench-last"
        uitvoer.parent.mkdir(exist_ok=True)
        subprocess.run(  # noqa: S603
            [
                str(bin_map / "locust"),
                "-f",
                str(MAP / "locustfile.py"),
                "--headless",
                "--users",
                "20",
                "--spawn-rate",
                "20",
                "--run-time",
                f"{LAST_SECONDEN}s",
                "--host",
                "http://127.0.0.1:8765",
                "--csv",
                str(uitvoer),
                "--only-summary",
                "--loglevel",
                "WARNING",
            ],
            cwd=MAP.parent,
            env=omgeving,
            check=False,
        )
    finally:
        server.terminate()
        server.wait()
    import csv

    with open(f"{uitvoer}_stats.csv", encoding="utf-8") as bestand:
        rijen = {rij["Name"]: rij for rij in csv.DictReader(bestand)}
    return {
        naam: {k: rij[k] for k in ("Request Count", "Failure Count", "50%", "95%", "Requests/s")}
        for naam, rij in rijen.items()
    }


# --- The parent: every scale, then the comparison and the load test ------------------------------


def main() -> None:
    resultaten = {}
    for schaal in SCHALEN:
        proces = subprocess.run(  # noqa: S603
            [sys.executable, __file__, "--schaal", str(schaal)], capture_output=True, text=True, check=False
        )
        for regel in proces.stdout.splitlines():
            if regel.startswith("RESULTAAT "):
                resultaten[schaal] = json.loads(regel.removeprefix("RESULTAAT "))
            else:
                print(regel)
        if proces.returncode:
            print(proces.stderr[-4000:], file=sys.stderr)
            sys.exit(proces.returncode)
    if os.environ.get("BENCH_RAPPORT", "1") == "1":
        proces = subprocess.run(  # noqa: S603
            [sys.executable, __file__, "--westfriesland"], capture_output=True, text=True, check=False
        )
        print(proces.stdout.rstrip())
        if proces.returncode:
            print(proces.stderr[-4000:], file=sys.stderr)
            sys.exit(proces.returncode)
    if len(resultaten) > 1:
        print("\n== Kleinste gemeente (dezelfde signalen) bij elke omvang van het land")
        for schaal, resultaat in resultaten.items():
            regel = resultaat["paginas"]["werkbak kleinste gemeente, pagina 1"]
            p50, p95, queries = regel["p50"], regel["p95"], regel["queries"]
            print(f"{schaal:>8} signalen: p50 {p50:.1f} ms, p95 {p95:.1f} ms, {queries} queries")
    if LAST_SECONDEN:
        schaal = max(SCHALEN)
        print(f"\n== Melden over HTTP: gunicorn 4 workers, locust 20 gebruikers, {LAST_SECONDEN} s, {schaal} signalen")
        for naam, regel in last(schaal).items():
            print(
                f"{naam:<28} {regel['Request Count']:>6} verzoeken, {regel['Failure Count']:>3} fouten, "
                f"p50 {regel['50%']} ms, p95 {regel['95%']} ms, {float(regel['Requests/s']):.1f}/s"
            )


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--schaal":
        kind(int(sys.argv[2]))
    elif sys.argv[1:] == ["--westfriesland"]:
        westfriesland()
    else:
        main()
