"""Every form of the product under random input (hypothesis), through real requests.

Per form, each example starts from a valid submission and replaces, drops or doubles a random
choice of its fields, and may add extra keys (management-form counts of a formset, unknown names).
Values are random text over every Unicode category a request can carry (NUL and other control
characters included; surrogates cannot travel in a request), very long strings, full-width and
Arabic-Indic digits, random numbers, and dates as strings: year 1, 9999, impossible days and
garbage. The fields and their strategies are read from the form itself, so a field added later is
fuzzed as well.

What must hold for every example:
- never a server error: the answer is a page (200) or a redirect (302);
- when the answer is not a redirect, the form was refused, and then not one row of any table of
  the product was added, removed or changed (for a route action: the signal's step, its timeline
  and its data). The access log is left out: refusing is logged there on purpose.

Each example runs in a savepoint that is rolled back, so every example starts from the same world.

Extending: add a ``Formuliergeval`` to ``FORMULIEREN`` (or to the list a test module of its own
builds the same way) with the user who fills it in, its address, the form(s) to read the fields
from and one valid submission. The FG's tools (rights of betrokkenen, access export, retention) are in the list too.

``HYPOTHESIS_PROFILE=grondig`` runs many more examples per form.
"""

import datetime
import html
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import pytest
from django import forms
from django.apps import apps
from django.contrib import admin
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, models, transaction
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from evaluatie import rapporten
from evaluatie.forms import BasisniveauForm, DashboardFilterForm, TrainingForm
from evaluatie.models import Rapport, Training
from evaluatie.views.rapporten import ConclusiesForm, MonitoringForm, PeriodeForm
from gegevensbescherming.views import BetrokkeneZoekForm, CorrectieForm, ToegangForm, VerwijderForm
from ketenpartners.models import Gebruiker, Organisatie, Regio, Rol
from meldroute.acties import ACTIES
from meldroute.forms import DelenForm, TerugmeldingForm, WerkbakFilterForm, ZoekForm
from signalen import bewaring
from signalen.forms import BetrokkeneForm, LocatieForm, SignaalForm
from signalen.forms_bewaring import BewaartermijnenForm, BewarenForm, OpheffenForm
from signalen.logboek import LogFilterForm
from signalen.models import Bijlage, Signaal, Team, TijdelijkeBijlage, Toegangslog, Vorm
from tafels import services as tafelservices
from tafels.forms import BesluitForm, BijeenkomstForm, TafelactieForm
from tafels.models import Agendapunt, Tafel
from tests.factories import (
    OrganisatieFactory,
    delen,
    gebruiker_met_rol,
    naar_status,
    signaal_melden,
    transitie_gegevens,
)

pytestmark = pytest.mark.django_db

