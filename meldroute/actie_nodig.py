"""What a user has to do now: "Actie nodig", and the count beside it in the header.

Nothing here is a to-do to tick off: every entry follows from the state of a signal, a share or
an e-mail, and disappears by itself when the thing is done. The rules are those of
meldroute/herinneringen.py (who gets which mail); the tests hold the two side by side.

The count costs a fixed number of queries whatever the number of signals: the user's roles, the
gemeenten where they are AF and those gemeenten's active AFs, the signals of those gemeenten with
an unseen terugmelding, one count of signals, one of shares, and for a beheerder one of
undeliverable mails. Each condition is one gemeente and one moment, read from an index on
(gemeente, moment), so the count follows the gemeente's own signals.
"""

import datetime
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property

from django.db.models import BooleanField, Case, F, Q, QuerySet, Value, When
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from ketenpartners.models import Gebruiker, Lidmaatschap, Organisatie, Rol
from ketenpartners.selectors import rollen_van
from meldroute.models import Deling, Terugmelding
from meldroute.zicht import partnerorganisaties_van
from mensenhandel.werkdagen import lokale_datum
from signalen.models import Notificatie, Signaal, Termijninstellingen
from signalen.termijnen import Stand, stand, volgende_termijn
from signalen.workflow import MONITORING_STATUSSEN, OPEN_STATUSSEN, Status
from tafels.selectors import aantal_open_acties, heeft_open_acties, open_acties


