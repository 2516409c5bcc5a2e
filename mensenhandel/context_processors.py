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
    aantal: int | None = None


# Menu items per role, in menu order: (role, label, url name).
MENU = [
    (Rol.AANDACHTSFUNCTIONARIS, "Werkbak", "meldroute:werkbak"),
    (Rol.AANDACHTSFUNCTIONARIS, "Contactverzoeken", "meldroute:contactverzoeken"),
    (Rol.MEDEWERKER, "Signaal melden", "signalen:melden"),
    (Rol.MEDEWERKER, "Mijn signalen", "meldroute:mijn_signalen"),
    (Rol.KETENPARTNER, "Gedeeld met onze organisatie", "meldroute:gedeeld"),
    (Rol.AANDACHTSFUNCTIONARIS, "Tafels", "tafels:overzicht"),
    (Rol.KETENPARTNER, "Tafels", "tafels:overzicht"),
    (Rol.AANDACHTSFUNCTIONARIS, "Dashboard", "evaluatie:dashboard"),
    (Rol.COORDINATOR, "Dashboard", "evaluatie:dashboard"),
    (Rol.AANDACHTSFUNCTIONARIS, "Basisniveau", "evaluatie:basisniveau"),
    (Rol.COORDINATOR, "Basisniveau", "evaluatie:basisniveau"),
    (Rol.AANDACHTSFUNCTIONARIS, "Trainingen", "evaluatie:trainingen"),
    (Rol.COORDINATOR, "Trainingen", "evaluatie:trainingen"),
    (Rol.COORDINATOR, "Rapporten", "evaluatie:rapporten"),
    (Rol.AANDACHTSFUNCTIONARIS, "Rapporten", "evaluatie:rapporten"),
    (Rol.COORDINATOR, "Monitoring", "evaluatie:monitoring"),
    (Rol.COORDINATOR, "Delingen per partner", "meldroute:delingen_overzicht"),
    (Rol.FG, "Toegangslog", "signalen:logboek_toegang"),
    (Rol.FG, "Auditlog", "signalen:logboek_audit"),
    (Rol.FG, "Bewaartermijnen", "signalen:bewaring"),
    (Rol.FG, "Rechten van betrokkenen", "gegevensbescherming:betrokkenen"),
    (Rol.FG, "Toegangsexport", "gegevensbescherming:toegang"),
    (Rol.FG, "Rechtenreview", "gegevensbescherming:rechten"),
]


def navigatie(request: HttpRequest) -> dict[str, list[NavItem]]:
    gebruiker = getattr(request, "user", None)
    if not isinstance(gebruiker, Gebruiker):
        return {"nav_items": []}
    rollen = rollen_van(gebruiker)
    # Imported here: the project package sits below the apps and only reaches up for this count.
    from meldroute.actie_nodig import aantal

    url = reverse("meldroute:actie_nodig")
    items = [NavItem(label="Actie nodig", url=url, actief=request.path == url, aantal=aantal(gebruiker))]
    gezien = set()
    for rol, label, naam in MENU:
        if rol in rollen and naam not in gezien:
            gezien.add(naam)
            url = reverse(naam)
            items.append(NavItem(label=label, url=url, actief=request.path == url))
    if gebruiker.is_staff:
        items.append(NavItem(label="Beheer", url=reverse("admin:index"), actief=request.path.startswith("/beheer/")))
    return {"nav_items": items}
