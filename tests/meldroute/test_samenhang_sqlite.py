"""Samenhangende signalen on the SQLite of the quick start: the same suggestions as on PostgreSQL,
with difflib in place of pg_trgm for similar names."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent


def test_suggestions_work_on_sqlite(tmp_path: Path) -> None:
    omgeving = os.environ | {
        "DJANGO_SETTINGS_MODULE": "mensenhandel.settings.base",
        "DEBUG": "true",
        "VAR_DIR": str(tmp_path),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'snelstart.sqlite3'}",
        "REDIS_URL": "",
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
    }
    uitvoer = subprocess.run(  # noqa: S603 - our own interpreter and script
        [sys.executable, str(ROOT / "tests" / "sqlite_samenhang.py")],
        cwd=ROOT,
        env=omgeving,
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    uitkomst = json.loads(uitvoer.stdout.strip().splitlines()[-1])

    assert uitkomst["suggesties"] == [
        ["sleutel", ["zelfde persoon"]],
        ["omgedraaid", ["vergelijkbare naam, zelfde geboortedatum"]],
        ["adres", ["zelfde adres"]],
    ]
    assert uitkomst["gemarkeerd"] == ["a", "adres", "sleutel"]
    assert uitkomst["na_bevestigen"] == ["omgedraaid", "adres"]
    assert uitkomst["samenhangend"] == ["sleutel"]
