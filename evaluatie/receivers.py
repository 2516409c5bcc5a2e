"""Connected in EvaluatieConfig.ready: what a new database connection needs for the figures."""

from typing import Any

from django.db.backends.base.base import BaseDatabaseWrapper

from evaluatie.aggregaten import PercentielSqlite


def sqlite_percentiel(sender: Any, connection: BaseDatabaseWrapper, **kwargs: Any) -> None:
    if connection.vendor == "sqlite":
        connection.connection.create_aggregate("MH_PERCENTIEL", 2, PercentielSqlite)
