"""The normalisation of Dutch names, addresses, phones, KvK numbers and business names: the
examples that decided each rule, and properties over generated input (hypothesis)."""

import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from signalen.samenhang.normalisatie import (
    TUSSENVOEGSELS,
    achternaam,
    adresdelen,
    adressleutels,
    bedrijfsnaamsleutel,
    betrokkene_sleutels,
    fonetisch,
    kvk_sleutel,
    locatie_sleutels,
    persoonssleutels,
    telefoonsleutel,
)

# Names


@pytest.mark.parametrize(
    ("naam", "sleutel"),
    [
        ("Jan Jansen", "jansen"),
        ("J. Jansen", "jansen"),
        ("J.Jansen", "jansen"),
        ("Jansen, Jan", "jansen"),
        ("Jansen J.", "jansen"),
        ("Berg P.J. van den", "berg"),
        ("Hart K. 't", "hart"),
        ("Berg van den, P.", "berg"),
        ("Li Du", "du"),
        ("Du, Li", "du"),
        ("JAN  JANSEN", "jansen"),
        ("Jan van Jansen", "jansen"),
        ("Petra van der Berg", "berg"),
        ("Petra v.d. Berg", "berg"),
        ("Berg, Petra van der", "berg"),
        ("van der Berg, P.", "berg"),
        ("Kees 't Hart", "hart"),
        ("Hart, Kees in 't", "hart"),
        ("Anna op de Beek", "beek"),
        ("Anna ter Horst", "horst"),
        ("Ahmed El Amrani", "amrani"),
        ("Jan Jansen-de Vries", "vries"),
        ("Zoë Çelik", "celik"),
        ("Yıldız Öztürk", "ozturk"),
        ("Søren Ødegård", "odegard"),
        ("Jansen", "jansen"),
        ("", ""),
        ("J.", "j"),
        ("van der", ""),
    ],
)
def test_the_surname_is_the_last_word_without_tussenvoegsels_initials_or_diacritics(naam: str, sleutel: str) -> None:
    assert achternaam(naam) == sleutel


@pytest.mark.parametrize(
    "varianten",
    [
        ["Jansen", "Janssen", "Jansssen"],
        ["Meijer", "Meyer", "Meier", "Mijer"],
        ["Huijgens", "Huygens", "Huigens"],
        ["Claessen", "Klaassen", "Klaasen"],
        ["Brandt", "Brand", "Brant"],
        ["Smidt", "Smit", "Smitt"],
        ["Thijssen", "Tijssen", "Thyssen"],
        ["Philips", "Filips"],
        ["Paulussen", "Poulussen"],
        ["Reinders", "Reijnders", "Reynders"],
        ["Bax", "Baks"],
        ["Dekker", "Decker"],
        ["Lochem", "Logem"],
        ["Çelik", "Celik", "Selik"],
    ],
)
def test_spelling_variants_of_a_surname_sound_the_same(varianten: list[str]) -> None:
    assert len({fonetisch(achternaam(v)) for v in varianten}) == 1, [fonetisch(v) for v in varianten]


@pytest.mark.parametrize(
    ("een", "ander"),
    [
        ("Jansen", "Janssens"),
        ("Jansen", "Hansen"),
        ("Bakker", "Backer-Smit"),
        ("de Vries", "de Wit"),
        ("Smit", "Schmidt"),
    ],
)
def test_other_surnames_keep_another_sound(een: str, ander: str) -> None:
    assert fonetisch(achternaam(een)) != fonetisch(achternaam(ander))


def test_a_person_has_two_keys_with_the_birth_date_and_none_without_it() -> None:
    geboren = datetime.date(1990, 5, 17)
    assert persoonssleutels("J. Janssen", geboren) == {
        ("naam_geboortedatum", "janssen|1990-05-17"),
        ("fonetisch_geboortedatum", "jansen|1990-05-17"),
    }
    assert persoonssleutels("Jan Jansen", None) == set()
    assert persoonssleutels("", geboren) == set()
    assert persoonssleutels("van der", geboren) == set()


# Addresses


