"""The fictitious texts of the demo history: a handful of templates per vorm and per step.

Every person, company and address is made up ("Voorbeeld", "Fictief", "Demoweg"); only the
names of towns are real. ``{plaats}``, ``{adres}`` and ``{aantal}`` are filled in per signal.
"""

from dataclasses import dataclass

from meldroute.models import Deling, Verrijking
from signalen.models import Betrokkene
from signalen.workflow import Afloop

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

SLACHTOFFER, DADER = Betrokkene.Rol.SLACHTOFFER, Betrokkene.Rol.DADER
BALIE, HANDHAVING, BOA, WIJKTEAM = "Balie", "Handhaving/toezicht", "BOA", "Sociaal wijkteam"
LEERPLICHT, KLANTMANAGER, BURGERZAKEN, ANDERS = "Leerplicht", "Klantmanager", "Burgerzaken", "Anders"


@dataclass(frozen=True)
class Sjabloon:
    tekst: str
    teams: tuple[str, ...]  # who typically sees this, the first most often
    indicatoren: tuple[str, ...] = ()
    slachtoffer: bool = False
    leeftijd: int | None = None  # the victim's age when the text names it
    dader: bool = False
    locatie: str = ""  # what the place is; empty: no locatie recorded


# fmt: off
OMSCHRIJVINGEN: dict[str, tuple[Sjabloon, ...]] = {
    SEKS: (
        Sjabloon("Buren melden dat bij een woning aan de {adres} 's avonds steeds andere mannen kort binnen zijn. Op "
                 "een advertentiesite staat een foto van dezelfde woonkamer.", (HANDHAVING, BOA), (I_ADVERTENTIE,),
                 locatie="Bovenwoning"),
        Sjabloon("Bij een controle van een massagesalon in {plaats} bleek dat de medewerksters boven de salon slapen. "
                 "Eén vrouw keek steeds naar de eigenaar voordat ze antwoord gaf.", (HANDHAVING, BOA),
                 (I_DWANG, I_CONTROLE, I_WERKPLEK), slachtoffer=True, dader=True, locatie="Massagesalon (fictief)"),
        Sjabloon("Een meisje van 16 uit {plaats} heeft volgens haar moeder een veel oudere 'vriend' die haar cadeaus "
                 "geeft en 's nachts ophaalt. Ze verzuimt en heeft een tweede telefoon.", (WIJKTEAM, LEERPLICHT),
                 (I_CONTROLE,), slachtoffer=True, leeftijd=16),
        Sjabloon("Een vrouw vroeg aan de balie een uittreksel aan. Een man deed het woord, hield haar paspoort vast en "
                 "wilde dat haar post naar zijn adres ging.", (BALIE, BURGERZAKEN), (I_ID, I_CONTROLE)),
        Sjabloon("Een cliënte vertelt dat ze via een kennis werk kreeg in een club en hem nog 'veel geld' schuldig is. "
                 "Ze wordt gebeld zodra ze niet thuis is.", (KLANTMANAGER, WIJKTEAM), (I_SCHULD, I_ANGST),
                 slachtoffer=True),
    ),
    ARBEID: (
        Sjabloon("Op één adres aan de {adres} staan {aantal} arbeidsmigranten ingeschreven. Volgens omwonenden worden "
                 "ze elke ochtend om vijf uur met een busje opgehaald.", (BURGERZAKEN, BALIE), (I_ADRES,),
                 locatie="Eengezinswoning"),
        Sjabloon("Bij een controle op een bedrijf in {plaats} sliepen {aantal} werknemers in een loods op het terrein. "
                 "Ze werken zes dagen per week en weten niet wat ze verdienen.", (HANDHAVING, BOA),
                 (I_WERKPLEK, I_LOON), locatie="Loods van Demobedrijf BV (fictief)"),
        Sjabloon("Een man vertelt dat zijn werkgever zijn paspoort 'bewaart' en de huur en het vervoer op zijn loon "
                 "inhoudt; er blijft vrijwel niets over.", (KLANTMANAGER, WIJKTEAM, BALIE), (I_ID, I_SCHULD, I_LOON),
                 slachtoffer=True),
        Sjabloon("In een nagelsalon in {plaats} werken steeds andere jonge vrouwen van opening tot sluiting. Ze "
                 "spreken geen Nederlands en gaan nooit alleen de deur uit.", (HANDHAVING, BOA), (I_CONTROLE, I_LOON)),
        Sjabloon("Seizoenswerkers van een teeltbedrijf bij {plaats} wonen in caravans zonder sanitair. De uitzender "
                 "houdt elke week een flink bedrag in voor huisvesting en vervoer.", (HANDHAVING, BURGERZAKEN),
                 (I_WERKPLEK, I_SCHULD), dader=True, locatie="Caravans op het erf van een teeltbedrijf (fictief)"),
    ),
    CRIMI: (
        Sjabloon("Een leerling van 14 uit {plaats} verzuimt steeds vaker. Hij heeft opeens dure kleding en brengt 's "
                 "avonds pakketjes rond 'voor een oudere jongen'.", (LEERPLICHT, WIJKTEAM), (I_MINDERJARIG,),
                 slachtoffer=True, leeftijd=14),
        Sjabloon("Een bijstandsgerechtigde kan niet uitleggen waarom elke maand geld naar een onbekende rekening gaat. "
                 "Een 'neef' vult alle formulieren voor haar in.", (KLANTMANAGER,), (I_UITKERING, I_CONTROLE)),
        Sjabloon("Een jongvolwassene met een licht verstandelijke beperking laat een nieuwe 'vriend' zijn DigiD en "
                 "bankpas beheren en moet voor hem 'klusjes' doen.", (WIJKTEAM, KLANTMANAGER),
                 (I_UITKERING, I_CONTROLE, I_ANGST), slachtoffer=True, leeftijd=20),
        Sjabloon("Bij een pand in {plaats} hangen steeds dezelfde jongeren rond; de jongste is 13 en fietst af en aan "
                 "met tasjes. Omwonenden vermoeden drugshandel.", (BOA, HANDHAVING), (I_MINDERJARIG,),
                 locatie="Leegstaand winkelpand"),
        Sjabloon("Een jongen van 17 wilde met een vreemd ogend identiteitsbewijs een adreswijziging doen 'voor een "
                 "vriend' die buiten bleef wachten.", (BALIE, BURGERZAKEN), (I_MINDERJARIG, I_CONTROLE)),
    ),
    ONB: (
        Sjabloon("In de BRP staan {aantal} personen ingeschreven op een kleine woning aan de {adres}. Bij een "
                 "adresonderzoek werd niet opengedaan.", (BURGERZAKEN, BALIE), (I_ADRES,), locatie="Woning"),
        Sjabloon("Een vrouw kwam aan de balie met een man die alle vragen voor haar beantwoordde. Ze had geen eigen "
                 "papieren bij zich en oogde angstig.", (BALIE, BURGERZAKEN), (I_ID, I_ANGST)),
        Sjabloon("Een buurtbewoner tipt dat bij een bedrijfspand in {plaats} 's nachts mensen worden afgezet en weer "
                 "opgehaald; er brandt de hele nacht licht.", (HANDHAVING, BOA, ANDERS), locatie="Bedrijfspand"),
        Sjabloon("Een cliënt zegt dat hij 'voor iemand moet werken' om een schuld af te lossen, maar wil niet "
                 "vertellen wat voor werk.", (WIJKTEAM, KLANTMANAGER), (I_SCHULD, I_ANGST), slachtoffer=True),
    ),
}
# fmt: on

