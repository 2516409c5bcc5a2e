"""The world the form fuzzing works in: values per field, and Hoorn with what each form needs."""

import datetime
from functools import cached_property
from typing import Any

import pytest
from django import forms
from django.utils import timezone
from hypothesis import strategies as st

from evaluatie import rapporten
from evaluatie.models import Rapport, Training
from ketenpartners.models import Gebruiker, Organisatie, Rol
from meldroute.acties import ACTIES
from signalen import bewaring
from signalen.models import Signaal, Team
from tafels import services as tafelservices
from tafels.models import Agendapunt, Tafel
from tests.factories import (
    OrganisatieFactory,
    delen,
    gebruiker_met_rol,
    naar_status,
    signaal_melden,
)

# -- values --------------------------------------------------------------------------------------

WEGLATEN = object()  # drop the field from the request

BIJZONDERE_TEKST = [
    "",
    " ",
    "\x00",
    "a\x00b",
    "\r\n",
    "１２３４５６７８",
    "١٢٣٤٥٦٧٨",
    "۱۲۳۴۵۶۷۸",
    "０６１２３４５６７８",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "%00",
    "{{ 7*7 }}",
    "\u202e\u200b\ufeff",
    "😀" * 3,
    "MH-2026-00001",
    "-1",
    "99999999999999999999999",
]
TEKENS = st.characters(codec="utf-8")  # every code point a request can carry: no surrogates
LANG = st.builds(
    lambda teken, aantal: teken * aantal,
    st.sampled_from(["a", "é", "\x00", "１", "\r\n", "😀", "ß"]),
    st.integers(min_value=190, max_value=12_000),
)
TEKST = st.one_of(
    st.text(TEKENS, max_size=40),
    st.text(st.characters(categories=["Cc", "Cf", "Co", "Zs", "Zl", "Nd", "No", "Mn", "So"]), max_size=20),
    st.sampled_from(BIJZONDERE_TEKST),
    LANG,
)
GETAL = st.one_of(
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
    st.integers(min_value=-3, max_value=30).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
    st.sampled_from(["１２", "١٢", "1e3", "0x1F", " 7 ", "-0", "1_000", "2147483648"]),
)


def _datums() -> st.SearchStrategy[str]:
    vandaag = timezone.localdate()
    return st.one_of(
        st.dates(min_value=datetime.date(1, 1, 1)).map(lambda d: d.isoformat()),
        st.integers(min_value=-800, max_value=800).map(lambda n: (vandaag + datetime.timedelta(days=n)).isoformat()),
        st.dates(min_value=datetime.date(1900, 1, 1), max_value=datetime.date(2099, 12, 31)).map(
            lambda d: d.strftime("%d-%m-%Y")
        ),
        st.sampled_from(
            ["0001-01-01", "9999-12-31", "10000-01-01", "2026-02-30", "0000-00-00", "gisteren", "２０２６-０１-０１"]
        ),
        TEKST,
    )


def veldstrategie(veld: forms.Field) -> st.SearchStrategy[Any]:
    """Random values for one form field, read from the kind of field (a valid one now and then)."""
    if isinstance(veld, forms.FileField):
        return st.just(WEGLATEN)
    if isinstance(veld, forms.ModelMultipleChoiceField | forms.ModelChoiceField):
        pks = [str(pk) for pk in veld.queryset.values_list("pk", flat=True)[:20]] or ["1"]
        keuze = st.one_of(st.sampled_from(pks), GETAL, TEKST)
        if isinstance(veld, forms.ModelMultipleChoiceField):
            return st.lists(keuze, max_size=4)
        return keuze
    if isinstance(veld, forms.ChoiceField):
        waarden = [str(w) for w, label in veld.choices if not isinstance(label, list | tuple)] or [""]
        keuze = st.one_of(st.sampled_from(waarden), TEKST)
        if isinstance(veld, forms.MultipleChoiceField):
            return st.lists(keuze, max_size=4)
        return keuze
    if isinstance(veld, forms.BooleanField):
        return st.one_of(st.sampled_from(["on", "", "true", "false", "0", "1"]), TEKST)
    if isinstance(veld, forms.DateField):
        return _datums()
    if isinstance(veld, forms.IntegerField | forms.DecimalField | forms.FloatField):
        return GETAL
    return TEKST


# -- the world ----------------------------------------------------------------------------------


