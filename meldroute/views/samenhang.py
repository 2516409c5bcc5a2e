"""Samenhangende signalen on the detail page: suggestions within the own gemeente, confirm and reject."""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_http_methods

from ketenpartners.models import Gebruiker
from meldroute import samenhang
from meldroute.models import Samenhang
from meldroute.services import MeldrouteFout
from meldroute.services.samenhang import samenhang_afwijzen, samenhang_bevestigen
from signalen.models import Signaal, Toegangslog
from signalen.selectors import behandelbare_signalen
from signalen.toegang import toegang_loggen


def _gebruiker(request: HttpRequest) -> Gebruiker:
    assert isinstance(request.user, Gebruiker)
    return request.user


def detail_context(request: HttpRequest, signaal: Signaal) -> dict[str, Any]:
    """The section of the detail page. Every other signal it names is in the access log: one
    'Lijst bekeken' row with their ids, beside the page's own 'Signaal bekeken' row."""
    overzicht = samenhang.samenhang_van(signaal, gebruiker=_gebruiker(request))
    if overzicht.signaal_ids:
        toegang_loggen(request, actie=Toegangslog.Actie.LIJST, signaal_ids=overzicht.signaal_ids)
    return {"samenhang": overzicht}


def _vastleggen(
    request: HttpRequest, pk: int, ander_pk: int, service: Callable[..., Samenhang], gelukt: str
) -> HttpResponse:
    gebruiker = _gebruiker(request)
    try:
        vastgelegd = service(signaal_id=pk, ander_id=ander_pk, door=gebruiker)
    except Signaal.DoesNotExist:
        # The refused signal: this one, or else the other one (also when it is of another gemeente).
        eigen = behandelbare_signalen(gebruiker).filter(pk=pk).exists()
        toegang_loggen(
            request, actie=Toegangslog.Actie.DETAIL, signaal_ids=[ander_pk if eigen else pk], toegestaan=False
        )
        raise Http404 from None
    except MeldrouteFout as fout:
        messages.error(request, str(fout))
    else:
        ander = vastgelegd.signaal_b if vastgelegd.signaal_a_id == pk else vastgelegd.signaal_a
        messages.success(request, gelukt.format(referentie=ander.referentie))
    return redirect("meldroute:detail", pk=pk)


@require_http_methods(["POST"])
def bevestigen(request: HttpRequest, pk: int, ander_pk: int) -> HttpResponse:
    return _vastleggen(request, pk, ander_pk, samenhang_bevestigen, "Vastgelegd: samenhangend met {referentie}.")


@require_http_methods(["POST"])
def afwijzen(request: HttpRequest, pk: int, ander_pk: int) -> HttpResponse:
    return _vastleggen(request, pk, ander_pk, samenhang_afwijzen, "Vastgelegd: niet samenhangend met {referentie}.")


def werkbak_markeren(rijen: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Mark the werkbak's rows that have an open suggestion: one query for the whole page."""
    gemarkeerd = samenhang.met_open_suggestie([rij["signaal"].pk for rij in rijen])
    for rij in rijen:
        rij["mogelijk_samenhangend"] = rij["signaal"].pk in gemarkeerd
    return rijen
