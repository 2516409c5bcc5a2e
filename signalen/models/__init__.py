"""The models of signalen, in modules by subject; imported here so that ``signalen.models.X`` works."""

from signalen.models.berichten import Notificatie, Termijninstellingen
from signalen.models.bewaring import Anonimisering, Bewaartermijn, Procedurebewaring
from signalen.models.dossier import Notitie, OorspronkelijkeMelding
from signalen.models.feiten import STAPPEN, Delingsfeit, Signaalfeiten, Terugmeldingsfeit
from signalen.models.samenhang import Matchsleutel
from signalen.models.signaal import (
    Betrokkene,
    Bijlage,
    Indicator,
    Locatie,
    Signaal,
    SignaalGroupObjectPermission,
    SignaalUserObjectPermission,
    Team,
    TijdelijkeBijlage,
    Volgnummer,
    Vorm,
    _bijlage_pad,
    kvk_validator,
)
from signalen.models.toegangslog import Toegangslog

__all__ = [
    "STAPPEN",
    "Anonimisering",
    "Betrokkene",
    "Bewaartermijn",
    "Bijlage",
    "Delingsfeit",
    "Indicator",
    "Locatie",
    "Matchsleutel",
    "Notificatie",
    "Notitie",
    "OorspronkelijkeMelding",
    "Procedurebewaring",
    "Signaal",
    "SignaalGroupObjectPermission",
    "SignaalUserObjectPermission",
    "Signaalfeiten",
    "Team",
    "Termijninstellingen",
    "Terugmeldingsfeit",
    "TijdelijkeBijlage",
    "Toegangslog",
    "Volgnummer",
    "Vorm",
    "_bijlage_pad",
    "kvk_validator",
]
