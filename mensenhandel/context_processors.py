from dataclasses import dataclass

from django.http import HttpRequest
from django.urls import reverse

from ketenpartners.models import Gebruiker, Rol
from ketenpartners.selectors import rollen_van


@dataclass(frozen=True)
class NavItem:
    label: str
    url: str
    actief: bool


# Menu items per role, in menu order: (role, label, url name).
MENU = [
    (Rol.AANDACHTSFUNCTIONARIS, "Werkbak", "meldroute:werkbak"),
    (Rol.MEDEWERKER, "Signaal melden", "signalen:melden"),
    (Rol.MEDEWERKER, "Mijn signalen", "meldroute:mijn_signalen"),
    (Rol.KETENPARTNER, "Gedeeld met onze organisatie", "meldroute:gedeeld"),
    (Rol.COORDINATOR, "Delingen per partner", "meldroute:delingen_overzicht"),
    (Rol.FG, "Toegangslog", "signalen:logboek_toegang"),
    (Rol.FG, "Auditlog", "signalen:logboek_audit"),
]


def navigatie(request: HttpRequest) -> dict[str, list[NavItem]]:
    gebruiker = getattr(request, "user", None)
    if not isinstance(gebruiker, Gebruiker):
        return {"nav_items": []}
    rollen = rollen_van(gebruiker)
    items = []
    gezien = set()
    for rol, label, naam in MENU:
        if rol in rollen and naam not in gezien:
            gezien.add(naam)
            url = reverse(naam)
            items.append(NavItem(label=label, url=url, actief=request.path == url))
    if gebruiker.is_staff:
        items.append(NavItem(label="Beheer", url=reverse("admin:index"), actief=request.path.startswith("/beheer/")))
    return {"nav_items": items}
