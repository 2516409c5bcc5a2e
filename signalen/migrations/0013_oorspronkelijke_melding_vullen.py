"""Fill the report as submitted (``OorspronkelijkeMelding``) for every signal reported before it existed.

Until now nothing but the functionaris gegevensbescherming's corrections could change a signal's
report after intake, and those must reach the copy anyway: the data as it is now is the report
as submitted. The shape is that of ``signalen.melding.momentopname``, written out here so this
migration keeps working when that module changes.
"""

import datetime
from typing import Any

from django.db import migrations

BETROKKENE_VELDEN = ["rol", "naam", "geboortedatum", "nationaliteit", "adres", "telefoon", "notities"]
LOCATIE_VELDEN = ["adres", "bedrijfsnaam", "kvk_nummer", "omschrijving"]


def _json(waarde: Any) -> Any:
    return waarde.isoformat() if isinstance(waarde, datetime.date) else waarde


def vullen(apps: Any, schema_editor: Any) -> None:
    Signaal = apps.get_model("signalen", "Signaal")
    OorspronkelijkeMelding = apps.get_model("signalen", "OorspronkelijkeMelding")
    zonder = (
        Signaal.objects.filter(oorspronkelijke_melding__isnull=True)
        .select_related("gemeente", "team")
        .prefetch_related("vormen", "indicatoren", "betrokkenen", "locaties", "bijlagen")
        .order_by("pk")
    )
    nieuw = []
    for signaal in zonder.iterator(chunk_size=500):
        gegevens = {
            "gemeente": signaal.gemeente.naam,
            "team": signaal.team.naam,
            "waargenomen_op": signaal.waargenomen_op.isoformat(),
            "omschrijving": signaal.omschrijving,
            "acuut": signaal.acuut,
            "vormen": [v.naam for v in sorted(signaal.vormen.all(), key=lambda v: (v.volgorde, v.naam))],
            "indicatoren": sorted(i.naam for i in signaal.indicatoren.all()),
            "betrokkenen": [
                {"id": b.pk, **{v: _json(getattr(b, v)) for v in BETROKKENE_VELDEN}}
                for b in sorted(signaal.betrokkenen.all(), key=lambda b: b.pk)
            ],
            "locaties": [
                {"id": loc.pk, **{v: getattr(loc, v) for v in LOCATIE_VELDEN}}
                for loc in sorted(signaal.locaties.all(), key=lambda loc: loc.pk)
            ],
            "bijlagen": [{"id": b.pk, "naam": b.naam} for b in sorted(signaal.bijlagen.all(), key=lambda b: b.pk)],
        }
        nieuw.append(OorspronkelijkeMelding(signaal=signaal, gegevens=gegevens))
        if len(nieuw) >= 500:
            OorspronkelijkeMelding.objects.bulk_create(nieuw)
            nieuw = []
    OorspronkelijkeMelding.objects.bulk_create(nieuw)


class Migration(migrations.Migration):
    dependencies = [("signalen", "0012_dossier")]

    operations = [migrations.RunPython(vullen, migrations.RunPython.noop, elidable=True)]
