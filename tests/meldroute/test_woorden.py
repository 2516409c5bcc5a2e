"""What the AF and the melder read: one date style, a timeline in the past tense without doubled
labels, error messages that say what to fill in, the exits as secondary buttons, and the key facts
of the signal beside every action form."""

import datetime
import re
from collections.abc import Iterator
from html.parser import HTMLParser
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from ketenpartners.models import Gebruiker, Organisatie
from meldroute import services
from signalen.models import Signaal
from signalen.workflow import TRANSITIES
from tests.factories import OrganisatieFactory, delen, signaal_melden
from tests.hulp import tabelrijen

pytestmark = pytest.mark.django_db

# 22 November 2026, 10:30 in the Netherlands: the moment every signal here is reported.
MOMENT = datetime.datetime(2026, 11, 22, 10, 30, tzinfo=ZoneInfo("Europe/Amsterdam"))
GISTEREN = datetime.date(2026, 11, 21)

# Each step of the route with data of its own, dated the day before.
ROUTE: list[tuple[str, dict[str, Any]]] = [
    ("verrijken", {"bron": "brp", "bevindingen": "Twaalf inschrijvingen op het adres."}),
    ("lokale_tafel_bespreken", {"soort": "ondermijningstafel", "besproken_op": GISTEREN, "besluit": "Naar RIEC."}),
    ("riec_inschakelen", {"vermoeden": "Signalen van dwang.", "contact": "RIEC Noord-Holland", "datum": GISTEREN}),
    ("informatieplein_inbrengen", {"ingebracht_op": GISTEREN, "resultaat": "Opgepakt door politie."}),
    ("terugkoppelen", {"tekst": "Dank voor uw melding.", "gegeven_op": GISTEREN}),
    ("afsluiten", {"afloop": "zorgtraject"}),
    ("heropenen", {"reden": "Nieuwe informatie ontvangen."}),
]


@pytest.fixture(autouse=True)
def _op_22_november() -> Iterator[None]:
    with time_machine.travel(MOMENT, tick=False):
        yield


class _Pagina(HTMLParser):
    """The timeline entries (their paragraphs) and the dt/dd pairs of the key facts, as text."""

    def __init__(self) -> None:
        super().__init__()
        self.tijdlijn: list[list[str]] = []
        self.kernfeiten: dict[str, str] = {}
        self._in_tijdlijn = self._in_kernfeiten = False
        self._tekst: list[str] | None = None
        self._dt = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        klassen = (dict(attrs).get("class") or "").split()
        if tag == "ol" and "mh-tijdlijn" in klassen:
            self._in_tijdlijn = True
        elif tag == "aside" and "mh-kernfeiten" in klassen:
            self._in_kernfeiten = True
        elif tag == "li" and self._in_tijdlijn:
            self.tijdlijn.append([])
        elif (tag == "p" and self._in_tijdlijn) or (tag in ("dt", "dd") and self._in_kernfeiten):
            self._tekst = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "ol":
            self._in_tijdlijn = False
        elif tag == "aside":
            self._in_kernfeiten = False
        elif self._tekst is not None and tag in ("p", "dt", "dd"):
            tekst = " ".join("".join(self._tekst).split())
            if tag == "p":
                self.tijdlijn[-1].append(tekst)
            elif tag == "dt":
                self._dt = tekst
            else:
                self.kernfeiten[self._dt] = tekst
            self._tekst = None

    def handle_data(self, data: str) -> None:
        if self._tekst is not None:
            self._tekst.append(data)


def lees(html: str) -> _Pagina:
    pagina = _Pagina()
    pagina.feed(html)
    return pagina


def knopklasse(html: str, label: str) -> str:
    """The style of the action link with this text: primary-action or secondary-action."""
    gevonden = re.search(rf'<a class="([^"]*)" href="[^"]*">{re.escape(label)}</a>', html)
    assert gevonden, f"geen knop '{label}'"
    return next(k.removeprefix("utrecht-button-link--") for k in gevonden[1].split() if k.endswith("-action"))


