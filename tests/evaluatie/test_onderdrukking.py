"""Tests for small-cell suppression.

The property tests play the reader who knows the algorithm: they read only the shown texts and the total, enumerate
what the hidden cells could be, and check that no small count is pinned down.
"""

import itertools
from collections.abc import Sequence

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from evaluatie.onderdrukking import (
    DREMPEL,
    KLEIN,
    UITLEG,
    VERBORGEN,
    Cel,
    Deel,
    Reeks,
    deel,
    getal,
    reeks,
)


def teksten(r: Reeks) -> list[str]:
    return [c.tekst for c in r.cellen]


def mogelijke_waarden(bereiken: Sequence[range], *, som: range) -> list[set[int]]:
    """Return, per hidden cell, every value it takes in some assignment of all hidden cells whose sum lies in som.

    This enumerates every reachable sum of the other cells, so it is exact like a brute force over all assignments
    (test_the_oracle_agrees_with_a_full_brute_force proves that), without multiplying the ranges of eight cells.
    """
    uitkomst = []
    for i, bereik in enumerate(bereiken):
        sommen = {0}
        for j, ander in enumerate(bereiken):
            if j != i:
                sommen = {s + w for s in sommen for w in ander if s + w <= som.stop - 1}
        uitkomst.append({w for w in bereik if any(w + s in som for s in sommen)})
    return uitkomst


def volledige_brute_force(bereiken: Sequence[range], *, som: range) -> list[set[int]]:
    uitkomst: list[set[int]] = [set() for _ in bereiken]
    for toewijzing in itertools.product(*bereiken):
        if sum(toewijzing) in som:
            for waarden, w in zip(uitkomst, toewijzing, strict=True):
                waarden.add(w)
    return uitkomst


def als_getal(tekst: str) -> int:
    return int(tekst.replace(".", ""))


def lezer(r: Reeks, *, x_ondergrens: int | None = None) -> tuple[list[int], list[set[int]]]:
    """Return the hidden positions and the values each can take, seen by a reader who knows the algorithm.

    The reader learns the bound of an "x" from the rest of the table: next to a "<5" it is a secondary "x" (5 or
    more); next to a shown "0" it is a fallback "x" (1 or more); when every cell is "x" the reader cannot tell the
    fallback from the last resort, so 0 or more. A test may pass a stricter x_ondergrens to play a stronger reader.
    """
    cel_teksten = teksten(r)
    totaal = r.totaal.tekst
    som = range(1, DREMPEL) if totaal == KLEIN else range(als_getal(totaal), als_getal(totaal) + 1)
    if x_ondergrens is None:
        x_ondergrens = 5 if KLEIN in cel_teksten else 1 if "0" in cel_teksten else 0
    getoond = sum(als_getal(t) for t in cel_teksten if t not in (KLEIN, VERBORGEN))
    rest = range(som.start - getoond, som.stop - getoond)
    verborgen = [i for i, t in enumerate(cel_teksten) if t in (KLEIN, VERBORGEN)]
    bereiken = [range(1, DREMPEL) if cel_teksten[i] == KLEIN else range(x_ondergrens, rest.stop) for i in verborgen]
    return verborgen, mogelijke_waarden(bereiken, som=rest)


def eenduidig(r: Reeks, *, x_ondergrens: int | None = None) -> list[int]:
    """Return the protected cells a reader can pin down: every "<5", and every "x" that may hide a small count."""
    verborgen, mogelijk = lezer(r, x_ondergrens=x_ondergrens)
    for i, waarden in zip(verborgen, mogelijk, strict=True):
        assert r.cellen[i].waarde in waarden, "the reader model must admit the true table"
    # Without any "<5" the "x" cells are fallback or last-resort cells, and those may hide a small count themselves.
    beschermd = KLEIN not in teksten(r)
    return [
        i
        for i, waarden in zip(verborgen, mogelijk, strict=True)
        if len(waarden) < 2 and (r.cellen[i].tekst == KLEIN or beschermd)
    ]


aantallen_strategie = st.lists(st.integers(min_value=0, max_value=40), min_size=1, max_size=8).filter(
    lambda a: sum(a) <= 60
)


def test_the_constants_match_the_house_rules() -> None:
    assert (DREMPEL, KLEIN, VERBORGEN) == (5, "<5", "x")
    assert UITLEG == (
        '"<5": minder dan 5, niet precies getoond. '
        '"x": niet getoond, zodat een klein aantal niet uit het totaal te herleiden is.'
    )


def test_counts_are_formatted_with_a_dot_between_thousands() -> None:
    assert [getal(w) for w in (0, 7, 999, 1000, 12345, 1234567)] == ["0", "7", "999", "1.000", "12.345", "1.234.567"]


