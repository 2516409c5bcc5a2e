"""Signals of the own gemeente that may be about the same person, address or company.

Two sources, each one query whatever the number of signals:
- the match keys (signalen.Matchsleutel, HMAC of normalised keys): other signals of the same
  gemeente with a key in common, found through the index (gemeente, soort, waarde);
- fuzzy names within the gemeente: a betrokkene with the same birth date and a similar name
  (PostgreSQL pg_trgm ``word_similarity`` of the normalised surname in the other's name; on
  SQLite, the quick start, difflib on the words of the name).

A pair the AF has judged (meldroute.Samenhang) is never suggested again: a rejected pair stays
away, a confirmed one is listed apart. Only signals the user may handle are shown; a match never
opens anything else.
"""

import datetime
import difflib
from dataclasses import dataclass, field

from django.contrib.postgres.search import TrigramWordSimilarity
from django.db import connection
from django.db.models import Case, Exists, FloatField, OuterRef, Q, QuerySet, Value, When
from django.db.models.expressions import Combinable
from django.db.models.functions import Greatest, Lower

from ketenpartners.models import Gebruiker, Lidmaatschap, Organisatie, Regio, Rol
from meldroute.models import Contactverzoek, Samenhang
from signalen.models import Betrokkene, Matchsleutel, Signaal
from signalen.samenhang import normalisatie
from signalen.selectors import behandelbare_signalen

ZELFDE_PERSOON = "zelfde persoon"
ZELFDE_ADRES = "zelfde adres"
ZELFDE_KVK = "zelfde KvK-nummer"
ZELFDE_TELEFOON = "zelfde telefoonnummer"
ZELFDE_BEDRIJFSNAAM = "zelfde bedrijfsnaam"
VERGELIJKBARE_NAAM = "vergelijkbare naam, zelfde geboortedatum"

# Strongest first: the order of the reasons of one suggestion, and of the suggestions.
REDENEN = [ZELFDE_PERSOON, ZELFDE_KVK, ZELFDE_TELEFOON, VERGELIJKBARE_NAAM, ZELFDE_ADRES, ZELFDE_BEDRIJFSNAAM]

REDEN_PER_SOORT: dict[str, str] = {
    Matchsleutel.Soort.NAAM_GEBOORTEDATUM: ZELFDE_PERSOON,
    Matchsleutel.Soort.FONETISCH_GEBOORTEDATUM: ZELFDE_PERSOON,
    Matchsleutel.Soort.POSTCODE_HUISNUMMER: ZELFDE_ADRES,
    Matchsleutel.Soort.ADRES: ZELFDE_ADRES,
    Matchsleutel.Soort.KVK: ZELFDE_KVK,
    Matchsleutel.Soort.TELEFOON: ZELFDE_TELEFOON,
    Matchsleutel.Soort.BEDRIJFSNAAM: ZELFDE_BEDRIJFSNAAM,
}

# word_similarity(surname, other name), from examples with the same birth date:
# "jansen" in "Jan Jansen" or "Jansen, J." 1.0, in "J. Janssen" 0.67 (match);
# in "Jansma" or "Hansen" 0.57, in "J. Jensen" 0.43, in "Piet de Vries" 0 (no match).
DREMPEL_TRIGRAM = 0.6
# difflib's ratio is more lenient: "jansen"/"janssen" 0.92, "janssens" 0.86 (match);
# "hansen" 0.83, "jansma" 0.67 (no match).
DREMPEL_DIFFLIB = 0.85


@dataclass
class Suggestie:
    """Another signal of the gemeente that may belong with this one, and why (kinds only)."""

    pk: int
    referentie: str
    stap: str
    redenen: list[str] = field(default_factory=list)


@dataclass
class Overzicht:
    suggesties: list[Suggestie]
    samenhangend: list[Suggestie]

    @property
    def signaal_ids(self) -> list[int]:
        return [s.pk for s in self.suggesties + self.samenhangend]


