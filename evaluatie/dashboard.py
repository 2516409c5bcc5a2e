"""The dashboard as people see it: every figure as a table (with "<5" where a count could point to
a person), a chart of the same numbers, and the same table for download. The HTML page, the
CSV/XLSX downloads and the evaluation report all take their figures from here.
"""

import datetime
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from django.utils.formats import date_format
from django.utils.safestring import SafeString

from evaluatie import grafieken, onderdrukking, selectors
from evaluatie.export import Tabel
from evaluatie.grafieken import Grafiek, Waarde
from evaluatie.onderdrukking import Cel
from ketenpartners.models import Organisatie
from signalen.workflow import Status

Rij = list[str | int | float | None]

STAPNAMEN = {
    Status.ONTVANGEN: "Naar stap 2: in behandeling genomen",
    Status.VERRIJKT: "Naar stap 3: verrijkt",
    Status.LOKALE_TAFEL: "Naar stap 4: lokale tafel",
    Status.RIEC: "Naar stap 5: RIEC",
    Status.INFORMATIEPLEIN: "Naar stap 6: informatieplein",
    Status.TERUGKOPPELING: "Naar stap 7: terugkoppeling",
    Status.AFGESLOTEN: "Afgesloten",
}


def werkdagen(waarde: float | None) -> str:
    """Lead times with one decimal, Dutch: 3,5."""
    return "–" if waarde is None else f"{waarde:.1f}".replace(".", ",")


@dataclass
class Figuur:
    id: str
    titel: str
    uitleg: str
    tabel: Tabel
    grafiek: SafeString | None = None


@dataclass
class Dashboard:
    periode: selectors.Periode
    gemeenten: list[Organisatie]
    kerncijfers: list[tuple[str, str]] = field(default_factory=list)
    figuren: list[Figuur] = field(default_factory=list)
    # The raw counts behind the kerncijfers, for the report's readings (never shown as such).
    kern: selectors.Kerncijfers | None = None

    def figuur(self, id: str) -> Figuur | None:
        return next((f for f in self.figuren if f.id == id), None)


def _staven(titel: str, eenheid: str, labels: Sequence[str], cellen: Sequence[Cel]) -> Grafiek:
    hoogste = max((c.getoond or 0 for c in cellen), default=0)
    grootste = next((label for label, c in zip(labels, cellen, strict=True) if c.getoond == hoogste and hoogste), None)
    beschrijving = f"Staafdiagram van {titel.lower()}."
    if grootste:
        beschrijving += f" Het grootste aantal: {grootste} ({onderdrukking.getal(hoogste)} {eenheid})."
    beschrijving += " De tabel ernaast geeft alle getallen."
    return Grafiek(
        titel=titel,
        beschrijving=beschrijving,
        eenheid=eenheid,
        waarden=[Waarde(label=label, getal=c.getoond, tekst=c.tekst) for label, c in zip(labels, cellen, strict=True)],
    )


def _verdeling(
    id: str, titel: str, uitleg: str, kop: str, rijen: Sequence[tuple[str, int]], *, totaal: int | None
) -> Figuur:
    """A one-dimensional count with its total, small counts hidden so they cannot be recomputed."""
    labels = [label for label, _ in rijen]
    getoond = onderdrukking.reeks([n for _, n in rijen], totaal=totaal)
    tabelrijen: list[Rij] = [[label, cel.tekst] for label, cel in zip(labels, getoond.cellen, strict=True)]
    tabel = Tabel(
        titel=titel,
        kolommen=[kop, "Signalen"],
        rijen=[*tabelrijen, ["Totaal", getoond.totaal.tekst]],
        voetnoot=onderdrukking.UITLEG,
    )
    grafiek = grafieken.staafdiagram(_staven(titel, "signalen", labels, getoond.cellen), id=f"grafiek-{id}")
    return Figuur(id=id, titel=titel, uitleg=uitleg, tabel=tabel, grafiek=grafiek)


