"""The SVG charts: an accessible image, bars to scale, suppressed values without a bar, and no inline style."""

import xml.etree.ElementTree as ET
from collections.abc import Callable

import pytest
from django.utils.safestring import SafeString

from evaluatie.grafieken import Grafiek, Waarde, kolomdiagram, staafdiagram

SVG = "{http://www.w3.org/2000/svg}"
Tekenen = Callable[..., SafeString]


def _grafiek(*waarden: Waarde, titel: str = "Signalen per vorm", eenheid: str = "signalen") -> Grafiek:
    return Grafiek(
        titel=titel,
        beschrijving="Arbeidsuitbuiting komt het meest voor.",
        eenheid=eenheid,
        waarden=list(waarden),
    )


def _ontleed(markup: str) -> ET.Element:
    # The markup is our own output under test, not data from outside.
    return ET.fromstring(markup)  # noqa: S314


def _staven(svg: ET.Element) -> list[ET.Element]:
    return [el for el in svg.iter(f"{SVG}rect") if el.get("class") == "mh-grafiek__staaf"]


def _teksten(svg: ET.Element, klasse: str) -> list[ET.Element]:
    return [el for el in svg.iter(f"{SVG}text") if klasse in (el.get("class") or "").split()]


def _maanden(aantal: int) -> list[Waarde]:
    namen = ["jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"]
    return [Waarde(f"{namen[i % 12]} {2026 + i // 12}", float(i + 1), str(i + 1)) for i in range(aantal)]


DRIE = _grafiek(
    Waarde("Arbeidsuitbuiting", 8, "8"),
    Waarde("Seksuele uitbuiting", 4, "4"),
    Waarde("Criminele uitbuiting", 1, "1"),
)


@pytest.mark.parametrize("tekenen", [staafdiagram, kolomdiagram])
def test_a_chart_is_an_image_named_by_its_title_and_described_by_its_summary(tekenen: Tekenen) -> None:
    svg = _ontleed(tekenen(DRIE, id="vormen"))

    assert svg.tag == f"{SVG}svg"
    assert svg.get("role") == "img"
    assert svg.get("aria-labelledby") == "vormen-titel vormen-beschrijving"
    titel, beschrijving = list(svg)[:2]
    assert (titel.tag, titel.get("id"), titel.text) == (f"{SVG}title", "vormen-titel", "Signalen per vorm")
    assert (beschrijving.tag, beschrijving.get("id"), beschrijving.text) == (
        f"{SVG}desc",
        "vormen-beschrijving",
        "Arbeidsuitbuiting komt het meest voor.",
    )


@pytest.mark.parametrize("tekenen", [staafdiagram, kolomdiagram])
def test_a_chart_is_safe_markup_that_scales_with_its_container(tekenen: Tekenen) -> None:
    markup = tekenen(DRIE, id="vormen")
    svg = _ontleed(markup)

    assert isinstance(markup, SafeString)
    assert svg.get("width") == "100%"
    assert svg.get("height") is None
    assert svg.get("viewBox", "").startswith("0 0 ")


def test_bars_are_scaled_to_the_largest_shown_value() -> None:
    svg = _ontleed(staafdiagram(DRIE, id="vormen"))

    breedtes = [float(staaf.get("width", "")) for staaf in _staven(svg)]

    assert breedtes == [320.0, 160.0, 40.0]
    assert breedtes[1] == pytest.approx(breedtes[0] / 2, abs=0.5)
    assert breedtes[2] == pytest.approx(breedtes[0] / 8, abs=0.5)


def test_each_bar_has_its_label_left_and_its_value_text_right_of_it() -> None:
    svg = _ontleed(staafdiagram(DRIE, id="vormen"))
    staaf = _staven(svg)[1]
    label = _teksten(svg, "mh-grafiek__label")[1]
    waarde = _teksten(svg, "mh-grafiek__waarde")[1]

    assert [el.text for el in _teksten(svg, "mh-grafiek__label")] == [
        "Arbeidsuitbuiting",
        "Seksuele uitbuiting",
        "Criminele uitbuiting",
    ]
    assert [el.text for el in _teksten(svg, "mh-grafiek__waarde")] == ["8", "4", "1"]
    assert label.get("text-anchor") == "end"
    assert float(label.get("x", "")) < float(staaf.get("x", ""))
    assert float(waarde.get("x", "")) == float(staaf.get("x", "")) + float(staaf.get("width", "")) + 6
    assert [el.text for el in _teksten(svg, "mh-grafiek__eenheid")] == ["signalen"]


