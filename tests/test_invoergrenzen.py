"""Limits on input: rows in a formset, uploads, text length, date ranges and digits in identifiers.

Each limit is tried from the side of the user: the exact Dutch message on the page, what is kept
of the input, and that nothing was stored when the input was refused.
"""

import datetime
import re
from typing import Any

import pytest
import time_machine
from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from evaluatie.forms import BasisniveauForm, TrainingForm
from evaluatie.views.rapporten import ConclusiesForm
from ketenpartners.models import Gebruiker, Organisatie
from meldroute.acties import ACTIES
from meldroute.forms import DelenForm, TerugmeldingForm, ZoekForm
from mensenhandel import invoer
from mensenhandel.formulieren import Tekstveld
from signalen.forms import BetrokkeneForm, LocatieForm, SignaalForm
from signalen.models import Betrokkene, Bijlage, Locatie, Signaal, Team, TijdelijkeBijlage
from signalen.services import tijdelijke_bijlage_bewaren
from tafels.forms import BesluitForm, BijeenkomstForm, TafelactieForm
from tests.factories import af, signaal_melden
from tests.invoer_hulp import betrokkene_blokken, intake, melden

pytestmark = pytest.mark.django_db


# -- formsets ----------------------------------------------------------------------------------


def test_a_thousand_betrokkenen_rows_render_twenty_with_a_dutch_message_and_keep_the_input(
    client: Client, melder_hoorn: Gebruiker
) -> None:
    antwoord = melden(client, melder_hoorn, **{"betrokkene-TOTAL_FORMS": "1000", "locatie-TOTAL_FORMS": "1000"})

    html = antwoord.content.decode()
    assert antwoord.status_code == 200
    assert betrokkene_blokken(html) == 20
    assert len(re.findall(r'name="locatie-\d+-adres"', html)) == 20
    assert "U kunt ten hoogste 20 betrokkenen opgeven. De eerste 20 staan hieronder." in html
    assert "U kunt ten hoogste 20 locaties opgeven. De eerste 20 staan hieronder." in html
    # The page now says 20 rows, so sending it again is judged on what it shows.
    assert 'name="betrokkene-TOTAL_FORMS" value="20"' in html
    for tekst in ["Jan Jansen", "Nagelstudio Voorbeeld", "In de nagelsalon slapen medewerkers"]:
        assert tekst in html
    assert Signaal.objects.count() == 0


def test_the_page_shown_after_too_many_rows_can_be_sent_as_it_is(client: Client, melder_hoorn: Gebruiker) -> None:
    html = melden(client, melder_hoorn, **{"betrokkene-TOTAL_FORMS": "1000"}).content.decode()
    getoond = re.search(r'name="betrokkene-TOTAL_FORMS" value="(\d+)"', html)
    assert getoond is not None

    antwoord = melden(client, melder_hoorn, **{"betrokkene-TOTAL_FORMS": getoond.group(1)})

    assert antwoord.status_code == 302
    assert list(Betrokkene.objects.values_list("naam", flat=True)) == ["Jan Jansen"]


def test_adding_a_21st_betrokkene_shows_twenty_rows_and_says_why(client: Client, melder_hoorn: Gebruiker) -> None:
    rijen = {f"betrokkene-{i}-rol": "anders" for i in range(20)}
    antwoord = melden(
        client, melder_hoorn, omschrijving="", actie="betrokkene_toevoegen", **{"betrokkene-TOTAL_FORMS": "20"}, **rijen
    )

    html = antwoord.content.decode()
    assert betrokkene_blokken(html) == 20
    assert "U kunt ten hoogste 20 betrokkenen opgeven. De eerste 20 staan hieronder." in html
    # Adding a row judges nothing else yet: the empty description is not an error here.
    assert "Beschrijf wat u heeft gezien of gehoord." not in html
    assert Signaal.objects.count() == 0


def test_twenty_betrokkenen_are_accepted(client: Client, melder_hoorn: Gebruiker) -> None:
    rijen = {f"betrokkene-{i}-rol": "anders" for i in range(20)}
    antwoord = melden(client, melder_hoorn, **{"betrokkene-TOTAL_FORMS": "20"}, **rijen)
    assert antwoord.status_code == 302
    assert Betrokkene.objects.count() == 20


def test_a_missing_management_form_is_told_in_dutch(client: Client, melder_hoorn: Gebruiker) -> None:
    gegevens = intake(melder_hoorn)
    del gegevens["betrokkene-TOTAL_FORMS"]
    client.force_login(melder_hoorn)
    html = client.post(reverse("signalen:melden"), gegevens).content.decode()
    assert (
        "Het formulier met betrokkenen is niet volledig aangekomen. Laad de pagina opnieuw en vul het nog eens in."
        in html
    )
    assert Signaal.objects.count() == 0


