"""Every form of the product as a case for the fuzzing: who fills it in, where, its fields and one valid
submission."""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.contrib import admin
from django.db import models
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from evaluatie.forms import BasisniveauForm, DashboardFilterForm, TrainingForm
from evaluatie.views.rapporten import ConclusiesForm, MonitoringForm, PeriodeForm
from gegevensbescherming.views import BetrokkeneZoekForm, CorrectieForm, ToegangForm, VerwijderForm
from ketenpartners.models import Gebruiker, Organisatie, Regio
from meldroute.acties import ACTIES
from meldroute.forms import DelenForm, TerugmeldingForm, WerkbakFilterForm, ZoekForm
from signalen.forms import BetrokkeneForm, LocatieForm, SignaalForm
from signalen.forms_bewaring import BewaartermijnenForm, BewarenForm, OpheffenForm
from signalen.logboek import LogFilterForm
from signalen.models import Team, Vorm
from tafels.forms import BesluitForm, BijeenkomstForm, TafelactieForm
from tafels.models import Tafel
from tests.factories import (
    transitie_gegevens,
)
from tests.formulieren_fuzz.wereld import Wereld

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


def melden_geldig(w: Wereld) -> dict[str, Any]:
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


def admin_geldig(model: type[models.Model], gegevens: Callable[[Wereld], dict[str, Any]]) -> Callable[..., Any]:
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
        geldig=melden_geldig,
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
        geldig=admin_geldig(
            Organisatie,
            lambda w: {"naam": "Gemeente Medemblik", "soort": "gemeente", "regios": [str(w.regio.pk)], "actief": "on"},
        ),
    ),
    Formuliergeval(
        naam="beheer gebruiker toevoegen",
        gebruiker="beheerder",
        url=_add_url(Gebruiker),
        formulieren=_admin_formulier(Gebruiker),
        geldig=admin_geldig(
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
        formulieren=lambda w: [("", TafelactieForm(eigenaren=Gebruiker.objects.filter(pk=w.gebruikers["af"].pk)))],
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
        geldig=admin_geldig(
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
        geldig=admin_geldig(Team, lambda w: {"naam": "Team Fuzz", "actief": "on", "volgorde": "3"}),
    ),
]
