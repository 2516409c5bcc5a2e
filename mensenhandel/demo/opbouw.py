"""Building the demo: organisations, accounts and tafels, then each regio's planned history, run
through the services as the people would have done it, each action at its own moment, ending with
today's meeting of a tafel (bijeenkomsten.py).

The services stamp ``timezone.now()`` (auto_now_add fields, "not in the future" checks, terms),
so while the history is built that function is our own clock (``Klok``), set to each action's
moment. Only the standard library's mock is used: this runs in production images too, where
time-machine is not installed. The audit log gets the same moment and the acting person.
"""

import datetime
from collections import Counter
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from typing import Any
from unittest import mock

from auditlog.context import set_extra_data
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils.text import slugify

from evaluatie import services as evaluatie
from ketenpartners.models import Gebruiker, Organisatie, Regio
from ketenpartners.services import lidmaatschap_toevoegen
from meldroute import services as meldroute
from meldroute.models import Deling
from mensenhandel.demo import bijeenkomsten, plan, scenarios
from mensenhandel.demo.bijeenkomsten import DemoBijeenkomst
from mensenhandel.demo.plan import SignaalPlan
from mensenhandel.demo.regios import DEMO_DOMEIN, DEMO_WACHTWOORD, DemoRegio
from mensenhandel.demo.route import Actie, Handeling, Melding
from mensenhandel.werkdagen import lokale_datum
from signalen import berichten
from signalen.models import Indicator, Signaal, Team, Vorm
from signalen.services import signaal_indienen
from tafels import services as tafeldiensten
from tafels.models import Agendapunt, Tafel

HANDGESCHREVEN = {"Westfriesland": scenarios.WESTFRIESLAND, "Fryslân": scenarios.FRYSLAN}
# Mails about what happened longer ago than this are history: marked done, never sent.
NIEUWS = datetime.timedelta(days=1)


class Klok:
    """Stands in for django.utils.timezone.now: returns the moment it is set to.

    A plain callable patched in once per regio; a mock object per action would cost more than
    some of the services it wraps.
    """

    def __init__(self, moment: datetime.datetime) -> None:
        self.moment = moment

    def __call__(self) -> datetime.datetime:
        return self.moment

    def gebruiken(self) -> AbstractContextManager[Any]:
        return mock.patch("django.utils.timezone.now", new=self)


def zonder_querylog() -> AbstractContextManager[Any]:
    """With DEBUG on, Django keeps the SQL of every query in connection.queries and, on SQLite,
    asks the database to quote the parameters of each one again: a tenth of the build's time
    for some 150,000 queries nobody reads. Nothing in the services looks at DEBUG."""
    return mock.patch.object(settings, "DEBUG", False)


def organisaties(regio: DemoRegio) -> dict[str, Organisatie]:
    """The regio, its gemeenten (with inwonertal) and its ketenpartners, found by name or made."""
    demo_regio, _ = Regio.objects.get_or_create(naam=regio.naam, defaults={"riec": regio.riec})
    gevonden = {}
    for gemeente in regio.gemeenten:
        organisatie, _ = Organisatie.objects.get_or_create(
            naam=gemeente.naam, defaults={"soort": Organisatie.Soort.GEMEENTE}
        )
        if organisatie.inwonertal is None:
            organisatie.inwonertal = gemeente.inwonertal
            organisatie.save(update_fields=["inwonertal"])
        gevonden[gemeente.naam] = organisatie
    for naam, soort in regio.ketenpartners:
        gevonden[naam], _ = Organisatie.objects.get_or_create(naam=naam, defaults={"soort": soort})
    for organisatie in gevonden.values():
        organisatie.regios.add(demo_regio)
    return gevonden


def gebruikers(regio: DemoRegio, organisaties: dict[str, Organisatie]) -> dict[str, Gebruiker]:
    """The regio's demo accounts; a password someone changed since is kept."""
    # Hashed once: the password hasher is slow on purpose, and every account has the same one.
    wachtwoord = make_password(DEMO_WACHTWOORD)
    gevonden = {}
    for demo in regio.gebruikers:
        voornaam, achternaam = demo.naam.split(" ", 1)
        gebruiker, _ = Gebruiker.objects.get_or_create(
            username=demo.username,
            defaults={
                "first_name": voornaam,
                "last_name": achternaam,
                "email": f"{slugify(demo.naam).replace('-', '.')}@{DEMO_DOMEIN}",
                "password": wachtwoord,
                "date_joined": plan.IN_DIENST_SINDS,
            },
        )
        for naam in demo.organisaties:
            lidmaatschap_toevoegen(gebruiker=gebruiker, organisatie=organisaties[naam], rol=demo.rol)
        gevonden[demo.username] = gebruiker
    return gevonden


