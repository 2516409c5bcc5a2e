"""The match keys of a signal: written by every service that changes betrokkenen or locaties, in
the same transaction; keyed hashes only, no plaintext; gone with the signal."""

import datetime
import hashlib
import importlib
import re
from typing import Any

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import connection, transaction
from django.test import override_settings

from gegevensbescherming import fg
from ketenpartners.models import Gebruiker, Organisatie, Rol
from meldroute import services
from signalen.bewaring.verwijderen import anonimiseren
from signalen.models import Matchsleutel, Signaal
from signalen.samenhang.sleutels import versleuteld
from signalen.workflow import Status
from tests.factories import gebruiker_met_rol, naar_status, signaal_melden

pytestmark = pytest.mark.django_db

GEBOREN = datetime.date(1990, 5, 17)
JAN = {
    "rol": "slachtoffer",
    "naam": "J. van Janssen",
    "geboortedatum": GEBOREN,
    "adres": "Kerkstr. 12, 1621 AB Hoorn",
    "telefoon": "06-12345678",
}
GLANS = {"adres": "Dijkweg 3 Zwaag", "bedrijfsnaam": "Schoonmaakbedrijf Glans B.V.", "kvk_nummer": "12345678"}

# The normalised keys of JAN and GLANS (the plaintext the hashes are made of).
JAN_SLEUTELS = {
    ("naam_geboortedatum", "janssen|1990-05-17"),
    ("fonetisch_geboortedatum", "jansen|1990-05-17"),
    ("postcode_huisnummer", "1621ab|12"),
    ("adres", "kerkstraat 12 hoorn"),
    ("telefoon", "+31612345678"),
}
GLANS_SLEUTELS = {
    ("adres", "dijkweg 3 zwaag"),
    ("kvk", "12345678"),
    ("bedrijfsnaam", "schoonmaakbedrijfglans"),
}


def gehasht(sleutels: set[tuple[str, str]]) -> set[tuple[str, str]]:
    return {(soort, versleuteld(soort, waarde)) for soort, waarde in sleutels}


def opgeslagen(signaal: Signaal) -> set[tuple[str, str]]:
    return set(Matchsleutel.objects.filter(signaal=signaal).values_list("soort", "waarde"))


@pytest.fixture
def signaal(melder_hoorn: Gebruiker, af_hoorn: Gebruiker) -> Signaal:
    signaal = signaal_melden(melder=melder_hoorn, betrokkenen=[JAN], locaties=[GLANS])
    return naar_status(signaal, Status.VERRIJKT, door=af_hoorn)


def test_intake_stores_the_keys_of_betrokkenen_and_locaties_in_the_intake_transaction(
    melder_hoorn: Gebruiker, hoorn: Organisatie, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=False), transaction.atomic():
        signaal = signaal_melden(melder=melder_hoorn, betrokkenen=[JAN], locaties=[GLANS])
        # Before the commit, not in a task afterwards.
        assert opgeslagen(signaal) == gehasht(JAN_SLEUTELS | GLANS_SLEUTELS)

    assert set(Matchsleutel.objects.filter(signaal=signaal).values_list("gemeente", flat=True)) == {hoorn.pk}


def test_an_intake_that_fails_leaves_no_keys(melder_hoorn: Gebruiker) -> None:
    @transaction.atomic
    def melden_en_afbreken() -> None:
        signaal_melden(melder=melder_hoorn, betrokkenen=[JAN], locaties=[GLANS])
        assert Matchsleutel.objects.count() == 8
        raise RuntimeError("de intake breekt af na het opslaan")

    with pytest.raises(RuntimeError):
        melden_en_afbreken()

    assert Matchsleutel.objects.count() == 0


def test_the_af_adding_and_changing_betrokkenen_and_locaties_rebuilds_the_keys(
    signaal: Signaal, af_hoorn: Gebruiker
) -> None:
    piet = {"rol": "dader", "naam": "Pietersen, Piet", "geboortedatum": datetime.date(1975, 2, 3)}
    nieuw = services.betrokkene_toevoegen(signaal_id=signaal.pk, door=af_hoorn, gegevens=piet)
    piet_sleutels = {
        ("naam_geboortedatum", "pietersen|1975-02-03"),
        ("fonetisch_geboortedatum", "pietersen|1975-02-03"),
    }
    assert opgeslagen(signaal) == gehasht(JAN_SLEUTELS | GLANS_SLEUTELS | piet_sleutels)

    services.betrokkene_wijzigen(
        signaal_id=signaal.pk, betrokkene_id=nieuw.pk, door=af_hoorn, gegevens={"geboortedatum": None}
    )
    assert opgeslagen(signaal) == gehasht(JAN_SLEUTELS | GLANS_SLEUTELS)

    pand = services.locatie_toevoegen(signaal_id=signaal.pk, door=af_hoorn, gegevens={"adres": "1621ab 40-2"})
    assert opgeslagen(signaal) == gehasht(JAN_SLEUTELS | GLANS_SLEUTELS | {("postcode_huisnummer", "1621ab|40-2")})

    services.locatie_wijzigen(
        signaal_id=signaal.pk, locatie_id=pand.pk, door=af_hoorn, gegevens={"adres": "Kerkstraat 12 Hoorn"}
    )
    # Kerkstraat 12 Hoorn is JAN's address already: one key, once.
    assert opgeslagen(signaal) == gehasht(JAN_SLEUTELS | GLANS_SLEUTELS)
    assert Matchsleutel.objects.filter(signaal=signaal).count() == 8


