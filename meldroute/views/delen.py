"""Sharing with ketenpartners: the AF's share, extend and revoke, the partner's pages, the coördinator's counts."""

from collections.abc import Callable

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from ketenpartners.models import Organisatie, Regio, Rol
from ketenpartners.selectors import organisaties_met_rol, rollen_van
from meldroute import services
from meldroute.forms import DelenForm, TerugmeldingForm
from meldroute.forms_delen import IntrekkenForm, VerlengenForm
from meldroute.models import Deling
from meldroute.selectors import delingen_per_partner
from meldroute.services.delen import datum, partners_voor
from meldroute.views.route import PAGINAGROOTTE, _gebruiker, _signaal_of_404
from meldroute.zicht import PartnerWeergave, beeindigde_deling, gedeeld_lijst, partner_bijlage, partner_weergave
from mensenhandel.formulieren import fouten_overnemen, foutsamenvatting
from signalen.models import Signaal, Toegangslog
from signalen.toegang import bijlage_versturen, toegang_loggen, weergave_loggen

# The partner the flow suggests after a step at a table: police for the local table, RIEC after.
VOORSTEL_NA_STAP = {
    "lokale_tafel_bespreken": Organisatie.Soort.POLITIE,
    "riec_inschakelen": Organisatie.Soort.RIEC,
    "informatieplein_inbrengen": Organisatie.Soort.RIEC,
}


@require_http_methods(["GET", "POST"])
def delen(request: HttpRequest, pk: int) -> HttpResponse:
    signaal = _signaal_of_404(request, pk, actie=Toegangslog.Actie.DETAIL)
    na_stap = request.GET.get("na", "")
    voorstel = None
    if na_stap in VOORSTEL_NA_STAP:
        voorstel = partners_voor(signaal).filter(soort=VOORSTEL_NA_STAP[na_stap]).first()
    form = DelenForm(request.POST or None, signaal=signaal, voorstel=voorstel)
    if request.method == "POST" and form.is_valid():
        try:
            deling = services.delen(signaal_id=signaal.pk, door=_gebruiker(request), **form.cleaned_data)
        except Signaal.DoesNotExist:
            # Access ended between reading the page and locking the signal.
            toegang_loggen(request, actie=Toegangslog.Actie.DETAIL, signaal_ids=[pk], toegestaan=False)
            raise Http404 from None
        except ValidationError as fout:
            fouten_overnemen(form, fout)
        except services.MeldrouteFout as fout:
            messages.error(request, str(fout))
            return redirect("meldroute:detail", pk=signaal.pk)
        else:
            messages.success(request, f"Gedeeld met {deling.organisatie} tot en met {datum(deling.einddatum)}.")
            return redirect("meldroute:detail", pk=signaal.pk)
    context = {
        "signaal": signaal,
        "form": form,
        "na_stap": na_stap in VOORSTEL_NA_STAP,
        "fouten": foutsamenvatting(form) if form.is_bound else [],
    }
    return render(request, "meldroute/delen.html", context)


def _lopende_deling_of_404(request: HttpRequest, signaal: Signaal, deling_pk: int) -> Deling | None:
    """The share of this signal for the AF's pages on it; None (with a message) when it no longer runs."""
    deling = signaal.delingen.select_related("organisatie").filter(pk=deling_pk).first()
    if deling is None:
        toegang_loggen(request, actie=Toegangslog.Actie.DETAIL, signaal_ids=[signaal.pk], toegestaan=False)
        raise Http404
    if not Deling.objects.actief().filter(pk=deling.pk).exists():
        messages.error(request, f"De deling met {deling.organisatie} loopt niet meer.")
        return None
    return deling


def _delingsformulier(
    request: HttpRequest,
    pk: int,
    deling_pk: int,
    *,
    formulier: Callable[[Deling], forms.Form],
    service: Callable[..., Deling],
    gelukt: Callable[[Deling], str],
    template: str,
) -> HttpResponse:
    """The AF's page on one running share (verlengen, intrekken): the form, the service, the answer."""
    signaal = _signaal_of_404(request, pk, actie=Toegangslog.Actie.DETAIL)
    deling = _lopende_deling_of_404(request, signaal, deling_pk)
    if deling is None:
        return redirect("meldroute:detail", pk=signaal.pk)
    form = formulier(deling)
    if request.method == "POST" and form.is_valid():
        try:
            deling = service(signaal_id=signaal.pk, deling_id=deling.pk, door=_gebruiker(request), **form.cleaned_data)
        except (Signaal.DoesNotExist, Deling.DoesNotExist):
            toegang_loggen(request, actie=Toegangslog.Actie.DETAIL, signaal_ids=[pk], toegestaan=False)
            raise Http404 from None
        except ValidationError as fout:
            fouten_overnemen(form, fout)
        except services.MeldrouteFout as fout:
            messages.error(request, str(fout))
            return redirect("meldroute:detail", pk=signaal.pk)
        else:
            messages.success(request, gelukt(deling))
            return redirect("meldroute:detail", pk=signaal.pk)
    context = {
        "signaal": signaal,
        "deling": deling,
        "form": form,
        "fouten": foutsamenvatting(form) if form.is_bound else [],
    }
    return render(request, template, context)


@require_http_methods(["GET", "POST"])
def verlengen(request: HttpRequest, pk: int, deling_pk: int) -> HttpResponse:
    return _delingsformulier(
        request,
        pk,
        deling_pk,
        formulier=lambda deling: VerlengenForm(request.POST or None, deling=deling),
        service=services.verlengen,
        gelukt=lambda deling: f"De deling met {deling.organisatie} loopt nu tot en met {datum(deling.einddatum)}.",
        template="meldroute/verlengen.html",
    )


