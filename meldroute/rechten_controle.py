"""The check that guardian's object permissions are a faithful projection of the domain.

The domain is the truth (docs/adr/0007-toegang-een-waarheid.md). From memberships, gemeenten and
shares, the projection must be exactly:

- on every signal: ``view_signaal`` and ``behandelen_signaal`` for the AF group of its gemeente,
  and for no other group;
- on every signal with a share in force: ``inzien_gedeeld_signaal`` for the partner
  organisation's group, and none without one (a share past its end date that the expiry job has
  not handled yet is tolerated: the query-time check already ends that access);
- no other permission on a signal, no permission for a single user, no row in guardian's
  generic tables for a signal;
- in every organisation group: exactly the users with that role in that organisation while it
  is active; model permissions (the admin) only in beheerder groups, and exactly the beheerder's;
  ``is_staff`` exactly for active beheerders; no group that belongs to no organisation.

``controleren`` finds every difference in a fixed number of set-based queries, whatever the
number of signals. ``herstellen`` repairs per signal (locked first, the order every writer
uses) or per user, recomputing from the domain at that moment, one row at a time so that the
audit log records each change with the reason.
"""

import datetime
import logging
from collections import Counter
from dataclasses import dataclass

from auditlog.context import set_extra_data
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from guardian.models import GroupObjectPermission, UserObjectPermission

from ketenpartners.models import Gebruiker, Lidmaatschap, Organisatie, OrganisatieGroep, Rol
from ketenpartners.services import beheerrechten, groep_voor, lidmaatschappen_synchroniseren
from meldroute.models import Deling
from signalen import berichten
from signalen.models import Notificatie, Signaal, SignaalGroupObjectPermission, SignaalUserObjectPermission

logger = logging.getLogger(__name__)

AF_RECHTEN = ("view_signaal", "behandelen_signaal")
GEDEELD = "inzien_gedeeld_signaal"
HERSTEL = {"additional_data": {"reden": "herstel door rechten_controleren"}}


@dataclass(frozen=True)
class Verschil:
    """One difference, described without personal data of anyone in a signal."""

    soort: str
    beschrijving: str
    signaal_id: int | None = None
    gebruiker_id: int | None = None
    groep_id: int | None = None


def _rechten() -> dict[str, int]:
    return dict(
        Permission.objects.filter(content_type__app_label="signalen", codename__in=(*AF_RECHTEN, GEDEELD)).values_list(
            "codename", "pk"
        )
    )


def _in_groep(rol: str, organisatie: str) -> Q:
    """The permission row's group is the ``rol`` group of the organisation at ``organisatie``."""
    return Q(group__organisatiegroep__rol=rol, group__organisatiegroep__organisatie=OuterRef(organisatie))


def _gedeeld_recht_mag(vandaag: datetime.date) -> QuerySet[Deling]:
    """Shares that carry (or may still carry) the partner's permission: in force, or expired but
    not yet handled by the expiry job."""
    return Deling.objects.actief(vandaag) | Deling.objects.verlopen_onverwerkt(vandaag)


def _rij(rij: SignaalGroupObjectPermission, soort: str, wat: str) -> Verschil:
    return Verschil(
        soort,
        f"{rij.content_object.referentie}: {rij.permission.codename} voor groep {rij.group_id} ({wat})",
        signaal_id=rij.content_object_id,
    )


