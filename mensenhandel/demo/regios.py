"""The two demo regio's: gemeenten with their inwonertal, ketenpartners, demo accounts and tafels.

Inwonertallen are rounded CBS figures. Account names are made up; the usernames of
Westfriesland are used by the tests and the README, so they stay as they are.
"""

from dataclasses import dataclass

from django.utils.text import slugify

from ketenpartners.models import Organisatie, Rol
from tafels.models import Tafel

# Known to everyone who reads this file: only for demo and test environments (see --toch).
DEMO_WACHTWOORD = "Demo-wachtwoord-2026"
DEMO_DOMEIN = "demo.example"
INLOG_URL = "http://127.0.0.1:8000/inloggen/"

Soort = Organisatie.Soort


def slug(naam: str) -> str:
    """'Stede Broec' -> 'stede.broec', 'Súdwest-Fryslân' -> 'sudwest.fryslan', as in the usernames."""
    return slugify(naam).replace("-", ".")


@dataclass(frozen=True)
class DemoGebruiker:
    username: str
    naam: str  # first name, a space, then the last name (with any tussenvoegsel)
    rol: str
    organisaties: tuple[str, ...]


@dataclass(frozen=True)
class DemoTafel:
    """A tafel as the beheerder sets it up; its demo meeting is in bijeenkomsten.py."""

    naam: str
    soort: str  # Tafel.Soort
    leden: tuple[str, ...]  # member organisations, by name
    gemeente: str = ""  # the gemeente whose tafel it is; empty: the regio's
    voorzitter: str = ""  # the chair's username


@dataclass(frozen=True)
class DemoGemeente:
    naam: str
    inwonertal: int
    plaatsen: tuple[str, ...]  # kernen, for the texts of the signals


@dataclass(frozen=True)
class DemoRegio:
    naam: str
    riec: str
    gemeenten: tuple[DemoGemeente, ...]
    centrumgemeente: str
    ketenpartners: tuple[tuple[str, str], ...]  # name, Organisatie.Soort
    gebruikers: tuple[DemoGebruiker, ...]
    # Signals and trainings per year, the oldest of the three years first: reporting grows as
    # more employees are trained.
    signalen_per_jaar: tuple[int, int, int]
    trainingen_per_jaar: tuple[int, int, int]
    # Gemeenten that have not filled in their basisniveau (yet).
    zonder_basisniveau: tuple[str, ...]
    # Who reports for a team: per (gemeente, team), then per team for the whole regio; everyone
    # else reports through the gemeente's own medewerker account.
    melders: tuple[tuple[str, str, str], ...]  # gemeente ("" = every gemeente), team, username
    # The local table meets on this weekday (0 = Monday), every week or every other week.
    tafeldag: int
    tafel_tweewekelijks: bool
    zorg_en_opvang: str  # how care and shelter are arranged, for the basisniveau
    tafels: tuple[DemoTafel, ...] = ()

    def gemeente(self, naam: str) -> DemoGemeente:
        return next(g for g in self.gemeenten if g.naam == naam)

    def partner(self, soort: str) -> str | None:
        return next((naam for naam, s in self.ketenpartners if s == soort), None)

    def melder(self, gemeente: str, team: str) -> str:
        for plek, melderteam, username in self.melders:
            if melderteam == team and plek in (gemeente, ""):
                return username
        return f"medewerker.{slug(gemeente)}"

    def partnergebruiker(self, organisatie: str) -> str | None:
        """The demo account of a partner organisation, if it has one (for terugmeldingen)."""
        return next(
            (g.username for g in self.gebruikers if g.rol == Rol.KETENPARTNER and organisatie in g.organisaties),
            None,
        )

    def demo_melders(self) -> list[str]:
        return [g.username for g in self.gebruikers if g.rol == Rol.MEDEWERKER]


def _afs(namen: dict[str, tuple[str, str]]) -> tuple[DemoGebruiker, ...]:
    return tuple(
        DemoGebruiker(f"af.{slug(gemeente)}.{i}", naam, Rol.AANDACHTSFUNCTIONARIS, (gemeente,))
        for gemeente, paar in namen.items()
        for i, naam in enumerate(paar, start=1)
    )