def tafels(regio: DemoRegio, organisaties: dict[str, Organisatie], gebruikers: dict[str, Gebruiker]) -> list[Tafel]:
    """The regio's tafels, found by name or set up as the beheerder would in the admin (there is
    no service for that). A tafel found keeps the members and chair it has now."""
    gevonden = []
    for demo in regio.tafels:
        tafel, gemaakt = Tafel.objects.get_or_create(
            naam=demo.naam,
            defaults={
                "soort": demo.soort,
                "gemeente": organisaties[demo.gemeente] if demo.gemeente else None,
                "regio": None if demo.gemeente else Regio.objects.get(naam=regio.naam),
                "voorzitter": gebruikers[demo.voorzitter] if demo.voorzitter else None,
            },
        )
        if gemaakt:
            tafel.leden.set([organisaties[naam] for naam in demo.leden])
        gevonden.append(tafel)
    return gevonden


@dataclass
class Telling:
    signalen: int = 0
    al_aanwezig: int = 0
    trainingen: int = 0
    delingen: int = 0
    bijeenkomsten: int = 0


def heeft_geschiedenis(regio: DemoRegio) -> bool:
    """Built before? One query: the history is made in one transaction, so it is all there or not at all."""
    return Signaal.objects.filter(
        gemeente__naam__in=[g.naam for g in regio.gemeenten], melder__username__in=regio.demo_melders()
    ).exists()