def _personen(signaal: Signaal) -> list[tuple[str, datetime.date]]:
    """(normalised surname, birth date) of the signal's betrokkenen that have both."""
    personen = []
    for betrokkene in signaal.betrokkenen.all():
        if betrokkene.naam and betrokkene.geboortedatum:
            achternaam = normalisatie.achternaam(betrokkene.naam)
            if achternaam:
                personen.append((achternaam, betrokkene.geboortedatum))
    return personen


def _lijkt_op(achternaam: str, naam: str) -> float:
    """The portable similarity: the best difflib ratio of the surname to a word of the name."""
    woorden = [woord.strip(".-") for woord in naam.lower().replace(",", " ").split()]
    woorden.append(normalisatie.achternaam(naam))
    return max((difflib.SequenceMatcher(None, achternaam, woord).ratio() for woord in woorden), default=0.0)


def _vergelijkbare_namen(signaal: Signaal, andere: Q) -> set[int]:
    """Signals of the gemeente with a betrokkene of the same birth date and a similar name."""
    personen = _personen(signaal)
    if not personen:
        return set()
    kandidaten = (
        Betrokkene.objects.filter(andere, geboortedatum__in={datum for _, datum in personen})
        .exclude(naam="")
        .order_by()
    )
    if connection.vendor == "postgresql":
        gelijkenissen: list[Combinable] = [
            Case(
                When(geboortedatum=datum, then=TrigramWordSimilarity(achternaam, Lower("naam"))),
                default=Value(0.0),
                output_field=FloatField(),
            )
            for achternaam, datum in personen
        ]
        gelijkenis = gelijkenissen[0] if len(gelijkenissen) == 1 else Greatest(*gelijkenissen)
        return set(
            kandidaten.annotate(gelijkenis=gelijkenis)
            .filter(gelijkenis__gte=DREMPEL_TRIGRAM)
            .values_list("signaal_id", flat=True)
        )
    return {
        signaal_id
        for signaal_id, naam, geboortedatum in kandidaten.values_list("signaal_id", "naam", "geboortedatum")
        if any(datum == geboortedatum and _lijkt_op(a, naam) >= DREMPEL_DIFFLIB for a, datum in personen)
    }


def _gevonden(signaal: Signaal, *, alleen: int | None = None) -> dict[int, set[str]]:
    """Per other signal of the same gemeente: the kinds of match (keys and similar names)."""
    andere = Q(signaal__gemeente_id=signaal.gemeente_id) & ~Q(signaal_id=signaal.pk)
    if alleen is not None:
        andere &= Q(signaal_id=alleen)
    redenen: dict[int, set[str]] = {}
    eigen = list(Matchsleutel.objects.filter(signaal_id=signaal.pk).values_list("soort", "waarde"))
    if eigen:
        # The key holds its kind (HMAC of "soort:waarde"): equal values are equal keys of one kind.
        treffers = (
            Matchsleutel.objects.filter(
                gemeente_id=signaal.gemeente_id,
                soort__in={soort for soort, _ in eigen},
                waarde__in={waarde for _, waarde in eigen},
            )
            .exclude(signaal_id=signaal.pk)
            .order_by()
            .values_list("signaal_id", "soort")
            .distinct()
        )
        if alleen is not None:
            treffers = treffers.filter(signaal_id=alleen)
        for signaal_id, soort in treffers:
            if reden := REDEN_PER_SOORT.get(soort):
                redenen.setdefault(signaal_id, set()).add(reden)
    for signaal_id in _vergelijkbare_namen(signaal, andere):
        redenen.setdefault(signaal_id, set()).add(VERGELIJKBARE_NAAM)
    for gevonden in redenen.values():
        # A similar name with the same birth date says less than the same person by key.
        if ZELFDE_PERSOON in gevonden:
            gevonden.discard(VERGELIJKBARE_NAAM)
    return redenen


def _geordend(redenen: set[str] | list[str]) -> list[str]:
    return sorted(redenen, key=lambda reden: REDENEN.index(reden) if reden in REDENEN else len(REDENEN))


def redenen_tussen(signaal: Signaal, ander: Signaal) -> list[str]:
    """Why these two signals of one gemeente may belong together, strongest first (kinds only)."""
    if signaal.gemeente_id != ander.gemeente_id:
        return []
    return _geordend(_gevonden(signaal, alleen=ander.pk).get(ander.pk, set()))


