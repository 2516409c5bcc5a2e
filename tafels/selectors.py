"""Who takes part in which tafel, what the next agenda should hold, and the verslag per reader.

Taking part: the AFs of the tafel's gemeente (or of the gemeenten of its regio), the users of
its member organisations and its chair. Nobody else learns that a tafel exists (404).
Each list here costs a fixed number of queries, however many signals or meetings there are.
"""

from dataclasses import dataclass, field

from django.db.models import Exists, F, OuterRef, Q, QuerySet, Subquery

from ketenpartners.models import Gebruiker, Organisatie, Rol
from meldroute.zicht import gedeelde_signalen, partnerorganisatie_ids
from signalen.models import Signaal
from signalen.rechten import af_gemeenten, behandelbaar
from signalen.workflow import OPEN_STATUSSEN
from tafels.models import Agendapunt, Bijeenkomst, Tafel, Tafelactie


def gemeente_ids(tafel: Tafel) -> list[int]:
    """The gemeenten whose signals may come to this tafel."""
    if tafel.gemeente_id is not None:
        return [tafel.gemeente_id]
    return list(
        Organisatie.objects.filter(soort=Organisatie.Soort.GEMEENTE, regios=tafel.regio_id)
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def deelnemers(tafel: Tafel, *, gemeenten: list[int]) -> QuerySet[Gebruiker]:
    """The tafel's people: the AFs of these gemeenten (all of the tafel's, or only a signal's),
    the users of its active member organisations, and its chair."""
    wie = Q(
        lidmaatschappen__organisatie_id__in=gemeenten,
        lidmaatschappen__rol=Rol.AANDACHTSFUNCTIONARIS,
        lidmaatschappen__organisatie__actief=True,
    ) | Q(
        lidmaatschappen__organisatie__in=tafel.leden.filter(actief=True).exclude(soort=Organisatie.Soort.GEMEENTE),
        lidmaatschappen__rol=Rol.KETENPARTNER,
    )
    if tafel.voorzitter_id:
        wie |= Q(pk=tafel.voorzitter_id)
    return Gebruiker.objects.filter(wie, is_active=True).distinct()


def tafels_van(gebruiker: Gebruiker) -> QuerySet[Tafel]:
    """The tafels the user takes part in."""
    if not gebruiker.is_authenticated or not gebruiker.is_active:
        return Tafel.objects.none()
    gemeenten = af_gemeenten(gebruiker)
    return (
        Tafel.objects.filter(actief=True)
        .filter(
            Q(gemeente_id__in=gemeenten)
            | Q(regio__organisaties__in=gemeenten)
            | Q(leden__in=partnerorganisatie_ids(gebruiker))
            | Q(voorzitter=gebruiker)
        )
        .distinct()
    )


@dataclass(frozen=True)
class Deelname:
    """How one user takes part in one tafel."""

    tafel: Tafel
    gemeenten: list[int]  # the tafel's gemeenten where the user is AF
    organisaties: list[int]  # the tafel's member organisations the user works for
    voorzitter: bool

    @property
    def mag_plannen(self) -> bool:
        """Plan a meeting, close it: an AF of one of the tafel's gemeenten, or the chair."""
        return bool(self.gemeenten) or self.voorzitter


def deelname(gebruiker: Gebruiker, tafel_pk: int) -> Deelname:
    """Raises Tafel.DoesNotExist when the user does not take part in it."""
    tafel = tafels_van(gebruiker).select_related("gemeente", "regio", "voorzitter").get(pk=tafel_pk)
    eigen = set(af_gemeenten(gebruiker))
    leden = set(tafel.leden.values_list("pk", flat=True))
    return Deelname(
        tafel=tafel,
        gemeenten=[g for g in gemeente_ids(tafel) if g in eigen],
        organisaties=sorted(leden & set(partnerorganisatie_ids(gebruiker))),
        voorzitter=tafel.voorzitter_id == gebruiker.pk,
    )


def bijeenkomst_voor(gebruiker: Gebruiker, pk: int) -> tuple[Bijeenkomst, Deelname]:
    """Raises Bijeenkomst.DoesNotExist when the user does not take part in its tafel."""
    bijeenkomst = Bijeenkomst.objects.get(pk=pk)
    try:
        return bijeenkomst, deelname(gebruiker, bijeenkomst.tafel_id)
    except Tafel.DoesNotExist:
        raise Bijeenkomst.DoesNotExist from None


def punt_voor_af(gebruiker: Gebruiker, pk: int) -> tuple[Agendapunt, Deelname]:
    """An item of an agenda for an AF of its signal's gemeente who takes part in the tafel.

    Agendapunt.DoesNotExist when the user takes no part in the tafel; Signaal.DoesNotExist when
    they do, but the signal is not theirs to work on (the domain rule and guardian's projection,
    ADR 0007): that one is a refusal about a signal, and the access log says so.
    """
    punt = Agendapunt.objects.select_related("bijeenkomst", "signaal__gemeente").get(pk=pk)
    try:
        gevonden = deelname(gebruiker, punt.bijeenkomst.tafel_id)
    except Tafel.DoesNotExist:
        raise Agendapunt.DoesNotExist from None
    if punt.signaal.gemeente_id not in af_gemeenten(gebruiker) or not behandelbaar(gebruiker, punt.signaal):
        raise Signaal.DoesNotExist
    return punt, gevonden


def agenda(bijeenkomst: Bijeenkomst) -> list[Agendapunt]:
    """The items in the order they were put on, with what the page shows of each signal."""
    return list(
        bijeenkomst.agendapunten.select_related("signaal__gemeente", "deling__organisatie").prefetch_related(
            "acties__eigenaar"
        )
    )


@dataclass
class Voorstel:
    nieuw: list[Signaal] = field(default_factory=list)
    lopend: list[Signaal] = field(default_factory=list)


def voorstel(bijeenkomst: Bijeenkomst, deelname: Deelname) -> Voorstel:
    """What the AF could put on this meeting's agenda, from their own gemeenten of the tafel.

    "Nieuwe signalen": open signals in the steps this kind of tafel handles that were never on
    any of its agendas. "Lopende signalen": signals this tafel kept open ("lopend houden") whose
    date has come by the meeting, or whose herbeoordeling is due by then. Neither holds a signal
    that is on this agenda already. Two queries.
    """
    if not deelname.gemeenten:
        return Voorstel()
    tafel = deelname.tafel
    open_signalen = Signaal.objects.filter(gemeente_id__in=deelname.gemeenten, status__in=OPEN_STATUSSEN).exclude(
        agendapunten__bijeenkomst=bijeenkomst
    )
    aan_deze_tafel = Agendapunt.objects.filter(signaal=OuterRef("pk"), bijeenkomst__tafel=tafel)
    nieuw = (
        open_signalen.filter(status__in=tafel.stappen)
        .exclude(Exists(aan_deze_tafel))
        .select_related("gemeente")
        .order_by("-acuut", "ingediend_op", "pk")
    )
    # Only what this tafel said last about the signal counts: a later decision replaces "lopend houden".
    laatste = aan_deze_tafel.order_by("-bijeenkomst__datum", "-bijeenkomst__aanvang", "-pk")
    lopend = (
        open_signalen.annotate(
            laatste_besluit=Subquery(laatste.values("besluit")[:1]),
            laatste_lopend_tot=Subquery(laatste.values("lopend_tot")[:1]),
            laatst_besproken=Subquery(laatste.values("bijeenkomst__datum")[:1]),
        )
        .filter(laatst_besproken__isnull=False)
        .filter(
            Q(laatste_besluit=Agendapunt.Besluit.LOPEND_HOUDEN, laatste_lopend_tot__lte=bijeenkomst.datum)
            | Q(herbeoordelen_op__lte=bijeenkomst.datum, herbeoordelen_op__gt=F("laatst_besproken"))
        )
        .select_related("gemeente")
        .order_by("herbeoordelen_op", "ingediend_op", "pk")
    )
    return Voorstel(nieuw=list(nieuw), lopend=list(lopend))


@dataclass(frozen=True)
class Verslagregel:
    """One item of the verslag. ``inhoud`` is False for a reader who may not see the signal: the
    reference, the gemeente and the decision, nothing more."""

    punt: Agendapunt
    inhoud: bool
    # The share the tafel decided: for the gemeente's AF, or for the organisation it is with.
    deling_zichtbaar: bool = False


def verslag(bijeenkomst: Bijeenkomst, gebruiker: Gebruiker) -> list[Verslagregel]:
    """The verslag as this reader may read it: the content of the signals of their own gemeente
    (as AF) or shared with their organisation today (as ketenpartner); of the others only the
    reference, the gemeente and the decision."""
    punten = agenda(bijeenkomst)
    ids = [p.signaal_id for p in punten]
    eigen = set(af_gemeenten(gebruiker))
    zichtbaar = {p.signaal_id for p in punten if p.signaal.gemeente_id in eigen}
    zichtbaar |= set(gedeelde_signalen(gebruiker).filter(pk__in=ids).values_list("pk", flat=True))
    organisaties = set(partnerorganisatie_ids(gebruiker))
    return [
        Verslagregel(
            punt=p,
            inhoud=p.signaal_id in zichtbaar,
            deling_zichtbaar=p.deling is not None
            and (p.signaal.gemeente_id in eigen or p.deling.organisatie_id in organisaties),
        )
        for p in punten
    ]


def open_acties(gebruiker: Gebruiker) -> QuerySet[Tafelactie]:
    """The user's actions from tafels they still take part in that are not done yet, the first due first."""
    return (
        Tafelactie.objects.filter(
            eigenaar=gebruiker,
            afgerond_op__isnull=True,
            agendapunt__bijeenkomst__tafel__in=tafels_van(gebruiker).values("pk"),
        )
        .select_related("agendapunt__signaal__gemeente", "agendapunt__bijeenkomst__tafel")
        .order_by("uiterlijk", "pk")
    )


def heeft_open_acties(gebruiker: Gebruiker) -> bool:
    """One query, for the many who have no action at all: then the rest needs no more."""
    return Tafelactie.objects.filter(eigenaar=gebruiker, afgerond_op__isnull=True).exists()


def aantal_open_acties(gebruiker: Gebruiker) -> int:
    """For the count in the header."""
    return open_acties(gebruiker).count() if heeft_open_acties(gebruiker) else 0


def volgende_bijeenkomst(tafel: Tafel, na: Bijeenkomst) -> Bijeenkomst | None:
    """The tafel's first meeting still to hold after this one (a later hour of the same day counts)."""
    return (
        tafel.bijeenkomsten.filter(afgerond_op__isnull=True)
        .filter(Q(datum__gt=na.datum) | Q(datum=na.datum, aanvang__gt=na.aanvang))
        .order_by("datum", "aanvang")
        .first()
    )


def volgende_per_tafel(tafel_ids: list[int]) -> dict[int, Bijeenkomst]:
    """The next meeting still to hold of each tafel: one query (portable, also on SQLite)."""
    volgende: dict[int, Bijeenkomst] = {}
    for bijeenkomst in Bijeenkomst.objects.filter(tafel_id__in=tafel_ids, afgerond_op__isnull=True).order_by(
        "tafel_id", "datum", "aanvang"
    ):
        volgende.setdefault(bijeenkomst.tafel_id, bijeenkomst)
    return volgende