# -- uploads -----------------------------------------------------------------------------------


def _bestand(naam: str, grootte: int = 100) -> SimpleUploadedFile:
    return SimpleUploadedFile(naam, b"a" * grootte, content_type="text/plain")


def test_uploads_beyond_the_number_per_signal_are_refused_by_name(
    client: Client, melder_hoorn: Gebruiker, settings: Any
) -> None:
    settings.BIJLAGEN_PER_MELDING = 2
    antwoord = melden(client, melder_hoorn, bijlagen=[_bestand("a.txt"), _bestand("b.txt"), _bestand("c.txt")])

    html = antwoord.content.decode()
    assert "Het bestand c.txt is niet toegevoegd: een signaal kan ten hoogste 2 bijlagen hebben." in html
    assert sorted(TijdelijkeBijlage.objects.values_list("naam", flat=True)) == ["a.txt", "b.txt"]
    assert Signaal.objects.count() == 0

    # The two kept files go with the signal on the next attempt.
    bewaard = [str(pk) for pk in TijdelijkeBijlage.objects.values_list("pk", flat=True)]
    assert melden(client, melder_hoorn, bewaarde_bijlage=bewaard).status_code == 302
    assert sorted(Bijlage.objects.values_list("naam", flat=True)) == ["a.txt", "b.txt"]


def test_uploads_beyond_the_size_per_signal_are_refused_by_name(
    client: Client, melder_hoorn: Gebruiker, settings: Any
) -> None:
    settings.BIJLAGEN_MB_PER_MELDING = 1
    antwoord = melden(
        client, melder_hoorn, bijlagen=[_bestand("eerste.txt", 600 * 1024), _bestand("tweede.txt", 600 * 1024)]
    )

    html = antwoord.content.decode()
    assert (
        "Het bestand tweede.txt is niet toegevoegd: de bijlagen van een signaal mogen samen ten hoogste 1,0\xa0MB zijn."
        in html
    )
    assert list(TijdelijkeBijlage.objects.values_list("naam", flat=True)) == ["eerste.txt"]


def test_kept_files_beyond_the_number_per_signal_stop_the_signal_until_one_is_unticked(
    client: Client, melder_hoorn: Gebruiker, settings: Any
) -> None:
    bewaard = [str(tijdelijke_bijlage_bewaren(door=melder_hoorn, upload=_bestand(f"{i}.txt")).pk) for i in range(3)]
    settings.BIJLAGEN_PER_MELDING = 2

    html = melden(client, melder_hoorn, bewaarde_bijlage=bewaard).content.decode()
    assert (
        "Een signaal kan ten hoogste 2 bijlagen hebben; er zijn er 3 gekozen. "
        "Haal het vinkje weg bij de bestanden die niet mee hoeven." in html
    )
    assert Signaal.objects.count() == 0
    assert melden(client, melder_hoorn, bewaarde_bijlage=bewaard[:2]).status_code == 302
    assert Bijlage.objects.count() == 2


def test_a_user_uploads_at_most_the_daily_number_and_yesterdays_do_not_count(
    client: Client, melder_hoorn: Gebruiker, settings: Any
) -> None:
    settings.BIJLAGEN_PER_DAG = 3
    nu = timezone.now()
    with time_machine.travel(nu - datetime.timedelta(days=1)):
        for i in range(3):
            tijdelijke_bijlage_bewaren(door=melder_hoorn, upload=_bestand(f"gisteren-{i}.txt"))
    eerder = signaal_melden(melder=melder_hoorn)
    Bijlage.objects.create(
        signaal=eerder, bestand=_bestand("vanochtend.txt"), naam="vanochtend.txt", content_type="text/plain",
        grootte=100, toegevoegd_door=melder_hoorn,
    )  # fmt: skip
    tijdelijke_bijlage_bewaren(door=melder_hoorn, upload=_bestand("net.txt"))

    html = melden(client, melder_hoorn, bijlagen=[_bestand("derde.txt"), _bestand("vierde.txt")]).content.decode()

    assert (
        "Het bestand vierde.txt is niet toegevoegd: u kunt ten hoogste 3 bestanden per dag uploaden. "
        "Morgen kan het weer." in html
    )
    vandaag_geparkeerd = TijdelijkeBijlage.objects.filter(naam__in=["net.txt", "derde.txt", "vierde.txt"])
    assert sorted(vandaag_geparkeerd.values_list("naam", flat=True)) == ["derde.txt", "net.txt"]


