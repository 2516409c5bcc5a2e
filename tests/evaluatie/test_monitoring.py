"""Tests for the k-anonymous export for CoMensha and the Zorg- en Veiligheidshuis.

The property tests carry their own copy of the generalisation hierarchies and the ladder sentences, so that they check
the module against an independent reading of the specification rather than against itself.
"""

import datetime
import itertools
import random
from collections import Counter
from collections.abc import Sequence
from typing import TypeVar

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from evaluatie.monitoring import K, Record, Uitkomst, anonimiseren

T = TypeVar("T")

KOLOMMEN = ["Vormen", "Gebied", "Leeftijd", "Nationaliteit", "Stap", "Afloop", "Periode"]
QUASI = "Gebied, leeftijd, nationaliteit en periode zijn behandeld als herleidbare kenmerken; vormen, stap en afloop worden geteld en zijn niet veranderd."  # noqa: E501
NIETS = "Niets gegeneraliseerd: alle kenmerken staan op het fijnste niveau."
GEEN_WEG = "Geen regels weggelaten."
K_ZIN = (
    "Elke combinatie van gebied, leeftijd, nationaliteit en periode komt minstens 5 keer voor (k-anonimiteit, k = 5)."
)
VROEG = (
    "Niet verder gegeneraliseerd: liever hoogstens 5% van de regels (of 1 regel) weglaten dan alle regels grover maken."
)
LEEG = "Er blijven geen regels over om te exporteren."
STAPPEN = [
    "Periode gegeneraliseerd van maand naar kwartaal.",
    "Leeftijd gegeneraliseerd naar de groepen minderjarig, 18-29 en 30+.",
    "Gemeente vervangen door regio.",
    "Periode gegeneraliseerd van kwartaal naar jaar.",
    "Nationaliteit gegeneraliseerd naar Nederlands en niet-Nederlands.",
    "Leeftijd gegeneraliseerd naar minderjarig en volwassen.",
]
LEEFTIJD_GROF = {
    "0-17": "minderjarig",
    "18-22": "18-29",
    "23-29": "18-29",
    "30-39": "30+",
    "40-49": "30+",
    "50+": "30+",
    "onbekend": "onbekend",
}
LEEFTIJD_GROFST = {"minderjarig": "minderjarig", "18-29": "volwassen", "30+": "volwassen", "onbekend": "onbekend"}
NATIONALITEIT_GROF = {
    "Nederlands": "Nederlands",
    "EU": "niet-Nederlands",
    "buiten de EU": "niet-Nederlands",
    "onbekend": "onbekend",
}
GEMEENTEN = [
    ("Hoorn", "Noord-Holland Noord"),
    ("Enkhuizen", "Noord-Holland Noord"),
    ("Den Helder", "Noord-Holland Noord"),
    ("Rotterdam", "Rotterdam-Rijnmond"),
    ("Schiedam", "Rotterdam-Rijnmond"),
]


def signaal(
    *,
    vormen: str = "Arbeidsuitbuiting",
    gemeente: str = "Hoorn",
    regio: str = "Noord-Holland Noord",
    leeftijd: str = "23-29",
    nationaliteit: str = "EU",
    stap: str = "7. Terugkoppeling",
    afloop: str = "Doorverwezen naar zorg",
    maand: datetime.date = datetime.date(2026, 3, 1),
) -> Record:
    return Record(vormen, gemeente, regio, leeftijd, nationaliteit, stap, afloop, maand)


def rij(r: Record, toegepast: int) -> list[str]:
    """Generalise one record by the first `toegepast` ladder steps, read straight from the specification."""
    gebied = r.regio if toegepast >= 3 else r.gemeente
    leeftijd = r.leeftijd
    if toegepast >= 2:
        leeftijd = LEEFTIJD_GROF[leeftijd]
    if toegepast >= 6:
        leeftijd = LEEFTIJD_GROFST[leeftijd]
    nationaliteit = NATIONALITEIT_GROF[r.nationaliteit] if toegepast >= 5 else r.nationaliteit
    if toegepast >= 4:
        periode = str(r.maand.year)
    elif toegepast >= 1:
        periode = f"{r.maand.year}-K{(r.maand.month + 2) // 3}"
    else:
        periode = r.maand.strftime("%Y-%m")
    return [r.vormen, gebied, leeftijd, nationaliteit, r.stap, r.afloop, periode]