def _medewerkers(rijen: tuple[tuple[str, str, tuple[str, ...]], ...]) -> tuple[DemoGebruiker, ...]:
    return tuple(DemoGebruiker(username, naam, Rol.MEDEWERKER, orgs) for username, naam, orgs in rijen)


# Westfriesland: the accounts as they have always been.
WF_GEMEENTEN = (
    DemoGemeente("Hoorn", 74000, ("Hoorn", "Zwaag")),
    DemoGemeente("Enkhuizen", 18900, ("Enkhuizen",)),
    DemoGemeente("Drechterland", 20400, ("Venhuizen", "Hem", "Hoogkarspel")),
    DemoGemeente("Stede Broec", 22200, ("Bovenkarspel", "Grootebroek")),
    DemoGemeente("Medemblik", 48500, ("Medemblik", "Wervershoof", "Abbekerk")),
    DemoGemeente("Koggenland", 23900, ("De Goorn", "Avenhorn", "Obdam")),
    DemoGemeente("Opmeer", 12200, ("Spanbroek", "Hoogwoud")),
)
WF_NAMEN = tuple(g.naam for g in WF_GEMEENTEN)
WF_POLITIE = "Politie Noord-Holland – AVIM"
WESTFRIESLAND = DemoRegio(
    naam="Westfriesland",
    riec="RIEC Noord-Holland",
    gemeenten=WF_GEMEENTEN,
    centrumgemeente="Hoorn",
    ketenpartners=(
        (WF_POLITIE, Soort.POLITIE),
        ("RIEC Noord-Holland", Soort.RIEC),
        ("Zorg- en Veiligheidshuis Noord-Holland Noord", Soort.ZVH),
        ("Veilig Thuis Noord-Holland Noord", Soort.VEILIG_THUIS),
        ("Prostitutie Controle Team Noord-Holland Noord", Soort.PCT),
    ),
    gebruikers=(
        *_afs(
            {
                "Hoorn": ("Marieke Dekker", "Jeroen Bakker"),
                "Enkhuizen": ("Sanne de Wit", "Bas Kok"),
                "Drechterland": ("Ilse Mulder", "Ruben Schouten"),
                "Stede Broec": ("Anouk Visser", "Thijs Vermeulen"),
                "Medemblik": ("Femke Smit", "Joost Brouwer"),
                "Koggenland": ("Lotte Kuiper", "Martijn de Graaf"),
                "Opmeer": ("Esther Vos", "Niels Jonker"),
            }
        ),
        *_medewerkers(
            (
                ("medewerker.hoorn", "Kim Jansen", ("Hoorn",)),
                ("boa.hoorn", "Yusuf Demir", ("Hoorn",)),
                ("medewerker.enkhuizen", "Eva Koster", ("Enkhuizen",)),
                ("medewerker.drechterland", "Pieter Groot", ("Drechterland",)),
                ("medewerker.stede.broec", "Naima El Idrissi", ("Stede Broec",)),
                ("medewerker.medemblik", "Wouter Blom", ("Medemblik",)),
                ("wijkteam.medemblik", "Daan Verhoeven", ("Medemblik",)),
                ("medewerker.koggenland", "Linda Hoekstra", ("Koggenland",)),
                ("medewerker.opmeer", "Tom Zwaan", ("Opmeer",)),
                # Leerplicht is regional in Westfriesland: one officer reports for every gemeente.
                ("leerplicht.westfriesland", "Hanneke Schipper", WF_NAMEN),
            )
        ),
        DemoGebruiker("coordinator.westfriesland", "Karin Boersma", Rol.COORDINATOR, ("Hoorn",)),
        DemoGebruiker("beheerder", "Rob van Dijk", Rol.BEHEERDER, ("Hoorn",)),
        DemoGebruiker("politie.avim", "Marco Veenstra", Rol.KETENPARTNER, (WF_POLITIE,)),
        # The gemeenten of the regio appointed one FG together.
        DemoGebruiker("fg.westfriesland", "Annelies Postma", Rol.FG, WF_NAMEN),
    ),
    signalen_per_jaar=(80, 86, 92),
    trainingen_per_jaar=(3, 5, 7),
    zonder_basisniveau=("Opmeer",),
    melders=(
        ("Hoorn", "BOA", "boa.hoorn"),
        ("Medemblik", "Sociaal wijkteam", "wijkteam.medemblik"),
        ("", "Leerplicht", "leerplicht.westfriesland"),
    ),
    tafeldag=1,
    tafel_tweewekelijks=False,
    zorg_en_opvang="Opvang via de centrumgemeente Hoorn; zorgcoördinatie via het Zorg- en Veiligheidshuis.",
    tafels=(
        DemoTafel(
            "Lokale ondermijningstafel Hoorn", Tafel.Soort.LOKALE_ONDERMIJNINGSTAFEL, (WF_POLITIE,), gemeente="Hoorn"
        ),
    ),
)

