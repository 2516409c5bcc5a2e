"""Bewaartermijnen on the FG's pages: what falls due, is held and was removed, per gemeente of the FG;
setting the regio's terms and holding a signal by its reference number."""

import datetime
from typing import Any

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from ketenpartners.models import Gebruiker
from mensenhandel.werkdagen import ZONE
from signalen import bewaring
from signalen.models import (
    Bewaartermijn,
)
from signalen.workflow import Afloop
from tests.factories import (
    medewerker,
    signaal_melden,
)
from tests.hulp import tabelrijen
from tests.signalen.bewaring_hulp import VERVALDAG, Wereld, afgesloten_signaal

# The FG's pages.


def sectie(html: str, kop: str) -> str:
    """The HTML of one section of the overview, from its heading to the next."""
    _, _, rest = html.partition(f'id="{kop}"')
    return rest.split("<section", 1)[0]


def pagina(client: Client, gebruiker: Gebruiker, naam: str, **parameters: str) -> str:
    client.force_login(gebruiker)
    antwoord = client.get(reverse(naam), parameters)
    assert antwoord.status_code == 200
    return antwoord.content.decode()


@pytest.mark.django_db
def test_the_fg_sees_what_falls_due_what_is_held_and_what_was_removed_in_their_gemeenten_only(
    client: Client, wereld: Wereld, django_capture_on_commit_callbacks: Any
) -> None:
    verwijderd = afgesloten_signaal(wereld)
    with time_machine.travel(VERVALDAG, tick=False), django_capture_on_commit_callbacks(execute=True):
        assert bewaring.verlopen_anonimiseren() == 1
    te_verwijderen = afgesloten_signaal(wereld)
    bewaard = afgesloten_signaal(wereld, afloop=Afloop.STRAFRECHTELIJK)
    with time_machine.travel(datetime.datetime(2026, 4, 1, 10, 0, tzinfo=ZONE), tick=False):
        bewaring.bewaren(door=wereld.fg, referentie=bewaard.referentie, reden="Strafzaak, parketnummer 15/123456-26")
    melder_leeuwarden = medewerker(wereld.leeuwarden, username="balie.leeuwarden")
    elders = signaal_melden(melder=melder_leeuwarden)

    # On 1 February 2027 the list looks 90 days ahead: to 2 May 2027.
    with time_machine.travel(datetime.datetime(2027, 2, 1, 9, 0, tzinfo=ZONE), tick=False):
        html = pagina(client, wereld.fg, "signalen:bewaring")
    assert tabelrijen(sectie(html, "kop-termijnen")) == [
        ["Zorgtraject", "2 jaar", "landelijke standaard"],
        ["Strafrechtelijk traject", "5 jaar", "landelijke standaard"],
        ["RIEC-weging / bestuurlijke aanpak", "3 jaar", "landelijke standaard"],
        ["Procesregie Zorg- en Veiligheidshuis", "2 jaar", "landelijke standaard"],
        ["Teruglegging", "1 jaar", "landelijke standaard"],
    ]
    assert "Te verwijderen tot en met 2 mei 2027" in html
    assert tabelrijen(sectie(html, "kop-te-verwijderen")) == [
        [
            te_verwijderen.referentie,
            "Hoorn",
            "Teruglegging",
            "16 maart 2026",
            "1 jaar",
            "16 maart 2027",
            f"Bewaren {te_verwijderen.referentie} wegens lopende procedure",
        ]
    ]
    assert tabelrijen(sectie(html, "kop-bewaard")) == [
        [
            bewaard.referentie,
            "Hoorn",
            "16 maart 2031",
            "1 april 2026",
            "Fenna Gerritsen",
            "Strafzaak, parketnummer 15/123456-26",
            f"Opheffen voor {bewaard.referentie}",
        ]
    ]

    with time_machine.travel(datetime.datetime(2027, 2, 1, 9, 0, tzinfo=ZONE), tick=False):
        html = pagina(client, wereld.fg, "signalen:bewaring_verwijderd")
    assert tabelrijen(html) == [
        [
            verwijderd.referentie,
            "Hoorn",
            "Teruglegging",
            "16 maart 2026",
            "16 maart 2027",
            "16 maart 2027 03:15",
            " | ".join(
                [
                    "1 signaal",
                    "1 afsluiting",
                    "1 betrokkene",
                    "1 bijlage",
                    "1 conclusie geen mensenhandel",
                    "1 deling",
                    "5 e-mailberichten",
                    "1 locatie of organisatie",
                    "7 matchsleutels",
                    "2 objectrechten van groepen op signalen",
                    "1 oorspronkelijke melding",
                    "7 stapregistraties",
                    "1 terugkoppeling",
                    "1 terugmelding",
                    "1 verrijking",
                    "1 bestand",
                    "27 regels in het auditlog geschoond",
                    "1 regel in het toegangslog ingekort",
                ]
            ),
        ]
    ]

    # The FG of Fryslân sees none of it, only Leeuwarden (where nothing is due or held).
    with time_machine.travel(datetime.datetime(2027, 2, 1, 9, 0, tzinfo=ZONE), tick=False):
        html = pagina(client, wereld.fg_fryslan, "signalen:bewaring")
        assert tabelrijen(pagina(client, wereld.fg_fryslan, "signalen:bewaring_verwijderd")) == []
    for referentie in (verwijderd.referentie, te_verwijderen.referentie, bewaard.referentie, elders.referentie):
        assert referentie not in html
    assert "Tot en met 2 mei 2027 verstrijkt van geen enkel signaal in uw gemeenten de bewaartermijn." in html
    assert "Er wordt geen signaal in uw gemeenten bewaard wegens een lopende procedure." in html


