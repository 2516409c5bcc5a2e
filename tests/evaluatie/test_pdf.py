"""The evaluation report as PDF: every figure printed, a table of contents that points to the right
pages, the concept mark on every page of a concept only, escaped texts, and nothing fetched from outside.

The checks read the PDF back with pypdf, so they test what a reader gets, not the HTML in between.
"""

import io
import re
from pathlib import Path

import pytest
from django.utils.safestring import SafeString
from pypdf import PdfReader

from evaluatie import pdf
from evaluatie.export import Tabel
from evaluatie.grafieken import Grafiek, Waarde, kolomdiagram, staafdiagram
from evaluatie.rapportinhoud import Figuur, Hoofdstuk, RapportInhoud, Vergelijking

TITEL = "Evaluatie Westfriesland & <b>omgeving</b>"
VOETNOOT = "<5: minder dan vijf signalen; x: niet getoond omdat het totaal een kleiner aantal zou onthullen."

VORMEN = Tabel(
    titel="Signalen per vorm van uitbuiting",
    kolommen=["Vorm", "Signalen", "Vorige periode"],
    rijen=[
        ["Arbeidsuitbuiting", 17, 12],
        ["Seksuele uitbuiting", "<5", 6],
        ["Criminele uitbuiting", "x", "<5"],
        ["Overige uitbuiting", 3.5, None],
    ],
    voetnoot=VOETNOOT,
)
HOORN_MAANDEN = Tabel(
    titel="Signalen per kwartaal in Hoorn",
    kolommen=["Kwartaal", "Signalen"],
    rijen=[["1e kwartaal 2025", 9], ["2e kwartaal 2025", "<5"], ["3e kwartaal 2025", 14], ["4e kwartaal 2025", 11]],
    voetnoot=VOETNOOT,
)
ENKHUIZEN_MAANDEN = Tabel(
    titel="Signalen per kwartaal in Enkhuizen",
    kolommen=["Kwartaal", "Signalen"],
    rijen=[["1e kwartaal 2025", "x"], ["2e kwartaal 2025", 7], ["3e kwartaal 2025", 8], ["4e kwartaal 2025", "<5"]],
)
DOORLOOP = Tabel(
    titel="Werkdagen tot het besluit",
    kolommen=["Stap", "Mediaan", "90e percentiel"],
    rijen=[["Melding tot toewijzing", 2, 5], ["Toewijzing tot besluit", 13, 31]],
)
ALLE_TABELLEN = [VORMEN, HOORN_MAANDEN, ENKHUIZEN_MAANDEN, DOORLOOP]
EENHEID = "signalen per vorm"  # Printed only inside the chart, so finding it proves the SVG was drawn.
CONCLUSIE = "Arbeidsuitbuiting blijft de grootste vorm.\nDe signalen uit de horeca vragen <i>aandacht</i>."


def _getal(tekst: str) -> float | None:
    return None if tekst in ("<5", "x") else float(tekst.replace(",", "."))


def _grafiek(tabel: Tabel, *, id: str, kolommen: bool = False, eenheid: str = "signalen") -> SafeString:
    waarden = [Waarde(str(rij[0]), _getal(str(rij[1])), str(rij[1]).replace(".", ",")) for rij in tabel.rijen]
    grafiek = Grafiek(titel=tabel.titel, beschrijving="Een samenvatting.", eenheid=eenheid, waarden=waarden)
    return (kolomdiagram if kolommen else staafdiagram)(grafiek, id=id)


