"""Demo data for the region Westfriesland: gemeenten, ketenpartners, accounts and ~40 signals.

Idempotent: organisations and users are found by name, memberships made with get-or-create,
and a signal is only submitted when its gemeente has no signal yet from the same melder with
the same omschrijving. Signals go only through the services, as the melder and the AFs would.
"""

import datetime
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from ketenpartners.models import Gebruiker, Organisatie, Regio, Rol
from ketenpartners.services import lidmaatschap_toevoegen
from meldroute import services as route
from meldroute.models import TafelBespreking, Verrijking
from signalen.models import Betrokkene, Indicator, Signaal, Team, Vorm
from signalen.services import signaal_indienen
from signalen.workflow import Afloop, Status

# Known to everyone who reads this file: only for demo and test environments (see --toch).
DEMO_WACHTWOORD = "Demo-wachtwoord-2026"
DEMO_DOMEIN = "demo.example"
INLOG_URL = "http://127.0.0.1:8000/inloggen/"

REGIO = "Westfriesland"
RIEC = "RIEC Noord-Holland"
GEMEENTEN = ("Hoorn", "Enkhuizen", "Drechterland", "Stede Broec", "Medemblik", "Koggenland", "Opmeer")
CENTRUMGEMEENTE = "Hoorn"
POLITIE = "Politie Noord-Holland – AVIM"
Soort = Organisatie.Soort
KETENPARTNERS = (
    (POLITIE, Soort.POLITIE),
    (RIEC, Soort.RIEC),
    ("Zorg- en Veiligheidshuis Noord-Holland Noord", Soort.ZVH),
    ("Veilig Thuis Noord-Holland Noord", Soort.VEILIG_THUIS),
    ("Prostitutie Controle Team Noord-Holland Noord", Soort.PCT),
)


def slug(gemeente: str) -> str:
    """'Stede Broec' -> 'stede.broec', as used in the usernames."""
    return slugify(gemeente).replace("-", ".")


@dataclass(frozen=True)
class DemoGebruiker:
    username: str
    naam: str  # first name, a space, then the last name (with any tussenvoegsel)
    rol: str
    organisaties: tuple[str, ...]


AF_NAMEN = {
    "Hoorn": ("Marieke Dekker", "Jeroen Bakker"),
    "Enkhuizen": ("Sanne de Wit", "Bas Kok"),
    "Drechterland": ("Ilse Mulder", "Ruben Schouten"),
    "Stede Broec": ("Anouk Visser", "Thijs Vermeulen"),
    "Medemblik": ("Femke Smit", "Joost Brouwer"),
    "Koggenland": ("Lotte Kuiper", "Martijn de Graaf"),
    "Opmeer": ("Esther Vos", "Niels Jonker"),
}
MEDEWERKERS = (
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
    ("leerplicht.westfriesland", "Hanneke Schipper", GEMEENTEN),
)
GEBRUIKERS = (
    *(
        DemoGebruiker(f"af.{slug(g)}.{i}", naam, Rol.AANDACHTSFUNCTIONARIS, (g,))
        for g, namen in AF_NAMEN.items()
        for i, naam in enumerate(namen, start=1)
    ),
    *(DemoGebruiker(username, naam, Rol.MEDEWERKER, orgs) for username, naam, orgs in MEDEWERKERS),
    DemoGebruiker("coordinator.westfriesland", "Karin Boersma", Rol.COORDINATOR, (CENTRUMGEMEENTE,)),
    DemoGebruiker("beheerder", "Rob van Dijk", Rol.BEHEERDER, (CENTRUMGEMEENTE,)),
    DemoGebruiker("politie.avim", "Marco Veenstra", Rol.KETENPARTNER, (POLITIE,)),
    DemoGebruiker("fg.westfriesland", "Annelies Postma", Rol.FG, (CENTRUMGEMEENTE,)),
)

# Vormen (codes) and indicatoren (names) as loaded by the migration signalen 0002.
SEKS, ARBEID, CRIMI, ONB = "seksuele_uitbuiting", "arbeidsuitbuiting", "criminele_uitbuiting", "onbekend"
I_ADRES = "Veel mensen ingeschreven of verblijvend op één adres"
I_ID = "Persoon heeft geen eigen identiteitsbewijs of een ander houdt het vast"
I_VRIJ = "Persoon is niet vrij om te gaan en te staan"
I_CONTROLE = "Persoon lijkt onder controle van een ander of wordt begeleid bij contact"
I_SCHULD = "Schulden bij een werkgever, bemiddelaar of 'vriend'"
I_ANGST = "Angstig, gespannen of tegenstrijdig verhaal"
I_LOON = "Werkt lange dagen tegen weinig of geen loon"
I_WERKPLEK = "Woont op of bij de werkplek"
I_DWANG = "Werkt in de prostitutie met signalen van dwang"
I_ADVERTENTIE = "Advertenties voor seksuele diensten op wisselende adressen"
I_MINDERJARIG = "Minderjarige betrokken bij drugshandel of diefstal in opdracht"
I_UITKERING = "Vraagt uitkering of toeslag aan in opdracht van een ander"


