"""Anonymised export of signals for CoMensha and the Zorg- en Veiligheidshuis, k-anonymous on its quasi-identifiers.

Each row is one signal. Gebied, leeftijd, nationaliteit and periode are the quasi-identifiers: a reader who knows a
person can know where they live, roughly how old they are, where they come from and when they were seen, and could
single out their row if that combination were rare. Vormen, stap and afloop are the attributes CoMensha counts; they
are never generalised, because a coarser vorm or afloop would make the export useless for the registration it feeds.
This is a deliberate trade-off: k-anonymity does not stop a reader from learning the afloop of a class whose five rows
all share it (no l-diversity), so the export is meant for the trusted receivers named above, not for publication.

The quasi-identifiers are generalised full-domain along one fixed ladder: each step is applied to all rows at once, so
a column means the same thing in every row and the receivers can add rows up without mixing levels. Before each next
step we count the rows in classes smaller than k; once that is at most max(1, 5% of the rows) we stop and suppress
those rows, because removing a few signals costs the receivers less than coarsening every signal. After the last step
whatever is still too small is suppressed regardless. With fewer than k records in total no combination can reach k,
so everything is suppressed without generalising.
"""

import dataclasses
import datetime
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from evaluatie.onderdrukking import getal

K = 5
MAX_WEGLATEN_PROCENT = 5

KOLOMMEN = ["Vormen", "Gebied", "Leeftijd", "Nationaliteit", "Stap", "Afloop", "Periode"]

# Each fine age band with its coarse and its coarsest band, so that one table holds the whole age hierarchy.
LEEFTIJDEN_FIJN: dict[str, tuple[str, str]] = {
    "0-17": ("minderjarig", "minderjarig"),
    "18-22": ("18-29", "volwassen"),
    "23-29": ("18-29", "volwassen"),
    "30-39": ("30+", "volwassen"),
    "40-49": ("30+", "volwassen"),
    "50+": ("30+", "volwassen"),
    "onbekend": ("onbekend", "onbekend"),
}

# Each fine nationality group with its coarse group.
NATIONALITEITEN: dict[str, str] = {
    "Nederlands": "Nederlands",
    "EU": "niet-Nederlands",
    "buiten de EU": "niet-Nederlands",
    "onbekend": "onbekend",
}

# The ladder as (quasi-identifier, level it reaches, sentence for the verantwoording), in the order it is climbed.
# Period and age come first because they cost the receivers least; the area and nationality are kept longest.
LADDER: tuple[tuple[str, int, str], ...] = (
    ("periode", 1, "Periode gegeneraliseerd van maand naar kwartaal."),
    ("leeftijd", 1, "Leeftijd gegeneraliseerd naar de groepen minderjarig, 18-29 en 30+."),
    ("gebied", 1, "Gemeente vervangen door regio."),
    ("periode", 2, "Periode gegeneraliseerd van kwartaal naar jaar."),
    ("nationaliteit", 1, "Nationaliteit gegeneraliseerd naar Nederlands en niet-Nederlands."),
    ("leeftijd", 2, "Leeftijd gegeneraliseerd naar minderjarig en volwassen."),
)

QUASI_IDENTIFIERS = (
    "Gebied, leeftijd, nationaliteit en periode zijn behandeld als herleidbare kenmerken; "
    "vormen, stap en afloop worden geteld en zijn niet veranderd."
)

_Sleutel = tuple[str, str, str, str]


@dataclass(frozen=True)
class Record:
    """One signal as the caller reads it from the facts table, with the first possible victim's age and origin."""

    vormen: str
    gemeente: str
    regio: str
    leeftijd: str
    nationaliteit: str
    stap: str
    afloop: str
    maand: datetime.date


@dataclass(frozen=True)
class Uitkomst:
    """The anonymised table with the account of how it was made, so the receivers know what each column means."""

    kolommen: list[str]
    rijen: list[list[str]]
    verantwoording: list[str]
    weggelaten: int


@dataclass(frozen=True)
class _Niveaus:
    """How far each quasi-identifier has been generalised; 0 keeps the original detail."""

    gebied: int = 0
    leeftijd: int = 0
    nationaliteit: int = 0
    periode: int = 0


