"""The rows of the access log and the audit log that a functionaris gegevensbescherming may read,
and how they read them: reference numbers instead of internal ids, actions in plain Dutch.

Scope (docs/autorisatie.md, "FG-bereik van de logboeken"), from the one FG scope in
``signalen.selectors``:

- an access-log row is the FG's when it names a signal of a gemeente they serve, or when it was
  written for a user who is a member of one of the FG's organisations (their list and search
  rows and refused attempts included). A partner's read of such a signal is the FG's; another
  gemeente's AF reading that gemeente's own signal is not.
- an audit row is the FG's when it is about a signal of their gemeenten or about a part of one
  (betrokkenen, locaties, bijlagen, notities, step data, delingen, terugmeldingen, object
  permissions: every audited model with a foreign key to the signal, or to such a part), when it
  is about one of their users, memberships or organisations, or when one of their users made it.
  A part that was removed since is found through the signal its creation or removal row names; a
  signal removed after its retention term through its reference number (``Anonimisering``).

Reference numbers are shown only for the FG's own signals; other signals are counted, never named.
"""

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from auditlog.models import LogEntry
from auditlog.registry import auditlog
from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.db.models import BooleanField, CharField, Model, Q, QuerySet
from django.db.models.expressions import RawSQL
from django.db.models.fields.json import KeyTextTransform, KeyTransform
from django.db.models.functions import Cast
from django.urls import Resolver404, resolve

from ketenpartners.models import Gebruiker, Lidmaatschap, Organisatie
from signalen.models import Anonimisering, Signaal, Toegangslog
from signalen.selectors import fg_gemeenten, fg_organisaties

Actie = Toegangslog.Actie

# What happened, in the words of the FG (the stored labels are kept: changing them would need a
# migration, and the access export of gegevensbescherming/ shows them as they are).
TOEGESTAAN: dict[str, str] = {
    Actie.DETAIL: "Signaal bekeken",
    Actie.LIJST: "Lijst bekeken",
    Actie.BIJLAGE: "Bijlage gedownload",
    Actie.DOWNLOAD: "Signaal gedownload",
    Actie.ONTVANGSTBEVESTIGING: "Ontvangstbevestiging bekeken",
    Actie.ZOEKEN: "Gezocht",
    Actie.RAPPORT: "Evaluatierapport gedownload",
    Actie.MONITORING: "Monitoringsexport gedownload",
    Actie.BETROKKENE_GEZOCHT: "Betrokkene gezocht",
    Actie.BETROKKENE_BEKEKEN: "Gegevens van betrokkene bekeken",
    Actie.INZAGE_EXPORT: "Inzage-export gedownload",
    Actie.BETROKKENE_GECORRIGEERD: "Gegevens van betrokkene gecorrigeerd",
    Actie.BETROKKENE_VERWIJDERD: "Betrokkene verwijderd",
    Actie.TOEGANG_EXPORT: "Toegangsexport gedownload",
    Actie.SAMENHANG_ELDERS: "Mogelijk samenhangend signaal bij andere gemeente getoond",
    Actie.CONTACTVERZOEK: "Contact gevraagd over samenhangend signaal",
    Actie.TAFELAGENDA: "Agenda van een tafel bekeken",
    Actie.TAFELVERSLAG: "Verslag van een tafel bekeken",
}
# What was attempted, after "Toegang geweigerd: ".
GEWEIGERD: dict[str, str] = {
    Actie.DETAIL: "signaal bekijken",
    Actie.LIJST: "lijst bekijken",
    Actie.BIJLAGE: "bijlage downloaden",
    Actie.DOWNLOAD: "signaal downloaden",
    Actie.ONTVANGSTBEVESTIGING: "ontvangstbevestiging bekijken",
    Actie.ZOEKEN: "zoeken",
    Actie.RAPPORT: "evaluatierapport downloaden",
    Actie.MONITORING: "monitoringsexport downloaden",
    Actie.BETROKKENE_GEZOCHT: "betrokkene zoeken",
    Actie.BETROKKENE_BEKEKEN: "gegevens van betrokkene bekijken",
    Actie.INZAGE_EXPORT: "inzage-export downloaden",
    Actie.BETROKKENE_GECORRIGEERD: "gegevens van betrokkene corrigeren",
    Actie.BETROKKENE_VERWIJDERD: "betrokkene verwijderen",
    Actie.TOEGANG_EXPORT: "toegangsexport downloaden",
    Actie.SAMENHANG_ELDERS: "samenhang bij andere gemeente bekijken",
    Actie.CONTACTVERZOEK: "om contact vragen bij andere gemeente",
    Actie.TAFELAGENDA: "agenda van een tafel bekijken",
    Actie.TAFELVERSLAG: "verslag van een tafel bekijken",
}
# A list row says which list: the page it was read on.
LIJSTEN = {
    "meldroute:werkbak": "Werkbak geopend",
    "meldroute:mijn_signalen": "Mijn signalen geopend",
    "meldroute:contactverzoeken": "Contactverzoeken geopend",
    "meldroute:gedeeld": "Gedeelde signalen geopend",
    "meldroute:actie_nodig": "Actie nodig geopend",
}
AUDITACTIES = {
    LogEntry.Action.CREATE: "Aangemaakt",
    LogEntry.Action.UPDATE: "Gewijzigd",
    LogEntry.Action.DELETE: "Verwijderd",
    LogEntry.Action.ACCESS: "Bekeken",
}