class Wereld:
    """Gemeente Hoorn with its people; signals, a share, a report and a training when a form needs them.

    Made on first use, before the first example, so every example starts from the same rows.
    """

    ROLLEN = {
        "partner": Rol.KETENPARTNER,
        "coordinator": Rol.COORDINATOR,
        "fg": Rol.FG,
        "beheerder": Rol.BEHEERDER,
    }

    def __init__(self, hoorn: Organisatie, af_hoorn: Gebruiker, melder_hoorn: Gebruiker) -> None:
        self.hoorn = hoorn
        self.regio = hoorn.regios.get()
        self.gebruikers = {"af": af_hoorn, "melder": melder_hoorn}
        self._per_actie: dict[str, Signaal] = {}

    def gebruiker(self, rol: str) -> Gebruiker:
        if rol not in self.gebruikers:
            organisatie = self.politie if rol == "partner" else self.hoorn
            self.gebruikers[rol] = gebruiker_met_rol(organisatie, self.ROLLEN[rol], username=rol)
        return self.gebruikers[rol]

    @cached_property
    def politie(self) -> Organisatie:
        return OrganisatieFactory(naam="Politie Noord-Holland", soort=Organisatie.Soort.POLITIE)

    def signaal_voor(self, actie: str) -> Signaal:
        """A signal in the first step where the route action is available."""
        if actie not in self._per_actie:
            signaal = signaal_melden(melder=self.gebruikers["melder"])
            self._per_actie[actie] = naar_status(signaal, ACTIES[actie].statussen[0], door=self.gebruikers["af"])
        return self._per_actie[actie]

    @cached_property
    def gedeeld(self) -> Signaal:
        signaal = signaal_melden(melder=self.gebruikers["melder"])
        delen(signaal, door=self.gebruikers["af"], organisatie=self.politie)
        return signaal

    @cached_property
    def met_betrokkene(self) -> Signaal:
        return signaal_melden(
            melder=self.gebruikers["melder"],
            betrokkenen=[{"rol": "slachtoffer", "naam": "Jan Jansen", "geboortedatum": datetime.date(1990, 5, 17)}],
        )

    @cached_property
    def bewaard(self) -> Signaal:
        signaal = signaal_melden(melder=self.gebruikers["melder"])
        bewaring.bewaren(door=self.gebruiker("fg"), referentie=signaal.referentie, reden="Strafzaak loopt.")
        return signaal

    @cached_property
    def rapport(self) -> Rapport:
        gisteren = timezone.localdate() - datetime.timedelta(days=1)
        van = gisteren - datetime.timedelta(days=365)
        return rapporten.starten(door=self.gebruiker("coordinator"), regio=self.regio, van=van, tot=gisteren)

    @cached_property
    def training(self) -> Training:
        training = Training.objects.create(
            gemeente=self.hoorn,
            datum=timezone.localdate() - datetime.timedelta(days=1),
            deelnemers=5,
            aanbieder="fairwork",
            onderwerp="Herkennen",
            geregistreerd_door=self.gebruikers["af"],
        )
        training.teams.set([Team.objects.get(naam="Balie")])
        return training

    @cached_property
    def tafel(self) -> Tafel:
        tafel = Tafel.objects.create(
            naam="Lokale ondermijningstafel Hoorn", soort="lokale_ondermijningstafel", gemeente=self.hoorn
        )
        tafel.leden.set([self.politie])
        return tafel

    @cached_property
    def agendapunt(self) -> Agendapunt:
        bijeenkomst = tafelservices.bijeenkomst_plannen(
            tafel_id=self.tafel.pk,
            door=self.gebruikers["af"],
            datum=timezone.localdate(),
            aanvang=datetime.time(14),
            plaats="Stadhuis",
        )
        signaal = naar_status(
            signaal_melden(melder=self.gebruikers["melder"]), "lokale_tafel", door=self.gebruikers["af"]
        )
        return tafelservices.agendapunt_toevoegen(
            bijeenkomst_id=bijeenkomst.pk, door=self.gebruikers["af"], signaal_id=signaal.pk, soort="nieuw"
        )


@pytest.fixture
def wereld(hoorn: Organisatie, af_hoorn: Gebruiker, af_hoorn_2: Gebruiker, melder_hoorn: Gebruiker) -> Wereld:
    return Wereld(hoorn, af_hoorn, melder_hoorn)
