"""The functionaris gegevensbescherming reads the access log and the audit log: who did what,
when, from where. No signal content is shown; the audit log holds none."""

from datetime import datetime, time
from typing import Any

from auditlog.models import LogEntry
from django import forms
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from ketenpartners.models import Rol
from ketenpartners.selectors import rollen_van
from mensenhandel.formulieren import DatumInvoer, foutsamenvatting
from signalen.models import Signaal, Toegangslog

PAGINAGROOTTE = 50


class LogFilterForm(forms.Form):
    is_filter = True  # Every filter is optional; the labels need not say so.
    gebruiker = forms.CharField(label="Gebruikersnaam", required=False, max_length=150)
    signaal = forms.CharField(
        label="Signaal", required=False, max_length=20, help_text="Referentienummer, bijvoorbeeld MH-2026-00042."
    )
    van = forms.DateField(
        label="Vanaf", required=False, widget=DatumInvoer(), error_messages={"invalid": "Vul een geldige datum in."}
    )
    tot = forms.DateField(
        label="Tot en met",
        required=False,
        widget=DatumInvoer(),
        error_messages={"invalid": "Vul een geldige datum in."},
    )

    def clean(self) -> dict[str, Any]:
        gegevens = super().clean() or {}
        if gegevens.get("van") and gegevens.get("tot") and gegevens["van"] > gegevens["tot"]:
            raise forms.ValidationError("De datum 'vanaf' ligt na de datum 'tot en met'.")
        return gegevens


def _alleen_fg(request: HttpRequest) -> None:
    if Rol.FG not in rollen_van(request.user):  # type: ignore[arg-type]
        raise PermissionDenied


def _periode(qs: QuerySet[Any], veld: str, gegevens: dict[str, Any]) -> QuerySet[Any]:
    zone = timezone.get_current_timezone()
    if gegevens.get("van"):
        qs = qs.filter(**{f"{veld}__gte": datetime.combine(gegevens["van"], time.min, zone)})
    if gegevens.get("tot"):
        qs = qs.filter(**{f"{veld}__lte": datetime.combine(gegevens["tot"], time.max, zone)})
    return qs


def _met_signaal(regels: QuerySet[Toegangslog], pk: int) -> QuerySet[Toegangslog]:
    if connection.features.supports_json_field_contains:
        return regels.filter(signaal_ids__contains=[pk])
    # SQLite (the quick start) cannot search inside JSON; it only ever holds demo data.
    return regels.filter(pk__in=[r.pk for r in regels.only("pk", "signaal_ids") if pk in r.signaal_ids])


def _pagina(request: HttpRequest, qs: QuerySet[Any], form: LogFilterForm, template: str) -> HttpResponse:
    pagina = Paginator(qs, PAGINAGROOTTE).get_page(request.GET.get("pagina"))
    querystring = request.GET.copy()
    querystring.pop("pagina", None)
    context = {
        "filter_form": form,
        "page_obj": pagina,
        "regels": pagina.object_list,
        "querystring_zonder_pagina": querystring.urlencode(),
        "fouten": foutsamenvatting(form) if form.is_bound else [],
    }
    return render(request, template, context)


@require_http_methods(["GET"])
def toegangslog(request: HttpRequest) -> HttpResponse:
    _alleen_fg(request)
    form = LogFilterForm(request.GET or None)
    gegevens = form.cleaned_data if form.is_valid() else {}
    regels = Toegangslog.objects.order_by("-tijdstip", "-pk")
    if gegevens.get("gebruiker"):
        regels = regels.filter(gebruikersnaam__icontains=gegevens["gebruiker"])
    if gegevens.get("signaal"):
        pk = Signaal.objects.filter(referentie=gegevens["signaal"].strip().upper()).values_list("pk", flat=True).first()
        regels = _met_signaal(regels, pk) if pk else regels.none()
    return _pagina(request, _periode(regels, "tijdstip", gegevens), form, "signalen/logboek_toegang.html")


@require_http_methods(["GET"])
def auditlog(request: HttpRequest) -> HttpResponse:
    _alleen_fg(request)
    form = LogFilterForm(request.GET or None)
    gegevens = form.cleaned_data if form.is_valid() else {}
    regels = LogEntry.objects.select_related("actor", "content_type").order_by("-timestamp", "-pk")
    if gegevens.get("gebruiker"):
        regels = regels.filter(actor__username__icontains=gegevens["gebruiker"])
    if gegevens.get("signaal"):
        regels = regels.filter(object_repr=gegevens["signaal"].strip().upper())
    return _pagina(request, _periode(regels, "timestamp", gegevens), form, "signalen/logboek_audit.html")
