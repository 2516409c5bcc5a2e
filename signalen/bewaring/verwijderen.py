"""The removal of a signal past its term, and the daily run (see the package's docstring)."""

import datetime
import logging
from collections import defaultdict
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from functools import partial
from typing import cast

from auditlog.context import disable_auditlog
from auditlog.models import LogEntry
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.files.storage import default_storage
from django.db import connection, router, transaction
from django.db.models import Model, Q
from django.db.models.deletion import Collector
from django.utils import timezone
from guardian.models import GroupObjectPermission, UserObjectPermission

from mensenhandel.audit import MASKER
from signalen.bewaring.termijnen import Termijntabel, lopend_bewaard, te_verwijderen, verval_van
from signalen.models import Anonimisering, Bijlage, Signaal
from signalen.models import toegangslog as toegangslogregels

logger = logging.getLogger(__name__)


def _delen(collector: Collector) -> dict[type[Model], set[object]]:
    """Every row the cascade will remove, per model."""
    delen: dict[type[Model], set[object]] = defaultdict(set)
    for model, objecten in collector.data.items():
        delen[model].update(o.pk for o in objecten)
    for qs in collector.fast_deletes:
        delen[qs.model].update(qs.values_list("pk", flat=True))
    return delen


def _verwijzingen_naar_signaal() -> Iterator[tuple[type[Model], str]]:
    """Every model with a foreign key to Signaal, and that key's name (hidden relations too)."""
    for relatie in Signaal._meta.get_fields(include_hidden=True):
        if relatie.auto_created and not relatie.concrete and (relatie.one_to_many or relatie.one_to_one):
            model = cast(type[Model], relatie.related_model)
            if not model._meta.auto_created:
                yield model, relatie.field.name


def _auditlog_schonen(signaal: Signaal, delen: Mapping[type[Model], set[object]]) -> int:
    """Strip every audit entry about the signal or one of its parts down to who, when and what kind.

    The changed fields' names stay; their values, the text, the description (now the reference
    number) and the extra data go. Parts removed earlier are found by the signal named in their
    logged foreign key.
    """
    types = ContentType.objects.get_for_models(*delen, *(m for m, _ in _verwijzingen_naar_signaal()))
    voorwaarde = Q(pk__in=[])
    for model, pks in delen.items():
        voorwaarde |= Q(content_type=types[model], object_pk__in=[str(pk) for pk in pks])
    eerder = [(types[model], veld) for model, veld in _verwijzingen_naar_signaal()]
    if connection.features.supports_json_field_contains:
        for content_type, veld in eerder:
            voorwaarde |= Q(content_type=content_type, **{f"changes__{veld}__contains": [str(signaal.pk)]})
    else:
        # SQLite (the quick start) cannot search inside JSON; it only ever holds demo data.
        for content_type, veld in eerder:
            kandidaten = LogEntry.objects.filter(content_type=content_type).values_list("pk", "changes")
            ids = [pk for pk, changes in kandidaten if str(signaal.pk) in ((changes or {}).get(veld) or [])]
            voorwaarde |= Q(pk__in=ids)
    regels = list(LogEntry.objects.filter(voorwaarde).only("pk", "changes"))
    for regel in regels:
        regel.changes = {veld: [MASKER, MASKER] for veld in (regel.changes or {})}
        regel.changes_text = ""
        regel.object_repr = signaal.referentie
        regel.additional_data = None
        regel.serialized_data = None
    velden = ["changes", "changes_text", "object_repr", "additional_data", "serialized_data"]
    LogEntry.objects.bulk_update(regels, velden, batch_size=500)
    return len(regels)


def _generieke_objectrechten(signaal: Signaal) -> dict[str, int]:
    """Guardian's generic rows for the signal (there should be none; see rechten_controleren)."""
    signaaltype = ContentType.objects.get_for_model(Signaal)
    aantallen = {}
    for model in (GroupObjectPermission, UserObjectPermission):
        aantal, _ = model.objects.filter(content_type=signaaltype, object_pk=str(signaal.pk)).delete()
        if aantal:
            aantallen[model._meta.label] = aantal
    return aantallen


@contextmanager
def _voorbij_de_bewaking() -> Iterator[None]:
    """For the writes in this block only, within the current transaction: the database lets it
    change the access log and the audit log and remove a signal (migration 0011_bewaking).

    Should the block fail, the rollback of the transaction (or savepoint) ends it as well.
    """
    if connection.vendor != "postgresql":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT set_config('mensenhandel.bewaring', 'aan', true)")
    yield
    with connection.cursor() as cursor:
        cursor.execute("SELECT set_config('mensenhandel.bewaring', '', true)")