@pytest.mark.django_db
def test_after_removal_nobody_sees_the_signal_but_the_fg_in_the_list_of_removals(
    client: Client, wereld: Wereld, django_capture_on_commit_callbacks: Any
) -> None:
    signaal = afgesloten_signaal(wereld)
    with time_machine.travel(VERVALDAG, tick=False), django_capture_on_commit_callbacks(execute=True):
        assert bewaring.verlopen_anonimiseren() == 1
        client.force_login(wereld.af_hoorn)
        assert client.get(reverse("meldroute:detail", args=[signaal.pk])).status_code == 404
        assert signaal.referentie not in pagina(client, wereld.af_hoorn, "meldroute:werkbak", ook_afgesloten="on")
        assert signaal.referentie not in pagina(client, wereld.melder, "meldroute:mijn_signalen")
        client.force_login(wereld.agent)
        assert client.get(reverse("meldroute:gedeeld_detail", args=[signaal.pk])).status_code == 404
        assert signaal.referentie in pagina(client, wereld.fg, "signalen:bewaring_verwijderd")


@pytest.mark.django_db
def test_the_fg_sets_the_regios_terms_and_a_wrong_value_names_the_field_and_keeps_what_was_typed(
    client: Client, wereld: Wereld
) -> None:
    client.force_login(wereld.fg)
    regio = wereld.westfriesland.pk
    fryslan = wereld.leeuwarden.regios.get().pk
    antwoord = client.post(
        reverse("signalen:bewaartermijnen"),
        {"regio": regio, f"regio-{regio}-teruglegging": "0", f"regio-{regio}-zorgtraject": "30"},
    )
    assert antwoord.status_code == 200
    assert [(f["label"], f["melding"]) for f in antwoord.context["fouten"]] == [
        ("Teruglegging (maanden)", "Vul minstens 1 maand in.")
    ]
    assert f'name="regio-{regio}-zorgtraject" value="30"' in antwoord.content.decode()
    antwoord = client.post(
        reverse("signalen:bewaartermijnen"), {"regio": fryslan, f"regio-{fryslan}-teruglegging": "6"}
    )
    assert antwoord.status_code == 200
    assert antwoord.context["fouten"] == [
        {
            "id": "formulier",
            "label": "Regio",
            "melding": "Kies een regio waarvoor u functionaris gegevensbescherming bent.",
        }
    ]
    assert not Bewaartermijn.objects.exists()

    antwoord = client.post(
        reverse("signalen:bewaartermijnen"),
        {"regio": regio, f"regio-{regio}-teruglegging": "18", f"regio-{regio}-zorgtraject": ""},
        follow=True,
    )
    assert antwoord.redirect_chain == [(reverse("signalen:bewaring"), 302)]
    assert [str(m) for m in antwoord.context["messages"]] == [
        "De bewaartermijnen van regio Westfriesland zijn opgeslagen (1 gewijzigd). In deze regio is de termijn van "
        "0 signalen nu verstreken; de eerstvolgende dagelijkse ronde verwijdert ze, behalve wat u bewaart wegens "
        "een lopende procedure."
    ]
    assert tabelrijen(sectie(antwoord.content.decode(), "kop-termijnen"))[4] == [
        "Teruglegging",
        "18 maanden",
        "voor de regio",
    ]
    assert list(Bewaartermijn.objects.values_list("regio__naam", "afloop", "maanden", "gewijzigd_door")) == [
        ("Westfriesland", "teruglegging", 18, wereld.fg.pk)
    ]
    # The form shows the regio's own term, and leaves the others empty (the national default).
    html = pagina(client, wereld.fg, "signalen:bewaartermijnen")
    assert f'name="regio-{regio}-teruglegging" value="18"' in html
    assert f'name="regio-{regio}-zorgtraject" class=' in html