@dataclass
class Voorwaarden:
    """The conditions of every kind of entry, for one user at one moment."""

    gebruiker: Gebruiker
    nu: datetime.datetime

    @cached_property
    def rollen(self) -> set[str]:
        return rollen_van(self.gebruiker)

    @cached_property
    def af_gemeenten(self) -> dict[int, int]:
        """Gemeente → how many days before its end a share is reported (the regio's setting)."""
        if Rol.AANDACHTSFUNCTIONARIS not in self.rollen:
            return {}
        standaard = Termijninstellingen().deling_waarschuwing_dagen
        rijen = (
            Organisatie.objects.filter(
                lidmaatschappen__gebruiker=self.gebruiker,
                lidmaatschappen__rol=Rol.AANDACHTSFUNCTIONARIS,
                actief=True,
                soort=Organisatie.Soort.GEMEENTE,
            )
            .order_by("pk", "regios__naam")
            .values_list("pk", "regios__termijnen__deling_waarschuwing_dagen")
        )
        gemeenten: dict[int, int] = {}
        for pk, dagen in rijen:
            gemeenten.setdefault(pk, dagen or standaard)
        return gemeenten

    @cached_property
    def actieve_afs(self) -> dict[int, list[int]]:
        """The active AFs of each of the user's gemeenten (one query): who counts as a behandelaar."""
        afs: dict[int, list[int]] = defaultdict(list)
        for gemeente_id, gebruiker_id in Lidmaatschap.objects.filter(
            organisatie_id__in=list(self.af_gemeenten),
            organisatie__actief=True,
            rol=Rol.AANDACHTSFUNCTIONARIS,
            gebruiker__is_active=True,
        ).values_list("organisatie_id", "gebruiker_id"):
            afs[gemeente_id].append(gebruiker_id)
        return afs

    @cached_property
    def signalen_met_nieuwe_terugmelding(self) -> list[int]:
        """The signals of the user's gemeenten with a terugmelding not yet seen (a short list):
        as a list of keys, the count reads them by primary key instead of scanning the gemeenten."""
        return list(
            Terugmelding.objects.filter(gezien_op__isnull=True, signaal__gemeente__in=list(self.af_gemeenten))
            .order_by("signaal_id")
            .values_list("signaal_id", flat=True)
            .distinct()
        )

    @property
    def vandaag(self) -> datetime.date:
        return lokale_datum(self.nu)

    def _per_gemeente(self, voorwaarde: Callable[[list[int], str], Q], pad: str = "") -> Q:
        """The condition for each of the user's gemeenten, with that gemeente's active AFs.

        ``pad`` leads from the queried model to the signal ("" or "signaal__"). Plain column
        conditions only: the database filters the gemeente's rows by index and checks the rest
        per row without a subquery.
        """
        samen = Q(pk__in=[])
        for gemeente in self.af_gemeenten:
            samen |= Q(**{f"{pad}gemeente": gemeente}) & voorwaarde(self.actieve_afs.get(gemeente, []), pad)
        return samen

    def _eigen(self, afs: list[int], pad: str = "", veld: str = "behandelaar") -> Q:
        """The user is the behandelaar, or nobody active is (no behandelaar, or one who left)."""
        return (
            Q(**{f"{pad}{veld}": self.gebruiker})
            | Q(**{f"{pad}{veld}__isnull": True})
            | ~Q(**{f"{pad}{veld}__in": afs})
        )

    def _achtervang(self, afs: list[int], pad: str = "") -> Q:
        """Another active AF is the behandelaar."""
        return Q(**{f"{pad}behandelaar__in": [af for af in afs if af != self.gebruiker.pk]})

    def signalen(self) -> dict[str, Q]:
        """Per kind of entry, the condition on a signal."""
        nu = self.nu
        voorwaarden: dict[str, Q] = {}
        if self.af_gemeenten:
            voorwaarden |= {
                "nieuw": Q(gemeente__in=list(self.af_gemeenten), status=Status.OPGEPIKT),
                "termijn": self._per_gemeente(lambda afs, _: self._eigen(afs))
                & Q(status=Status.ONTVANGEN, stap_termijn_op__lte=nu),
                "terugkoppeling": self._per_gemeente(lambda afs, _: self._eigen(afs))
                & Q(terugkoppeling_termijn_op__lte=nu),
                # Each term on its own, so each is read from its index (gemeente, moment).
                "achtervang_stap": self._per_gemeente(lambda afs, _: self._achtervang(afs))
                & Q(stap_escalatie_op__lte=nu),
                "achtervang_terugkoppeling": self._per_gemeente(lambda afs, _: self._achtervang(afs))
                & Q(terugkoppeling_escalatie_op__lte=nu),
                "herbeoordeling": self._per_gemeente(lambda afs, _: self._eigen(afs))
                & Q(status__in=MONITORING_STATUSSEN, herbeoordelen_op__lte=self.vandaag),
                "terugmelding": self._per_gemeente(lambda afs, _: self._eigen(afs))
                & Q(pk__in=self.signalen_met_nieuwe_terugmelding),
            }
        if Rol.COORDINATOR in self.rollen:
            regio_gemeenten = Organisatie.objects.filter(
                soort=Organisatie.Soort.GEMEENTE,
                regios__organisaties__lidmaatschappen__gebruiker=self.gebruiker,
                regios__organisaties__lidmaatschappen__rol=Rol.COORDINATOR,
                regios__organisaties__actief=True,
            ).values("pk")
            open_in_regio = Q(gemeente__in=regio_gemeenten) & Q(status__in=OPEN_STATUSSEN)
            voorwaarden["escalatie_stap"] = open_in_regio & Q(stap_escalatie_op__lte=nu)
            voorwaarden["escalatie_terugkoppeling"] = open_in_regio & Q(terugkoppeling_escalatie_op__lte=nu)
        voorwaarden["teruggekoppeld"] = Q(melder=self.gebruiker, teruggekoppeld_op__isnull=False) & (
            Q(terugkoppeling_gelezen_op__isnull=True) | Q(terugkoppeling_gelezen_op__lt=F("teruggekoppeld_op"))
        )
        return voorwaarden

    # Shares.

    def delingen(self) -> dict[str, Q]:
        voorwaarden: dict[str, Q] = {}
        if self.af_gemeenten:
            binnenkort = Q()
            for gemeente, dagen in self.af_gemeenten.items():
                binnenkort |= Q(
                    signaal__gemeente=gemeente, einddatum__lte=self.vandaag + datetime.timedelta(days=dagen)
                )
            # The AF who shared while they are an active AF; otherwise whoever behandelt it.
            voorwaarden["deling_verloopt"] = binnenkort & self._per_gemeente(
                lambda afs, pad: Q(gedeeld_door=self.gebruiker) | (~Q(gedeeld_door__in=afs) & self._eigen(afs, pad)),
                pad="signaal__",
            )
        if Rol.KETENPARTNER in self.rollen:
            voorwaarden["nieuwe_deling"] = Q(
                organisatie__in=partnerorganisaties_van(self.gebruiker), geopend_op__isnull=True
            )
        return voorwaarden

    def mislukte_mails(self) -> QuerySet[Notificatie] | None:
        if Rol.BEHEERDER not in self.rollen:
            return None
        return Notificatie.objects.filter(opgegeven_op__isnull=False, verzonden_op=None, vervallen_op=None)