def _p(rol: str, naam: str, nationaliteit: str = "", adres: str = "") -> dict[str, str]:
    return {"rol": rol, "naam": naam, "nationaliteit": nationaliteit, "adres": adres}


def _l(adres: str, bedrijfsnaam: str = "", kvk_nummer: str = "", omschrijving: str = "") -> dict[str, str]:
    return {"adres": adres, "bedrijfsnaam": bedrijfsnaam, "kvk_nummer": kvk_nummer, "omschrijving": omschrijving}


SLACHTOFFER, DADER = Betrokkene.Rol.SLACHTOFFER, Betrokkene.Rol.DADER


@dataclass(frozen=True)
class Scenario:
    gemeente: str
    melder: str
    team: str
    dagen: int  # how many days ago it was seen
    vormen: tuple[str, ...]
    stap: Status  # the step the signal ends in
    omschrijving: str
    acuut: bool = False
    indicatoren: tuple[str, ...] = ()
    betrokkenen: tuple[dict[str, str], ...] = ()
    locaties: tuple[dict[str, str], ...] = ()
    geen_mensenhandel: bool = False  # take the exit at the first step where it is allowed
    doorverwijzing: str = ""
    afloop: str = ""
    monitoren: int = 0  # plan a herbeoordeling this many days from today
    heropend: bool = False  # closed (geen mensenhandel), reopened, then on to ``stap``