def quasi(rij: Sequence[str]) -> tuple[str, ...]:
    return rij[1], rij[2], rij[3], rij[6]


def klein(records: Sequence[Record], toegepast: int, k: int) -> int:
    tellingen = Counter(quasi(rij(r, toegepast)) for r in records)
    return sum(n for n in tellingen.values() if n < k)


def toegepaste_stappen(uitkomst: Uitkomst) -> int:
    stappen = [zin for zin in uitkomst.verantwoording if zin in STAPPEN]
    assert stappen == STAPPEN[: len(stappen)], "the steps must be a prefix of the ladder, in ladder order"
    return len(stappen)


# Worked examples.


def test_an_empty_input_gives_no_rows_and_says_there_was_nothing_to_export() -> None:
    assert anonimiseren([]) == Uitkomst(KOLOMMEN, [], ["Er waren geen signalen om te exporteren."], 0)


def test_ten_identical_records_are_exported_unchanged() -> None:
    uitkomst = anonimiseren([signaal()] * 10)
    assert (
        uitkomst.rijen
        == [["Arbeidsuitbuiting", "Hoorn", "23-29", "EU", "7. Terugkoppeling", "Doorverwezen naar zorg", "2026-03"]]
        * 10
    )
    assert uitkomst.weggelaten == 0
    assert uitkomst.verantwoording == [QUASI, NIETS, GEEN_WEG, K_ZIN]


def test_records_spread_over_three_months_are_grouped_into_their_quarter() -> None:
    maanden = [datetime.date(2026, 1, 1)] * 4 + [datetime.date(2026, 2, 1)] * 3 + [datetime.date(2026, 3, 1)] * 3
    uitkomst = anonimiseren([signaal(maand=m) for m in maanden])
    assert {tuple(r) for r in uitkomst.rijen} == {
        ("Arbeidsuitbuiting", "Hoorn", "23-29", "EU", "7. Terugkoppeling", "Doorverwezen naar zorg", "2026-K1")
    }
    assert len(uitkomst.rijen) == 10
    assert uitkomst.verantwoording == [QUASI, STAPPEN[0], GEEN_WEG, K_ZIN]


def test_a_lone_record_in_a_small_gemeente_is_removed_instead_of_coarsening_everything() -> None:
    uitkomst = anonimiseren([signaal()] * 20 + [signaal(gemeente="Enkhuizen")])
    assert len(uitkomst.rijen) == 20
    assert {r[1] for r in uitkomst.rijen} == {"Hoorn"}
    assert uitkomst.weggelaten == 1
    assert uitkomst.verantwoording == [
        QUASI,
        NIETS,
        "1 van de 21 regels weggelaten omdat de combinatie minder dan 5 keer voorkwam.",
        VROEG,
        K_ZIN,
    ]


def test_two_gemeenten_of_one_regio_are_merged_after_period_and_age_did_not_help() -> None:
    uitkomst = anonimiseren([signaal(leeftijd="18-22")] * 6 + [signaal(gemeente="Enkhuizen", leeftijd="23-29")] * 4)
    assert {tuple(r) for r in uitkomst.rijen} == {
        (
            "Arbeidsuitbuiting",
            "Noord-Holland Noord",
            "18-29",
            "EU",
            "7. Terugkoppeling",
            "Doorverwezen naar zorg",
            "2026-K1",
        )
    }
    assert uitkomst.verantwoording == [QUASI, *STAPPEN[:3], GEEN_WEG, K_ZIN]


