"""Every write on the meldroute: the route itself (``route``) and sharing with partners (``delen``)."""

from meldroute.services.delen import (
    delen,
    delingen_verlopen_verwerken,
    intrekken,
    terugmelding_toevoegen,
    terugmeldingen_gezien,
)
from meldroute.services.route import (
    ActieNietToegestaan,
    MeldrouteFout,
    SignaalGewijzigd,
    afsluiten,
    behandelaar_wijzigen,
    geen_mensenhandel,
    herbeoordeling_plannen,
    heropenen,
    in_behandeling_nemen,
    informatieplein_inbrengen,
    lokale_tafel_bespreken,
    riec_inschakelen,
    terugkoppelen,
    verrijken,
    verrijking_toevoegen,
)

__all__ = [
    "ActieNietToegestaan",
    "MeldrouteFout",
    "SignaalGewijzigd",
    "afsluiten",
    "behandelaar_wijzigen",
    "delen",
    "delingen_verlopen_verwerken",
    "geen_mensenhandel",
    "herbeoordeling_plannen",
    "heropenen",
    "in_behandeling_nemen",
    "informatieplein_inbrengen",
    "intrekken",
    "lokale_tafel_bespreken",
    "riec_inschakelen",
    "terugkoppelen",
    "terugmelding_toevoegen",
    "terugmeldingen_gezien",
    "verrijken",
    "verrijking_toevoegen",
]
