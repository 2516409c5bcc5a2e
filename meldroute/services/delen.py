"""Sharing a signal with a ketenpartner, revoking it, expiry, and the partner's terugmelding."""

import datetime
from collections.abc import Collection

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.formats import date_format
from guardian.shortcuts import assign_perm, remove_perm

from ketenpartners.models import Gebruiker, Organisatie, Rol
from ketenpartners.services import groep_voor
from meldroute import herinneringen
from meldroute.models import Deling, StapRegistratie, Terugmelding, Verlenging
from meldroute.services.route import ActieNietToegestaan, MeldrouteFout, _registreren, _vergrendelen, _verplicht
from meldroute.zicht import INZIEN_GEDEELD, gedeeld_zichtbaar, gedeelde_signalen, partnerorganisaties_van
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


def datum(dag: datetime.date) -> str:
    """A date as users read it everywhere: 22 november 2026."""
    return date_format(dag, "j F Y")


def _einddatum_controleren(einddatum: datetime.date, *, na: datetime.date, fout: str) -> None:
    if einddatum <= na:
        raise ValidationError({"einddatum": fout})
    if einddatum > timezone.localdate() + datetime.timedelta(days=settings.DELING_MAX_DAGEN):
        raise ValidationError(
            {"einddatum": f"Deel ten hoogste {settings.DELING_MAX_DAGEN} dagen; verleng de deling daarna zo nodig."}
        )


def standaard_einddatum(signaal: Signaal) -> datetime.date:
    regio = signaal.gemeente.regios.order_by("naam").first()
    dagen = regio.deeltermijn_dagen if regio else 90
    # Never past the longest a share may run, whatever the regio's setting says.
    return timezone.localdate() + datetime.timedelta(days=min(dagen, settings.DELING_MAX_DAGEN))


def _recht_bijwerken(*, signaal: Signaal, organisatie: Organisatie) -> None:
    """The organisation keeps its permission only while at least one of its shares is in force."""
    groep = groep_voor(organisatie=organisatie, rol=Rol.KETENPARTNER)
    if Deling.objects.actief().filter(signaal=signaal, organisatie=organisatie).exists():
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
    _einddatum_controleren(einddatum, na=timezone.localdate(), fout="Kies een einddatum na vandaag.")
    signaal = _vergrendelen(signaal_id=signaal_id, door=door, verwachte_status=None)
    if signaal.status == Status.AFGESLOTEN:
        raise ActieNietToegestaan("Een afgesloten signaal kan niet meer gedeeld worden.")
    if not partners_voor(signaal).filter(pk=organisatie.pk).exists():
        raise ValidationError({"organisatie": "Kies een ketenpartner die in deze regio werkt."})
    # One share in force per partner: a second one would blur until when and on which basis the
    # partner may see the signal. The signal is locked, so two AFs cannot both pass this check.
    lopend = Deling.objects.actief().filter(signaal=signaal, organisatie=organisatie).order_by("-einddatum").first()
    if lopend is not None:
        raise ValidationError(
            {
                "organisatie": f"Dit signaal is al gedeeld met {organisatie} tot en met {datum(lopend.einddatum)}. "
                "Verleng die deling in plaats van een tweede te maken."
            }
        )

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
        toelichting=f"Gedeeld met {organisatie} tot en met {datum(einddatum)} ({deling.get_grondslag_display()}).",
    )
    return deling


def _beeindigen(*, deling: Deling, signaal: Signaal, door: Gebruiker, reden: str, toelichting: str) -> None:
    """End a share now: the permission goes in this transaction, the partner's users hear it after."""
    deling.signaal = signaal  # Already locked and loaded: the mail needs it, not a query per share.
    deling.ingetrokken_op = timezone.now()
    deling.ingetrokken_door = door
    deling.intrekreden = reden
    deling.save(update_fields=["ingetrokken_op", "ingetrokken_door", "intrekreden"])
    _recht_bijwerken(signaal=signaal, organisatie=deling.organisatie)
    herinneringen.deling_beeindigd_melden(deling)
    _registreren(signaal=signaal, door=door, actie=Actie.INTREKKEN, van=signaal.status, toelichting=toelichting)


def _lopende_deling(*, signaal: Signaal, deling_id: int) -> Deling:
    """The share of this signal, locked after the signal; MeldrouteFout when it no longer runs."""
    deling = Deling.objects.select_for_update().select_related("organisatie").get(pk=deling_id, signaal=signaal)
    if deling.ingetrokken_op is not None:
        raise MeldrouteFout(f"De deling met {deling.organisatie} was al ingetrokken.")
    if not Deling.objects.actief().filter(pk=deling.pk).exists():
        raise MeldrouteFout(
            f"De deling met {deling.organisatie} is verlopen op {datum(deling.einddatum)}. Deel het signaal opnieuw."
        )
    return deling