def _inhoud(
    *, concept: bool, vorige_periode: str | None = "1 januari 2023 tot en met 31 december 2024"
) -> RapportInhoud:
    signalen = Hoofdstuk(
        id="signalen",
        titel="1. De signalen",
        inleiding="Hoeveel signalen kwamen binnen, en van welke vorm?",
        lezing=["Er kwamen meer signalen binnen dan in de vorige periode.", "Arbeidsuitbuiting komt het meest voor."],
        kerncijfers=[
            Vergelijking("Signalen", "41", "33"),
            Vergelijking("Gemeenten met een signaal", "7", None),
        ],
        figuren=[
            Figuur(
                id="figuur-vormen",
                titel="Signalen per vorm",
                uitleg="Het aantal signalen per vorm van uitbuiting.",
                tabel=VORMEN,
                grafiek=_grafiek(VORMEN, id="grafiek-vormen", eenheid=EENHEID),
            )
        ],
        conclusie=CONCLUSIE,
    )
    gemeenten = Hoofdstuk(
        id="gemeenten",
        titel="2. Per gemeente",
        inleiding="Hoe verschillen de gemeenten?",
        conclusie="De verschillen tussen de gemeenten zijn klein.",
        paragrafen=[
            Hoofdstuk(
                id="gemeente-hoorn",
                titel="2.1 Hoorn",
                inleiding="De signalen in Hoorn.",
                kerncijfers=[Vergelijking("Signalen in Hoorn", "37", "29")],
                figuren=[
                    Figuur(
                        id="figuur-hoorn",
                        titel="Signalen per kwartaal in Hoorn",
                        uitleg="Per kwartaal.",
                        tabel=HOORN_MAANDEN,
                        grafiek=_grafiek(HOORN_MAANDEN, id="grafiek-hoorn", kolommen=True),
                    )
                ],
                conclusie="Hoorn ziet vooral signalen uit de bouw.",
            ),
            Hoofdstuk(
                id="gemeente-enkhuizen",
                titel="2.2 Enkhuizen",
                inleiding="De signalen in Enkhuizen.",
                figuren=[
                    Figuur(
                        id="figuur-enkhuizen",
                        titel="Signalen per kwartaal in Enkhuizen",
                        uitleg="Per kwartaal.",
                        tabel=ENKHUIZEN_MAANDEN,
                    )
                ],
            ),
        ],
    )
    doorlooptijden = Hoofdstuk(
        id="doorlooptijden",
        titel="3. De doorlooptijden",
        inleiding="Hoe snel werd een signaal opgepakt?",
        kerncijfers=[Vergelijking("Mediaan tot besluit (werkdagen)", "13")],
        figuren=[Figuur(id="figuur-doorloop", titel="Werkdagen tot het besluit", uitleg="", tabel=DOORLOOP)],
    )
    return RapportInhoud(
        titel=TITEL,
        regio="Westfriesland",
        periode="1 januari 2025 tot en met 31 december 2026",
        vorige_periode=vorige_periode,
        gemeenten=["Hoorn", "Enkhuizen", "Medemblik"],
        opgesteld_op="22 november 2026",
        opgesteld_door="Petra Smit",
        concept=concept,
        hoofdstukken=[signalen, gemeenten, doorlooptijden],
        verantwoording=[
            "De cijfers komen uit de registratie van signalen.",
            "Aantallen onder de vijf staan er als <5.",
        ],
    )


@pytest.fixture(scope="module")
def concept_pdf() -> bytes:
    return pdf.pdf_maken(_inhoud(concept=True))


@pytest.fixture(scope="module")
def vastgesteld_pdf() -> bytes:
    return pdf.pdf_maken(_inhoud(concept=False, vorige_periode=None))


def _paginas(inhoud: bytes) -> list[str]:
    return [pagina.extract_text() for pagina in PdfReader(io.BytesIO(inhoud)).pages]


def _regels(tekst: str) -> list[str]:
    return [" ".join(regel.split()) for regel in tekst.splitlines()]


def test_the_result_is_a_pdf(concept_pdf: bytes) -> None:
    assert concept_pdf.startswith(b"%PDF-")


def test_the_cover_names_the_report_its_period_and_who_made_it(concept_pdf: bytes) -> None:
    omslag = _regels(_paginas(concept_pdf)[0])

    assert "Westfriesland" in omslag
    assert "Periode 1 januari 2025 tot en met 31 december 2026" in omslag
    assert "Vergeleken met 1 januari 2023 tot en met 31 december 2024" in omslag
    assert "Gemeenten Hoorn, Enkhuizen, Medemblik" in omslag
    assert "Opgesteld op 22 november 2026" in omslag
    assert "Opgesteld door Petra Smit" in omslag
    assert "Concept – niet verspreiden" in omslag


def test_without_a_previous_period_the_cover_compares_with_nothing(vastgesteld_pdf: bytes) -> None:
    omslag = _paginas(vastgesteld_pdf)[0]

    assert "Periode 1 januari 2025 tot en met 31 december 2026" in _regels(omslag)
    assert "Vergeleken met" not in omslag


def test_the_title_is_printed_as_the_characters_it_is_not_read_as_markup(concept_pdf: bytes) -> None:
    paginas = _paginas(concept_pdf)
    tekst = "\n".join(paginas)

    # The header of page 2 on has the whole title on one line; the cover may wrap it.
    assert all(TITEL in pagina for pagina in paginas[1:])
    assert "&amp;" not in tekst
    assert "&lt;" not in tekst
    assert PdfReader(io.BytesIO(concept_pdf)).metadata.title == TITEL


def test_the_header_carries_the_title_from_page_two_on(vastgesteld_pdf: bytes) -> None:
    eerste, *overige = _paginas(vastgesteld_pdf)

    assert TITEL not in _regels(eerste)
    assert all(TITEL in _regels(pagina) for pagina in overige)


