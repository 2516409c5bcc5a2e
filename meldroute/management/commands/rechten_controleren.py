"""``manage.py rechten_controleren [--herstellen]``: compare guardian's object permissions with the
domain (memberships, gemeenten, shares) and report, or repair, every difference."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from meldroute import rechten_controle


def _regel(verschil: rechten_controle.Verschil) -> str:
    """One difference for the terminal. This output ends up in job logs, so a user account is
    shown by its number only, never by its username."""
    beschrijving = verschil.beschrijving
    if verschil.gebruiker_id is not None and beschrijving.startswith(f"gebruiker {verschil.gebruiker_id} ("):
        beschrijving = f"gebruiker {verschil.gebruiker_id}"
    return f"{verschil.soort}: {beschrijving}"


def _aantal(verschillen: list[rechten_controle.Verschil]) -> str:
    return f"{len(verschillen)} verschil" + ("" if len(verschillen) == 1 else "len")


class Command(BaseCommand):
    help = (
        "Vergelijkt de objectrechten op signalen met lidmaatschappen, gemeenten en delingen en meldt elk "
        "verschil; met --herstellen worden de verschillen hersteld (vastgelegd in het auditlog)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--herstellen", action="store_true", help="Herstel elk verschil naar wat het domein zegt.")

    def handle(self, *args: Any, herstellen: bool = False, **options: Any) -> None:
        verschillen = rechten_controle.controleren()
        for verschil in verschillen:
            self.stdout.write(_regel(verschil))
        if not verschillen:
            self.stdout.write(self.style.SUCCESS("Geen verschillen: de objectrechten kloppen met het domein."))
            return
        for soort, aantal in rechten_controle.samenvatting(verschillen).items():
            self.stdout.write(f"{aantal} × {soort}")
        if not herstellen:
            raise CommandError(f"{_aantal(verschillen)} gevonden. Herstel met --herstellen.")
        rechten_controle.herstellen(verschillen)
        over = rechten_controle.controleren()
        if over:
            raise CommandError(f"Na herstel nog {_aantal(over)}.")
        self.stdout.write(self.style.SUCCESS(f"{_aantal(verschillen)} hersteld."))
