"""Dashboards, downloads, the basisniveau and trainings for the coördinator and the AF."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from evaluatie import basisniveau, dashboard, export, services
from evaluatie.forms import BasisniveauForm, DashboardFilterForm, TrainingForm
from evaluatie.models import Basisniveau, Training
from evaluatie.rechten import dashboard_gemeenten, regios_van
from evaluatie.selectors import Periode
from ketenpartners.models import Gebruiker, Organisatie
from mensenhandel.formulieren import fouten_overnemen, foutsamenvatting


def _gebruiker(request: HttpRequest) -> Gebruiker:
    assert isinstance(request.user, Gebruiker)
    return request.user


def _bereik(request: HttpRequest) -> QuerySet[Organisatie]:
    """The gemeenten the user may see figures of; a page without any is not for them (403)."""
    gemeenten = dashboard_gemeenten(_gebruiker(request))
    if not gemeenten.exists():
        raise PermissionDenied
    return gemeenten


def _gekozen(request: HttpRequest) -> tuple[DashboardFilterForm, list[Organisatie], Periode, str]:
    """The filter as chosen, and what it means: gemeenten, period, month or quarter."""
    bereik = _bereik(request)
    regios = regios_van(_gebruiker(request))
    form = DashboardFilterForm(request.GET or None, gemeenten=bereik, regios=regios)
    # What was filled in correctly counts; a field with an error says so above the figures.
    if form.is_bound:
        form.is_valid()
    gegevens: dict[str, Any] = getattr(form, "cleaned_data", {})
    standaard = Periode.laatste_12_maanden(timezone.localdate())
    periode = Periode(van=gegevens.get("van") or standaard.van, tot=gegevens.get("tot") or standaard.tot)
    if periode.van > periode.tot or periode.dagen > 366 * 10:
        periode = standaard
    gemeenten = list(bereik)
    if gegevens.get("regio"):
        in_regio = set(bereik.filter(regios=gegevens["regio"]).values_list("pk", flat=True))
        gemeenten = [g for g in gemeenten if g.pk in in_regio]
    if gegevens.get("gemeente"):
        gemeenten = [gegevens["gemeente"]]
    return form, gemeenten, periode, gegevens.get("per") or "maand"


@require_http_methods(["GET"])
def dashboard_pagina(request: HttpRequest) -> HttpResponse:
    form, gemeenten, periode, per = _gekozen(request)
    context = {
        "filter_form": form,
        "dashboard": dashboard.opbouwen(gemeenten, periode, per=per),
        "querystring": request.GET.urlencode(),
        "fouten": foutsamenvatting(form) if form.is_bound else [],
    }
    return render(request, "evaluatie/dashboard.html", context)


def _bestandsnaam(d: dashboard.Dashboard, naam: str, extensie: str) -> str:
    return f"{naam}-{d.periode.van:%Y%m%d}-{d.periode.tot:%Y%m%d}.{extensie}"


@require_http_methods(["GET"])
def download_csv(request: HttpRequest, figuur: str) -> HttpResponse:
    _, gemeenten, periode, per = _gekozen(request)
    d = dashboard.opbouwen(gemeenten, periode, per=per)
    gevonden = d.figuur(figuur)
    if gevonden is None:
        raise Http404
    return export.csv_antwoord(gevonden.tabel, bestandsnaam=_bestandsnaam(d, figuur, "csv"))


@require_http_methods(["GET"])
def download_xlsx(request: HttpRequest, figuur: str) -> HttpResponse:
    """One figure's table, or with ``alles`` every table on a sheet of its own."""
    _, gemeenten, periode, per = _gekozen(request)
    d = dashboard.opbouwen(gemeenten, periode, per=per)
    if figuur == "alles":
        return export.xlsx_antwoord([f.tabel for f in d.figuren], bestandsnaam=_bestandsnaam(d, "dashboard", "xlsx"))
    gevonden = d.figuur(figuur)
    if gevonden is None:
        raise Http404
    return export.xlsx_antwoord([gevonden.tabel], bestandsnaam=_bestandsnaam(d, figuur, "xlsx"))


@require_http_methods(["GET"])
def basisniveau_overzicht(request: HttpRequest) -> HttpResponse:
    form, gemeenten, periode, _ = _gekozen(request)
    context = {
        "filter_form": form,
        "periode": periode,
        "checklists": basisniveau.checklists(gemeenten, periode),
        "fouten": foutsamenvatting(form) if form.is_bound else [],
    }
    return render(request, "evaluatie/basisniveau.html", context)


