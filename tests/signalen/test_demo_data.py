"""The demo data: Westfriesland and Fryslân with about three years of history, made through the services,
and the tafels, one of which met today.

Built once for the whole module (it takes a while); the demo AF also walks a demo signal to the end.
"""

import datetime
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from io import StringIO
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction
from django.db.models import Count, F
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from evaluatie.models import Basisniveau, Training
from ketenpartners.models import Gebruiker, Lidmaatschap, Organisatie, Regio, Rol
from ketenpartners.selectors import aandachtsfunctionarissen_van
from meldroute import rechten_controle
from meldroute.models import Deling, StapRegistratie, Terugmelding
from mensenhandel.demo import scenarios
from mensenhandel.management.commands.demo_data import DEMO_WACHTWOORD
from mensenhandel.werkdagen import begin_van, is_werkdag, lokale_datum
from signalen import berichten
from signalen.models import Notificatie, Signaal, Signaalfeiten
from signalen.selectors import behandelbare_signalen
from signalen.workflow import Status
from tafels import selectors as tafelselectors
from tafels.models import Agendapunt, Bijeenkomst, Tafel, Tafelactie
from tests.inloggen import tweede_factor_in_sessie

pytestmark = pytest.mark.django_db

JAAR = datetime.timedelta(days=365)


def _demo_data() -> str:
    uitvoer = StringIO()
    call_command("demo_data", "--toch", stdout=uitvoer)
    return uitvoer.getvalue()


def _tellingen() -> dict[str, int]:
    modellen: list[Any] = [
        Signaal,
        StapRegistratie,
        Deling,
        Terugmelding,
        Training,
        Basisniveau,
        Gebruiker,
        Lidmaatschap,
        Organisatie,
        Regio,
        Notificatie,
        Tafel,
        Bijeenkomst,
        Agendapunt,
        Tafelactie,
    ]
    return {model.__name__: model.objects.count() for model in modellen}


@dataclass(frozen=True)
class Demo:
    vandaag: datetime.date  # the day it was built: the demo's history ends then
    eerste: str  # what the first run printed
    tweede: str
    voor: dict[str, int]  # counts before and after the second run
    na: dict[str, int]
    gewijzigd_wachtwoord_bewaard: bool


@pytest.fixture(scope="module")
def demo(django_db_setup: None, django_db_blocker: Any) -> Iterator[Demo]:
    """Built once for this module: it takes a while. Rolled back when the module is done."""
    with django_db_blocker.unblock(), transaction.atomic():
        vandaag = timezone.localdate()
        eerste = _demo_data()
        af = Gebruiker.objects.get(username="af.hoorn.1")
        af.set_password("Zelf-gekozen-wachtwoord-1")
        af.save()
        voor = _tellingen()
        tweede = _demo_data()
        na = _tellingen()
        af.refresh_from_db()
        yield Demo(vandaag, eerste, tweede, voor, na, af.check_password("Zelf-gekozen-wachtwoord-1"))
        transaction.set_rollback(True)


def _signalen(regio: str) -> Any:
    return Signaal.objects.filter(gemeente__regios__naam=regio)


def test_the_overview_names_the_login_page_the_password_and_accounts_of_both_regios(demo: Demo) -> None:
    assert "http://127.0.0.1:8000/inloggen/" in demo.eerste
    assert DEMO_WACHTWOORD in demo.eerste
    for username in ("af.hoorn.1", "coordinator.westfriesland", "af.leeuwarden.1", "coordinator.fryslan"):
        assert username in demo.eerste


def test_both_regios_have_their_gemeenten_with_inwonertal_and_two_afs_each(demo: Demo) -> None:
    for naam, riec, aantal in [("Westfriesland", "RIEC Noord-Holland", 7), ("Fryslân", "RIEC Noord-Nederland", 18)]:
        regio = Regio.objects.get(naam=naam)
        assert regio.riec == riec
        gemeenten = Organisatie.objects.filter(regios=regio, soort=Organisatie.Soort.GEMEENTE)
        assert gemeenten.count() == aantal
        assert not gemeenten.filter(inwonertal=None).exists()
        for gemeente in gemeenten:
            assert aandachtsfunctionarissen_van(gemeente).count() == 2
    inwoners = dict(Organisatie.objects.values_list("naam", "inwonertal"))
    assert inwoners["Hoorn"] == 74000
    assert inwoners["Leeuwarden"] == 127000
    assert inwoners["Schiermonnikoog"] == 950