def toegangsactie(regel: Toegangslog) -> str:
    """The row's action as the FG reads it, e.g. "Werkbak geopend" or "Toegang geweigerd: signaal bekijken"."""
    if regel.resultaat == Toegangslog.Resultaat.GEWEIGERD:
        return f"Toegang geweigerd: {GEWEIGERD.get(regel.actie, regel.get_actie_display().lower())}"
    if regel.actie == Actie.LIJST:
        try:
            pagina = resolve(regel.pad.split("?", 1)[0]).view_name
        except Resolver404:
            pagina = ""
        return LIJSTEN.get(pagina, TOEGESTAAN[Actie.LIJST])
    return TOEGESTAAN.get(regel.actie, regel.get_actie_display())


@contextmanager
def zonder_jit() -> Iterator[None]:
    """Read the FG's log pages without PostgreSQL's JIT compiler, within one transaction.

    The planner takes every JSON list of signal ids for 100 elements, so the count of the
    access log looks costly enough to compile: on 6,000 rows that compilation took 0.4 s for a
    query that runs in 10 ms without it (EXPLAIN ANALYZE). ``SET LOCAL`` ends with the transaction.
    """
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL jit = off")
        yield


# Scope.


@dataclass(frozen=True)
class Bereik:
    """The FG's scope, read once per page: a few short lists of ids."""

    gemeenten: list[int]
    organisaties: list[int]
    gebruikers: list[int]

    @classmethod
    def van(cls, fg: Gebruiker) -> "Bereik":
        organisaties = list(fg_organisaties(fg).values_list("pk", flat=True))
        gebruikers = Lidmaatschap.objects.filter(organisatie__in=organisaties).values_list("gebruiker_id", flat=True)
        return cls(
            gemeenten=list(fg_gemeenten(fg).values_list("pk", flat=True)),
            organisaties=organisaties,
            gebruikers=sorted(set(gebruikers)),
        )


def _noemt_signaal_van(gemeenten: Sequence[int]) -> Q | RawSQL:
    """Access-log rows that name a signal of these gemeenten (or one removed after its term).

    The JSON list cannot be joined through the ORM.
    """
    if not gemeenten:
        return Q(pk__in=[])
    tabel = connection.ops.quote_name(Toegangslog._meta.db_table)
    plaatsen = ", ".join(["%s"] * len(gemeenten))
    if connection.vendor == "postgresql":
        elementen, waarde = f"jsonb_array_elements_text({tabel}.signaal_ids) AS e(id)", "e.id::bigint"
    else:
        elementen, waarde = f"json_each({tabel}.signaal_ids) AS e", "e.value"
    # Under OR, each IN stays a subplan that is hashed once for the whole query; each id of a
    # row is then one probe. Only table and column names go into the text; the gemeenten are
    # parameters.
    sql = (
        f"EXISTS (SELECT 1 FROM {elementen} WHERE {waarde} IN "  # noqa: S608
        f"(SELECT id FROM {Signaal._meta.db_table} WHERE gemeente_id IN ({plaatsen})) OR {waarde} IN "
        f"(SELECT signaal_pk FROM {Anonimisering._meta.db_table} WHERE gemeente_id IN ({plaatsen})))"
    )
    return RawSQL(sql, [*gemeenten, *gemeenten], output_field=BooleanField())  # noqa: S611


