"""Small-cell suppression for one-dimensional tables with a total.

The dashboards show counts about signals of human trafficking. A count of one to four can point to a person, so it is
never shown exactly. Hiding small cells alone is not enough, because the total is shown under the table and a reader
could subtract the shown cells from it. This module decides per table which cells are shown, which become "<5" and
which become "x", so that no small count can be recovered by a reader who knows this algorithm.

The reader is modelled by what each text tells them: a shown number is exact, "<5" lies in 1..4, a secondary "x" lies
in 5 or more, a fallback "x" in 1 or more and a last-resort "x" in 0 or more. A shown total fixes the sum of the
cells, a total "<5" bounds it to 1..4. The values one hidden cell can take under such bounds always form one integer
interval, so checking its two end points is exactly as strong as enumerating every assignment.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field

DREMPEL = 5
KLEIN = "<5"
VERBORGEN = "x"
UITLEG = (
    '"<5": minder dan 5, niet precies getoond. '
    '"x": niet getoond, zodat een klein aantal niet uit het totaal te herleiden is.'
)


@dataclass(frozen=True)
class Cel:
    """One count as it may appear on a dashboard."""

    # The true count stays out of repr() so that a debug page or log line cannot leak a suppressed value.
    waarde: int = field(repr=False)
    tekst: str
    onderdrukt: bool

    @property
    def getoond(self) -> int | None:
        """The value for charts, or None, so that a chart can never draw a bar for a suppressed count."""
        return None if self.onderdrukt else self.waarde


@dataclass(frozen=True)
class Reeks:
    """A table of cells with the total shown under it."""

    cellen: list[Cel]
    totaal: Cel


@dataclass(frozen=True)
class Deel:
    """A share such as "acute signals out of all signals", with a percentage only when it reveals nothing."""

    teller: Cel
    noemer: Cel
    procent: str | None


def getal(waarde: int) -> str:
    """Format a count the Dutch way, with a dot between thousands, because the dashboards are read in Dutch."""
    return f"{waarde:,}".replace(",", ".")


def reeks(aantallen: Sequence[int], *, totaal: int | None = None) -> Reeks:
    """Return the table as it may be shown.

    The total is passed separately because a signal can belong to no category at all, so the total may exceed the
    sum of the cells. The cells are nevertheless chosen as if the total were that sum, because another tile on the
    dashboard may well show the difference, and then a reader can subtract after all.
    """
    if any(aantal < 0 for aantal in aantallen):
        raise ValueError("aantallen must not be negative")
    som = sum(aantallen)
    if totaal is None:
        totaal = som
    elif totaal < som:
        raise ValueError("totaal must not be smaller than the sum of aantallen")
    teksten = _kies_teksten(list(aantallen))
    cellen = [_cel(aantal, tekst) for aantal, tekst in zip(aantallen, teksten, strict=True)]
    return Reeks(cellen=cellen, totaal=_cel(totaal, _primaire_tekst(totaal)))


def deel(*, teller: int, noemer: int) -> Deel:
    """Return a share as the two-cell table [teller, noemer - teller], so the complement is protected as well."""
    if not 0 <= teller <= noemer:
        raise ValueError("teller must lie between 0 and noemer")
    tabel = reeks([teller, noemer - teller], totaal=noemer)
    # A percentage together with the shown noemer would give back a hidden teller or complement, so it is left out.
    zichtbaar = not any(cel.onderdrukt for cel in tabel.cellen)
    procent = _procent(teller=teller, noemer=noemer) if zichtbaar and noemer > 0 else None
    return Deel(teller=tabel.cellen[0], noemer=tabel.totaal, procent=procent)


def _procent(*, teller: int, noemer: int) -> str:
    """Round half up in integers, because round() rounds half to even and would show 12.5% as 12%."""
    return f"{(200 * teller + noemer) // (2 * noemer)}%"


def _primaire_tekst(aantal: int) -> str:
    return KLEIN if 0 < aantal < DREMPEL else getal(aantal)


def _cel(aantal: int, tekst: str) -> Cel:
    return Cel(waarde=aantal, tekst=tekst, onderdrukt=tekst in (KLEIN, VERBORGEN))


# A reader's knowledge of one hidden cell: its lower bound and its upper bound, None meaning unbounded.
_Grenzen = tuple[int, int | None]


def _kies_teksten(aantallen: list[int]) -> list[str]:
    """Apply primary suppression, then secondary suppression greedily, then the fallbacks."""
    teksten = [_primaire_tekst(aantal) for aantal in aantallen]
    verborgen: dict[int, _Grenzen] = {i: (1, DREMPEL - 1) for i, tekst in enumerate(teksten) if tekst == KLEIN}
    if not verborgen:
        return teksten
    kleine = list(verborgen)
    som = sum(aantallen)
    # A shown total fixes the sum exactly; a total below the threshold is itself shown as "<5" and only bounds it.
    som_grenzen = (som, som) if som >= DREMPEL else (1, DREMPEL - 1)

    # Smallest first, because hiding a small cell costs the reader the least information; ties keep table order.
    kandidaten = sorted((aantal, i) for i, aantal in enumerate(aantallen) if aantal >= DREMPEL)
    for _, i in kandidaten:
        if not _herleidbaar(aantallen, verborgen, som_grenzen=som_grenzen, te_beschermen=kleine):
            return _met_verborgen(teksten, verborgen)
        verborgen[i] = (DREMPEL, None)
    if not _herleidbaar(aantallen, verborgen, som_grenzen=som_grenzen, te_beschermen=kleine):
        return _met_verborgen(teksten, verborgen)

    # Fallback: hiding every non-zero cell as "x" lowers the reader's bound on those cells from 5 to 1.
    verborgen = {i: (1, None) for i, aantal in enumerate(aantallen) if aantal > 0}
    if not _herleidbaar(aantallen, verborgen, som_grenzen=som_grenzen, te_beschermen=list(verborgen)):
        return _met_verborgen(teksten, verborgen)

    # The fallback fails only when every non-zero count is 1 and the bound on the sum leaves no room, as in
    # [1, 1, 1, 1, 1] or in [1, 1, 1, 1] under a total "<5". The zeros give such a table away, so the last resort
    # hides them too. There are then at least four cells bounded by 0 below, so each can take both 0 and the upper
    # bound of the sum, which is why no further check is needed.
    verborgen = dict.fromkeys(range(len(aantallen)), (0, None))
    return _met_verborgen(teksten, verborgen)


def _met_verborgen(teksten: list[str], verborgen: dict[int, _Grenzen]) -> list[str]:
    """Show as "x" every hidden cell that the reader cannot bound to 1..4, so the text matches the reader model."""
    klein: _Grenzen = (1, DREMPEL - 1)
    return [VERBORGEN if verborgen.get(i, klein) != klein else tekst for i, tekst in enumerate(teksten)]


def _herleidbaar(
    aantallen: list[int],
    verborgen: dict[int, _Grenzen],
    *,
    som_grenzen: tuple[int, int],
    te_beschermen: list[int],
) -> bool:
    """Return whether some protected cell has only one value consistent with what the reader sees.

    The hidden cells sum to the known bounds on the sum minus the shown cells. Each other hidden cell ranges over an
    integer interval, so their sum ranges over one too, and the values left for the protected cell form one as well.
    Its two end points therefore decide whether the cell has a second possible value.
    """
    getoond = sum(aantal for i, aantal in enumerate(aantallen) if i not in verborgen)
    laagste, hoogste = som_grenzen[0] - getoond, som_grenzen[1] - getoond
    # No hidden cell can exceed the hidden sum, so capping open bounds there keeps the reasoning exact in integers.
    grenzen = {i: (onder, hoogste if boven is None else min(boven, hoogste)) for i, (onder, boven) in verborgen.items()}
    onder_totaal = sum(onder for onder, _ in grenzen.values())
    boven_totaal = sum(boven for _, boven in grenzen.values())
    for i in te_beschermen:
        onder, boven = grenzen[i]
        kleinste = max(onder, laagste - (boven_totaal - boven))
        grootste = min(boven, hoogste - (onder_totaal - onder))
        if grootste - kleinste < 1:
            return True
    return False
