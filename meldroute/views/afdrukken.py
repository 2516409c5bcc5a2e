"""A printable signal for the AF's file or a meeting: marked "Vertrouwelijk", without navigation,
buttons or forms. Same access as the detail page (404 and a refused row in the access log
otherwise); printing is reading, so it is logged as viewing the signal."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from meldroute import selectors
from meldroute.views.route import _gebruiker, _signaal_of_404
from signalen.models import Toegangslog


@require_http_methods(["GET"])
def afdrukken(request: HttpRequest, pk: int) -> HttpResponse:
    signaal = _signaal_of_404(request, pk, actie=Toegangslog.Actie.DETAIL)
    context = {
        "signaal": signaal,
        "tijdlijn": selectors.tijdlijn(signaal),
        "afgedrukt_op": timezone.now(),
        "afgedrukt_door": _gebruiker(request),
    }
    return render(request, "meldroute/afdrukken.html", context)
