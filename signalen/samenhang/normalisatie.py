"""Normalising what a melder types about people, addresses and companies, so that spelling
variants of the same person, address or company give the same match key.

Pure functions, no database: the match keys (signalen/samenhang/sleutels.py) are keyed hashes of
what these functions return. Every choice below is decided by Dutch examples; the examples are the
tests in tests/samenhang/test_normalisatie.py, the reasons are in docs/adr/0010-samenhangende-signalen.md.

Names
    ``achternaam`` is the written surname: lower case, without diacritics, punctuation, initials and
    tussenvoegsels, the last word of the surname ("Jan van der Berg", "J. v.d. Berg" and "Berg, Jan
    van der" all give "berg"). With a comma the part before it is the surname ("Jansen, Jan"); without
    one the surname is at the end ("Jan Jansen", "J. Jansen"), or before trailing initials and
    tussenvoegsels, as in a list ("Jansen J.", "Berg P.J. van den"). A double surname gives its last
    part ("Jansen-de Vries": "vries").
    ``fonetisch`` folds Dutch spelling variants of the sound: ij/y/ei/ey, uy/ui, au/ou, ae/aa, ph/f,
    th/t, ch/g, c/k/s, x/ks, q(u)/k(w), final d and dt/t, double letters ("Janssen" = "Jansen",
    "Meijer" = "Meyer" = "Meier", "Claessen" = "Klaassen", "Brandt" = "Brand" = "Brant").
Addresses
    One free text field. A postcode ("1621 AB", "1621ab") and the first house number with its
    toevoeging ("12a" = "12 A" = "12-a", "12-2", "12 bis") give ``postcode_huisnummer``. Street,
    number and place ("Kerkstr. 12, Hoorn" = "Kerkstraat 12 1621 AB Hoorn") give ``adres``; without a
    place there is no ``adres`` key (a street and number alone is a hundred addresses across the
    country; within the gemeente the plaintext comparison still finds it).
Phones
    E.164 with the ``phonenumbers`` library, default region NL; only numbers valid for their region.
KvK
    Exactly 8 digits, spaces and dots allowed in between.
Business names
    Lower case, without diacritics, punctuation and spaces; "&" and "+" are "en", "Zn." is "zonen",
    "Gebr." is "gebroeders"; legal forms (B.V., N.V., V.O.F., C.V., U.A., Ltd, GmbH, "i.o.") go,
    "holding" and "stichting" stay (they tell companies of one owner apart).
"""

import datetime
import re
import unicodedata

import phonenumbers

# Letters that Unicode does not decompose into an ASCII letter and a mark.
_LETTERS = str.maketrans(
    {"ı": "i", "ø": "o", "Ø": "O", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ß": "ss", "đ": "d", "Đ": "D"}
    | {"ł": "l", "Ł": "L", "þ": "th", "ð": "d", "ĳ": "ij", "Ĳ": "IJ"}
)
_NIET_LETTER = re.compile(r"[^a-z0-9 ]+")

# Dutch tussenvoegsels, also as a list writes them after the surname ("Berg van den, P."). Not the
# foreign particles "le", "du", "da", "el": those may be a surname themselves ("Li Du"), and before
# the surname they fall away anyway, as the surname is the last word.
TUSSENVOEGSELS = frozenset(
    {"van", "de", "der", "den", "het", "t", "ter", "ten", "te", "in", "op", "aan", "bij", "uit", "vd", "v", "d", "s"}
)


def _ascii(tekst: str) -> str:
    """Lower case, without diacritics ("Çelik" is "celik", "Søren" is "soren", a dotless i is an i)."""
    zonder = unicodedata.normalize("NFKD", tekst.translate(_LETTERS)).encode("ascii", "ignore").decode()
    return zonder.lower()


def _basis(tekst: str) -> str:
    """Lower case, without diacritics and punctuation, single spaces."""
    return " ".join(_NIET_LETTER.sub(" ", _ascii(tekst)).split())


# Names


def achternaam(naam: str) -> str:
    """The surname without tussenvoegsels: "Jansen, Jan", "J. Jansen" and "Jan van Jansen" give "jansen"."""
    tekst = _ascii(naam or "")
    komma = "," in tekst
    if komma:
        tekst = tekst.split(",", 1)[0]
    delen = [d for d in _basis(tekst).split() if not d.isdigit()]
    # Dutch tussenvoegsels after the surname ("Berg van den, P."), and without a comma initials
    # too, as in a list ("Berg P.J. van den", "Jansen J."). Tussenvoegsels before it fall away
    # because the surname is the last word.
    while len(delen) > 1 and (delen[-1] in TUSSENVOEGSELS or (not komma and len(delen[-1]) == 1)):
        delen.pop()
    if all(d in TUSSENVOEGSELS for d in delen):
        return ""
    return delen[-1]


# Ordered spelling rules of the sound-alike key; applied until nothing changes.
_KLANKREGELS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(patroon), vervanging)
    for patroon, vervanging in (
        (r"ij", "y"),
        (r"uy", "ui"),
        (r"e[iy]", "y"),
        (r"ae", "aa"),
        (r"au", "ou"),
        (r"ph", "f"),
        (r"th", "t"),
        (r"ch", "g"),
        (r"ck", "k"),
        (r"c(?=[eiy])", "s"),
        (r"c", "k"),
        (r"x", "ks"),
        (r"qu", "kw"),
        (r"q", "k"),
        (r"dt$", "t"),
        (r"d$", "t"),
        (r"([a-z])\1+", r"\1"),
    )
)


