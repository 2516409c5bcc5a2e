"""The FG of a gemeente reads the logs of their own gemeente and users only; the FG of a regio reads
those of every gemeente in it. Another gemeente's signal reads as a number that does not exist."""

import re
from dataclasses import dataclass
from typing import Any

import pytest
from auditlog.models import LogEntry
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from ketenpartners.models import Gebruiker, Organisatie, Regio, Rol
from signalen.bewaring.verwijderen import anonimiseren
from signalen.logboek import GEEN_SIGNAAL
from signalen.models import Signaal
from signalen.workflow import Status
from tests.factories import (
    OrganisatieFactory,
    af,
    delen,
    gebruiker_met_rol,
    medewerker,
    naar_status,
    signaal_melden,
)
from tests.hulp import tabelrijen

pytestmark = pytest.mark.django_db

BETROKKENE = [{"rol": "slachtoffer", "naam": "Karel Klaassen"}]


@dataclass
class Wereld:
    signaal_hoorn: Signaal
    signaal_enkhuizen: Signaal
    af_hoorn: Gebruiker
    af_enkhuizen: Gebruiker
    agent: Gebruiker
    fg_hoorn: Gebruiker
    fg_regio: Gebruiker
    # The audit rows written while each part was made: hoorn, regio, politie, signaal hoorn, enkhuizen.
    audit: dict[str, set[int]]


class Stukken:
    """The audit rows written between two calls of ``af``, by name."""

    def __init__(self) -> None:
        self.stukken: dict[str, set[int]] = {}
        self._laatste = self._nu()

    @staticmethod
    def _nu() -> int:
        return LogEntry.objects.order_by("-pk").values_list("pk", flat=True).first() or 0

    def af(self, naam: str) -> None:
        self.stukken[naam] = set(LogEntry.objects.filter(pk__gt=self._laatste).values_list("pk", flat=True))
        self._laatste = self._nu()


@pytest.fixture
def wereld() -> Wereld:
    """Hoorn with its AF, melder and FG; a regio-wide FG at the veiligheidsregio; the police; then
    Enkhuizen with its AF, melder and one signal; each gemeente's signal shared with the police."""
    stukken = Stukken()
    hoorn = OrganisatieFactory(naam="Hoorn")
    af_hoorn = af(hoorn, username="af.hoorn")
    melder_hoorn = medewerker(hoorn, username="balie.hoorn")
    fg_hoorn = gebruiker_met_rol(hoorn, Rol.FG, username="fg.hoorn")
    stukken.af("hoorn")
    veiligheidsregio = OrganisatieFactory(naam="Veiligheidsregio Noord-Holland Noord", soort=Organisatie.Soort.ANDERS)
    fg_regio = gebruiker_met_rol(veiligheidsregio, Rol.FG, username="fg.regio")
    stukken.af("regio")
    politie = OrganisatieFactory(naam="Politie Noord-Holland", soort=Organisatie.Soort.POLITIE)
    agent = gebruiker_met_rol(politie, Rol.KETENPARTNER, username="agent")
    stukken.af("politie")
    signaal_hoorn = naar_status(
        signaal_melden(melder=melder_hoorn, betrokkenen=BETROKKENE), Status.ONTVANGEN, door=af_hoorn
    )
    delen(signaal_hoorn, door=af_hoorn, organisatie=politie)
    stukken.af("signaal hoorn")
    enkhuizen = OrganisatieFactory(naam="Enkhuizen")
    af_enkhuizen = af(enkhuizen, username="af.enkhuizen")
    melder_enkhuizen = medewerker(enkhuizen, username="balie.enkhuizen")
    signaal_enkhuizen = naar_status(
        signaal_melden(melder=melder_enkhuizen, betrokkenen=BETROKKENE), Status.ONTVANGEN, door=af_enkhuizen
    )
    delen(signaal_enkhuizen, door=af_enkhuizen, organisatie=politie)
    stukken.af("enkhuizen")
    return Wereld(
        signaal_hoorn=signaal_hoorn,
        signaal_enkhuizen=signaal_enkhuizen,
        af_hoorn=af_hoorn,
        af_enkhuizen=af_enkhuizen,
        agent=agent,
        fg_hoorn=fg_hoorn,
        fg_regio=fg_regio,
        audit=stukken.stukken,
    )


def _lezen(w: Wereld) -> None:
    """Who reads what, in this order (the log shows the newest first)."""
    lezer = Client()
    for gebruiker, url in [
        (w.af_hoorn, reverse("meldroute:detail", args=[w.signaal_hoorn.pk])),
        (w.af_enkhuizen, reverse("meldroute:detail", args=[w.signaal_enkhuizen.pk])),
        (w.af_enkhuizen, reverse("meldroute:detail", args=[w.signaal_hoorn.pk])),
        (w.af_hoorn, reverse("meldroute:detail", args=[w.signaal_enkhuizen.pk])),
        (w.af_hoorn, reverse("meldroute:werkbak")),
        (w.af_enkhuizen, reverse("meldroute:werkbak")),
        (w.agent, reverse("meldroute:gedeeld_detail", args=[w.signaal_hoorn.pk])),
        (w.agent, reverse("meldroute:gedeeld_detail", args=[w.signaal_enkhuizen.pk])),
        (w.agent, reverse("meldroute:gedeeld")),
    ]:
        lezer.force_login(gebruiker)
        lezer.get(url)


