"""The quick start runs on SQLite: the werkbak sorts and searches, and the dashboard computes its
figures (percentiles too), there as on PostgreSQL."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_the_werkbak_and_the_dashboard_work_on_sqlite_as_on_postgresql(tmp_path: Path) -> None:
    omgeving = os.environ | {
        "DJANGO_SETTINGS_MODULE": "mensenhandel.settings.base",
        "DEBUG": "true",
        "VAR_DIR": str(tmp_path),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'snelstart.sqlite3'}",
        "REDIS_URL": "",
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
    }
    uitvoer = subprocess.run(  # noqa: S603 - our own interpreter and script
        [sys.executable, str(ROOT / "tests" / "sqlite_werkbak.py")],
        cwd=ROOT,
        env=omgeving,
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    uitkomst = json.loads(uitvoer.stdout.strip().splitlines()[-1])

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