FR_GEMEENTEN = (
    DemoGemeente("Leeuwarden", 127000, ("Leeuwarden", "Grou", "Stiens")),
    DemoGemeente("Súdwest-Fryslân", 91000, ("Sneek", "Bolsward", "Workum")),
    DemoGemeente("Smallingerland", 56500, ("Drachten",)),
    DemoGemeente("De Fryslânske Marren", 52500, ("Joure", "Lemmer")),
    DemoGemeente("Heerenveen", 51700, ("Heerenveen",)),
    DemoGemeente("Waadhoeke", 47000, ("Franeker", "Sint Annaparochie")),
    DemoGemeente("Noardeast-Fryslân", 45700, ("Dokkum",)),
    DemoGemeente("Tytsjerksteradiel", 32000, ("Burgum",)),
    DemoGemeente("Opsterland", 30000, ("Gorredijk", "Beetsterzwaag")),
    DemoGemeente("Achtkarspelen", 28000, ("Buitenpost", "Surhuisterveen")),
    DemoGemeente("Weststellingwerf", 26500, ("Wolvega",)),
    DemoGemeente("Ooststellingwerf", 25800, ("Oosterwolde",)),
    DemoGemeente("Dantumadiel", 19000, ("Damwâld",)),
    DemoGemeente("Harlingen", 16000, ("Harlingen",)),
    DemoGemeente("Terschelling", 4900, ("West-Terschelling",)),
    DemoGemeente("Ameland", 3800, ("Nes",)),
    DemoGemeente("Vlieland", 1200, ("Oost-Vlieland",)),
    DemoGemeente("Schiermonnikoog", 950, ("Schiermonnikoog",)),
)
FR_NAMEN = tuple(g.naam for g in FR_GEMEENTEN)
FR_POLITIE = "Politie Noord-Nederland – TMM"
FR_FIER = "Fier – zorgcoördinatie mensenhandel"
FR_ZVH = "Zorg- en Veiligheidshuis Fryslân"
FR_MEDEWERKERS = (
    "Tjitske Hofstra",
    "Harmen Kingma",
    "Froukje Wiersma",
    "Rinse Haagsma",
    "Janneke Bergsma",
    "Auke Tolsma",
    "Marrit Holwerda",
    "Eelke Anema",
    "Lysbeth Miedema",
    "Douwe Rijpma",
    "Akke Sikkema",
    "Gerben Nauta",
    "Ymkje Faber",
    "Pier Hettema",
    "Trijntje Yntema",
    "Jorrit Osinga",
    "Minke Schaap",
    "Wiebe Jellema",
)
FRYSLAN = DemoRegio(
    naam="Fryslân",
    riec="RIEC Noord-Nederland",
    gemeenten=FR_GEMEENTEN,
    centrumgemeente="Leeuwarden",
    ketenpartners=(
        (FR_POLITIE, Soort.POLITIE),
        ("RIEC Noord-Nederland", Soort.RIEC),
        (FR_ZVH, Soort.ZVH),
        (FR_FIER, Soort.ZORGCOORDINATIE),
        ("Veilig Thuis Friesland", Soort.VEILIG_THUIS),
    ),
    gebruikers=(
        *_afs(
            {
                "Leeuwarden": ("Sjoukje Dijkstra", "Jelle Terpstra"),
                "Súdwest-Fryslân": ("Wietske Bosma", "Hylke Zijlstra"),
                "Smallingerland": ("Baukje Kooistra", "Sietse Hiemstra"),
                "De Fryslânske Marren": ("Geartsje Wijnja", "Rients de Boer"),
                "Heerenveen": ("Hiske Jellema", "Tjeerd Feenstra"),
                "Waadhoeke": ("Anke Kramer", "Wiebe Ploeg"),
                "Noardeast-Fryslân": ("Jildou Sikkema", "Ate van der Meer"),
                "Tytsjerksteradiel": ("Fokje Kuipers", "Durk Visser"),
                "Opsterland": ("Iekje Bakker", "Bauke de Jong"),
                "Achtkarspelen": ("Sietske Wiersma", "Gerrit Brouwer"),
                "Weststellingwerf": ("Anneke Mulder", "Klaas Bosma"),
                "Ooststellingwerf": ("Hennie Zandstra", "Jan Oosterhof"),
                "Dantumadiel": ("Tineke Hoekstra", "Sjoerd Kloosterman"),
                "Harlingen": ("Grietje Tuinstra", "Wytse Kuiper"),
                "Terschelling": ("Ellen Cupido", "Dirk Spanjer"),
                "Ameland": ("Jikke Metz", "Hendrik Visser"),
                "Vlieland": ("Nynke Bakker", "Bart Roos"),
                "Schiermonnikoog": ("Lieke Wiegersma", "Jouke Kiers"),
            }
        ),
        *_medewerkers(
            (
                *((f"medewerker.{slug(g)}", naam, (g,)) for g, naam in zip(FR_NAMEN, FR_MEDEWERKERS, strict=True)),
                ("boa.leeuwarden", "Redouan Amrani", ("Leeuwarden",)),
                ("wijkteam.leeuwarden", "Marijke Talsma", ("Leeuwarden",)),
                # Leerplicht works regionally here too: one officer reports for every gemeente.
                ("leerplicht.fryslan", "Corrie Westra", FR_NAMEN),
            )
        ),
        DemoGebruiker("coordinator.fryslan", "Hinke Algra", Rol.COORDINATOR, ("Leeuwarden",)),
        DemoGebruiker("politie.tmm", "Sander Kalsbeek", Rol.KETENPARTNER, (FR_POLITIE,)),
        DemoGebruiker("fier.zorgcoordinatie", "Wendy Brandsma", Rol.KETENPARTNER, (FR_FIER,)),
        # The procesregisseur mensenhandel of the ZVH chairs the Drieluik (its tafel below).
        DemoGebruiker("zvh.procesregisseur", "Klaske Rienks", Rol.KETENPARTNER, (FR_ZVH,)),
        DemoGebruiker("fg.fryslan", "Roelof Dam", Rol.FG, FR_NAMEN),
    ),
    signalen_per_jaar=(130, 138, 146),
    trainingen_per_jaar=(4, 6, 8),
    zonder_basisniveau=("Achtkarspelen", "Vlieland", "Schiermonnikoog"),
    melders=(
        ("Leeuwarden", "BOA", "boa.leeuwarden"),
        ("Leeuwarden", "Sociaal wijkteam", "wijkteam.leeuwarden"),
        ("", "Leerplicht", "leerplicht.fryslan"),
    ),
    # The Drieluik (politie-TMM, zorgcoördinator, procesregisseur ZVH) meets every other Thursday.
    tafeldag=3,
    tafel_tweewekelijks=True,
    zorg_en_opvang="Zorgcoördinatie door Fier; opvang via de centrumgemeente Leeuwarden.",
    # The Drieluik: the police's TMM, the zorgcoördinator of Fier and the ZVH's procesregisseur, who chairs it.
    tafels=(
        DemoTafel(
            "Drieluik Fryslân",
            Tafel.Soort.DRIELUIK,
            (FR_POLITIE, FR_FIER, FR_ZVH),
            voorzitter="zvh.procesregisseur",
        ),
    ),
)

REGIOS = (WESTFRIESLAND, FRYSLAN)