@pytest.mark.parametrize(
    ("adres", "delen"),
    [
        ("Kerkstraat 12, 1621 AB Hoorn", ("1621ab", "12", "kerkstraat", "hoorn")),
        ("Kerkstr. 12 Hoorn", ("", "12", "kerkstraat", "hoorn")),
        ("kerkstr 12, hoorn", ("", "12", "kerkstraat", "hoorn")),
        ("Kerkstraat 12 1621AB Hoorn", ("1621ab", "12", "kerkstraat", "hoorn")),
        ("1621ab 12", ("1621ab", "12", "", "")),
        ("1621 AB, 12", ("1621ab", "12", "", "")),
        ("Kerkstraat 12a, Hoorn", ("", "12a", "kerkstraat", "hoorn")),
        ("Kerkstraat 12 A Hoorn", ("", "12a", "kerkstraat", "hoorn")),
        ("Kerkstraat 12-A Hoorn", ("", "12a", "kerkstraat", "hoorn")),
        ("Kerkstraat 12-2 Hoorn", ("", "12-2", "kerkstraat", "hoorn")),
        ("Kerkstraat 12 - 2, 1621AB Hoorn", ("1621ab", "12-2", "kerkstraat", "hoorn")),
        ("Kerkstraat 12 bis Hoorn", ("", "12bis", "kerkstraat", "hoorn")),
        ("Kerkstraat 012 Hoorn", ("", "12", "kerkstraat", "hoorn")),
        ("Dorpsstraat 12 De Goorn", ("", "12", "dorpsstraat", "de goorn")),
        ("Kerkstraat 12 's-Hertogenbosch", ("", "12", "kerkstraat", "s hertogenbosch")),
        ("1e Jan Steenstraat 12 Amsterdam", ("", "12", "eerstejansteenstraat", "amsterdam")),
        ("Burg. de Boerstr. 3, Hoorn (NH)", ("", "3", "burgemeesterdeboerstraat", "hoorn")),
        ("Stationsln. 5 Enkhuizen", ("", "5", "stationslaan", "enkhuizen")),
        ("Marktpl. 4 Enkhuizen", ("", "4", "marktplein", "enkhuizen")),
        ("Kampln. 4 Enkhuizen", ("", "4", "kamplaan", "enkhuizen")),
        ("Keizersgr. 100 Amsterdam", ("", "100", "keizersgracht", "amsterdam")),
        ("Oude Doelenkd. 7 Hoorn", ("", "7", "oudedoelenkade", "hoorn")),
        ("Noorder Sngl. 9 Hoorn", ("", "9", "noordersingel", "hoorn")),
        ("Westerdk 2 Hoorn", ("", "2", "westerdijk", "hoorn")),
        ("Dijkwg. 3 Zwaag", ("", "3", "dijkweg", "zwaag")),
        ("Kerkstraat 12", ("", "12", "kerkstraat", "")),
        ("in de bus bij het station", ("", "", "", "")),
    ],
)
def test_an_address_is_split_into_postcode_number_street_and_place(adres: str, delen: tuple[str, ...]) -> None:
    assert adresdelen(adres) == delen


def test_an_address_gives_the_postcode_key_and_with_a_place_the_street_key() -> None:
    assert adressleutels("Kerkstr. 12a, 1621 AB Hoorn") == {
        ("postcode_huisnummer", "1621ab|12a"),
        ("adres", "kerkstraat 12a hoorn"),
    }
    assert adressleutels("1621AB 12") == {("postcode_huisnummer", "1621ab|12")}
    # Without a place a street and number are too common across the country for a key.
    assert adressleutels("Kerkstraat 12") == set()
    assert adressleutels("") == set()


def test_an_address_without_a_place_is_taken_to_be_in_the_gemeente_of_the_signal() -> None:
    assert adressleutels("Kerkstraat 12", plaats_van_gemeente="Hoorn") == {("adres", "kerkstraat 12 hoorn")}
    assert adressleutels("Kerkstr. 12", plaats_van_gemeente="'s-Hertogenbosch") == {
        ("adres", "kerkstraat 12 s hertogenbosch")
    }
    assert adressleutels("Kerkstraat 12, Hoorn", plaats_van_gemeente="Hoorn") == adressleutels("Kerkstraat 12 Hoorn")
    # A place in the address wins: Zwaag is in gemeente Hoorn.
    assert adressleutels("Kerkstraat 12 Zwaag", plaats_van_gemeente="Hoorn") == {("adres", "kerkstraat 12 zwaag")}
    # A postcode alone gives no street, so no street key.
    assert adressleutels("1621AB 12", plaats_van_gemeente="Hoorn") == {("postcode_huisnummer", "1621ab|12")}


