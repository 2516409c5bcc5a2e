from django.db.models import QuerySet

from ketenpartners.models import Gebruiker, Organisatie, Rol


def organisaties_met_rol(gebruiker: Gebruiker, rol: str) -> QuerySet[Organisatie]:
    return Organisatie.objects.filter(lidmaatschappen__gebruiker=gebruiker, lidmaatschappen__rol=rol, actief=True)


def gemeenten_van_melder(gebruiker: Gebruiker) -> QuerySet[Organisatie]:
    return organisaties_met_rol(gebruiker, Rol.MEDEWERKER).filter(soort=Organisatie.Soort.GEMEENTE)


def rollen_van(gebruiker: Gebruiker) -> set[str]:
    if not gebruiker.is_authenticated:
        return set()
    cached: set[str] | None = getattr(gebruiker, "_rollen_cache", None)
    if cached is None:
        cached = set(gebruiker.lidmaatschappen.filter(organisatie__actief=True).values_list("rol", flat=True))
        gebruiker._rollen_cache = cached  # type: ignore[attr-defined]
    return cached


def aandachtsfunctionarissen_van(gemeente: Organisatie) -> QuerySet[Gebruiker]:
    return Gebruiker.objects.filter(
        is_active=True,
        lidmaatschappen__organisatie=gemeente,
        lidmaatschappen__organisatie__actief=True,
        lidmaatschappen__rol=Rol.AANDACHTSFUNCTIONARIS,
    ).order_by("first_name", "last_name", "username")
