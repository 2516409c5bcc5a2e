"""What the intake form says of a nationality, reduced to a group; an age to a band."""

import datetime

import pytest

from signalen.feiten import leeftijdsgroep
from signalen.nationaliteiten import groep


@pytest.mark.parametrize(
    ("invoer", "verwacht"),
    [
        ("Poolse", "EU"),
        ("pools", "EU"),
        ("Polen", "EU"),
        ("Roemeense", "EU"),
        ("Belgische", "EU"),
        ("België", "EU"),
        ("Nederlandse", "Nederlands"),
        ("NL", "Nederlands"),
        ("Vietnamese", "buiten de EU"),
        ("Oekraïense", "buiten de EU"),
        ("Servische", "buiten de EU"),
        ("", "onbekend"),
        ("onbekend", "onbekend"),
        (" ? ", "onbekend"),
    ],
)
def test_a_nationality_becomes_its_group(invoer: str, verwacht: str) -> None:
    assert groep(invoer) == verwacht


@pytest.mark.parametrize(
    ("geboren", "verwacht"),
    [
        (datetime.date(2009, 3, 5), "0-17"),  # turns 18 the day after
        (datetime.date(2009, 3, 4), "18-22"),
        (datetime.date(2000, 1, 1), "23-29"),
        (datetime.date(1976, 3, 4), "50+"),
        (None, "onbekend"),
        (datetime.date(2030, 1, 1), "onbekend"),
    ],
)
def test_an_age_on_the_day_of_the_report_becomes_its_band(geboren: datetime.date | None, verwacht: str) -> None:
    assert leeftijdsgroep(geboren, datetime.date(2027, 3, 4)) == verwacht