def samenhang_van(signaal: Signaal, *, gebruiker: Gebruiker) -> Overzicht:
    """The suggestions for this signal and the signals confirmed to belong with it.

    Suggestions: strongest reason first, then the most reasons, then the newest signal.
    Confirmed ones: the newest first. Both only with signals ``gebruiker`` may handle.
    """
    redenen = _gevonden(signaal)
    beoordeeld = {
        (a if b == signaal.pk else b): (status, opgeslagen)
        for a, b, status, opgeslagen in Samenhang.objects.filter(
            Q(signaal_a_id=signaal.pk) | Q(signaal_b_id=signaal.pk)
        ).values_list("signaal_a_id", "signaal_b_id", "status", "redenen")
    }
    bevestigd = {pk for pk, (status, _) in beoordeeld.items() if status == Samenhang.Status.BEVESTIGD}
    open_ids = set(redenen) - set(beoordeeld)
    if not open_ids and not bevestigd:
        return Overzicht(suggesties=[], samenhangend=[])
    signalen = list(
        behandelbare_signalen(gebruiker)
        .filter(pk__in=open_ids | bevestigd, gemeente_id=signaal.gemeente_id)
        .only("pk", "referentie", "status", "ingediend_op")
        .order_by("-ingediend_op", "-pk")
    )
    suggesties = [
        Suggestie(s.pk, s.referentie, s.get_status_display(), _geordend(redenen[s.pk]))
        for s in signalen
        if s.pk in open_ids
    ]
    # Stable sort: within the same strength the newest stays first.
    suggesties.sort(key=lambda s: (REDENEN.index(s.redenen[0]), -len(s.redenen)))
    samenhangend = [
        Suggestie(s.pk, s.referentie, s.get_status_display(), _geordend(beoordeeld[s.pk][1] or []))
        for s in signalen
        if s.pk in bevestigd
    ]
    return Overzicht(suggesties=suggesties, samenhangend=samenhangend)


def met_open_suggestie(signaal_ids: list[int]) -> set[int]:
    """Which of these signals share a match key with another signal of their gemeente that was
    not judged yet: the werkbak's marker, one query for the page's rows."""
    if not signaal_ids:
        return set()
    beoordeeld = Samenhang.objects.filter(
        Q(signaal_a_id=OuterRef("signaal_id"), signaal_b_id=OuterRef(OuterRef("signaal_id")))
        | Q(signaal_b_id=OuterRef("signaal_id"), signaal_a_id=OuterRef(OuterRef("signaal_id")))
    )
    ander = (
        Matchsleutel.objects.filter(
            gemeente_id=OuterRef("gemeente_id"), soort=OuterRef("soort"), waarde=OuterRef("waarde")
        )
        .exclude(signaal_id=OuterRef("signaal_id"))
        .filter(~Exists(beoordeeld))
    )
    return set(
        Matchsleutel.objects.filter(signaal_id__in=signaal_ids)
        .filter(Exists(ander))
        .order_by()
        .values_list("signaal_id", flat=True)
        .distinct()
    )


# Between gemeenten: hit/no-hit by key only (docs/adr/0010-samenhangende-signalen.md).


@dataclass(frozen=True)
class Contact:
    naam: str
    email: str
    gemeente: str = ""


@dataclass
class TrefferElders:
    """Another gemeente has a signal with a key in common: which gemeente, what kind of match,
    whom to call. Never a reference number or content. ``signaal_ids`` (the other gemeente's
    matching signals) is for the access log only and is never shown."""

    gemeente_id: int
    gemeente: str
    redenen: list[str]
    contacten: list[Contact]
    signaal_ids: list[int]
    # Our request to that gemeente about this signal, and theirs to us about a matching signal.
    gevraagd_op: datetime.datetime | None = None
    ontvangen: list[tuple[Contact, datetime.datetime]] = field(default_factory=list)


