"""Fill the match keys (``Matchsleutel``) of every signal stored before they existed.

Unlike 0013 this migration imports app code, knowingly: the keys must be the ones the running
application computes (same normalisation, same HMAC), or old and new signals would never match,
and copying the normalisation here would freeze a second version of it. It imports only the two
public functions ``betrokkene_sleutels`` and ``locatie_sleutels`` of
``signalen.samenhang.normalisatie``, inside the function and only when there are signals, so an
empty database (every new installation, the test run) never imports it. Should a later change
of the normalisation break this import, the keys are rebuilt with
``manage.py matchsleutels_herberekenen`` instead, and this function may then become a no-op.
"""

import hashlib
import hmac
from typing import Any

from django.conf import settings
from django.db import migrations


def vullen(apps: Any, schema_editor: Any) -> None:
    Signaal = apps.get_model("signalen", "Signaal")
    Matchsleutel = apps.get_model("signalen", "Matchsleutel")
    zonder = Signaal.objects.filter(matchsleutels__isnull=True).distinct()
    if not zonder.exists():
        return
    from signalen.samenhang.normalisatie import betrokkene_sleutels, locatie_sleutels

    geheim = settings.SAMENHANG_SLEUTEL.encode()
    nieuw = []
    for signaal in zonder.prefetch_related("betrokkenen", "locaties").order_by("pk").iterator(chunk_size=500):
        sleutels: set[tuple[str, str]] = set()
        for b in signaal.betrokkenen.all():
            sleutels |= betrokkene_sleutels(
                naam=b.naam, geboortedatum=b.geboortedatum, adres=b.adres, telefoon=b.telefoon
            )
        for loc in signaal.locaties.all():
            sleutels |= locatie_sleutels(adres=loc.adres, bedrijfsnaam=loc.bedrijfsnaam, kvk_nummer=loc.kvk_nummer)
        for soort, waarde in sorted(sleutels):
            # The same HMAC as signalen.samenhang.sleutels.versleuteld.
            hex_ = hmac.new(geheim, f"{soort}:{waarde}".encode(), hashlib.sha256).hexdigest()
            nieuw.append(Matchsleutel(signaal_id=signaal.pk, gemeente_id=signaal.gemeente_id, soort=soort, waarde=hex_))
        if len(nieuw) >= 2000:
            Matchsleutel.objects.bulk_create(nieuw)
            nieuw = []
    Matchsleutel.objects.bulk_create(nieuw)


class Migration(migrations.Migration):
    dependencies = [("signalen", "0015_matchsleutels")]

    operations = [migrations.RunPython(vullen, migrations.RunPython.noop)]