@pytest.mark.django_db
def test_holding_by_reference_refuses_an_unknown_or_foreign_one_alike_and_lifting_needs_a_reason(
    client: Client, wereld: Wereld
) -> None:
    signaal = afgesloten_signaal(wereld)
    melder_leeuwarden = medewerker(wereld.leeuwarden, username="balie.leeuwarden")
    elders = signaal_melden(melder=melder_leeuwarden)
    client.force_login(wereld.fg)
    onbekend = (
        "Er is geen signaal met dit referentienummer in de gemeenten waarvoor u functionaris "
        "gegevensbescherming bent. Controleer het nummer, bijvoorbeeld MH-2026-00042."
    )
    for referentie in (elders.referentie, "MH-2099-99999"):
        antwoord = client.post(reverse("signalen:bewaren"), {"referentie": referentie, "reden": "Strafzaak."})
        assert antwoord.status_code == 200
        assert [(f["label"], f["melding"]) for f in antwoord.context["fouten"]] == [("Referentienummer", onbekend)]
        assert "Strafzaak." in antwoord.content.decode()
    antwoord = client.post(reverse("signalen:bewaren"), {"referentie": signaal.referentie, "reden": "  "})
    assert [(f["label"], f["melding"]) for f in antwoord.context["fouten"]] == [("Reden", "Vul de reden in.")]
    antwoord = client.post(reverse("signalen:bewaren"), {"referentie": signaal.referentie, "reden": "x" * 301})
    assert [(f["label"], f["melding"]) for f in antwoord.context["fouten"]] == [
        ("Reden", "Gebruik hoogstens 300 tekens.")
    ]
    assert not elders.procedurebewaringen.exists()
    assert not signaal.procedurebewaringen.exists()

    # From the list of what falls due the reference is filled in already.
    html = pagina(client, wereld.fg, "signalen:bewaren", referentie=signaal.referentie)
    assert f'name="referentie" value="{signaal.referentie}"' in html
    antwoord = client.post(
        reverse("signalen:bewaren"), {"referentie": signaal.referentie, "reden": "Strafzaak."}, follow=True
    )
    assert [str(m) for m in antwoord.context["messages"]] == [
        f"Signaal {signaal.referentie} wordt bewaard wegens een lopende procedure, ook na de bewaartermijn."
    ]
    assert signaal.procedurebewaringen.get().reden == "Strafzaak."

    antwoord = client.post(reverse("signalen:bewaren_opheffen"), {"referentie": signaal.referentie, "reden": ""})
    assert [(f["label"], f["melding"]) for f in antwoord.context["fouten"]] == [
        ("Reden van opheffen", "Vul de reden van opheffen in.")
    ]
    antwoord = client.post(
        reverse("signalen:bewaren_opheffen"),
        {"referentie": signaal.referentie, "reden": "Uitspraak onherroepelijk."},
        follow=True,
    )
    assert [str(m) for m in antwoord.context["messages"]] == [
        f"De bewaring van signaal {signaal.referentie} is opgeheven; de bewaartermijn telt weer."
    ]
    antwoord = client.post(
        reverse("signalen:bewaren_opheffen"), {"referentie": signaal.referentie, "reden": "Nogmaals."}
    )
    assert [(f["label"], f["melding"]) for f in antwoord.context["fouten"]] == [
        ("Referentienummer", "Dit signaal wordt niet bewaard wegens een lopende procedure.")
    ]


@pytest.mark.django_db
def test_the_menu_shows_bewaartermijnen_to_the_fg_only(client: Client, wereld: Wereld) -> None:
    html = pagina(client, wereld.fg, "signalen:bewaring")
    assert f'href="{reverse("signalen:bewaring")}"' in html
    assert f'href="{reverse("signalen:bewaring")}"' not in pagina(client, wereld.af_hoorn, "meldroute:werkbak")
    client.force_login(wereld.af_hoorn)
    assert client.get(reverse("signalen:bewaring")).status_code == 403