class Geschiedenis:
    """Runs one regio's plan through the services."""

    def __init__(
        self,
        regio: DemoRegio,
        organisaties: dict[str, Organisatie],
        gebruikers: dict[str, Gebruiker],
        nu: datetime.datetime,
    ) -> None:
        self.regio, self.organisaties, self.gebruikers, self.nu = regio, organisaties, gebruikers, nu
        self.teams = {t.naam: t for t in Team.objects.all()}
        self.vormen = {v.code: v for v in Vorm.objects.all()}
        self.indicatoren = {i.naam: i for i in Indicator.objects.all()}
        self.telling = Telling()
        self.klok = Klok(nu)
        self.door: Gebruiker | None = None

    @contextmanager
    def op(self, moment: datetime.datetime, door: Gebruiker | None) -> Iterator[None]:
        """Do what follows at ``moment``, as ``door`` (for the audit log; None: the system)."""
        self.klok.moment, self.door = moment, door
        yield

    def _auditlog(self) -> AbstractContextManager[Any]:
        """Audit entries get the moment and the person of the action, as a request would give them.

        One context for the whole build, whose values auditlog calls for each entry: entering one
        per action would reconnect a signal receiver, and that empties Django's receiver caches.
        """
        return set_extra_data(
            {
                "timestamp": self.klok,
                "actor_id": lambda: self.door.pk if self.door else None,
                "actor_email": lambda: self.door.email if self.door else None,
            }
        )

    def opbouwen(self) -> Telling:
        regioplan = plan.regio_plannen(self.regio, HANDGESCHREVEN[self.regio.naam], self.nu)
        # One transaction for the regio (fast on SQLite, and all or nothing); the clock is ours
        # inside it and real again before the commit runs its callbacks.
        with transaction.atomic(), self.klok.gebruiken(), self._auditlog(), zonder_querylog():
            signaal_ids = [self._signaal(signaalplan) for signaalplan in regioplan.signalen]
            handgeschreven = {p.sleutel: pk for p, pk in zip(regioplan.signalen, signaal_ids, strict=True) if p.sleutel}
            for training in regioplan.trainingen:
                with self.op(training.moment, self.gebruikers[training.door]):
                    evaluatie.training_registreren(
                        door=self.gebruikers[training.door],
                        gemeente=self.organisaties[training.gemeente],
                        datum=training.datum,
                        teams=[self.teams[t] for t in training.teams],
                        deelnemers=training.deelnemers,
                        aanbieder=training.aanbieder,
                        onderwerp=training.onderwerp,
                    )
                self.telling.trainingen += 1
            for basis in regioplan.basisniveaus:
                with self.op(basis.moment, self.gebruikers[basis.door]):
                    evaluatie.basisniveau_bijwerken(
                        door=self.gebruikers[basis.door],
                        gemeente=self.organisaties[basis.gemeente],
                        beleid_vastgesteld_op=basis.beleid_vastgesteld_op,
                        zorg_en_opvang_geregeld=basis.zorg_en_opvang_geregeld,
                        zorg_en_opvang_toelichting=basis.toelichting,
                    )
            for moment, melder in regioplan.gelezen:
                with self.op(moment, self.gebruikers[melder]):
                    meldroute.terugkoppeling_gelezen(door=self.gebruikers[melder])
            # Last: the history ends today, and so does the tafel's meeting.
            for bijeenkomst in bijeenkomsten.PER_REGIO.get(self.regio.naam, ()):
                with self.op(self.nu, self.gebruikers[bijeenkomst.door]):
                    self._bijeenkomst(bijeenkomst, handgeschreven)
            # The services wrote a mail for everything that happened; what is history must not go
            # out after the commit. Marked done here, in the same transaction.
            berichten.onverzonden().filter(signaal_id__in=signaal_ids, aangemaakt_op__lt=self.nu - NIEUWS).update(
                vervallen_op=self.nu
            )
        self.telling.signalen = len(signaal_ids)
        return self.telling

    def _bijeenkomst(self, demo: DemoBijeenkomst, handgeschreven: dict[str, int]) -> None:
        """Today's meeting through the tafels' services, as the AF at the meeting does it: plan it, put
        the signals on its agenda, record the decisions and actions, close it; then plan the next
        one, which takes over the items not reached. A tafel that has meetings already gets none."""
        tafel = Tafel.objects.get(naam=demo.tafel)
        if tafel.bijeenkomsten.exists():
            return
        door = self.gebruikers[demo.door]
        vandaag = lokale_datum(self.nu)
        volgende = vandaag + datetime.timedelta(days=demo.volgende_na)
        bijeenkomst = tafeldiensten.bijeenkomst_plannen(
            tafel_id=tafel.pk, door=door, datum=vandaag, aanvang=demo.aanvang, plaats=demo.plaats
        )
        punten = [
            tafeldiensten.agendapunt_toevoegen(
                bijeenkomst_id=bijeenkomst.pk, door=door, signaal_id=handgeschreven[punt.signaal], soort=punt.soort
            )
            for punt in demo.agenda
        ]
        for agendapunt, punt in zip(punten, demo.agenda, strict=True):
            if not punt.besluit:
                continue
            tafeldiensten.besluit_vastleggen(
                agendapunt_id=agendapunt.pk,
                door=door,
                besluit=punt.besluit,
                conclusie=punt.conclusie,
                lopend_tot=volgende if punt.besluit == Agendapunt.Besluit.LOPEND_HOUDEN else None,
                riec_contact=self.regio.riec,
            )
            if punt.actie is not None:
                tafeldiensten.actie_toevoegen(
                    agendapunt_id=agendapunt.pk,
                    door=door,
                    omschrijving=punt.actie.omschrijving,
                    eigenaar=self.gebruikers[punt.actie.eigenaar],
                    uiterlijk=volgende,
                )
        tafeldiensten.bijeenkomst_afronden(bijeenkomst_id=bijeenkomst.pk, door=door)
        tafeldiensten.bijeenkomst_plannen(
            tafel_id=tafel.pk, door=door, datum=volgende, aanvang=demo.aanvang, plaats=demo.plaats
        )
        self.telling.bijeenkomsten += 2

    def _signaal(self, signaalplan: SignaalPlan) -> int:
        af = self.gebruikers[signaalplan.af]
        signaal: Signaal | None = None
        delingen: dict[int, Deling] = {}
        for actie in signaalplan.acties:
            if actie.moment > self.nu:
                break  # still to come
            with self.op(actie.moment, self._wie(actie, signaalplan, af)):
                if signaal is None:
                    signaal = self._indienen(signaalplan.melding)
                else:
                    signaal = self._actie(signaal, af, actie.handeling, actie.gegevens, delingen) or signaal
        assert signaal is not None  # the intake lies before now
        self.telling.delingen += len(delingen)
        return signaal.pk

    def _wie(self, actie: Actie, signaalplan: SignaalPlan, af: Gebruiker) -> Gebruiker | None:
        if actie.handeling == Handeling.INDIENEN:
            return self.gebruikers[signaalplan.melding.melder]
        if "partner" in actie.gegevens:
            return self.gebruikers[actie.gegevens["partner"]]
        return None if actie.handeling == Handeling.VERLOPEN else af

    def _indienen(self, melding: Melding) -> Signaal:
        return signaal_indienen(
            door=self.gebruikers[melding.melder],
            gemeente=self.organisaties[melding.gemeente],
            team=self.teams[melding.team],
            waargenomen_op=melding.waargenomen_op,
            omschrijving=melding.omschrijving,
            vormen=[self.vormen[code] for code in melding.vormen],
            acuut=melding.acuut,
            indicatoren=[self.indicatoren[naam] for naam in melding.indicatoren],
            betrokkenen=melding.betrokkenen,
            locaties=melding.locaties,
        )

    def _actie(
        self, signaal: Signaal, af: Gebruiker, handeling: Handeling, g: dict[str, Any], delingen: dict[int, Deling]
    ) -> Signaal | None:
        """One action by whoever does it; the signal as it is now, or None when it did not change."""
        kw: dict[str, Any] = {"signaal_id": signaal.pk, "door": af}
        if handeling == Handeling.IN_BEHANDELING_NEMEN:
            return meldroute.in_behandeling_nemen(**kw, behandelaar=af)
        if handeling == Handeling.VERRIJKEN:
            return meldroute.verrijken(**kw, bron=g["bron"], bevindingen=g["bevindingen"])
        if handeling == Handeling.VERRIJKING_TOEVOEGEN:
            return meldroute.verrijking_toevoegen(**kw, bron=g["bron"], bevindingen=g["bevindingen"])
        if handeling == Handeling.LOKALE_TAFEL:
            return meldroute.lokale_tafel_bespreken(
                **kw, soort=g["soort"], besproken_op=g["besproken_op"], besluit=g["besluit"]
            )
        if handeling == Handeling.RIEC:
            return meldroute.riec_inschakelen(**kw, vermoeden=g["vermoeden"], contact=g["contact"], datum=g["datum"])
        if handeling == Handeling.INFORMATIEPLEIN:
            return meldroute.informatieplein_inbrengen(**kw, ingebracht_op=g["ingebracht_op"], resultaat=g["resultaat"])
        if handeling == Handeling.TERUGKOPPELEN:
            return meldroute.terugkoppelen(**kw, tekst=g["tekst"], gegeven_op=g["gegeven_op"])
        if handeling == Handeling.GEEN_MENSENHANDEL:
            return meldroute.geen_mensenhandel(**kw, **g)
        if handeling == Handeling.AFSLUITEN:
            return meldroute.afsluiten(**kw, afloop=g["afloop"], toelichting=g["toelichting"])
        if handeling == Handeling.HEROPENEN:
            return meldroute.heropenen(**kw, reden=g["reden"])
        if handeling == Handeling.HERBEOORDELING:
            return meldroute.herbeoordeling_plannen(**kw, datum=g["datum"], toelichting=g["toelichting"])
        if handeling == Handeling.DELEN:
            gegevens = {k: v for k, v in g.items() if k not in ("sleutel", "organisatie")}
            organisatie = self.organisaties[g["organisatie"]]
            delingen[g["sleutel"]] = meldroute.delen(**kw, organisatie=organisatie, **gegevens)
        elif handeling == Handeling.INTREKKEN:
            meldroute.intrekken(
                **kw, deling_id=delingen[g["sleutel"]].pk, reden="De partner heeft het signaal niet meer nodig."
            )
        elif handeling == Handeling.VERLOPEN:
            meldroute.delingen_verlopen_verwerken()
        elif handeling == Handeling.GEOPEND:
            meldroute.deling_geopend(signaal_id=signaal.pk, door=self.gebruikers[g["partner"]])
        elif handeling == Handeling.TERUGMELDING:
            partner = self.gebruikers[g["partner"]]
            afloop = g["voorgestelde_afloop"]
            meldroute.terugmelding_toevoegen(
                signaal_id=signaal.pk, door=partner, tekst=g["tekst"], voorgestelde_afloop=afloop
            )
        elif handeling == Handeling.GEZIEN:
            meldroute.terugmeldingen_gezien(signaal=signaal, door=af)
        return None


def aantallen(regio: DemoRegio) -> Counter[str]:
    """Signals per step in the regio, for the overview."""
    return Counter(
        Signaal.objects.filter(gemeente__naam__in=[g.naam for g in regio.gemeenten]).values_list("status", flat=True)
    )