def _samen(voorwaarden: dict[str, Q]) -> Q:
    samen = Q(pk__in=[])
    for voorwaarde in voorwaarden.values():
        samen |= voorwaarde
    return samen


def aantal(gebruiker: Gebruiker, *, nu: datetime.datetime | None = None) -> int:
    """The number in the header: signals, shares and undeliverable mails that need the user."""
    if not gebruiker.is_authenticated or not gebruiker.is_active:
        return 0
    v = Voorwaarden(gebruiker, nu or timezone.now())
    totaal = Signaal.objects.filter(_samen(v.signalen())).count()
    delingen = v.delingen()
    if delingen:
        totaal += Deling.objects.actief(v.vandaag).filter(_samen(delingen)).count()
    mislukt = v.mislukte_mails()
    if mislukt is not None:
        totaal += mislukt.count()
    return totaal + aantal_open_acties(gebruiker)


@dataclass
class Regel:
    """One signal or share on the page, with every reason it is there."""

    referentie: str
    gemeente: str
    redenen: list[str]
    url: str | None
    termijn: Stand | None = None
    acuut: bool = False


@dataclass
class ActieNodig:
    signalen: list[Regel] = field(default_factory=list)
    delingen: list[Regel] = field(default_factory=list)
    mislukte_mails: int | None = None
    signaal_ids: list[int] = field(default_factory=list)
    # When there are more signals than the page shows: how many in all.
    signalen_totaal: int = 0
    # Actions a tafel gave the user, the first due first.
    tafelacties: list[Regel] = field(default_factory=list)


REDENEN = {
    "nieuw": "Nieuw signaal: in behandeling nemen",
    "termijn": "Termijn voor verrijken verstreken",
    "terugkoppeling": "Termijn voor terugkoppeling aan de melder verstreken",
    "achtervang_stap": "Als achtervang: een termijn van de behandelaar is al langer verstreken",
    "achtervang_terugkoppeling": "Als achtervang: een termijn van de behandelaar is al langer verstreken",
    "herbeoordeling": "Herbeoordelen: de herbeoordelingsdatum is bereikt",
    "terugmelding": "Nieuwe terugmelding van een ketenpartner",
    "escalatie_stap": "Escalatie: een termijn is al langer verstreken",
    "escalatie_terugkoppeling": "Escalatie: een termijn is al langer verstreken",
    "teruggekoppeld": "Er is terugkoppeling op uw signaal",
    "deling_verloopt": "Deling loopt binnenkort af",
    "nieuwe_deling": "Nieuw met uw organisatie gedeeld",
}
# At most this many signals on the page, most urgent first; the werkbak holds the rest.
MAXIMUM = 200


def _vlaggen(voorwaarden: dict[str, Q]) -> dict[str, Case]:
    return {
        f"actie_{naam}": Case(When(voorwaarde, then=Value(True)), default=Value(False), output_field=BooleanField())
        for naam, voorwaarde in voorwaarden.items()
    }