def _gemeenten(rijen: list[selectors.GemeenteRij], *, totaal: int, acuut: int) -> Figuur:
    signalen = onderdrukking.reeks([r.signalen for r in rijen], totaal=totaal)
    acute = onderdrukking.reeks([r.acuut for r in rijen], totaal=acuut)
    tabelrijen: list[Rij] = []
    for rij, cel, acuut_cel in zip(rijen, signalen.cellen, acute.cellen, strict=True):
        inwoners = rij.gemeente.inwonertal
        if not inwoners:
            per_10000 = "onbekend"
        elif cel.getoond is None:
            per_10000 = onderdrukking.VERBORGEN
        else:
            per_10000 = f"{cel.getoond / inwoners * 10000:.1f}".replace(".", ",")
        tabelrijen.append(
            [
                rij.gemeente.naam,
                cel.tekst,
                acuut_cel.tekst,
                onderdrukking.getal(inwoners) if inwoners else "–",
                per_10000,
            ]
        )
    tabelrijen.append(["Totaal", signalen.totaal.tekst, acute.totaal.tekst, "", ""])
    titel = "Signalen per gemeente"
    tabel = Tabel(
        titel=titel,
        kolommen=["Gemeente", "Signalen", "Waarvan acuut", "Inwoners", "Per 10.000 inwoners"],
        rijen=tabelrijen,
        voetnoot=onderdrukking.UITLEG,
    )
    labels = [r.gemeente.naam for r in rijen]
    grafiek = grafieken.staafdiagram(_staven(titel, "signalen", labels, signalen.cellen), id="grafiek-gemeenten")
    uitleg = "Het aantal signalen per gemeente, en per 10.000 inwoners (inwonertal uit het beheer)."
    return Figuur(id="gemeenten", titel=titel, uitleg=uitleg, tabel=tabel, grafiek=grafiek)


def _doorlooptijden(kern: selectors.Kerncijfers) -> Figuur:
    """Median and 90th percentile per step; hidden when fewer than five signals reached it."""
    tabelrijen: list[Rij] = []
    cellen = []
    for tijd in [*kern.doorlooptijden, kern.tot_terugkoppeling]:
        aantal = onderdrukking.reeks([tijd.aantal]).cellen[0]
        te_weinig = aantal.onderdrukt
        mediaan = onderdrukking.VERBORGEN if te_weinig else werkdagen(tijd.mediaan)
        p90 = onderdrukking.VERBORGEN if te_weinig else werkdagen(tijd.p90)
        naam = (
            "Van melden tot terugkoppeling aan de melder"
            if tijd is kern.tot_terugkoppeling
            else STAPNAMEN[Status(tijd.stap)]
        )
        tabelrijen.append([naam, aantal.tekst, mediaan, p90])
        getal = None if te_weinig or tijd.mediaan is None else tijd.mediaan
        cellen.append(Waarde(label=naam, getal=getal, tekst=mediaan))
    titel = "Doorlooptijd per stap (werkdagen)"
    tabel = Tabel(
        titel=titel,
        kolommen=["Stap", "Signalen", "Mediaan (werkdagen)", "90e percentiel (werkdagen)"],
        rijen=tabelrijen,
        voetnoot="Werkdagen in de vorige stap tot het signaal deze stap bereikte. " + onderdrukking.UITLEG,
    )
    grafiek = grafieken.staafdiagram(
        Grafiek(
            titel="Mediane doorlooptijd per stap",
            beschrijving="Staafdiagram van de mediane doorlooptijd per stap in werkdagen. De tabel ernaast geeft "
            "ook het aantal signalen en het 90e percentiel.",
            eenheid="werkdagen",
            waarden=cellen,
        ),
        id="grafiek-doorlooptijden",
    )
    uitleg = "Hoe lang signalen in elke stap bleven, in werkdagen: de mediaan en de 90% snelste."
    return Figuur(id="doorlooptijden", titel=titel, uitleg=uitleg, tabel=tabel, grafiek=grafiek)


def _trend(rijen: list[tuple[datetime.date, int]], *, totaal: int, per: str) -> Figuur:
    if per == "kwartaal":
        labels = [f"K{(d.month - 1) // 3 + 1} {d.year}" for d, _ in rijen]
    else:
        labels = [date_format(d, "b Y") for d, _ in rijen]
    getoond = onderdrukking.reeks([n for _, n in rijen], totaal=totaal)
    titel = f"Signalen per {per}"
    tabelrijen: list[Rij] = [[label, cel.tekst] for label, cel in zip(labels, getoond.cellen, strict=True)]
    tabel = Tabel(
        titel=titel,
        kolommen=["Maand" if per == "maand" else "Kwartaal", "Signalen"],
        rijen=[*tabelrijen, ["Totaal", getoond.totaal.tekst]],
        voetnoot=onderdrukking.UITLEG,
    )
    grafiek = grafieken.kolomdiagram(
        Grafiek(
            titel=titel,
            beschrijving=f"Kolomdiagram van het aantal gemelde signalen per {per} in de gekozen periode. "
            "De tabel ernaast geeft alle getallen.",
            eenheid="signalen",
            waarden=[
                Waarde(label=lab, getal=c.getoond, tekst=c.tekst) for lab, c in zip(labels, getoond.cellen, strict=True)
            ],
        ),
        id="grafiek-trend",
    )
    uitleg = "Het verloop van het aantal gemelde signalen."
    return Figuur(id="trend", titel=titel, uitleg=uitleg, tabel=tabel, grafiek=grafiek)