def geen_andere_datumstijl(html: str) -> None:
    assert not re.search(r"\b\d{1,2}-\d{1,2}-\d{4}\b", html)
    assert not re.search(r"\b\d{1,2} (jan|feb|mrt|apr|mei|jun|jul|aug|sep|okt|nov|dec)\.", html)


@pytest.fixture
def signaal(melder_hoorn: Gebruiker, af_hoorn: Gebruiker) -> Signaal:
    signaal = signaal_melden(melder=melder_hoorn, acuut=True, waargenomen_op=GISTEREN)
    services.in_behandeling_nemen(signaal_id=signaal.pk, door=af_hoorn, behandelaar=af_hoorn)
    return signaal


def lopen(signaal: Signaal, af: Gebruiker, tot: str) -> None:
    """Along ROUTE from where the signal is, up to and including the step ``tot``."""
    for naam, gegevens in ROUTE:
        signaal.refresh_from_db()
        if signaal.status in TRANSITIES[naam].van:
            getattr(services, naam)(signaal_id=signaal.pk, door=af, **gegevens)
        if naam == tot:
            return


def test_dates_read_22_november_2026_on_werkbak_detail_and_mijn_signalen(
    client: Client, signaal: Signaal, af_hoorn: Gebruiker, melder_hoorn: Gebruiker
) -> None:
    lopen(signaal, af_hoorn, tot="verrijken")
    services.herbeoordeling_plannen(signaal_id=signaal.pk, door=af_hoorn, datum=datetime.date(2027, 3, 1))
    client.force_login(af_hoorn)

    werkbak = client.get(reverse("meldroute:werkbak")).content.decode()
    [rij] = tabelrijen(werkbak)
    assert (rij[6], rij[7]) == ("22 november 2026", "1 maart 2027")
    geen_andere_datumstijl(werkbak)

    detail = client.get(reverse("meldroute:detail", args=[signaal.pk])).content.decode()
    assert "<dt>Gemeld op</dt><dd>22 november 2026 10:30</dd>" in detail
    assert "<dt>Waargenomen op</dt><dd>21 november 2026</dd>" in detail
    assert "Lopend signaal: herbeoordelen op 1 maart 2027." in detail
    assert lees(detail).tijdlijn[0] == ["Gemeld", "22 november 2026 10:30 door Dirk Smit"]
    geen_andere_datumstijl(detail)

    client.force_login(melder_hoorn)
    mijn = client.get(reverse("meldroute:mijn_signalen")).content.decode()
    assert tabelrijen(mijn)[0][1] == "22 november 2026"
    geen_andere_datumstijl(mijn)


def test_the_timeline_is_in_the_past_tense_and_says_nothing_twice(
    client: Client, signaal: Signaal, af_hoorn: Gebruiker
) -> None:
    lopen(signaal, af_hoorn, tot="heropenen")
    services.behandelaar_wijzigen(signaal_id=signaal.pk, door=af_hoorn, behandelaar=af_hoorn)
    client.force_login(af_hoorn)

    tijdlijn = lees(client.get(reverse("meldroute:detail", args=[signaal.pk])).content.decode()).tijdlijn

    wanneer = "22 november 2026 10:30 door Anna de Vries"
    assert tijdlijn == [
        ["Gemeld", "22 november 2026 10:30 door Dirk Smit"],
        ["In behandeling genomen", wanneer, "Behandelaar: Anna de Vries"],
        ["Verrijkt", wanneer, "Bron: BRP. Twaalf inschrijvingen op het adres."],
        ["Besproken aan de lokale tafel", wanneer, "Lokale ondermijningstafel, 21 november 2026. Besluit: Naar RIEC."],
        ["RIEC ingeschakeld", wanneer, "RIEC Noord-Holland, 21 november 2026. Vermoeden: Signalen van dwang."],
        ["Ingebracht op het informatieplein", wanneer, "Op 21 november 2026. Resultaat: Opgepakt door politie."],
        ["Teruggekoppeld aan de melder", wanneer, "Op 21 november 2026: Dank voor uw melding."],
        ["Afgesloten", wanneer, "Afloop: Zorgtraject"],
        ["Heropend, terug naar stap 2. Ontvangen", wanneer, "Nieuwe informatie ontvangen."],
        ["Behandelaar gewijzigd", wanneer, "Overgedragen aan Anna de Vries."],
    ]


