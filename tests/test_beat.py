"""Only one Celery beat may run: a second one stops at once and says why."""

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
import redis
from django.conf import settings

from mensenhandel.celery import BEAT_SLEUTEL

ROOT = Path(__file__).resolve().parent.parent


def beat(schema: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(  # noqa: S603 - our own interpreter and arguments
        [sys.executable, "-m", "celery", "-A", "mensenhandel", "beat", "-s", str(schema), "--loglevel=INFO"],
        cwd=ROOT,
        env=os.environ | {"DJANGO_SETTINGS_MODULE": "mensenhandel.settings.test"},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def test_a_second_beat_refuses_to_run_while_the_first_one_holds_the_lock(tmp_path: Path) -> None:
    client = redis.Redis.from_url(settings.CELERY_BROKER_URL)
    client.delete(BEAT_SLEUTEL)
    eerste = beat(tmp_path / "eerste")
    try:
        for _ in range(300):
            if client.get(BEAT_SLEUTEL):
                break
            time.sleep(0.1)
        houder = client.get(BEAT_SLEUTEL)
        assert houder is not None
        assert houder.decode().endswith(f":{eerste.pid}")

        tweede = beat(tmp_path / "tweede")
        uitvoer, _ = tweede.communicate(timeout=60)
        assert tweede.returncode != 0
        assert "Er draait al een Celery beat" in uitvoer
        assert client.get(BEAT_SLEUTEL) == houder
    finally:
        eerste.terminate()
        eerste.wait(timeout=30)
        # What the beat sent on starting must not reach the workers of later tests.
        from mensenhandel.celery import app

        app.control.purge()
    # Stopped cleanly, the first one gives the lock back.
    assert client.get(BEAT_SLEUTEL) is None


@pytest.mark.parametrize("taak", sorted(settings.CELERY_BEAT_SCHEDULE))
def test_every_periodic_task_exists(taak: str) -> None:
    from mensenhandel.celery import app

    app.loader.import_default_modules()
    assert settings.CELERY_BEAT_SCHEDULE[taak]["task"] in app.tasks
