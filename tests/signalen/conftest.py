"""Fixtures of tests/signalen: the world of the retention tests (tests/signalen/bewaring_hulp.py).

A module with a ``wereld`` of its own (test_logboek_bereik.py) uses that one instead.
"""

from pathlib import Path
from typing import Any

import pytest

from ketenpartners.models import Organisatie, Regio, Rol
from ketenpartners.services import lidmaatschap_toevoegen
from tests.factories import OrganisatieFactory, RegioFactory, af, gebruiker_met_rol, medewerker
from tests.signalen.bewaring_hulp import Wereld


@pytest.fixture
def opslag(settings: Any, tmp_path: Path) -> Path:
    """Attachments in a folder of this test alone, so "no file left" means exactly that."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path), "base_url": None},
        },
    }
    return tmp_path


@pytest.fixture
def wereld(opslag: Path) -> Wereld:
    hoorn = OrganisatieFactory(naam="Hoorn")
    enkhuizen = OrganisatieFactory(naam="Enkhuizen")
    leeuwarden = OrganisatieFactory(naam="Leeuwarden", regio=RegioFactory(naam="Fryslân"))
    politie = OrganisatieFactory(naam="Politie Noord-Holland", soort=Organisatie.Soort.POLITIE)
    # The FG both gemeenten of Westfriesland appointed: they serve the whole regio.
    fg = gebruiker_met_rol(hoorn, Rol.FG, username="fg.westfriesland", first_name="Fenna", last_name="Gerritsen")
    lidmaatschap_toevoegen(gebruiker=fg, organisatie=enkhuizen, rol=Rol.FG)
    return Wereld(
        westfriesland=Regio.objects.get(naam="Westfriesland"),
        hoorn=hoorn,
        enkhuizen=enkhuizen,
        leeuwarden=leeuwarden,
        politie=politie,
        af_hoorn=af(hoorn, username="af.hoorn"),
        melder=medewerker(hoorn, username="balie.hoorn"),
        agent=gebruiker_met_rol(politie, Rol.KETENPARTNER, username="agent"),
        fg=fg,
        fg_fryslan=gebruiker_met_rol(leeuwarden, Rol.FG, username="fg.leeuwarden"),
    )
