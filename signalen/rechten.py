"""Who may work on which signal, in one place (docs/adr/0007-toegang-een-waarheid.md).

The truth is the domain: an active user with the role aandachtsfunctionaris in an active
gemeente may work on that gemeente's signals. django-guardian's object permissions are its
projection, kept in step by every writer in the same transaction and checked every night by
``manage.py rechten_controleren``. Lists ask the domain, with an index on the gemeente, so their
cost follows the gemeente's own signals. A single signal must pass both: should the projection
ever disagree, the answer is no (fail closed) and the log says so, without personal data.
"""

import logging

from django.db.models import QuerySet

from ketenpartners.models import Gebruiker, Lidmaatschap, Organisatie, Rol
from signalen.models import Signaal, SignaalGroupObjectPermission

logger = logging.getLogger(__name__)
BEHANDELEN = "behandelen_signaal"


def af_gemeenten(gebruiker: Gebruiker) -> list[int]:
    """The gemeenten where the user is an active AF; looked up once per user object (request)."""
    if not gebruiker.is_authenticated or not gebruiker.is_active:
        return []
    bekend: list[int] | None = getattr(gebruiker, "_af_gemeenten", None)
    if bekend is None:
        bekend = list(
            Lidmaatschap.objects.filter(
                gebruiker=gebruiker,
                rol=Rol.AANDACHTSFUNCTIONARIS,
                organisatie__actief=True,
                organisatie__soort=Organisatie.Soort.GEMEENTE,
            )
            .order_by("organisatie_id")
            .values_list("organisatie_id", flat=True)
        )
        gebruiker._af_gemeenten = bekend  # type: ignore[attr-defined]
    return bekend


def behandelbare_signalen(gebruiker: Gebruiker) -> QuerySet[Signaal]:
    """Every signal the user may work on as AF: the domain's answer, for lists and queries."""
    return Signaal.objects.filter(gemeente_id__in=af_gemeenten(gebruiker))


def projectie_staat_toe(gebruiker: Gebruiker, signaal: Signaal, recht: str) -> bool:
    """Does guardian's projection agree that the user holds ``recht`` on this one signal?

    Only group permissions count; a user permission, a global permission or superuser status
    never opens a signal.
    """
    toegestaan = SignaalGroupObjectPermission.objects.filter(
        content_object_id=signaal.pk,
        permission__content_type__app_label="signalen",
        permission__codename=recht,
        group__user=gebruiker,
    ).exists()
    if not toegestaan:
        logger.warning(
            "Objectrecht %s ontbreekt voor gebruiker %s op signaal %s terwijl het domein het toestaat",
            recht,
            gebruiker.pk,
            signaal.pk,
        )
    return toegestaan


def behandelbaar(gebruiker: Gebruiker, signaal: Signaal) -> bool:
    """For one signal already found through ``behandelbare_signalen``: does the projection agree?"""
    return projectie_staat_toe(gebruiker, signaal, BEHANDELEN)
