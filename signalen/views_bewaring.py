"""The FG's pages for retention: what falls due, what is held and what was removed; the terms of
the regio; holding a signal for a running procedure and lifting that hold."""

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from ketenpartners.models import Gebruiker, Rol
from ketenpartners.selectors import rollen_van
from mensenhandel.formulieren import fouten_overnemen, foutsamenvatting
from signalen import bewaring
from signalen.forms_bewaring import BewaartermijnenForm, BewarenForm, OpheffenForm
from signalen.workflow import Afloop

PAGINAGROOTTE = 50


def _fg(request: HttpRequest) -> Gebruiker:
    """The FG making the request; any other role gets 403 (these pages hold no signal)."""
    gebruiker = request.user
    if not isinstance(gebruiker, Gebruiker) or Rol.FG not in rollen_van(gebruiker):
        raise PermissionDenied
    return gebruiker


def _querystring(request: HttpRequest) -> str:
    querystring = request.GET.copy()
    querystring.pop("pagina", None)
    return querystring.urlencode()


@require_http_methods(["GET"])
def overzicht(request: HttpRequest) -> HttpResponse:
    fg = _fg(request)
    gemeente_ids = list(bewaring.fg_gemeenten(fg).values_list("pk", flat=True))
    vandaag = timezone.localdate()
    tot = bewaring.vooruitkijken(vandaag)
    te_verwijderen = bewaring.te_verwijderen(tot=tot, gemeente_ids=gemeente_ids)
    pagina = Paginator(te_verwijderen, PAGINAGROOTTE).get_page(request.GET.get("pagina"))
    context = {
        "regios": [(regio, bewaring.termijnen_van(regio)) for regio in bewaring.fg_regios(fg)],
        "vandaag": vandaag,
        "tot": tot,
        "page_obj": pagina,
        "te_verwijderen": pagina.object_list,
        "aantal_te_verwijderen": len(te_verwijderen),
        "querystring_zonder_pagina": _querystring(request),
        "bewaard": bewaring.bewaard_in(gemeente_ids),
        "heeft_gemeenten": bool(gemeente_ids),
    }
    return render(request, "signalen/bewaring/overzicht.html", context)


@require_http_methods(["GET"])
def verwijderd(request: HttpRequest) -> HttpResponse:
    fg = _fg(request)
    gemeente_ids = list(bewaring.fg_gemeenten(fg).values_list("pk", flat=True))
    pagina = Paginator(bewaring.verwijderd_in(gemeente_ids), PAGINAGROOTTE).get_page(request.GET.get("pagina"))
    regels = [(a, bewaring.aantallen_tekst(a.aantallen)) for a in pagina.object_list]
    context = {"page_obj": pagina, "regels": regels, "querystring_zonder_pagina": _querystring(request)}
    return render(request, "signalen/bewaring/verwijderd.html", context)


@require_http_methods(["GET", "POST"])
def termijnen(request: HttpRequest) -> HttpResponse:
    fg = _fg(request)
    regios = list(bewaring.fg_regios(fg))
    formulieren = {
        regio.pk: BewaartermijnenForm(
            prefix=f"regio-{regio.pk}",
            initial={t.afloop: t.maanden for t in bewaring.termijnen_van(regio) if not t.landelijk},
        )
        for regio in regios
    }
    fouten: list[dict[str, str]] = []
    if request.method == "POST":
        gekozen = next((r for r in regios if str(r.pk) == request.POST.get("regio")), None)
        if gekozen is None:
            fouten = [
                {
                    "id": "formulier",
                    "label": "Regio",
                    "melding": "Kies een regio waarvoor u functionaris gegevensbescherming bent.",
                }
            ]
        else:
            form = BewaartermijnenForm(request.POST, prefix=f"regio-{gekozen.pk}")
            formulieren[gekozen.pk] = form
            if form.is_valid():
                try:
                    gewijzigd = bewaring.termijnen_instellen(
                        door=fg,
                        regio_id=gekozen.pk,
                        maanden={afloop: form.cleaned_data[afloop] for afloop in Afloop.values},
                    )
                except ValidationError as fout:
                    fouten_overnemen(form, fout)
                else:
                    verstreken = len(
                        bewaring.te_verwijderen(
                            tot=timezone.localdate(),
                            gemeente_ids=list(gekozen.organisaties.values_list("pk", flat=True)),
                        )
                    )
                    messages.success(
                        request,
                        f"De bewaartermijnen van regio {gekozen.naam} zijn opgeslagen ({gewijzigd} gewijzigd). "
                        f"In deze regio is de termijn van {verstreken} "
                        f"{'signaal' if verstreken == 1 else 'signalen'} nu verstreken; de eerstvolgende "
                        "dagelijkse ronde verwijdert ze, behalve wat u bewaart wegens een lopende procedure.",
                    )
                    return redirect("signalen:bewaring")
            fouten = foutsamenvatting(form)
    context = {"formulieren": [(regio, formulieren[regio.pk]) for regio in regios], "fouten": fouten}
    return render(request, "signalen/bewaring/termijnen.html", context)


def _formulierpagina(
    request: HttpRequest, form_klasse: type[forms.Form], actie: Any, template: str, gelukt: str
) -> HttpResponse:
    fg = _fg(request)
    if request.method == "POST":
        form = form_klasse(request.POST)
        if form.is_valid():
            try:
                actie(door=fg, referentie=form.cleaned_data["referentie"], reden=form.cleaned_data["reden"])
            except ValidationError as fout:
                fouten_overnemen(form, fout)
            else:
                messages.success(request, gelukt.format(referentie=form.cleaned_data["referentie"].strip().upper()))
                return redirect("signalen:bewaring")
    else:
        form = form_klasse(initial={"referentie": request.GET.get("referentie", "")[:20]})
    fouten = foutsamenvatting(form) if form.is_bound else []
    return render(request, template, {"form": form, "fouten": fouten})


@require_http_methods(["GET", "POST"])
def bewaren(request: HttpRequest) -> HttpResponse:
    return _formulierpagina(
        request,
        BewarenForm,
        bewaring.bewaren,
        "signalen/bewaring/bewaren.html",
        "Signaal {referentie} wordt bewaard wegens een lopende procedure, ook na de bewaartermijn.",
    )


@require_http_methods(["GET", "POST"])
def opheffen(request: HttpRequest) -> HttpResponse:
    return _formulierpagina(
        request,
        OpheffenForm,
        bewaring.bewaring_opheffen,
        "signalen/bewaring/opheffen.html",
        "De bewaring van signaal {referentie} is opgeheven; de bewaartermijn telt weer.",
    )
