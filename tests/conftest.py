import pytest

from ketenpartners.models import Gebruiker, Organisatie
from tests.factories import OrganisatieFactory, af, medewerker

pytest_plugins = ("celery.contrib.pytest",)


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
