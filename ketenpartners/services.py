from django.contrib.auth.models import Group, Permission
from django.db import transaction

from ketenpartners.models import Gebruiker, Lidmaatschap, Organisatie, OrganisatieGroep, Rol

BEHEERDERS_GROEP = "Beheerders"
# Models a beheerder manages in the Django admin. Signals are deliberately not among them:
# a beheerder manages the product, not its content.
BEHEER_MODELLEN = {
    "ketenpartners": ["regio", "organisatie", "gebruiker", "lidmaatschap"],
    "signalen": ["indicator", "team"],
}


def groep_voor(*, organisatie: Organisatie, rol: str) -> Group:
    """The auth group of one role in one organisation, made on first use."""
    bestaand = OrganisatieGroep.objects.select_related("groep").filter(organisatie=organisatie, rol=rol).first()
    if bestaand is not None:
        return bestaand.groep
    with transaction.atomic():
        groep, _ = Group.objects.get_or_create(name=f"{organisatie.naam} – {Rol(rol).label}"[:150])
        OrganisatieGroep.objects.get_or_create(organisatie=organisatie, rol=rol, defaults={"groep": groep})
    return groep


def beheerdersgroep() -> Group:
    groep, _ = Group.objects.get_or_create(name=BEHEERDERS_GROEP)
    permissies = Permission.objects.none()
    for app_label, modellen in BEHEER_MODELLEN.items():
        permissies |= Permission.objects.filter(content_type__app_label=app_label, content_type__model__in=modellen)
    groep.permissions.set(permissies)
    return groep


@transaction.atomic
def lidmaatschappen_synchroniseren(*, gebruiker: Gebruiker) -> None:
    """Make the user's organisation groups match their memberships.

    Called after every change of memberships (services and admin), so groups are never edited
    by hand and can never drift from what the beheerder sees.
    """
    gewenst = {
        groep_voor(organisatie=lid.organisatie, rol=lid.rol).pk
        for lid in gebruiker.lidmaatschappen.filter(organisatie__actief=True).select_related("organisatie")
    }
    beheerder = gebruiker.lidmaatschappen.filter(rol=Rol.BEHEERDER, organisatie__actief=True).exists()
    if beheerder:
        gewenst.add(beheerdersgroep().pk)
    huidig = set(gebruiker.groups.values_list("pk", flat=True))
    beheerd = set(OrganisatieGroep.objects.values_list("groep_id", flat=True)) | set(
        Group.objects.filter(name=BEHEERDERS_GROEP).values_list("pk", flat=True)
    )
    gebruiker.groups.remove(*((huidig & beheerd) - gewenst))
    gebruiker.groups.add(*(gewenst - huidig))
    if gebruiker.is_staff != beheerder:
        gebruiker.is_staff = beheerder
        gebruiker.save(update_fields=["is_staff"])


@transaction.atomic
def lidmaatschap_toevoegen(*, gebruiker: Gebruiker, organisatie: Organisatie, rol: str) -> Lidmaatschap:
    lidmaatschap, _ = Lidmaatschap.objects.get_or_create(gebruiker=gebruiker, organisatie=organisatie, rol=rol)
    lidmaatschappen_synchroniseren(gebruiker=gebruiker)
    return lidmaatschap
