"""Reminders and escalations: who hears of what, by e-mail.

| what                                      | who                                                  |
| ----------------------------------------- | ---------------------------------------------------- |
| a new signal                              | every AF of the gemeente                             |
| an acute signal not taken in time         | every AF and the regio's coördinatoren, once         |
| a term passed (in behandeling, verrijken) | the behandelaar; nobody has it yet: every AF         |
| the feedback term passed                  | the behandelaar (every AF when there is none)        |
| a term still passed n werkdagen later     | the other AFs and the regio's coördinatoren          |
| the herbeoordelingsdatum reached          | the behandelaar                                      |
| a share ends within n days                | the AF who shared; if they left, the behandelaar     |
| a new share                               | the partner organisation's users                     |
| a share revoked or ended at afsluiten     | the partner organisation's users                     |
| a new terugmelding                        | the behandelaar                                      |
| feedback given                            | the melder                                           |

"The behandelaar" is the AF the signal is assigned to while they are still an active AF of the
gemeente; otherwise every AF of it. The terms themselves are in signalen/termijnen.py, and
meldroute/actie_nodig.py shows the same people the same things in the application.
"""

import datetime
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from ketenpartners.models import Gebruiker, Lidmaatschap, Rol
from ketenpartners.selectors import coordinatoren_van, partnergebruikers_van
from meldroute.models import Deling, Terugmelding
from mensenhandel.werkdagen import begin_van, lokale_datum
from signalen import berichten, termijnen
from signalen.models import Notificatie, Signaal
from signalen.termijnen import Termijn, Termijnsoort

Soort = Notificatie.Soort
BATCH = 500
# A reminder is news for two weeks. A term that passed longer ago (a backlog from before this
# system, or after a long outage) stays under "Actie nodig" but is not mailed anymore: a flood
# of old mails would bury the new ones.
MAX_LEEFTIJD = datetime.timedelta(days=14)

# Which mails each role gets, in the words of the "Actie nodig" page.
MAILS_PER_ROL: dict[str, list[str]] = {
    Rol.AANDACHTSFUNCTIONARIS: [
        "een nieuw signaal van uw gemeente (een acuut signaal met voorrang)",
        "een termijn van een signaal dat u behandelt is verstreken (in behandeling nemen, verrijken, "
        "terugkoppeling aan de melder)",
        "de herbeoordelingsdatum van een lopend signaal is bereikt",
        "een termijn bij uw collega-aandachtsfunctionaris is al enkele werkdagen verstreken (achtervang)",
        "een ketenpartner gaf een terugmelding",
        "een deling die u maakte loopt binnenkort af",
        "een aandachtsfunctionaris van een andere gemeente vraagt om contact over een mogelijk samenhangend signaal",
        "de agenda van een tafel waaraan u deelneemt",
    ],
    Rol.COORDINATOR: [
        "een acuut signaal in uw regio is niet binnen de termijn in behandeling genomen",
        "een termijn van een signaal in uw regio is al enkele werkdagen verstreken",
    ],
    Rol.KETENPARTNER: [
        "een gemeente heeft een signaal met uw organisatie gedeeld",
        "een gemeente heeft de deling van een signaal met uw organisatie beëindigd",
        "de agenda van een tafel waaraan uw organisatie deelneemt",
    ],
    Rol.MEDEWERKER: ["er is terugkoppeling op een signaal dat u meldde"],
}


def mails_voor(rollen: set[str]) -> list[str]:
    return [mail for rol, mails in MAILS_PER_ROL.items() if rol in rollen for mail in mails]


