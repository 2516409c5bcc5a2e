"""Samenhangende signalen between gemeenten: hit/no-hit only, with whom to call and a request to
talk (meldroute/samenhang.py ``elders``, meldroute/services/samenhang.py ``contact_vragen``), and
the coördinator's count of clusters that span gemeenten (evaluatie/selectors.py)."""

import datetime
import re
from dataclasses import dataclass
from typing import Any

import pytest
import time_machine
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.core.mail import EmailMultiAlternatives
from django.test import Client
from django.urls import reverse

from evaluatie import selectors as evaluatie_selectors
from evaluatie.selectors import Periode, SamenhangRij
from ketenpartners.models import Gebruiker, Organisatie, Regio, Rol
from meldroute import samenhang
from meldroute.models import Contactverzoek, StapRegistratie
from mensenhandel.werkdagen import ZONE
from signalen import berichten
from signalen.models import Notificatie, Signaal, Toegangslog
from tests.factories import OrganisatieFactory, RegioFactory, af, gebruiker_met_rol, medewerker, signaal_melden
from tests.hulp import tabelrijen

pytestmark = pytest.mark.django_db

GEBOREN = datetime.date(1990, 3, 4)
GEHEIM = "Zij slaapt in de kelder van de nagelstudio aan de Westerstraat."
NU = datetime.datetime(2026, 11, 3, 10, 0, tzinfo=ZONE)


def persoon(naam: str, geboortedatum: datetime.date = GEBOREN, **velden: Any) -> dict[str, Any]:
    return {"rol": "slachtoffer", "naam": naam, "geboortedatum": geboortedatum, **velden}


@dataclass
class Wereld:
    a: Signaal  # Hoorn: Jan Jansen, 4 maart 1990, Kerkstraat 12, Hoorn
    b: Signaal  # Hoorn: "Jansen, J.", same birth date (a cluster with A within Hoorn)
    c: Signaal  # Hoorn: Piet de Vries, nobody else has him
    e: Signaal  # Enkhuizen: the same person and address as A, with content Hoorn must never see
    texel: Signaal  # Texel, in another regio: the same person as A
    af_texel: Gebruiker


@pytest.fixture
def wereld(
    melder_hoorn: Gebruiker, melder_enkhuizen: Gebruiker, enkhuizen: Organisatie, af_enkhuizen: Gebruiker
) -> Wereld:
    noord = RegioFactory(naam="Noord-Holland Noord")
    texel = OrganisatieFactory(naam="Texel", regio=noord)
    af_texel = af(texel, username="af.texel", first_name="Tim", last_name="Bos")
    with time_machine.travel(NU, tick=False):
        a = signaal_melden(melder=melder_hoorn, betrokkenen=[persoon("Jan Jansen", adres="Kerkstraat 12, Hoorn")])
        b = signaal_melden(melder=melder_hoorn, betrokkenen=[persoon("Jansen, J.")])
        c = signaal_melden(melder=melder_hoorn, betrokkenen=[persoon("Piet de Vries", datetime.date(1975, 1, 20))])
        e = signaal_melden(
            melder=melder_enkhuizen,
            gemeente=enkhuizen,
            omschrijving=GEHEIM,
            betrokkenen=[persoon("Jan Jansen", adres="Kerkstraat 12, Hoorn", telefoon="06-12345678")],
        )
        t = signaal_melden(
            melder=medewerker(texel, username="balie.texel"), gemeente=texel, betrokkenen=[persoon("J. Jansen")]
        )
    return Wereld(a=a, b=b, c=c, e=e, texel=t, af_texel=af_texel)


def detail(client: Client, gebruiker: Gebruiker, signaal: Signaal) -> str:
    client.force_login(gebruiker)
    antwoord = client.get(reverse("meldroute:detail", args=[signaal.pk]))
    assert antwoord.status_code == 200
    return antwoord.content.decode()


