"""The dossier of a signal: when the AF may change it, and what the detail page shows of it.

In steps 2 to 6 the AF keeps the record up to date (meldroute/services/dossier.py): betrokkenen,
locaties, indicatoren and vormen, attachments and internal notes. Before that the signal has not
been taken into behandeling; from step 7 on the melder has had the feedback and the record stands.
"""

from typing import Any

from signalen import melding
from signalen.models import Signaal
from signalen.workflow import Status

DOSSIER_STATUSSEN = (Status.ONTVANGEN, Status.VERRIJKT, Status.LOKALE_TAFEL, Status.RIEC, Status.INFORMATIEPLEIN)


def bij_te_werken(signaal: Signaal) -> bool:
    return signaal.status in DOSSIER_STATUSSEN


def weigering(signaal: Signaal) -> str:
    """Why the dossier cannot be changed now, in the words the AF reads."""
    if signaal.status == Status.AFGESLOTEN:
        return "Dit signaal is afgesloten. Heropen het signaal om het dossier bij te werken."
    if signaal.status == Status.OPGEPIKT:
        return "Neem het signaal eerst in behandeling. Het dossier bijwerken kan in stap 2 tot en met 6."
    return (
        f"Het dossier bijwerken kan alleen in stap 2 tot en met 6; "
        f"dit signaal is in stap '{signaal.get_status_display()}'."
    )


def detail_context(signaal: Signaal) -> dict[str, Any]:
    """What the AF's detail page adds for the dossier: the notes, the report as submitted, the links."""
    return {
        "dossier_bij_te_werken": bij_te_werken(signaal),
        "notities": list(signaal.notities.select_related("door").order_by("op", "pk")),
        "oorspronkelijke_melding": melding.van_signaal(signaal),
    }