def anonimiseren(records: Sequence[Record], *, k: int = K) -> Uitkomst:
    """Return the records generalised and suppressed so that every quasi-identifier combination occurs k times."""
    if k < 1:
        raise ValueError(f"k moet minstens 1 zijn, niet {k}.")
    for record in records:
        _controleren(record)
    totaal = len(records)
    if totaal == 0:
        return Uitkomst(list(KOLOMMEN), [], ["Er waren geen signalen om te exporteren."], 0)
    verantwoording = [QUASI_IDENTIFIERS]
    if totaal < k:
        verantwoording.append(
            f"{'De enige regel' if totaal == 1 else f'Alle {getal(totaal)} regels'} weggelaten "
            f"omdat er in totaal minder dan {k} signalen waren, "
            f"zodat geen combinatie {k} keer kon voorkomen."
        )
        verantwoording.append("Er blijven geen regels over om te exporteren.")
        return Uitkomst(list(KOLOMMEN), [], verantwoording, totaal)

    toegestaan = max(1, totaal * MAX_WEGLATEN_PROCENT // 100)
    niveaus = _Niveaus()
    sleutels = [_sleutel(record, niveaus) for record in records]
    vroeg_gestopt = False
    for veld, niveau, zin in LADDER:
        if _in_kleine_klassen(sleutels, k) <= toegestaan:
            vroeg_gestopt = True
            break
        niveaus = dataclasses.replace(niveaus, **{veld: niveau})
        sleutels = [_sleutel(record, niveaus) for record in records]
        verantwoording.append(zin)
    if len(verantwoording) == 1:
        verantwoording.append("Niets gegeneraliseerd: alle kenmerken staan op het fijnste niveau.")

    tellingen = Counter(sleutels)
    rijen = [
        [record.vormen, gebied, leeftijd, nationaliteit, record.stap, record.afloop, periode]
        for record, (gebied, leeftijd, nationaliteit, periode) in zip(records, sleutels, strict=True)
        if tellingen[(gebied, leeftijd, nationaliteit, periode)] >= k
    ]
    rijen.sort()
    weggelaten = totaal - len(rijen)

    if weggelaten == 0:
        verantwoording.append("Geen regels weggelaten.")
    else:
        verantwoording.append(
            f"{getal(weggelaten)} van de {getal(totaal)} {_regels(totaal)} weggelaten "
            f"omdat {'de' if weggelaten == 1 else 'hun'} combinatie minder dan {k} keer voorkwam."
        )
        if vroeg_gestopt:
            verantwoording.append(
                f"Niet verder gegeneraliseerd: liever hoogstens {MAX_WEGLATEN_PROCENT}% van de regels (of 1 regel) "
                "weglaten dan alle regels grover maken."
            )
    if rijen:
        verantwoording.append(
            f"Elke combinatie van gebied, leeftijd, nationaliteit en periode komt minstens {k} keer voor "
            f"(k-anonimiteit, k = {k})."
        )
    else:
        verantwoording.append("Er blijven geen regels over om te exporteren.")
    return Uitkomst(list(KOLOMMEN), rijen, verantwoording, weggelaten)


def _controleren(record: Record) -> None:
    """Refuse labels outside the known hierarchies, because an unknown label could not be generalised safely."""
    if record.leeftijd not in LEEFTIJDEN_FIJN:
        raise ValueError(f"Onbekende leeftijdsgroep {record.leeftijd!r}.")
    if record.nationaliteit not in NATIONALITEITEN:
        raise ValueError(f"Onbekende nationaliteitsgroep {record.nationaliteit!r}.")


def _sleutel(record: Record, niveaus: _Niveaus) -> _Sleutel:
    """Return the record's quasi-identifiers at the given levels."""
    gebied = record.gemeente if niveaus.gebied == 0 else record.regio
    leeftijd = record.leeftijd if niveaus.leeftijd == 0 else LEEFTIJDEN_FIJN[record.leeftijd][niveaus.leeftijd - 1]
    nationaliteit = record.nationaliteit if niveaus.nationaliteit == 0 else NATIONALITEITEN[record.nationaliteit]
    return gebied, leeftijd, nationaliteit, _periode(record.maand, niveaus.periode)


def _periode(maand: datetime.date, niveau: int) -> str:
    """Format the month, its quarter or its year, so that sorting the text also sorts the periods."""
    if niveau == 0:
        return f"{maand.year}-{maand.month:02d}"
    if niveau == 1:
        return f"{maand.year}-K{(maand.month - 1) // 3 + 1}"
    return str(maand.year)


def _in_kleine_klassen(sleutels: Sequence[_Sleutel], k: int) -> int:
    """Count the rows whose combination occurs fewer than k times, i.e. the rows suppression would remove."""
    return sum(aantal for aantal in Counter(sleutels).values() if aantal < k)


def _regels(aantal: int) -> str:
    return "regel" if aantal == 1 else "regels"