S = Status
# fmt: off
SCENARIOS = (
    Scenario("Hoorn", "medewerker.hoorn", "Burgerzaken", 420, (ARBEID,), S.AFGESLOTEN,
             "Binnen twee weken schreven elf personen zich in op hetzelfde adres aan de Demoweg. Ze kwamen samen met "
             "één man die het woord deed en hun paspoorten vasthield; geen van hen sprak Nederlands of Engels.",
             indicatoren=(I_ADRES, I_ID, I_CONTROLE), betrokkenen=(_p(DADER, "Dragan Voorbeeld", "Servische"),),
             locaties=(_l("Demoweg 12, 1621 XX Hoorn", omschrijving="Eengezinswoning"),), afloop=Afloop.BESTUURLIJK),
    Scenario("Hoorn", "boa.hoorn", "BOA", 380, (SEKS,), S.AFGESLOTEN,
             "Bij avondsurveillance zag ik dat de vrouwen van een massagesalon aan de Voorbeeldkade na sluitingstijd "
             "binnen blijven; een man haalt 's ochtends het geld op. Eén vrouw had blauwe plekken op haar armen en "
             "keek steeds naar hem voordat ze antwoord gaf.", indicatoren=(I_DWANG, I_CONTROLE, I_ANGST),
             betrokkenen=(_p(SLACHTOFFER, "Mirela Fictivescu", "Roemeense"), _p(DADER, "Ronnie Nepman", "Nederlandse")),
             locaties=(_l("Voorbeeldkade 3, 1621 XX Hoorn", "Massagesalon Lotus (fictief)", "90412233"),),
             afloop=Afloop.STRAFRECHTELIJK),
    Scenario("Hoorn", "leerplicht.westfriesland", "Leerplicht", 300, (CRIMI,), S.RIEC,
             "Een leerling van 15 verzuimt structureel. Volgens de mentor heeft hij opeens dure kleding en twee "
             "telefoons en wordt hij na school opgehaald door oudere jongens in een auto. Hij zegt dat hij 'nog iets "
             "terug moet betalen'.", indicatoren=(I_MINDERJARIG, I_SCHULD),
             betrokkenen=(_p(SLACHTOFFER, "Jayden Testmans", "Nederlandse"),)),
    Scenario("Hoorn", "medewerker.hoorn", "Balie", 1, (SEKS, ONB), S.OPGEPIKT,
             "Een jonge vrouw kwam aan de balie voor een uittreksel en fluisterde dat ze weg wil maar niet weet "
             "waarheen; de man die buiten in de auto wacht heeft haar paspoort. Politie is gebeld, zij zit nu in de "
             "spreekkamer.", acuut=True, indicatoren=(I_ID, I_VRIJ)),
    Scenario("Hoorn", "boa.hoorn", "BOA", 45, (ARBEID,), S.VERRIJKT,
             "Op de parkeerplaats bij het industrieterrein staat 's nachts een busje waarin vier mannen slapen. Ze "
             "werken via een uitzendbureau in de kassenbouw en zeggen 120 euro per week te betalen voor 'de "
             "slaapplaats'.", indicatoren=(I_WERKPLEK, I_SCHULD), monitoren=30),
    Scenario("Hoorn", "medewerker.hoorn", "Klantmanager", 200, (CRIMI,), S.LOKALE_TAFEL,
             "Een bijstandsaanvrager kan niet uitleggen waarom er elke maand geld van haar rekening naar een onbekende"
             " gaat. Ze komt altijd met dezelfde 'neef' die alle formulieren invult en voor haar antwoordt.",
             indicatoren=(I_UITKERING, I_CONTROLE)),
    Scenario("Hoorn", "boa.hoorn", "BOA", 90, (SEKS,), S.INFORMATIEPLEIN,
             "Buren melden dat bij een woning aan de Fictieflaan 's avonds laat steeds andere mannen kort binnen zijn."
             " Op een sekssite staat een advertentie met een foto van dezelfde woonkamer.",
             indicatoren=(I_ADVERTENTIE,), locaties=(_l("Fictieflaan 40, 1624 XX Hoorn"),), monitoren=60),
    Scenario("Hoorn", "medewerker.hoorn", "Burgerzaken", 150, (ARBEID,), S.TERUGKOPPELING,
             "Bij een aanvraag voor een parkeervergunning vertelde een man dat hij zes dagen per week twaalf uur "
             "schoonmaakt en dat zijn baas zijn loon 'bewaart' tot hij de reis naar Nederland heeft terugbetaald.",
             indicatoren=(I_LOON, I_SCHULD), betrokkenen=(_p(SLACHTOFFER, "Tomasz Fictief", "Poolse"),)),
    Scenario("Hoorn", "medewerker.hoorn", "Burgerzaken", 60, (ONB,), S.ONTVANGEN,
             "In de BRP staan 14 personen ingeschreven in een eengezinswoning aan de Voorbeeldstraat. Bij een "
             "adresonderzoek werd niet opengedaan; in de voortuin staan veel fietsen en matrassen.",
             indicatoren=(I_ADRES,), locaties=(_l("Voorbeeldstraat 7, 1622 XX Hoorn"),)),
    Scenario("Hoorn", "leerplicht.westfriesland", "Leerplicht", 500, (SEKS,), S.AFGESLOTEN,
             "Een meisje van 16 is al weken niet op school. Vriendinnen vertellen dat ze een veel oudere 'vriend' "
             "heeft die haar cadeaus geeft en met wie ze naar feestjes in Amsterdam gaat.", indicatoren=(I_CONTROLE,),
             betrokkenen=(_p(SLACHTOFFER, "Lisa Voorbeeld", "Nederlandse"),), afloop=Afloop.ZORGTRAJECT),
    Scenario("Enkhuizen", "medewerker.enkhuizen", "Handhaving/toezicht", 330, (ARBEID,), S.AFGESLOTEN,
             "Bij een controle in de haven bleek dat twee mannen in het vooronder van een rondvaartboot wonen en "
             "werken. Ze hebben geen contract en zeggen dat de eigenaar hun identiteitsbewijzen 'in de kluis' heeft.",
             indicatoren=(I_ID, I_WERKPLEK),
             locaties=(_l("Havenkade (fictief), Enkhuizen", "Rondvaart Zuiderzee Demo", "90523301"),),
             afloop=Afloop.BESTUURLIJK),
    Scenario("Enkhuizen", "medewerker.enkhuizen", "Handhaving/toezicht", 120, (ARBEID,), S.RIEC,
             "De medewerkers van een nagelsalon in het centrum lijken boven de zaak te slapen: er hangt wasgoed en er "
             "staan stapelbedden. Ze zijn er van opening tot sluiting en gaan nooit alleen de deur uit.",
             indicatoren=(I_WERKPLEK, I_LOON, I_CONTROLE),
             betrokkenen=(_p(SLACHTOFFER, "Thi Lan Voorbeeld", "Vietnamese"), _p(DADER, "Minh Fictief", "Nederlandse")),
             locaties=(_l("Westerstraat 999 (fictief), Enkhuizen", "Nagelstudio Pretty Demo", "90523344"),)),
    Scenario("Enkhuizen", "medewerker.enkhuizen", "Handhaving/toezicht", 12, (ONB,), S.OPGEPIKT,
             "Een buurtbewoner tipt dat in een loods aan de Fictieve Dijk 's nachts busjes worden geladen. De jongeren"
             " die er werken krijgen 'contant en niet veel', zegt hij."),
    Scenario("Enkhuizen", "leerplicht.westfriesland", "Leerplicht", 240, (CRIMI,), S.TERUGKOPPELING,
             "Twee broers van 14 en 15 verzuimen steeds op maandag. Ze vertellen dat ze in het weekend 'voor een oom' "
             "pakketjes rondbrengen in Hoorn en Enkhuizen.", indicatoren=(I_MINDERJARIG,), geen_mensenhandel=True,
             doorverwijzing="Jeugdbescherming en wijkteam"),
    Scenario("Enkhuizen", "medewerker.enkhuizen", "Handhaving/toezicht", 75, (ARBEID,), S.LOKALE_TAFEL,
             "Bij een controle op een vakantiepark verblijven ongeveer 25 arbeidsmigranten in drie chalets. De chalets"
             " staan op naam van één bemiddelaar die de huur op het loon inhoudt.", indicatoren=(I_ADRES, I_SCHULD),
             monitoren=45),
    Scenario("Enkhuizen", "medewerker.enkhuizen", "Handhaving/toezicht", 520, (ARBEID,), S.AFGESLOTEN,
             "Een vrouw in een kapsalon vertelde dat zij niet betaald krijgt omdat ze 'nog in de leer' is, terwijl ze "
             "al een jaar fulltime werkt.", indicatoren=(I_LOON,), geen_mensenhandel=True,
             doorverwijzing="Nederlandse Arbeidsinspectie", afloop=Afloop.TERUGLEGGING),
    Scenario("Drechterland", "medewerker.drechterland", "Handhaving/toezicht", 460, (ARBEID,), S.AFGESLOTEN,
             "Seizoenswerkers van een fruitteeltbedrijf wonen in een schuur zonder verwarming en met één toilet voor "
             "twintig mensen. De uitzender houdt 95 euro per week in voor huisvesting en vervoer.",
             indicatoren=(I_WERKPLEK, I_ADRES, I_SCHULD),
             locaties=(_l("Boomgaardweg 1 (fictief), Venhuizen", "Fruitteelt Voorbeeldhoeve", "90634455", "Schuur"),),
             afloop=Afloop.BESTUURLIJK),
    Scenario("Drechterland", "medewerker.drechterland", "Klantmanager", 180, (CRIMI,), S.RIEC,
             "Een cliënt met een uitkering vertelt dat een kennis haar DigiD beheert en dat ze 'zijn post' op haar "
             "adres ontvangt. Ze wordt zichtbaar bang als ze erover praat.", indicatoren=(I_UITKERING, I_ANGST)),
    Scenario("Drechterland", "medewerker.drechterland", "Klantmanager", 30, (ARBEID,), S.ONTVANGEN,
             "Bij een huisbezoek trof ik een jonge vrouw die als 'au pair' bij een gezin woont, maar zestig uur per "
             "week schoonmaakt en oppast zonder loon. Ze heeft geen eigen telefoon.", indicatoren=(I_LOON, I_WERKPLEK),
             betrokkenen=(_p(SLACHTOFFER, "Olena Voorbeeld", "Oekraïense"),)),
    Scenario("Drechterland", "medewerker.drechterland", "Klantmanager", 100, (ARBEID,), S.TERUGKOPPELING,
             "Op één adres in Hem staan zeven mannen ingeschreven. Volgens de melder zijn de bewoners 'stil en altijd "
             "moe' en worden ze om vijf uur 's ochtends opgehaald.", indicatoren=(I_ADRES,), geen_mensenhandel=True,
             doorverwijzing="Geen; huisvesting voldoet aan SNF-norm"),
    Scenario("Drechterland", "medewerker.drechterland", "Klantmanager", 7, (CRIMI, ARBEID), S.VERRIJKT,
             "Een man die om noodopvang vroeg, vertelde dat hij is weggelopen uit een woning waar hij werd "
             "vastgehouden en in een hennepkwekerij moest werken. Hij heeft verwondingen aan zijn handen.", acuut=True,
             indicatoren=(I_VRIJ, I_ANGST)),
    Scenario("Stede Broec", "medewerker.stede.broec", "Handhaving/toezicht", 270, (ARBEID,), S.INFORMATIEPLEIN,
             "Bij een handcarwash langs de provinciale weg werken steeds andere jonge mannen, zonder beschermende "
             "kleding en bij elk weer. Ze worden 's avonds met één busje opgehaald.", indicatoren=(I_LOON, I_CONTROLE),
             locaties=(_l("Provincialeweg 100 (fictief), Bovenkarspel", "Handcarwash Shiny Demo", "90745566"),)),
    Scenario("Stede Broec", "medewerker.stede.broec", "Balie", 400, (ONB,), S.AFGESLOTEN,
             "Een vrouw vroeg aan de balie hulp bij een verhuizing, maar zei dat ze eerst toestemming moet vragen. "
             "Haar partner stond erbij en beantwoordde alle vragen voor haar.", indicatoren=(I_CONTROLE,),
             geen_mensenhandel=True, doorverwijzing="Veilig Thuis Noord-Holland Noord", afloop=Afloop.TERUGLEGGING),
    Scenario("Stede Broec", "medewerker.stede.broec", "Balie", 15, (SEKS,), S.OPGEPIKT,
             "Op een advertentiesite worden 'massages aan huis' aangeboden vanaf een adres in Bovenkarspel, telkens "
             "met andere vrouwen op de foto's maar steeds hetzelfde telefoonnummer.", indicatoren=(I_ADVERTENTIE,)),
    Scenario("Stede Broec", "medewerker.stede.broec", "Balie", 210, (CRIMI,), S.LOKALE_TAFEL,
             "Een jongen van 17 wilde met een vreemd ogend identiteitsbewijs een adreswijziging doen 'voor een vriend'"
             " die buiten bleef wachten. Hij wist het adres niet uit zijn hoofd.",
             indicatoren=(I_MINDERJARIG, I_CONTROLE)),
    Scenario("Stede Broec", "medewerker.stede.broec", "Handhaving/toezicht", 60, (ARBEID,), S.VERRIJKT,
             "Een man die bij een sloopbedrijf werkt, slaapt in een container op het terrein en heeft geen geld voor "
             "eten. Zijn loon gaat volgens hem naar 'de baas van het busje'.", indicatoren=(I_WERKPLEK, I_LOON),
             betrokkenen=(_p(SLACHTOFFER, "Georgi Demov", "Bulgaarse"),)),
    Scenario("Medemblik", "wijkteam.medemblik", "Sociaal wijkteam", 490, (SEKS,), S.AFGESLOTEN,
             "Een moeder vertelt het wijkteam dat haar dochter van 17 'bij een vriend in Den Helder' woont en geld "
             "naar huis stuurt. De moeder weet niet waar dat geld vandaan komt.", indicatoren=(I_CONTROLE,),
             betrokkenen=(_p(SLACHTOFFER, "Romy Fictief", "Nederlandse"),), afloop=Afloop.PROCESREGIE_ZVH),
    Scenario("Medemblik", "medewerker.medemblik", "Burgerzaken", 350, (ONB,), S.AFGESLOTEN,
             "Bij de melding van een voorgenomen huwelijk viel op dat de bruid geen eigen papieren bij zich had en "
             "steeds werd onderbroken door de bruidegom en zijn broer.", indicatoren=(I_ID, I_CONTROLE),
             geen_mensenhandel=True, doorverwijzing="Veilig Thuis Noord-Holland Noord", afloop=Afloop.TERUGLEGGING),
    Scenario("Medemblik", "wijkteam.medemblik", "Sociaal wijkteam", 140, (ARBEID,), S.TERUGKOPPELING,
             "Een vader vertelt het wijkteam dat hij bij een uitzendbureau een schuld van 3.000 euro heeft voor reis "
             "en huisvesting, en dat die schuld elke maand groter wordt.", indicatoren=(I_SCHULD, I_LOON),
             betrokkenen=(_p(SLACHTOFFER, "Piotr Voorbeeld", "Poolse"),)),
    Scenario("Medemblik", "medewerker.medemblik", "Burgerzaken", 35, (ARBEID,), S.ONTVANGEN,
             "Een agrarisch bedrijf in Wervershoof liet de afgelopen maand veertig tijdelijke inschrijvingen op één "
             "adres doen.", indicatoren=(I_ADRES,),
             locaties=(_l("Zuiderdijk 2 (fictief), Wervershoof", "Kwekerij Demoland", "90856677"),)),
    Scenario("Medemblik", "wijkteam.medemblik", "Sociaal wijkteam", 250, (CRIMI,), S.RIEC,
             "Een jongvolwassene met een licht verstandelijke beperking krijgt 'hulp' van een nieuwe vriend die zijn "
             "uitkering beheert en hem drugs laat rondbrengen.", indicatoren=(I_UITKERING, I_CONTROLE), monitoren=21),
    Scenario("Medemblik", "wijkteam.medemblik", "Sociaal wijkteam", 1, (SEKS,), S.OPGEPIKT,
             "Een vrouw belde in paniek: haar nicht van 19 wordt vastgehouden in een woning in Medemblik en moet met "
             "mannen mee. Politie is gebeld.", acuut=True, indicatoren=(I_VRIJ, I_DWANG)),
    Scenario("Koggenland", "medewerker.koggenland", "Handhaving/toezicht", 440, (ARBEID,), S.AFGESLOTEN,
             "Bij een controle op een champignonkwekerij in De Goorn werken medewerkers veertien uur per dag, zonder "
             "loonstroken, en wonen ze in caravans op het terrein.", indicatoren=(I_LOON, I_WERKPLEK),
             locaties=(_l("Kwekerijweg 5 (fictief), De Goorn", "Champignonkwekerij Fictief", "90967788"),),
             afloop=Afloop.STRAFRECHTELIJK),
    Scenario("Koggenland", "medewerker.koggenland", "Handhaving/toezicht", 160, (SEKS,), S.INFORMATIEPLEIN,
             "Een recreatiewoning in Avenhorn wordt verhuurd voor 'zakelijke bezoeken': steeds andere vrouwen en 's "
             "nachts veel taxi's.", indicatoren=(I_ADVERTENTIE,)),
    Scenario("Koggenland", "medewerker.koggenland", "Handhaving/toezicht", 70, (ARBEID,), S.LOKALE_TAFEL,
             "Bouwvakkers van een onderaannemer slapen in de bouwkeet. Ze zijn via een buitenlandse constructie "
             "'gedetacheerd' en weten niet wie hun werkgever is.", indicatoren=(I_WERKPLEK,)),
    Scenario("Koggenland", "medewerker.koggenland", "BOA", 20, (CRIMI,), S.ONTVANGEN,
             "Bij een snackbar waar volgens omwonenden wordt gedeald hangen steeds dezelfde jongeren rond; de jongste "
             "is 13 en fietst af en aan met pakketjes.", indicatoren=(I_MINDERJARIG,)),
    Scenario("Opmeer", "medewerker.opmeer", "Sociaal wijkteam", 530, (SEKS,), S.AFGESLOTEN,
             "Een vrouw in de schuldhulpverlening vertelt dat ze via een 'uitzendbureau' in een club in Duitsland "
             "heeft gewerkt en daar nog 'geld schuldig' is. Ze wordt nog steeds gebeld.",
             indicatoren=(I_SCHULD, I_ANGST), betrokkenen=(_p(SLACHTOFFER, "Sandra Voorbeeld", "Nederlandse"),),
             afloop=Afloop.ZORGTRAJECT),
    Scenario("Opmeer", "medewerker.opmeer", "Sociaal wijkteam", 110, (ARBEID,), S.RIEC,
             "Bij de voedselbank vertelt een man dat zijn werkgever zijn bankpas heeft en hem 'zakgeld' geeft. Hij "
             "woont met acht collega's in een woning in Spanbroek.", indicatoren=(I_LOON, I_CONTROLE),
             betrokkenen=(_p(SLACHTOFFER, "László Fictief", "Hongaarse"),)),
    Scenario("Opmeer", "medewerker.opmeer", "Sociaal wijkteam", 40, (ARBEID,), S.VERRIJKT,
             "Na een overlastmelding blijkt een pand aan de Dorpsstraat bewoond door negen mannen die in ploegen "
             "slapen. De verhuurder int de huur contant aan de deur.", indicatoren=(I_ADRES,), monitoren=14),
    Scenario("Opmeer", "medewerker.opmeer", "Sociaal wijkteam", 300, (CRIMI,), S.VERRIJKT,
             "Bij een schuur in Hoogwoud zijn geregeld 's nachts auto's en een man die er lijkt te wonen. Omwonenden "
             "ruiken hennep. Na een tweede melding over dezelfde schuur is het signaal heropend.",
             geen_mensenhandel=True, doorverwijzing="Politie (hennep)", heropend=True),
)
# fmt: on