hypothesis_settings.register_profile(
    "formulieren",
    max_examples=int(os.environ.get("FUZZ_VOORBEELDEN", "20")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)
hypothesis_settings.register_profile(
    "formulieren_grondig",
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)
PROFIEL = "formulieren_grondig" if os.environ.get("HYPOTHESIS_PROFILE") == "grondig" else "formulieren"

# Written on every request, refusals included, by design; not a sign of a partial save.
NIET_VERGELEKEN = {Toegangslog._meta.label, "sessions.Session", "axes.AccessAttempt", "axes.AccessLog"}
NIET_VERGELEKEN_APPS = {"axes", "sessions", "contenttypes"}

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


# -- the forms ----------------------------------------------------------------------------------

Velden = list[tuple[str, forms.BaseForm]]  # (prefix of the names in the request, form to read)


@dataclass(frozen=True)
class Formuliergeval:
    naam: str
    gebruiker: str  # a key of Wereld.gebruikers
    url: Callable[[Wereld], str]
    formulieren: Callable[[Wereld], Velden]
    geldig: Callable[[Wereld], dict[str, Any]]
    methode: str = "post"
    # Keys sent now and then besides the form's own fields, e.g. a formset's management form.
    extra_sleutels: tuple[str, ...] = ()
    voorbeelden: int | None = None  # fewer examples for a slow page
    # What the valid submission answers: a redirect after saving, a page for a filter or a search.
    gelukt: int = 302
    velden_uitsluiten: frozenset[str] = field(default_factory=frozenset)


def _dag(dagen: int) -> str:
    return (timezone.localdate() + datetime.timedelta(days=dagen)).isoformat()


def _melden_geldig(w: Wereld) -> dict[str, Any]:
    return {
        "gemeente": str(w.hoorn.pk),
        "team": str(Team.objects.get(naam="BOA").pk),
        "waargenomen_op": _dag(-2),
        "omschrijving": "In de nagelsalon slapen medewerkers achter in de zaak.",
        "vormen": [str(Vorm.objects.get(code="arbeidsuitbuiting").pk)],
        "acuut": "nee",
        "betrokkene-TOTAL_FORMS": "1",
        "betrokkene-INITIAL_FORMS": "0",
        "betrokkene-0-rol": "slachtoffer",
        "betrokkene-0-naam": "Jan Jansen",
        "betrokkene-0-telefoon": "06 12345678",
        "locatie-TOTAL_FORMS": "1",
        "locatie-INITIAL_FORMS": "0",
        "locatie-0-bedrijfsnaam": "Nagelstudio Voorbeeld",
        "locatie-0-kvk_nummer": "12345678",
        "actie": "indienen",
    }


def _actie_geldig(naam: str) -> Callable[[Wereld], dict[str, Any]]:
    def geldig(w: Wereld) -> dict[str, Any]:
        signaal = w.signaal_voor(naam)
        gegevens: dict[str, Any]
        if naam in ("verrijking_toevoegen",):
            gegevens = transitie_gegevens("verrijken", af_gebruiker=w.gebruikers["af"])
        elif naam == "herbeoordeling_plannen":
            gegevens = {"datum": _dag(30), "toelichting": "Over een maand opnieuw bekijken."}
        elif naam == "behandelaar_wijzigen":
            gegevens = {"behandelaar": w.gebruikers["af"]}
        else:
            gegevens = transitie_gegevens(naam, af_gebruiker=w.gebruikers["af"])
        tekst = {k: v.pk if isinstance(v, models.Model) else v for k, v in gegevens.items()}
        tekst = {k: v.isoformat() if isinstance(v, datetime.date) else str(v) for k, v in tekst.items()}
        return {"verwachte_status": signaal.status, **tekst}

    return geldig


def _actie_formulier(naam: str) -> Callable[[Wereld], Velden]:
    def formulieren(w: Wereld) -> Velden:
        actie = ACTIES[naam]
        extra = {"gebruiker": w.gebruikers["af"]} if "behandelaar" in actie.form.base_fields else {}
        return [("", actie.form(signaal=w.signaal_voor(naam), **extra))]

    return formulieren


def _admin_formulier(model: type[models.Model]) -> Callable[[Wereld], Velden]:
    """The admin's own add form, and the first row of each inline, as the beheerder gets them."""

    def formulieren(w: Wereld) -> Velden:
        verzoek = RequestFactory().get("/")
        verzoek.user = w.gebruiker("beheerder")
        modeladmin = admin.site._registry[model]
        gevonden: Velden = [("", modeladmin.get_form(verzoek, None, change=False)())]
        for formset, _ in modeladmin.get_formsets_with_inlines(verzoek):
            gevonden.append((f"{formset.get_default_prefix()}-0-", formset(instance=model()).empty_form))
        return gevonden

    return formulieren


def _admin_geldig(model: type[models.Model], gegevens: Callable[[Wereld], dict[str, Any]]) -> Callable[..., Any]:
    def geldig(w: Wereld) -> dict[str, Any]:
        verzoek = RequestFactory().get("/")
        verzoek.user = w.gebruiker("beheerder")
        beheer: dict[str, Any] = {}
        for formset, _ in admin.site._registry[model].get_formsets_with_inlines(verzoek):
            prefix = formset.get_default_prefix()
            beheer |= {f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"}
        return beheer | gegevens(w)

    return geldig


def _admin_sleutels(prefix: str) -> tuple[str, ...]:
    return tuple(
        f"{prefix}-{sleutel}" for sleutel in ("TOTAL_FORMS", "INITIAL_FORMS", "MIN_NUM_FORMS", "MAX_NUM_FORMS")
    )


def _periode(w: Wereld) -> dict[str, Any]:
    return {"regio": str(w.regio.pk), "van": _dag(-400), "tot": _dag(-1)}


def _add_url(model: type[models.Model]) -> Callable[[Wereld], str]:
    return lambda w: reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_add")


FORMULIEREN: list[Formuliergeval] = [
    Formuliergeval(
        naam="melden",
        gebruiker="melder",
        url=lambda w: reverse("signalen:melden"),
        formulieren=lambda w: [
            ("", SignaalForm(melder=w.gebruikers["melder"])),
            ("betrokkene-0-", BetrokkeneForm()),
            ("locatie-0-", LocatieForm()),
        ],
        geldig=_melden_geldig,
        extra_sleutels=(
            *(f"{p}-{s}" for p in ("betrokkene", "locatie") for s in ("TOTAL_FORMS", "INITIAL_FORMS", "MAX_NUM_FORMS")),
            "betrokkene-0-DELETE",
            "betrokkene-1-naam",
            "locatie-0-DELETE",
            "bewaarde_bijlage",
            "actie",
        ),
    ),
    *(
        Formuliergeval(
            naam=f"actie {naam}",
            gebruiker="af",
            url=lambda w, naam=naam: reverse("meldroute:actie", args=[w.signaal_voor(naam).pk, naam]),
            formulieren=_actie_formulier(naam),
            geldig=_actie_geldig(naam),
            voorbeelden=15,
        )
        for naam in ACTIES
    ),
    Formuliergeval(
        naam="delen",
        gebruiker="af",
        url=lambda w: reverse("meldroute:delen", args=[w.signaal_voor("verrijken").pk]),
        formulieren=lambda w: [("", DelenForm(signaal=w.signaal_voor("verrijken")))],
        geldig=lambda w: {
            "organisatie": str(w.politie.pk),
            "grondslag": "riec_convenant",
            "reden": "Besproken aan de lokale tafel.",
            "einddatum": _dag(30),
        },
    ),
    Formuliergeval(
        naam="terugmelding",
        gebruiker="partner",
        url=lambda w: reverse("meldroute:terugmelding", args=[w.gedeeld.pk]),
        formulieren=lambda w: [("", TerugmeldingForm())],
        geldig=lambda w: {"tekst": "Adres bezocht, niemand aangetroffen.", "voorgestelde_afloop": "zorgtraject"},
    ),
    Formuliergeval(
        naam="werkbak filter",
        gebruiker="af",
        url=lambda w: reverse("meldroute:werkbak"),
        formulieren=lambda w: [("", WerkbakFilterForm(vormen=list(Vorm.objects.values_list("code", "naam"))))],
        geldig=lambda w: {"stap": "ontvangen", "sortering": "termijn"},
        methode="get",
        extra_sleutels=("pagina",),
    ),
    Formuliergeval(
        naam="werkbak zoeken",
        gebruiker="af",
        url=lambda w: reverse("meldroute:werkbak"),
        formulieren=lambda w: [("", ZoekForm())],
        geldig=lambda w: {"zoek": "Jan Jansen"},
        gelukt=200,
    ),
    *(
        Formuliergeval(
            naam=f"logboek {soort}",
            gebruiker="fg",
            url=lambda w, soort=soort: reverse(f"signalen:logboek_{soort}"),
            formulieren=lambda w: [("", LogFilterForm(fg=w.gebruiker("fg")))],
            geldig=lambda w: {"gebruiker": "af.hoorn", "van": _dag(-30), "tot": _dag(0)},
            methode="get",
            extra_sleutels=("pagina",),
        )
        for soort in ("toegang", "audit")
    ),
    Formuliergeval(
        naam="fg betrokkene zoeken",
        gebruiker="fg",
        url=lambda w: reverse("gegevensbescherming:betrokkenen"),
        formulieren=lambda w: [("", BetrokkeneZoekForm())],
        geldig=lambda w: {"naam": "Jansen, Jan", "geboortedatum": "1990-05-17"},
        gelukt=200,
    ),
    Formuliergeval(
        naam="fg betrokkene corrigeren",
        gebruiker="fg",
        url=lambda w: reverse(
            "gegevensbescherming:corrigeren", args=[w.met_betrokkene.pk, w.met_betrokkene.betrokkenen.get().pk]
        ),
        formulieren=lambda w: [("", CorrectieForm())],
        geldig=lambda w: {
            "rol": "slachtoffer",
            "naam": "Jan Janssen",
            "geboortedatum": "1990-05-17",
            "reden": "onjuist",
        },
    ),
    Formuliergeval(
        naam="fg betrokkene verwijderen",
        gebruiker="fg",
        url=lambda w: reverse(
            "gegevensbescherming:verwijderen", args=[w.met_betrokkene.pk, w.met_betrokkene.betrokkenen.get().pk]
        ),
        formulieren=lambda w: [("", VerwijderForm())],
        geldig=lambda w: {"reden": "wissing"},
    ),
    Formuliergeval(
        naam="fg toegangsexport",
        gebruiker="fg",
        url=lambda w: reverse("gegevensbescherming:toegang"),
        formulieren=lambda w: [("", ToegangForm(fg_gebruiker=w.gebruiker("fg")))],
        geldig=lambda w: {"signaal": w.met_betrokkene.referentie, "van": _dag(-30), "tot": _dag(0)},
        methode="get",
        extra_sleutels=("pagina",),
    ),
    Formuliergeval(
        naam="fg bewaartermijnen",
        gebruiker="fg",
        url=lambda w: reverse("signalen:bewaartermijnen"),
        formulieren=lambda w: [(f"regio-{w.regio.pk}-", BewaartermijnenForm())],
        geldig=lambda w: {"regio": str(w.regio.pk), f"regio-{w.regio.pk}-teruglegging": "18"},
        extra_sleutels=("regio",),
    ),
    Formuliergeval(
        naam="fg bewaren",
        gebruiker="fg",
        url=lambda w: reverse("signalen:bewaren"),
        formulieren=lambda w: [("", BewarenForm())],
        geldig=lambda w: {"referentie": w.signaal_voor("verrijken").referentie, "reden": "Strafzaak loopt."},
    ),
    Formuliergeval(
        naam="fg bewaring opheffen",
        gebruiker="fg",
        url=lambda w: reverse("signalen:bewaren_opheffen"),
        formulieren=lambda w: [("", OpheffenForm())],
        geldig=lambda w: {"referentie": w.bewaard.referentie, "reden": "Uitspraak onherroepelijk."},
    ),
    Formuliergeval(
        naam="dashboard filter",
        gebruiker="coordinator",
        url=lambda w: reverse("evaluatie:dashboard"),
        formulieren=lambda w: [
            ("", DashboardFilterForm(gemeenten=Organisatie.objects.filter(pk=w.hoorn.pk), regios=Regio.objects.all()))
        ],
        geldig=lambda w: {"van": _dag(-365), "tot": _dag(0), "per": "kwartaal"},
        methode="get",
        voorbeelden=10,
    ),
    Formuliergeval(
        naam="rapport starten",
        gebruiker="coordinator",
        url=lambda w: reverse("evaluatie:rapporten"),
        formulieren=lambda w: [("", PeriodeForm(regios=Regio.objects.all()))],
        geldig=_periode,
    ),
    Formuliergeval(
        naam="rapport conclusies",
        gebruiker="coordinator",
        url=lambda w: reverse("evaluatie:rapport", args=[w.rapport.pk]),
        formulieren=lambda w: [("", ConclusiesForm())],
        geldig=lambda w: {"beleid": "Het beleid is vastgesteld en wordt uitgevoerd."},
    ),
    Formuliergeval(
        naam="monitoring",
        gebruiker="coordinator",
        url=lambda w: reverse("evaluatie:monitoring"),
        formulieren=lambda w: [("", MonitoringForm(regios=Regio.objects.all()))],
        geldig=lambda w: _periode(w) | {"gebied": "gemeente"},
        methode="get",
        voorbeelden=15,
    ),
    Formuliergeval(
        naam="training nieuw",
        gebruiker="af",
        url=lambda w: reverse("evaluatie:training_nieuw"),
        formulieren=lambda w: [("", TrainingForm(gemeenten=Organisatie.objects.filter(pk=w.hoorn.pk)))],
        geldig=lambda w: {
            "gemeente": str(w.hoorn.pk),
            "datum": _dag(-3),
            "onderwerp": "Signalen van arbeidsuitbuiting herkennen",
            "teams": [str(Team.objects.get(naam="Balie").pk)],
            "deelnemers": "23",
            "aanbieder": "fairwork",
        },
    ),
    Formuliergeval(
        naam="training bewerken",
        gebruiker="af",
        url=lambda w: reverse("evaluatie:training_bewerken", args=[w.training.pk]),
        formulieren=lambda w: [("", TrainingForm(gemeenten=Organisatie.objects.filter(pk=w.hoorn.pk)))],
        geldig=lambda w: {
            "datum": _dag(-3),
            "onderwerp": "Loverboyproblematiek",
            "teams": [str(Team.objects.get(naam="Balie").pk)],
            "deelnemers": "12",
            "aanbieder": "anders",
            "aanbieder_anders": "Eigen trainer",
        },
    ),
    Formuliergeval(
        naam="basisniveau",
        gebruiker="af",
        url=lambda w: reverse("evaluatie:basisniveau_bewerken", args=[w.hoorn.pk]),
        formulieren=lambda w: [("", BasisniveauForm())],
        geldig=lambda w: {
            "beleid_vastgesteld_op": "2024-03-12",
            "zorg_en_opvang_geregeld": "on",
            "zorg_en_opvang_toelichting": "Via Fier.",
        },
    ),
    Formuliergeval(
        naam="beheer organisatie toevoegen",
        gebruiker="beheerder",
        url=_add_url(Organisatie),
        formulieren=_admin_formulier(Organisatie),
        geldig=_admin_geldig(
            Organisatie,
            lambda w: {"naam": "Gemeente Medemblik", "soort": "gemeente", "regios": [str(w.regio.pk)], "actief": "on"},
        ),
    ),
    Formuliergeval(
        naam="beheer gebruiker toevoegen",
        gebruiker="beheerder",
        url=_add_url(Gebruiker),
        formulieren=_admin_formulier(Gebruiker),
        geldig=_admin_geldig(
            Gebruiker,
            lambda w: {
                "username": "nieuwe.af",
                "first_name": "Nina",
                "last_name": "Jansen",
                "email": "nina@example.org",
                "password1": "een-lang-wachtwoord-2026",
                "password2": "een-lang-wachtwoord-2026",
            },
        ),
        extra_sleutels=_admin_sleutels("lidmaatschappen"),
    ),
    Formuliergeval(
        naam="tafel bijeenkomst plannen",
        gebruiker="af",
        url=lambda w: reverse("tafels:tafel", args=[w.tafel.pk]),
        formulieren=lambda w: [("", BijeenkomstForm())],
        geldig=lambda w: {"datum": _dag(14), "aanvang": "14:00", "plaats": "Stadhuis Hoorn"},
        voorbeelden=15,
    ),
    Formuliergeval(
        naam="tafel besluit",
        gebruiker="af",
        url=lambda w: reverse("tafels:besluit", args=[w.agendapunt.pk]),
        formulieren=lambda w: [
            ("", BesluitForm(leden=w.tafel.leden.all(), signaal=w.agendapunt.signaal)),
        ],
        geldig=lambda w: {
            "besluit_vastleggen": "1",
            "verwachte_status": "lokale_tafel",
            "besluit": "doorzetten_riec",
            "conclusie": "Signalen van dwang; naar het RIEC.",
            "riec_contact": "RIEC Noord-Holland",
        },
        extra_sleutels=("besluit_vastleggen",),
        voorbeelden=15,
    ),
    Formuliergeval(
        naam="tafel actie",
        gebruiker="af",
        url=lambda w: reverse("tafels:besluit", args=[w.agendapunt.pk]),
        formulieren=lambda w: [("", TafelactieForm(eigenaren=[w.gebruikers["af"]]))],
        geldig=lambda w: {
            "actie_toevoegen": "1",
            "omschrijving": "Pand bezoeken met de politie",
            "eigenaar": str(w.gebruikers["af"].pk),
            "uiterlijk": _dag(7),
        },
        extra_sleutels=("actie_toevoegen",),
        voorbeelden=15,
    ),
    Formuliergeval(
        naam="beheer tafel toevoegen",
        gebruiker="beheerder",
        url=_add_url(Tafel),
        formulieren=_admin_formulier(Tafel),
        geldig=_admin_geldig(
            Tafel,
            lambda w: {
                "naam": "PCT-overleg Hoorn",
                "soort": "pct_overleg",
                "gemeente": str(w.hoorn.pk),
                "leden": [str(w.politie.pk)],
                "actief": "on",
            },
        ),
        voorbeelden=15,
    ),
    Formuliergeval(
        naam="beheer team toevoegen",
        gebruiker="beheerder",
        url=_add_url(Team),
        formulieren=_admin_formulier(Team),
        geldig=_admin_geldig(Team, lambda w: {"naam": "Team Fuzz", "actief": "on", "volgorde": "3"}),
    ),
]


# -- the property -------------------------------------------------------------------------------


def _tabellen() -> list[str]:
    tabellen = {
        model._meta.db_table
        for model in apps.get_models(include_auto_created=True)
        if model._meta.managed
        and not model._meta.proxy
        and model._meta.label not in NIET_VERGELEKEN
        and model._meta.app_label not in NIET_VERGELEKEN_APPS
    }
    return sorted(tabellen)


def momentopname() -> dict[str, str]:
    """A fingerprint of every row of every table (product, admin, auth, audit log), in one query."""
    tabellen = _tabellen()
    # Table names from the models themselves, quoted; nothing here comes from input.
    rijen = "md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), ''))"
    vragen = [f"SELECT %s, {rijen} FROM {connection.ops.quote_name(tabel)} t" for tabel in tabellen]  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(vragen), tabellen)
        return dict(cursor.fetchall())


def verschillen(voor: dict[str, str], na: dict[str, str]) -> list[str]:
    return [tabel for tabel in voor if voor[tabel] != na[tabel]]


def invoerstrategie(geval: Formuliergeval, w: Wereld) -> st.SearchStrategy[dict[str, Any]]:
    """A valid submission with a random choice of fields replaced, dropped, doubled or added."""
    per_veld: dict[str, st.SearchStrategy[Any]] = {}
    for prefix, form in geval.formulieren(w):
        for naam, veld in form.fields.items():
            if prefix + naam in geval.velden_uitsluiten:
                continue
            strategie = veldstrategie(veld)
            per_veld[prefix + naam] = st.one_of(
                strategie, st.just(WEGLATEN), st.lists(strategie, min_size=2, max_size=3)
            )
    for sleutel in geval.extra_sleutels:
        per_veld.setdefault(sleutel, st.one_of(GETAL, TEKST, st.just(WEGLATEN)))
    wijzigingen = st.fixed_dictionaries({}, optional=per_veld)  # type: ignore[arg-type]
    onbekend = st.dictionaries(st.text(TEKENS, min_size=1, max_size=12), TEKST, max_size=2)

    def samenstellen(paar: tuple[dict[str, Any], dict[str, Any]]) -> dict[str, Any]:
        gegevens = dict(geval.geldig(w))
        wijziging, extra = paar
        for sleutel, waarde in {**extra, **wijziging}.items():
            if waarde is WEGLATEN:
                gegevens.pop(sleutel, None)
            else:
                gegevens[sleutel] = waarde
        return gegevens

    return st.tuples(wijzigingen, onbekend).map(samenstellen)


@pytest.mark.parametrize("geval", FORMULIEREN, ids=[g.naam for g in FORMULIEREN])
def test_a_form_under_random_input_never_fails_and_saves_nothing_when_refused(
    geval: Formuliergeval, wereld: Wereld, client: Client
) -> None:
    client.force_login(wereld.gebruiker(geval.gebruiker))
    url = geval.url(wereld)
    strategie = invoerstrategie(geval, wereld)
    verstuur = client.get if geval.methode == "get" else client.post
    # The starting point is a submission that works, so the examples near it reach the service too.
    punt = transaction.savepoint()
    try:
        assert verstuur(url, geval.geldig(wereld)).status_code == (200 if geval.methode == "get" else geval.gelukt)
    finally:
        transaction.savepoint_rollback(punt)
    profiel = hypothesis_settings.get_profile(PROFIEL)
    aantal = min(geval.voorbeelden or profiel.max_examples, profiel.max_examples)

    @hypothesis_settings(profiel, max_examples=aantal)
    @given(gegevens=strategie)
    def eigenschap(gegevens: dict[str, Any]) -> None:
        punt = transaction.savepoint()
        try:
            voor = momentopname()
            antwoord = verstuur(url, gegevens)
            assert antwoord.status_code in (200, 302), antwoord.status_code
            if antwoord.status_code != 302:
                assert verschillen(voor, momentopname()) == []
        finally:
            transaction.savepoint_rollback(punt)

    eigenschap()


BESTANDSNAAM = st.tuples(
    st.text(TEKENS, max_size=30),
    st.sampled_from(["pdf", "PNG", "jpg", "txt", "docx", "exe", "", "pdf.exe", "txt\x00"]),
).map(lambda delen: f"{delen[0]}.{delen[1]}")


def _verstuurbaar(naam: str) -> bool:
    """A name a browser sends for a real file.

    The test client refuses a name that is no name ("", ".", ".."), and writes a quote or a line
    break into the multipart header as it is (a browser escapes them). Django drops a file whose
    name has no printable character left, without reading past its content, and then answers the
    whole request with 400; no file on a disk is called that.
    """
    laatste = html.unescape(naam).rsplit("/")[-1].rsplit("\\")[-1]
    zichtbaar = "".join(teken for teken in laatste if teken.isprintable())
    geen_naam = {"", ".", ".."}
    return os.path.basename(naam) not in geen_naam and zichtbaar not in geen_naam and not set(naam) & set('"\r\n')


BESTANDSNAAM = BESTANDSNAAM.filter(_verstuurbaar)
INHOUD = st.tuples(
    st.sampled_from([b"", b"%PDF-1.4\n", b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"PK\x03\x04", b"MZ"]),
    st.integers(min_value=0, max_value=700 * 1024),
).map(lambda delen: delen[0] + b"a" * delen[1])


def test_random_uploads_never_exceed_the_quota_and_never_fail(wereld: Wereld, client: Client, settings: Any) -> None:
    """Random names, kinds, contents and sizes, with the intake refused or sent: what is parked or
    attached stays within 3 files and 1 MB per signal and 4 files per user per day."""
    settings.BIJLAGEN_PER_MELDING, settings.BIJLAGEN_MB_PER_MELDING, settings.BIJLAGEN_PER_DAG = 3, 1, 4
    melder = wereld.gebruikers["melder"]
    client.force_login(melder)
    profiel = hypothesis_settings.get_profile(PROFIEL)

    @hypothesis_settings(profiel, max_examples=min(15, profiel.max_examples))
    @given(
        rondes=st.lists(
            st.tuples(st.lists(st.tuples(BESTANDSNAAM, INHOUD), max_size=5), st.booleans()), min_size=1, max_size=3
        )
    )
    def eigenschap(rondes: list[tuple[list[tuple[str, bytes]], bool]]) -> None:
        punt = transaction.savepoint()
        try:
            for bestanden, versturen in rondes:
                bewaard = [
                    str(pk) for pk in TijdelijkeBijlage.objects.filter(eigenaar=melder).values_list("pk", flat=True)
                ]
                gegevens = _melden_geldig(wereld) | {
                    "omschrijving": "Gezien bij de loods." if versturen else "",
                    "bewaarde_bijlage": bewaard,
                    "bijlagen": [SimpleUploadedFile(naam, inhoud) for naam, inhoud in bestanden],
                }
                antwoord = client.post(reverse("signalen:melden"), gegevens)
                assert antwoord.status_code in (200, 302)
                geparkeerd = TijdelijkeBijlage.objects.filter(eigenaar=melder)
                assert geparkeerd.count() <= 3
                assert sum(geparkeerd.values_list("grootte", flat=True)) <= 1024 * 1024
                for signaal in Signaal.objects.filter(melder=melder):
                    assert signaal.bijlagen.count() <= 3
                assert geparkeerd.count() + Bijlage.objects.filter(toegevoegd_door=melder).count() <= 4
        finally:
            transaction.savepoint_rollback(punt)

    eigenschap()


def test_every_route_action_and_every_form_module_is_fuzzed() -> None:
    """A new action (meldroute/acties.py) or form is in the list above, or this says which is missing."""
    namen = {g.naam for g in FORMULIEREN}
    assert {f"actie {naam}" for naam in ACTIES} <= namen
    assert {
        "melden",
        "delen",
        "terugmelding",
        "werkbak filter",
        "werkbak zoeken",
        "logboek toegang",
        "logboek audit",
        "dashboard filter",
        "rapport starten",
        "rapport conclusies",
        "monitoring",
        "training nieuw",
        "training bewerken",
        "basisniveau",
        "beheer organisatie toevoegen",
        "beheer gebruiker toevoegen",
        "beheer team toevoegen",
        "fg betrokkene zoeken",
        "fg betrokkene corrigeren",
        "fg betrokkene verwijderen",
        "fg toegangsexport",
        "fg bewaartermijnen",
        "fg bewaren",
        "fg bewaring opheffen",
        "tafel bijeenkomst plannen",
        "tafel besluit",
        "tafel actie",
        "beheer tafel toevoegen",
    } <= namen


def test_a_non_number_as_organisation_of_a_new_membership_gives_the_form_again(wereld: Wereld, client: Client) -> None:
    client.force_login(wereld.gebruiker("beheerder"))
    gegevens = _admin_geldig(Gebruiker, lambda w: {"username": ""})(wereld) | {
        "lidmaatschappen-TOTAL_FORMS": "1",
        "lidmaatschappen-0-organisatie": "1e3",
        "lidmaatschappen-0-rol": "aandachtsfunctionaris",
    }
    antwoord = client.post(reverse("admin:ketenpartners_gebruiker_add"), gegevens)
    assert antwoord.status_code == 200
