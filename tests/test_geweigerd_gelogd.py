"""Every refused access to a signal, an attachment, a download or an action leaves exactly one
access-log row with result "geweigerd", and the answer gives nothing away (404; 403 for a page
the role never has)."""

import datetime
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from evaluatie.models import Rapport, Rapportdeel
from ketenpartners.models import Gebruiker, Lidmaatschap, Organisatie, Regio, Rol
from meldroute.models import Deling
from signalen.models import Bijlage, Signaal, Toegangslog
from signalen.workflow import Status
from tests.factories import OrganisatieFactory, RegioFactory, delen, gebruiker_met_rol, naar_status, signaal_melden

pytestmark = pytest.mark.django_db


@dataclass
class Wereld:
    signaal: Signaal
    bijlage: Bijlage
    deling: Deling
    rapport: Rapport
    hoorn: Organisatie
    gebruikers: dict[str, Gebruiker]
    laatste_logregel: int


@pytest.fixture
def wereld(
    hoorn: Organisatie,
    af_hoorn: Gebruiker,
    melder_hoorn: Gebruiker,
    af_enkhuizen: Gebruiker,
    melder_enkhuizen: Gebruiker,
) -> Iterator[Wereld]:
    """A signal of Hoorn in step 'ontvangen' with an attachment, shared with the police; a report of
    Westfriesland; and people of Enkhuizen, the RIEC and Fryslân who may see none of it."""
    politie = OrganisatieFactory(naam="Politie Noord-Holland", soort=Organisatie.Soort.POLITIE)
    riec = OrganisatieFactory(naam="RIEC Noord-Holland", soort=Organisatie.Soort.RIEC)
    leeuwarden = OrganisatieFactory(naam="Leeuwarden", regio=RegioFactory(naam="Fryslân"))
    signaal = naar_status(signaal_melden(melder=melder_hoorn), Status.ONTVANGEN, door=af_hoorn)
    bijlage = Bijlage.objects.create(
        signaal=signaal,
        bestand=ContentFile(b"foto van de gevel", name="gevel.txt"),
        naam="gevel.txt",
        content_type="text/plain",
        grootte=17,
        toegevoegd_door=melder_hoorn,
    )
    deling = delen(signaal, door=af_hoorn, organisatie=politie, met_bijlagen=True)  # type: ignore[arg-type]
    # Refused downloads never open the file: a name is enough.
    rapport = Rapport.objects.create(
        regio=Regio.objects.get(naam="Westfriesland"),
        van=datetime.date(2025, 1, 1),
        tot=datetime.date(2025, 12, 31),
        status=Rapport.Status.KLAAR,
        pdf="rapporten/westfriesland.pdf",
        xlsx="rapporten/westfriesland.xlsx",
    )
    Rapportdeel.objects.create(rapport=rapport, gemeente=hoorn, pdf="rapporten/hoorn.pdf")
    gebruikers = {
        "melder van Enkhuizen": melder_enkhuizen,
        "AF van Hoorn": af_hoorn,
        "AF van Enkhuizen": af_enkhuizen,
        "partner van het RIEC": gebruiker_met_rol(riec, Rol.KETENPARTNER, username="riec.nh"),  # type: ignore[arg-type]
        "coördinator van Fryslân": gebruiker_met_rol(leeuwarden, Rol.COORDINATOR, username="coordinator.fryslan"),  # type: ignore[arg-type]
    }
    # What the set-up wrote is not what this is about.
    laatste = Toegangslog.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    yield Wereld(signaal, bijlage, deling, rapport, hoorn, gebruikers, laatste)
    bijlage.bestand.delete(save=False)


@dataclass(frozen=True)
class Weigering:
    naam: str
    parameters: tuple[str, ...]
    wie: str
    actie: str
    methode: str = "GET"
    status: int = 404
    gegevens: Callable[[Wereld], dict[str, Any]] = lambda w: {}
    over_signaal: bool = True


PARAMETERS: dict[str, Callable[[Wereld], int]] = {
    "pk": lambda w: w.signaal.pk,
    "bijlage_pk": lambda w: w.bijlage.pk,
    "deling_pk": lambda w: w.deling.pk,
    "rapport_pk": lambda w: w.rapport.pk,
    "gemeente_pk": lambda w: w.hoorn.pk,
}


def _verrijken(w: Wereld) -> dict[str, Any]:
    return {"verwachte_status": Status.ONTVANGEN, "bron": "brp", "bevindingen": "Twaalf inschrijvingen."}


