"""What the FG's pages list: the holds, the removals and what each removal took."""

from collections.abc import Collection, Mapping
from dataclasses import dataclass

from django.apps import apps
from django.db.models import QuerySet

from signalen.bewaring.termijnen import Termijntabel, Verval, lopend_bewaard, verval_van
from signalen.models import Anonimisering, Procedurebewaring


@dataclass(frozen=True)
class Bewaard:
    bewaring: Procedurebewaring
    verval: Verval | None  # when the term ends (or ended), for a closed signal


def bewaard_in(gemeente_ids: Collection[int]) -> list[Bewaard]:
    """The running holds in these gemeenten, newest first, with the end of each signal's term."""
    bewaringen = list(
        lopend_bewaard()
        .filter(signaal__gemeente_id__in=gemeente_ids)
        .select_related("signaal__gemeente", "gezet_door")
        .order_by("-gezet_op", "-pk")
    )
    tabel = Termijntabel({b.signaal.gemeente_id for b in bewaringen})
    return [Bewaard(b, verval_van(b.signaal, tabel)) for b in bewaringen]


def verwijderd_in(gemeente_ids: Collection[int]) -> QuerySet[Anonimisering]:
    return Anonimisering.objects.filter(gemeente_id__in=gemeente_ids).select_related("gemeente")


_SCHOONGEMAAKT = {
    "bestanden": ("bestand", "bestanden"),
    "auditlog": ("regel in het auditlog geschoond", "regels in het auditlog geschoond"),
    "toegangslog": ("regel in het toegangslog ingekort", "regels in het toegangslog ingekort"),
}


def _naam(sleutel: str, aantal: int) -> str:
    if sleutel in _SCHOONGEMAAKT:
        return _SCHOONGEMAAKT[sleutel][aantal != 1]
    try:
        meta = apps.get_model(sleutel)._meta
    except (LookupError, ValueError):
        return sleutel
    return str(meta.verbose_name if aantal == 1 else meta.verbose_name_plural)


def aantallen_tekst(aantallen: Mapping[str, int]) -> list[str]:
    """What a removal took, as the FG reads it: the signal, its parts by name, then the files and
    the log lines ("1 signaal", "2 betrokkenen", ..., "1 bestand", "27 regels in het auditlog ...")."""
    delen = sorted(
        (k for k in aantallen if k not in _SCHOONGEMAAKT), key=lambda k: (k != "signalen.Signaal", _naam(k, 1))
    )
    return [
        f"{aantallen[k]} {_naam(k, aantallen[k])}" for k in [*delen, *(k for k in _SCHOONGEMAAKT if k in aantallen)]
    ]