def test_the_chart_grows_one_row_height_per_bar() -> None:
    zes = _grafiek(*DRIE.waarden, *DRIE.waarden)

    hoogte_drie = float(_ontleed(staafdiagram(DRIE, id="a")).get("viewBox", "").split()[3])
    hoogte_zes = float(_ontleed(staafdiagram(zes, id="a")).get("viewBox", "").split()[3])

    assert hoogte_zes - hoogte_drie == 96.0


def test_a_suppressed_value_draws_no_bar_but_its_label_and_its_text_with_the_onderdrukt_class() -> None:
    grafiek = _grafiek(
        Waarde("Arbeidsuitbuiting", 10, "10"),
        Waarde("Seksuele uitbuiting", None, "<5"),
        Waarde("Criminele uitbuiting", 5, "5"),
    )

    svg = _ontleed(staafdiagram(grafiek, id="vormen"))

    assert [float(staaf.get("width", "")) for staaf in _staven(svg)] == [320.0, 160.0]
    assert [el.text for el in _teksten(svg, "mh-grafiek__label")][1] == "Seksuele uitbuiting"
    onderdrukt = _teksten(svg, "mh-grafiek__waarde--onderdrukt")
    assert [el.text for el in onderdrukt] == ["<5"]
    assert onderdrukt[0].get("class") == "mh-grafiek__waarde mh-grafiek__waarde--onderdrukt"


def test_a_suppressed_text_hides_the_value_even_when_a_getal_came_with_it() -> None:
    grafiek = _grafiek(Waarde("Arbeidsuitbuiting", 10, "10"), Waarde("Seksuele uitbuiting", 100, "x"))

    svg = _ontleed(staafdiagram(grafiek, id="vormen"))

    # One bar, at full length: the hidden 100 neither gets a bar nor sets the scale.
    assert [float(staaf.get("width", "")) for staaf in _staven(svg)] == [320.0]
    assert [el.text for el in _teksten(svg, "mh-grafiek__waarde--onderdrukt")] == ["x"]


@pytest.mark.parametrize("tekenen", [staafdiagram, kolomdiagram])
def test_an_all_suppressed_chart_draws_no_bars_but_all_labels_and_texts(tekenen: Tekenen) -> None:
    grafiek = _grafiek(Waarde("Hoorn", None, "<5"), Waarde("Enkhuizen", None, "x"))

    svg = _ontleed(tekenen(grafiek, id="gemeenten"))

    assert _staven(svg) == []
    assert [el.text for el in _teksten(svg, "mh-grafiek__label")] == ["Hoorn", "Enkhuizen"]
    assert [el.text for el in _teksten(svg, "mh-grafiek__waarde--onderdrukt")] == ["<5", "x"]


def test_an_all_zero_chart_draws_no_bars_but_all_texts() -> None:
    grafiek = _grafiek(Waarde("Hoorn", 0, "0"), Waarde("Enkhuizen", 0, "0"))

    svg = _ontleed(staafdiagram(grafiek, id="gemeenten"))

    assert _staven(svg) == []
    assert [el.text for el in _teksten(svg, "mh-grafiek__waarde")] == ["0", "0"]
    assert _teksten(svg, "mh-grafiek__waarde--onderdrukt") == []


@pytest.mark.parametrize("tekenen", [staafdiagram, kolomdiagram])
def test_no_element_has_a_style_attribute_and_there_is_no_script_or_style_element(tekenen: Tekenen) -> None:
    grafiek = _grafiek(*_maanden(14), Waarde("mrt 2027", None, "<5"))

    svg = _ontleed(tekenen(grafiek, id="trend"))

    elementen = list(svg.iter())
    assert len(elementen) > 30
    assert [el.tag for el in elementen if "style" in el.attrib] == []
    assert [el.tag for el in elementen if el.tag in (f"{SVG}script", f"{SVG}style")] == []


@pytest.mark.parametrize("tekenen", [staafdiagram, kolomdiagram])
def test_labels_and_texts_are_escaped_not_read_as_markup(tekenen: Tekenen) -> None:
    grafiek = Grafiek(
        titel="<script>alert(1)</script>",
        beschrijving='"Hoorn" & <i>Enkhuizen</i>',
        eenheid="<u>signalen</u>",
        waarden=[Waarde("<b>&", 3, "<3>")],
    )

    markup = tekenen(grafiek, id="ontsnapt")
    svg = _ontleed(markup)

    assert "&lt;b&gt;&amp;" in markup
    assert "<b>" not in markup
    assert "<script>" not in markup
    assert "<i>" not in markup
    assert [el.text for el in _teksten(svg, "mh-grafiek__label")] == ["<b>&"]
    assert [el.text for el in _teksten(svg, "mh-grafiek__waarde")] == ["<3>"]
    assert [el.text for el in _teksten(svg, "mh-grafiek__eenheid")] == ["<u>signalen</u>"]
    assert svg.findtext(f"{SVG}title") == "<script>alert(1)</script>"
    assert svg.findtext(f"{SVG}desc") == '"Hoorn" & <i>Enkhuizen</i>'