def _delen(w: Wereld) -> dict[str, Any]:
    return {
        "organisatie": w.deling.organisatie_id,
        "grondslag": Deling.Grondslag.RIEC_CONVENANT,
        "reden": "Besproken aan de lokale tafel.",
        "einddatum": (timezone.localdate() + datetime.timedelta(days=30)).isoformat(),
    }


def _terugmelding(w: Wereld) -> dict[str, Any]:
    return {"tekst": "Het pand is bezocht; geen bewoners aangetroffen."}


DETAIL = Toegangslog.Actie.DETAIL
WEIGERINGEN = [
    Weigering("signalen:ontvangstbevestiging", ("pk",), "melder van Enkhuizen", Toegangslog.Actie.ONTVANGSTBEVESTIGING),
    Weigering("signalen:ontvangstbevestiging", ("pk",), "AF van Hoorn", Toegangslog.Actie.ONTVANGSTBEVESTIGING),
    Weigering("meldroute:detail", ("pk",), "AF van Enkhuizen", DETAIL),
    Weigering("meldroute:detail", ("pk",), "partner van het RIEC", DETAIL),
    Weigering("meldroute:actie", ("pk", "naam"), "AF van Enkhuizen", DETAIL),
    Weigering("meldroute:actie", ("pk", "naam"), "AF van Enkhuizen", DETAIL, "POST", gegevens=_verrijken),
    Weigering("meldroute:bijlage", ("pk", "bijlage_pk"), "AF van Enkhuizen", Toegangslog.Actie.BIJLAGE),
    Weigering("meldroute:delen", ("pk",), "AF van Enkhuizen", DETAIL),
    Weigering("meldroute:delen", ("pk",), "AF van Enkhuizen", DETAIL, "POST", gegevens=_delen),
    Weigering("meldroute:intrekken", ("pk", "deling_pk"), "AF van Enkhuizen", DETAIL, "POST"),
    Weigering("meldroute:gedeeld_detail", ("pk",), "partner van het RIEC", DETAIL),
    Weigering("meldroute:gedeeld_detail", ("pk",), "AF van Hoorn", DETAIL),
    Weigering("meldroute:gedeeld_download", ("pk",), "partner van het RIEC", Toegangslog.Actie.DOWNLOAD),
    Weigering("meldroute:gedeeld_bijlage", ("pk", "bijlage_pk"), "partner van het RIEC", Toegangslog.Actie.BIJLAGE),
    Weigering("meldroute:terugmelding", ("pk",), "partner van het RIEC", DETAIL),
    Weigering("meldroute:terugmelding", ("pk",), "partner van het RIEC", DETAIL, "POST", gegevens=_terugmelding),
    Weigering("evaluatie:rapport_pdf", ("rapport_pk",), "coördinator van Fryslân", "rapport", over_signaal=False),
    Weigering("evaluatie:rapport_xlsx", ("rapport_pk",), "AF van Hoorn", "rapport", over_signaal=False),
    Weigering(
        "evaluatie:rapport_deel", ("rapport_pk", "gemeente_pk"), "AF van Enkhuizen", "rapport", over_signaal=False
    ),
    Weigering("evaluatie:monitoring_csv", (), "AF van Hoorn", "monitoring", status=403, over_signaal=False),
    Weigering("evaluatie:monitoring_xlsx", (), "melder van Enkhuizen", "monitoring", status=403, over_signaal=False),
]


def _adres(weigering: Weigering, w: Wereld) -> str:
    waarden = {naam: "verrijken" if naam == "naam" else PARAMETERS[naam](w) for naam in weigering.parameters}
    return reverse(weigering.naam, kwargs=waarden)


def nieuwe_rijen(w: Wereld) -> list[tuple[int | None, str, str, list[int], str]]:
    """The access-log rows written since the world was built, oldest first."""
    return list(
        Toegangslog.objects.filter(pk__gt=w.laatste_logregel)
        .order_by("pk")
        .values_list("gebruiker_id", "actie", "resultaat", "signaal_ids", "pad")
    )


@pytest.mark.parametrize("weigering", WEIGERINGEN, ids=[f"{w.methode} {w.naam} als {w.wie}" for w in WEIGERINGEN])
def test_a_refused_request_writes_one_geweigerd_row(client: Client, wereld: Wereld, weigering: Weigering) -> None:
    gebruiker = wereld.gebruikers[weigering.wie]
    client.force_login(gebruiker)
    url = _adres(weigering, wereld)

    antwoord = client.post(url, weigering.gegevens(wereld)) if weigering.methode == "POST" else client.get(url)

    assert antwoord.status_code == weigering.status
    signaal_ids = [wereld.signaal.pk] if weigering.over_signaal else []
    assert nieuwe_rijen(wereld) == [(gebruiker.pk, weigering.actie, "geweigerd", signaal_ids, url)]