@dataclass
class Ontvangers:
    """The people around a set of gemeenten: their AFs, and the coördinatoren of their regio."""

    afs: dict[int, list[Gebruiker]]
    coordinatoren: dict[int, list[Gebruiker]]

    @classmethod
    def laden(cls, gemeente_ids: Iterable[int]) -> "Ontvangers":
        gemeente_ids = set(gemeente_ids)
        afs: dict[int, list[Gebruiker]] = defaultdict(list)
        leden = Lidmaatschap.objects.filter(
            organisatie_id__in=gemeente_ids,
            organisatie__actief=True,
            rol=Rol.AANDACHTSFUNCTIONARIS,
            gebruiker__is_active=True,
        ).select_related("gebruiker")
        for lid in leden.order_by("gebruiker__username"):
            afs[lid.organisatie_id].append(lid.gebruiker)
        regio_per_gemeente = termijnen.regio_per_gemeente(gemeente_ids)
        per_regio: dict[int, list[Gebruiker]] = defaultdict(list)
        for regio_id in set(regio_per_gemeente.values()):
            per_regio[regio_id] = list(coordinatoren_van([regio_id]).order_by("username"))
        coordinatoren = {g: per_regio[r] for g, r in regio_per_gemeente.items()}
        return cls(afs=dict(afs), coordinatoren=coordinatoren)

    def alle_afs(self, signaal: Signaal) -> list[Gebruiker]:
        return self.afs.get(signaal.gemeente_id, [])

    def behandelaars(self, signaal: Signaal) -> list[Gebruiker]:
        """The behandelaar while they are an active AF of the gemeente; otherwise every AF."""
        afs = self.alle_afs(signaal)
        return [af for af in afs if af.pk == signaal.behandelaar_id] or afs

    def achtervang(self, signaal: Signaal) -> list[Gebruiker]:
        """Who hears of an escalation: the other AFs and the regio's coördinatoren."""
        andere = [af for af in self.alle_afs(signaal) if af.pk != signaal.behandelaar_id]
        return andere + self.coordinatoren.get(signaal.gemeente_id, [])

    def iedereen(self, signaal: Signaal) -> list[Gebruiker]:
        return self.alle_afs(signaal) + self.coordinatoren.get(signaal.gemeente_id, [])


@dataclass(frozen=True)
class Herinnering:
    soort: str
    termijn: Termijnsoort
    moment: datetime.datetime
    ontvangers: list[Gebruiker]


def herinneringen(
    signaal: Signaal, lopend: list[Termijn], nu: datetime.datetime, ontvangers: Ontvangers
) -> Iterator[Herinnering]:
    """The reminders the signal's terms call for at ``nu``, by the table of this module."""
    for herinnering in _alle_herinneringen(signaal, lopend, nu, ontvangers):
        if herinnering.moment >= nu - MAX_LEEFTIJD:
            yield herinnering


def _alle_herinneringen(
    signaal: Signaal, lopend: list[Termijn], nu: datetime.datetime, ontvangers: Ontvangers
) -> Iterator[Herinnering]:
    for termijn in lopend:
        if termijn.op > nu:
            continue
        if termijn.acuut:
            yield Herinnering(Soort.ACUUT_NIET_OPGEPAKT, termijn.soort, termijn.op, ontvangers.iedereen(signaal))
            continue
        if termijn.soort == Termijnsoort.HERBEOORDELING:
            yield Herinnering(Soort.HERBEOORDELING, termijn.soort, termijn.op, ontvangers.behandelaars(signaal))
            continue
        soort = (
            Soort.TERUGKOPPELING_TERMIJN if termijn.soort == Termijnsoort.TERUGKOPPELING else Soort.TERMIJN_VERSTREKEN
        )
        yield Herinnering(soort, termijn.soort, termijn.op, ontvangers.behandelaars(signaal))
        if termijn.escalatie_op is not None and termijn.escalatie_op <= nu:
            yield Herinnering(
                Soort.TERMIJN_ESCALATIE, termijn.soort, termijn.escalatie_op, ontvangers.achtervang(signaal)
            )


def _rijen(signaal: Signaal, herinneringen: list[Herinnering], ontvangers: Ontvangers) -> list[Notificatie]:
    """One mail per reminder and recipient. An AF's leads to the signal; a coördinator, who may
    not open it, goes to "Actie nodig"."""
    if not herinneringen:
        return []
    afs = {af.pk for af in ontvangers.alle_afs(signaal)}
    detail = reverse("meldroute:detail", args=[signaal.pk])
    actie_nodig = reverse("meldroute:actie_nodig")
    return [
        Notificatie(
            signaal=signaal,
            soort=herinnering.soort,
            termijn=herinnering.termijn,
            moment=herinnering.moment,
            ontvanger=ontvanger,
            pad=detail if ontvanger.pk in afs else actie_nodig,
        )
        for herinnering in herinneringen
        for ontvanger in {o.pk: o for o in herinnering.ontvangers if o.email}.values()
    ]