@require_http_methods(["GET", "POST"])
def basisniveau_bewerken(request: HttpRequest, gemeente_pk: int) -> HttpResponse:
    gebruiker = _gebruiker(request)
    try:
        gemeente = dashboard_gemeenten(gebruiker).get(pk=gemeente_pk)
    except Organisatie.DoesNotExist:
        raise Http404 from None
    bestaand = Basisniveau.objects.filter(gemeente=gemeente).first()
    initieel = (
        {
            "beleid_vastgesteld_op": bestaand.beleid_vastgesteld_op,
            "zorg_en_opvang_geregeld": bestaand.zorg_en_opvang_geregeld,
            "zorg_en_opvang_toelichting": bestaand.zorg_en_opvang_toelichting,
        }
        if bestaand
        else {}
    )
    form = BasisniveauForm(request.POST or None, initial=initieel)
    if request.method == "POST" and form.is_valid():
        try:
            services.basisniveau_bijwerken(door=gebruiker, gemeente=gemeente, **form.cleaned_data)
        except ValidationError as fout:
            fouten_overnemen(form, fout)
        else:
            messages.success(request, f"Het basisniveau van {gemeente} is bijgewerkt.")
            return redirect("evaluatie:basisniveau")
    context = {"gemeente": gemeente, "form": form, "fouten": foutsamenvatting(form) if form.is_bound else []}
    return render(request, "evaluatie/basisniveau_bewerken.html", context)


@require_http_methods(["GET"])
def trainingen(request: HttpRequest) -> HttpResponse:
    bereik = _bereik(request)
    lijst = Training.objects.filter(gemeente__in=bereik).select_related("gemeente").prefetch_related("teams")[:200]
    return render(request, "evaluatie/trainingen.html", {"trainingen": lijst})


def _training_opslaan(request: HttpRequest, form: TrainingForm, training: Training | None) -> bool:
    gegevens: dict[str, Any] = dict(form.cleaned_data)
    gegevens["teams"] = list(gegevens["teams"])
    try:
        if training is None:
            services.training_registreren(door=_gebruiker(request), **gegevens)
        else:
            gegevens.pop("gemeente")
            services.training_wijzigen(door=_gebruiker(request), training_id=training.pk, **gegevens)
    except ValidationError as fout:
        fouten_overnemen(form, fout)
        return False
    return True


@require_http_methods(["GET", "POST"])
def training_nieuw(request: HttpRequest) -> HttpResponse:
    form = TrainingForm(request.POST or None, gemeenten=_bereik(request))
    if request.method == "POST" and form.is_valid() and _training_opslaan(request, form, None):
        messages.success(request, "De training is geregistreerd.")
        return redirect("evaluatie:trainingen")
    context = {"form": form, "training": None, "fouten": foutsamenvatting(form) if form.is_bound else []}
    return render(request, "evaluatie/training.html", context)


def _training_of_404(request: HttpRequest, training_pk: int) -> Training:
    try:
        return Training.objects.get(pk=training_pk, gemeente__in=dashboard_gemeenten(_gebruiker(request)))
    except Training.DoesNotExist:
        raise Http404 from None


@require_http_methods(["GET", "POST"])
def training_bewerken(request: HttpRequest, training_pk: int) -> HttpResponse:
    training = _training_of_404(request, training_pk)
    initieel = {
        "gemeente": training.gemeente_id,
        "datum": training.datum,
        "onderwerp": training.onderwerp,
        "teams": list(training.teams.all()),
        "deelnemers": training.deelnemers,
        "aanbieder": training.aanbieder,
        "aanbieder_anders": training.aanbieder_anders,
    }
    form = TrainingForm(request.POST or None, initial=initieel, gemeenten=dashboard_gemeenten(_gebruiker(request)))
    form.fields["gemeente"].disabled = True
    if request.method == "POST" and form.is_valid() and _training_opslaan(request, form, training):
        messages.success(request, "De training is bijgewerkt.")
        return redirect("evaluatie:trainingen")
    context = {"form": form, "training": training, "fouten": foutsamenvatting(form) if form.is_bound else []}
    return render(request, "evaluatie/training.html", context)


@require_POST
def training_verwijderen(request: HttpRequest, training_pk: int) -> HttpResponse:
    training = _training_of_404(request, training_pk)
    services.training_verwijderen(door=_gebruiker(request), training_id=training.pk)
    messages.success(request, "De training is verwijderd.")
    return redirect("evaluatie:trainingen")