def test_a_long_label_is_cut_short_and_keeps_the_full_text_as_a_tooltip() -> None:
    lang = "Uitbuiting in de " + "zeer " * 10 + "lange keten"
    svg = _ontleed(staafdiagram(_grafiek(Waarde(lang, 1, "1")), id="lang"))

    (label,) = _teksten(svg, "mh-grafiek__label")

    assert label.text == lang[:39] + "…"
    assert label.findtext(f"{SVG}title") == lang


@pytest.mark.parametrize("tekenen", [staafdiagram, kolomdiagram])
@pytest.mark.parametrize("ongeldig", ["", "1vormen", "vormen grafiek", 'a"b', "a_b", "vormen\n", "véél", "a<b"])
def test_an_invalid_id_raises_value_error(tekenen: Tekenen, ongeldig: str) -> None:
    with pytest.raises(ValueError, match="Ongeldig id"):
        tekenen(DRIE, id=ongeldig)


@pytest.mark.parametrize("tekenen", [staafdiagram, kolomdiagram])
@pytest.mark.parametrize("getal", [-1.0, float("nan"), float("inf")])
def test_a_value_without_an_honest_length_raises_value_error(tekenen: Tekenen, getal: float) -> None:
    with pytest.raises(ValueError, match="niet als staaf te tekenen"):
        tekenen(_grafiek(Waarde("Hoorn", getal, "?")), id="fout")


@pytest.mark.parametrize("tekenen", [staafdiagram, kolomdiagram])
def test_a_chart_without_values_raises_value_error(tekenen: Tekenen) -> None:
    with pytest.raises(ValueError, match="zonder waarden"):
        tekenen(_grafiek(), id="leeg")


def test_columns_are_scaled_to_the_largest_shown_value_and_stand_on_the_baseline() -> None:
    grafiek = _grafiek(
        Waarde("K1 2026", 10, "10"),
        Waarde("K2 2026", 5, "5"),
        Waarde("K3 2026", None, "<5"),
        Waarde("K4 2026", 2.5, "2,5"),
    )

    svg = _ontleed(kolomdiagram(grafiek, id="kwartalen"))

    (basislijn,) = [el for el in svg.iter(f"{SVG}line") if el.get("class") == "mh-grafiek__as"]
    basis = float(basislijn.get("y1", ""))
    assert basislijn.get("y2") == basislijn.get("y1")
    kolommen = _staven(svg)
    assert [float(kolom.get("height", "")) for kolom in kolommen] == [200.0, 100.0, 50.0]
    assert [float(kolom.get("y", "")) + float(kolom.get("height", "")) for kolom in kolommen] == [basis] * 3
    # Four quarters fit side by side: every label, under its column, not rotated.
    labels = _teksten(svg, "mh-grafiek__label")
    assert [el.text for el in labels] == ["K1 2026", "K2 2026", "K3 2026", "K4 2026"]
    assert [el.get("transform") for el in labels] == [None] * 4
    assert [float(el.get("y", "")) for el in labels] == [basis + 20] * 4
    waarden = _teksten(svg, "mh-grafiek__waarde")
    assert [el.text for el in waarden] == ["10", "5", "<5", "2,5"]
    # The value text stands just above its column; a suppressed one just above the baseline.
    assert [float(el.get("y", "")) for el in waarden] == [basis - 206, basis - 106, basis - 6, basis - 56]
    assert [el.text for el in _teksten(svg, "mh-grafiek__waarde--onderdrukt")] == ["<5"]


def test_many_periods_get_rotated_labels_thinned_out_from_the_latest_and_every_value_text() -> None:
    svg = _ontleed(kolomdiagram(_grafiek(*_maanden(36)), id="maanden"))

    labels = _teksten(svg, "mh-grafiek__label")
    assert len(_staven(svg)) == 36
    assert len(_teksten(svg, "mh-grafiek__waarde")) == 36
    assert [el.text for el in labels][-3:] == ["aug 2028", "okt 2028", "dec 2028"]
    assert len(labels) == 18
    assert all((el.get("transform") or "").endswith("rotate(-45)") for el in labels)