def test_fewer_than_k_records_in_total_are_all_removed_without_generalising() -> None:
    uitkomst = anonimiseren([signaal()] * 4)
    assert uitkomst == Uitkomst(
        KOLOMMEN,
        [],
        [
            QUASI,
            "Alle 4 regels weggelaten omdat er in totaal minder dan 5 signalen waren, zodat geen combinatie 5 keer kon "
            "voorkomen.",
            LEEG,
        ],
        4,
    )


def eenling(i: int) -> Record:
    """A record that shares no quasi-identifier value with any other, so no ladder step can save it."""
    return signaal(gemeente=f"Gemeente {i}", regio=f"Regio {i}", maand=datetime.date(2000 + i, 1, 1))


def test_records_that_stay_unique_on_every_rung_are_removed_after_the_whole_ladder() -> None:
    uitkomst = anonimiseren([eenling(i) for i in range(5)])
    assert uitkomst.rijen == []
    assert uitkomst.weggelaten == 5
    assert uitkomst.verantwoording == [
        QUASI,
        *STAPPEN,
        "5 van de 5 regels weggelaten omdat hun combinatie minder dan 5 keer voorkwam.",
        LEEG,
    ]


def test_up_to_five_percent_of_the_rows_is_suppressed_without_generalising() -> None:
    uitkomst = anonimiseren([signaal()] * 95 + [eenling(i) for i in range(5)])
    assert uitkomst.weggelaten == 5
    assert uitkomst.verantwoording == [
        QUASI,
        NIETS,
        "5 van de 100 regels weggelaten omdat hun combinatie minder dan 5 keer voorkwam.",
        VROEG,
        K_ZIN,
    ]


def test_more_than_five_percent_in_small_classes_climbs_the_whole_ladder() -> None:
    uitkomst = anonimiseren([signaal()] * 94 + [eenling(i) for i in range(6)])
    assert uitkomst.weggelaten == 6
    assert {tuple(r) for r in uitkomst.rijen} == {
        (
            "Arbeidsuitbuiting",
            "Noord-Holland Noord",
            "volwassen",
            "niet-Nederlands",
            "7. Terugkoppeling",
            "Doorverwezen naar zorg",
            "2026",
        )
    }
    assert uitkomst.verantwoording == [
        QUASI,
        *STAPPEN,
        "6 van de 100 regels weggelaten omdat hun combinatie minder dan 5 keer voorkwam.",
        K_ZIN,
    ]


def test_the_account_writes_large_counts_the_dutch_way() -> None:
    uitkomst = anonimiseren([signaal()] * 1200 + [eenling(i) for i in range(3)])
    assert (
        "3 van de 1.203 regels weggelaten omdat hun combinatie minder dan 5 keer voorkwam." in uitkomst.verantwoording
    )


def test_rows_are_sorted_and_keep_vormen_stap_and_afloop_as_given() -> None:
    invoer = [signaal(vormen="Seksuele uitbuiting, Criminele uitbuiting", afloop="")] * 5 + [signaal()] * 5
    uitkomst = anonimiseren(invoer)
    assert [r[0] for r in uitkomst.rijen] == ["Arbeidsuitbuiting"] * 5 + [
        "Seksuele uitbuiting, Criminele uitbuiting"
    ] * 5
    assert [r[5] for r in uitkomst.rijen] == ["Doorverwezen naar zorg"] * 5 + [""] * 5


def test_a_smaller_k_needs_less_generalisation() -> None:
    uitkomst = anonimiseren([signaal()] * 2 + [signaal(maand=datetime.date(2026, 2, 1))] * 2, k=2)
    assert uitkomst.weggelaten == 0
    assert uitkomst.verantwoording[-1] == (
        "Elke combinatie van gebied, leeftijd, nationaliteit en periode komt minstens 2 keer voor "
        "(k-anonimiteit, k = 2)."
    )


@pytest.mark.parametrize(
    ("record", "melding"),
    [
        (signaal(leeftijd="25"), "Onbekende leeftijdsgroep '25'."),
        (signaal(nationaliteit="Pools"), "Onbekende nationaliteitsgroep 'Pools'."),
    ],
)
def test_an_unknown_label_is_refused(record: Record, melding: str) -> None:
    with pytest.raises(ValueError, match=melding):
        anonimiseren([record])