@require_http_methods(["GET", "POST"])
def intrekken(request: HttpRequest, pk: int, deling_pk: int) -> HttpResponse:
    """GET asks "Weet u het zeker?" with a reason; POST revokes."""
    return _delingsformulier(
        request,
        pk,
        deling_pk,
        formulier=lambda deling: IntrekkenForm(request.POST or None),
        service=services.intrekken,
        gelukt=lambda deling: f"De deling met {deling.organisatie} is ingetrokken.",
        template="meldroute/intrekken.html",
    )


def _alleen_partner(request: HttpRequest) -> None:
    if Rol.KETENPARTNER not in rollen_van(_gebruiker(request)):
        raise PermissionDenied


@require_http_methods(["GET"])
def gedeeld(request: HttpRequest) -> HttpResponse:
    """Gedeeld met onze organisatie: signals currently shared, nothing else."""
    _alleen_partner(request)
    pagina = Paginator(gedeeld_lijst(_gebruiker(request)), PAGINAGROOTTE).get_page(request.GET.get("pagina"))
    toegang_loggen(request, actie=Toegangslog.Actie.LIJST, signaal_ids=[s.pk for s in pagina.object_list])
    return render(
        request,
        "meldroute/gedeeld.html",
        {"page_obj": pagina, "signalen": pagina.object_list, "querystring_zonder_pagina": ""},
    )


def _weergave_of_404(request: HttpRequest, pk: int, *, actie: str) -> PartnerWeergave:
    try:
        weergave = partner_weergave(_gebruiker(request), pk)
    except Signaal.DoesNotExist:
        toegang_loggen(request, actie=actie, signaal_ids=[pk], toegestaan=False)
        raise Http404 from None
    weergave_loggen(request, actie=actie, signaal_ids=[pk])
    return weergave


@require_http_methods(["GET"])
def gedeeld_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The shared signal; for a partner whose own share of it ended, a page that says so.

    That page is a 200 with the reference number and the date only, no signal content: the
    partner had the number, and a bare 404 would leave them guessing. It is logged as refused,
    because the signal itself was not shown. Any other signal stays a 404.
    """
    gebruiker = _gebruiker(request)
    try:
        weergave = partner_weergave(gebruiker, pk)
    except Signaal.DoesNotExist:
        toegang_loggen(request, actie=Toegangslog.Actie.DETAIL, signaal_ids=[pk], toegestaan=False)
        try:
            beeindigd = beeindigde_deling(gebruiker, pk)
        except Deling.DoesNotExist:
            raise Http404 from None
        return render(request, "meldroute/gedeeld_beeindigd.html", {"deling": beeindigd})
    toegang_loggen(request, actie=Toegangslog.Actie.DETAIL, signaal_ids=[pk])
    services.deling_geopend(signaal_id=pk, door=gebruiker)
    return render(request, "meldroute/gedeeld_detail.html", {"w": weergave})


@require_http_methods(["GET"])
def gedeeld_download(request: HttpRequest, pk: int) -> HttpResponse:
    """The shared signal as a text file, from the same view of it as the page."""
    weergave = _weergave_of_404(request, pk, actie=Toegangslog.Actie.DOWNLOAD)
    inhoud = render_to_string("meldroute/gedeeld_download.txt", {"w": weergave, "nu": timezone.now()})
    response = HttpResponse(inhoud, content_type="text/plain; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="signaal-{weergave.referentie}.txt"'
    response["Cache-Control"] = "private, no-store"
    return response


@require_http_methods(["GET"])
def gedeeld_bijlage(request: HttpRequest, pk: int, bijlage_pk: int) -> FileResponse:
    gebruiker = _gebruiker(request)
    return bijlage_versturen(
        request, signaal_pk=pk, ophalen=lambda: partner_bijlage(gebruiker, signaal_pk=pk, bijlage_pk=bijlage_pk)
    )


@require_http_methods(["GET", "POST"])
def terugmelding(request: HttpRequest, pk: int) -> HttpResponse:
    weergave = _weergave_of_404(request, pk, actie=Toegangslog.Actie.DETAIL)
    form = TerugmeldingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.terugmelding_toevoegen(signaal_id=pk, door=_gebruiker(request), **form.cleaned_data)
        except ValidationError as fout:
            fouten_overnemen(form, fout)
        except Signaal.DoesNotExist:
            # The share ended between reading the page and locking the signal.
            toegang_loggen(request, actie=Toegangslog.Actie.DETAIL, signaal_ids=[pk], toegestaan=False)
            raise Http404 from None
        else:
            messages.success(request, "Uw terugmelding is verstuurd naar de aandachtsfunctionaris.")
            return redirect("meldroute:gedeeld_detail", pk=pk)
    context = {"w": weergave, "form": form, "fouten": foutsamenvatting(form) if form.is_bound else []}
    return render(request, "meldroute/terugmelding.html", context)


@require_http_methods(["GET"])
def delingen_overzicht(request: HttpRequest) -> HttpResponse:
    """For the coördinator: how many shares exist per partner in their regions. Counts only."""
    gebruiker = _gebruiker(request)
    if Rol.COORDINATOR not in rollen_van(gebruiker):
        raise PermissionDenied
    regios = Regio.objects.filter(organisaties__in=organisaties_met_rol(gebruiker, Rol.COORDINATOR)).distinct()
    partners = delingen_per_partner(regios)
    return render(request, "meldroute/delingen_overzicht.html", {"partners": partners, "regios": regios})