@transaction.atomic
def intrekken(*, signaal_id: int, deling_id: int, door: Gebruiker, reden: str) -> Deling:
    """Revoke a share at once; the partner loses access in the same transaction.

    The reason is kept on the share (masked in the audit log), not on the timeline or in the mail
    to the partner: it is free text and may name people.
    """
    _verplicht(reden=reden)
    # The signal first, as delen() does, so a share and a revoke at the same moment queue up.
    signaal = _vergrendelen(signaal_id=signaal_id, door=door, verwachte_status=None)
    deling = _lopende_deling(signaal=signaal, deling_id=deling_id)
    _beeindigen(
        deling=deling,
        signaal=signaal,
        door=door,
        reden=reden,
        toelichting=f"Deling met {deling.organisatie} ingetrokken.",
    )
    return deling


@transaction.atomic
def verlengen(*, signaal_id: int, deling_id: int, door: Gebruiker, einddatum: datetime.date, reden: str) -> Deling:
    """Extend a share in force to a later end date, within the longest term from today."""
    _verplicht(einddatum=einddatum, reden=reden)
    signaal = _vergrendelen(signaal_id=signaal_id, door=door, verwachte_status=None)
    deling = _lopende_deling(signaal=signaal, deling_id=deling_id)
    if signaal.status == Status.AFGESLOTEN:
        raise ActieNietToegestaan(
            "Het signaal is afgesloten: de deling loopt tot haar einddatum en kan niet verlengd worden."
        )
    _einddatum_controleren(
        einddatum,
        na=deling.einddatum,
        fout=f"Kies een einddatum na de huidige einddatum ({datum(deling.einddatum)}).",
    )
    Verlenging.objects.create(
        deling=deling, oude_einddatum=deling.einddatum, nieuwe_einddatum=einddatum, reden=reden, door=door
    )
    deling.einddatum = einddatum
    deling.save(update_fields=["einddatum"])
    _recht_bijwerken(signaal=signaal, organisatie=deling.organisatie)
    _registreren(
        signaal=signaal,
        door=door,
        actie=Actie.VERLENGEN,
        van=signaal.status,
        toelichting=f"Deling met {deling.organisatie} verlengd tot en met {datum(einddatum)}.",
    )
    return deling


def lopende_delingen_beeindigen(*, signaal: Signaal, door: Gebruiker, behouden: Collection[int] = ()) -> int:
    """At afsluiten: end every share in force except those the AF chose to keep until their end
    date. Call with the signal locked; the shares are locked after it, in the usual order."""
    lopend = list(
        Deling.objects.actief().filter(signaal=signaal).select_for_update().select_related("organisatie").order_by("pk")
    )
    onbekend = set(behouden) - {d.pk for d in lopend}
    if onbekend:
        raise ValidationError({"behouden": "Kies alleen delingen die nu lopen."})
    beeindigd = 0
    for deling in lopend:
        if deling.pk in behouden:
            _registreren(
                signaal=signaal,
                door=door,
                actie=Actie.DELING_BEHOUDEN,
                van=signaal.status,
                toelichting=f"Deling met {deling.organisatie} loopt door tot en met {datum(deling.einddatum)}.",
            )
            continue
        _beeindigen(
            deling=deling,
            signaal=signaal,
            door=door,
            reden="Beëindigd bij het afsluiten van het signaal.",
            toelichting=f"Deling met {deling.organisatie} beëindigd omdat het signaal is afgesloten.",
        )
        beeindigd += 1
    return beeindigd


def delingen_verlopen_verwerken() -> int:
    """Remove the permissions of shares past their end date, and record it once per share.

    Access already ended at query time; this clears the permission rows and leaves the audit
    trail. Each share is handled in its own transaction, so one failure does not block the rest.
    """
    verwerkt = 0
    te_verwerken = Deling.objects.verlopen_onverwerkt().values_list("pk", "signaal_id")
    for pk, signaal_id in list(te_verwerken):
        with transaction.atomic():
            # The signal first, then its share: the order sharing and revoking lock in. Without
            # it the job could decide "no share in force", the AF commit a new share, and the job
            # then remove the permission that new share needs.
            signaal = Signaal.objects.select_for_update(skip_locked=True).filter(pk=signaal_id).first()
            if signaal is None:
                continue  # An AF or another worker holds the signal; the next run takes it.
            deling = (
                Deling.objects.verlopen_onverwerkt()
                .select_for_update(of=("self",))
                .select_related("organisatie")
                .filter(pk=pk)
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
                toelichting=f"Deling met {deling.organisatie} verlopen na {datum(deling.einddatum)}.",
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
    organisatie = (
        partnerorganisaties_van(door).filter(delingen__in=Deling.objects.actief().filter(signaal=signaal)).first()
    )
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
        Deling.objects.actief()
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
