"""Hand-written example signals: Westfriesland's from the first demo, and a few for Fryslân.

Each is routed to the step it names, at believable moments before today (mensenhandel/demo/plan.py);
the generated history fills in around them.
"""

from dataclasses import dataclass

from mensenhandel.demo.teksten import (
    ARBEID,
    CRIMI,
    DADER,
    I_ADRES,
    I_ADVERTENTIE,
    I_ANGST,
    I_CONTROLE,
    I_DWANG,
    I_ID,
    I_LOON,
    I_MINDERJARIG,
    I_SCHULD,
    I_UITKERING,
    I_VRIJ,
    I_WERKPLEK,
    ONB,
    SEKS,
    SLACHTOFFER,
)
from signalen.workflow import Afloop, Status


def _p(rol: str, naam: str, nationaliteit: str = "", adres: str = "") -> dict[str, str]:
    return {"rol": rol, "naam": naam, "nationaliteit": nationaliteit, "adres": adres}


def _l(adres: str, bedrijfsnaam: str = "", kvk_nummer: str = "", omschrijving: str = "") -> dict[str, str]:
    return {"adres": adres, "bedrijfsnaam": bedrijfsnaam, "kvk_nummer": kvk_nummer, "omschrijving": omschrijving}


@dataclass(frozen=True)
class Scenario:
    gemeente: str
    melder: str
    team: str
    dagen: int  # how many days ago it was seen (0: today, reported within the last hours)
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
    sleutel: str = ""  # a name by which the rest of the demo finds the signal (bijeenkomsten.py)