def fonetisch(woord: str) -> str:
    """A sound-alike key of a surname (Dutch spelling variants such as ij/y, dt/t, ss/s, ph/f)."""
    sleutel = _basis(woord).replace(" ", "")
    sleutel = re.sub(r"\d", "", sleutel)
    for _ in range(10):
        vorige = sleutel
        for patroon, vervanging in _KLANKREGELS:
            sleutel = patroon.sub(vervanging, sleutel)
        if sleutel == vorige:
            break
    return sleutel


def persoonssleutels(naam: str, geboortedatum: datetime.date | None) -> set[tuple[str, str]]:
    """Keys of a person: surname + birth date and sound-alike surname + birth date.

    Without a birth date there is no key: a surname alone is thousands of people.
    """
    if not naam or geboortedatum is None:
        return set()
    achter = achternaam(naam)
    if not achter:
        return set()
    datum = geboortedatum.isoformat()
    return {("naam_geboortedatum", f"{achter}|{datum}"), ("fonetisch_geboortedatum", f"{fonetisch(achter)}|{datum}")}


# Addresses

_POSTCODE = re.compile(r"(?<![a-z0-9])([1-9][0-9]{3}) ?([a-z]{2})(?![a-z0-9])")
# The first house number, with a toevoeging: "12a", "12 a", "12-a", "12-2", "12 bis".
_HUISNUMMER = re.compile(
    r"(?<![0-9])0*(?P<nummer>[1-9][0-9]{0,4})"
    r"(?:(?P<vast>[a-z]{1,3})|(?: ?- ?)(?P<streep>[a-z0-9]{1,4})|(?: )(?P<los>[a-z]{1,3}))?"
    r"(?![a-z0-9])"
)
# Toevoegingen written apart ("12 bis"); a single letter counts too, except the s of 's-Hertogenbosch
# and the t of 't Zand, and the articles that start a place name ("12 De Goorn").
_LOSSE_TOEVOEGINGEN = frozenset({"bis", "hs", "bg", "zw", "rd", "i", "ii", "iii", "iv"})
_GEEN_TOEVOEGING = frozenset({"s", "t", "de", "den", "het", "ter", "ten", "te"})
# Abbreviations at the end of a street name ("Kerkstr." = "Kerkstraat"), and whole abbreviated words.
# The longest first. Not "pln" for plein: "Kampln." is the Kamplaan.
_STRAATEINDEN = (
    ("plnts", "plantsoen"),
    ("sngl", "singel"),
    ("blvd", "boulevard"),
    ("str", "straat"),
    ("ln", "laan"),
    ("pl", "plein"),
    ("wg", "weg"),
    ("gr", "gracht"),
    ("kd", "kade"),
    ("dk", "dijk"),
    ("pd", "pad"),
)
_STRAATWOORDEN = {
    "burg": "burgemeester",
    "st": "sint",
    "prof": "professor",
    "dr": "dokter",
    "mr": "meester",
    "ds": "dominee",
    "kon": "koningin",
    "pr": "prins",
    "v": "van",
    "1e": "eerste",
    "2e": "tweede",
    "3e": "derde",
    "4e": "vierde",
    "5e": "vijfde",
}
# Words after the place that are not the place ("Hoorn NH", "Hoorn, Nederland").
_GEEN_PLAATS = frozenset({"nh", "nl", "nederland", "the", "netherlands", "gemeente", "gem"})