def bereikbare_gemeenten(gemeente_id: int) -> QuerySet[Organisatie]:
    """The other active gemeenten a signal of this gemeente is compared with: those of its regio,
    and those of other regio's when both regio's have 'samenhang met andere regio's' on."""
    eigen_regios = Regio.objects.filter(organisaties=gemeente_id)
    bereik = Q(regios__in=eigen_regios)
    if eigen_regios.filter(samenhang_tussen_regios=True).exists():
        bereik |= Q(regios__samenhang_tussen_regios=True)
    return (
        Organisatie.objects.filter(bereik, soort=Organisatie.Soort.GEMEENTE, actief=True)
        .exclude(pk=gemeente_id)
        .distinct()
    )


def _contacten(gemeente_ids: set[int]) -> dict[int, list[Contact]]:
    """The active AFs of these gemeenten with an e-mail address, by name: whom the other side can reach."""
    per_gemeente: dict[int, list[Contact]] = {}
    leden = (
        Lidmaatschap.objects.filter(
            organisatie_id__in=gemeente_ids,
            organisatie__actief=True,
            rol=Rol.AANDACHTSFUNCTIONARIS,
            gebruiker__is_active=True,
        )
        .exclude(gebruiker__email="")
        .select_related("gebruiker", "organisatie")
        .order_by("gebruiker__first_name", "gebruiker__last_name", "gebruiker__username")
    )
    for lid in leden:
        per_gemeente.setdefault(lid.organisatie_id, []).append(
            Contact(str(lid.gebruiker), lid.gebruiker.email, lid.organisatie.naam)
        )
    return per_gemeente


def elders(signaal: Signaal) -> list[TrefferElders]:
    """Gemeenten within reach with a signal that shares a match key with this one, by name.

    Compares keyed hashes only: no plaintext of another gemeente is read, and nothing about the
    other signal but its gemeente leaves this function (its ids go to the access log). A hit gives
    no permission on anything. A constant number of queries.
    """
    eigen = list(Matchsleutel.objects.filter(signaal_id=signaal.pk).values_list("soort", "waarde"))
    if not eigen:
        return []
    rijen = (
        Matchsleutel.objects.filter(
            soort__in={soort for soort, _ in eigen},
            waarde__in={waarde for _, waarde in eigen},
            gemeente__in=bereikbare_gemeenten(signaal.gemeente_id),
        )
        .order_by()
        .values_list("gemeente_id", "gemeente__naam", "soort", "signaal_id")
        .distinct()
    )
    redenen: dict[int, set[str]] = {}
    namen: dict[int, str] = {}
    signalen_per_gemeente: dict[int, set[int]] = {}
    for gemeente_id, naam, soort, signaal_id in rijen:
        namen[gemeente_id] = naam
        redenen.setdefault(gemeente_id, set()).add(REDEN_PER_SOORT[soort])
        signalen_per_gemeente.setdefault(gemeente_id, set()).add(signaal_id)
    if not redenen:
        return []
    contacten = _contacten(set(redenen))
    gevraagd = dict(
        Contactverzoek.objects.filter(signaal_id=signaal.pk, gemeente_id__in=set(redenen)).values_list(
            "gemeente_id", "op"
        )
    )
    alle_andere = {pk for ids in signalen_per_gemeente.values() for pk in ids}
    ontvangen: dict[int, list[tuple[Contact, datetime.datetime]]] = {}
    for verzoek in (
        Contactverzoek.objects.filter(signaal_id__in=alle_andere, gemeente_id=signaal.gemeente_id)
        .select_related("door", "signaal__gemeente")
        .order_by("op")
    ):
        contact = Contact(str(verzoek.door), verzoek.door.email, verzoek.signaal.gemeente.naam)
        ontvangen.setdefault(verzoek.signaal.gemeente_id, []).append((contact, verzoek.op))
    treffers = [
        TrefferElders(
            gemeente_id=gemeente_id,
            gemeente=namen[gemeente_id],
            redenen=_geordend(redenen[gemeente_id]),
            contacten=contacten.get(gemeente_id, []),
            signaal_ids=sorted(signalen_per_gemeente[gemeente_id]),
            gevraagd_op=gevraagd.get(gemeente_id),
            ontvangen=ontvangen.get(gemeente_id, []),
        )
        for gemeente_id in redenen
    ]
    # Strongest reason first, then by name.
    treffers.sort(key=lambda t: (REDENEN.index(t.redenen[0]), t.gemeente))
    return treffers


