"""The match keys of a signal as keyed hashes, rebuilt in the transaction that changes its data.

Why HMAC and not a plain hash, and how the secret is managed: docs/adr/0010-samenhangende-signalen.md.
"""

import hashlib
import hmac

from django.conf import settings
from django.db import transaction

from ketenpartners.models import Organisatie
from signalen.models import Betrokkene, Locatie, Matchsleutel, Signaal
from signalen.samenhang import normalisatie


def versleuteld(soort: str, waarde: str) -> str:
    """HMAC-SHA256 of the normalised key, with the secret from the environment."""
    sleutel = settings.SAMENHANG_SLEUTEL.encode()
    return hmac.new(sleutel, f"{soort}:{waarde}".encode(), hashlib.sha256).hexdigest()


def sleutels_van(signaal: Signaal) -> set[tuple[str, str]]:
    """The normalised (plaintext) keys of the signal's betrokkenen and locaties.

    Read from the database, not from a prefetched cache: the caller has just changed them.
    """
    sleutels: set[tuple[str, str]] = set()
    # An address without a place is taken to be in the signal's gemeente (normalisatie.adressleutels).
    gemeente = Organisatie.objects.filter(pk=signaal.gemeente_id).values_list("naam", flat=True).first() or ""
    for b in Betrokkene.objects.filter(signaal=signaal).only("naam", "geboortedatum", "adres", "telefoon"):
        sleutels |= normalisatie.betrokkene_sleutels(
            naam=b.naam, geboortedatum=b.geboortedatum, adres=b.adres, telefoon=b.telefoon, gemeente=gemeente
        )
    for loc in Locatie.objects.filter(signaal=signaal).only("adres", "bedrijfsnaam", "kvk_nummer"):
        sleutels |= normalisatie.locatie_sleutels(
            adres=loc.adres, bedrijfsnaam=loc.bedrijfsnaam, kvk_nummer=loc.kvk_nummer, gemeente=gemeente
        )
    return sleutels


def sleutels_bijwerken(signaal: Signaal) -> None:
    """Replace the signal's keys; call in the transaction that changed its betrokkenen or locaties."""
    nieuw = {(soort, versleuteld(soort, waarde)) for soort, waarde in sleutels_van(signaal)}
    bestaand = set(Matchsleutel.objects.filter(signaal=signaal).values_list("soort", "waarde"))
    if weg := bestaand - nieuw:
        Matchsleutel.objects.filter(signaal=signaal, waarde__in=[waarde for _, waarde in weg]).delete()
    Matchsleutel.objects.bulk_create(
        [
            Matchsleutel(signaal=signaal, gemeente_id=signaal.gemeente_id, soort=soort, waarde=waarde)
            for soort, waarde in sorted(nieuw - bestaand)
        ]
    )


def alle_sleutels_herberekenen() -> tuple[int, int]:
    """Rebuild the keys of every signal, e.g. after SAMENHANG_SLEUTEL or the normalisation changed.

    Signal by signal, each locked in its own transaction like any other change to it, so the
    application can keep running. Returns (signals, keys afterwards).
    """
    aantal = 0
    for pk in Signaal.objects.order_by("pk").values_list("pk", flat=True).iterator(chunk_size=2000):
        with transaction.atomic():
            signaal = Signaal.objects.select_for_update().filter(pk=pk).first()
            if signaal is None:  # removed in the meantime (bewaartermijn)
                continue
            sleutels_bijwerken(signaal)
            aantal += 1
    return aantal, Matchsleutel.objects.count()
