"""The demo AF logs in with the printed password and walks a demo signal to afgesloten."""

import datetime

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from signalen.management.commands.demo_data import DEMO_WACHTWOORD
from signalen.models import Signaal
from signalen.workflow import Status

pytestmark = pytest.mark.django_db

GISTEREN = (datetime.date.today() - datetime.timedelta(days=1)).isoformat()


def test_the_demo_af_walks_a_demo_signal_from_opgepikt_to_afgesloten(client: Client) -> None:
    call_command("demo_data", "--toch", verbosity=0)
    inloggen = client.post(reverse("login"), {"username": "af.hoorn.1", "password": DEMO_WACHTWOORD})
    assert inloggen.status_code == 302
    werkbak = client.get(reverse("meldroute:werkbak"), {"stap": "opgepikt"}).content.decode()
    signaal = Signaal.objects.filter(gemeente__naam="Hoorn", status=Status.OPGEPIKT).first()
    assert signaal is not None
    assert signaal.referentie in werkbak
    af_id = client.session["_auth_user_id"]

    stappen = [
        ("in_behandeling_nemen", {"behandelaar": af_id}),
        ("verrijken", {"bron": "brp", "bevindingen": "Vijf inschrijvingen op het adres."}),
        ("lokale_tafel_bespreken", {"soort": "ondermijningstafel", "besproken_op": GISTEREN, "besluit": "Naar RIEC."}),
        ("riec_inschakelen", {"vermoeden": "Afhankelijkheid van werkgever.", "contact": "RIEC NH", "datum": GISTEREN}),
        ("informatieplein_inbrengen", {"ingebracht_op": GISTEREN, "resultaat": "Opgepakt door AVIM."}),
        ("terugkoppelen", {"tekst": "Dank voor uw melding.", "gegeven_op": GISTEREN}),
        ("afsluiten", {"afloop": "bestuurlijk"}),
    ]
    for naam, gegevens in stappen:
        antwoord = client.post(
            reverse("meldroute:actie", args=[signaal.pk, naam]), {"verwachte_status": signaal.status, **gegevens}
        )
        assert antwoord.status_code == 302, antwoord.content.decode()[:500]
        signaal.refresh_from_db()

    assert signaal.status == Status.AFGESLOTEN
    assert (
        "RIEC-weging / bestuurlijke aanpak"
        in client.get(reverse("meldroute:detail", args=[signaal.pk])).content.decode()
    )
