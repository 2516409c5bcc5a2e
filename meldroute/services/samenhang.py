"""The AF's verdict on a suggested pair of signals: samenhangend or niet samenhangend."""

from django.db import transaction
from django.utils import timezone

from ketenpartners.models import Gebruiker
from meldroute import samenhang
from meldroute.models import Samenhang, StapRegistratie
from meldroute.services.route import MeldrouteFout, _registreren, _vergrendelen
from signalen.models import Signaal

Actie = StapRegistratie.Actie

_AL_VASTGELEGD = {
    Samenhang.Status.BEVESTIGD: "Deze signalen zijn al als samenhangend vastgelegd.",
    Samenhang.Status.AFGEWEZEN: "Deze signalen zijn al als niet samenhangend vastgelegd.",
}
_TIJDLIJN = {
    Samenhang.Status.BEVESTIGD: (Actie.SAMENHANG_BEVESTIGD, "Samenhang bevestigd met {referentie}."),
    Samenhang.Status.AFGEWEZEN: (Actie.SAMENHANG_AFGEWEZEN, "Samenhang afgewezen met {referentie}."),
}


def _paar_vergrendelen(*, signaal_id: int, ander_id: int, door: Gebruiker) -> tuple[Signaal, Signaal]:
    """Lock both signals, the lower pk first; Signaal.DoesNotExist (a 404) unless ``door`` may
    handle both and they belong to the same gemeente."""
    if signaal_id == ander_id:
        raise Signaal.DoesNotExist
    eerste, tweede = sorted((signaal_id, ander_id))
    a = _vergrendelen(signaal_id=eerste, door=door, verwachte_status=None)
    b = _vergrendelen(signaal_id=tweede, door=door, verwachte_status=None)
    if a.gemeente_id != b.gemeente_id:
        raise Signaal.DoesNotExist
    return a, b


@transaction.atomic
def _vastleggen(*, signaal_id: int, ander_id: int, door: Gebruiker, status: str) -> Samenhang:
    a, b = _paar_vergrendelen(signaal_id=signaal_id, ander_id=ander_id, door=door)
    # Both signals are locked: no one else judges this pair in between.
    bestaand = Samenhang.objects.filter(signaal_a=a, signaal_b=b).first()
    if bestaand is not None and bestaand.status == status:
        raise MeldrouteFout(_AL_VASTGELEGD[Samenhang.Status(status)])
    redenen = samenhang.redenen_tussen(a, b)
    if bestaand is None:
        vastgelegd = Samenhang.objects.create(signaal_a=a, signaal_b=b, status=status, door=door, redenen=redenen)
    else:
        # Only an explicit verdict changes a pair: a rejected pair becomes confirmed by "Samenhangend".
        bestaand.status = status
        bestaand.door = door
        bestaand.op = timezone.now()
        bestaand.redenen = redenen or bestaand.redenen
        bestaand.save()
        vastgelegd = bestaand
    actie, tekst = _TIJDLIJN[Samenhang.Status(status)]
    for signaal, ander in ((a, b), (b, a)):
        _registreren(
            signaal=signaal,
            door=door,
            actie=actie,
            van=signaal.status,
            toelichting=tekst.format(referentie=ander.referentie),
        )
    return vastgelegd


def samenhang_bevestigen(*, signaal_id: int, ander_id: int, door: Gebruiker) -> Samenhang:
    """The two signals belong together: both timelines name the other, and the pair is listed as
    'Samenhangende signalen' on both."""
    return _vastleggen(signaal_id=signaal_id, ander_id=ander_id, door=door, status=Samenhang.Status.BEVESTIGD)


def samenhang_afwijzen(*, signaal_id: int, ander_id: int, door: Gebruiker) -> Samenhang:
    """The two signals do not belong together: the pair is never suggested again."""
    return _vastleggen(signaal_id=signaal_id, ander_id=ander_id, door=door, status=Samenhang.Status.AFGEWEZEN)