def test_fryslan_has_its_own_ketenpartners(demo: Demo) -> None:
    partners = dict(
        Organisatie.objects.filter(regios__naam="Fryslân")
        .exclude(soort=Organisatie.Soort.GEMEENTE)
        .values_list("naam", "soort")
    )
    assert partners == {
        "Politie Noord-Nederland – TMM": "politie",
        "RIEC Noord-Nederland": "riec",
        "Zorg- en Veiligheidshuis Fryslân": "zvh",
        "Fier – zorgcoördinatie mensenhandel": "zorgcoordinatie",
        "Veilig Thuis Friesland": "veilig_thuis",
    }


def test_demo_accounts_have_their_role_and_the_demo_password(demo: Demo) -> None:
    for username, rol, organisatie in [
        ("coordinator.westfriesland", Rol.COORDINATOR, "Hoorn"),
        ("beheerder", Rol.BEHEERDER, "Hoorn"),
        ("fg.westfriesland", Rol.FG, "Hoorn"),
        ("politie.avim", Rol.KETENPARTNER, "Politie Noord-Holland – AVIM"),
        ("af.sudwest.fryslan.2", Rol.AANDACHTSFUNCTIONARIS, "Súdwest-Fryslân"),
        ("medewerker.de.fryslanske.marren", Rol.MEDEWERKER, "De Fryslânske Marren"),
        ("leerplicht.fryslan", Rol.MEDEWERKER, "Vlieland"),
        ("coordinator.fryslan", Rol.COORDINATOR, "Leeuwarden"),
        ("fg.fryslan", Rol.FG, "Leeuwarden"),
        ("politie.tmm", Rol.KETENPARTNER, "Politie Noord-Nederland – TMM"),
        ("fier.zorgcoordinatie", Rol.KETENPARTNER, "Fier – zorgcoördinatie mensenhandel"),
        ("zvh.procesregisseur", Rol.KETENPARTNER, "Zorg- en Veiligheidshuis Fryslân"),
    ]:
        gebruiker = Gebruiker.objects.get(username=username)
        assert gebruiker.lidmaatschappen.filter(rol=rol, organisatie__naam=organisatie).exists(), username
        assert gebruiker.check_password(DEMO_WACHTWOORD)
        assert gebruiker.email.endswith("@demo.example")
        assert gebruiker.is_staff == (rol == Rol.BEHEERDER)
    assert Gebruiker.objects.filter(lidmaatschappen__rol=Rol.MEDEWERKER).distinct().count() == 31
    assert Gebruiker.objects.filter(lidmaatschappen__rol=Rol.AANDACHTSFUNCTIONARIS).count() == 50


def test_the_af_of_hoorn_sees_exactly_the_signals_of_hoorn(demo: Demo) -> None:
    hoorn = Organisatie.objects.get(naam="Hoorn")
    signalen_hoorn = set(Signaal.objects.filter(gemeente=hoorn).values_list("pk", flat=True))
    for af in aandachtsfunctionarissen_van(hoorn):
        assert set(behandelbare_signalen(af).values_list("pk", flat=True)) == signalen_hoorn


