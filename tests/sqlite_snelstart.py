"""Run by tests/test_sqlite.py in a process of its own, on the SQLite of the quick start: one
migrated database for the werkbak and dashboard (tests/sqlite_werkbak.py) and samenhangende
signalen (tests/sqlite_samenhang.py), printed as JSON for the tests to compare."""

import json
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mensenhandel.settings.base")

import django

django.setup()

from django.core.management import call_command  # noqa: E402

from tests.sqlite_samenhang import samenhang_binnen_gemeente  # noqa: E402
from tests.sqlite_werkbak import werkbak  # noqa: E402


def main() -> None:
    call_command("migrate", verbosity=0)
    print(json.dumps({"werkbak": werkbak(), "samenhang": samenhang_binnen_gemeente()}))


if __name__ == "__main__":
    main()