def test_the_exit_no_mensenhandel_reads_as_a_conclusion(client: Client, signaal: Signaal, af_hoorn: Gebruiker) -> None:
    lopen(signaal, af_hoorn, tot="verrijken")
    services.geen_mensenhandel(
        signaal_id=signaal.pk,
        door=af_hoorn,
        onderbouwing="Geen aanwijzingen voor uitbuiting.",
        doorverwijzing="Veilig Thuis",
        tekst="Er bleek geen sprake van mensenhandel.",
        gegeven_op=GISTEREN,
    )
    client.force_login(af_hoorn)

    tijdlijn = lees(client.get(reverse("meldroute:detail", args=[signaal.pk])).content.decode()).tijdlijn

    wanneer = "22 november 2026 10:30 door Anna de Vries"
    assert tijdlijn[-2:] == [
        [
            "Geconcludeerd: geen (vermoeden van) mensenhandel",
            wanneer,
            "Geen aanwijzingen voor uitbuiting.",
            "Doorverwezen naar: Veilig Thuis",
        ],
        ["Teruggekoppeld aan de melder", wanneer, "Op 21 november 2026: Er bleek geen sprake van mensenhandel."],
    ]


def test_the_exits_are_secondary_buttons_and_the_next_step_is_the_primary_one(
    client: Client, signaal: Signaal, af_hoorn: Gebruiker
) -> None:
    lopen(signaal, af_hoorn, tot="verrijken")
    client.force_login(af_hoorn)
    detail = client.get(reverse("meldroute:detail", args=[signaal.pk])).content.decode()
    assert knopklasse(detail, "Bespreken aan lokale tafel") == "primary-action"
    assert knopklasse(detail, "Geen (vermoeden van) mensenhandel") == "secondary-action"
    assert knopklasse(detail, "Verrijking toevoegen") == "secondary-action"

    lopen(signaal, af_hoorn, tot="afsluiten")
    detail = client.get(reverse("meldroute:detail", args=[signaal.pk])).content.decode()
    assert knopklasse(detail, "Heropenen") == "secondary-action"
    assert "utrecht-button-link--primary-action" not in detail