# Acute: the melder calls the police first and reports it at once.
ACUUT: dict[str, Sjabloon] = {
    SEKS: Sjabloon(
        "Een jonge vrouw vroeg in paniek om hulp: ze wordt vastgehouden in een woning in {plaats} en moet met mannen "
        "mee. Politie is direct gebeld.",
        (BOA, BALIE, WIJKTEAM),
        (I_VRIJ, I_DWANG),
        slachtoffer=True,
    ),
    ARBEID: Sjabloon(
        "Een man met verwondingen aan zijn handen meldde zich: hij is weggelopen van een bedrijf bij {plaats} waar hij "
        "moest werken en slapen en niet weg mocht. Politie is gebeld.",
        (BALIE, HANDHAVING),
        (I_VRIJ, I_WERKPLEK, I_ANGST),
        slachtoffer=True,
    ),
    CRIMI: Sjabloon(
        "Een jongen van 15 durft niet naar huis: hij moet vanavond voor 'oudere jongens' een tas wegbrengen en is "
        "bedreigd. Politie en Veilig Thuis zijn gebeld.",
        (LEERPLICHT, WIJKTEAM, BOA),
        (I_MINDERJARIG, I_ANGST),
        slachtoffer=True,
        leeftijd=15,
    ),
    ONB: Sjabloon(
        "Een vrouw zonder papieren stond 's avonds bij het gemeentehuis in {plaats}; ze is weggestuurd uit de woning "
        "waar ze werkte en weet niet waar ze heen moet. Politie is gebeld.",
        (BOA, BALIE),
        (I_ID, I_ANGST),
    ),
}

