"""Add the street key of addresses without a place, now taken to be in the signal's gemeente.

Only additions: no key computed before changes. Imports the public normalisation functions for
the reason given in 0016, and only when there is an address to look at, so an empty database
(a new installation, the test run) never imports them. Should a later change of the
normalisation break this import, ``manage.py matchsleutels_herberekenen`` does the same.
"""

import hashlib
import hmac
from typing import Any

from django.conf import settings
from django.db import migrations
from django.db.models import Q


def aanvullen(apps: Any, schema_editor: Any) -> None:
    Signaal = apps.get_model("signalen", "Signaal")
    Matchsleutel = apps.get_model("signalen", "Matchsleutel")
    met_adres = Signaal.objects.filter(~Q(betrokkenen__adres="") | ~Q(locaties__adres="")).distinct()
    if not met_adres.exists():
        return
    from signalen.samenhang.normalisatie import betrokkene_sleutels, locatie_sleutels

    geheim = settings.SAMENHANG_SLEUTEL.encode()
    nieuw = []
    for signaal in (
        met_adres.select_related("gemeente").prefetch_related("betrokkenen", "locaties").order_by("pk").iterator(500)
    ):
        gemeente = signaal.gemeente.naam
        sleutels: set[tuple[str, str]] = set()
        for b in signaal.betrokkenen.all():
            sleutels |= betrokkene_sleutels(
                naam=b.naam, geboortedatum=b.geboortedatum, adres=b.adres, telefoon=b.telefoon, gemeente=gemeente
            )
        for loc in signaal.locaties.all():
            sleutels |= locatie_sleutels(
                adres=loc.adres, bedrijfsnaam=loc.bedrijfsnaam, kvk_nummer=loc.kvk_nummer, gemeente=gemeente
            )
        for soort, waarde in sorted(sleutels):
            # The same HMAC as signalen.samenhang.sleutels.versleuteld.
            hex_ = hmac.new(geheim, f"{soort}:{waarde}".encode(), hashlib.sha256).hexdigest()
            nieuw.append(Matchsleutel(signaal_id=signaal.pk, gemeente_id=signaal.gemeente_id, soort=soort, waarde=hex_))
        if len(nieuw) >= 2000:
            Matchsleutel.objects.bulk_create(nieuw, ignore_conflicts=True)
            nieuw = []
    Matchsleutel.objects.bulk_create(nieuw, ignore_conflicts=True)


class Migration(migrations.Migration):
    dependencies = [("signalen", "0018_samenhang_elders_acties")]

    operations = [migrations.RunPython(aanvullen, migrations.RunPython.noop)]