S = Status
# fmt: off
WESTFRIESLAND = (
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
    Scenario("Hoorn", "medewerker.hoorn", "Balie", 0, (SEKS, ONB), S.OPGEPIKT,
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

# fmt: off
# On the agenda of the Drieluik Fryslân that met today (bijeenkomsten.py): one discussed there before,
# three new. Handled by af.leeuwarden.1 (an even number of days).
WASSTRAAT, STATION, STIENS, GROU = "drieluik:wasstraat", "drieluik:station", "drieluik:stiens", "drieluik:grou"
DRIELUIK = (
    Scenario("Leeuwarden", "medewerker.leeuwarden", "Handhaving/toezicht", 40, (ARBEID,), S.LOKALE_TAFEL,
             "Bij een controle van een autowasstraat aan de Demoweg werkten vijf mannen zonder handschoenen of "
             "laarzen. Ze slapen in een container achter de wasstraat en zeggen dat de eigenaar hun paspoorten "
             "'bewaart'.", indicatoren=(I_WERKPLEK, I_ID, I_LOON),
             locaties=(_l("Demoweg 77 (fictief), Leeuwarden", "Wasstraat Fictief", "91123456"),), sleutel=WASSTRAAT),
    Scenario("Leeuwarden", "boa.leeuwarden", "BOA", 12, (CRIMI,), S.VERRIJKT,
             "Bij het station zien we al weken dezelfde twee jongens van een jaar of 15 die pakketjes aan "
             "automobilisten geven. 's Avonds haalt een oudere man hen op in een auto.",
             indicatoren=(I_MINDERJARIG, I_CONTROLE), sleutel=STATION),
    Scenario("Leeuwarden", "wijkteam.leeuwarden", "Sociaal wijkteam", 8, (SEKS,), S.VERRIJKT,
             "Een jonge vrouw in Stiens vertelt dat haar vriend 'klanten' naar haar woning stuurt om een schuld af "
             "te lossen. Ze wil er nu niet verder over praten en wil geen aangifte doen.",
             indicatoren=(I_SCHULD, I_CONTROLE), betrokkenen=(_p(SLACHTOFFER, "Romy Voorbeeld", "Nederlandse"),),
             sleutel=STIENS),
    Scenario("Leeuwarden", "medewerker.leeuwarden", "Burgerzaken", 10, (ARBEID,), S.VERRIJKT,
             "Op een adres aan de Fictieflaan in Grou staan sinds vorige maand elf arbeidsmigranten ingeschreven. "
             "Volgens de buren werken ze allemaal bij dezelfde distributeur en worden ze 's ochtends met een busje "
             "opgehaald.", indicatoren=(I_ADRES,), locaties=(_l("Fictieflaan 8, 9001 XX Grou"),), sleutel=GROU),
)
# fmt: on

# Fryslân: one open signal in every step, so its werkbakken show the whole route today, and the
# signals the Drieluik discussed today.
# fmt: off
FRYSLAN = (
    Scenario("Leeuwarden", "medewerker.leeuwarden", "Balie", 0, (SEKS,), S.OPGEPIKT,
             "Een meisje van 17 belde de publieksbalie vanaf het station: ze is met een man meegegaan die haar nu "
             "'laat werken' in een hotelkamer. Ze weet niet waar haar telefoonlader en paspoort zijn. Politie is "
             "gebeld.", acuut=True, indicatoren=(I_VRIJ, I_ID, I_DWANG)),
    Scenario("Heerenveen", "medewerker.heerenveen", "Burgerzaken", 1, (ARBEID,), S.OPGEPIKT,
             "Bij een adrescontrole bleken in een bovenwoning aan de Demoweg negen mannen te wonen die bij een "
             "vleesverwerker werken. De huur wordt volgens hen 'door de baas' op hun loon ingehouden.",
             indicatoren=(I_ADRES, I_SCHULD), locaties=(_l("Demoweg 21, 8441 XX Heerenveen"),)),
    Scenario("Súdwest-Fryslân", "medewerker.sudwest.fryslan", "Handhaving/toezicht", 6, (ARBEID,), S.ONTVANGEN,
             "Op een jachthaven in Sneek werken zes mannen zeven dagen per week aan boten. Ze slapen in de loods en "
             "zeggen dat ze hun eerste loon pas na drie maanden krijgen.", indicatoren=(I_WERKPLEK, I_LOON),
             locaties=(_l("Havenweg 999 (fictief), Sneek", "Jachtbouw Demo BV", "91012345"),)),
    Scenario("Smallingerland", "leerplicht.fryslan", "Leerplicht", 25, (CRIMI,), S.VERRIJKT,
             "Een leerling van 14 uit Drachten verzuimt sinds de herfstvakantie. Hij heeft een nieuwe scooter en "
             "twee telefoons en zegt dat hij 'voor iemand moet rijden'.", indicatoren=(I_MINDERJARIG,),
             betrokkenen=(_p(SLACHTOFFER, "Dylan Voorbeeld", "Nederlandse"),), monitoren=21),
    Scenario("Waadhoeke", "medewerker.waadhoeke", "Klantmanager", 50, (CRIMI,), S.LOKALE_TAFEL,
             "Een cliënt met een uitkering vraagt steeds toeslagen aan voor adressen waar hij niet woont. Een man "
             "die zich zijn 'begeleider' noemt, komt altijd mee en houdt zijn bankpas.",
             indicatoren=(I_UITKERING, I_CONTROLE)),
    Scenario("Leeuwarden", "boa.leeuwarden", "BOA", 80, (SEKS,), S.RIEC,
             "In een vakantiewoning aan de Fictieflaan verblijven steeds voor een week andere jonge vrouwen; "
             "op een escortsite staan dezelfde kamer en hetzelfde telefoonnummer.",
             indicatoren=(I_ADVERTENTIE, I_CONTROLE), locaties=(_l("Fictieflaan 3, 8911 XX Leeuwarden"),)),
    Scenario("Harlingen", "medewerker.harlingen", "Handhaving/toezicht", 120, (ARBEID,), S.INFORMATIEPLEIN,
             "De bemanning van een vrachtschip in de haven woont al maanden aan boord. De kapitein heeft hun "
             "paspoorten; ze mogen alleen samen met hem van boord.", indicatoren=(I_ID, I_VRIJ, I_WERKPLEK),
             betrokkenen=(_p(DADER, "Kapitein Fictivo", "Nederlandse"),), monitoren=30),
    Scenario("Terschelling", "medewerker.terschelling", "Handhaving/toezicht", 45, (ARBEID,), S.TERUGKOPPELING,
             "Seizoenskrachten van een strandpaviljoen slapen met zes in een caravan achter de keuken en werken "
             "elke dag van tien tot middernacht.", indicatoren=(I_WERKPLEK, I_LOON)),
    Scenario("Ooststellingwerf", "medewerker.ooststellingwerf", "Burgerzaken", 260, (ONB,), S.VERRIJKT,
             "Op een boerderij bij Oosterwolde staan elf mensen ingeschreven. Na een tweede melding over hetzelfde "
             "adres is het signaal heropend.", indicatoren=(I_ADRES,), geen_mensenhandel=True,
             doorverwijzing="Geen; inschrijvingen klopten toen", heropend=True),
    *DRIELUIK,
)
# fmt: on
