from typing import Any

import pytest
from django.conf import settings
from django.test import Client

import evaluatie.tasks
import meldroute.tasks
import signalen.tasks
from ketenpartners.models import Gebruiker, Organisatie
from tests.factories import OrganisatieFactory, af, medewerker
from tests.inloggen import tweede_factor_in_sessie

pytest_plugins = ("celery.contrib.pytest",)


@pytest.fixture(autouse=True)
def _force_login_met_tweede_factor(monkeypatch: pytest.MonkeyPatch) -> None:
    """``client.force_login`` stands for a finished login: the password and the second factor.

    Tests of the second factor itself log in through the login form (tests/inloggen.py).
    """
    force_login = Client.force_login

    def met_tweede_factor(self: Client, user: Any, backend: str | None = None) -> None:
        force_login(self, user, backend)
        tweede_factor_in_sessie(self, user)

    monkeypatch.setattr(Client, "force_login", met_tweede_factor)


@pytest.fixture
def hoorn() -> Organisatie:
    return OrganisatieFactory(naam="Hoorn")


@pytest.fixture
def enkhuizen() -> Organisatie:
    return OrganisatieFactory(naam="Enkhuizen")


@pytest.fixture
def af_hoorn(hoorn: Organisatie) -> Gebruiker:
    return af(hoorn, username="af.hoorn", first_name="Anna", last_name="de Vries")


@pytest.fixture
def af_hoorn_2(hoorn: Organisatie) -> Gebruiker:
    return af(hoorn, username="af.hoorn.2", first_name="Bram", last_name="Bakker")


@pytest.fixture
def af_enkhuizen(enkhuizen: Organisatie) -> Gebruiker:
    return af(enkhuizen, username="af.enkhuizen", first_name="Carla", last_name="Visser")


@pytest.fixture
def melder_hoorn(hoorn: Organisatie) -> Gebruiker:
    return medewerker(hoorn, username="balie.hoorn", first_name="Dirk", last_name="Smit")


@pytest.fixture
def melder_enkhuizen(enkhuizen: Organisatie) -> Gebruiker:
    return medewerker(enkhuizen, username="balie.enkhuizen", first_name="Eva", last_name="Mulder")


# Celery: a real worker (thread) on the Redis of this machine, for tests that depend on one.


@pytest.fixture(scope="session")
def celery_config() -> dict[str, Any]:
    return {
        "broker_url": settings.CELERY_BROKER_URL,
        "broker_transport_options": settings.CELERY_BROKER_TRANSPORT_OPTIONS,
        "task_serializer": "json",
        "accept_content": ["json"],
        # Results only in the tests, so a test can wait for a task the worker runs (.get()).
        "result_backend": settings.CELERY_BROKER_URL,
        "task_ignore_result": False,
    }


@pytest.fixture(scope="session")
def celery_includes() -> list[str]:
    # Imported at the top of this module too: celery.contrib.pytest forgets the shared tasks
    # first imported inside one test's app, and the next test's app would not know them.
    return [signalen.tasks.__name__, meldroute.tasks.__name__, evaluatie.tasks.__name__]


@pytest.fixture(scope="session")
def celery_worker_parameters() -> dict[str, Any]:
    return {"queues": ("celery",), "perform_ping_check": False}


@pytest.fixture
def lege_wachtrij(celery_app: Any) -> None:
    """Tasks left in Redis by earlier tests refer to signals that no longer exist."""
    celery_app.control.purge()


@pytest.fixture
def worker(lege_wachtrij: None, celery_worker: Any) -> Any:
    """A real Celery worker (thread) on Redis, for the length of one test."""
    return celery_worker