def test_every_page_says_which_page_of_how_many_it_is(concept_pdf: bytes) -> None:
    paginas = _paginas(concept_pdf)

    for nummer, pagina in enumerate(paginas, start=1):
        assert f"Pagina {nummer} van {len(paginas)}" in _regels(pagina)


def _kop_concept(pagina: str) -> bool:
    # The header line ends in the mark (after the title from page 2 on); the notice on the cover does not.
    return any(re.search(r"(^|\s)concept$", regel, re.IGNORECASE) for regel in _regels(pagina))


def test_a_concept_says_so_on_every_page(concept_pdf: bytes) -> None:
    paginas = _paginas(concept_pdf)

    assert len(paginas) > 3
    assert all(_kop_concept(pagina) for pagina in paginas)


def test_a_vastgesteld_report_says_concept_nowhere(vastgesteld_pdf: bytes) -> None:
    tekst = "\n".join(_paginas(vastgesteld_pdf))

    assert "concept" not in tekst.lower()
    assert "Nog in te vullen" not in tekst


@pytest.mark.parametrize("soort", ["concept_pdf", "vastgesteld_pdf"])
def test_the_report_never_calls_itself_confidential(soort: str, request: pytest.FixtureRequest) -> None:
    # The report holds aggregates only; a confidentiality mark would say otherwise and make it harder to share.
    tekst = "\n".join(_paginas(request.getfixturevalue(soort)))

    assert "vertrouwelijk" not in tekst.lower()


def test_the_table_of_contents_points_to_the_page_where_each_section_starts(concept_pdf: bytes) -> None:
    paginas = _paginas(concept_pdf)
    verwijzingen = {}
    for regel in _regels(paginas[1]):
        if gevonden := re.fullmatch(r"(.+?) ?\.{3,} ?(\d+)", regel):
            verwijzingen[gevonden[1]] = int(gevonden[2])

    titels = ["1. De signalen", "2. Per gemeente", "2.1 Hoorn", "2.2 Enkhuizen", "3. De doorlooptijden"]
    assert list(verwijzingen) == [*titels, "Verantwoording"]
    for titel, nummer in verwijzingen.items():
        # The first page after the table of contents with the title as a line of its own.
        eerste = next(i for i, pagina in enumerate(paginas[2:], start=3) if titel in _regels(pagina))
        assert nummer == eerste, titel


def _tekst_van(cel: object) -> str:
    if cel is None:
        return ""
    return str(cel).replace(".", ",") if isinstance(cel, float) else str(cel)


@pytest.mark.parametrize("tabel", ALLE_TABELLEN, ids=lambda tabel: tabel.titel)
def test_every_row_of_every_table_is_printed_with_all_its_cells(tabel: Tabel, concept_pdf: bytes) -> None:
    regels = [regel for pagina in _paginas(concept_pdf) for regel in _regels(pagina)]

    assert " ".join(tabel.kolommen) in regels
    for rij in tabel.rijen:
        assert " ".join(tekst for cel in rij if (tekst := _tekst_van(cel))) in regels
    if tabel.voetnoot:
        assert tabel.voetnoot in regels


def test_kerncijfers_show_the_previous_period_only_where_there_is_one(concept_pdf: bytes) -> None:
    paginas = _paginas(concept_pdf)
    signalen, doorlooptijden = _regels(paginas[2]), _regels(paginas[5])

    assert "Kerncijfer Deze periode Vorige periode" in signalen
    assert "Signalen 41 33" in signalen
    assert "Gemeenten met een signaal 7 –" in signalen
    assert "Kerncijfer Deze periode" in doorlooptijden
    assert "Mediaan tot besluit (werkdagen) 13" in doorlooptijden


def test_the_reading_and_the_conclusion_keep_their_sentences_and_line_breaks(concept_pdf: bytes) -> None:
    regels = _regels(_paginas(concept_pdf)[2])

    assert "Er kwamen meer signalen binnen dan in de vorige periode." in regels
    # Two lines as the coördinator typed them, and the tags as text: the conclusion is escaped.
    eerste = regels.index("Arbeidsuitbuiting blijft de grootste vorm.")
    assert regels[eerste + 1] == "De signalen uit de horeca vragen <i>aandacht</i>."
    assert regels[eerste - 1] == "Conclusie"