def _objectrechten(vandaag: datetime.date) -> list[Verschil]:
    rechten = _rechten()
    verschillen = []
    for codenaam in AF_RECHTEN:
        ontbrekend = Signaal.objects.filter(
            ~Exists(
                SignaalGroupObjectPermission.objects.filter(
                    _in_groep(Rol.AANDACHTSFUNCTIONARIS, "gemeente_id"),
                    content_object=OuterRef("pk"),
                    permission_id=rechten[codenaam],
                )
            )
        ).values_list("pk", "referentie")
        verschillen += [
            Verschil("ontbrekend objectrecht", f"{referentie}: {codenaam} voor de AF's van de gemeente", signaal_id=pk)
            for pk, referentie in ontbrekend
        ]
    andere_groep = SignaalGroupObjectPermission.objects.filter(
        ~Exists(
            OrganisatieGroep.objects.filter(
                groep=OuterRef("group"),
                organisatie=OuterRef("content_object__gemeente"),
                rol=Rol.AANDACHTSFUNCTIONARIS,
            )
        ),
        permission_id__in=[rechten[c] for c in AF_RECHTEN],
    )
    verschillen += [_rij(rij, "overbodig objectrecht", "geen AF-groep van de gemeente") for rij in _rijen(andere_groep)]

    zonder_recht = Deling.objects.actief(vandaag).filter(
        ~Exists(
            SignaalGroupObjectPermission.objects.filter(
                _in_groep(Rol.KETENPARTNER, "organisatie_id"),
                content_object=OuterRef("signaal_id"),
                permission_id=rechten[GEDEELD],
            )
        )
    )
    verschillen += [
        Verschil(
            "ontbrekend objectrecht", f"{referentie}: {GEDEELD} voor {organisatie} (lopende deling)", signaal_id=pk
        )
        for pk, referentie, organisatie in zonder_recht.values_list(
            "signaal_id", "signaal__referentie", "organisatie__naam"
        )
    ]
    zonder_deling = SignaalGroupObjectPermission.objects.filter(
        ~Exists(
            _gedeeld_recht_mag(vandaag).filter(
                signaal=OuterRef("content_object"),
                organisatie__groepen__groep=OuterRef("group"),
                organisatie__groepen__rol=Rol.KETENPARTNER,
            )
        ),
        permission_id=rechten[GEDEELD],
    )
    verschillen += [_rij(rij, "overbodig objectrecht", "geen lopende deling") for rij in _rijen(zonder_deling)]

    ander = SignaalGroupObjectPermission.objects.exclude(permission_id__in=rechten.values())
    verschillen += [_rij(rij, "overbodig objectrecht", "ander recht") for rij in _rijen(ander)]
    verschillen += [
        Verschil(
            "overbodig objectrecht",
            f"{referentie}: {codenaam} voor gebruiker {gebruiker_id} (nooit per gebruiker)",
            signaal_id=pk,
        )
        for pk, referentie, codenaam, gebruiker_id in SignaalUserObjectPermission.objects.values_list(
            "content_object_id", "content_object__referentie", "permission__codename", "user_id"
        )
    ]
    signaaltype = ContentType.objects.get_for_model(Signaal)
    for model in (GroupObjectPermission, UserObjectPermission):
        for pk, object_pk in model.objects.filter(content_type=signaaltype).values_list("pk", "object_pk"):
            verschillen.append(
                Verschil("overbodig objectrecht", f"signaal {object_pk}: rij {pk} in {model._meta.db_table}")
            )
    return verschillen


def _rijen(rijen: QuerySet[SignaalGroupObjectPermission]) -> QuerySet[SignaalGroupObjectPermission]:
    return rijen.select_related("content_object", "permission").only(
        "content_object__referentie", "permission__codename", "group_id"
    )


def _groepen() -> list[Verschil]:
    verschillen = []
    groepen = {(og.organisatie_id, og.rol): og.groep_id for og in OrganisatieGroep.objects.all()}
    gewenst: dict[int, set[int]] = {groep_id: set() for groep_id in groepen.values()}
    for organisatie_id, rol, gebruiker_id in Lidmaatschap.objects.filter(organisatie__actief=True).values_list(
        "organisatie_id", "rol", "gebruiker_id"
    ):
        groep_id = groepen.get((organisatie_id, rol))
        if groep_id is None:
            verschillen.append(
                Verschil(
                    "ontbrekende groep",
                    f"organisatie {organisatie_id} heeft geen groep voor rol {rol}",
                    gebruiker_id=gebruiker_id,
                )
            )
        else:
            gewenst[groep_id].add(gebruiker_id)
    werkelijk: dict[int, set[int]] = {groep_id: set() for groep_id in gewenst}
    for groep_id, gebruiker_id in Gebruiker.groups.through.objects.filter(group_id__in=gewenst).values_list(
        "group_id", "gebruiker_id"
    ):
        werkelijk[groep_id].add(gebruiker_id)
    for groep_id in sorted(gewenst):
        for gebruiker_id in sorted(gewenst[groep_id] - werkelijk[groep_id]):
            verschillen.append(
                Verschil(
                    "ontbrekend groepslid", f"gebruiker {gebruiker_id} in groep {groep_id}", gebruiker_id=gebruiker_id
                )
            )
        for gebruiker_id in sorted(werkelijk[groep_id] - gewenst[groep_id]):
            verschillen.append(
                Verschil(
                    "overbodig groepslid", f"gebruiker {gebruiker_id} in groep {groep_id}", gebruiker_id=gebruiker_id
                )
            )

    beheer = set(beheerrechten().values_list("pk", flat=True))
    beheergroepen = {groep_id for (_, rol), groep_id in groepen.items() if rol == Rol.BEHEERDER}
    modelrechten: dict[int, set[int]] = {groep_id: set() for groep_id in gewenst}
    for groep_id, permissie_id in Group.permissions.through.objects.filter(group_id__in=gewenst).values_list(
        "group_id", "permission_id"
    ):
        modelrechten[groep_id].add(permissie_id)
    for groep_id in sorted(modelrechten):
        verwacht = beheer if groep_id in beheergroepen else set()
        if modelrechten[groep_id] != verwacht:
            verschillen.append(
                Verschil("afwijkende modelrechten", f"groep {groep_id}: rechten in het beheer", groep_id=groep_id)
            )

    beheerders = Lidmaatschap.objects.filter(gebruiker=OuterRef("pk"), rol=Rol.BEHEERDER, organisatie__actief=True)
    for gebruiker_id, username in (
        Gebruiker.objects.alias(beheerder=Exists(beheerders))
        .filter(Q(is_staff=True, beheerder=False) | Q(is_staff=False, beheerder=True))
        .values_list("pk", "username")
    ):
        verschillen.append(
            Verschil("afwijkende beheertoegang", f"gebruiker {gebruiker_id} ({username})", gebruiker_id=gebruiker_id)
        )
    for groep_id, naam in Group.objects.exclude(pk__in=set(groepen.values())).values_list("pk", "name"):
        verschillen.append(Verschil("groep zonder organisatie", f"groep {groep_id} ({naam})", groep_id=groep_id))
    return verschillen


