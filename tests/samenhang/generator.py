"""A generated set of records about people, addresses and companies with known clusters, for
measuring the match keys (test_kwaliteit.py). Fixed seed: the same records on every run.

Each true person, address or company appears in one to four records, each written the way a
melder might: name order, initials, capitals, tussenvoegsel left out, a spelling variant of the
surname; an address with or without postcode or place, with the street abbreviated; phone and KvK
in several formats. A small share of records has a real mistake the normalisation cannot undo (a
typo in the surname, day and month swapped): they count against recall, as they would in practice.
Look-alikes that must not match are generated on purpose: the same name with another birth date,
a similar surname with the same birth date, twins (same surname and birth date: the keys cannot
tell them apart, they count against precision), the same street with another number, the same
number in a neighbouring postcode, the same street and number in another place.
"""

import datetime
import random
from dataclasses import dataclass

ZAAD = 13

VOORNAMEN = [
    "Jan", "Piet", "Kees", "Anna", "Maria", "Sanne", "Daan", "Lotte", "Ahmed", "Fatima", "Oksana", "Andrei",
    "Marek", "Ewa", "Mohamed", "Youssef", "Emma", "Noah", "Sophie", "Lucas", "Iwona", "Tomasz", "Bram", "Ines",
]  # fmt: skip
# Families of spellings of one surname (the first is the usual one), and surnames without variants.
FAMILIES = [
    ["Jansen", "Janssen"],
    ["Meijer", "Meyer", "Meier"],
    ["Huijgens", "Huygens"],
    ["Brandt", "Brand"],
    ["Claessen", "Klaassen"],
    ["Thijssen", "Tijssen"],
    ["Smit", "Smidt"],
    ["Reijnders", "Reynders"],
    ["Philips", "Filips"],
    ["Dekker", "Decker"],
    ["Heijden", "Heyden"],
    ["Bakker"],
    ["Visser"],
    ["Mulder"],
    ["Bos"],
    ["Vos"],
    ["Peters"],
    ["Hendriks"],
    ["Dijkstra"],
    ["Kowalski"],
    ["Nowak"],
    ["Melnyk"],
    ["El Amrani"],
    ["Yilmaz"],
    ["Çelik"],
    ["Popescu"],
]
TUSSENVOEGSELS = ["", "", "", "van", "de", "van der", "van den", "ter", "'t", "op de"]
# Surnames with the same birth date but another person: close, not the same.
LIJKT_OP = {"Jansen": "Janssens", "Bakker": "Backers", "Visser": "Vissers", "Smit": "Smits", "Bos": "Bosch"}

STRATEN = [
    ("Kerkstraat", "Kerkstr."), ("Stationslaan", "Stationsln."), ("Dijkweg", "Dijkwg."),
    ("Keizersgracht", "Keizersgr."), ("Oude Doelenkade", "Oude Doelenkd."), ("Noordersingel", "Noordersngl."),
    ("Marktplein", "Marktpl."), ("Westerdijk", "Westerdk."), ("Grote Noord", "Grote Noord"),
    ("Burgemeester de Boerstraat", "Burg. de Boerstr."), ("Molenweg", "Molenwg."), ("Schoolstraat", "Schoolstr."),
]  # fmt: skip
LETTERS = "ABCDEGHJKLMNPRTVWXZ"  # postcode letters
PLAATSEN = [("Hoorn", 1621), ("Enkhuizen", 1601), ("Zwaag", 1689), ("Medemblik", 1671), ("De Goorn", 1648)]
# Zwaag is a village of gemeente Hoorn, De Goorn one of Koggenland.
GEMEENTE_VAN = {
    "Hoorn": "Hoorn",
    "Enkhuizen": "Enkhuizen",
    "Zwaag": "Hoorn",
    "Medemblik": "Medemblik",
    "De Goorn": "Koggenland",
}
# One address in ten is reported in a signal of another gemeente.
ELDERS_GEMELD = 0.1

BEDRIJVEN = [
    "Schoonmaakbedrijf Glans",
    "Jansen en Zonen",
    "Massagesalon Lotus",
    "Uitzendbureau Flex",
    "Nagelstudio Top",
]


@dataclass(frozen=True)
class Persoonsrecord:
    persoon: int
    naam: str
    geboortedatum: datetime.date