STRATEN = ("Voorbeeldstraat", "Demoweg", "Fictieflaan", "Testkade", "Nepstraat", "Proefpad", "Verzonnenhof")
# Made-up people: (name, nationality).
SLACHTOFFERS = (
    ("Anna Voorbeeld", "Poolse"),
    ("Ion Fictiv", "Moldavische"),
    ("Maria Testova", "Bulgaarse"),
    ("Kevin Nepman", "Nederlandse"),
    ("Lina Fictief", "Oekraïense"),
    ("Sara Voorbeeldt", "Eritrese"),
    ("Tim Testmans", "Nederlandse"),
    ("Andrei Demovici", "Roemeense"),
)
DADERS = (("Rob Nepman", "Nederlandse"), ("Vasil Demov", "Bulgaarse"), ("Marco Fictivo", "Roemeense"))

VERRIJKINGEN: dict[str, tuple[tuple[str, str], ...]] = {
    SEKS: (
        (Verrijking.Bron.POLITIE, "Adres en telefoonnummer komen voor in eerdere meldingen bij de politie."),
        (Verrijking.Bron.HANDHAVING, "Geen vergunning voor seksbedrijf op dit adres; eerdere klachten over overlast."),
        (Verrijking.Bron.WIJKTEAM, "Wijkteam kent de betrokkene; zorgen over een nieuwe, oudere vriend."),
    ),
    ARBEID: (
        (Verrijking.Bron.KVK, "KvK: bedrijf korte tijd actief, bestuurder ook bestuurder van een uitzendbureau."),
        (Verrijking.Bron.BRP, "BRP: in een jaar meer dan twintig in- en uitschrijvingen op het adres."),
        (Verrijking.Bron.HANDHAVING, "Eerdere controle: huisvesting voldeed niet aan de eisen, geen vervolg."),
    ),
    CRIMI: (
        (Verrijking.Bron.WIJKTEAM, "Wijkteam kent het gezin; zorgen over schulden en verzuim."),
        (Verrijking.Bron.POLITIE, "Jongere is eerder aangehouden in een auto met een bekende dealer."),
        (Verrijking.Bron.BRP, "BRP: betrokkene staat ingeschreven op een adres waar hij niet woont."),
    ),
    ONB: (
        (Verrijking.Bron.BRP, "BRP: veel wisselende inschrijvingen op het adres in het afgelopen jaar."),
        (Verrijking.Bron.HANDHAVING, "Pand is eerder gecontroleerd; toen geen bijzonderheden."),
    ),
}
EXTRA_VERRIJKINGEN = (
    (Verrijking.Bron.KVK, "Eigenaar van het pand staat ook ingeschreven als bestuurder van twee bemiddelingsbureaus."),
    (Verrijking.Bron.ANDERS, "Woningcorporatie meldt overbewoning en wisselende bewoners."),
    (Verrijking.Bron.WIJKTEAM, "Wijkteam heeft de betrokkene gesproken; zij wil nog geen hulp."),
    (Verrijking.Bron.POLITIE, "Wijkagent herkent het kenteken van het busje uit een andere gemeente."),
)