def toegangsregels(fg: Gebruiker) -> QuerySet[Toegangslog]:
    """The access-log rows this FG may read (see the module's docstring), newest first."""
    bereik = Bereik.van(fg)
    return Toegangslog.objects.filter(
        Q(gebruiker_id__in=bereik.gebruikers) | _noemt_signaal_van(bereik.gemeenten)
    ).order_by("-tijdstip", "-pk")


def signaal_in_bereik(fg: Gebruiker, referentie: str) -> int | None:
    """The internal id of the FG's signal with this reference number, also after its removal."""
    referentie = referentie.strip().upper()
    gemeenten = fg_gemeenten(fg).values("pk")
    pk = Signaal.objects.filter(referentie=referentie, gemeente__in=gemeenten).values_list("pk", flat=True).first()
    if pk is None:
        pk = (
            Anonimisering.objects.filter(referentie=referentie, gemeente__in=gemeenten)
            .values_list("signaal_pk", flat=True)
            .first()
        )
    return pk


def referenties(fg: Gebruiker, signaal_ids: Iterable[int]) -> dict[int, str]:
    """The reference numbers of those of these signals that are the FG's, in one query."""
    ids = set(signaal_ids)
    if not ids:
        return {}
    gemeenten = fg_gemeenten(fg).values("pk")
    bestaand = Signaal.objects.filter(pk__in=ids, gemeente__in=gemeenten).values_list("pk", "referentie")
    verwijderd = Anonimisering.objects.filter(signaal_pk__in=ids, gemeente__in=gemeenten).values_list(
        "signaal_pk", "referentie"
    )
    return dict(bestaand.union(verwijderd, all=True))


@dataclass(frozen=True)
class Toegangsregel:
    regel: Toegangslog
    actie: str
    referenties: list[str]
    andere: int  # signals named in the row that are not the FG's: counted, never named

    @property
    def signalen(self) -> str:
        """E.g. "MH-2026-00042, 2 signalen van andere gemeenten"."""
        delen = list(self.referenties)
        if self.andere == 1:
            delen.append("1 signaal van een andere gemeente")
        elif self.andere > 1:
            delen.append(f"{self.andere} signalen van andere gemeenten")
        return ", ".join(delen) or "–"


def toegangsregels_tonen(fg: Gebruiker, regels: Sequence[Toegangslog]) -> list[Toegangsregel]:
    namen = referenties(fg, (pk for regel in regels for pk in regel.signaal_ids))
    return [
        Toegangsregel(
            regel=regel,
            actie=toegangsactie(regel),
            referenties=[namen[pk] for pk in regel.signaal_ids if pk in namen],
            andere=sum(pk not in namen for pk in regel.signaal_ids),
        )
        for regel in regels
    ]


# The audit log.


def _pad_naar_signaal(model: type[Model]) -> tuple[str, str] | None:
    """How an audited model reaches its signal: (lookup path, the foreign key on the model itself).

    ("", "") for the signal itself; None for a model that is not part of a signal.
    """
    if model is Signaal:
        return "", ""
    sleutels = [veld for veld in model._meta.concrete_fields if veld.many_to_one and veld.related_model is not None]
    for veld in sleutels:
        if veld.related_model is Signaal:
            return veld.name, veld.name
    for veld in sleutels:
        doel = veld.related_model
        if not isinstance(doel, type):  # "self": a model that points at itself is no part
            continue
        for verder in doel._meta.concrete_fields:
            if verder.many_to_one and verder.related_model is Signaal:
                return f"{veld.name}__{verder.name}", ""
    return None


def _signaalmodellen() -> dict[type[Model], tuple[str, str]]:
    paden = {model: _pad_naar_signaal(model) for model in auditlog.get_models()}
    return {model: pad for model, pad in paden.items() if pad is not None}


def _sleutels() -> dict[str, list[type[Model]]]:
    """Per foreign key to the signal (its name), the audited models that have it."""
    per_sleutel: dict[str, list[type[Model]]] = defaultdict(list)
    for model, (_, sleutel) in _signaalmodellen().items():
        if sleutel:
            per_sleutel[sleutel].append(model)
    per_sleutel["organisatie"].append(Lidmaatschap)
    return per_sleutel