def test_an_empty_conclusion_asks_for_one_in_a_concept_and_is_left_out_otherwise(
    concept_pdf: bytes, vastgesteld_pdf: bytes
) -> None:
    concept = _regels(_paginas(concept_pdf)[5])
    vastgesteld = _regels(_paginas(vastgesteld_pdf)[5])

    assert concept[concept.index("Conclusie") + 1] == "Nog in te vullen door de coördinator."
    assert "3. De doorlooptijden" in vastgesteld
    assert "Conclusie" not in vastgesteld


def test_a_chart_is_drawn_with_its_value_texts(concept_pdf: bytes) -> None:
    # In the table a value shares its line with the label; the chart prints each text on its own.
    regels = _regels(_paginas(concept_pdf)[2])

    assert EENHEID in regels
    assert {"Arbeidsuitbuiting", "17", "<5", "x", "3,5"} <= set(regels)


def test_the_pdf_is_tagged_in_dutch_and_titled(concept_pdf: bytes) -> None:
    lezer = PdfReader(io.BytesIO(concept_pdf))
    catalogus = lezer.trailer["/Root"]

    assert catalogus["/Lang"] == "nl"
    assert catalogus["/MarkInfo"]["/Marked"].value is True
    assert "/StructTreeRoot" in catalogus
    assert catalogus["/ViewerPreferences"]["/DisplayDocTitle"].value is True
    assert lezer.metadata.title == TITEL


def test_the_text_is_set_in_the_products_noto_sans(concept_pdf: bytes) -> None:
    lezer = PdfReader(io.BytesIO(concept_pdf))
    lettertypen = {
        str(lettertype.get_object()["/BaseFont"])
        for pagina in lezer.pages
        for lettertype in pagina["/Resources"]["/Font"].values()
    }

    assert lettertypen
    assert all("Noto-Sans" in lettertype for lettertype in lettertypen)


# Fetching: only the vendored font files, never anything else.

LETTERTYPE = Path(pdf._LETTERTYPEN, "files", "noto-sans-latin-400-normal.woff2")


@pytest.mark.parametrize(
    "url",
    [
        "https://example.org/x.png",
        "http://example.org/lettertype.woff2",
        "ftp://example.org/lettertype.woff2",
        "data:text/css,body{}",
        "file:///etc/passwd",
        "file://example.org" + LETTERTYPE.as_posix(),
        LETTERTYPE.parent.as_uri() + "/../../../css/grafieken.css",
        LETTERTYPE.parent.as_uri() + "/bestaat-niet.woff2",
    ],
)
def test_the_url_fetcher_refuses_everything_but_the_font_files(url: str) -> None:
    with pytest.raises(ValueError, match="geweigerd"):
        pdf._AlleenLettertypen().fetch(url)


def test_the_url_fetcher_hands_out_a_font_file_unpacked() -> None:
    antwoord = pdf._AlleenLettertypen().fetch(LETTERTYPE.as_uri())

    inhoud = antwoord.read()
    assert LETTERTYPE.read_bytes().startswith(b"wOF2")
    assert inhoud[:4] in (b"\x00\x01\x00\x00", b"OTTO", b"true")


def test_a_remote_url_stops_the_rendering_without_a_connection(monkeypatch: pytest.MonkeyPatch) -> None:
    from weasyprint import HTML
    from weasyprint.urls import FatalURLFetchingError

    verbindingen: list[object] = []
    monkeypatch.setattr("socket.socket.connect", lambda _socket, adres: verbindingen.append(adres))
    html = HTML(string='<img src="https://example.org/x.png" alt="">', url_fetcher=pdf._AlleenLettertypen())

    with pytest.raises(FatalURLFetchingError):
        html.write_pdf()
    assert verbindingen == []


def test_making_the_report_fetches_only_the_font_files(monkeypatch: pytest.MonkeyPatch) -> None:
    opgehaald: list[str] = []
    ophalen = pdf._AlleenLettertypen.fetch

    def bijhouden(self: pdf._AlleenLettertypen, url: str, headers: object = None) -> object:
        opgehaald.append(url)
        return ophalen(self, url, headers)

    monkeypatch.setattr(pdf._AlleenLettertypen, "fetch", bijhouden)
    pdf.pdf_maken(_inhoud(concept=False, vorige_periode=None))

    assert opgehaald
    assert all(url.startswith(pdf._LETTERTYPEN.as_uri() + "/files/") for url in opgehaald)


def test_a_chart_carries_its_colours_as_attributes_because_weasyprint_ignores_css_in_svg() -> None:
    svg = _grafiek(VORMEN, id="grafiek-kleur")

    assert 'class="mh-grafiek__staaf" fill="#00568b"' in svg
    assert 'class="mh-grafiek__as" stroke="#586c88"' in svg
    assert 'fill="#001a40"' in svg
    assert "style=" not in svg.replace("font-style=", "")