def tekst(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def elders(html: str) -> str:
    """The section 'Mogelijk samenhangend bij andere gemeenten' as text."""
    gevonden = re.search(r'<section aria-labelledby="kop-samenhang-elders".*?</section>', html, re.DOTALL)
    assert gevonden is not None
    return tekst(gevonden.group(0))


def vragen(client: Client, gebruiker: Gebruiker, signaal: Signaal, gemeente: Organisatie) -> Any:
    client.force_login(gebruiker)
    return client.post(reverse("meldroute:samenhang_contact_vragen", args=[signaal.pk, gemeente.pk]), follow=True)


# What each side sees


def test_the_af_sees_that_another_gemeente_has_a_matching_signal_and_whom_to_call_nothing_more(
    client: Client, af_hoorn: Gebruiker, af_hoorn_2: Gebruiker, wereld: Wereld
) -> None:
    html = detail(client, af_hoorn, wereld.a)

    assert elders(html) == (
        "Mogelijk samenhangend bij andere gemeenten "
        "U ziet alleen dát een andere gemeente een signaal heeft over dezelfde persoon, hetzelfde adres of hetzelfde "
        "bedrijf, en wie u daar kunt bereiken: niet welk signaal en niet wat erin staat. Delen is daarna een aparte "
        "stap van de gemeente die het signaal heeft. "
        "Er is een mogelijk samenhangend signaal bij gemeente Enkhuizen (zelfde persoon; zelfde adres). "
        "Aandachtsfunctionaris van Enkhuizen: Carla Visser ( af.enkhuizen@example.org ) "
        "Vraag om contact bij gemeente Enkhuizen"
    )
    # Nothing of Enkhuizen's signal: no reference, content, phone number, step or link to it.
    for geheim in (wereld.e.referentie, GEHEIM, "12345678", "telefoonnummer", f"/signalen/{wereld.e.pk}/"):
        assert geheim not in html
    # Texel is in another regio, and neither regio has 'samenhang met andere regio's' on.
    assert "Texel" not in html


def test_the_other_gemeente_sees_the_same_from_its_side(
    client: Client, af_enkhuizen: Gebruiker, af_hoorn: Gebruiker, af_hoorn_2: Gebruiker, wereld: Wereld
) -> None:
    html = detail(client, af_enkhuizen, wereld.e)

    assert "Er is een mogelijk samenhangend signaal bij gemeente Hoorn (zelfde persoon; zelfde adres)." in elders(html)
    assert (
        "Aandachtsfunctionarissen van Hoorn: Anna de Vries ( af.hoorn@example.org ), "
        "Bram Bakker ( af.hoorn.2@example.org )"
    ) in elders(html)
    for signaal in (wereld.a, wereld.b, wereld.c):
        assert signaal.referentie not in html


def test_a_signal_without_a_match_elsewhere_says_so(client: Client, af_hoorn: Gebruiker, wereld: Wereld) -> None:
    html = detail(client, af_hoorn, wereld.c)

    assert elders(html).endswith("Geen mogelijk samenhangende signalen bij andere gemeenten.")
    assert not Toegangslog.objects.filter(actie=Toegangslog.Actie.SAMENHANG_ELDERS).exists()


def test_between_regios_only_when_both_regios_have_it_on(af_hoorn: Gebruiker, wereld: Wereld) -> None:
    westfriesland = Regio.objects.get(naam="Westfriesland")
    noord = Regio.objects.get(naam="Noord-Holland Noord")

    def gemeenten() -> list[str]:
        return [t.gemeente for t in samenhang.elders(wereld.a)]

    assert gemeenten() == ["Enkhuizen"]
    westfriesland.samenhang_tussen_regios = True
    westfriesland.save()
    assert gemeenten() == ["Enkhuizen"]
    noord.samenhang_tussen_regios = True
    noord.save()
    assert gemeenten() == ["Enkhuizen", "Texel"]
    # The same strength ("zelfde persoon") at both: by name.
    assert [t.gemeente for t in samenhang.elders(wereld.texel)] == ["Enkhuizen", "Hoorn"]
    # A gemeente set inactive is not offered: there is nobody to call.
    Organisatie.objects.filter(naam="Texel").update(actief=False)
    assert gemeenten() == ["Enkhuizen"]


def test_every_hit_shown_is_in_the_access_log_with_the_other_gemeentes_signals(
    client: Client, af_hoorn: Gebruiker, wereld: Wereld
) -> None:
    detail(client, af_hoorn, wereld.a)

    rijen = list(Toegangslog.objects.filter(gebruiker=af_hoorn).order_by("pk").values_list("actie", "signaal_ids"))
    assert rijen == [
        (Toegangslog.Actie.LIJST, [wereld.b.pk]),
        (Toegangslog.Actie.SAMENHANG_ELDERS, [wereld.a.pk, wereld.e.pk]),
        (Toegangslog.Actie.DETAIL, [wereld.a.pk]),
    ]


def test_a_hit_gives_no_access_to_the_other_signal(client: Client, af_hoorn: Gebruiker, wereld: Wereld) -> None:
    detail(client, af_hoorn, wereld.a)

    for naam in ("meldroute:detail", "meldroute:afdrukken"):
        assert client.get(reverse(naam, args=[wereld.e.pk])).status_code == 404
    assert not af_hoorn.has_perm("signalen.view_signaal", wereld.e)


def test_the_printed_signal_shows_no_other_gemeentes_signal(
    client: Client, af_hoorn: Gebruiker, wereld: Wereld
) -> None:
    client.force_login(af_hoorn)
    antwoord = client.get(reverse("meldroute:afdrukken", args=[wereld.a.pk]))

    assert antwoord.status_code == 200
    for geheim in (wereld.e.referentie, GEHEIM, "Enkhuizen", "12345678"):
        assert geheim not in antwoord.content.decode()


# The request to talk


def test_asking_for_contact_mails_the_other_gemeentes_afs_without_names_and_shows_on_both_sides(
    client: Client,
    af_hoorn: Gebruiker,
    af_enkhuizen: Gebruiker,
    wereld: Wereld,
    django_capture_on_commit_callbacks: Any,
) -> None:
    enkhuizen = wereld.e.gemeente
    with time_machine.travel(NU, tick=False), django_capture_on_commit_callbacks() as na_commit:
        antwoord = vragen(client, af_hoorn, wereld.a, enkhuizen)

    assert antwoord.status_code == 200
    assert "Verzoek om contact verstuurd aan de aandachtsfunctionarissen van gemeente Enkhuizen." in antwoord.text
    assert "Op 3 november 2026 is om contact gevraagd bij gemeente Enkhuizen." in elders(antwoord.text)
    assert "Vraag om contact" not in elders(antwoord.text)
    verzoek = Contactverzoek.objects.get()
    assert (verzoek.signaal, verzoek.gemeente, verzoek.door, verzoek.redenen) == (
        wereld.a,
        enkhuizen,
        af_hoorn,
        ["zelfde persoon", "zelfde adres"],
    )
    registratie = wereld.a.registraties.latest("op", "pk")
    assert (registratie.actie, registratie.toelichting) == (
        StapRegistratie.Actie.CONTACT_GEVRAAGD,
        "Contact gevraagd bij gemeente Enkhuizen: zelfde persoon; zelfde adres.",
    )
    assert not wereld.e.registraties.filter(actie=StapRegistratie.Actie.CONTACT_GEVRAAGD).exists()
    assert list(
        Toegangslog.objects.filter(actie=Toegangslog.Actie.CONTACTVERZOEK).values_list("signaal_ids", "resultaat")
    ) == [([wereld.a.pk, wereld.e.pk], Toegangslog.Resultaat.TOEGESTAAN)]

    # One mail, to Enkhuizen's AF, sent after the commit: no name, gemeente, reference or content.
    assert len(na_commit) == 1
    notificatie = Notificatie.objects.get(soort=Notificatie.Soort.CONTACTVERZOEK)
    assert (notificatie.ontvanger, notificatie.signaal) == (af_enkhuizen, None)
    assert berichten.versturen(notificatie.pk, max_pogingen=3)
    assert [m.to for m in mail.outbox] == [["af.enkhuizen@example.org"]]
    bericht = mail.outbox[0]
    assert isinstance(bericht, EmailMultiAlternatives)
    assert bericht.subject == "Verzoek om contact over een mogelijk samenhangend signaal"
    assert reverse("meldroute:contactverzoeken") in bericht.body
    for geheim in ("Hoorn", "Enkhuizen", "Anna", "Vries", "Jansen", wereld.a.referentie, wereld.e.referentie):
        assert geheim not in bericht.body
        assert geheim not in str(bericht.alternatives[0][0])

    # Enkhuizen sees who asked, on its signal and on its page of requests, with its own signal.
    assert "Anna de Vries ( af.hoorn@example.org ) van gemeente Hoorn vroeg op 3 november 2026 om contact." in elders(
        detail(client, af_enkhuizen, wereld.e)
    )
    client.force_login(af_enkhuizen)
    pagina = client.get(reverse("meldroute:contactverzoeken"))
    assert tabelrijen(pagina.content.decode()) == [
        [
            "3 november 2026",
            "Anna de Vries, gemeente Hoorn (af.hoorn@example.org)",
            "zelfde persoon; zelfde adres",
            f"{wereld.e.referentie} (zelfde persoon; zelfde adres)",
        ]
    ]
    assert Toegangslog.objects.get(gebruiker=af_enkhuizen, actie=Toegangslog.Actie.LIJST).signaal_ids == [wereld.e.pk]


def test_the_request_is_audited_without_personal_data(af_hoorn: Gebruiker, wereld: Wereld, client: Client) -> None:
    vragen(client, af_hoorn, wereld.a, wereld.e.gemeente)

    verzoek = Contactverzoek.objects.get()
    rij = LogEntry.objects.get(
        content_type=ContentType.objects.get_for_model(Contactverzoek), object_pk=str(verzoek.pk)
    )
    assert rij.action == LogEntry.Action.CREATE
    assert rij.actor == af_hoorn
    alles = f"{rij.changes} {rij.object_repr} {rij.additional_data}"
    for geheim in ("Jansen", "Kerkstraat", "1990", "12345678", wereld.e.referentie):
        assert geheim not in alles


def test_asking_twice_is_refused_with_the_date_of_the_first_request(
    client: Client, af_hoorn: Gebruiker, af_hoorn_2: Gebruiker, wereld: Wereld
) -> None:
    with time_machine.travel(NU, tick=False):
        vragen(client, af_hoorn, wereld.a, wereld.e.gemeente)

    antwoord = vragen(client, af_hoorn_2, wereld.a, wereld.e.gemeente)

    assert antwoord.status_code == 200
    assert "Er is op 3 november 2026 al om contact gevraagd bij gemeente Enkhuizen over dit signaal." in antwoord.text
    assert Contactverzoek.objects.count() == 1
    assert Notificatie.objects.filter(soort=Notificatie.Soort.CONTACTVERZOEK).count() == 1


def test_no_request_without_a_hit_and_none_on_a_signal_the_af_may_not_handle(
    client: Client, af_hoorn: Gebruiker, af_enkhuizen: Gebruiker, wereld: Wereld
) -> None:
    texel = wereld.texel.gemeente
    # C has no match in Enkhuizen; Texel is out of reach; A is not Enkhuizen's signal.
    for gebruiker, signaal, gemeente in (
        (af_hoorn, wereld.c, wereld.e.gemeente),
        (af_hoorn, wereld.a, texel),
        (af_enkhuizen, wereld.a, wereld.e.gemeente),
        (af_hoorn, wereld.a, wereld.a.gemeente),
    ):
        client.force_login(gebruiker)
        url = reverse("meldroute:samenhang_contact_vragen", args=[signaal.pk, gemeente.pk])
        assert client.post(url).status_code == 404
        assert client.get(url).status_code == 405

    assert Contactverzoek.objects.count() == 0
    assert Notificatie.objects.filter(soort=Notificatie.Soort.CONTACTVERZOEK).count() == 0
    assert (
        list(
            Toegangslog.objects.filter(actie=Toegangslog.Actie.CONTACTVERZOEK)
            .order_by("pk")
            .values_list("signaal_ids", "resultaat")
        )
        == [([wereld.c.pk], "geweigerd"), ([wereld.a.pk], "geweigerd")] + [([wereld.a.pk], "geweigerd")] * 2
    )


def test_the_page_of_requests_is_for_afs_and_empty_without_requests(
    client: Client, af_hoorn: Gebruiker, melder_hoorn: Gebruiker, wereld: Wereld
) -> None:
    client.force_login(af_hoorn)
    antwoord = client.get(reverse("meldroute:contactverzoeken"))
    assert antwoord.status_code == 200
    assert "Er zijn geen contactverzoeken voor uw gemeente." in antwoord.text

    client.force_login(melder_hoorn)
    assert client.get(reverse("meldroute:contactverzoeken")).status_code == 403


def test_elders_takes_a_constant_number_of_queries(
    django_assert_num_queries: Any, af_hoorn: Gebruiker, melder_enkhuizen: Gebruiker, wereld: Wereld
) -> None:
    enkhuizen = wereld.e.gemeente
    for _ in range(3):
        signaal_melden(melder=melder_enkhuizen, gemeente=enkhuizen, betrokkenen=[persoon("Jan Jansen")])
    af(enkhuizen, username="af.enkhuizen.2")

    # Own keys, the regio setting, the hits, the AFs, our requests, theirs: six.
    with django_assert_num_queries(6):
        treffers = samenhang.elders(wereld.a)

    assert [(t.gemeente, len(t.signaal_ids), len(t.contacten)) for t in treffers] == [("Enkhuizen", 4, 2)]


# The coördinator's count


def test_the_coordinator_counts_clusters_that_span_gemeenten_per_regio(
    client: Client, hoorn: Organisatie, melder_hoorn: Gebruiker, wereld: Wereld
) -> None:
    enkhuizen = wereld.e.gemeente
    medemblik = OrganisatieFactory(naam="Medemblik")
    with time_machine.travel(NU, tick=False):
        # A second cluster: one KvK number in Medemblik and Enkhuizen; and a Hoorn signal with E's phone number.
        signaal_melden(
            melder=medewerker(medemblik, username="balie.medemblik"),
            gemeente=medemblik,
            locaties=[{"adres": "Dijk 3, Medemblik", "kvk_nummer": "12345678"}],
        )
        signaal_melden(
            melder=wereld.e.melder, gemeente=enkhuizen, locaties=[{"kvk_nummer": "12345678"}], betrokkenen=[]
        )
        signaal_melden(melder=melder_hoorn, betrokkenen=[persoon("Kees Kok", telefoon="+31 6 12345678")])
    periode = Periode(van=datetime.date(2026, 11, 1), tot=datetime.date(2026, 11, 30))
    westfriesland = [hoorn, enkhuizen, medemblik]

    # A, B and Kees Kok (Hoorn) with E (Enkhuizen): by name, address and E's phone number. The
    # second Enkhuizen signal with Medemblik's by KvK number. Two clusters, 6 signals, 3 gemeenten;
    # C (Hoorn) matches nothing.
    assert evaluatie_selectors.samenhang_per_regio(westfriesland, periode) == [
        SamenhangRij("Westfriesland", clusters=2, signalen=6, gemeenten=3)
    ]
    # Without Enkhuizen nothing spans gemeenten: Hoorn and Medemblik have no key in common.
    assert evaluatie_selectors.samenhang_per_regio([hoorn, medemblik], periode) == [
        SamenhangRij("Westfriesland", clusters=0, signalen=0, gemeenten=0)
    ]
    # One gemeente of a regio: nothing to count.
    assert evaluatie_selectors.samenhang_per_regio([hoorn], periode) == [
        SamenhangRij("Westfriesland", None, None, None)
    ]
    # Another period: nothing.
    vorig_jaar = Periode(van=datetime.date(2025, 11, 1), tot=datetime.date(2025, 11, 30))
    assert evaluatie_selectors.samenhang_per_regio(westfriesland, vorig_jaar)[0].clusters == 0

    coordinator = gebruiker_met_rol(hoorn, Rol.COORDINATOR, username="coordinator.wf")
    client.force_login(coordinator)
    with time_machine.travel(NU, tick=False):
        html = client.get(reverse("evaluatie:dashboard"), {"van": "2026-11-01", "tot": "2026-11-30"}).content.decode()
    begin = html.index('id="samenhang"')
    # Small counts as everywhere on the dashboard: 2 clusters is "<5"; 6 signals and 3 gemeenten are shown.
    assert tabelrijen(html[begin : html.find("<section", begin + 1)]) == [["Westfriesland", "<5", "6", "3"]]
    for signaal in (wereld.a, wereld.e):
        assert signaal.referentie not in html


def test_an_address_without_a_place_meets_the_same_address_with_the_place_elsewhere(
    melder_hoorn: Gebruiker, melder_enkhuizen: Gebruiker, enkhuizen: Organisatie, af_enkhuizen: Gebruiker
) -> None:
    hoorn = signaal_melden(melder=melder_hoorn, locaties=[{"adres": "Grote Noord 7"}])
    signaal_melden(melder=melder_enkhuizen, gemeente=enkhuizen, locaties=[{"adres": "Grote Noord 7, Hoorn"}])

    assert [(t.gemeente, t.redenen) for t in samenhang.elders(hoorn)] == [("Enkhuizen", ["zelfde adres"])]


def test_each_gemeente_with_a_hit_gets_its_own_row_in_the_access_log(
    client: Client, af_hoorn: Gebruiker, wereld: Wereld
) -> None:
    medemblik = OrganisatieFactory(naam="Medemblik")
    af(medemblik, username="af.medemblik")
    m = signaal_melden(
        melder=medewerker(medemblik, username="balie.medemblik"),
        gemeente=medemblik,
        betrokkenen=[persoon("Jan Jansen")],
    )

    detail(client, af_hoorn, wereld.a)

    # Medemblik's FG reads only Medemblik's signal in its row, not Enkhuizen's.
    assert list(
        Toegangslog.objects.filter(actie=Toegangslog.Actie.SAMENHANG_ELDERS)
        .order_by("pk")
        .values_list("signaal_ids", flat=True)
    ) == [[wereld.a.pk, wereld.e.pk], [wereld.a.pk, m.pk]]


def test_no_request_to_a_gemeente_without_an_af_to_reach(
    client: Client, af_hoorn: Gebruiker, af_enkhuizen: Gebruiker, wereld: Wereld
) -> None:
    af_enkhuizen.email = ""
    af_enkhuizen.save()

    html = detail(client, af_hoorn, wereld.a)
    assert "Gemeente Enkhuizen heeft nu geen actieve aandachtsfunctionaris." in elders(html)
    assert "Vraag om contact" not in elders(html)
    antwoord = vragen(client, af_hoorn, wereld.a, wereld.e.gemeente)

    assert (
        "Gemeente Enkhuizen heeft nu geen aandachtsfunctionaris met een e-mailadres. "
        "Neem contact op via de gemeente zelf." in antwoord.text
    )
    assert Contactverzoek.objects.count() == 0


def test_a_request_shows_no_match_once_the_asking_gemeente_is_out_of_reach(
    client: Client, af_hoorn: Gebruiker, wereld: Wereld
) -> None:
    Regio.objects.update(samenhang_tussen_regios=True)
    vragen(client, wereld.af_texel, wereld.texel, wereld.a.gemeente)

    def uw_signalen() -> str:
        client.force_login(af_hoorn)
        return tabelrijen(client.get(reverse("meldroute:contactverzoeken")).content.decode())[0][3]

    # Newest first: B, then A.
    assert uw_signalen() == f"{wereld.b.referentie} (zelfde persoon), {wereld.a.referentie} (zelfde persoon)"
    Regio.objects.filter(naam="Noord-Holland Noord").update(samenhang_tussen_regios=False)
    assert uw_signalen() == "Geen signaal van u komt nu (nog) overeen."