def _partners(rijen: list[selectors.PartnerRij]) -> Figuur:
    delingen = onderdrukking.reeks([r.delingen for r in rijen])
    terugmeldingen = onderdrukking.reeks([r.terugmeldingen for r in rijen])
    titel = "Delingen en terugmeldingen per soort ketenpartner"
    tabelrijen: list[Rij] = [
        [r.soort, d.tekst, t.tekst] for r, d, t in zip(rijen, delingen.cellen, terugmeldingen.cellen, strict=True)
    ]
    tabel = Tabel(
        titel=titel,
        kolommen=["Soort ketenpartner", "Delingen", "Terugmeldingen"],
        rijen=[*tabelrijen, ["Totaal", delingen.totaal.tekst, terugmeldingen.totaal.tekst]],
        voetnoot="Delingen gemaakt en terugmeldingen ontvangen in de periode. " + onderdrukking.UITLEG,
    )
    labels = [r.soort for r in rijen]
    grafiek = grafieken.staafdiagram(
        _staven("Delingen per soort ketenpartner", "delingen", labels, delingen.cellen), id="grafiek-partners"
    )
    uitleg = "Met welke soorten ketenpartners signalen werden gedeeld, en hoe vaak zij terugmeldden."
    return Figuur(id="partners", titel=titel, uitleg=uitleg, tabel=tabel, grafiek=grafiek)


def _samenhang(rijen: list[selectors.SamenhangRij]) -> Figuur:
    titel = "Samenhang tussen gemeenten"
    geteld = [r for r in rijen if r.clusters is not None]
    # A cluster is mostly one person, address or company: small counts as everywhere ("<5").
    clusters = iter(onderdrukking.reeks([r.clusters or 0 for r in geteld]).cellen)
    signalen = iter(onderdrukking.reeks([r.signalen or 0 for r in geteld]).cellen)
    tabelrijen: list[Rij] = [
        [r.regio, "–", "–", "–"]
        if r.clusters is None
        else [r.regio, next(clusters).tekst, next(signalen).tekst, str(r.gemeenten)]
        for r in rijen
    ]
    tabel = Tabel(
        titel=titel,
        kolommen=["Regio", "Clusters over meer gemeenten", "Signalen in die clusters", "Gemeenten betrokken"],
        rijen=tabelrijen,
        voetnoot="Een cluster zijn signalen uit de periode die via dezelfde persoon, hetzelfde adres, bedrijf of "
        "telefoonnummer met elkaar verbonden zijn, rechtstreeks of via elkaar, binnen één regio. Geteld uit "
        "versleutelde matchsleutels, zonder namen of signalen; alleen per regio, niet per gemeente. '–': de keuze "
        "bevat één gemeente van deze regio. " + onderdrukking.UITLEG,
    )
    uitleg = (
        "Zicht op aard en omvang: hoe vaak signalen over dezelfde persoon, hetzelfde adres of bedrijf in "
        "verschillende gemeenten binnenkomen (het waterbedeffect)."
    )
    return Figuur(id="samenhang", titel=titel, uitleg=uitleg, tabel=tabel)


def _trainingen(rijen: list[selectors.TrainingRij]) -> Figuur:
    tabelrijen: list[Rij] = []
    for rij in rijen:
        voor = onderdrukking.reeks([rij.signalen_voor]).cellen[0]
        na = onderdrukking.reeks([rij.signalen_na]).cellen[0]

        def per_maand(cel: Cel, dagen: int) -> str:
            if cel.getoond is None:
                return onderdrukking.VERBORGEN
            return "–" if dagen <= 0 else f"{cel.getoond / dagen * 30.44:.1f}".replace(".", ",")

        tabelrijen.append(
            [
                rij.team,
                rij.trainingen,
                rij.deelnemers,
                date_format(rij.eerste, "j F Y"),
                voor.tekst,
                per_maand(voor, rij.dagen_voor),
                na.tekst,
                per_maand(na, rij.dagen_na),
            ]
        )
    titel = "Trainingen en signalen per team"
    tabel = Tabel(
        titel=titel,
        kolommen=[
            "Team",
            "Trainingen",
            "Deelnemers",
            "Eerste training",
            "Signalen ervoor",
            "Per maand ervoor",
            "Signalen erna",
            "Per maand erna",
        ],
        rijen=tabelrijen,
        voetnoot="Signalen van het team in de periode, vóór en vanaf de eerste training in de periode. "
        + onderdrukking.UITLEG,
    )
    uitleg = "Bewustwording: of teams na een training meer signalen doorgeven."
    return Figuur(id="trainingen", titel=titel, uitleg=uitleg, tabel=tabel)


