"""Normalising what a melder types about people, addresses and companies, so that spelling
variants of the same person, address or company give the same match key.

Pure functions, no database: the match keys (signalen/samenhang/sleutels.py) are built from them.
"""

import datetime
import re
import unicodedata

_NIET_LETTER = re.compile(r"[^a-z0-9 ]+")


def _basis(tekst: str) -> str:
    """Lower case, without diacritics and punctuation, single spaces."""
    zonder = unicodedata.normalize("NFKD", tekst).encode("ascii", "ignore").decode()
    return " ".join(_NIET_LETTER.sub(" ", zonder.lower()).split())


def achternaam(naam: str) -> str:
    """The surname without tussenvoegsels: "Jansen, Jan" and "J. Jansen" give "jansen"."""
    if "," in naam:
        naam = naam.split(",", 1)[0]
    delen = _basis(naam).split()
    return delen[-1] if delen else ""


def fonetisch(woord: str) -> str:
    """A sound-alike key of one word (Dutch spelling variants such as ij/y, dt/t, ss/s)."""
    return _basis(woord).replace("ij", "y").replace("dt", "t").replace("ss", "s").replace(" ", "")


def persoonssleutels(naam: str, geboortedatum: datetime.date | None) -> set[tuple[str, str]]:
    """Keys of a person: surname + birth date and sound-alike surname + birth date."""
    if not naam or geboortedatum is None:
        return set()
    achter = achternaam(naam)
    if not achter:
        return set()
    datum = geboortedatum.isoformat()
    return {("naam_geboortedatum", f"{achter}|{datum}"), ("fonetisch_geboortedatum", f"{fonetisch(achter)}|{datum}")}


def adressleutels(adres: str) -> set[tuple[str, str]]:
    """Keys of an address: postcode + huisnummer, and street + number + place."""
    if not adres:
        return set()
    return {("adres", _basis(adres))}


def telefoonsleutel(telefoon: str) -> str | None:
    cijfers = re.sub(r"\D", "", telefoon or "")
    return cijfers or None


def kvk_sleutel(kvk_nummer: str) -> str | None:
    cijfers = re.sub(r"\D", "", kvk_nummer or "")
    return cijfers if len(cijfers) == 8 else None


def bedrijfsnaamsleutel(bedrijfsnaam: str) -> str | None:
    return _basis(bedrijfsnaam) or None


def betrokkene_sleutels(
    *, naam: str, geboortedatum: datetime.date | None, adres: str, telefoon: str
) -> set[tuple[str, str]]:
    sleutels = persoonssleutels(naam, geboortedatum) | adressleutels(adres)
    if nummer := telefoonsleutel(telefoon):
        sleutels.add(("telefoon", nummer))
    return sleutels


def locatie_sleutels(*, adres: str, bedrijfsnaam: str, kvk_nummer: str) -> set[tuple[str, str]]:
    sleutels = adressleutels(adres)
    if kvk := kvk_sleutel(kvk_nummer):
        sleutels.add(("kvk", kvk))
    if naam := bedrijfsnaamsleutel(bedrijfsnaam):
        sleutels.add(("bedrijfsnaam", naam))
    return sleutels
