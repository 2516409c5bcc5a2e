"""Matching on intake at national scale (``make bench``): the keys of a new signal written, its
suggestions in the gemeente and its hits at other gemeenten, with p50, p95 and the number of queries.

Called by bench.py in the child process of one scale, on the database bench_landelijk built.
"""

import statistics
import time
from collections.abc import Callable
from typing import Any

# Thirty people, each reported in three signals: two of the largest gemeente and one of another
# gemeente of its regio. The measured one is the first.
PERSONEN = [
    ("Jan Jansen", 0),
    ("Piet de Vries", 1),
    ("Maria Bakker", 2),
    ("Anna Visser", 3),
    ("Olga Petrova", 4),
    ("Kees Smit", 5),
    ("Fatima El Idrissi", 6),
    ("Tomasz Kowalczyk", 7),
    ("Ioana Popa", 8),
    ("Ahmed Benali", 9),
    ("Sara Meijer", 10),
    ("Eva Mulder", 11),
    ("Lena Bos", 12),
    ("Nina Vos", 13),
    ("Ruud Peters", 14),
    ("Tim Hendriks", 15),
    ("Lisa Dekker", 16),
    ("Bram Brouwer", 17),
    ("Iris de Wit", 18),
    ("Joost Dijkstra", 19),
    ("Mila Smits", 20),
    ("Daan de Graaf", 21),
    ("Sem Kok", 22),
    ("Noah Jacobs", 23),
    ("Lotte de Haan", 24),
    ("Finn Vermeulen", 25),
    ("Emma van den Berg", 26),
    ("Luuk van Dijk", 27),
    ("Julia Nowak", 28),
    ("Max Yilmaz", 29),
]


def meten(w: Any, percentiel: Callable[[list[float], float], float]) -> dict[str, float]:
    """Matching on intake: the keys of a new signal written, then what its AF is shown (suggestions
    in the gemeente, hits elsewhere in the regio), for a signal of the largest gemeente. Each run in
    a transaction that is rolled back, and the set-up too, so every run meets the same database."""
    from django.db import transaction

    with transaction.atomic():
        regel = _meten(w, percentiel)
        transaction.set_rollback(True)
    return regel


def _meten(w: Any, percentiel: Callable[[list[float], float], float]) -> dict[str, float]:
    import datetime

    from django.db import connection, transaction

    from meldroute import samenhang
    from signalen.models import Betrokkene, Signaal
    from signalen.samenhang.sleutels import sleutels_bijwerken

    geboren = datetime.date(1980, 1, 1)
    eigen = list(Signaal.objects.filter(gemeente=w.groot).order_by("-pk")[: 2 * len(PERSONEN)])
    buren = list(
        Signaal.objects.filter(gemeente__regios__in=w.groot.regios.all())
        .exclude(gemeente=w.groot)
        .order_by("-pk")[: len(PERSONEN)]
    )
    gemeten = []
    for (naam, dag), nieuw, ouder, buur in zip(PERSONEN, eigen[::2], eigen[1::2], buren, strict=True):
        datum = geboren + datetime.timedelta(days=dag)
        for signaal in (nieuw, ouder, buur):
            Betrokkene.objects.create(signaal=signaal, rol="slachtoffer", naam=naam, geboortedatum=datum)
        for signaal in (ouder, buur):
            sleutels_bijwerken(signaal)
        gemeten.append(nieuw)

    tijden: list[float] = []
    teller: list[str] = []

    def tellen(execute: Callable[..., Any], sql: str, *args: Any) -> Any:
        teller.append(sql)
        return execute(sql, *args)

    for ronde in range(2):
        for signaal in gemeten:
            teller.clear()
            start = time.perf_counter()
            with connection.execute_wrapper(tellen), transaction.atomic():
                sleutels_bijwerken(signaal)
                overzicht = samenhang.samenhang_van(signaal, gebruiker=w.af_groot)
                treffers = samenhang.elders(signaal)
                transaction.set_rollback(True)
            if ronde:  # The first round warms up.
                tijden.append((time.perf_counter() - start) * 1000)
            # Every measured signal finds its twin in the gemeente and its neighbour elsewhere.
            assert len(overzicht.suggesties) >= 1, (signaal.pk, overzicht)
            assert len(treffers) >= 1, (signaal.pk, treffers)
    queries = len(teller)
    regel = {"p50": statistics.median(tijden), "p95": percentiel(tijden, 0.95), "queries": queries}
    print(
        f"{'samenhang bij melden (sleutels + treffers)':<44}{regel['p50']:9.1f}{regel['p95']:9.1f}{queries:9d}",
        flush=True,
    )
    return regel