@dataclass(frozen=True)
class Adresrecord:
    adres_id: int
    adres: str
    # The gemeente of the signal that holds the address: mostly the gemeente of its place.
    gemeente: str = ""


@dataclass(frozen=True)
class Bedrijfsrecord:
    bedrijf: int
    kvk_nummer: str
    telefoon: str
    bedrijfsnaam: str


def _geboortedatum(rng: random.Random) -> datetime.date:
    return datetime.date(1955, 1, 1) + datetime.timedelta(days=rng.randrange(50 * 365))


def _naamvorm(rng: random.Random, voor: str, tussen: str, achter: str) -> str:
    """One way of writing the name, as a melder might."""
    if rng.random() < 0.1:
        tussen = ""  # the tussenvoegsel left out
    vormen = [
        " ".join(d for d in (voor, tussen, achter) if d),
        " ".join(d for d in (f"{voor[0]}.", tussen, achter) if d),
        f"{achter}, {voor} {tussen}".strip(),
        f"{tussen} {achter}, {voor[0]}.".strip(),
        f"{achter} {voor[0]}. {tussen}".strip(),  # as in a list: "Berg P. van den"
        " ".join(d for d in (voor, tussen, achter) if d).upper(),
        " ".join(d for d in (voor, tussen, achter) if d).lower(),
    ]
    return rng.choice(vormen)


def _tikfout(rng: random.Random, woord: str) -> str:
    i = rng.randrange(1, len(woord))
    return woord[:i] + woord[i + 1 :] if rng.random() < 0.5 else woord[:i] + rng.choice("aeiou") + woord[i:]


def personen(rng: random.Random, aantal: int = 250) -> list[Persoonsrecord]:
    records: list[Persoonsrecord] = []
    volgende = 0

    def nieuw(voor: str, tussen: str, familie: list[str], geboren: datetime.date, keer: int) -> None:
        nonlocal volgende
        persoon = volgende
        volgende += 1
        for _ in range(keer):
            achter = familie[0] if rng.random() < 0.7 else rng.choice(familie)
            datum = geboren
            if rng.random() < 0.03:
                achter = _tikfout(rng, achter)
            if rng.random() < 0.02 and geboren.day <= 12 and geboren.day != geboren.month:
                datum = geboren.replace(day=geboren.month, month=geboren.day)
            records.append(Persoonsrecord(persoon, _naamvorm(rng, voor, tussen, achter), datum))

    for _ in range(aantal):
        familie = rng.choice(FAMILIES)
        nieuw(rng.choice(VOORNAMEN), rng.choice(TUSSENVOEGSELS), familie, _geboortedatum(rng), rng.randint(1, 4))
    # Look-alikes: the same name with another birth date, a close surname with the same birth date.
    for _ in range(40):
        voor, familie, geboren = rng.choice(VOORNAMEN), rng.choice(FAMILIES), _geboortedatum(rng)
        nieuw(voor, "", familie, geboren, rng.randint(1, 2))
        nieuw(voor, "", familie, geboren + datetime.timedelta(days=rng.choice([1, 365, 31, -1])), rng.randint(1, 2))
    for achter, ander in LIJKT_OP.items():
        geboren = _geboortedatum(rng)
        nieuw(rng.choice(VOORNAMEN), "", [achter], geboren, 2)
        nieuw(rng.choice(VOORNAMEN), "", [ander], geboren, 2)
    # Twins: two people the keys cannot tell apart.
    for _ in range(2):
        familie, geboren = rng.choice(FAMILIES), _geboortedatum(rng)
        nieuw("Sanne", "", familie[:1], geboren, 1)
        nieuw("Daan", "", familie[:1], geboren, 1)
    return records


def _adresvorm(rng: random.Random, straat: tuple[str, str], nummer: str, postcode: str, plaats: str) -> str:
    voluit, kort = straat
    if rng.random() < 0.03:  # a typo in the street name
        voluit = kort = _tikfout(rng, voluit)
    pc = rng.choice([postcode, postcode.replace(" ", ""), postcode.lower()])
    vormen = [
        (0.30, f"{voluit} {nummer}, {pc} {plaats}"),
        (0.25, f"{voluit} {nummer}, {plaats}"),
        (0.20, f"{kort} {nummer} {plaats}"),
        (0.04, f"{kort.lower()} {nummer} {pc} {plaats.upper()}"),
        (0.04, f"{voluit}{nummer} {plaats}"),  # no space before the number
        (0.10, f"{pc} {nummer}"),
        (0.07, f"{voluit} {nummer}"),  # without a place: no street key
    ]
    keuze = rng.random()
    for kans, vorm in vormen:
        if keuze < kans:
            return vorm
        keuze -= kans
    return vormen[0][1]


