"""The access log: every read of signal data leaves a row."""

from collections.abc import Iterable

from django.http import HttpRequest

from mensenhandel.client_ip import client_ip
from signalen.models import Toegangslog


def toegang_loggen(
    request: HttpRequest,
    *,
    actie: str,
    signaal_ids: Iterable[int],
    toegestaan: bool = True,
) -> Toegangslog:
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
