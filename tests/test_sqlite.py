"""The quick start runs on SQLite: the werkbak sorts and searches, the dashboard computes its
figures (percentiles too), and samenhangende signalen are suggested, there as on PostgreSQL."""

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def snelstart(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """One process on one fresh SQLite database for every check in this module."""
    map_ = tmp_path_factory.mktemp("snelstart")
    omgeving = os.environ | {
        "DJANGO_SETTINGS_MODULE": "mensenhandel.settings.base",
        "DEBUG": "true",
        "VAR_DIR": str(map_),
        "DATABASE_URL": f"sqlite:///{map_ / 'snelstart.sqlite3'}",
        "REDIS_URL": "",
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
    }
    uitvoer = subprocess.run(  # noqa: S603 - our own interpreter and script
        [sys.executable, str(ROOT / "tests" / "sqlite_snelstart.py")],
        cwd=ROOT,
        env=omgeving,
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    uitkomst: dict[str, Any] = json.loads(uitvoer.stdout.strip().splitlines()[-1])
    return uitkomst


def test_the_werkbak_and_the_dashboard_work_on_sqlite_as_on_postgresql(snelstart: dict[str, Any]) -> None:
    uitkomst = snelstart["werkbak"]

    # The same orders as tests/meldroute/test_werkbak.py checks on PostgreSQL.
    assert uitkomst["stap"] == [
        "opgepikt_nieuw",
        "opgepikt_oud",
        "ontvangen",
        "verrijkt",
        "informatieplein",
        "afgesloten",
    ]
    assert uitkomst["herbeoordelen_op"] == [
        "verrijkt",
        "informatieplein",
        "opgepikt_nieuw",
        "afgesloten",
        "ontvangen",
        "opgepikt_oud",
    ]
    assert uitkomst["termijn"] == [
        "opgepikt_oud",
        "opgepikt_nieuw",
        "ontvangen",
        "verrijkt",
        "informatieplein",
        "afgesloten",
    ]
    assert uitkomst["per_stap"] == {
        "opgepikt": 2,
        "ontvangen": 1,
        "verrijkt": 1,
        "lokale_tafel": 0,
        "riec": 0,
        "informatieplein": 1,
        "terugkoppeling": 0,
        "afgesloten": 1,
    }
    assert uitkomst["zoeken"] == ["verrijkt"]
    # Taken after 0 1 2 3 8 werkdagen: median 2, 90th percentile at 3.6: 3 + 0.6 * 5 = 6.
    assert uitkomst["doorlooptijden"][0] == ["Naar stap 2: in behandeling genomen", "5", "2,0", "6,0"]
    assert uitkomst["kerncijfers"][0] == ["Signalen gemeld", "5"]


def test_samenhangende_signalen_work_on_sqlite_with_difflib_for_similar_names(snelstart: dict[str, Any]) -> None:
    uitkomst = snelstart["samenhang"]

    assert uitkomst["suggesties"] == [
        ["sleutel", ["zelfde persoon"]],
        ["omgedraaid", ["vergelijkbare naam, zelfde geboortedatum"]],
        ["adres", ["zelfde adres"]],
    ]
    assert uitkomst["gemarkeerd"] == ["a", "adres", "sleutel"]
    assert uitkomst["na_bevestigen"] == ["omgedraaid", "adres"]
    assert uitkomst["samenhangend"] == ["sleutel"]