def _deel(naam: str, teller: int, noemer: int) -> tuple[str, str]:
    deel = onderdrukking.deel(teller=teller, noemer=noemer)
    tekst = f"{deel.teller.tekst} van {deel.noemer.tekst}"
    return naam, f"{tekst} ({deel.procent})" if deel.procent else tekst


FIGUREN: list[tuple[str, str]] = [
    ("stappen", "Signalen per stap"),
    ("vormen", "Signalen per vorm"),
    ("gemeenten", "Signalen per gemeente"),
    ("teams", "Signalen per team van de melder"),
    ("trend", "Verloop"),
    ("doorlooptijden", "Doorlooptijd per stap"),
    ("afloop", "Afloop"),
    ("partners", "Ketenpartners"),
    ("samenhang", "Samenhang tussen gemeenten"),
    ("trainingen", "Trainingen"),
]


def opbouwen(gemeenten: Sequence[Organisatie], periode: selectors.Periode, *, per: str = "maand") -> Dashboard:
    """Every figure for these gemeenten and this period, in a fixed number of queries."""
    ids = [g.pk for g in gemeenten]
    qs = selectors.feiten(ids, periode)
    kern = selectors.kerncijfers(qs)
    dashboard = Dashboard(periode=periode, gemeenten=list(gemeenten), kern=kern)
    totaal = onderdrukking.reeks([kern.signalen]).totaal
    dashboard.kerncijfers = [
        ("Signalen gemeld", totaal.tekst),
        _deel("Waarvan acuut", kern.acuut, kern.signalen),
        _deel("Teruggekoppeld aan de melder binnen de termijn", kern.binnen_termijn, kern.teruggekoppeld),
        _deel("Geen (vermoeden van) mensenhandel", kern.geen_mensenhandel, kern.signalen),
        (
            "Mediane tijd tot terugkoppeling",
            onderdrukking.VERBORGEN
            if kern.teruggekoppeld < onderdrukking.DREMPEL
            else f"{werkdagen(kern.tot_terugkoppeling.mediaan)} werkdagen",
        ),
    ]
    stappen = selectors.per_stap(qs)
    bouwers: dict[str, Callable[[], Figuur]] = {
        "stappen": lambda: _verdeling(
            "stappen",
            "Signalen per stap",
            "De stap die de signalen uit de periode nu hebben bereikt.",
            "Stap",
            [(Status(s).label, n) for s, n in stappen.items()],
            totaal=kern.signalen,
        ),
        "vormen": lambda: _verdeling(
            "vormen",
            "Signalen per vorm",
            "Een signaal met meer vormen telt bij elke vorm mee; het totaal telt de vermeldingen.",
            "Vorm",
            selectors.per_vorm(qs),
            totaal=None,
        ),
        "gemeenten": lambda: _gemeenten(selectors.per_gemeente(qs, gemeenten), totaal=kern.signalen, acuut=kern.acuut),
        "teams": lambda: _verdeling(
            "teams",
            "Signalen per team van de melder",
            "Welke teams signalen doorgeven.",
            "Team",
            selectors.per_team(qs),
            totaal=kern.signalen,
        ),
        "trend": lambda: _trend(selectors.trend(qs, periode, per=per), totaal=kern.signalen, per=per),
        "doorlooptijden": lambda: _doorlooptijden(kern),
        "afloop": lambda: _verdeling(
            "afloop",
            "Afloop van afgesloten signalen",
            "Hoe de afgesloten signalen uit de periode afliepen.",
            "Afloop",
            selectors.per_afloop(qs),
            totaal=kern.afgesloten,
        ),
        "partners": lambda: _partners(selectors.per_partnersoort(ids, periode)),
        "samenhang": lambda: _samenhang(selectors.samenhang_per_regio(gemeenten, periode)),
        "trainingen": lambda: _trainingen(selectors.trainingen_per_team(ids, periode)),
    }
    dashboard.figuren = [bouwers[id]() for id, _ in FIGUREN]
    return dashboard
