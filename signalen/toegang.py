"""The access log: every read of signal data leaves a row, one per real view."""

from collections.abc import Callable, Iterable

from django.http import FileResponse, Http404, HttpRequest
from django.http.response import HttpResponseBase

from mensenhandel.client_ip import client_ip
from signalen.models import Bijlage, Toegangslog


def toegang_loggen(
    request: HttpRequest,
    *,
    actie: str,
    signaal_ids: Iterable[int],
    toegestaan: bool = True,
) -> Toegangslog:
    """Write one access-log row."""
    gebruiker = request.user if request.user.is_authenticated else None
    return Toegangslog.objects.create(
        gebruiker=gebruiker,
        gebruikersnaam=gebruiker.get_username() if gebruiker else "",
        actie=actie,
        resultaat=Toegangslog.Resultaat.TOEGESTAAN if toegestaan else Toegangslog.Resultaat.GEWEIGERD,
        signaal_ids=sorted(set(signaal_ids)),
        pad=request.get_full_path()[:500],
        ip_adres=client_ip(request) or None,
    )


def weergave_loggen(request: HttpRequest, *, actie: str, signaal_ids: Iterable[int]) -> None:
    """The allowed view of a page that holds signal data and may hold a form.

    The row is written when the page is sent (``WeergaveMiddleware``), not here: a GET shows the
    page, and so does a POST whose form is refused, with the data around the form. A POST that
    changes data and redirects shows nothing; the change itself is in the audit log and on the
    timeline. A refusal is logged with ``toegang_loggen``, whatever the method.
    """
    request.weergave_te_loggen = (actie, list(signaal_ids))  # type: ignore[attr-defined]


class WeergaveMiddleware:
    """Writes the access-log row of a page that ``weergave_loggen`` named, once it is shown."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        te_loggen = getattr(request, "weergave_te_loggen", None)
        if te_loggen is not None and response.status_code == 200:
            actie, signaal_ids = te_loggen
            toegang_loggen(request, actie=actie, signaal_ids=signaal_ids)
        return response


def bijlage_versturen(request: HttpRequest, *, signaal_pk: int, ophalen: Callable[[], Bijlage]) -> FileResponse:
    """Send an attachment that ``ophalen`` may give this user; log the attempt either way.

    ``ophalen`` raises Bijlage.DoesNotExist when the user may not have it: that is a 404.
    """
    try:
        bijlage = ophalen()
    except Bijlage.DoesNotExist:
        toegang_loggen(request, actie=Toegangslog.Actie.BIJLAGE, signaal_ids=[signaal_pk], toegestaan=False)
        raise Http404 from None
    toegang_loggen(request, actie=Toegangslog.Actie.BIJLAGE, signaal_ids=[signaal_pk])
    response = FileResponse(bijlage.bestand.open("rb"), as_attachment=True, filename=bijlage.naam)
    response["Content-Type"] = bijlage.content_type
    response["Cache-Control"] = "private, no-store"
    return response