def _met_sleutels(regels: QuerySet[LogEntry]) -> QuerySet[LogEntry]:
    """The old and new value of each of those foreign keys in a row's changes, as text.

    Auditlog writes a foreign key as its id in text, [old, new]: ["None", "42"] on creation and
    ["42", "None"] on removal. So a creation or removal row names whose part it was, also once
    the part is gone.
    """
    velden = {}
    for sleutel in _sleutels():
        waarde = KeyTransform(sleutel, "changes")
        velden[f"_{sleutel}_oud"] = KeyTextTransform("0", waarde)
        velden[f"_{sleutel}_nieuw"] = KeyTextTransform("1", waarde)
    return regels.alias(**velden)


def _noemt(modellen: Iterable[type[Model]], sleutel: str, ids: QuerySet[Any] | list[str]) -> Q:
    """Creation and removal rows of these models whose ``sleutel`` names one of ``ids``."""
    return Q(
        Q(**{f"_{sleutel}_oud__in": ids}) | Q(**{f"_{sleutel}_nieuw__in": ids}),
        content_type__in=list(ContentType.objects.get_for_models(*modellen).values()),
        action__in=[LogEntry.Action.CREATE, LogEntry.Action.DELETE],
    )


def _als_tekst(ids: QuerySet[Any]) -> QuerySet[Any]:
    return ids.annotate(_tekst=Cast("pk", CharField())).values("_tekst")


def _over_signalen(signalen: QuerySet[Signaal], onderdelen: dict[type[Model], QuerySet[Any]], namen: Q) -> Q:
    """Rows about these signals, about their parts (``onderdelen``: per model, the parts' ids),
    creation and removal rows of parts removed since, and rows kept of signals removed after
    their term (``namen``)."""
    modellen = _signaalmodellen()
    typen = ContentType.objects.get_for_models(*modellen)
    voorwaarde = Q(content_type=typen[Signaal], object_id__in=signalen.values("pk"))
    for model, ids in onderdelen.items():
        voorwaarde |= Q(content_type=typen[model], object_id__in=ids)
    for sleutel, met_sleutel in _sleutels().items():
        if sleutel != "organisatie":
            voorwaarde |= _noemt(met_sleutel, sleutel, _als_tekst(signalen))
    # Removed after the retention term: every row of the signal and its parts kept who, when and
    # what kind, with the reference number as its description (signalen/bewaring/verwijderen.py).
    return voorwaarde | (Q(content_type__in=list(typen.values())) & namen)


def _over_gebruikers(bereik: Bereik) -> Q:
    typen = ContentType.objects.get_for_models(Gebruiker, Lidmaatschap, Organisatie)
    lidmaatschappen = Lidmaatschap.objects.filter(organisatie__in=bereik.organisaties).values("pk")
    return (
        Q(content_type=typen[Gebruiker], object_id__in=bereik.gebruikers)
        | Q(content_type=typen[Organisatie], object_id__in=bereik.organisaties)
        | Q(content_type=typen[Lidmaatschap], object_id__in=lidmaatschappen)
        | _noemt([Lidmaatschap], "organisatie", [str(pk) for pk in bereik.organisaties])
    )


def auditregels(fg: Gebruiker) -> QuerySet[LogEntry]:
    """The audit rows this FG may read (see the module's docstring), newest first."""
    bereik = Bereik.van(fg)
    onderdelen = {
        model: model._default_manager.filter(**{f"{pad}__gemeente__in": bereik.gemeenten}).values("pk")
        for model, (pad, _) in _signaalmodellen().items()
        if pad
    }
    verwijderd = Anonimisering.objects.filter(gemeente__in=bereik.gemeenten).values("referentie")
    over_signalen = _over_signalen(
        Signaal.objects.filter(gemeente__in=bereik.gemeenten), onderdelen, Q(object_repr__in=verwijderd)
    )
    return (
        _met_sleutels(LogEntry.objects.all())
        .filter(Q(actor_id__in=bereik.gebruikers) | over_signalen | _over_gebruikers(bereik))
        .select_related("actor", "content_type")
        .order_by("-timestamp", "-pk")
    )