def controleren(*, vandaag: datetime.date | None = None) -> list[Verschil]:
    """Every difference between the projection and the domain."""
    return _objectrechten(vandaag or timezone.localdate()) + _groepen()


def samenvatting(verschillen: list[Verschil]) -> dict[str, int]:
    return dict(sorted(Counter(v.soort for v in verschillen).items()))


def nachtelijke_controle() -> int:
    """Check, log the summary and write one mail a day to every active beheerder; repairs are
    left to a person (``manage.py rechten_controleren --herstellen``)."""
    verschillen = controleren()
    if not verschillen:
        return 0
    logger.error("Objectrechten wijken af van het domein: %s", samenvatting(verschillen))
    beheerders = Gebruiker.objects.filter(
        is_active=True,
        lidmaatschappen__rol=Rol.BEHEERDER,
        lidmaatschappen__organisatie__actief=True,
    ).distinct()
    vandaag = timezone.localdate()
    with transaction.atomic():
        berichten.klaarzetten(
            soort=Notificatie.Soort.RECHTEN_VERSCHIL,
            ontvangers=beheerders,
            moment=timezone.make_aware(datetime.datetime.combine(vandaag, datetime.time())),
            pad=reverse("admin:index"),
        )
    return len(verschillen)


def signaal_projecteren(signaal_id: int) -> int:
    """Make one signal's object permissions exactly what the domain says now; the number of rows
    changed. The signal is locked first, as every writer does."""
    signaal = Signaal.objects.select_for_update(of=("self",)).select_related("gemeente").filter(pk=signaal_id).first()
    if signaal is None:
        return 0
    rechten = _rechten()
    af_groep = groep_voor(organisatie=signaal.gemeente, rol=Rol.AANDACHTSFUNCTIONARIS)
    gewenst = {(af_groep.pk, rechten[codenaam]) for codenaam in AF_RECHTEN}
    lopend = Deling.objects.actief().filter(signaal=signaal)
    for organisatie in Organisatie.objects.filter(delingen__in=lopend).distinct():
        gewenst.add((groep_voor(organisatie=organisatie, rol=Rol.KETENPARTNER).pk, rechten[GEDEELD]))
    bestaand = {
        (r.group_id, r.permission_id): r for r in SignaalGroupObjectPermission.objects.filter(content_object=signaal)
    }
    gewijzigd = 0
    for groep_id, permissie_id in sorted(gewenst - bestaand.keys()):
        SignaalGroupObjectPermission.objects.create(
            content_object=signaal, group_id=groep_id, permission_id=permissie_id
        )
        gewijzigd += 1
    for sleutel in sorted(bestaand.keys() - gewenst):
        bestaand[sleutel].delete()
        gewijzigd += 1
    for rij in SignaalUserObjectPermission.objects.filter(content_object=signaal):
        rij.delete()
        gewijzigd += 1
    return gewijzigd


def herstellen(verschillen: list[Verschil]) -> int:
    """Put every difference right: per signal, per user, per group, each in its own transaction,
    recomputed from the domain at that moment; the audit log records every row with the reason."""
    with set_extra_data(HERSTEL):
        for signaal_id in sorted({v.signaal_id for v in verschillen if v.signaal_id is not None}):
            with transaction.atomic():
                signaal_projecteren(signaal_id)
        for gebruiker_id in sorted({v.gebruiker_id for v in verschillen if v.gebruiker_id is not None}):
            with transaction.atomic():
                gebruiker = Gebruiker.objects.select_for_update().filter(pk=gebruiker_id).first()
                if gebruiker is not None:
                    lidmaatschappen_synchroniseren(gebruiker=gebruiker)
        groepen = {v.groep_id for v in verschillen if v.groep_id is not None}
        for groep in Group.objects.filter(pk__in=groepen).select_related("organisatiegroep").order_by("pk"):
            with transaction.atomic():
                organisatiegroep = getattr(groep, "organisatiegroep", None)
                if organisatiegroep is None:
                    groep.delete()  # Its members and object permissions go with it.
                elif organisatiegroep.rol == Rol.BEHEERDER:
                    groep.permissions.set(beheerrechten())
                else:
                    groep.permissions.clear()
        signaaltype = ContentType.objects.get_for_model(Signaal)
        for model in (GroupObjectPermission, UserObjectPermission):
            for rij in model.objects.filter(content_type=signaaltype):
                rij.delete()
    return len(verschillen)
