"""The pages of the second factor: set up the app, enter a code (or a recovery code)."""

from base64 import b32encode
from typing import Any

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login

from ketenpartners.inloggen import tweede_factor
from ketenpartners.inloggen.forms import AppCodeForm, HerstelcodeForm
from ketenpartners.inloggen.middleware import tweede_factor_geverifieerd, tweede_factor_vrij
from ketenpartners.inloggen.tweede_factor import Uitkomst, heeft_tweede_factor, tweede_factor_vereist
from ketenpartners.models import Gebruiker
from mensenhandel.formulieren import foutsamenvatting

QR_SCHAAL = 5


def _gebruiker(request: HttpRequest) -> Gebruiker:
    assert isinstance(request.user, Gebruiker)
    return request.user


def _volgende(request: HttpRequest) -> str:
    """Where the user was going (only a page of this site), else their start page."""
    doel = request.GET.get(REDIRECT_FIELD_NAME, "")
    if doel and url_has_allowed_host_and_scheme(doel, {request.get_host()}, require_https=request.is_secure()):
        return doel
    return resolve_url(settings.LOGIN_REDIRECT_URL)


def _naar(naam: str, volgende: str) -> HttpResponseRedirect:
    return redirect_to_login(volgende, reverse(naam))


def _pagina(request: HttpRequest, template: str, context: dict[str, Any]) -> HttpResponse:
    # No menu: a session without its second factor reaches none of the pages in it.
    return render(request, template, {"nav_items": [], **context})


def _in_sessie(request: HttpRequest, uitkomst: Uitkomst) -> None:
    otp_login(request, uitkomst.apparaat)
    # A session that gains its second factor gets a new key, as at login.
    request.session.cycle_key()


def _in_groepjes(tekst: str, grootte: int = 4) -> str:
    return " ".join(tekst[i : i + grootte] for i in range(0, len(tekst), grootte))


@tweede_factor_vrij
@never_cache
@require_http_methods(["GET", "POST"])
def instellen(request: HttpRequest) -> HttpResponse:
    gebruiker = _gebruiker(request)
    volgende = _volgende(request)
    if tweede_factor_geverifieerd(gebruiker) or not tweede_factor_vereist(gebruiker):
        return redirect(volgende)
    if heeft_tweede_factor(gebruiker):
        return _naar("inloggen:tweede_factor", volgende)

    apparaat = tweede_factor.app_in_te_stellen(gebruiker=gebruiker)
    form = AppCodeForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        uitkomst = tweede_factor.app_bevestigen(
            gebruiker=gebruiker, apparaat_id=apparaat.pk, code=form.cleaned_data["code"]
        )
        if uitkomst.apparaat is not None:
            _in_sessie(request, uitkomst)
            # Shown this once, in the answer to the confirmation; reloading it shows nothing again.
            codes = [_in_groepjes(code) for code in uitkomst.herstelcodes]
            return _pagina(request, "inloggen/herstelcodes.html", {"herstelcodes": codes, "volgende": volgende})
        form.add_error("code", uitkomst.melding)

    qr = segno.make(apparaat.config_url, error="m")
    breedte, hoogte = qr.symbol_size(scale=QR_SCHAAL)
    context = {
        "form": form,
        "fouten": foutsamenvatting(form),
        "qr": qr.svg_data_uri(scale=QR_SCHAAL),
        "qr_breedte": breedte,
        "qr_hoogte": hoogte,
        # The same secret as in the QR code, for typing over when scanning does not work.
        "sleutel": _in_groepjes(b32encode(apparaat.bin_key).decode()),
    }
    return _pagina(request, "inloggen/instellen.html", context)


@tweede_factor_vrij
@never_cache
@require_http_methods(["GET", "POST"])
def controleren(request: HttpRequest) -> HttpResponse:
    gebruiker = _gebruiker(request)
    volgende = _volgende(request)
    if tweede_factor_geverifieerd(gebruiker) or not tweede_factor_vereist(gebruiker):
        return redirect(volgende)
    if not heeft_tweede_factor(gebruiker):
        return _naar("inloggen:tweede_factor_instellen", volgende)

    met_herstelcode = request.method == "POST" and "herstelcode" in request.POST
    app_form = AppCodeForm(request.POST if request.method == "POST" and not met_herstelcode else None)
    herstel_form = HerstelcodeForm(request.POST if met_herstelcode else None)
    if app_form.is_valid():
        uitkomst = tweede_factor.app_code_controleren(gebruiker=gebruiker, code=app_form.cleaned_data["code"])
        if uitkomst.apparaat is not None:
            _in_sessie(request, uitkomst)
            return redirect(volgende)
        app_form.add_error("code", uitkomst.melding)
    if herstel_form.is_valid():
        uitkomst = tweede_factor.herstelcode_controleren(
            gebruiker=gebruiker, code=herstel_form.cleaned_data["herstelcode"]
        )
        if uitkomst.apparaat is not None:
            _in_sessie(request, uitkomst)
            over = uitkomst.herstelcodes_over
            messages.warning(
                request,
                f"U hebt een herstelcode gebruikt; u hebt er nog {over}. Raakt u ze op, vraag dan de functioneel "
                "beheerder om uw tweede factor opnieuw te laten instellen.",
            )
            return redirect(volgende)
        herstel_form.add_error("herstelcode", uitkomst.melding)

    context = {"app_form": app_form, "herstel_form": herstel_form, "fouten": foutsamenvatting(app_form, herstel_form)}
    return _pagina(request, "inloggen/controleren.html", context)
