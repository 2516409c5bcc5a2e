"""The AF's verdict on a suggested pair of signals: samenhangend or niet samenhangend."""

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from ketenpartners.models import Gebruiker
from meldroute import samenhang
from meldroute.herinneringen import Ontvangers
from meldroute.models import Contactverzoek, Samenhang, StapRegistratie
from meldroute.services.route import MeldrouteFout, _registreren, _vergrendelen
from signalen import berichten
from signalen.models import Notificatie, Signaal

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


@transaction.atomic
def contact_vragen(*, signaal_id: int, gemeente_id: int, door: Gebruiker) -> tuple[Contactverzoek, list[int]]:
    """Ask the AFs of another gemeente to get in touch about a possible match with this signal.

    Only when that gemeente has a hit now (otherwise Signaal.DoesNotExist, a 404: a request is no
    way to find out whether a gemeente has signals). Once per signal and gemeente. The AFs there
    get a mail without names, gemeente or reference; the signal's timeline says who asked whom.
    Returns the request and the other gemeente's matching signal ids (for the access log).
    """
    signaal = _vergrendelen(signaal_id=signaal_id, door=door, verwachte_status=None)
    treffer = next((t for t in samenhang.elders(signaal) if t.gemeente_id == gemeente_id), None)
    if treffer is None:
        raise Signaal.DoesNotExist
    if not treffer.contacten:
        raise MeldrouteFout(
            f"Gemeente {treffer.gemeente} heeft nu geen aandachtsfunctionaris met een e-mailadres. "
            "Neem contact op via de gemeente zelf."
        )
    if treffer.gevraagd_op is not None:
        datum = date_format(timezone.localtime(treffer.gevraagd_op), "j F Y")
        raise MeldrouteFout(
            f"Er is op {datum} al om contact gevraagd bij gemeente {treffer.gemeente} over dit signaal."
        )
    verzoek = Contactverzoek.objects.create(
        signaal=signaal, gemeente_id=gemeente_id, door=door, redenen=treffer.redenen
    )
    _registreren(
        signaal=signaal,
        door=door,
        actie=Actie.CONTACT_GEVRAAGD,
        van=signaal.status,
        toelichting=f"Contact gevraagd bij gemeente {treffer.gemeente}: {'; '.join(treffer.redenen)}.",
    )
    berichten.klaarzetten(
        soort=Notificatie.Soort.CONTACTVERZOEK,
        ontvangers=Ontvangers.laden([gemeente_id]).afs.get(gemeente_id, []),
        moment=verzoek.op,
        pad=reverse("meldroute:contactverzoeken"),
    )
    return verzoek, treffer.signaal_ids
