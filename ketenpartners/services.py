"""Writes about who is who: memberships, and the auth groups that project them.

Every role in an organisation has one auth group (``OrganisatieGroep``), found by the
organisation's primary key and never by a name: a new organisation with an old name gets a new,
empty group. Object permissions on signals go to these groups (docs/autorisatie.md), so a group's
members must always be exactly the users with that role in that active organisation;
``lidmaatschappen_synchroniseren`` makes them so after every change, in the same transaction,
and ``manage.py rechten_controleren`` checks it every night.
"""

from django.contrib.auth.models import Group, Permission
from django.db import IntegrityError, transaction
from django.db.models import QuerySet

from ketenpartners.inloggen.sessies import sessies_beeindigen
from ketenpartners.models import Gebruiker, Lidmaatschap, Organisatie, OrganisatieGroep, Rol

# Models a beheerder manages in the Django admin. Signals are deliberately not among them:
# a beheerder manages the product, not its content.
BEHEER_MODELLEN = {
    "ketenpartners": ["regio", "organisatie", "gebruiker", "lidmaatschap"],
    "signalen": ["indicator", "team", "termijninstellingen", "notificatie"],
    "tafels": ["tafel"],
}


def beheerrechten() -> QuerySet[Permission]:
    """The model permissions of a beheerder's group: exactly these, in no other group."""
    permissies = Permission.objects.none()
    for app_label, modellen in BEHEER_MODELLEN.items():
        permissies |= Permission.objects.filter(content_type__app_label=app_label, content_type__model__in=modellen)
    return permissies


def groep_voor(*, organisatie: Organisatie, rol: str) -> Group:
    """The auth group of one role in one organisation, made on first use."""
    bestaand = OrganisatieGroep.objects.select_related("groep").filter(organisatie=organisatie, rol=rol).first()
    if bestaand is not None:
        return bestaand.groep
    try:
        with transaction.atomic():
            # The name only helps a person reading the database; nothing ever looks a group up by it.
            groep = Group.objects.create(name=f"organisatie-{organisatie.pk}-{rol}")
            OrganisatieGroep.objects.create(organisatie=organisatie, rol=rol, groep=groep)
            if rol == Rol.BEHEERDER:
                groep.permissions.set(beheerrechten())
    except IntegrityError:
        # Made at the same moment by another transaction: use that one.
        return OrganisatieGroep.objects.select_related("groep").get(organisatie=organisatie, rol=rol).groep
    return groep


@transaction.atomic
def lidmaatschappen_synchroniseren(*, gebruiker: Gebruiker) -> None:
    """Make the user's organisation groups match their memberships.

    Called after every change of memberships and organisations (services and admin), so groups
    are never edited by hand and can never drift from what the beheerder sees.
    """
    gewenst = set()
    beheerder = False
    for lid in gebruiker.lidmaatschappen.filter(organisatie__actief=True).select_related("organisatie"):
        groep = groep_voor(organisatie=lid.organisatie, rol=lid.rol)
        gewenst.add(groep.pk)
        if lid.rol == Rol.BEHEERDER:
            # The admin's model permissions go with the beheerder's group (never with a group found by name).
            groep.permissions.set(beheerrechten())
            beheerder = True
    huidig = set(gebruiker.groups.values_list("pk", flat=True))
    beheerd = set(OrganisatieGroep.objects.values_list("groep_id", flat=True))
    weg = (huidig & beheerd) - gewenst
    gebruiker.groups.remove(*weg)
    gebruiker.groups.add(*(gewenst - huidig))
    if weg:
        # A role taken away (membership ended or changed, organisation deactivated) ends every
        # session of the user, in this transaction (ketenpartners/inloggen/sessies.py).
        sessies_beeindigen(gebruiker=gebruiker)
    if gebruiker.is_staff != beheerder:
        gebruiker.is_staff = beheerder
        gebruiker.save(update_fields=["is_staff"])


@transaction.atomic
def lidmaatschap_toevoegen(*, gebruiker: Gebruiker, organisatie: Organisatie, rol: str) -> Lidmaatschap:
    lidmaatschap, _ = Lidmaatschap.objects.get_or_create(gebruiker=gebruiker, organisatie=organisatie, rol=rol)
    lidmaatschappen_synchroniseren(gebruiker=gebruiker)
    return lidmaatschap


@transaction.atomic
def lidmaatschap_beeindigen(*, gebruiker: Gebruiker, organisatie: Organisatie, rol: str) -> None:
    Lidmaatschap.objects.filter(gebruiker=gebruiker, organisatie=organisatie, rol=rol).delete()
    lidmaatschappen_synchroniseren(gebruiker=gebruiker)


@transaction.atomic
def organisatie_activeren(*, organisatie: Organisatie, actief: bool) -> None:
    """An organisation set inactive takes its members' access with it, and back when reactivated.

    Organisations are deactivated, never deleted, while anything hangs on them.
    """
    Organisatie.objects.filter(pk=organisatie.pk).update(actief=actief)
    organisatie.actief = actief
    for gebruiker in Gebruiker.objects.filter(lidmaatschappen__organisatie=organisatie).distinct():
        lidmaatschappen_synchroniseren(gebruiker=gebruiker)