def test_a_count_below_five_shows_as_less_than_five() -> None:
    r = reeks([3, 3])
    assert teksten(r) == ["<5", "<5"]
    assert r.totaal.tekst == "6"
    assert eenduidig(r) == []
    assert lezer(r)[1] == [{2, 3, 4}, {2, 3, 4}]


def test_a_small_cell_next_to_the_total_gets_the_smallest_large_cell_hidden() -> None:
    r = reeks([3, 6, 12])
    assert teksten(r) == ["<5", "x", "12"]
    assert r.totaal.tekst == "21"
    assert [c.onderdrukt for c in r.cellen] == [True, True, False]
    assert [c.getoond for c in r.cellen] == [None, None, 12]
    assert lezer(r)[1] == [{1, 2, 3, 4}, {5, 6, 7, 8}]


def test_ties_between_large_cells_hide_the_first_and_order_does_not_matter_otherwise() -> None:
    assert teksten(reeks([3, 12, 6])) == ["<5", "12", "x"]
    assert teksten(reeks([3, 6, 6])) == ["<5", "x", "6"]


def test_a_second_large_cell_is_hidden_when_the_first_is_not_enough() -> None:
    r = reeks([1, 5, 6])
    assert teksten(r) == ["<5", "x", "x"]
    assert r.totaal.tekst == "12"


def test_a_table_without_small_counts_is_shown_in_full() -> None:
    r = reeks([0, 7, 9])
    assert teksten(r) == ["0", "7", "9"]
    assert r.totaal == Cel(waarde=16, tekst="16", onderdrukt=False)
    assert not any(c.onderdrukt for c in r.cellen)


def test_large_numbers_are_formatted_in_cells_and_total() -> None:
    r = reeks([12345, 678])
    assert teksten(r) == ["12.345", "678"]
    assert r.totaal.tekst == "13.023"


def test_when_no_large_cell_can_protect_a_small_one_every_non_zero_cell_becomes_x() -> None:
    r = reeks([1, 5])
    assert teksten(r) == ["x", "x"]
    assert r.totaal.tekst == "6"
    # Even a reader who knows that a fallback "x" is at least 1 is left with five values for each cell.
    assert lezer(r, x_ondergrens=1)[1] == [{1, 2, 3, 4, 5}, {1, 2, 3, 4, 5}]
    assert teksten(reeks([1, 5, 5, 0])) == ["x", "x", "x", "0"]


def test_a_small_total_is_itself_shown_as_less_than_five() -> None:
    r = reeks([2, 2])
    assert teksten(r) == ["<5", "<5"]
    assert r.totaal == Cel(waarde=4, tekst="<5", onderdrukt=True)
    assert r.totaal.getoond is None
    assert eenduidig(r) == []


def test_a_table_of_only_ones_hides_its_zeros_too() -> None:
    # Four ones under a total "<5", or five ones under a total 5, pin every one down even as "x" of at least 1;
    # only hiding which cells are zero leaves the reader guessing.
    assert teksten(reeks([1, 1, 1, 1, 0])) == ["x", "x", "x", "x", "x"]
    assert teksten(reeks([0, 1, 1, 1, 1, 1])) == ["x", "x", "x", "x", "x", "x"]
    assert teksten(reeks([1, 1, 1, 0])) == ["<5", "<5", "<5", "0"]


def test_a_total_larger_than_the_sum_is_shown_but_the_cells_are_chosen_from_the_sum() -> None:
    r = reeks([3, 6, 12], totaal=25)
    assert teksten(r) == ["<5", "x", "12"]
    assert r.totaal.tekst == "25"
    assert reeks([0, 2], totaal=3).totaal.tekst == "<5"


def test_an_empty_table_has_a_total_of_zero() -> None:
    assert reeks([]) == Reeks(cellen=[], totaal=Cel(waarde=0, tekst="0", onderdrukt=False))


@pytest.mark.parametrize(
    ("aantallen", "totaal"),
    [([1, -1], None), ([3, 6], 8)],
)
def test_negative_counts_and_a_total_below_the_sum_are_refused(aantallen: list[int], totaal: int | None) -> None:
    with pytest.raises(ValueError, match="must not"):
        reeks(aantallen, totaal=totaal)


def test_the_true_count_stays_out_of_the_repr() -> None:
    assert "3" not in repr(reeks([3, 6, 12]).cellen[0])


def test_a_small_share_hides_the_teller_and_its_complement_and_gives_no_percentage() -> None:
    d = deel(teller=3, noemer=40)
    assert d == Deel(
        teller=Cel(waarde=3, tekst="<5", onderdrukt=True),
        noemer=Cel(waarde=40, tekst="40", onderdrukt=False),
        procent=None,
    )
    assert teksten(reeks([3, 37])) == ["<5", "x"]


