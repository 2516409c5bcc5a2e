"""The intake form's gemeente choice and its blocks (betrokkenen, locaties) without JavaScript."""

from html.parser import HTMLParser

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from ketenpartners.models import Gebruiker, Organisatie, Rol
from ketenpartners.services import lidmaatschap_toevoegen
from signalen.models import Signaal, Team, TijdelijkeBijlage, Vorm

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"


class _Formulier(HTMLParser):
    """What the browser would send back: the value of each field, the chosen options, the buttons."""

    def __init__(self) -> None:
        super().__init__()
        self.waarden: dict[str, str] = {}
        self.opties: dict[str, list[tuple[str, str, bool]]] = {}
        self.knoppen: list[dict[str, str]] = []
        self.ids: list[str] = []
        self._select: str | None = None
        self._optie: tuple[str, bool] | None = None
        self._textarea: str | None = None
        self._knop: dict[str, str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if "id" in a:
            self.ids.append(a["id"])
        if tag == "input" and a.get("type") not in ("checkbox", "radio", "file"):
            self.waarden[a.get("name", "")] = a.get("value", "")
        elif tag == "input" and "checked" in a:
            self.waarden.setdefault(a["name"], a.get("value", ""))
        elif tag == "select":
            self._select = a["name"]
            self.opties[self._select] = []
        elif tag == "option":
            self._optie = (a.get("value", ""), "selected" in a)
        elif tag == "textarea":
            self._textarea = a["name"]
            self.waarden[self._textarea] = ""
        elif tag == "button":
            self._knop = {**a, "tekst": ""}

    def handle_endtag(self, tag: str) -> None:
        if tag == "select":
            self._select = None
        elif tag == "textarea" and self._textarea is not None:
            # As in the browser: the newline right after <textarea> is not part of the value.
            self.waarden[self._textarea] = self.waarden[self._textarea].removeprefix("\n")
            self._textarea = None
        elif tag == "button" and self._knop is not None:
            self._knop["tekst"] = " ".join(self._knop["tekst"].split())
            self.knoppen.append(self._knop)
            self._knop = None

    def handle_data(self, data: str) -> None:
        if self._optie is not None and self._select is not None:
            waarde, gekozen = self._optie
            self.opties[self._select].append((waarde, data.strip(), gekozen))
            if gekozen:
                self.waarden[self._select] = waarde
            self._optie = None
        elif self._textarea is not None:
            self.waarden[self._textarea] += data
        elif self._knop is not None:
            self._knop["tekst"] += data


def lees(html: str) -> _Formulier:
    parser = _Formulier()
    parser.feed(html)
    return parser


@pytest.fixture
def melder_twee_gemeenten(melder_hoorn: Gebruiker, enkhuizen: Organisatie) -> Gebruiker:
    lidmaatschap_toevoegen(gebruiker=melder_hoorn, organisatie=enkhuizen, rol=Rol.MEDEWERKER)
    return melder_hoorn


def formulier(**extra: object) -> dict[str, object]:
    gegevens: dict[str, object] = {
        "team": str(Team.objects.get(naam="BOA").pk),
        "waargenomen_op": "2026-03-14",
        "omschrijving": "Achter de nagelsalon slapen medewerkers op matrassen.",
        "vormen": [str(Vorm.objects.get(code="arbeidsuitbuiting").pk)],
        "acuut": "nee",
        "betrokkene-TOTAL_FORMS": "3",
        "betrokkene-INITIAL_FORMS": "0",
        "betrokkene-0-rol": "slachtoffer",
        "betrokkene-0-naam": "Jan Jansen",
        "betrokkene-1-rol": "dader",
        "betrokkene-1-naam": "Kees de Boer",
        "betrokkene-1-telefoon": "0612345678",
        "betrokkene-2-rol": "anders",
        "betrokkene-2-naam": "Lotte Vos",
        "betrokkene-2-nationaliteit": "Nederlands",
        "locatie-TOTAL_FORMS": "1",
        "locatie-INITIAL_FORMS": "0",
        "locatie-0-bedrijfsnaam": "Nagelstudio Voorbeeld",
        "locatie-0-kvk_nummer": "12345678",
    }
    gegevens.update(extra)
    return gegevens


def test_a_melder_for_several_gemeenten_must_choose_one(client: Client, melder_twee_gemeenten: Gebruiker) -> None:
    client.force_login(melder_twee_gemeenten)

    pagina = lees(client.get(reverse("signalen:melden")).content.decode())

    assert pagina.opties["gemeente"] == [
        ("", "Kies een gemeente", True),
        (str(Organisatie.objects.get(naam="Enkhuizen").pk), "Enkhuizen", False),
        (str(Organisatie.objects.get(naam="Hoorn").pk), "Hoorn", False),
    ]
    assert pagina.waarden["gemeente"] == ""

    antwoord = client.post(reverse("signalen:melden"), formulier(gemeente="", actie="indienen"))
    html = antwoord.content.decode()
    assert antwoord.status_code == 200
    assert ('href="#id_gemeente">Gemeente: Kies de gemeente waarvoor u meldt.</a>') in html
    assert lees(html).waarden["betrokkene-1-naam"] == "Kees de Boer"
    assert Signaal.objects.count() == 0


def test_a_melder_for_one_gemeente_has_it_chosen_already(client: Client, melder_hoorn: Gebruiker) -> None:
    client.force_login(melder_hoorn)

    pagina = lees(client.get(reverse("signalen:melden")).content.decode())

    hoorn = str(Organisatie.objects.get(naam="Hoorn").pk)
    assert pagina.opties["gemeente"] == [(hoorn, "Hoorn", True)]
    assert pagina.waarden["gemeente"] == hoorn


def test_adding_a_block_sends_the_browser_to_the_new_block(client: Client, melder_hoorn: Gebruiker) -> None:
    client.force_login(melder_hoorn)
    url = reverse("signalen:melden")

    leeg = lees(client.get(url).content.decode())
    toevoegen = {k["value"]: k["formaction"] for k in leeg.knoppen if k.get("value", "").endswith("_toevoegen")}
    assert toevoegen == {"betrokkene_toevoegen": f"{url}#betrokkene-1", "locatie_toevoegen": f"{url}#locatie-1"}

    gegevens = formulier(actie="betrokkene_toevoegen")
    na = lees(client.post(url, gegevens).content.decode())
    # The fourth block is there, with the id the anchor pointed at, and the next anchor is the fifth.
    assert "betrokkene-4" in na.ids
    assert na.waarden["betrokkene-TOTAL_FORMS"] == "4"
    assert na.waarden["betrokkene-3-naam"] == ""
    toevoegen = {k["value"]: k["formaction"] for k in na.knoppen if k.get("value", "").endswith("_toevoegen")}
    assert toevoegen == {"betrokkene_toevoegen": f"{url}#betrokkene-5", "locatie_toevoegen": f"{url}#locatie-2"}


def test_removing_a_block_keeps_every_other_input_and_the_uploaded_file(
    client: Client, melder_twee_gemeenten: Gebruiker
) -> None:
    client.force_login(melder_twee_gemeenten)
    url = reverse("signalen:melden")
    enkhuizen = str(Organisatie.objects.get(naam="Enkhuizen").pk)
    bijlage = SimpleUploadedFile("verslag.pdf", PDF, content_type="application/pdf")

    antwoord = client.post(url, formulier(gemeente=enkhuizen, actie="betrokkene_verwijderen:1", bijlagen=bijlage))

    assert antwoord.status_code == 200
    pagina = lees(antwoord.content.decode())
    verwijderknoppen = [
        (k["value"], k["formaction"], k["tekst"]) for k in pagina.knoppen if "verwijderen" in k.get("value", "")
    ]
    assert verwijderknoppen == [
        ("betrokkene_verwijderen:0", f"{url}#betrokkenen", "Verwijder deze betrokkene (betrokkene 1)"),
        ("betrokkene_verwijderen:1", f"{url}#betrokkenen", "Verwijder deze betrokkene (betrokkene 2)"),
        ("locatie_verwijderen:0", f"{url}#locaties", "Verwijder deze locatie (locatie 1)"),
    ]
    blokken = {
        k: v for k, v in pagina.waarden.items() if k.startswith(("betrokkene-", "locatie-")) and "_NUM_" not in k
    }
    assert blokken == {
        "betrokkene-TOTAL_FORMS": "2",
        "betrokkene-INITIAL_FORMS": "0",
        "betrokkene-0-rol": "slachtoffer",
        "betrokkene-0-naam": "Jan Jansen",
        "betrokkene-0-geboortedatum": "",
        "betrokkene-0-nationaliteit": "",
        "betrokkene-0-adres": "",
        "betrokkene-0-telefoon": "",
        "betrokkene-0-notities": "",
        "betrokkene-1-rol": "anders",
        "betrokkene-1-naam": "Lotte Vos",
        "betrokkene-1-geboortedatum": "",
        "betrokkene-1-nationaliteit": "Nederlands",
        "betrokkene-1-adres": "",
        "betrokkene-1-telefoon": "",
        "betrokkene-1-notities": "",
        "locatie-TOTAL_FORMS": "1",
        "locatie-INITIAL_FORMS": "0",
        "locatie-0-adres": "",
        "locatie-0-bedrijfsnaam": "Nagelstudio Voorbeeld",
        "locatie-0-kvk_nummer": "12345678",
        "locatie-0-omschrijving": "",
    }
    assert pagina.waarden["gemeente"] == enkhuizen
    assert pagina.waarden["omschrijving"] == "Achter de nagelsalon slapen medewerkers op matrassen."
    assert pagina.waarden["waargenomen_op"] == "2026-03-14"
    assert "Kees de Boer" not in antwoord.content.decode()
    assert "Er ging iets mis" not in antwoord.content.decode()
    bewaard = TijdelijkeBijlage.objects.get(eigenaar=melder_twee_gemeenten)
    assert pagina.waarden["bewaarde_bijlage"] == str(bewaard.pk)
    assert Signaal.objects.count() == 0

    # Sent as the page now stands: two betrokkenen, the file that was kept.
    verzenden = {k: v for k, v in pagina.waarden.items() if k != "actie"}
    antwoord = client.post(url, {**verzenden, "vormen": formulier()["vormen"], "actie": "indienen"}, follow=True)
    signaal = Signaal.objects.get()
    assert [(b.naam, b.rol) for b in signaal.betrokkenen.order_by("pk")] == [
        ("Jan Jansen", "slachtoffer"),
        ("Lotte Vos", "anders"),
    ]
    assert [b.naam for b in signaal.bijlagen.all()] == ["verslag.pdf"]
    assert signaal.gemeente.naam == "Enkhuizen"


def test_removing_a_row_that_is_not_there_changes_nothing(client: Client, melder_hoorn: Gebruiker) -> None:
    client.force_login(melder_hoorn)
    antwoord = client.post(reverse("signalen:melden"), formulier(actie="locatie_verwijderen:7"))
    pagina = lees(antwoord.content.decode())
    assert pagina.waarden["locatie-TOTAL_FORMS"] == "1"
    assert pagina.waarden["locatie-0-bedrijfsnaam"] == "Nagelstudio Voorbeeld"
    assert pagina.waarden["betrokkene-2-naam"] == "Lotte Vos"
