"""Whose figures a user may see and keep: the one place for the scope of evaluatie.

An AF sees the gemeenten where they are AF; a coördinator every gemeente of their regio's; both
see their union. Nobody sees another regio. A gemeente set inactive keeps its history for the
coördinator; its AFs lose access with their membership.
"""

from django.db.models import Exists, OuterRef, Q, QuerySet

from ketenpartners.models import Gebruiker, Lidmaatschap, Organisatie, Regio, Rol


def regios_van(gebruiker: Gebruiker) -> QuerySet[Regio]:
    """The regio's in which the user is coördinator."""
    if not gebruiker.is_authenticated or not gebruiker.is_active:
        return Regio.objects.none()
    return Regio.objects.filter(
        Exists(
            Lidmaatschap.objects.filter(
                gebruiker=gebruiker,
                rol=Rol.COORDINATOR,
                organisatie__actief=True,
                organisatie__regios=OuterRef("pk"),
            )
        )
    ).order_by("naam")


def dashboard_gemeenten(gebruiker: Gebruiker) -> QuerySet[Organisatie]:
    if not gebruiker.is_authenticated or not gebruiker.is_active:
        return Organisatie.objects.none()
    als_af = Exists(
        Lidmaatschap.objects.filter(
            gebruiker=gebruiker,
            rol=Rol.AANDACHTSFUNCTIONARIS,
            organisatie=OuterRef("pk"),
            organisatie__actief=True,
        )
    )
    in_regio = Q(
        Exists(Organisatie.regios.through.objects.filter(organisatie=OuterRef("pk"), regio__in=regios_van(gebruiker)))
    )
    return Organisatie.objects.filter(soort=Organisatie.Soort.GEMEENTE).filter(Q(als_af) | in_regio).order_by("naam")