def _toegangslog(client: Client, fg: Gebruiker, **filters: str) -> tuple[str, list[list[str]]]:
    client.force_login(fg)
    antwoord = client.get(reverse("signalen:logboek_toegang"), filters)
    assert antwoord.status_code == 200
    html = antwoord.content.decode()
    # Gebruiker, actie, resultaat, signalen: the time, page and address columns left out.
    return html, [[rij[1], rij[2], rij[3], rij[4]] for rij in tabelrijen(html)]


def test_the_fg_of_hoorn_reads_hoorns_signals_and_hoorns_users_only(client: Client, wereld: Wereld) -> None:
    _lezen(wereld)
    hoorn, enkhuizen = wereld.signaal_hoorn.referentie, wereld.signaal_enkhuizen.referentie

    html, rijen = _toegangslog(client, wereld.fg_hoorn)

    assert rijen == [
        ["agent", "Gedeelde signalen geopend", "Toegestaan", f"{hoorn}, 1 signaal van een andere gemeente"],
        ["agent", "Signaal bekeken", "Toegestaan", hoorn],
        ["af.hoorn", "Werkbak geopend", "Toegestaan", hoorn],
        ["af.hoorn", "Toegang geweigerd: signaal bekijken", "Geweigerd", "1 signaal van een andere gemeente"],
        ["af.enkhuizen", "Toegang geweigerd: signaal bekijken", "Geweigerd", hoorn],
        ["af.hoorn", "Signaal bekeken", "Toegestaan", hoorn],
    ]
    assert "7 regels gevonden." not in html
    assert "6 regels gevonden." in html
    assert enkhuizen not in html


def test_the_fg_of_the_regio_reads_every_gemeente_of_it(client: Client, wereld: Wereld) -> None:
    _lezen(wereld)
    hoorn, enkhuizen = wereld.signaal_hoorn.referentie, wereld.signaal_enkhuizen.referentie

    _, rijen = _toegangslog(client, wereld.fg_regio)

    assert rijen == [
        ["agent", "Gedeelde signalen geopend", "Toegestaan", ", ".join(sorted([hoorn, enkhuizen]))],
        ["agent", "Signaal bekeken", "Toegestaan", enkhuizen],
        ["agent", "Signaal bekeken", "Toegestaan", hoorn],
        ["af.enkhuizen", "Werkbak geopend", "Toegestaan", enkhuizen],
        ["af.hoorn", "Werkbak geopend", "Toegestaan", hoorn],
        ["af.hoorn", "Toegang geweigerd: signaal bekijken", "Geweigerd", enkhuizen],
        ["af.enkhuizen", "Toegang geweigerd: signaal bekijken", "Geweigerd", hoorn],
        ["af.enkhuizen", "Signaal bekeken", "Toegestaan", enkhuizen],
        ["af.hoorn", "Signaal bekeken", "Toegestaan", hoorn],
    ]
    _, gefilterd = _toegangslog(client, wereld.fg_regio, signaal=enkhuizen.lower())
    assert [rij[:2] for rij in gefilterd] == [
        ["agent", "Gedeelde signalen geopend"],
        ["agent", "Signaal bekeken"],
        ["af.enkhuizen", "Werkbak geopend"],
        ["af.hoorn", "Toegang geweigerd: signaal bekijken"],
        ["af.enkhuizen", "Signaal bekeken"],
    ]


@pytest.mark.parametrize("pagina", ["signalen:logboek_toegang", "signalen:logboek_audit"])
def test_another_gemeentes_signal_reads_as_an_unknown_number(client: Client, wereld: Wereld, pagina: str) -> None:
    _lezen(wereld)
    client.force_login(wereld.fg_hoorn)
    enkhuizen = wereld.signaal_enkhuizen.referentie

    van_enkhuizen = client.get(reverse(pagina), {"signaal": enkhuizen}).content.decode()
    onbekend = client.get(reverse(pagina), {"signaal": "MH-2099-99999"}).content.decode()

    assert GEEN_SIGNAAL in van_enkhuizen
    assert tabelrijen(van_enkhuizen) == []
    assert "0 regels gevonden." in van_enkhuizen
    # Apart from the number typed into the field (and the form's token), the two pages are the same.
    assert zonder_token(van_enkhuizen.replace(enkhuizen, "MH-2099-99999")) == zonder_token(onbekend)
    # Hoorn's own signal is found, by its number in any case.
    eigen = client.get(reverse(pagina), {"signaal": wereld.signaal_hoorn.referentie.lower()}).content.decode()
    assert GEEN_SIGNAAL not in eigen
    assert len(tabelrijen(eigen)) > 0


def zonder_token(html: str) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", html)