BESLUITEN = (
    "Vermoeden van mensenhandel; AF schakelt het RIEC in.",
    "Signalen passen bij uitbuiting; politie en AF bereiden inbreng bij het RIEC voor.",
    "Samen met eerdere signalen over hetzelfde adres genoeg voor een vermoeden; naar het RIEC.",
)
VERMOEDENS = (
    "Meerdere indicatoren en bevestiging uit eigen bronnen.",
    "Afhankelijkheid van werkgever en huisvester; identiteitsbewijzen ingehouden.",
    "Patroon over meerdere adressen in de regio; dezelfde bemiddelaar.",
)
RESULTATEN = (
    "Besproken aan de regionale tafel mensenhandel; partners pakken het op.",
    "Ingebracht; politie start een verkennend onderzoek.",
    "Ingebracht; gezamenlijke controle van gemeente, politie en Arbeidsinspectie gepland.",
)
TERUGKOPPELINGEN = (
    "Dank voor uw melding. Het signaal is met de ketenpartners besproken en krijgt vervolg. Meer mogen wij niet "
    "delen; blijf alert en meld nieuwe signalen.",
    "Dank voor uw melding. Uw signaal heeft samen met andere signalen geleid tot actie van de ketenpartners.",
    "Dank voor uw melding. Het signaal is opgepakt; de betrokkene krijgt hulp. Blijf vooral melden.",
)
# (onderbouwing, terugkoppeling aan de melder, doorverwijzing)
GEEN_MENSENHANDEL = (
    (
        "Na verrijking en overleg onvoldoende aanwijzingen voor mensenhandel.",
        "Dank voor uw melding. Na onderzoek is geen vermoeden van mensenhandel vastgesteld. Blijf vooral melden.",
        "",
    ),
    (
        "Huisvesting voldoet aan de norm; werkgever en uitzendbureau zijn bekend en betrouwbaar.",
        "Dank voor uw melding. Er is geen sprake van mensenhandel; wel is een gesprek gevoerd met de werkgever.",
        "Geen; huisvesting voldoet aan de norm",
    ),
    (
        "Wel zorgen over de thuissituatie, geen aanwijzingen voor uitbuiting.",
        "Dank voor uw melding. Geen mensenhandel, wel een andere zorg; het signaal is doorgezet naar hulpverlening.",
        "Veilig Thuis",
    ),
    (
        "Arbeidsrechtelijke kwestie zonder dwang of afhankelijkheid.",
        "Dank voor uw melding. Geen vermoeden van mensenhandel; het signaal is doorgezet naar de juiste instantie.",
        "Nederlandse Arbeidsinspectie",
    ),
)
AFSLUITINGEN = {
    Afloop.ZORGTRAJECT: "Betrokkene is in een zorgtraject opgenomen.",
    Afloop.STRAFRECHTELIJK: "Politie en OM hebben het overgenomen.",
    Afloop.BESTUURLIJK: "Bestuurlijke aanpak na RIEC-weging: controle en sluiting.",
    Afloop.PROCESREGIE_ZVH: "Procesregie ligt bij het Zorg- en Veiligheidshuis.",
    Afloop.TERUGLEGGING: "Teruggelegd; geen verder vervolg vanuit de meldroute.",
}
HEROPENINGEN = (
    "Nieuw signaal over hetzelfde adres ontvangen.",
    "Politie meldt nieuwe informatie over de betrokkene.",
)
HERBEOORDELINGEN = (
    "Nog niet concreet genoeg; lopend signaal.",
    "Wachten op informatie van de politie.",
    "Opnieuw bekijken na de volgende controle.",
)
GRONDSLAGEN = {
    "politie": Deling.Grondslag.RIEC_CONVENANT,
    "pct": Deling.Grondslag.RIEC_CONVENANT,
    "riec": Deling.Grondslag.RIEC_CONVENANT,
    "zvh": Deling.Grondslag.PRIVACYPROTOCOL_ZVH,
    "zorgcoordinatie": Deling.Grondslag.PRIVACYPROTOCOL_ZVH,
    "veilig_thuis": Deling.Grondslag.MELDCODE,
}
DEELREDENEN = {
    "politie": "Besproken aan tafel; politie onderzoekt adres en betrokkenen.",
    "pct": "Prostitutie Controle Team plant een controle op het adres.",
    "riec": "Voor de weging en het informatieplein van het RIEC.",
    "zvh": "Procesregisseur stemt zorg en veiligheid af.",
    "zorgcoordinatie": "Zorgcoördinator zoekt contact met de betrokkene voor hulp en opvang.",
    "veilig_thuis": "Zorgen over een minderjarige; Veilig Thuis bekijkt de thuissituatie.",
}
# (tekst, voorgestelde afloop)
TERUGMELDINGEN = {
    "politie": (
        ("Adres gecontroleerd; twee personen gehoord, onderzoek loopt.", ""),
        ("Betrokkene heeft aangifte gedaan; zaak is bij de recherche.", Afloop.STRAFRECHTELIJK),
        ("Geen strafbare feiten vastgesteld; informatie verwerkt.", Afloop.TERUGLEGGING),
    ),
    "zorgcoordinatie": (
        ("Contact gelegd met de betrokkene; zij wil hulp en is aangemeld voor opvang.", Afloop.ZORGTRAJECT),
        ("Betrokkene wil (nog) geen hulp; we blijven bereikbaar.", ""),
    ),
}
TRAINING_ONDERWERPEN = (
    "Signalen van mensenhandel herkennen",
    "Arbeidsuitbuiting herkennen bij controles",
    "Loverboyproblematiek en seksuele uitbuiting",
    "Criminele uitbuiting van jongeren",
    "De interne meldroute: wat doe ik met een signaal?",
    "Signalen aan de balie en bij burgerzaken",
)