def adressen(rng: random.Random, aantal: int = 200) -> list[Adresrecord]:
    records: list[Adresrecord] = []
    # Each street in each place has its own postcode letters; look-alikes take the neighbouring letters.
    letters = {(s, p): "".join(rng.choice(LETTERS) for _ in range(2)) for s, _ in STRATEN for p, _ in PLAATSEN}
    gezien: set[tuple[str, str, str]] = set()
    volgende = 0
    # Its own stream, so the addresses themselves are those of the other tests.
    gemeenten = random.Random(ZAAD * 7)
    alle_gemeenten = sorted(set(GEMEENTE_VAN.values()))

    def gemeente_van(plaats: str) -> str:
        if gemeenten.random() < ELDERS_GEMELD:
            return gemeenten.choice([g for g in alle_gemeenten if g != GEMEENTE_VAN[plaats]])
        return GEMEENTE_VAN[plaats]

    def nieuw(straat: tuple[str, str], nummer: str, plaats: tuple[str, int], keer: int, buur: bool = False) -> None:
        nonlocal volgende
        if (straat[0], nummer, plaats[0]) in gezien:
            return
        gezien.add((straat[0], nummer, plaats[0]))
        code = letters[(straat[0], plaats[0])]
        if buur:
            code = code[0] + LETTERS[(LETTERS.index(code[1]) + 1) % len(LETTERS)]
        postcode = f"{plaats[1]} {code}"
        for _ in range(keer):
            adres = _adresvorm(rng, straat, nummer, postcode, plaats[0])
            records.append(Adresrecord(volgende, adres, gemeente_van(plaats[0])))
        volgende += 1

    for _ in range(aantal):
        straat, plaats = rng.choice(STRATEN), rng.choice(PLAATSEN)
        nummer = str(rng.randint(1, 150)) + rng.choice(["", "", "", "", "a", "-2"])
        nieuw(straat, nummer, plaats, rng.randint(1, 4))
        keuze = rng.random()
        if keuze < 0.15:  # the same street, another number
            nieuw(straat, str(rng.randint(151, 300)), plaats, rng.randint(1, 2))
        elif keuze < 0.25:  # the same street and number in another place
            nieuw(straat, nummer, rng.choice([p for p in PLAATSEN if p != plaats]), rng.randint(1, 2))
        elif keuze < 0.35:  # the same number in the neighbouring postcode (another street)
            ander = rng.choice([s for s in STRATEN if s != straat])
            nieuw(ander, nummer, plaats, rng.randint(1, 2), buur=True)
    return records


def _telefoonvorm(rng: random.Random, cijfers: str) -> str:
    return rng.choice(
        [
            f"06-{cijfers}",
            f"06 {cijfers[:2]} {cijfers[2:4]} {cijfers[4:6]} {cijfers[6:]}",
            f"+31 6 {cijfers[:4]} {cijfers[4:]}",
            f"00316{cijfers}",
            f"+31 (0)6 {cijfers}",
        ]
    )


def bedrijven(rng: random.Random, aantal: int = 60) -> list[Bedrijfsrecord]:
    records: list[Bedrijfsrecord] = []
    for bedrijf in range(aantal):
        kvk = f"{rng.randrange(10**7, 10**8)}"
        telefoon = f"{rng.randint(1, 5)}{rng.randrange(10**7):07d}"  # 06-1 to 06-5: mobile numbers
        naam = f"{rng.choice(BEDRIJVEN)} {bedrijf}"
        for _ in range(rng.randint(1, 3)):
            vorm = rng.choice([naam, f"{naam} B.V.", f"{naam.upper()} BV", naam.replace(" en ", " & ")])
            kvk_vorm = rng.choice([kvk, f"{kvk[:4]} {kvk[4:]}"])
            records.append(Bedrijfsrecord(bedrijf, kvk_vorm, _telefoonvorm(rng, telefoon), vorm))
    return records