def _straat(woorden: list[str]) -> str:
    """The street as one word ("Burg. de Boerstr." and "Burgemeester de Boerstraat" are the same)."""
    delen = [_STRAATWOORDEN.get(w, w) for w in woorden]
    if delen:
        laatste = delen[-1]
        for kort, voluit in _STRAATEINDEN:
            if laatste.endswith(kort) and not laatste.endswith(voluit):
                delen[-1] = laatste[: -len(kort)] + voluit
                break
    return "".join(delen)


def _toevoeging(vast: str | None, streep: str | None, los: str | None) -> str:
    if vast:
        return vast
    if streep:
        return f"-{streep}" if streep.isdigit() else streep
    if los and los not in _GEEN_TOEVOEGING and (len(los) == 1 or los in _LOSSE_TOEVOEGINGEN):
        return los
    return ""


def adresdelen(adres: str) -> tuple[str, str, str, str]:
    """The (postcode, huisnummer with toevoeging, street, place) of a free text address, normalised;
    an empty string for what is not there."""
    tekst = _ascii(adres or "")
    # Apostrophes belong to the word ("'s-Gravenhage", "'t Zand"); the hyphen of "12-2" stays.
    tekst = re.sub(r"['`]", "", tekst)
    tekst = re.sub(r"[^a-z0-9\- ]+", " ", tekst)
    tekst = re.sub(r"(?<=[0-9]) ?- ?(?=[a-z0-9])", "\x00", tekst).replace("-", " ").replace("\x00", "-")
    tekst = " ".join(tekst.split())

    postcode = ""
    if gevonden := _POSTCODE.search(tekst):
        postcode = gevonden.group(1) + gevonden.group(2)
        tekst = f"{tekst[: gevonden.start()]} {tekst[gevonden.end() :]}"
        tekst = " ".join(tekst.split())

    # An ordinal at the start is part of the street ("1e Jan Steenstraat 12"), not the number.
    tekst = re.sub(r"^([1-9])e ", lambda m: _STRAATWOORDEN[f"{m.group(1)}e"] + " ", tekst)
    nummer = ""
    straat = ""
    plaats = ""
    if gevonden := _HUISNUMMER.search(tekst):
        toevoeging = _toevoeging(gevonden.group("vast"), gevonden.group("streep"), gevonden.group("los"))
        nummer = gevonden.group("nummer") + toevoeging
        # A word after the number that is no toevoeging belongs to the place ("12 De Goorn").
        los_is_plaats = not toevoeging and gevonden.group("los")
        rest = tekst[gevonden.start("los") :] if los_is_plaats else tekst[gevonden.end() :]
        straat = _straat(tekst[: gevonden.start()].replace("-", " ").split())
        plaats = " ".join(w for w in rest.replace("-", " ").split() if w not in _GEEN_PLAATS and not w.isdigit())
    return postcode, nummer, straat, plaats


def plaatsnaam(naam: str) -> str:
    """A place name (a gemeente's name) normalised as the place of an address is."""
    return adresdelen(f"Straat 1 {naam}")[3]


