"""Percentiles in the database: PostgreSQL's percentile_cont, and the same for SQLite.

SQLite has no percentile function; evaluatie/receivers.py registers ``mh_percentiel`` on every
SQLite connection, computed as PostgreSQL does (linear interpolation between the two nearest
values), so a selector runs one code path on both.
"""

from typing import Any

from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import Aggregate, FloatField
from django.db.models.sql.compiler import SQLCompiler


class Percentiel(Aggregate):
    function = "PERCENTILE_CONT"
    template = "%(function)s(%(fractie)s) WITHIN GROUP (ORDER BY %(expressions)s)"
    output_field = FloatField()
    allow_distinct = False

    def __init__(self, expressie: Any, fractie: float, **extra: Any) -> None:
        if not 0 <= fractie <= 1:
            raise ValueError("Een percentiel ligt tussen 0 en 1.")
        super().__init__(expressie, fractie=f"{float(fractie):.4f}", **extra)

    def as_sqlite(self, compiler: SQLCompiler, connection: BaseDatabaseWrapper, **extra: Any) -> Any:
        return self.as_sql(
            compiler, connection, function="MH_PERCENTIEL", template="%(function)s(%(expressions)s, %(fractie)s)"
        )


class PercentielSqlite:
    """The SQLite aggregate behind MH_PERCENTIEL(waarde, fractie)."""

    def __init__(self) -> None:
        self.waarden: list[float] = []
        self.fractie = 0.5

    def step(self, waarde: float | None, fractie: float) -> None:
        self.fractie = fractie
        if waarde is not None:
            self.waarden.append(float(waarde))

    def finalize(self) -> float | None:
        if not self.waarden:
            return None
        waarden = sorted(self.waarden)
        positie = self.fractie * (len(waarden) - 1)
        onder = int(positie)
        boven = min(onder + 1, len(waarden) - 1)
        return waarden[onder] + (waarden[boven] - waarden[onder]) * (positie - onder)