@pytest.mark.parametrize(
    ("een", "ander"),
    [
        ("Kerkstraat 12 Hoorn", "Kerkstraat 14 Hoorn"),
        ("Kerkstraat 12 Hoorn", "Kerkstraat 12 Enkhuizen"),
        ("Kerkstraat 12 Hoorn", "Kerkstraat 12b Hoorn"),
        ("Kerkstraat 12-1 Hoorn", "Kerkstraat 12-2 Hoorn"),
        ("1621 AB 12", "1621 AC 12"),
        ("Kerkstraat 12 Hoorn", "Kerkplein 12 Hoorn"),
    ],
)
def test_neighbouring_addresses_share_no_key(een: str, ander: str) -> None:
    assert not adressleutels(een) & adressleutels(ander)


# Phones, KvK, business names


@pytest.mark.parametrize(
    "nummer", ["06-12345678", "06 12 34 56 78", "+31 6 1234 5678", "+31 (0)6 12345678", "0031612345678", "0612345678"]
)
def test_every_way_of_writing_a_dutch_mobile_number_is_one_e164_number(nummer: str) -> None:
    assert telefoonsleutel(nummer) == "+31612345678"


@pytest.mark.parametrize(
    ("nummer", "sleutel"),
    [
        ("0229-123456", "+31229123456"),
        ("+32 470 12 34 56", "+32470123456"),
        ("06 1234 567", None),
        ("12345", None),
        ("onbekend", None),
        ("", None),
    ],
)
def test_a_landline_and_a_foreign_number_are_kept_and_an_invalid_number_gives_no_key(
    nummer: str, sleutel: str | None
) -> None:
    assert telefoonsleutel(nummer) == sleutel


@pytest.mark.parametrize(
    ("kvk", "sleutel"),
    [
        ("12345678", "12345678"),
        ("1234 5678", "12345678"),
        ("01234567", "01234567"),
        ("1234567", None),
        ("123456789", None),
        ("", None),
        ("KvK onbekend", None),
    ],
)
def test_a_kvk_number_is_exactly_eight_digits(kvk: str, sleutel: str | None) -> None:
    assert kvk_sleutel(kvk) == sleutel


@pytest.mark.parametrize(
    ("namen", "sleutel"),
    [
        (["Jansen & Zn. B.V.", "Jansen en Zonen BV", "JANSEN EN ZONEN B.V.", "Jansen + Zonen b v"], "jansenenzonen"),
        (["Schoonmaakbedrijf Glans V.O.F.", "Schoonmaakbedrijf Glans vof", "schoonmaak-bedrijf glans"], None),
        (["Gebr. Bakker N.V.", "Gebroeders Bakker"], "gebroedersbakker"),
        (["Holding Jansen B.V."], "holdingjansen"),
        (["Massagesalon Lotus i.o.", "Massagesalon Lotus in oprichting"], "massagesalonlotus"),
        (["Café 't Hoekje", "Cafe t Hoekje"], "cafethoekje"),
    ],
)
def test_a_business_name_loses_its_legal_form_punctuation_and_case(namen: list[str], sleutel: str | None) -> None:
    sleutels = {bedrijfsnaamsleutel(naam) for naam in namen}
    assert len(sleutels) == 1
    if sleutel is not None:
        assert sleutels == {sleutel}


def test_holding_and_the_company_stay_apart() -> None:
    assert bedrijfsnaamsleutel("Holding Jansen B.V.") != bedrijfsnaamsleutel("Jansen B.V.")
    assert bedrijfsnaamsleutel("B.V.") is None


def test_betrokkene_and_locatie_keys_combine_every_kind() -> None:
    assert betrokkene_sleutels(
        naam="Jansen, Jan", geboortedatum=datetime.date(1990, 5, 17), adres="1621AB 12", telefoon="06-12345678"
    ) == {
        ("naam_geboortedatum", "jansen|1990-05-17"),
        ("fonetisch_geboortedatum", "jansen|1990-05-17"),
        ("postcode_huisnummer", "1621ab|12"),
        ("telefoon", "+31612345678"),
    }
    assert locatie_sleutels(adres="Dijkweg 3 Zwaag", bedrijfsnaam="Glans B.V.", kvk_nummer="12345678") == {
        ("adres", "dijkweg 3 zwaag"),
        ("kvk", "12345678"),
        ("bedrijfsnaam", "glans"),
    }


# Properties

DIACRITISCH = {"a": "á", "e": "ë", "i": "ï", "o": "ö", "u": "ü", "c": "ç", "n": "ñ"}
# A surname is not a tussenvoegsel ("da", "van" alone are not a name this module can read).
woord = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=2, max_size=12).filter(
    lambda w: w not in TUSSENVOEGSELS
)
voornaam = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=2, max_size=8)
tussenvoegsel = st.sampled_from(["", "van", "de", "van der", "van den", "ter", "'t", "in 't", "op de"])
vrije_tekst = st.text(max_size=40)


