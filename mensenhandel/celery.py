import atexit
import fcntl
import logging
import os
import signal
import socket
import threading
from pathlib import Path
from typing import Any, TextIO

from celery import Celery
from celery.signals import beat_init

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mensenhandel.settings.base")

app = Celery("mensenhandel")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

logger = logging.getLogger(__name__)

# Only one beat may run: two would start every periodic job twice. The jobs are idempotent, so
# that would waste work rather than send mail twice, but the schedule is meant to be one.
BEAT_SLEUTEL = "mensenhandel:beat"
BEAT_GELDIG = 60  # seconds the Redis lock lives without renewal
_VERLENGEN = """
if redis.call('get', KEYS[1]) == ARGV[1] then
    return redis.call('expire', KEYS[1], ARGV[2])
end
return 0
"""
_VRIJGEVEN = """
if redis.call('get', KEYS[1]) == ARGV[1] then
    return redis.call('del', KEYS[1])
end
return 0
"""
_slot: TextIO | None = None


class AlEenBeat(SystemExit):
    def __init__(self, wie: str) -> None:
        super().__init__(f"Er draait al een Celery beat ({wie}); er mag er maar één draaien. Deze stopt.")


def _redis_vasthouden(url: str) -> None:
    import redis

    client = redis.Redis.from_url(url)
    ik = f"{socket.gethostname()}:{os.getpid()}"
    if not client.set(BEAT_SLEUTEL, ik, nx=True, ex=BEAT_GELDIG):
        houder = client.get(BEAT_SLEUTEL) or b"?"
        raise AlEenBeat(houder.decode() if isinstance(houder, bytes) else str(houder))
    verlengen = client.register_script(_VERLENGEN)

    def bijhouden() -> None:
        while True:
            threading.Event().wait(BEAT_GELDIG / 3)
            try:
                if not verlengen(keys=[BEAT_SLEUTEL], args=[ik, BEAT_GELDIG]):
                    logger.critical("Het beat-slot is kwijt; deze beat stopt om er niet twee te laten draaien.")
                    os.kill(os.getpid(), signal.SIGTERM)
                    return
            except redis.RedisError:
                logger.warning("Het beat-slot kon niet worden verlengd; nieuwe poging over %s s", BEAT_GELDIG // 3)

    threading.Thread(target=bijhouden, name="beat-slot", daemon=True).start()
    vrijgeven = client.register_script(_VRIJGEVEN)
    atexit.register(lambda: vrijgeven(keys=[BEAT_SLEUTEL], args=[ik]))


def _bestand_vasthouden(pad: Path) -> None:
    global _slot
    pad.parent.mkdir(parents=True, exist_ok=True)
    _slot = pad.open("a+")
    try:
        fcntl.flock(_slot, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        raise AlEenBeat(str(pad)) from None


@beat_init.connect
def een_beat(sender: Any = None, **kwargs: Any) -> None:
    """Take the beat's lock: in Redis when that is the broker, else a file lock (quick start)."""
    from django.conf import settings

    broker = str(app.conf.broker_url or "")
    if broker.startswith(("redis://", "rediss://")):
        _redis_vasthouden(broker)
    else:
        _bestand_vasthouden(Path(settings.VAR_DIR) / "celerybeat.lock")