def test_the_fg_correcting_and_removing_a_betrokkene_rebuilds_the_keys(signaal: Signaal, hoorn: Organisatie) -> None:
    fg_hoorn = gebruiker_met_rol(hoorn, Rol.FG, username="fg.hoorn")
    jan = signaal.betrokkenen.get()

    fg.betrokkene_corrigeren(
        door=fg_hoorn,
        signaal_id=signaal.pk,
        betrokkene_id=jan.pk,
        gegevens={"naam": "Jan de Vries", "telefoon": ""},
        reden=fg.Reden.RECTIFICATIE,
    )
    assert opgeslagen(signaal) == gehasht(
        {
            ("naam_geboortedatum", "vries|1990-05-17"),
            ("fonetisch_geboortedatum", "vries|1990-05-17"),
            ("postcode_huisnummer", "1621ab|12"),
            ("adres", "kerkstraat 12 hoorn"),
        }
        | GLANS_SLEUTELS
    )

    fg.betrokkene_verwijderen(door=fg_hoorn, signaal_id=signaal.pk, betrokkene_id=jan.pk, reden=fg.Reden.WISSING)
    assert opgeslagen(signaal) == gehasht(GLANS_SLEUTELS)


def test_a_key_is_an_hmac_with_the_secret_and_holds_no_plaintext(signaal: Signaal) -> None:
    waarden = list(Matchsleutel.objects.filter(signaal=signaal).values_list("soort", "waarde"))
    assert len(waarden) == 8
    assert all(re.fullmatch(r"[0-9a-f]{64}", waarde) for _, waarde in waarden)
    # Not a plain hash, which anyone could compute for every name and birth date.
    platte_hashes = {hashlib.sha256(f"{s}:{w}".encode()).hexdigest() for s, w in JAN_SLEUTELS | GLANS_SLEUTELS}
    assert not platte_hashes & {waarde for _, waarde in waarden}
    # No column of the table holds any of the data it was made of.
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM signalen_matchsleutel")
        tekst = " ".join(str(waarde) for rij in cursor.fetchall() for waarde in rij).lower()
    for spoor in ["janssen", "jansen", "1990", "1621", "kerk", "hoorn", "612345678", "12345678", "glans", "dijk"]:
        assert spoor not in tekst


def test_another_secret_gives_other_keys_and_the_command_rebuilds_them(signaal: Signaal) -> None:
    oud = opgeslagen(signaal)
    with override_settings(SAMENHANG_SLEUTEL="een-andere-sleutel-van-minstens-32-tekens"):
        nieuw = gehasht(JAN_SLEUTELS | GLANS_SLEUTELS)
        assert not oud & nieuw

        call_command("matchsleutels_herberekenen", stdout=(uitvoer := _Uitvoer()))

        assert opgeslagen(signaal) == nieuw
    assert uitvoer.tekst == "Matchsleutels herberekend: 1 signalen, 8 sleutels.\n"


class _Uitvoer:
    def __init__(self) -> None:
        self.tekst = ""

    def write(self, tekst: str) -> None:
        self.tekst += tekst

    def flush(self) -> None:
        pass


def test_the_data_migration_fills_the_same_keys_for_a_signal_stored_before_them(signaal: Signaal) -> None:
    verwacht = opgeslagen(signaal)
    Matchsleutel.objects.all().delete()
    migratie = importlib.import_module("signalen.migrations.0016_matchsleutels_vullen")

    migratie.vullen(apps, None)

    assert opgeslagen(signaal) == verwacht


def test_the_migration_adds_the_street_key_of_an_address_without_a_place(melder_hoorn: Gebruiker) -> None:
    signaal = signaal_melden(melder=melder_hoorn, locaties=[{"adres": "Grote Noord 7", "kvk_nummer": "12345678"}])
    verwacht = opgeslagen(signaal)
    assert ("adres", versleuteld("adres", "grotenoord 7 hoorn")) in verwacht
    # As stored before the place of the gemeente counted: the KvK key only.
    Matchsleutel.objects.filter(signaal=signaal, soort="adres").delete()
    migratie = importlib.import_module("signalen.migrations.0019_adressleutels_zonder_plaats")

    migratie.aanvullen(apps, None)
    migratie.aanvullen(apps, None)  # Twice: nothing doubles.

    assert opgeslagen(signaal) == verwacht
    assert Matchsleutel.objects.filter(signaal=signaal).count() == 2


def test_the_keys_go_with_the_signal_past_its_term(signaal: Signaal, af_hoorn: Gebruiker) -> None:
    naar_status(signaal, Status.AFGESLOTEN, door=af_hoorn)
    assert Matchsleutel.objects.count() == 8

    # Eleven years on, past the longest term (120 months).
    anonimisering = anonimiseren(signaal_id=signaal.pk, vandaag=datetime.date.today() + datetime.timedelta(days=4020))

    assert anonimisering is not None
    assert anonimisering.aantallen["signalen.Matchsleutel"] == 8
    assert Matchsleutel.objects.count() == 0