def adressleutels(adres: str, *, plaats_van_gemeente: str = "") -> set[tuple[str, str]]:
    """Keys of an address: postcode + huisnummer, and street + number + place.

    An address without a place ("Kerkstraat 12") in a signal of gemeente Hoorn is taken to be in
    Hoorn (``plaats_van_gemeente``): most are, and the key only says "mogelijk". Without it there
    is no street key: a street and number alone is a hundred addresses in the country.
    """
    if not adres:
        return set()
    postcode, nummer, straat, plaats = adresdelen(adres)
    plaats = plaats or (plaatsnaam(plaats_van_gemeente) if plaats_van_gemeente else "")
    sleutels: set[tuple[str, str]] = set()
    if postcode and nummer:
        sleutels.add(("postcode_huisnummer", f"{postcode}|{nummer}"))
    if straat and nummer and plaats:
        sleutels.add(("adres", f"{straat} {nummer} {plaats}"))
    return sleutels


# Phones, KvK, business names


def telefoonsleutel(telefoon: str) -> str | None:
    """The number in E.164 ("06-12345678", "+31 6 1234 5678" and "0031612345678" are "+31612345678")."""
    if not telefoon or not re.search(r"\d", telefoon):
        return None
    try:
        nummer = phonenumbers.parse(telefoon, "NL")
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(nummer):
        return None
    return phonenumbers.format_number(nummer, phonenumbers.PhoneNumberFormat.E164)


def kvk_sleutel(kvk_nummer: str) -> str | None:
    """The 8 digits of a KvK number ("1234 5678" and "12.34.56.78" too), or None."""
    tekst = (kvk_nummer or "").strip()
    if not re.fullmatch(r"[0-9][0-9 .]*", tekst):
        return None
    cijfers = re.sub(r"\D", "", tekst)
    return cijfers if len(cijfers) == 8 else None


RECHTSVORMEN = frozenset({"bv", "nv", "vof", "cv", "ua", "ba", "wa", "io", "ltd", "gmbh", "eenmanszaak"})
_BEDRIJFSWOORDEN = {"zn": "zonen", "gebr": "gebroeders"}


def bedrijfsnaamsleutel(bedrijfsnaam: str) -> str | None:
    """The business name without legal form, punctuation and spaces ("Jansen & Zn. B.V." is "jansenenzonen")."""
    tekst = _ascii(bedrijfsnaam or "").replace("&", " en ").replace("+", " en ")
    # Dots join the letters of an abbreviation: "B.V." is "bv", "V.O.F." is "vof".
    tekst = re.sub(r"(?<=\b[a-z])\.(?=[a-z]\b)", "", tekst)
    # Letters written apart are one abbreviation: "B V" is "bv".
    tekst = re.sub(r"\b([a-z])\b(?: \b([a-z])\b)+", lambda m: m.group(0).replace(" ", ""), _basis(tekst))
    woorden = [_BEDRIJFSWOORDEN.get(w, w) for w in tekst.split()]
    if len(woorden) >= 2 and woorden[-2:] == ["in", "oprichting"]:
        woorden = woorden[:-2]
    woorden = [w for w in woorden if w not in RECHTSVORMEN]
    sleutel = "".join(woorden)
    return sleutel if len(sleutel) >= 2 else None


def betrokkene_sleutels(
    *, naam: str, geboortedatum: datetime.date | None, adres: str, telefoon: str, gemeente: str = ""
) -> set[tuple[str, str]]:
    sleutels = persoonssleutels(naam, geboortedatum) | adressleutels(adres, plaats_van_gemeente=gemeente)
    if nummer := telefoonsleutel(telefoon):
        sleutels.add(("telefoon", nummer))
    return sleutels


def locatie_sleutels(*, adres: str, bedrijfsnaam: str, kvk_nummer: str, gemeente: str = "") -> set[tuple[str, str]]:
    sleutels = adressleutels(adres, plaats_van_gemeente=gemeente)
    if kvk := kvk_sleutel(kvk_nummer):
        sleutels.add(("kvk", kvk))
    if naam := bedrijfsnaamsleutel(bedrijfsnaam):
        sleutels.add(("bedrijfsnaam", naam))
    return sleutels