def test_each_regio_has_its_planned_number_of_signals_growing_year_by_year(demo: Demo) -> None:
    nu = timezone.now()
    for regio, per_jaar in [("Westfriesland", [92, 86, 80]), ("Fryslân", [146, 138, 130])]:
        ingediend = _signalen(regio).values_list("ingediend_op", flat=True)
        jaren = Counter(min(2, (nu - moment) // JAAR) for moment in ingediend)
        assert [jaren[0], jaren[1], jaren[2]] == per_jaar


def test_every_gemeente_has_some_signals_and_the_biggest_have_most(demo: Demo) -> None:
    aantallen = dict(Signaal.objects.values_list("gemeente__naam").annotate(n=Count("pk")))
    assert len(aantallen) == 25
    assert min(aantallen.values()) >= 3
    assert aantallen["Leeuwarden"] > aantallen["Heerenveen"] > aantallen["Vlieland"]
    assert aantallen["Hoorn"] > aantallen["Enkhuizen"]


def test_the_history_starts_almost_three_years_ago_and_nothing_lies_in_the_future(demo: Demo) -> None:
    nu = timezone.now()
    for regio in ("Westfriesland", "Fryslân"):
        oudste = min(_signalen(regio).values_list("ingediend_op", flat=True))
        assert 2.5 * 365 < (nu - oudste).days < 3.1 * 365
    assert not Signaal.objects.filter(ingediend_op__gt=nu).exists()
    assert not Signaal.objects.filter(waargenomen_op__gt=F("ingediend_op__date")).exists()


def test_steps_are_registered_on_the_moments_they_happened(demo: Demo) -> None:
    nu = timezone.now()
    registraties = StapRegistratie.objects.filter(signaal__isnull=False)
    momenten = [timezone.localtime(op) for op in registraties.values_list("op", flat=True)]
    assert len({moment.date() for moment in momenten}) > 500
    assert not registraties.filter(op__lt=F("signaal__ingediend_op")).exists()
    assert not registraties.filter(op__gt=nu).exists()
    # Every kind of step happened on many days, and only today's few happened today.
    dagen: dict[str, set[datetime.date]] = defaultdict(set)
    for actie, op in registraties.values_list("actie", "op"):
        dagen[actie].add(lokale_datum(op))
    Actie = StapRegistratie.Actie
    for actie in (
        Actie.IN_BEHANDELING_NEMEN,
        Actie.VERRIJKEN,
        Actie.LOKALE_TAFEL_BESPREKEN,
        Actie.RIEC_INSCHAKELEN,
        Actie.INFORMATIEPLEIN_INBRENGEN,
        Actie.TERUGKOPPELEN,
        Actie.GEEN_MENSENHANDEL,
        Actie.AFSLUITEN,
        Actie.DELEN,
        Actie.INTREKKEN,
    ):
        assert len(dagen[actie]) > 100, actie
    assert registraties.filter(op__gte=begin_van(lokale_datum(nu))).count() < 40
    # People work in office hours on werkdagen; the night job and acute signals are the exceptions.
    op_kantoortijd = [m for m in momenten if is_werkdag(m.date()) and 8 <= m.hour < 18]
    assert len(op_kantoortijd) / len(momenten) > 0.95


def test_shares_terugmeldingen_and_trainings_carry_the_moment_they_were_made(demo: Demo) -> None:
    nu = timezone.now()
    gedeeld = Deling.objects.values_list("gedeeld_op", flat=True)
    assert len({lokale_datum(moment) for moment in gedeeld}) > 200
    assert not Deling.objects.filter(gedeeld_op__lt=F("signaal__ingediend_op")).exists()
    assert not Terugmelding.objects.filter(op__gt=nu).exists()
    for terugmelding in Terugmelding.objects.all():
        # Only while a share of the partner was in force.
        assert Deling.objects.filter(
            signaal=terugmelding.signaal,
            organisatie=terugmelding.organisatie,
            gedeeld_op__lt=terugmelding.op,
            einddatum__gte=lokale_datum(terugmelding.op),
        ).exists()
    for training in Training.objects.all():
        assert training.datum <= lokale_datum(training.geregistreerd_op) <= lokale_datum(nu)


def test_every_step_occurs_in_each_regio(demo: Demo) -> None:
    for regio in ("Westfriesland", "Fryslân"):
        assert set(_signalen(regio).values_list("status", flat=True)) == set(Status.values)


def test_recent_signals_are_still_open_some_waiting_since_today(demo: Demo) -> None:
    nu = timezone.now()
    for regio in ("Westfriesland", "Fryslân"):
        opgepikt = _signalen(regio).filter(status=Status.OPGEPIKT)
        assert opgepikt.filter(acuut=True, ingediend_op__gt=nu - datetime.timedelta(hours=4)).exists()
        assert _signalen(regio).filter(herbeoordelen_op__gt=lokale_datum(nu)).exists()


def test_the_facts_follow_every_signals_route(demo: Demo) -> None:
    assert Signaalfeiten.objects.count() == Signaal.objects.count() == 672
    assert not Signaalfeiten.objects.exclude(gemeld_op=F("signaal__ingediend_op")).exists()
    voorbij_stap_1 = Signaalfeiten.objects.exclude(status=Status.OPGEPIKT)
    assert not voorbij_stap_1.filter(duur_ontvangen=None).exists()
    # Acute signals are taken within hours.
    for feit in Signaalfeiten.objects.filter(acuut=True).exclude(ontvangen_op=None):
        assert feit.ontvangen_op is not None
        assert feit.ontvangen_op - feit.gemeld_op < datetime.timedelta(hours=5)


def test_the_history_looks_like_the_route_in_practice(demo: Demo) -> None:
    teruggekoppeld = Signaalfeiten.objects.exclude(terugkoppeling_op=None)
    geen_mensenhandel = teruggekoppeld.filter(geen_mensenhandel=True).count() / teruggekoppeld.count()
    assert 0.35 <= geen_mensenhandel <= 0.45
    op_tijd = teruggekoppeld.filter(terugkoppeling_binnen_termijn=True).count() / teruggekoppeld.count()
    assert 0.6 <= op_tijd <= 0.85
    acuut = Signaal.objects.filter(acuut=True).count() / Signaal.objects.count()
    assert 0.05 <= acuut <= 0.1
    aflopen = Counter(Signaal.objects.exclude(afloop="").values_list("afloop", flat=True))
    assert aflopen.most_common(1)[0][0] == "teruglegging"
    assert set(aflopen) == {"teruglegging", "zorgtraject", "bestuurlijk", "strafrechtelijk", "procesregie_zvh"}
    assert StapRegistratie.objects.filter(actie=StapRegistratie.Actie.HEROPENEN).exists()


def test_shares_are_revoked_expire_or_are_still_in_force(demo: Demo) -> None:
    vandaag = timezone.localdate()
    assert Deling.objects.exclude(verlopen_verwerkt_op=None).exists()
    assert StapRegistratie.objects.filter(
        actie=StapRegistratie.Actie.INTREKKEN, toelichting__contains="ingetrokken"
    ).exists()
    assert Deling.objects.filter(ingetrokken_op=None, einddatum__gte=vandaag).exists()
    for partner in ("politie.avim", "politie.tmm", "fier.zorgcoordinatie"):
        assert Terugmelding.objects.filter(door__username=partner).exists()


def test_each_regio_registered_some_trainings_every_year_and_most_gemeenten_their_basisniveau(demo: Demo) -> None:
    vandaag = timezone.localdate()
    for regio, basisniveaus in [("Westfriesland", 6), ("Fryslân", 15)]:
        datums = Training.objects.filter(gemeente__regios__naam=regio).values_list("datum", flat=True)
        per_jaar = Counter(min(2, (vandaag - datum).days // 365) for datum in datums)
        assert all(3 <= per_jaar[jaar] <= 8 for jaar in range(3)), per_jaar
        assert per_jaar[0] > per_jaar[2]
        assert Basisniveau.objects.filter(gemeente__regios__naam=regio).count() == basisniveaus


def test_a_second_run_adds_and_changes_nothing_and_keeps_a_changed_password(demo: Demo) -> None:
    assert "Signalen: 672 nieuw, 0 al aanwezig." in demo.eerste
    assert "Signalen: 0 nieuw, 672 al aanwezig." in demo.tweede
    assert demo.na == demo.voor
    assert demo.gewijzigd_wachtwoord_bewaard


def test_no_mail_about_history_is_left_to_be_sent(demo: Demo) -> None:
    gisteren = timezone.now() - datetime.timedelta(days=1)
    assert not berichten.onverzonden().filter(aangemaakt_op__lt=gisteren).exists()
    assert Notificatie.objects.filter(aangemaakt_op__lt=gisteren).exclude(vervallen_op=None).count() > 1000


def test_the_drieluik_met_today_and_its_next_meeting_takes_over_what_it_did_not_reach(demo: Demo) -> None:
    opzet = Tafel.objects.values_list("soort", "gemeente__naam", "regio__naam", "voorzitter__username")
    assert opzet.get(naam="Drieluik Fryslân") == ("drieluik", None, "Fryslân", "zvh.procesregisseur")
    assert opzet.get(naam="Lokale ondermijningstafel Hoorn") == ("lokale_ondermijningstafel", "Hoorn", None, None)
    drieluik = Tafel.objects.get(naam="Drieluik Fryslân")
    assert sorted(drieluik.leden.values_list("naam", flat=True)) == [
        "Fier – zorgcoördinatie mensenhandel",
        "Politie Noord-Nederland – TMM",
        "Zorg- en Veiligheidshuis Fryslân",
    ]
    hoorn = Tafel.objects.get(naam="Lokale ondermijningstafel Hoorn")
    assert list(hoorn.leden.values_list("naam", flat=True)) == ["Politie Noord-Holland – AVIM"]

    # Held today and closed by the AF of Leeuwarden; the next one two weeks later, still to hold.
    gehouden, volgende = drieluik.bijeenkomsten.order_by("datum")
    assert (gehouden.datum, volgende.datum) == (demo.vandaag, demo.vandaag + datetime.timedelta(days=14))
    af = Gebruiker.objects.get(username="af.leeuwarden.1")
    assert gehouden.afgerond_door_id == af.pk
    assert volgende.afgerond_op is None
    punten = tafelselectors.agenda(gehouden)
    assert [(p.soort, p.besluit, p.signaal.gemeente.naam) for p in punten] == [
        ("lopend", "doorzetten_riec", "Leeuwarden"),
        ("nieuw", "besproken", "Leeuwarden"),
        ("nieuw", "lopend_houden", "Leeuwarden"),
        ("nieuw", "", "Leeuwarden"),
    ]
    assert [p.signaal.omschrijving for p in punten] == [s.omschrijving for s in scenarios.DRIELUIK]
    # Each decision moved its signal through the meldroute; the last item was not reached.
    assert [p.signaal.status for p in punten] == ["riec", "lokale_tafel", "lokale_tafel", "verrijkt"]
    assert [p.lopend_tot for p in punten] == [None, None, volgende.datum, None]
    assert [p.vastgelegd_door_id for p in punten] == [af.pk, af.pk, af.pk, None]

    # Not reached: on the next meeting's agenda, carried over; the signal kept open comes back there too.
    niet_bereikt = punten[3]
    assert [(p.signaal_id, p.soort) for p in tafelselectors.agenda(volgende)] == [
        (niet_bereikt.signaal_id, "doorgeschoven")
    ]
    assert niet_bereikt.doorgeschoven_naar == volgende.agendapunten.get()
    voorstel = tafelselectors.voorstel(volgende, tafelselectors.deelname(af, drieluik.pk))
    assert [s.pk for s in voorstel.lopend] == [punten[2].signaal_id]

    # The police's action is in their "Actie nodig", due at the next meeting.
    acties = tafelselectors.open_acties(Gebruiker.objects.get(username="politie.tmm"))
    assert [(a.agendapunt_id, a.uiterlijk, a.aangemaakt_door_id) for a in acties] == [
        (punten[0].pk, volgende.datum, af.pk)
    ]
    assert Tafelactie.objects.count() == 1


def test_it_refuses_without_debug_and_without_toch() -> None:
    voor = _tellingen()
    with pytest.raises(CommandError, match="--toch"):
        call_command("demo_data", stdout=StringIO())
    assert _tellingen() == voor


def test_the_object_permissions_of_the_demo_match_the_domain(demo: Demo) -> None:
    assert rechten_controle.controleren() == []


def test_the_demo_af_walks_a_demo_signal_from_opgepikt_to_afgesloten(demo: Demo, client: Client) -> None:
    # The second AF: the module's fixture gave the first one a password of their own.
    inloggen = client.post(reverse("login"), {"username": "af.hoorn.2", "password": DEMO_WACHTWOORD})
    assert inloggen.status_code == 302
    tweede_factor_in_sessie(client, Gebruiker.objects.get(username="af.hoorn.2"))  # The code from the app.
    werkbak = client.get(reverse("meldroute:werkbak"), {"stap": "opgepikt"}).content.decode()
    signaal = Signaal.objects.filter(gemeente__naam="Hoorn", status=Status.OPGEPIKT).first()
    assert signaal is not None
    assert signaal.referentie in werkbak
    af_id = client.session["_auth_user_id"]
    gisteren = (timezone.localdate() - datetime.timedelta(days=1)).isoformat()

    stappen = [
        ("in_behandeling_nemen", {"behandelaar": af_id}),
        ("verrijken", {"bron": "brp", "bevindingen": "Vijf inschrijvingen op het adres."}),
        ("lokale_tafel_bespreken", {"soort": "ondermijningstafel", "besproken_op": gisteren, "besluit": "Naar RIEC."}),
        ("riec_inschakelen", {"vermoeden": "Afhankelijkheid van werkgever.", "contact": "RIEC NH", "datum": gisteren}),
        ("informatieplein_inbrengen", {"ingebracht_op": gisteren, "resultaat": "Opgepakt door AVIM."}),
        ("terugkoppelen", {"tekst": "Dank voor uw melding.", "gegeven_op": gisteren}),
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
