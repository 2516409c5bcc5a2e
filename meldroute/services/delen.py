"""Sharing a signal with a ketenpartner, revoking it, expiry, and the partner's terugmelding."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from guardian.shortcuts import assign_perm, remove_perm

from ketenpartners.models import Gebruiker, Organisatie, Rol
from ketenpartners.services import groep_voor
from meldroute import herinneringen
from meldroute.models import Deling, StapRegistratie, Terugmelding
from meldroute.services.route import ActieNietToegestaan, MeldrouteFout, _registreren, _vergrendelen, _verplicht
from meldroute.zicht import (
    INZIEN_GEDEELD,
    actieve_delingen,
    gedeeld_zichtbaar,
    gedeelde_signalen,
    partnerorganisaties_van,
)
from signalen import feiten
from signalen.models import Signaal
from signalen.selectors import behandelbare_signalen
from signalen.workflow import Afloop, Status

Actie = StapRegistratie.Actie


def partners_voor(signaal: Signaal) -> QuerySet[Organisatie]:
    """Active partner organisations that serve the region of the signal's gemeente."""
    return (
        Organisatie.objects.filter(actief=True, regios__in=signaal.gemeente.regios.all())
        .exclude(soort=Organisatie.Soort.GEMEENTE)
        .distinct()
        .order_by("naam")
    )


def standaard_einddatum(signaal: Signaal) -> datetime.date:
    regio = signaal.gemeente.regios.order_by("naam").first()
    dagen = regio.deeltermijn_dagen if regio else 90
    # Never past the longest a share may run, whatever the regio's setting says.
    return timezone.localdate() + datetime.timedelta(days=min(dagen, settings.DELING_MAX_DAGEN))


def _recht_bijwerken(*, signaal: Signaal, organisatie: Organisatie) -> None:
    """The organisation keeps its permission only while at least one of its shares is in force."""
    groep = groep_voor(organisatie=organisatie, rol=Rol.KETENPARTNER)
    if actieve_delingen().filter(signaal=signaal, organisatie=organisatie).exists():
        assign_perm(INZIEN_GEDEELD, groep, signaal)
    else:
        remove_perm(INZIEN_GEDEELD, groep, signaal)


@transaction.atomic
def delen(
    *,
    signaal_id: int,
    door: Gebruiker,
    organisatie: Organisatie,
    grondslag: str,
    reden: str,
    einddatum: datetime.date,
    met_betrokkenen: bool = False,
    met_bijlagen: bool = False,
    grondslag_toelichting: str = "",
) -> Deling:
    """The AF shares the signal with one partner organisation until ``einddatum``."""
    _verplicht(organisatie=organisatie, grondslag=grondslag, reden=reden, einddatum=einddatum)
    if grondslag not in Deling.Grondslag.values:
        raise ValidationError({"grondslag": "Kies een grondslag uit de lijst."})
    if grondslag == Deling.Grondslag.ANDERS and not grondslag_toelichting:
        raise ValidationError({"grondslag_toelichting": "Licht toe op welke grondslag u deelt."})
    if einddatum <= timezone.localdate():
        raise ValidationError({"einddatum": "Kies een einddatum na vandaag."})
    if einddatum > timezone.localdate() + datetime.timedelta(days=settings.DELING_MAX_DAGEN):
        raise ValidationError(
            {"einddatum": f"Deel ten hoogste {settings.DELING_MAX_DAGEN} dagen; verleng de deling daarna zo nodig."}
        )
    signaal = _vergrendelen(signaal_id=signaal_id, door=door, verwachte_status=None)
    if signaal.status == Status.AFGESLOTEN:
        raise ActieNietToegestaan("Een afgesloten signaal kan niet meer gedeeld worden.")
    if not partners_voor(signaal).filter(pk=organisatie.pk).exists():
        raise ValidationError({"organisatie": "Kies een ketenpartner die in deze regio werkt."})

    deling = Deling.objects.create(
        signaal=signaal,
        organisatie=organisatie,
        grondslag=grondslag,
        grondslag_toelichting=grondslag_toelichting,
        met_betrokkenen=met_betrokkenen,
        met_bijlagen=met_bijlagen,
        reden=reden,
        einddatum=einddatum,
        gedeeld_door=door,
    )
    _recht_bijwerken(signaal=signaal, organisatie=organisatie)
    herinneringen.nieuwe_deling_melden(deling)
    feiten.gedeeld(gemeente_id=signaal.gemeente_id, organisatie_id=organisatie.pk, op=deling.gedeeld_op)
    _registreren(
        signaal=signaal,
        door=door,
        actie=Actie.DELEN,
        van=signaal.status,
        toelichting=f"Gedeeld met {organisatie} tot en met {einddatum:%d-%m-%Y} ({deling.get_grondslag_display()}).",
    )
    return deling


def _beeindigen(*, deling: Deling, signaal: Signaal, door: Gebruiker, reden: str) -> None:
    deling.ingetrokken_op = timezone.now()
    deling.ingetrokken_door = door
    deling.save(update_fields=["ingetrokken_op", "ingetrokken_door"])
    _recht_bijwerken(signaal=signaal, organisatie=deling.organisatie)
    _registreren(signaal=signaal, door=door, actie=Actie.INTREKKEN, van=signaal.status, toelichting=reden)