def anonimiseren(*, signaal_id: int, vandaag: datetime.date | None = None) -> Anonimisering | None:
    """Remove one signal past its term (see the module's docstring), in one transaction.

    None when it is not, or no longer, due: reopened, on hold, already removed, or held by an AF
    at this moment (the next run looks again).
    """
    vandaag = vandaag or timezone.localdate()
    with transaction.atomic():
        signaal = (
            Signaal.objects.select_for_update(of=("self",), skip_locked=True)
            .select_related("gemeente")
            .filter(pk=signaal_id)
            .first()
        )
        if signaal is None:
            return None
        verval = verval_van(signaal, Termijntabel([signaal.gemeente_id]))
        if verval is None or verval.vervaldatum > vandaag:
            return None
        if lopend_bewaard().filter(signaal=signaal).exists():
            return None

        collector = Collector(using=router.db_for_write(Signaal))
        collector.collect([signaal])
        delen = _delen(collector)
        bestanden = sorted(Bijlage.objects.filter(pk__in=delen.get(Bijlage, ())).values_list("bestand", flat=True))
        referentie, pk, gemeente_id, afloop = signaal.referentie, signaal.pk, signaal.gemeente_id, signaal.afloop
        with _voorbij_de_bewaking():
            auditlog = _auditlog_schonen(signaal, delen)
            toegangslog = toegangslogregels.querystrings_verwijderen(toegangslogregels.over_signaal(pk))
            # What the FG's audit log keeps of the removal: that it happened, when, and why.
            LogEntry.objects.log_create(
                signaal,
                action=LogEntry.Action.DELETE,
                changes={},
                additional_data={
                    "beschrijving": "Verwijderd na de bewaartermijn",
                    "reden": "bewaartermijn verstreken",
                    "afloop": afloop,
                },
            )
            generiek = _generieke_objectrechten(signaal)
            # The cascade takes the route's history with the signal; it writes no audit entries
            # of its own (they would repeat what was just removed).
            with disable_auditlog():
                _, per_model = collector.delete()
        aantallen = {
            label: aantal
            for label, aantal in sorted(per_model.items())
            if aantal and not apps.get_model(label)._meta.auto_created
        }
        aantallen |= generiek | {"bestanden": len(bestanden), "auditlog": auditlog, "toegangslog": toegangslog}
        anonimisering = Anonimisering.objects.create(
            referentie=referentie,
            signaal_pk=pk,
            gemeente_id=gemeente_id,
            afloop=afloop,
            afgesloten_op=verval.afgesloten_op,
            bewaartermijn_maanden=verval.maanden,
            vervaldatum=verval.vervaldatum,
            aantallen=aantallen,
            bestanden=bestanden,
        )
        transaction.on_commit(partial(bestanden_verwijderen, anonimisering.pk), robust=True)
    return anonimisering


def bestanden_verwijderen(anonimisering_id: int) -> int:
    """Remove the files of one removal from storage; the number removed. Safe to repeat."""
    namen = Anonimisering.objects.filter(pk=anonimisering_id, bestanden_verwijderd_op__isnull=True).values_list(
        "bestanden", flat=True
    )
    lijst = next(iter(namen), None)
    if lijst is None:
        return 0
    for naam in lijst:
        default_storage.delete(naam)  # A file already gone is no error.
    Anonimisering.objects.filter(pk=anonimisering_id, bestanden_verwijderd_op__isnull=True).update(
        bestanden=[], bestanden_verwijderd_op=timezone.now()
    )
    return len(lijst)


def verlopen_anonimiseren(*, vandaag: datetime.date | None = None) -> int:
    """The daily run: finish earlier removals' files, then remove every signal past its term.

    Idempotent: a second run finds nothing more to do. One signal that fails is left for the
    next run and does not stop the others; the log names it by number only.
    """
    vandaag = vandaag or timezone.localdate()
    for pk in Anonimisering.objects.filter(bestanden_verwijderd_op__isnull=True).values_list("pk", flat=True):
        bestanden_verwijderen(pk)
    aantal = 0
    for verval in te_verwijderen(tot=vandaag):
        try:
            aantal += anonimiseren(signaal_id=verval.signaal.pk, vandaag=vandaag) is not None
        except Exception as fout:
            logger.error(
                "Signaal %s niet geanonimiseerd (%s); de volgende ronde probeert het opnieuw",
                verval.signaal.pk,
                type(fout).__name__,
            )
    if aantal:
        logger.info("Bewaartermijn verstreken: %s signalen geanonimiseerd", aantal)
    return aantal
