from django.db.models import QuerySet
from guardian.shortcuts import get_objects_for_user

from ketenpartners.models import Gebruiker
from signalen.models import Signaal

BEHANDELEN = "signalen.behandelen_signaal"


def behandelbare_signalen(gebruiker: Gebruiker) -> QuerySet[Signaal]:
    """Signals the user may work on as aandachtsfunctionaris: object permissions only.

    Global permissions and superuser status give nothing here; only the object permissions
    handed to the gemeente's AF group at intake (or later shares) count.
    """
    if not gebruiker.is_authenticated or not gebruiker.is_active:
        return Signaal.objects.none()
    return get_objects_for_user(
        gebruiker,
        BEHANDELEN,
        klass=Signaal,
        accept_global_perms=False,
        with_superuser=False,
    )


def eigen_signalen(gebruiker: Gebruiker) -> QuerySet[Signaal]:
    """The signals this user reported themselves."""
    return Signaal.objects.filter(melder=gebruiker)