def actie_nodig(gebruiker: Gebruiker, *, nu: datetime.datetime | None = None) -> ActieNodig:
    """Every entry for the user, most urgent first, in a fixed number of queries."""
    nu = nu or timezone.now()
    v = Voorwaarden(gebruiker, nu)
    resultaat = ActieNodig()
    voorwaarden = v.signalen()
    signalen = (
        Signaal.objects.filter(_samen(voorwaarden))
        .select_related("gemeente")
        .annotate(**_vlaggen(voorwaarden))
        .order_by(F("volgende_termijn_op").asc(nulls_last=True), "-pk")[:MAXIMUM]
    )
    for signaal in signalen:
        redenen = [naam for naam in voorwaarden if getattr(signaal, f"actie_{naam}")]
        als_af = signaal.gemeente_id in v.af_gemeenten
        alleen_melder = redenen == ["teruggekoppeld"]
        if als_af:
            url: str | None = reverse("meldroute:detail", args=[signaal.pk])
        elif alleen_melder:
            url = reverse("meldroute:mijn_signalen")
        else:
            url = None  # A coördinator may not open the signal; the AF is the one to call.
        termijn = None if alleen_melder else volgende_termijn(signaal)
        resultaat.signalen.append(
            Regel(
                referentie=signaal.referentie,
                gemeente=signaal.gemeente.naam,
                redenen=list(dict.fromkeys(REDENEN[naam] for naam in redenen)),
                url=url,
                termijn=stand(termijn, nu) if termijn else None,
                acuut=signaal.acuut and signaal.status == Status.OPGEPIKT,
            )
        )
        resultaat.signaal_ids.append(signaal.pk)
    resultaat.signalen_totaal = len(resultaat.signalen)
    if resultaat.signalen_totaal == MAXIMUM:
        resultaat.signalen_totaal = Signaal.objects.filter(_samen(voorwaarden)).count()
    delingen = v.delingen()
    if delingen:
        for deling in (
            Deling.objects.actief(v.vandaag)
            .filter(_samen(delingen))
            .select_related("signaal__gemeente", "organisatie")
            .annotate(**_vlaggen(delingen))
            .order_by("einddatum", "pk")
        ):
            verloopt = getattr(deling, "actie_deling_verloopt", False)
            redenen = (
                [f"Deling met {deling.organisatie} loopt af op {date_format(deling.einddatum, 'j F Y')}"]
                if verloopt
                else []
            )
            if getattr(deling, "actie_nieuwe_deling", False):
                redenen.append(REDENEN["nieuwe_deling"])
            naam = "meldroute:detail" if verloopt else "meldroute:gedeeld_detail"
            resultaat.delingen.append(
                Regel(
                    referentie=deling.signaal.referentie,
                    gemeente=deling.signaal.gemeente.naam,
                    redenen=redenen,
                    url=reverse(naam, args=[deling.signaal_id]),
                )
            )
            resultaat.signaal_ids.append(deling.signaal_id)
    mislukt = v.mislukte_mails()
    if mislukt is not None:
        resultaat.mislukte_mails = mislukt.count()
    for actie in open_acties(gebruiker) if heeft_open_acties(gebruiker) else []:
        punt = actie.agendapunt
        resultaat.tafelacties.append(
            Regel(
                referentie=punt.signaal.referentie,
                gemeente=punt.signaal.gemeente.naam,
                redenen=[
                    ("Verstreken: " if actie.uiterlijk < v.vandaag else "")
                    + f"{actie.omschrijving} (uiterlijk {date_format(actie.uiterlijk, 'j F Y')}; "
                    f"{punt.bijeenkomst.tafel}, {date_format(punt.bijeenkomst.datum, 'j F Y')})"
                ],
                url=reverse("tafels:bijeenkomst", args=[punt.bijeenkomst_id]),
            )
        )
        resultaat.signaal_ids.append(punt.signaal_id)
    return resultaat