def test_a_share_of_large_counts_gets_a_whole_percentage() -> None:
    assert deel(teller=10, noemer=40) == Deel(
        teller=Cel(waarde=10, tekst="10", onderdrukt=False),
        noemer=Cel(waarde=40, tekst="40", onderdrukt=False),
        procent="25%",
    )
    assert [deel(teller=t, noemer=n).procent for t, n in [(5, 40), (7, 21), (40, 40), (0, 40)]] == [
        "13%",
        "33%",
        "100%",
        "0%",
    ]


def test_a_share_close_to_the_whole_hides_the_teller_because_the_complement_is_small() -> None:
    d = deel(teller=38, noemer=40)
    assert (d.teller.tekst, d.noemer.tekst, d.procent) == ("x", "40", None)


def test_a_share_of_nothing_has_no_percentage_and_a_small_noemer_is_hidden() -> None:
    assert deel(teller=0, noemer=0).procent is None
    d = deel(teller=0, noemer=3)
    assert (d.teller.tekst, d.noemer.tekst, d.procent) == ("0", "<5", None)


@pytest.mark.parametrize(("teller", "noemer"), [(-1, 5), (6, 5)])
def test_a_share_outside_zero_and_the_noemer_is_refused(teller: int, noemer: int) -> None:
    with pytest.raises(ValueError, match="teller"):
        deel(teller=teller, noemer=noemer)


@settings(max_examples=300, deadline=None)
@given(
    bereiken=st.lists(
        st.tuples(st.integers(0, 6), st.integers(0, 4)).map(lambda t: range(t[0], t[0] + t[1] + 1)),
        min_size=1,
        max_size=4,
    ),
    som=st.tuples(st.integers(0, 20), st.integers(0, 4)).map(lambda t: range(t[0], t[0] + t[1] + 1)),
)
def test_the_oracle_agrees_with_a_full_brute_force(bereiken: list[range], som: range) -> None:
    assert mogelijke_waarden(bereiken, som=som) == volledige_brute_force(bereiken, som=som)


@settings(max_examples=300, deadline=None)
@given(aantallen=aantallen_strategie)
@example(aantallen=[1, 5])
@example(aantallen=[1, 1, 5, 0])
@example(aantallen=[1, 1, 1, 1, 1])
@example(aantallen=[1, 1, 1, 1, 0])
@example(aantallen=[4, 4, 4, 5, 5])
def test_no_small_count_can_be_recovered_from_the_shown_table(aantallen: list[int]) -> None:
    r = reeks(aantallen)
    assert [c.waarde for c in r.cellen] == aantallen
    for cel in r.cellen:
        if 1 <= cel.waarde < DREMPEL:
            assert cel.onderdrukt
        if not cel.onderdrukt:
            assert (cel.tekst, cel.getoond) == (getal(cel.waarde), cel.waarde)
        else:
            assert cel.tekst in (KLEIN, VERBORGEN)
            assert cel.getoond is None
    if KLEIN in teksten(r):
        assert all(c.waarde >= DREMPEL for c in r.cellen if c.tekst == VERBORGEN)
    assert r.totaal.tekst == (KLEIN if 0 < sum(aantallen) < DREMPEL else getal(sum(aantallen)))
    assert eenduidig(r) == []


def test_no_small_count_can_be_recovered_from_any_table_of_up_to_five_small_counts() -> None:
    # Hypothesis samples; this tries every table of one to five counts up to 7, where the edge cases live.
    herleidbaar = [
        aantallen
        for lengte in range(1, 6)
        for aantallen in itertools.product(range(8), repeat=lengte)
        if eenduidig(reeks(aantallen))
    ]
    assert herleidbaar == []


def test_the_fallback_also_withstands_a_reader_who_knows_x_is_at_least_one() -> None:
    # The fallback is rare in random tables, so every table of two to five counts up to 7 is tried instead.
    fallbacks = [
        r
        for lengte in range(2, 6)
        for aantallen in itertools.product(range(8), repeat=lengte)
        if KLEIN not in teksten(r := reeks(aantallen)) and VERBORGEN in teksten(r)
    ]
    # Tables of only ones are the known exception that the last resort handles by hiding the zeros.
    gewone = [r for r in fallbacks if any(c.waarde > 1 for c in r.cellen)]
    assert len(gewone) > 100
    assert [teksten(r) for r in gewone if eenduidig(r, x_ondergrens=1)] == []


@settings(max_examples=300, deadline=None)
@given(aantallen=aantallen_strategie, extra=st.integers(min_value=1, max_value=30))
def test_a_larger_total_changes_only_the_total(aantallen: list[int], extra: int) -> None:
    gewoon, groter = reeks(aantallen), reeks(aantallen, totaal=sum(aantallen) + extra)
    assert groter.cellen == gewoon.cellen
    assert groter.totaal.tekst == (KLEIN if sum(aantallen) + extra < DREMPEL else getal(sum(aantallen) + extra))