def termijnen_bewaken(*, nu: datetime.datetime | None = None) -> int:
    """The sweep: every signal whose next check has come gets its reminders written down.

    Signals are taken in batches, each locked (skipping what an AF or another sweep holds) and
    handled in one transaction: terms recomputed, reminders written with their unique keys,
    the next check set. The mails go out after the commit. Run twice, or by two workers at
    once, it writes nothing twice.
    """
    nu = nu or timezone.now()
    geschreven = 0
    while True:
        with transaction.atomic():
            batch = list(
                Signaal.objects.select_for_update(skip_locked=True, of=("self",))
                .filter(volgende_controle_op__lte=nu)
                .order_by("volgende_controle_op", "pk")[:BATCH]
            )
            if not batch:
                break
            gemeente_ids = {s.gemeente_id for s in batch}
            instellingen = termijnen.instellingen_per_gemeente(gemeente_ids)
            ontvangers = Ontvangers.laden(gemeente_ids)
            rijen: list[Notificatie] = []
            for signaal in batch:
                lopend = termijnen.bijwerken(signaal, instellingen[signaal.gemeente_id], gecontroleerd_tot=nu)
                rijen += _rijen(signaal, list(herinneringen(signaal, lopend, nu, ontvangers)), ontvangers)
            termijnen.opslaan(batch)
            geschreven += len(Notificatie.objects.bulk_create(rijen, ignore_conflicts=True))
            berichten.versturen_na_commit(signaal_ids=sorted({r.signaal_id for r in rijen if r.signaal_id}))
    return geschreven + delingen_bewaken(nu=nu)


def delingen_bewaken(*, nu: datetime.datetime) -> int:
    """Shares that end within the regio's warning period: the AF who shared hears it once."""
    vandaag = lokale_datum(nu)
    delingen = list(
        Deling.objects.actief(vandaag)
        .filter(einddatum__lte=vandaag + datetime.timedelta(days=60))
        .select_related("signaal", "gedeeld_door")
    )
    if not delingen:
        return 0
    gemeente_ids = {d.signaal.gemeente_id for d in delingen}
    instellingen = termijnen.instellingen_per_gemeente(gemeente_ids)
    ontvangers = Ontvangers.laden(gemeente_ids)
    rijen = []
    for deling in delingen:
        signaal = deling.signaal
        if (deling.einddatum - vandaag).days > instellingen[signaal.gemeente_id].deling_waarschuwing_dagen:
            continue
        for ontvanger in deling_verloopt_ontvangers(deling, ontvangers):
            if ontvanger.email:
                rijen.append(
                    Notificatie(
                        signaal=signaal,
                        soort=Soort.DELING_VERLOOPT,
                        moment=begin_van(deling.einddatum),
                        ontvanger=ontvanger,
                        pad=reverse("meldroute:detail", args=[signaal.pk]),
                    )
                )
    with transaction.atomic():
        geschreven = len(Notificatie.objects.bulk_create(rijen, ignore_conflicts=True))
        berichten.versturen_na_commit(signaal_ids=sorted({r.signaal_id for r in rijen if r.signaal_id}))
    return geschreven


def deling_verloopt_ontvangers(deling: Deling, ontvangers: Ontvangers) -> list[Gebruiker]:
    """The AF who shared while they are an AF of the gemeente; otherwise the behandelaar."""
    afs = ontvangers.alle_afs(deling.signaal)
    return [af for af in afs if af.pk == deling.gedeeld_door_id] or ontvangers.behandelaars(deling.signaal)


# Events: written in the transaction of the action that causes them.


def nieuwe_deling_melden(deling: Deling) -> None:
    berichten.klaarzetten(
        soort=Soort.NIEUWE_DELING,
        signaal=deling.signaal,
        ontvangers=partnergebruikers_van(deling.organisatie),
        moment=deling.gedeeld_op,
        pad=reverse("meldroute:gedeeld_detail", args=[deling.signaal_id]),
    )


def deling_beeindigd_melden(deling: Deling) -> None:
    """The partner's users hear that their access ended (revoked, or ended at afsluiten)."""
    assert deling.ingetrokken_op is not None
    berichten.klaarzetten(
        soort=Soort.DELING_BEEINDIGD,
        signaal=deling.signaal,
        ontvangers=partnergebruikers_van(deling.organisatie),
        moment=deling.ingetrokken_op,
        pad=reverse("meldroute:gedeeld_detail", args=[deling.signaal_id]),
    )


def nieuwe_terugmelding_melden(terugmelding: Terugmelding) -> None:
    signaal = terugmelding.signaal
    berichten.klaarzetten(
        soort=Soort.NIEUWE_TERUGMELDING,
        signaal=signaal,
        ontvangers=Ontvangers.laden([signaal.gemeente_id]).behandelaars(signaal),
        moment=terugmelding.op,
        pad=reverse("meldroute:detail", args=[signaal.pk]),
    )


def terugkoppeling_melden(signaal: Signaal) -> None:
    assert signaal.teruggekoppeld_op is not None
    berichten.klaarzetten(
        soort=Soort.TERUGKOPPELING_GEGEVEN,
        signaal=signaal,
        ontvangers=[signaal.melder],
        moment=signaal.teruggekoppeld_op,
        pad=reverse("meldroute:mijn_signalen"),
    )