def _variant(tekst: str, hoofdletters: list[bool], accenten: list[bool], spaties: int) -> str:
    """The same text with other capitals, accents on some letters and more spaces."""
    uit = []
    for i, teken in enumerate(tekst):
        if accenten[i % len(accenten)] and teken in DIACRITISCH:
            teken = DIACRITISCH[teken]
        uit.append(teken.upper() if hoofdletters[i % len(hoofdletters)] else teken)
    return (" " * spaties).join("".join(uit).split(" ")).center(len(tekst) + 2 * spaties)


@settings(max_examples=50, deadline=None)
@given(vrije_tekst)
def test_every_normalisation_is_idempotent_on_any_text(tekst: str) -> None:
    assert achternaam(achternaam(tekst)) == achternaam(tekst)
    assert fonetisch(fonetisch(tekst)) == fonetisch(tekst)
    sleutel = bedrijfsnaamsleutel(tekst)
    assert sleutel is None or bedrijfsnaamsleutel(sleutel) == sleutel
    assert telefoonsleutel(telefoonsleutel(tekst) or "") == telefoonsleutel(tekst)
    postcode, nummer, straat, plaats = adresdelen(tekst)
    # For what looks like an address: a place of letters that cannot be read as a toevoeging.
    if straat.isalpha() and plaats.replace(" ", "").isalpha() and len(plaats.split()[0]) > 3:
        assert adresdelen(f"{straat} {nummer} {postcode} {plaats}") == (postcode, nummer, straat, plaats)


@settings(max_examples=50, deadline=None)
@given(
    voornaam,
    tussenvoegsel,
    woord,
    st.lists(st.booleans(), min_size=1, max_size=5),
    st.lists(st.booleans(), min_size=1, max_size=5),
    st.integers(1, 3),
)
def test_a_name_gives_the_same_keys_whatever_the_case_accents_spaces_or_order(
    voor: str, tussen: str, achter: str, hoofdletters: list[bool], accenten: list[bool], spaties: int
) -> None:
    geboren = datetime.date(1990, 5, 17)
    naam = " ".join(d for d in (voor, tussen, achter) if d)
    verwacht = persoonssleutels(naam, geboren)
    assert verwacht  # a surname of two or more letters always gives keys
    varianten = [
        _variant(naam, hoofdletters, accenten, spaties),
        f"{achter}, {voor} {tussen}".strip(),  # "Jansen, Jan van"
        f"{tussen} {achter}, {voor}".strip(),  # "van Jansen, Jan"
        f"{voor[0]}. {tussen} {achter}",  # "J. van Jansen"
        f"{voor[0].upper()}. {achter.capitalize()}",  # "J. Jansen": the tussenvoegsel left out
        f"{achter} {voor[0]}. {tussen}".strip(),  # "Jansen J. van", as in a list
    ]
    for variant in varianten:
        assert persoonssleutels(variant, geboren) == verwacht, variant


@settings(max_examples=50, deadline=None)
@given(
    woord,
    st.sampled_from(["straat", "str.", "laan", "ln.", "weg", "wg.", "gracht", "gr.", "kade", "kd.", "singel", "sngl."]),
    st.integers(1, 999),
    st.sampled_from(["", "a", "B", "-2", " bis"]),
    st.sampled_from(["hoorn", "enkhuizen", "de goorn", "zwaag"]),
    st.lists(st.booleans(), min_size=1, max_size=5),
    st.integers(1, 3),
)
def test_an_address_gives_the_same_keys_whatever_the_case_spaces_or_abbreviation(
    stam: str, einde: str, nummer: int, toevoeging: str, plaats: str, hoofdletters: list[bool], spaties: int
) -> None:
    voluit = {"str.": "straat", "ln.": "laan", "wg.": "weg", "gr.": "gracht", "kd.": "kade", "sngl.": "singel"}
    adres = f"{stam}{voluit.get(einde, einde)} {nummer}{toevoeging}, {plaats}"
    verwacht = adressleutels(adres)
    assert {soort for soort, _ in verwacht} == {"adres"}
    assert adressleutels(f"{stam}{einde} {nummer}{toevoeging} {plaats}") == verwacht
    assert adressleutels(_variant(adres, hoofdletters, [False], spaties)) == verwacht
