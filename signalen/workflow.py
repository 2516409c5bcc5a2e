"""The meldroute's states and the one table of transitions between them.

A state says which step the signal has reached. Steps follow each other; the only way to skip
steps is the exit "geen (vermoeden van) mensenhandel" from verrijkt, lokale tafel or RIEC
straight to terugkoppeling. Monitoring ("lopend signaal") is not a state: the signal stays in
its step with a herbeoordelingsdatum.
"""

from dataclasses import dataclass

from django.db import models


class Status(models.TextChoices):
    OPGEPIKT = "opgepikt", "1. Opgepikt"
    ONTVANGEN = "ontvangen", "2. Ontvangen"
    VERRIJKT = "verrijkt", "3. Verrijkt"
    LOKALE_TAFEL = "lokale_tafel", "4. Lokale tafel"
    RIEC = "riec", "5. RIEC"
    INFORMATIEPLEIN = "informatieplein", "6. Informatieplein"
    TERUGKOPPELING = "terugkoppeling", "7. Terugkoppeling"
    AFGESLOTEN = "afgesloten", "Afgesloten"


@dataclass(frozen=True)
class Transitie:
    naam: str
    van: tuple[Status, ...]
    naar: Status
    label: str


# The whole meldroute in one table: name, from, to, and the button text the AF sees.
TRANSITIES: dict[str, Transitie] = {
    t.naam: t
    for t in [
        Transitie("in_behandeling_nemen", (Status.OPGEPIKT,), Status.ONTVANGEN, "In behandeling nemen"),
        Transitie("verrijken", (Status.ONTVANGEN,), Status.VERRIJKT, "Verrijken"),
        Transitie("lokale_tafel_bespreken", (Status.VERRIJKT,), Status.LOKALE_TAFEL, "Bespreken aan lokale tafel"),
        Transitie("riec_inschakelen", (Status.LOKALE_TAFEL,), Status.RIEC, "RIEC inschakelen"),
        Transitie("informatieplein_inbrengen", (Status.RIEC,), Status.INFORMATIEPLEIN, "Inbrengen op informatieplein"),
        Transitie("terugkoppelen", (Status.INFORMATIEPLEIN,), Status.TERUGKOPPELING, "Terugkoppelen"),
        Transitie(
            "geen_mensenhandel",
            (Status.VERRIJKT, Status.LOKALE_TAFEL, Status.RIEC),
            Status.TERUGKOPPELING,
            "Geen (vermoeden van) mensenhandel",
        ),
        Transitie("afsluiten", (Status.TERUGKOPPELING,), Status.AFGESLOTEN, "Afsluiten"),
        Transitie("heropenen", (Status.AFGESLOTEN,), Status.ONTVANGEN, "Heropenen"),
    ]
}

# Steps in which the AF may plan a herbeoordeling (monitoring, "lopend signaal").
MONITORING_STATUSSEN = (Status.VERRIJKT, Status.LOKALE_TAFEL, Status.RIEC, Status.INFORMATIEPLEIN)
# Steps in which more verrijkingen may be added after the first.
VERRIJKING_STATUSSEN = MONITORING_STATUSSEN
OPEN_STATUSSEN = tuple(s for s in Status if s != Status.AFGESLOTEN)


class MelderStatus(models.TextChoices):
    """The plain status a melder sees of their own signal."""

    INGEDIEND = "ingediend", "Ingediend"
    IN_BEHANDELING = "in_behandeling", "In behandeling"
    AFGEROND = "afgerond", "Afgerond"


def melderstatus(status: str) -> MelderStatus:
    if status == Status.OPGEPIKT:
        return MelderStatus.INGEDIEND
    if status in (Status.TERUGKOPPELING, Status.AFGESLOTEN):
        return MelderStatus.AFGEROND
    return MelderStatus.IN_BEHANDELING


class Afloop(models.TextChoices):
    ZORGTRAJECT = "zorgtraject", "Zorgtraject"
    STRAFRECHTELIJK = "strafrechtelijk", "Strafrechtelijk traject"
    BESTUURLIJK = "bestuurlijk", "RIEC-weging / bestuurlijke aanpak"
    PROCESREGIE_ZVH = "procesregie_zvh", "Procesregie Zorg- en Veiligheidshuis"
    TERUGLEGGING = "teruglegging", "Teruglegging"
