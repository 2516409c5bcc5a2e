"""Demo data: regio Westfriesland (7 gemeenten) and regio Fryslân (18 gemeenten), each with its
ketenpartners, demo accounts, tafels and about three years of history up to today, when the
Drieluik Fryslân met.

Everything about signals and meetings goes through the services, at the moment it happened (see
mensenhandel/demo/). Idempotent: organisations, accounts and tafels are found by name, and a regio
whose history is there already gets nothing new. Lives in the project package because it uses
every app.
"""

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.utils import timezone

from ketenpartners.models import Rol
from mensenhandel.demo import opbouw
from mensenhandel.demo.regios import DEMO_WACHTWOORD, INLOG_URL, REGIOS
from signalen.workflow import Status

__all__ = ["DEMO_WACHTWOORD", "Command"]


class Command(BaseCommand):
    help = (
        "Laadt demodata voor de regio's Westfriesland en Fryslân: gemeenten, ketenpartners, demo-accounts, tafels "
        "en ongeveer drie jaar aan signalen, trainingen, basisniveau en bijeenkomsten."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        help = "Ook uitvoeren als DEBUG uit staat (alleen in een test- of demo-omgeving)."
        parser.add_argument("--toch", action="store_true", help=help)

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEBUG and not options["toch"]:
            raise CommandError(
                "DEBUG staat uit; dit lijkt een productieomgeving. Dit commando maakt demo-accounts aan met een "
                "bekend wachtwoord en vult de database met fictieve signalen. Weet u zeker dat dit een test- of "
                "demo-omgeving is? Gebruik dan --toch."
            )
        nu = timezone.now()
        nieuw = aanwezig = 0
        for regio in REGIOS:
            with transaction.atomic():
                organisaties = opbouw.organisaties(regio)
                gebruikers = opbouw.gebruikers(regio, organisaties)
                tafels = opbouw.tafels(regio, organisaties, gebruikers)
            if opbouw.heeft_geschiedenis(regio):
                telling = opbouw.Telling(al_aanwezig=sum(opbouw.aantallen(regio).values()))
            else:
                telling = opbouw.Geschiedenis(regio, organisaties, gebruikers, nu).opbouwen()
            nieuw += telling.signalen
            aanwezig += telling.al_aanwezig
            stappen = opbouw.aantallen(regio)
            self.stdout.write(
                f"{regio.naam}: {telling.signalen} signalen nieuw ({telling.al_aanwezig} al aanwezig), "
                f"{telling.trainingen} trainingen, {telling.delingen} delingen, {telling.bijeenkomsten} bijeenkomsten. "
                "Per stap: " + ", ".join(f"{Status(s).label} {stappen[s]}" for s in Status)
            )
            if tafels:
                self.stdout.write(f"Tafels in {regio.naam}: " + ", ".join(tafel.naam for tafel in tafels) + ".")
        self.stdout.write(f"Signalen: {nieuw} nieuw, {aanwezig} al aanwezig.")
        self._overzicht()

    def _overzicht(self) -> None:
        self.stdout.write(self.style.SUCCESS(f"\nDemodata geladen. Inloggen op {INLOG_URL}"))
        self.stdout.write(f"Alle demo-accounts hebben het wachtwoord: {DEMO_WACHTWOORD}")
        self.stdout.write("(behalve als het wachtwoord van een account intussen is gewijzigd)\n")
        rijen = [("Gebruikersnaam", "Rol", "Organisatie")]
        for regio in REGIOS:
            alle = {g.naam for g in regio.gemeenten}
            for d in regio.gebruikers:
                waar = f"alle gemeenten van {regio.naam}" if set(d.organisaties) == alle else ", ".join(d.organisaties)
                rijen.append((d.username, Rol(d.rol).label, waar))
        breedte = [max(len(rij[i]) for rij in rijen) for i in range(2)]
        for gebruikersnaam, rol, organisatie in rijen:
            self.stdout.write(f"{gebruikersnaam:<{breedte[0]}}  {rol:<{breedte[1]}}  {organisatie}")
