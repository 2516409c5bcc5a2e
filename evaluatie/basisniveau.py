"""The basisniveau (CCV / VNG Kader 2021) per gemeente: what is entered and what follows from the
application's own data, in a fixed number of queries for any number of gemeenten."""

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from django.db.models import Count
from django.utils.formats import date_format

from evaluatie.models import Basisniveau, Training
from evaluatie.onderdrukking import reeks
from evaluatie.selectors import Periode, feiten
from ketenpartners.models import Lidmaatschap, Organisatie, Rol
from signalen import termijnen
from signalen.models import Team

# Partners a gemeente must know for the basisniveau: police, the RIEC and the Zorg- en Veiligheidshuis.
KERNPARTNERS = [Organisatie.Soort.POLITIE, Organisatie.Soort.RIEC, Organisatie.Soort.ZVH]


@dataclass(frozen=True)
class Punt:
    naam: str
    voldaan: bool
    toelichting: str


@dataclass(frozen=True)
class Checklist:
    gemeente: Organisatie
    punten: list[Punt]

    @property
    def voldaan(self) -> int:
        return sum(punt.voldaan for punt in self.punten)


def checklists(gemeenten: Sequence[Organisatie], periode: Periode) -> list[Checklist]:
    ids = [g.pk for g in gemeenten]
    ingevuld = {b.gemeente_id: b for b in Basisniveau.objects.filter(gemeente_id__in=ids)}
    afs = Counter(
        Lidmaatschap.objects.filter(
            organisatie_id__in=ids, rol=Rol.AANDACHTSFUNCTIONARIS, gebruiker__is_active=True, organisatie__actief=True
        ).values_list("organisatie_id", flat=True)
    )
    signalen = dict(feiten(ids, periode).order_by().values_list("gemeente_id").annotate(n=Count("pk")))
    getraind: dict[int, set[int]] = defaultdict(set)
    trainingen = Training.objects.filter(gemeente_id__in=ids, datum__gte=periode.van, datum__lte=periode.tot)
    for gemeente_id, team_id in trainingen.values_list("gemeente_id", "teams"):
        getraind[gemeente_id].add(team_id)
    teams = Team.objects.filter(actief=True).count()
    regio_per_gemeente = termijnen.regio_per_gemeente(ids)
    partners: dict[int, set[str]] = defaultdict(set)
    for regio_id, soort in Organisatie.objects.filter(
        actief=True, soort__in=KERNPARTNERS, regios__in=set(regio_per_gemeente.values())
    ).values_list("regios", "soort"):
        partners[regio_id].add(soort)

    uitkomst = []
    for gemeente in gemeenten:
        basis = ingevuld.get(gemeente.pk)
        beleid = basis.beleid_vastgesteld_op if basis else None
        aantal_afs = afs.get(gemeente.pk, 0)
        gemeld = signalen.get(gemeente.pk, 0)
        bereikt = len(getraind.get(gemeente.pk, set()))
        bekend = partners.get(regio_per_gemeente.get(gemeente.pk, -1), set())
        ontbreekt = [Organisatie.Soort(s).label for s in KERNPARTNERS if s not in bekend]
        punten = [
            Punt(
                "Beleid vastgesteld",
                beleid is not None,
                f"Vastgesteld op {date_format(beleid, 'j F Y')}" if beleid else "Geen datum ingevuld",
            ),
            Punt(
                "Aandachtsfunctionaris aangesteld",
                aantal_afs > 0,
                f"{aantal_afs} aandachtsfunctionaris{'sen' if aantal_afs != 1 else ''} met een account",
            ),
            Punt(
                "Meldpunt werkt",
                gemeld > 0,
                f"{reeks([gemeld]).cellen[0].tekst} signalen ontvangen in de periode",
            ),
            Punt(
                "Organisatiebreed getraind",
                teams > 0 and bereikt * 2 >= teams,
                f"{bereikt} van {teams} teams getraind in de periode",
            ),
            Punt(
                "Ketenpartners bekend",
                not ontbreekt,
                "Politie, RIEC en Zorg- en Veiligheidshuis staan in het register"
                if not ontbreekt
                else "Ontbreekt in het register: " + ", ".join(ontbreekt),
            ),
            Punt(
                "Zorg en opvang geregeld",
                bool(basis and basis.zorg_en_opvang_geregeld),
                (basis.zorg_en_opvang_toelichting if basis else "")
                or ("Ja" if basis and basis.zorg_en_opvang_geregeld else "Niet ingevuld"),
            ),
        ]
        uitkomst.append(Checklist(gemeente=gemeente, punten=punten))
    return uitkomst
