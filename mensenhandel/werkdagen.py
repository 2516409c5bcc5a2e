"""Werkdagen: weekdays that are not Dutch public holidays, counted in Europe/Amsterdam.

Public holidays come from the maintained ``holidays`` library (its Dutch calendar: nieuwjaarsdag,
Goede Vrijdag, Pasen, Koningsdag, Bevrijdingsdag in lustrumjaren, Hemelvaart, Pinksteren,
Kerstmis). A term "within n werkdagen" ends at the end of the n-th werkdag after the day it
starts, at local midnight, so a change to or from daylight saving time never moves it.
"""

import datetime
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays

ZONE = ZoneInfo("Europe/Amsterdam")
# Werkdagnummers count from this Monday; only differences between them mean anything.
_BEGIN = datetime.date(2000, 1, 3)


@lru_cache(maxsize=128)
def feestdagen(jaar: int) -> frozenset[datetime.date]:
    return frozenset(holidays.country_holidays("NL", years=jaar))


def is_werkdag(dag: datetime.date) -> bool:
    return dag.weekday() < 5 and dag not in feestdagen(dag.year)


def werkdagen_na(dag: datetime.date, aantal: int) -> datetime.date:
    """The ``aantal``-th werkdag after ``dag``; ``dag`` itself never counts."""
    for _ in range(aantal):
        dag += datetime.timedelta(days=1)
        while not is_werkdag(dag):
            dag += datetime.timedelta(days=1)
    return dag


def lokale_datum(moment: datetime.datetime) -> datetime.date:
    return moment.astimezone(ZONE).date()


def begin_van(dag: datetime.date) -> datetime.datetime:
    """Local midnight at the start of ``dag``, as an aware datetime."""
    return datetime.datetime.combine(dag, datetime.time.min, tzinfo=ZONE)


def einde_van(dag: datetime.date) -> datetime.datetime:
    """The moment ``dag`` is over: local midnight at the start of the next day."""
    return begin_van(dag + datetime.timedelta(days=1))


@lru_cache(maxsize=4096)
def werkdagnummer(dag: datetime.date) -> int:
    """How many werkdagen lie in [2000-01-03, dag]: the difference of two numbers is a lead time.

    Cached per date: a sweep or a report asks for the same few hundred dates again and again.
    """
    if dag < _BEGIN:
        raise ValueError("Werkdagen worden geteld vanaf 2000.")
    weken, rest = divmod((dag - _BEGIN).days, 7)
    aantal = weken * 5 + min(rest + 1, 5)
    feestdagen_op_werkdag = sum(
        1
        for jaar in range(_BEGIN.year, dag.year + 1)
        for feestdag in feestdagen(jaar)
        if _BEGIN <= feestdag <= dag and feestdag.weekday() < 5
    )
    return aantal - feestdagen_op_werkdag


def werkdagen_tussen(van: datetime.date, tot: datetime.date) -> int:
    """Werkdagen after ``van`` up to and including ``tot``; negative when ``tot`` lies before ``van``."""
    return werkdagnummer(tot) - werkdagnummer(van)