def auditregels_over_signaal(regels: QuerySet[LogEntry], signaal_pk: int, referentie: str) -> QuerySet[LogEntry]:
    """The rows about one signal and its parts (also those removed since); ``regels`` from ``auditregels``."""
    onderdelen = {
        model: model._default_manager.filter(**{pad: signaal_pk}).values("pk")
        for model, (pad, _) in _signaalmodellen().items()
        if pad
    }
    return regels.filter(_over_signalen(Signaal.objects.filter(pk=signaal_pk), onderdelen, Q(object_repr=referentie)))


@dataclass(frozen=True)
class Auditregel:
    regel: LogEntry
    wijziging: str
    soort: str
    object: str
    referentie: str  # "" when the row is about no signal, "andere gemeente" for one that is not the FG's
    velden: list[str]


REFERENTIE = re.compile(r"^MH-\d{4}-\d+$")
# Descriptions name the signal by its internal id ("Deling #3 van signaal 42", "42: Verrijkt")
# or by its reference number (object permissions); the column "Signaal" names it instead.
SIGNAAL_IN_OMSCHRIJVING = [re.compile(r"\s+(van|bij) signaal \d+$"), re.compile(r"^\d+: "), re.compile(r"^MH-\S+ \| ")]


def _signaal_van_regels(regels: Sequence[LogEntry]) -> dict[int, int]:
    """Per row (by pk) the internal id of its signal, in one query per kind of part on the page."""
    modellen = _signaalmodellen()
    per_type: dict[int, list[LogEntry]] = defaultdict(list)
    for regel in regels:
        per_type[regel.content_type_id].append(regel)
    signaal_van: dict[int, int] = {}
    for type_id, groep in per_type.items():
        model = ContentType.objects.get_for_id(type_id).model_class()
        if model not in modellen:
            continue
        pad, sleutel = modellen[model]
        ids = {regel.object_id for regel in groep if regel.object_id is not None}
        if pad:
            gevonden = dict(model._default_manager.filter(pk__in=ids).values_list("pk", pad))
        else:
            gevonden = {pk: pk for pk in ids}
        for regel in groep:
            pk = gevonden.get(regel.object_id)
            if pk is None and sleutel:
                # Removed since: its creation or removal row (or this one) names the signal.
                oud, nieuw = ((regel.changes or {}).get(sleutel) or [None, None])[:2]
                pk = next((int(w) for w in (nieuw, oud) if isinstance(w, str) and w.isdigit()), None)
            if pk is not None:
                signaal_van[regel.pk] = pk
    return signaal_van


def auditregels_tonen(fg: Gebruiker, regels: Sequence[LogEntry]) -> list[Auditregel]:
    signaal_van = _signaal_van_regels(regels)
    namen = referenties(fg, signaal_van.values())
    verwijderd = set(
        Anonimisering.objects.filter(
            gemeente__in=fg_gemeenten(fg).values("pk"),
            referentie__in={r.object_repr for r in regels if REFERENTIE.match(r.object_repr)},
        ).values_list("referentie", flat=True)
    )
    modellen = _signaalmodellen()
    getoond = []
    for regel in regels:
        model = regel.content_type.model_class()
        omschrijving = regel.object_repr
        referentie = ""
        if model in modellen:
            pk = signaal_van.get(regel.pk)
            if pk in namen:
                referentie = namen[pk]
            elif REFERENTIE.match(omschrijving) and omschrijving in verwijderd:
                referentie = omschrijving
            else:
                referentie = "andere gemeente"
            for patroon in SIGNAAL_IN_OMSCHRIJVING:
                omschrijving = patroon.sub("", omschrijving)
            if model is Signaal or REFERENTIE.match(omschrijving):
                omschrijving = "–"
        extra = regel.additional_data if isinstance(regel.additional_data, dict) else {}
        getoond.append(
            Auditregel(
                regel=regel,
                wijziging=extra.get("beschrijving") or AUDITACTIES.get(regel.action, ""),
                soort=str(model._meta.verbose_name if model else regel.content_type.name),
                object=omschrijving or "–",
                referentie=referentie,
                velden=list((regel.changes or {}).keys()) if isinstance(regel.changes, dict) else [],
            )
        )
    return getoond
