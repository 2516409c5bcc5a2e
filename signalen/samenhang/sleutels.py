"""The match keys of a signal as keyed hashes, rebuilt in the transaction that changes its data."""

import hashlib
import hmac

from django.conf import settings

from signalen.models import Matchsleutel, Signaal
from signalen.samenhang import normalisatie


def versleuteld(soort: str, waarde: str) -> str:
    """HMAC-SHA256 of the normalised key, with the secret from the environment."""
    sleutel = settings.SAMENHANG_SLEUTEL.encode()
    return hmac.new(sleutel, f"{soort}:{waarde}".encode(), hashlib.sha256).hexdigest()


def sleutels_van(signaal: Signaal) -> set[tuple[str, str]]:
    """The normalised (plaintext) keys of the signal's betrokkenen and locaties."""
    sleutels: set[tuple[str, str]] = set()
    for b in signaal.betrokkenen.all():
        sleutels |= normalisatie.betrokkene_sleutels(
            naam=b.naam, geboortedatum=b.geboortedatum, adres=b.adres, telefoon=b.telefoon
        )
    for loc in signaal.locaties.all():
        sleutels |= normalisatie.locatie_sleutels(
            adres=loc.adres, bedrijfsnaam=loc.bedrijfsnaam, kvk_nummer=loc.kvk_nummer
        )
    return sleutels


def sleutels_bijwerken(signaal: Signaal) -> None:
    """Replace the signal's keys; call in the transaction that changed its betrokkenen or locaties."""
    nieuw = {(soort, versleuteld(soort, waarde)) for soort, waarde in sleutels_van(signaal)}
    bestaand = set(Matchsleutel.objects.filter(signaal=signaal).values_list("soort", "waarde"))
    weg = bestaand - nieuw
    if weg:
        for soort, waarde in weg:
            Matchsleutel.objects.filter(signaal=signaal, soort=soort, waarde=waarde).delete()
    Matchsleutel.objects.bulk_create(
        [
            Matchsleutel(signaal=signaal, gemeente_id=signaal.gemeente_id, soort=soort, waarde=waarde)
            for soort, waarde in sorted(nieuw - bestaand)
        ]
    )
