"""The functionaris gegevensbescherming reads the access log and the audit log: who did what,
when, from where. No signal content is shown; the audit log holds none.

Each FG reads only the rows of their own organisations and gemeenten (signalen/logregels.py).
"""

from datetime import datetime, time
from typing import Any

from django import forms
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from ketenpartners.models import Gebruiker, Rol
from ketenpartners.selectors import rollen_van
from mensenhandel.formulieren import DatumInvoer, foutsamenvatting
from signalen import logregels
from signalen.models.toegangslog import Toegangslog, over_signaal

PAGINAGROOTTE = 50
# The same words for a number that does not exist and one of a gemeente the FG does not serve.
GEEN_SIGNAAL = (
    "Er is geen signaal met dit referentienummer in de gemeenten waarvoor u functionaris "
    "gegevensbescherming bent. Controleer het nummer."
)


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

    def __init__(self, *args: Any, fg: Gebruiker, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fg = fg

    def clean_signaal(self) -> tuple[int, str] | None:
        """The FG's signal with this reference number; another gemeente's reads as unknown."""
        referentie: str = self.cleaned_data["signaal"].strip().upper()
        if not referentie:
            return None
        pk = logregels.signaal_in_bereik(self.fg, referentie)
        if pk is None:
            raise forms.ValidationError(GEEN_SIGNAAL)
        return pk, referentie

    def clean(self) -> dict[str, Any]:
        gegevens = super().clean() or {}
        if gegevens.get("van") and gegevens.get("tot") and gegevens["van"] > gegevens["tot"]:
            raise forms.ValidationError("De datum 'vanaf' ligt na de datum 'tot en met'.")
        return gegevens


def _alleen_fg(request: HttpRequest) -> Gebruiker:
    gebruiker = request.user
    if not isinstance(gebruiker, Gebruiker) or Rol.FG not in rollen_van(gebruiker):
        raise PermissionDenied
    return gebruiker


def _periode(qs: QuerySet[Any], veld: str, gegevens: dict[str, Any]) -> QuerySet[Any]:
    zone = timezone.get_current_timezone()
    if gegevens.get("van"):
        qs = qs.filter(**{f"{veld}__gte": datetime.combine(gegevens["van"], time.min, zone)})
    if gegevens.get("tot"):
        qs = qs.filter(**{f"{veld}__lte": datetime.combine(gegevens["tot"], time.max, zone)})
    return qs


def _met_signaal(regels: QuerySet[Toegangslog], pk: int) -> QuerySet[Toegangslog]:
    return regels.filter(pk__in=over_signaal(pk).values("pk"))


def _filteren(request: HttpRequest, fg: Gebruiker) -> tuple[LogFilterForm, dict[str, Any] | None]:
    """The filter and its values; None when the filter is wrong (then no rows: the form says why)."""
    form = LogFilterForm(request.GET or None, fg=fg)
    if not form.is_bound:
        return form, {}
    return form, form.cleaned_data if form.is_valid() else None


def _pagina(request: HttpRequest, qs: QuerySet[Any], form: LogFilterForm) -> dict[str, Any]:
    pagina = Paginator(qs, PAGINAGROOTTE).get_page(request.GET.get("pagina"))
    querystring = request.GET.copy()
    querystring.pop("pagina", None)
    return {
        "filter_form": form,
        "page_obj": pagina,
        "querystring_zonder_pagina": querystring.urlencode(),
        "fouten": foutsamenvatting(form) if form.is_bound else [],
    }


@require_http_methods(["GET"])
def toegangslog(request: HttpRequest) -> HttpResponse:
    fg = _alleen_fg(request)
    form, gegevens = _filteren(request, fg)
    regels = logregels.toegangsregels(fg)
    if gegevens is None:
        regels = regels.none()
    else:
        if gegevens.get("gebruiker"):
            regels = regels.filter(gebruikersnaam__icontains=gegevens["gebruiker"])
        if gegevens.get("signaal"):
            regels = _met_signaal(regels, gegevens["signaal"][0])
        regels = _periode(regels, "tijdstip", gegevens)
    with logregels.zonder_jit():
        context = _pagina(request, regels, form)
        context["regels"] = logregels.toegangsregels_tonen(fg, list(context["page_obj"].object_list))
    return render(request, "signalen/logboek_toegang.html", context)


@require_http_methods(["GET"])
def auditlog(request: HttpRequest) -> HttpResponse:
    fg = _alleen_fg(request)
    form, gegevens = _filteren(request, fg)
    regels = logregels.auditregels(fg)
    if gegevens is None:
        regels = regels.none()
    else:
        if gegevens.get("gebruiker"):
            regels = regels.filter(actor__username__icontains=gegevens["gebruiker"])
        if gegevens.get("signaal"):
            regels = logregels.auditregels_over_signaal(regels, *gegevens["signaal"])
        regels = _periode(regels, "timestamp", gegevens)
    with logregels.zonder_jit():
        context = _pagina(request, regels, form)
        context["regels"] = logregels.auditregels_tonen(fg, list(context["page_obj"].object_list))
    return render(request, "signalen/logboek_audit.html", context)