@transaction.atomic
def intrekken(*, signaal_id: int, deling_id: int, door: Gebruiker) -> Deling:
    """Revoke a share at once; the partner loses access in the same transaction."""
    # The signal first, as delen() does, so a share and a revoke at the same moment queue up.
    signaal = _vergrendelen(signaal_id=signaal_id, door=door, verwachte_status=None)
    deling = Deling.objects.select_for_update().select_related("organisatie").get(pk=deling_id, signaal=signaal)
    if deling.ingetrokken_op is not None:
        raise MeldrouteFout("Deze deling was al ingetrokken.")
    _beeindigen(deling=deling, signaal=signaal, door=door, reden=f"Deling met {deling.organisatie} ingetrokken.")
    return deling


def lopende_delingen_beeindigen(*, signaal: Signaal, door: Gebruiker) -> int:
    """A closed signal is shared with nobody any more. Call with the signal locked."""
    lopend = list(actieve_delingen().filter(signaal=signaal).select_for_update().select_related("organisatie"))
    for deling in lopend:
        reden = f"Deling met {deling.organisatie} beëindigd omdat het signaal is afgesloten."
        _beeindigen(deling=deling, signaal=signaal, door=door, reden=reden)
    return len(lopend)


def delingen_verlopen_verwerken() -> int:
    """Remove the permissions of shares past their end date, and record it once per share.

    Access already ended at query time; this clears the permission rows and leaves the audit
    trail. Each share is handled in its own transaction, so one failure does not block the rest.
    """
    verwerkt = 0
    te_verwerken = Deling.objects.filter(
        einddatum__lt=timezone.localdate(), ingetrokken_op__isnull=True, verlopen_verwerkt_op__isnull=True
    ).values_list("pk", "signaal_id")
    for pk, signaal_id in list(te_verwerken):
        with transaction.atomic():
            # The signal first, then its share: the order sharing and revoking lock in. Without
            # it the job could decide "no share in force", the AF commit a new share, and the job
            # then remove the permission that new share needs.
            signaal = Signaal.objects.select_for_update(skip_locked=True).filter(pk=signaal_id).first()
            if signaal is None:
                continue  # An AF or another worker holds the signal; the next run takes it.
            deling = (
                Deling.objects.select_for_update(of=("self",))
                .select_related("organisatie")
                .filter(pk=pk, verlopen_verwerkt_op__isnull=True)
                .first()
            )
            if deling is None:
                continue  # Another worker did it.
            deling.signaal = signaal
            deling.verlopen_verwerkt_op = timezone.now()
            deling.save(update_fields=["verlopen_verwerkt_op"])
            _recht_bijwerken(signaal=deling.signaal, organisatie=deling.organisatie)
            StapRegistratie.objects.create(
                signaal=deling.signaal,
                actie=Actie.VERLOPEN,
                van_status=deling.signaal.status,
                naar_status=deling.signaal.status,
                door=None,
                toelichting=f"Deling met {deling.organisatie} verlopen op {deling.einddatum:%d-%m-%Y}.",
            )
            verwerkt += 1
    return verwerkt


@transaction.atomic
def terugmelding_toevoegen(
    *, signaal_id: int, door: Gebruiker, tekst: str, voorgestelde_afloop: str = ""
) -> Terugmelding:
    """A partner reports back what they did or found. It does not change the signal's step."""
    _verplicht(tekst=tekst)
    if voorgestelde_afloop and voorgestelde_afloop not in Afloop.values:
        raise ValidationError({"voorgestelde_afloop": "Kies een afloop uit de lijst."})
    signaal = gedeelde_signalen(door).select_for_update(of=("self",)).get(pk=signaal_id)
    if not gedeeld_zichtbaar(door, signaal):
        raise Signaal.DoesNotExist
    organisatie = partnerorganisaties_van(door).filter(delingen__in=actieve_delingen().filter(signaal=signaal)).first()
    assert organisatie is not None  # gedeelde_signalen guarantees a share in force.
    terugmelding = Terugmelding.objects.create(
        signaal=signaal, organisatie=organisatie, door=door, tekst=tekst, voorgestelde_afloop=voorgestelde_afloop
    )
    herinneringen.nieuwe_terugmelding_melden(terugmelding)
    feiten.teruggemeld(gemeente_id=signaal.gemeente_id, organisatie_id=organisatie.pk, op=terugmelding.op)
    return terugmelding


def deling_geopend(*, signaal_id: int, door: Gebruiker) -> int:
    """A partner opened a shared signal: it is no longer new for their organisation.

    A plain update: ``geopend_op`` is bookkeeping the audit log leaves out (meldroute/audit.py).
    """
    return (
        actieve_delingen()
        .filter(signaal_id=signaal_id, organisatie__in=partnerorganisaties_van(door), geopend_op__isnull=True)
        .update(geopend_op=timezone.now())
    )


def terugmeldingen_gezien(*, signaal: Signaal, door: Gebruiker) -> int:
    """The AF opened the signal: its new terugmeldingen are no longer new in the werkbak.

    A plain update is right here: ``gezien_op`` is bookkeeping that the audit log leaves out
    (see meldroute/audit.py), so there is nothing it would fail to log.
    """
    if not behandelbare_signalen(door).filter(pk=signaal.pk).exists():
        return 0
    return Terugmelding.objects.filter(signaal=signaal, gezien_op__isnull=True).update(gezien_op=timezone.now())