def test_k_below_one_is_refused() -> None:
    with pytest.raises(ValueError, match="k moet minstens 1 zijn"):
        anonimiseren([signaal()], k=0)


# Properties.

ALLE_MAANDEN = [datetime.date(jaar, maand, 1) for jaar in (2025, 2026) for maand in range(1, 13)]


def deel(waarden: Sequence[T]) -> st.SearchStrategy[list[T]]:
    """One to three of the values, to narrow one quasi-identifier for one example."""
    return st.lists(st.sampled_from(waarden), min_size=1, max_size=3, unique=True)


# A few months from one quarter, or from anywhere; a few ages from one coarse band, or from anywhere.
enkele_maanden = st.one_of(
    deel(ALLE_MAANDEN), st.integers(0, 7).flatmap(lambda q: deel(ALLE_MAANDEN[3 * q : 3 * q + 3]))
)
enkele_leeftijden = st.one_of(
    deel(list(LEEFTIJD_GROF)),
    st.sampled_from([["0-17"], ["18-22", "23-29"], ["30-39", "40-49", "50+"]]).flatmap(deel),
)


VORMEN = ["Arbeidsuitbuiting", "Seksuele uitbuiting", "Seksuele uitbuiting, Criminele uitbuiting"]
STAPPEN_IN_ROUTE = ["3. Beoordeling", "7. Terugkoppeling"]
AFLOPEN = ["", "Doorverwezen naar zorg", "Geen vervolg"]


def alle_records(
    gemeenten: Sequence[tuple[str, str]],
    leeftijden: Sequence[str],
    nationaliteiten: Sequence[str],
    maanden: Sequence[datetime.date],
) -> list[Record]:
    """Every record over these values, so that one draw picks a whole record; drawing field by field is too slow."""
    return [
        Record(vormen, gemeente, regio, leeftijd, nationaliteit, stap, afloop, maand)
        for vormen, (gemeente, regio), leeftijd, nationaliteit, stap, afloop, maand in itertools.product(
            VORMEN, gemeenten, leeftijden, nationaliteiten, STAPPEN_IN_ROUTE, AFLOPEN, maanden
        )
    ]


ELK_RECORD = alle_records(GEMEENTEN, list(LEEFTIJD_GROF), list(NATIONALITEIT_GROF), ALLE_MAANDEN)


@st.composite
def lijsten(draw: st.DrawFn) -> list[Record]:
    """Draw up to 300 records: up to 40 records repeated 1 to 10 times over a few values per quasi-identifier, plus
    up to 3 strays over all values.

    Plain lists of random records are short and almost all unique, so the ladder would only ever stop before its
    first rung or after its last. Narrowing the values per example makes classes of every size, so that the ladder
    stops on the rungs in between as well.
    """
    smal = alle_records(
        draw(deel(GEMEENTEN)), draw(enkele_leeftijden), draw(deel(list(NATIONALITEIT_GROF))), draw(enkele_maanden)
    )
    # Records are drawn by index: sampled_from() over thousands of records spends its time hashing them.
    vaak = draw(
        st.lists(
            st.tuples(st.integers(0, len(smal) - 1), st.integers(1, 10)), min_size=draw(st.integers(0, 40)), max_size=40
        )
    )
    los = draw(st.lists(st.integers(0, len(ELK_RECORD) - 1), max_size=3))
    # Repeating a drawn record and shuffling with one drawn seed keeps a list of 300 cheap to generate and shrink.
    invoer = [smal[i] for i, aantal in vaak for _ in range(aantal)] + [ELK_RECORD[i] for i in los]
    draw(st.randoms(use_true_random=False)).shuffle(invoer)
    return invoer[:300]


@settings(max_examples=200, deadline=None)
@given(lijsten(), st.integers(1, 8))
def test_every_combination_of_quasi_identifiers_occurs_at_least_k_times(invoer: list[Record], k: int) -> None:
    uitkomst = anonimiseren(invoer, k=k)
    assert all(n >= k for n in Counter(quasi(r) for r in uitkomst.rijen).values())