VERRIJKING = {
    SEKS: (Verrijking.Bron.POLITIE, "Adres en telefoonnummer komen voor in eerdere meldingen bij de politie."),
    ARBEID: (Verrijking.Bron.KVK, "KvK: bedrijf korte tijd actief, bestuurder ook bestuurder van een uitzendbureau."),
    CRIMI: (Verrijking.Bron.WIJKTEAM, "Wijkteam kent het gezin; zorgen over schulden en verzuim."),
    ONB: (Verrijking.Bron.BRP, "BRP: veel wisselende inschrijvingen op het adres in het afgelopen jaar."),
}
TAFEL = {SEKS: TafelBespreking.Soort.PCT, CRIMI: TafelBespreking.Soort.POLITIE}
TERUGKOPPELING = (
    "Dank voor uw melding. Het signaal is met de ketenpartners besproken en krijgt vervolg. Meer mogen wij "
    "niet delen; blijf alert en meld nieuwe signalen."
)
GEEN_MH = (
    "Dank voor uw melding. Na onderzoek is geen vermoeden van mensenhandel vastgesteld; waar nodig is het "
    "signaal doorgezet. Blijf vooral melden."
)


def _stapdatum(scenario: Scenario, stap: int) -> datetime.date:
    """The date of the n-th step: spread between the day it was seen and today."""
    vandaag = timezone.localdate()
    waargenomen = vandaag - datetime.timedelta(days=scenario.dagen)
    return min(vandaag, waargenomen + datetime.timedelta(days=stap * max(1, scenario.dagen // 8)))


def _volgende_stap(signaal: Signaal, scenario: Scenario, af: Gebruiker, stap: int, uitgang: bool) -> Signaal:
    """Move the signal one step on, as the AF would, with believable step data."""
    status = signaal.status
    datum = _stapdatum(scenario, stap)
    vorm = scenario.vormen[0]
    kw: dict[str, Any] = {"signaal_id": signaal.pk, "door": af, "verwachte_status": status}
    if status == Status.OPGEPIKT:
        return route.in_behandeling_nemen(**kw, behandelaar=af)
    if status == Status.ONTVANGEN:
        bron, bevindingen = VERRIJKING[vorm]
        return route.verrijken(**kw, bron=bron, bevindingen=bevindingen)
    if uitgang and status in (Status.VERRIJKT, Status.LOKALE_TAFEL, Status.RIEC):
        onderbouwing = "Na verrijking en overleg onvoldoende aanwijzingen voor mensenhandel."
        return route.geen_mensenhandel(
            **kw, onderbouwing=onderbouwing, tekst=GEEN_MH, gegeven_op=datum, doorverwijzing=scenario.doorverwijzing
        )
    if status == Status.VERRIJKT:
        soort = TAFEL.get(vorm, TafelBespreking.Soort.ONDERMIJNINGSTAFEL)
        besluit = "Vermoeden van mensenhandel; AF schakelt het RIEC in."
        return route.lokale_tafel_bespreken(**kw, soort=soort, besproken_op=datum, besluit=besluit)
    if status == Status.LOKALE_TAFEL:
        vermoeden = "Meerdere indicatoren en bevestiging uit eigen bronnen."
        return route.riec_inschakelen(**kw, vermoeden=vermoeden, contact=RIEC, datum=datum)
    if status == Status.RIEC:
        resultaat = "Besproken aan de regionale tafel mensenhandel; partners pakken het op."
        return route.informatieplein_inbrengen(**kw, ingebracht_op=datum, resultaat=resultaat)
    if status == Status.INFORMATIEPLEIN:
        return route.terugkoppelen(**kw, tekst=TERUGKOPPELING, gegeven_op=datum)
    if status == Status.TERUGKOPPELING:
        afloop = scenario.afloop or Afloop.TERUGLEGGING
        return route.afsluiten(**kw, afloop=afloop, toelichting="Afgesloten na terugkoppeling.")
    raise CommandError(f"Geen volgende stap vanuit {status}.")


def _doorlopen(signaal: Signaal, scenario: Scenario, af: Gebruiker) -> Signaal:
    stap = 1
    if scenario.heropend:
        while signaal.status != Status.AFGESLOTEN:
            signaal = _volgende_stap(signaal, scenario, af, stap, uitgang=scenario.geen_mensenhandel)
            stap += 1
        reden = "Nieuw signaal over hetzelfde adres ontvangen."
        signaal = route.heropenen(signaal_id=signaal.pk, door=af, reden=reden, verwachte_status=Status.AFGESLOTEN)
    while signaal.status != scenario.stap:
        uitgang = scenario.geen_mensenhandel and not scenario.heropend
        signaal = _volgende_stap(signaal, scenario, af, stap, uitgang=uitgang)
        stap += 1
    if scenario.monitoren:
        datum = timezone.localdate() + datetime.timedelta(days=scenario.monitoren)
        toelichting = "Nog niet concreet genoeg; lopend signaal."
        signaal = route.herbeoordeling_plannen(signaal_id=signaal.pk, door=af, datum=datum, toelichting=toelichting)
    return signaal


class Command(BaseCommand):
    help = "Laadt demodata voor Westfriesland: gemeenten, ketenpartners, demo-accounts en ongeveer 40 signalen."

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
        with transaction.atomic():
            organisaties = self._organisaties()
            gebruikers = self._gebruikers(organisaties)
        nieuw = sum(self._signaal(scenario, organisaties, gebruikers) for scenario in SCENARIOS)
        self.stdout.write(f"Signalen: {nieuw} nieuw, {len(SCENARIOS) - nieuw} al aanwezig.")
        self._overzicht()

    def _organisaties(self) -> dict[str, Organisatie]:
        regio, _ = Regio.objects.get_or_create(naam=REGIO, defaults={"riec": RIEC})
        organisaties = {}
        for naam, soort in [(g, Soort.GEMEENTE) for g in GEMEENTEN] + list(KETENPARTNERS):
            organisatie, _ = Organisatie.objects.get_or_create(naam=naam, defaults={"soort": soort})
            organisatie.regios.add(regio)
            organisaties[naam] = organisatie
        return organisaties

    def _gebruikers(self, organisaties: dict[str, Organisatie]) -> dict[str, Gebruiker]:
        gebruikers = {}
        for demo in GEBRUIKERS:
            voornaam, achternaam = demo.naam.split(" ", 1)
            gebruiker, aangemaakt = Gebruiker.objects.get_or_create(
                username=demo.username,
                defaults={
                    "first_name": voornaam,
                    "last_name": achternaam,
                    "email": f"{slugify(demo.naam).replace('-', '.')}@{DEMO_DOMEIN}",
                },
            )
            if aangemaakt:
                gebruiker.set_password(DEMO_WACHTWOORD)
                gebruiker.save(update_fields=["password"])
            for naam in demo.organisaties:
                lidmaatschap_toevoegen(gebruiker=gebruiker, organisatie=organisaties[naam], rol=demo.rol)
            gebruikers[demo.username] = gebruiker
        return gebruikers

    @transaction.atomic
    def _signaal(
        self, scenario: Scenario, organisaties: dict[str, Organisatie], gebruikers: dict[str, Gebruiker]
    ) -> bool:
        """Submit and route one scenario, unless it is there already. True when it was made."""
        gemeente = organisaties[scenario.gemeente]
        melder = gebruikers[scenario.melder]
        if Signaal.objects.filter(gemeente=gemeente, melder=melder, omschrijving=scenario.omschrijving).exists():
            return False
        signaal = signaal_indienen(
            door=melder,
            gemeente=gemeente,
            team=Team.objects.get(naam=scenario.team),
            waargenomen_op=timezone.localdate() - datetime.timedelta(days=scenario.dagen),
            omschrijving=scenario.omschrijving,
            vormen=list(Vorm.objects.filter(code__in=scenario.vormen)),
            acuut=scenario.acuut,
            indicatoren=list(Indicator.objects.filter(naam__in=scenario.indicatoren)),
            betrokkenen=scenario.betrokkenen,
            locaties=scenario.locaties,
        )
        # The two AFs of a gemeente share the work: either may be behandelaar.
        af = gebruikers[f"af.{slug(scenario.gemeente)}.{1 + scenario.dagen % 2}"]
        _doorlopen(signaal, scenario, af)
        return True

    def _overzicht(self) -> None:
        self.stdout.write(self.style.SUCCESS(f"\nDemodata geladen. Inloggen op {INLOG_URL}"))
        self.stdout.write(f"Alle demo-accounts hebben het wachtwoord: {DEMO_WACHTWOORD}")
        self.stdout.write("(behalve als het wachtwoord van een account intussen is gewijzigd)\n")
        rijen = [("Gebruikersnaam", "Rol", "Organisatie")]
        rijen += [(d.username, Rol(d.rol).label, ", ".join(d.organisaties)) for d in GEBRUIKERS]
        breedte = [max(len(rij[i]) for rij in rijen) for i in range(2)]
        for gebruikersnaam, rol, organisatie in rijen:
            self.stdout.write(f"{gebruikersnaam:<{breedte[0]}}  {rol:<{breedte[1]}}  {organisatie}")