@dataclass
class OntvangenVerzoek:
    """A request to the user's gemeente, with the user's own signals it matches (by key)."""

    op: datetime.datetime
    van: Contact
    redenen: list[str]
    eigen_signalen: list[Suggestie]


def ontvangen_verzoeken(gebruiker: Gebruiker, *, limiet: int = 200) -> list[OntvangenVerzoek]:
    """Requests to the gemeenten the user is AF of, newest first, each with the user's own
    signals that share a key with the asking signal while its gemeente is within reach. A constant
    number of queries for each gemeente the user is AF of."""
    gemeenten = Lidmaatschap.objects.filter(
        gebruiker=gebruiker, rol=Rol.AANDACHTSFUNCTIONARIS, organisatie__actief=True
    ).values("organisatie_id")
    verzoeken = list(
        Contactverzoek.objects.filter(gemeente_id__in=gemeenten)
        .select_related("door", "signaal__gemeente")
        .order_by("-op", "-pk")[:limiet]
    )
    if not verzoeken:
        return []
    sleutels: dict[int, set[tuple[str, str]]] = {}
    for signaal_id, soort, waarde in Matchsleutel.objects.filter(
        signaal_id__in={v.signaal_id for v in verzoeken}
    ).values_list("signaal_id", "soort", "waarde"):
        sleutels.setdefault(signaal_id, set()).add((soort, waarde))
    alle = set().union(*sleutels.values()) if sleutels else set()
    eigen_per_sleutel: dict[tuple[int, str, str], set[int]] = {}
    for gemeente_id, soort, waarde, signaal_id in Matchsleutel.objects.filter(
        gemeente_id__in={v.gemeente_id for v in verzoeken},
        soort__in={s for s, _ in alle},
        waarde__in={w for _, w in alle},
        signaal__in=behandelbare_signalen(gebruiker),
    ).values_list("gemeente_id", "soort", "waarde", "signaal_id"):
        eigen_per_sleutel.setdefault((gemeente_id, soort, waarde), set()).add(signaal_id)
    eigen_ids = {pk for ids in eigen_per_sleutel.values() for pk in ids}
    eigen = {
        s.pk: s for s in Signaal.objects.filter(pk__in=eigen_ids).only("pk", "referentie", "status", "ingediend_op")
    }
    # Only while the asking gemeente is still within reach (the regio's setting, active): the
    # request stays listed, but without matches once it is not.
    bereik = {
        gemeente_id: set(bereikbare_gemeenten(gemeente_id).values_list("pk", flat=True))
        for gemeente_id in {v.gemeente_id for v in verzoeken}
    }
    resultaat = []
    for verzoek in verzoeken:
        treffers: dict[int, set[str]] = {}
        binnen_bereik = verzoek.signaal.gemeente_id in bereik[verzoek.gemeente_id]
        for soort, waarde in sleutels.get(verzoek.signaal_id, set()) if binnen_bereik else set():
            for pk in eigen_per_sleutel.get((verzoek.gemeente_id, soort, waarde), set()):
                treffers.setdefault(pk, set()).add(REDEN_PER_SOORT[soort])
        eigen_signalen = [
            Suggestie(pk, eigen[pk].referentie, eigen[pk].get_status_display(), _geordend(redenen))
            for pk, redenen in sorted(
                treffers.items(), key=lambda item: (-eigen[item[0]].ingediend_op.timestamp(), -item[0])
            )
        ]
        resultaat.append(
            OntvangenVerzoek(
                op=verzoek.op,
                van=Contact(str(verzoek.door), verzoek.door.email, verzoek.signaal.gemeente.naam),
                redenen=list(verzoek.redenen),
                eigen_signalen=eigen_signalen,
            )
        )
    return resultaat
