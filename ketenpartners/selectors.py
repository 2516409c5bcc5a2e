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


def leden_met_rol(organisatie: Organisatie, rol: str) -> QuerySet[Gebruiker]:
    """Active users with this role in this organisation, while the organisation is active."""
    return Gebruiker.objects.filter(
        is_active=True,
        lidmaatschappen__organisatie=organisatie,
        lidmaatschappen__organisatie__actief=True,
        lidmaatschappen__rol=rol,
    ).order_by("first_name", "last_name", "username")


def aandachtsfunctionarissen_van(gemeente: Organisatie) -> QuerySet[Gebruiker]:
    return leden_met_rol(gemeente, Rol.AANDACHTSFUNCTIONARIS)


def coordinatoren_van(regio_ids: list[int]) -> QuerySet[Gebruiker]:
    """The coördinatoren of these regio's: a coördinator role at an organisation in the regio."""
    return Gebruiker.objects.filter(
        is_active=True,
        lidmaatschappen__rol=Rol.COORDINATOR,
        lidmaatschappen__organisatie__actief=True,
        lidmaatschappen__organisatie__regios__in=regio_ids,
    ).distinct()


def partnergebruikers_van(organisatie: Organisatie) -> QuerySet[Gebruiker]:
    return leden_met_rol(organisatie, Rol.KETENPARTNER)