@settings(max_examples=200, deadline=None)
@given(lijsten())
def test_every_row_is_an_input_record_generalised_by_the_listed_steps_and_only_small_classes_are_removed(
    invoer: list[Record],
) -> None:
    uitkomst = anonimiseren(invoer)
    toegepast = toegepaste_stappen(uitkomst)
    gegeneraliseerd = [rij(r, toegepast) for r in invoer]
    tellingen = Counter(quasi(r) for r in gegeneraliseerd)
    assert uitkomst.rijen == sorted(r for r in gegeneraliseerd if tellingen[quasi(r)] >= K)


@settings(max_examples=200, deadline=None)
@given(lijsten(), st.integers(1, 8))
def test_rows_and_suppressed_rows_add_up_to_the_records(invoer: list[Record], k: int) -> None:
    uitkomst = anonimiseren(invoer, k=k)
    assert len(uitkomst.rijen) + uitkomst.weggelaten == len(invoer)
    assert uitkomst.kolommen == KOLOMMEN


@settings(max_examples=200, deadline=None)
@given(lijsten(), st.integers(1, 8))
def test_the_account_names_the_removed_rows_and_ends_with_the_k_it_guarantees(invoer: list[Record], k: int) -> None:
    uitkomst = anonimiseren(invoer, k=k)
    n = len(invoer)
    weg = uitkomst.weggelaten
    if n == 0:
        assert uitkomst.verantwoording == ["Er waren geen signalen om te exporteren."]
        return
    assert uitkomst.verantwoording[0] == QUASI
    if n < k:
        assert uitkomst.verantwoording[1].startswith("De enige regel" if n == 1 else f"Alle {n} regels")
    elif weg == 0:
        assert GEEN_WEG in uitkomst.verantwoording
    else:
        hun = "de" if weg == 1 else "hun"
        zin = f"{weg} van de {n} regels weggelaten omdat {hun} combinatie minder dan {k} keer voorkwam."
        assert zin in uitkomst.verantwoording
    slot = (
        f"Elke combinatie van gebied, leeftijd, nationaliteit en periode komt minstens {k} keer voor "
        f"(k-anonimiteit, k = {k})."
    )
    assert uitkomst.verantwoording[-1] == (slot if uitkomst.rijen else LEEG)


@settings(max_examples=200, deadline=None)
@given(lijsten())
def test_vormen_stap_and_afloop_are_never_changed(invoer: list[Record]) -> None:
    uitkomst = anonimiseren(invoer)
    gegeven = Counter((r.vormen, r.stap, r.afloop) for r in invoer)
    getoond = Counter((r[0], r[4], r[5]) for r in uitkomst.rijen)
    assert getoond <= gegeven


@settings(max_examples=200, deadline=None)
@given(lijsten(), st.randoms(use_true_random=False))
def test_the_same_records_give_the_same_output_in_any_order(invoer: list[Record], rnd: random.Random) -> None:
    geschud = list(invoer)
    rnd.shuffle(geschud)
    assert anonimiseren(invoer) == anonimiseren(invoer) == anonimiseren(geschud)


@settings(max_examples=200, deadline=None)
@given(lijsten())
def test_generalisation_stops_on_the_first_rung_where_suppression_is_small_enough(invoer: list[Record]) -> None:
    uitkomst = anonimiseren(invoer)
    toegepast = toegepaste_stappen(uitkomst)
    if len(invoer) < K:
        assert (toegepast, uitkomst.weggelaten) == (0, len(invoer))
        return
    toegestaan = max(1, len(invoer) * 5 // 100)
    assert all(klein(invoer, t, K) > toegestaan for t in range(toegepast))
    if toegepast < len(STAPPEN):
        assert uitkomst.weggelaten == klein(invoer, toegepast, K) <= toegestaan
        assert (VROEG in uitkomst.verantwoording) == (uitkomst.weggelaten > 0)
