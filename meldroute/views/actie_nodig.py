"""Actie nodig: what the user has to do now, for every role."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from ketenpartners.models import Gebruiker
from ketenpartners.selectors import rollen_van
from meldroute import herinneringen
from meldroute.actie_nodig import actie_nodig as selecteren
from signalen.models import Toegangslog
from signalen.toegang import toegang_loggen


@require_http_methods(["GET"])
def actie_nodig(request: HttpRequest) -> HttpResponse:
    gebruiker = request.user
    assert isinstance(gebruiker, Gebruiker)
    resultaat = selecteren(gebruiker)
    if resultaat.signaal_ids:
        toegang_loggen(request, actie=Toegangslog.Actie.LIJST, signaal_ids=resultaat.signaal_ids)
    context = {
        "resultaat": resultaat,
        "mails": herinneringen.mails_voor(rollen_van(gebruiker)),
        "heeft_email": bool(gebruiker.email),
    }
    return render(request, "meldroute/actie_nodig.html", context)