def test_the_receipt_of_a_signal_that_does_not_exist_is_refused_and_logged_the_same_way(
    client: Client, wereld: Wereld, melder_hoorn: Gebruiker
) -> None:
    client.force_login(melder_hoorn)
    onbekend = Signaal.objects.order_by("-pk").values_list("pk", flat=True)[0] + 1000
    url = reverse("signalen:ontvangstbevestiging", args=[onbekend])

    assert client.get(url).status_code == 404
    assert nieuwe_rijen(wereld) == [(melder_hoorn.pk, "ontvangstbevestiging", "geweigerd", [onbekend], url)]


def test_the_melder_sees_the_receipt_and_it_is_logged_as_allowed(
    client: Client, wereld: Wereld, melder_hoorn: Gebruiker
) -> None:
    client.force_login(melder_hoorn)
    url = reverse("signalen:ontvangstbevestiging", args=[wereld.signaal.pk])

    antwoord = client.get(url)

    assert antwoord.status_code == 200
    assert wereld.signaal.referentie in antwoord.content.decode()
    assert nieuwe_rijen(wereld) == [(melder_hoorn.pk, "ontvangstbevestiging", "toegestaan", [wereld.signaal.pk], url)]


# Access that ends while a request is under way: another user changes the data between the page's
# check and the service's lock. The change is made just before the lock's query, on the same
# connection, as a concurrent transaction that committed first would have made it.


@contextmanager
def vlak_voor_de_vergrendeling(wijziging: Callable[[], object]) -> Iterator[None]:
    gedaan = False

    def wrapper(execute: Callable[..., Any], sql: str, params: Any, many: bool, context: Any) -> Any:
        nonlocal gedaan
        if not gedaan and "FOR UPDATE" in sql:
            gedaan = True
            wijziging()
        return execute(sql, params, many, context)

    with connection.execute_wrapper(wrapper):
        yield
    assert gedaan, "Het verzoek vergrendelde niets"


def _af_rol_kwijt(af: Gebruiker) -> None:
    """What removing the AF's role does to their access: out of the AF group of the gemeente."""
    Lidmaatschap.objects.filter(gebruiker=af).delete()
    Gebruiker.groups.through.objects.filter(gebruiker_id=af.pk).delete()


def test_a_share_refused_at_the_lock_writes_a_geweigerd_row(
    client: Client, wereld: Wereld, af_hoorn: Gebruiker
) -> None:
    client.force_login(af_hoorn)
    url = reverse("meldroute:delen", args=[wereld.signaal.pk])

    with vlak_voor_de_vergrendeling(lambda: _af_rol_kwijt(af_hoorn)):
        antwoord = client.post(url, _delen(wereld))

    assert antwoord.status_code == 404
    # The POST of a form writes no "bekeken" row of its own (the GET that showed the form did).
    assert nieuwe_rijen(wereld) == [
        (af_hoorn.pk, "detail", "geweigerd", [wereld.signaal.pk], url),
    ]


def test_a_terugmelding_refused_at_the_lock_writes_a_geweigerd_row(client: Client, wereld: Wereld) -> None:
    partner = gebruiker_met_rol(wereld.deling.organisatie, Rol.KETENPARTNER, username="politie.avim")
    client.force_login(partner)
    url = reverse("meldroute:terugmelding", args=[wereld.signaal.pk])

    def intrekken() -> None:
        Deling.objects.filter(pk=wereld.deling.pk).update(ingetrokken_op=timezone.now())

    with vlak_voor_de_vergrendeling(intrekken):
        antwoord = client.post(url, _terugmelding(wereld))

    assert antwoord.status_code == 404
    # The POST of a form writes no "bekeken" row of its own (the GET that showed the form did).
    assert nieuwe_rijen(wereld) == [
        (partner.pk, "detail", "geweigerd", [wereld.signaal.pk], url),
    ]
    assert wereld.signaal.terugmeldingen.count() == 0


def test_an_action_refused_at_the_lock_writes_a_geweigerd_row(
    client: Client, wereld: Wereld, af_hoorn: Gebruiker
) -> None:
    client.force_login(af_hoorn)
    url = reverse("meldroute:actie", args=[wereld.signaal.pk, "verrijken"])

    with vlak_voor_de_vergrendeling(lambda: _af_rol_kwijt(af_hoorn)):
        antwoord = client.post(url, _verrijken(wereld))

    assert antwoord.status_code == 404
    # The POST of a form writes no "bekeken" row of its own (the GET that showed the form did).
    assert nieuwe_rijen(wereld) == [
        (af_hoorn.pk, "detail", "geweigerd", [wereld.signaal.pk], url),
    ]
