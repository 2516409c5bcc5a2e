"""``manage.py matchsleutels_herberekenen``: rebuild the match keys of every signal.

Run it after SAMENHANG_SLEUTEL changed (rotation) or the normalisation in
signalen/samenhang/normalisatie.py changed; until it has run, signals stored before and after the
change do not find each other. See docs/adr/0010-samenhangende-signalen.md.
"""

from typing import Any

from django.core.management.base import BaseCommand

from signalen.samenhang.sleutels import alle_sleutels_herberekenen


class Command(BaseCommand):
    help = (
        "Berekent de matchsleutels van alle signalen opnieuw, na het wisselen van SAMENHANG_SLEUTEL of een "
        "wijziging van de normalisatie."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        signalen, sleutels = alle_sleutels_herberekenen()
        self.stdout.write(self.style.SUCCESS(f"Matchsleutels herberekend: {signalen} signalen, {sleutels} sleutels."))