def _auditlog(client: Client, fg: Gebruiker, **filters: str) -> tuple[str, list[list[str]]]:
    client.force_login(fg)
    antwoord = client.get(reverse("signalen:logboek_audit"), filters)
    assert antwoord.status_code == 200
    return antwoord.content.decode(), tabelrijen(antwoord.content.decode())


def _niet_voor_een_fg() -> set[int]:
    """Rows about auth groups and regio's: no FG's organisation owns them."""
    typen = ContentType.objects.get_for_models(Group, Regio).values()
    return set(LogEntry.objects.filter(content_type__in=typen).values_list("pk", flat=True))


def _verwacht(w: Wereld, *stukken: str) -> int:
    return len(set().union(*(w.audit[stuk] for stuk in stukken)) - _niet_voor_een_fg())


def test_the_fg_of_hoorn_reads_no_audit_row_of_enkhuizen(client: Client, wereld: Wereld) -> None:
    # Not the police's organisation and users, nor the veiligheidsregio's, nor anything of Enkhuizen.
    verwacht = _verwacht(wereld, "hoorn", "signaal hoorn")

    html, rijen = _auditlog(client, wereld.fg_hoorn)

    assert f"{verwacht} regels gevonden." in html
    signalen = {rij[5] for rij in rijen}
    assert signalen == {wereld.signaal_hoorn.referentie, "–"}
    assert wereld.signaal_enkhuizen.referentie not in html
    assert "andere gemeente" not in html


def test_the_fg_of_the_regio_reads_the_audit_rows_of_both(client: Client, wereld: Wereld) -> None:
    verwacht = _verwacht(wereld, "hoorn", "regio", "signaal hoorn", "enkhuizen")

    html, _ = _auditlog(client, wereld.fg_regio)

    assert f"{verwacht} regels gevonden." in html
    _, over_enkhuizen = _auditlog(client, wereld.fg_regio, signaal=wereld.signaal_enkhuizen.referentie)
    assert {rij[5] for rij in over_enkhuizen} == {wereld.signaal_enkhuizen.referentie}


def test_the_audit_log_of_a_signal_names_it_by_its_reference_number(client: Client, wereld: Wereld) -> None:
    referentie = wereld.signaal_hoorn.referentie
    betrokkene = wereld.signaal_hoorn.betrokkenen.get()

    _, rijen = _auditlog(client, wereld.fg_hoorn, signaal=referentie)

    # Door, wijziging, soort gegeven, object, signaal: oldest last.
    samengevat = [(rij[1], rij[2], rij[3], rij[4], rij[5]) for rij in rijen]
    # Outside a request the services write no actor: "systeem".
    assert ("systeem", "Aangemaakt", "signaal", "–", referentie) in samengevat
    assert ("systeem", "Gewijzigd", "signaal", "–", referentie) in samengevat
    object_ = f"Mogelijk slachtoffer #{betrokkene.pk}"
    assert ("systeem", "Aangemaakt", "betrokkene", object_, referentie) in samengevat
    deling = wereld.signaal_hoorn.delingen.get()
    assert ("systeem", "Aangemaakt", "deling", f"Deling #{deling.pk}", referentie) in samengevat
    assert {rij[5] for rij in rijen} == {referentie}
    # No internal id of the signal anywhere in the columns.
    assert not [rij for rij in rijen if f"signaal {wereld.signaal_hoorn.pk}" in " ".join(rij)]


def test_a_signal_removed_after_its_term_stays_in_its_fgs_logs_by_number(
    client: Client, wereld: Wereld, django_capture_on_commit_callbacks: Any
) -> None:
    signaal = naar_status(wereld.signaal_hoorn, Status.AFGESLOTEN, door=wereld.af_hoorn)
    lezer = Client()
    lezer.force_login(wereld.af_hoorn)
    lezer.get(reverse("meldroute:detail", args=[signaal.pk]))
    fg_enkhuizen = gebruiker_met_rol(wereld.signaal_enkhuizen.gemeente, Rol.FG, username="fg.enkhuizen")
    with django_capture_on_commit_callbacks(execute=True):
        assert anonimiseren(signaal_id=signaal.pk, vandaag=timezone.localdate().replace(year=2099)) is not None
    assert not Signaal.objects.filter(pk=signaal.pk).exists()

    _, toegang = _toegangslog(client, wereld.fg_hoorn, signaal=signaal.referentie)
    html, audit = _auditlog(client, wereld.fg_hoorn, signaal=signaal.referentie)

    assert toegang == [["af.hoorn", "Signaal bekeken", "Toegestaan", signaal.referentie]]
    assert audit[0][1:6] == ["systeem", "Verwijderd na de bewaartermijn", "signaal", "–", signaal.referentie]
    assert {rij[5] for rij in audit} == {signaal.referentie}
    assert f"{len(audit)} regels gevonden." in html
    for pagina in ("signalen:logboek_toegang", "signalen:logboek_audit"):
        client.force_login(fg_enkhuizen)
        elders = client.get(reverse(pagina), {"signaal": signaal.referentie}).content.decode()
        assert GEEN_SIGNAAL in elders
        assert tabelrijen(elders) == []