def test_the_upload_help_names_every_limit(client: Client, melder_hoorn: Gebruiker) -> None:
    client.force_login(melder_hoorn)
    html = client.get(reverse("signalen:melden")).content.decode()
    assert "maximaal 10 MB per bestand, 10 bestanden en samen 50 MB per signaal." in html


# -- text length -------------------------------------------------------------------------------


def test_a_description_over_5000_characters_is_refused_with_the_limit_and_the_count(
    client: Client, melder_hoorn: Gebruiker
) -> None:
    antwoord = melden(client, melder_hoorn, omschrijving="a" * 6012)

    html = antwoord.content.decode()
    assert "Gebruik ten hoogste 5.000 tekens; u gebruikte 6.012." in html
    assert "a" * 6012 in html  # nothing typed is lost
    assert 'maxlength="5000"' in html
    assert Signaal.objects.count() == 0


def test_four_and_a_half_megabytes_of_text_are_refused_in_dutch(client: Client, melder_hoorn: Gebruiker) -> None:
    antwoord = melden(client, melder_hoorn, **{"betrokkene-0-notities": "x" * (4_718_592)})
    assert antwoord.status_code == 200
    assert "Gebruik ten hoogste 2.000 tekens; u gebruikte 4.718.592." in antwoord.content.decode()
    assert Signaal.objects.count() == 0


def test_a_line_break_counts_as_one_character_as_in_the_browser(client: Client, melder_hoorn: Gebruiker) -> None:
    # 2,500 lines of one letter: 5,000 characters in the browser, 7,499 as sent (\r\n).
    tekst = "\r\n".join(["a"] * 2500)
    assert melden(client, melder_hoorn, omschrijving=tekst).status_code == 302
    assert Signaal.objects.get().omschrijving == "\n".join(["a"] * 2500)


def test_a_name_over_the_models_200_characters_is_refused_with_the_limit(
    client: Client, melder_hoorn: Gebruiker
) -> None:
    html = melden(client, melder_hoorn, **{"betrokkene-0-naam": "n" * 201}).content.decode()
    assert "Gebruik ten hoogste 200 tekens; u gebruikte 201." in html
    assert 'maxlength="200"' in html


def _formulieren(signaal: Signaal, af_hoorn: Gebruiker) -> list[forms.BaseForm]:
    """One of every form in the product that takes typed text."""
    gemeenten = Organisatie.objects.filter(pk=signaal.gemeente_id)
    actieformulieren: list[forms.BaseForm] = []
    for actie in ACTIES.values():
        extra = {"gebruiker": af_hoorn} if "behandelaar" in actie.form.base_fields else {}
        actieformulieren.append(actie.form(signaal=signaal, **extra))
    return [
        SignaalForm(melder=signaal.melder),
        BetrokkeneForm(),
        LocatieForm(),
        *actieformulieren,
        DelenForm(signaal=signaal),
        TerugmeldingForm(),
        ZoekForm(),
        TrainingForm(gemeenten=gemeenten),
        BasisniveauForm(),
        ConclusiesForm(),
        BijeenkomstForm(),
        BesluitForm(leden=Organisatie.objects.none(), signaal=signaal),
        TafelactieForm(eigenaren=Gebruiker.objects.filter(pk=af_hoorn.pk)),
    ]


def test_every_free_text_field_of_every_form_has_a_limit_a_dutch_message_and_a_maxlength(
    melder_hoorn: Gebruiker, af_hoorn: Gebruiker
) -> None:
    signaal = signaal_melden(melder=melder_hoorn)
    gezien = 0
    for form in _formulieren(signaal, af_hoorn):
        for naam, veld in form.fields.items():
            if type(veld) is not forms.CharField and not isinstance(veld, Tekstveld):
                continue
            assert isinstance(veld, Tekstveld), f"{type(form).__name__}.{naam}"
            assert veld.max_length is not None
            assert veld.widget.attrs["maxlength"] == str(veld.max_length)
            with pytest.raises(ValidationError) as fout:
                veld.clean("x" * (veld.max_length + 1))
            limiet = invoer.getal(veld.max_length)
            aantal = invoer.getal(veld.max_length + 1)
            assert fout.value.messages == [f"Gebruik ten hoogste {limiet} tekens; u gebruikte {aantal}."]
            gezien += 1
    # The intake 1 + 5 + 4 (signal; naam, nationaliteit, adres, telefoon, notities; adres,
    # bedrijfsnaam, kvk_nummer, omschrijving), the 12 action forms 13, sharing 2, terugmelding 1,
    # search 1, training 2, basisniveau 1, the report's six conclusions, and of the tafels the place of a
    # meeting 1, a decision 3 (conclusie, RIEC contact, terugkoppeling) and an action 1.
    assert gezien == 41


