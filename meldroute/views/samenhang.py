"""Samenhangende signalen on the detail page: suggestions within the own gemeente, confirm and reject."""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from ketenpartners.models import Gebruiker, Rol
from ketenpartners.selectors import rollen_van
from meldroute import samenhang
from meldroute.models import Samenhang
from meldroute.services import MeldrouteFout
from meldroute.services.samenhang import contact_vragen as contact_vragen_service
from meldroute.services.samenhang import samenhang_afwijzen, samenhang_bevestigen
from signalen.models import Signaal, Toegangslog
from signalen.selectors import behandelbare_signalen
from signalen.toegang import toegang_loggen


def _gebruiker(request: HttpRequest) -> Gebruiker:
    assert isinstance(request.user, Gebruiker)
    return request.user


def detail_context(request: HttpRequest, signaal: Signaal) -> dict[str, Any]:
    """The section of the detail page. Every other signal it names is in the access log: one
    'Lijst bekeken' row with their ids, beside the page's own 'Signaal bekeken' row. A hit at
    another gemeente is logged too, one row per gemeente ('Mogelijk samenhangend signaal bij andere
    gemeente getoond', with that gemeente's matching signals), so its FG sees who learned of them."""
    overzicht = samenhang.samenhang_van(signaal, gebruiker=_gebruiker(request))
    if overzicht.signaal_ids:
        toegang_loggen(request, actie=Toegangslog.Actie.LIJST, signaal_ids=overzicht.signaal_ids)
    elders = samenhang.elders(signaal)
    # One row per gemeente with a hit: each gemeente's FG sees its own signals named, and nothing
    # of the hits at other gemeenten.
    for treffer in elders:
        toegang_loggen(
            request, actie=Toegangslog.Actie.SAMENHANG_ELDERS, signaal_ids=[signaal.pk, *treffer.signaal_ids]
        )
    return {"samenhang": overzicht, "samenhang_elders": elders}


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
def contact_vragen(request: HttpRequest, pk: int, andere_gemeente_pk: int) -> HttpResponse:
    """Ask the AFs of a gemeente with a hit to get in touch. 404 without a hit, as for a signal
    the user may not handle: the request reveals nothing the detail page does not."""
    gebruiker = _gebruiker(request)
    try:
        verzoek, andere = contact_vragen_service(signaal_id=pk, gemeente_id=andere_gemeente_pk, door=gebruiker)
    except Signaal.DoesNotExist:
        toegang_loggen(request, actie=Toegangslog.Actie.CONTACTVERZOEK, signaal_ids=[pk], toegestaan=False)
        raise Http404 from None
    except MeldrouteFout as fout:
        messages.error(request, str(fout))
    else:
        toegang_loggen(request, actie=Toegangslog.Actie.CONTACTVERZOEK, signaal_ids=[pk, *andere])
        messages.success(
            request,
            f"Verzoek om contact verstuurd aan de aandachtsfunctionarissen van gemeente {verzoek.gemeente.naam}.",
        )
    return redirect(reverse("meldroute:detail", args=[pk]) + "#kop-samenhang-elders")


@require_http_methods(["GET"])
def contactverzoeken(request: HttpRequest) -> HttpResponse:
    """Requests from other gemeenten to the user's gemeente, with the user's own signals that match.

    For AFs only (403 otherwise). Every own signal named is in the access log."""
    gebruiker = _gebruiker(request)
    if Rol.AANDACHTSFUNCTIONARIS not in rollen_van(gebruiker):
        raise PermissionDenied
    verzoeken = samenhang.ontvangen_verzoeken(gebruiker)
    if genoemd := sorted({s.pk for verzoek in verzoeken for s in verzoek.eigen_signalen}):
        toegang_loggen(request, actie=Toegangslog.Actie.LIJST, signaal_ids=genoemd)
    return render(request, "meldroute/samenhang/contactverzoeken.html", {"verzoeken": verzoeken})


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