@pytest.mark.parametrize(
    ("naam", "tot", "meldingen"),
    [
        (
            "verrijken",
            None,
            {
                "Bron": "Kies de bron die u raadpleegde, bijvoorbeeld de BRP of de KvK.",
                "Wat is gevonden?": "Vul in wat u in deze bron vond.",
            },
        ),
        (
            "lokale_tafel_bespreken",
            "verrijken",
            {
                "Waar besproken?": (
                    "Kies waar het signaal is besproken: aan de lokale tafel, met de politie of het PCT."
                ),
                "Datum besproken": "Vul de datum in waarop het signaal is besproken.",
                "Wat is besloten?": "Vul de conclusie in: wat is er aan de lokale tafel besloten?",
            },
        ),
        (
            "riec_inschakelen",
            "lokale_tafel_bespreken",
            {
                "Waarom is er een vermoeden van mensenhandel?": (
                    "Beschrijf waarom er een vermoeden van mensenhandel is."
                ),
                "RIEC-contact of regionale tafel": "Vul in met wie bij het RIEC of de regionale tafel u contact had.",
                "Datum": "Vul de datum in waarop u het RIEC inschakelde.",
            },
        ),
        (
            "informatieplein_inbrengen",
            "riec_inschakelen",
            {
                "Datum ingebracht": "Vul de datum in waarop het signaal op het informatieplein is ingebracht.",
                "Resultaat": "Vul het resultaat in: wat is er op het informatieplein besloten?",
            },
        ),
        (
            "terugkoppelen",
            "informatieplein_inbrengen",
            {
                "Terugkoppeling aan de melder": "Schrijf de terugkoppeling aan de melder.",
                "Datum terugkoppeling": "Vul de datum in waarop u de melder terugkoppeling gaf.",
            },
        ),
        (
            "geen_mensenhandel",
            "verrijken",
            {
                "Onderbouwing: waarom geen (vermoeden van) mensenhandel?": (
                    "Onderbouw waarom er geen (vermoeden van) mensenhandel is."
                ),
                "Terugkoppeling aan de melder": "Schrijf de terugkoppeling aan de melder.",
                "Datum terugkoppeling": "Vul de datum in waarop u de melder terugkoppeling gaf.",
            },
        ),
        ("heropenen", "afsluiten", {"Waarom wordt het signaal heropend?": "Vul in waarom het signaal wordt heropend."}),
        (
            "herbeoordeling_plannen",
            "verrijken",
            {"Herbeoordelingsdatum": "Kies de datum waarop u het signaal opnieuw wilt beoordelen."},
        ),
    ],
)
def test_an_empty_action_form_says_per_field_what_to_fill_in(
    client: Client,
    signaal: Signaal,
    af_hoorn: Gebruiker,
    naam: str,
    tot: str | None,
    meldingen: dict[str, str],
) -> None:
    if tot:
        lopen(signaal, af_hoorn, tot=tot)
    signaal.refresh_from_db()
    client.force_login(af_hoorn)

    antwoord = client.post(reverse("meldroute:actie", args=[signaal.pk, naam]), {"verwachte_status": signaal.status})

    html = antwoord.content.decode()
    assert antwoord.status_code == 200
    samenvatting = html[html.index('id="foutsamenvatting"') : html.index("</ul>", html.index('id="foutsamenvatting"'))]
    gevonden = re.findall(r'<a class="utrecht-link utrecht-link--html-a" href="#[^"]+">([^<]+)</a>', samenvatting)
    assert gevonden == [f"{label}: {melding}" for label, melding in meldingen.items()]
    assert "Dit veld is verplicht." not in html


def test_every_action_form_shows_the_key_facts_of_the_signal(
    client: Client, signaal: Signaal, af_hoorn: Gebruiker
) -> None:
    client.force_login(af_hoorn)
    signaal.refresh_from_db()
    politie = OrganisatieFactory(naam="Politie – AVIM", soort=Organisatie.Soort.POLITIE)
    deling = delen(signaal, door=af_hoorn, organisatie=politie)
    paginas = [
        reverse("meldroute:actie", args=[signaal.pk, "verrijken"]),
        reverse("meldroute:actie", args=[signaal.pk, "behandelaar_wijzigen"]),
        reverse("meldroute:delen", args=[signaal.pk]),
        reverse("meldroute:verlengen", args=[signaal.pk, deling.pk]),
        reverse("meldroute:intrekken", args=[signaal.pk, deling.pk]),
        reverse("meldroute:dossier", args=[signaal.pk, "betrokkene"]),
        reverse("meldroute:dossier", args=[signaal.pk, "notitie"]),
    ]

    for url in paginas:
        html = client.get(url).content.decode()
        kernfeiten = lees(html).kernfeiten
        termijn = kernfeiten.pop("Termijn")
        assert kernfeiten == {
            "Referentie": signaal.referentie,
            "Gemeente": "Hoorn",
            "Stap": "2. Ontvangen",
            "Acuut": "Ja",
            "Vormen": "Arbeidsuitbuiting",
            "Behandelaar": "Anna de Vries",
            "Ingediend op": "22 november 2026 10:30",
        }
        assert termijn.startswith("Verrijken:"), termijn
        # Beside the form: in the same grid, right after it.
        assert html.index('<form method="post"') < html.index(
            '<aside class="mh-detail__zijkant mh-stack mh-kernfeiten"'
        )