# -- digits in identifiers ---------------------------------------------------------------------

KVK_MELDING = (
    "Een KvK-nummer bestaat uit precies 8 cijfers. Gebruik alleen de cijfers 0 tot en met 9, bijvoorbeeld 12345678."
)


@pytest.mark.parametrize("nummer", ["１２３４５６７８", "١٢٣٤٥٦٧٨", "۱۲۳۴۵۶۷۸", "1234567", "1234567a", "+1234567"])
def test_a_kvk_number_in_other_than_eight_ascii_digits_is_refused(
    client: Client, melder_hoorn: Gebruiker, nummer: str
) -> None:
    html = melden(client, melder_hoorn, **{"locatie-0-kvk_nummer": nummer}).content.decode()
    assert KVK_MELDING in html
    assert "Vul bij een locatie minstens" not in html
    assert Locatie.objects.count() == 0


def test_a_kvk_number_of_eight_ascii_digits_is_stored(client: Client, melder_hoorn: Gebruiker) -> None:
    assert melden(client, melder_hoorn, **{"locatie-0-kvk_nummer": " 87654321 "}).status_code == 302
    assert Locatie.objects.get().kvk_nummer == "87654321"


@pytest.mark.parametrize(
    ("getypt", "opgeslagen"),
    [
        ("06-12345678", "+31612345678"),
        ("0229 123 456", "+31229123456"),
        ("+31 6 1234 5678", "+31612345678"),
        ("+31 06 12345678", "+31612345678"),
        ("0031 6 12345678", "+31612345678"),
        ("0800-1234", "+318001234"),
        ("+32 470 12 34 56", "+32470123456"),
        ("0049 30 1234567", "+49301234567"),
    ],
)
def test_a_phone_number_is_stored_in_one_form(
    client: Client, melder_hoorn: Gebruiker, getypt: str, opgeslagen: str
) -> None:
    assert melden(client, melder_hoorn, **{"betrokkene-0-telefoon": getypt}).status_code == 302
    assert Betrokkene.objects.get().telefoon == opgeslagen


@pytest.mark.parametrize(
    ("getypt", "melding"),
    [
        (
            "０６１２３４５６７８",
            "Gebruik in een telefoonnummer alleen de cijfers 0 tot en met 9, spaties, streepjes "
            "en eventueel een + aan het begin.",
        ),
        (
            "٠٦١٢٣٤٥٦٧٨",
            "Gebruik in een telefoonnummer alleen de cijfers 0 tot en met 9, spaties, streepjes "
            "en eventueel een + aan het begin.",
        ),
        (
            "06 1234 5678 (mobiel)",
            "Gebruik in een telefoonnummer alleen de cijfers 0 tot en met 9, spaties, streepjes "
            "en eventueel een + aan het begin.",
        ),
        ("06 1234 567", "Een Nederlands telefoonnummer heeft 10 cijfers, bijvoorbeeld 06 12345678 of 0229 123456."),
        (
            "612345678",
            "Begin een telefoonnummer met 0, of met + en het landnummer, bijvoorbeeld 06 12345678 of +32 470 123456.",
        ),
        (
            "+32 47",
            "Een buitenlands telefoonnummer heeft na de + het landnummer en samen 8 tot 15 cijfers, "
            "bijvoorbeeld +32 470 123456.",
        ),
    ],
)
def test_a_phone_number_that_is_not_one_is_refused_with_what_to_do(
    client: Client, melder_hoorn: Gebruiker, getypt: str, melding: str
) -> None:
    html = melden(client, melder_hoorn, **{"betrokkene-0-telefoon": getypt}).content.decode()
    assert melding in html
    assert f'value="{getypt}"' in html  # kept as typed, to correct
    assert Betrokkene.objects.count() == 0


def test_a_training_in_year_one_is_refused(client: Client, hoorn: Organisatie) -> None:
    coordinator = af(hoorn, username="af.training")
    client.force_login(coordinator)
    antwoord = client.post(
        reverse("evaluatie:training_nieuw"),
        {
            "gemeente": hoorn.pk,
            "datum": "0001-01-01",
            "onderwerp": "Signalen herkennen",
            "teams": [Team.objects.get(naam="Balie").pk],
            "deelnemers": "12",
            "aanbieder": "fairwork",
        },
    )
    assert "Vul een datum na 2000 in." in antwoord.content.decode()
