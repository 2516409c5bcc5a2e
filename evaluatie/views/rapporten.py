"""Evaluation reports and the monitoring export: the coördinator's, and each AF's own part."""

import datetime
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from evaluatie import export, monitoring, rapport, rapporten, selectors
from evaluatie.models import Rapport, Rapportdeel
from evaluatie.rechten import dashboard_gemeenten, regios_van
from ketenpartners.models import Gebruiker, Organisatie, Regio
from mensenhandel.formulieren import DatumInvoer, Tekstveld, foutsamenvatting
from signalen.models import Toegangslog
from signalen.toegang import toegang_loggen

DATUM = {"required": "Vul een datum in.", "invalid": "Vul een geldige datum in (dag-maand-jaar)."}


def _gebruiker(request: HttpRequest) -> Gebruiker:
    assert isinstance(request.user, Gebruiker)
    return request.user


class PeriodeForm(forms.Form):
    regio = forms.ModelChoiceField(
        label="Regio",
        queryset=Regio.objects.none(),
        empty_label=None,
        error_messages={"required": "Kies een regio.", "invalid_choice": "Kies een regio uit de lijst."},
    )
    van = forms.DateField(label="Vanaf", widget=DatumInvoer(), error_messages=DATUM)
    tot = forms.DateField(label="Tot en met", widget=DatumInvoer(), error_messages=DATUM)

    def __init__(self, *args: Any, regios: QuerySet[Regio], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["regio"].queryset = regios  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        gegevens = super().clean() or {}
        van, tot = gegevens.get("van"), gegevens.get("tot")
        if van and van.year < 2000:
            self.add_error("van", "Kies een datum vanaf 2000.")
        if tot and tot > timezone.localdate():
            self.add_error("tot", "Kies een einddatum die niet in de toekomst ligt.")
        if van and tot and van > tot:
            raise forms.ValidationError("De datum 'vanaf' ligt na de datum 'tot en met'.")
        if van and tot and (tot - van).days > 366 * 5:
            raise forms.ValidationError("Kies een periode van hoogstens vijf jaar.")
        return gegevens


def _standaard(regio: Regio | None) -> dict[str, Any]:
    """The last evaluation period of the regio, or the two years up to yesterday."""
    gisteren = timezone.localdate() - datetime.timedelta(days=1)
    periode = rapporten.laatste_periode(regio, timezone.localdate()) if regio else None
    if periode is None:
        periode = selectors.Periode(van=selectors.jaren_later(gisteren, -2) + datetime.timedelta(days=1), tot=gisteren)
    return {"regio": regio, "van": periode.van, "tot": periode.tot}


@require_http_methods(["GET", "POST"])
def lijst(request: HttpRequest) -> HttpResponse:
    """The reports of the user's regio's; a coördinator can start one."""
    gebruiker = _gebruiker(request)
    regios = regios_van(gebruiker)
    gemeenten = dashboard_gemeenten(gebruiker)
    if not gemeenten.exists():
        raise PermissionDenied
    form = PeriodeForm(request.POST or None, regios=regios, initial=_standaard(regios.first()))
    if request.method == "POST":
        if not regios.exists():
            raise PermissionDenied
        if form.is_valid():
            nieuw = rapporten.starten(door=gebruiker, **form.cleaned_data)
            messages.success(request, "Het rapport wordt gemaakt.")
            return redirect("evaluatie:rapport", rapport_pk=nieuw.pk)
    zichtbaar = Rapport.objects.filter(
        Q(regio__in=regios) | Q(regio__organisaties__in=gemeenten, status=Rapport.Status.KLAAR)
    ).distinct()
    eigen_delen = Rapportdeel.objects.filter(gemeente__in=gemeenten).select_related("gemeente")
    delen: dict[int, list[Rapportdeel]] = {}
    for deel in eigen_delen:
        delen.setdefault(deel.rapport_id, []).append(deel)
    context = {
        "form": form if regios.exists() else None,
        "rapporten": [
            {"rapport": r, "volledig": r.regio_id in {g.pk for g in regios}, "delen": delen.get(r.pk, [])}
            for r in zichtbaar.select_related("regio", "gestart_door")[:100]
        ],
        "fouten": foutsamenvatting(form) if form.is_bound else [],
    }
    return render(request, "evaluatie/rapporten.html", context)


def _eigen_rapport(request: HttpRequest, rapport_pk: int, *, download: bool = False) -> Rapport:
    """A report of one of the coördinator's regio's; 404 otherwise (also for the AF).

    A refused download of the report's files is in the access log, as its downloads are.
    """
    try:
        return Rapport.objects.select_related("regio").get(pk=rapport_pk, regio__in=regios_van(_gebruiker(request)))
    except Rapport.DoesNotExist:
        if download:
            toegang_loggen(request, actie=Toegangslog.Actie.RAPPORT, signaal_ids=[], toegestaan=False)
        raise Http404 from None


class ConclusiesForm(forms.Form):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for id, titel in rapport.HOOFDSTUKKEN:
            self.fields[id] = Tekstveld(
                label=f"Conclusie bij {titel}",
                required=False,
                max_length=5000,
                widget=forms.Textarea(attrs={"rows": 4}),
            )


@require_http_methods(["GET", "POST"])
def detail(request: HttpRequest, rapport_pk: int) -> HttpResponse:
    """The build's progress, and once it is ready the downloads and the conclusions."""
    r = _eigen_rapport(request, rapport_pk)
    form = ConclusiesForm(request.POST or None, initial=r.conclusies)
    if request.method == "POST" and form.is_valid():
        try:
            rapporten.conclusies_opslaan(
                door=_gebruiker(request),
                rapport_id=r.pk,
                conclusies=form.cleaned_data,
                vaststellen="vaststellen" in request.POST,
            )
        except ValueError as fout:
            messages.error(request, str(fout))
        else:
            messages.success(request, "De conclusies zijn opgeslagen; het rapport wordt opnieuw gemaakt.")
        return redirect("evaluatie:rapport", rapport_pk=r.pk)
    context = {
        "rapport": r,
        "form": form,
        "delen": r.delen.select_related("gemeente").order_by("gemeente__naam"),
        "fouten": foutsamenvatting(form) if form.is_bound else [],
    }
    return render(request, "evaluatie/rapport.html", context)


@require_http_methods(["GET"])
def voortgang(request: HttpRequest, rapport_pk: int) -> JsonResponse:
    """For the progress bar's script; without JavaScript the page refreshes itself."""
    r = _eigen_rapport(request, rapport_pk)
    antwoord = JsonResponse(
        {"status": r.status, "status_tekst": r.get_status_display(), "voortgang": r.voortgang, "stap": r.stap}
    )
    antwoord["Cache-Control"] = "no-store"
    return antwoord


@require_POST
def annuleren(request: HttpRequest, rapport_pk: int) -> HttpResponse:
    r = _eigen_rapport(request, rapport_pk)
    rapporten.annuleren(door=_gebruiker(request), rapport_id=r.pk)
    messages.success(request, "Het maken van het rapport wordt gestopt.")
    return redirect("evaluatie:rapport", rapport_pk=r.pk)


def _bestand(request: HttpRequest, bestand: Any, naam: str, content_type: str) -> FileResponse:
    toegang_loggen(request, actie=Toegangslog.Actie.RAPPORT, signaal_ids=[])
    antwoord = FileResponse(bestand.open("rb"), as_attachment=True, filename=naam, content_type=content_type)
    antwoord["Cache-Control"] = "private, no-store"
    return antwoord


def _bestandsnaam(r: Rapport, extensie: str, deel: str = "") -> str:
    regio = "".join(c for c in r.regio.naam if c.isalnum())
    return f"evaluatie-{regio}{deel}-{r.van:%Y%m%d}-{r.tot:%Y%m%d}.{extensie}"


@require_http_methods(["GET"])
def pdf(request: HttpRequest, rapport_pk: int) -> FileResponse:
    r = _eigen_rapport(request, rapport_pk, download=True)
    if not r.pdf:
        raise Http404
    return _bestand(request, r.pdf, _bestandsnaam(r, "pdf"), "application/pdf")


@require_http_methods(["GET"])
def xlsx(request: HttpRequest, rapport_pk: int) -> FileResponse:
    r = _eigen_rapport(request, rapport_pk, download=True)
    if not r.xlsx:
        raise Http404
    return _bestand(request, r.xlsx, _bestandsnaam(r, "xlsx"), export.XLSX_CONTENT_TYPE)


@require_http_methods(["GET"])
def deel(request: HttpRequest, rapport_pk: int, gemeente_pk: int) -> FileResponse:
    """A gemeente's part: for its AFs, and for the regio's coördinator."""
    gebruiker = _gebruiker(request)
    try:
        gevonden = Rapportdeel.objects.select_related("rapport__regio", "gemeente").get(
            rapport_id=rapport_pk, gemeente_id=gemeente_pk, gemeente__in=dashboard_gemeenten(gebruiker)
        )
    except Rapportdeel.DoesNotExist:
        toegang_loggen(request, actie=Toegangslog.Actie.RAPPORT, signaal_ids=[], toegestaan=False)
        raise Http404 from None
    naam = "".join(c for c in gevonden.gemeente.naam if c.isalnum())
    return _bestand(request, gevonden.pdf, _bestandsnaam(gevonden.rapport, "pdf", f"-{naam}"), "application/pdf")


class MonitoringForm(PeriodeForm):
    gebied = forms.ChoiceField(
        label="Gebied",
        choices=[("gemeente", "Per gemeente (waar het kan)"), ("regio", "Alleen de regio")],
        initial="gemeente",
        error_messages={"required": "Kies een gebied.", "invalid_choice": "Kies een gebied uit de lijst."},
    )


def _monitoring(request: HttpRequest) -> tuple[MonitoringForm, monitoring.Uitkomst | None, dict[str, Any]]:
    regios = regios_van(_gebruiker(request))
    if not regios.exists():
        raise PermissionDenied
    form = MonitoringForm(request.GET or None, regios=regios, initial=_standaard(regios.first()))
    if not form.is_bound or not form.is_valid():
        return form, None, {}
    gegevens = form.cleaned_data
    regio: Regio = gegevens["regio"]
    gemeenten = list(Organisatie.objects.filter(soort=Organisatie.Soort.GEMEENTE, regios=regio))
    regels = selectors.monitoringsregels([g.pk for g in gemeenten], selectors.Periode(gegevens["van"], gegevens["tot"]))
    records = [
        monitoring.Record(
            vormen=r.vormen,
            gemeente=r.gemeente if gegevens["gebied"] == "gemeente" else regio.naam,
            regio=regio.naam,
            leeftijd=r.leeftijd,
            nationaliteit=r.nationaliteit,
            stap=r.stap,
            afloop=r.afloop,
            maand=r.maand,
        )
        for r in regels
    ]
    return form, monitoring.anonimiseren(records), gegevens


@require_http_methods(["GET"])
def monitoring_pagina(request: HttpRequest) -> HttpResponse:
    form, uitkomst, _ = _monitoring(request)
    context = {
        "form": form,
        "uitkomst": uitkomst,
        "querystring": request.GET.urlencode(),
        "fouten": foutsamenvatting(form) if form.is_bound else [],
    }
    return render(request, "evaluatie/monitoring.html", context)


def _monitoring_tabel(uitkomst: monitoring.Uitkomst) -> export.Tabel:
    return export.Tabel(
        titel="Monitoring mensenhandel",
        kolommen=uitkomst.kolommen,
        rijen=[list(rij) for rij in uitkomst.rijen],
        voetnoot=" ".join(uitkomst.verantwoording),
    )


def _monitoring_download(request: HttpRequest, formaat: str) -> HttpResponse:
    try:
        _, uitkomst, gegevens = _monitoring(request)
    except PermissionDenied:
        toegang_loggen(request, actie=Toegangslog.Actie.MONITORING, signaal_ids=[], toegestaan=False)
        raise
    if uitkomst is None:
        return redirect(reverse("evaluatie:monitoring") + "?" + request.GET.urlencode())
    toegang_loggen(request, actie=Toegangslog.Actie.MONITORING, signaal_ids=[])
    naam = f"monitoring-{gegevens['van']:%Y%m%d}-{gegevens['tot']:%Y%m%d}.{formaat}"
    tabel = _monitoring_tabel(uitkomst)
    if formaat == "csv":
        return export.csv_antwoord(tabel, bestandsnaam=naam)
    verantwoording = export.Tabel(
        titel="Verantwoording", kolommen=["Wat er is gedaan"], rijen=[[zin] for zin in uitkomst.verantwoording]
    )
    return export.xlsx_antwoord([tabel, verantwoording], bestandsnaam=naam)


@require_http_methods(["GET"])
def monitoring_csv(request: HttpRequest) -> HttpResponse:
    return _monitoring_download(request, "csv")


@require_http_methods(["GET"])
def monitoring_xlsx(request: HttpRequest) -> HttpResponse:
    return _monitoring_download(request, "xlsx")
