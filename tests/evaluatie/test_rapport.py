"""The evaluation report: built by a real worker with progress, the same figures as the dashboard
in PDF and XLSX, no personal data, cancelled, concluded and vastgesteld, one per regio per period."""

import datetime
import io
import threading
from typing import Any

import openpyxl
import pytest
import time_machine
from django.core import mail
from django.db import connection
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader

from evaluatie import dashboard, rapporten
from evaluatie.models import Rapport
from evaluatie.selectors import Periode
from ketenpartners.models import Regio as RegioModel
from meldroute import services
from mensenhandel.werkdagen import ZONE
from signalen.models import Toegangslog
from signalen.workflow import Status
from tests.evaluatie.conftest import Regio
from tests.factories import naar_status, signaal_melden
from tests.hulp import wacht_tot

PERIODE = Periode(van=datetime.date(2027, 1, 1), tot=datetime.date(2027, 10, 31))
HOOFDSTUKKEN = [
    "1. Het beleid",
    "2. De uitvoering",
    "3. De aanpak van casuïstiek",
    "4. De voortgang en resultaten van de ketensamenwerking",
    "5. Per gemeente",
    "6. Doelmatigheid, doelbereiking en effectiviteit",
]


def pdf_tekst(inhoud: bytes) -> str:
    return "\n".join(pagina.extract_text() for pagina in PdfReader(io.BytesIO(inhoud)).pages)


def bladen(inhoud: bytes) -> dict[str, list[list[str]]]:
    """Every sheet as its rows of cell texts (None as "")."""
    werkmap = openpyxl.load_workbook(io.BytesIO(inhoud))
    return {
        blad.title: [["" if c.value is None else str(c.value) for c in rij] for rij in blad.iter_rows()]
        for blad in werkmap.worksheets
    }


def gebouwd(regio: Regio, **kwargs: Any) -> Rapport:
    """A report of Westfriesland over PERIODE, built here (no worker)."""
    rapport = Rapport.objects.create(
        regio=regio.westfriesland, van=PERIODE.van, tot=PERIODE.tot, gestart_door=regio.coordinator, **kwargs
    )
    assert rapporten.bouwen(rapport.pk)
    rapport.refresh_from_db()
    return rapport


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_worker_builds_the_report_with_progress_and_the_dashboards_figures(
    worker: Any, regio: Regio, monkeypatch: pytest.MonkeyPatch
) -> None:
    gezien: list[tuple[int, str]] = []
    echt = rapporten._voortgang

    def bijhouden(rapport_id: int, procent: int, stap: str) -> None:
        gezien.append((procent, stap))
        echt(rapport_id, procent, stap)

    monkeypatch.setattr(rapporten, "_voortgang", bijhouden)
    mail.outbox.clear()
    rapport = rapporten.starten(door=regio.coordinator, regio=regio.westfriesland, van=PERIODE.van, tot=PERIODE.tot)
    wacht_tot(lambda: Rapport.objects.get(pk=rapport.pk).status == Rapport.Status.KLAAR, seconden=120)
    rapport.refresh_from_db()

    procenten = [procent for procent, _ in gezien]
    assert len(gezien) >= 5
    assert procenten == sorted(procenten)
    assert ("Cijfers van Hoorn" in {stap for _, stap in gezien}) is True
    assert (rapport.voortgang, rapport.stap) == (100, "Klaar")

    # The same figures as the dashboard of the regio over the same period.
    gemeenten = [regio.enkhuizen, regio.hoorn, regio.medemblik]
    bord = dashboard.opbouwen(gemeenten, PERIODE, per="kwartaal")
    tekst = pdf_tekst(rapport.pdf.read())
    for titel in HOOFDSTUKKEN:
        assert titel in tekst
    assert "Signalen gemeld 21" in tekst
    assert "Teruggekoppeld binnen de termijn 5 van 10 (50%)" in tekst
    werkmap = bladen(rapport.xlsx.read())
    for id in ("stappen", "gemeenten", "doorlooptijden", "vormen"):
        figuur = bord.figuur(id)
        assert figuur is not None
        blad = werkmap[figuur.tabel.titel[:31]]
        assert blad[1] == figuur.tabel.kolommen
        assert blad[2 : 2 + len(figuur.tabel.rijen)] == [[str(c) for c in rij] for rij in figuur.tabel.rijen]
    assert sorted(d.gemeente.naam for d in rapport.delen.all()) == ["Enkhuizen", "Hoorn", "Medemblik"]
    wacht_tot(lambda: len(mail.outbox) == 1)
    assert mail.outbox[0].to == ["coordinator.wf@example.org"]
    assert mail.outbox[0].subject == "Evaluatierapport klaar"


PERSOONSGEGEVENS = [
    "Jan",
    "Jansen",
    "Kerkstraat",
    "0612345678",
    "opgehaald",
    "Snel BV",
    "87654321",
    "Dirk",
    "woont",
    "MH-20",
]


@pytest.mark.django_db
def test_a_report_over_signals_full_of_personal_data_contains_none_of_it(regio: Regio) -> None:
    melder = regio.hoorn.lidmaatschappen.get(rol="medewerker").gebruiker
    for _ in range(6):
        with time_machine.travel(datetime.datetime(2027, 4, 6, 10, tzinfo=ZONE), tick=False):
            signaal = signaal_melden(
                melder=melder,
                omschrijving="Vrouw wordt elke avond opgehaald door Jan Jansen met een busje.",
                betrokkenen=[
                    {
                        "rol": "slachtoffer",
                        "naam": "Jan Jansen",
                        "geboortedatum": datetime.date(1990, 3, 4),
                        "adres": "Kerkstraat 12, Hoorn",
                        "telefoon": "0612345678",
                        "notities": "Woont bij zijn werkgever.",
                    }
                ],
                locaties=[
                    {"adres": "Kerkstraat 14", "bedrijfsnaam": "Uitzendbureau Snel BV", "kvk_nummer": "87654321"}
                ],
            )
            naar_status(signaal, Status.VERRIJKT, door=regio.af_hoorn)
            services.verrijking_toevoegen(
                signaal_id=signaal.pk, door=regio.af_hoorn, bron="brp", bevindingen="Jan Jansen woont op Kerkstraat 12."
            )
    rapport = gebouwd(regio)

    teksten = [pdf_tekst(rapport.pdf.read()), *(pdf_tekst(d.pdf.read()) for d in rapport.delen.all())]
    teksten += [" ".join(" ".join(rij) for rij in rijen) for rijen in bladen(rapport.xlsx.read()).values()]
    for tekst in teksten:
        assert [g for g in PERSOONSGEGEVENS if g in tekst] == []


@pytest.mark.django_db
def test_the_coordinators_conclusions_go_in_and_a_vastgesteld_report_stays_as_it_is(
    client: Client, regio: Regio
) -> None:
    rapport = gebouwd(regio)
    assert "Concept" in pdf_tekst(rapport.pdf.read())
    client.force_login(regio.coordinator)
    conclusie = "De terugkoppeling aan melders moet sneller; we spreken een termijnbewaking af."
    antwoord = client.post(
        reverse("evaluatie:rapport", args=[rapport.pk]), {"casuistiek": conclusie, "vaststellen": ""}
    )
    assert antwoord.status_code == 302
    rapport.refresh_from_db()
    assert (rapport.status, rapport.vastgesteld_door) == (Rapport.Status.WACHT, regio.coordinator)
    assert rapporten.bouwen(rapport.pk)
    rapport.refresh_from_db()
    tekst = pdf_tekst(rapport.pdf.read())
    assert conclusie in " ".join(tekst.split())
    assert "Concept" not in tekst
    assert "Vertrouwelijk" not in tekst

    client.post(reverse("evaluatie:rapport", args=[rapport.pk]), {"casuistiek": "Toch iets anders."})
    rapport.refresh_from_db()
    assert rapport.conclusies == {
        "beleid": "",
        "uitvoering": "",
        "casuistiek": conclusie,
        "ketensamenwerking": "",
        "gemeenten": "",
        "toetsing": "",
    }


@pytest.mark.django_db
def test_a_cancelled_report_stops_and_is_not_built(client: Client, regio: Regio) -> None:
    wachtend = Rapport.objects.create(regio=regio.westfriesland, van=PERIODE.van, tot=PERIODE.tot)
    client.force_login(regio.coordinator)
    assert client.post(reverse("evaluatie:rapport_annuleren", args=[wachtend.pk])).status_code == 302
    assert rapporten.bouwen(wachtend.pk) is False
    wachtend.refresh_from_db()
    assert (wachtend.status, wachtend.pdf.name) == (Rapport.Status.GEANNULEERD, "")

    # Cancelled while it is being built: it stops at the next step.
    bezig = Rapport.objects.create(regio=regio.westfriesland, van=PERIODE.van, tot=PERIODE.tot)
    echt = rapporten._voortgang
    stappen: list[int] = []

    def annuleren_halverwege(rapport_id: int, procent: int, stap: str) -> None:
        stappen.append(procent)
        if procent >= 30:
            Rapport.objects.filter(pk=rapport_id).update(geannuleerd=True)
        echt(rapport_id, procent, stap)

    rapporten._voortgang = annuleren_halverwege  # type: ignore[assignment]
    try:
        assert rapporten.bouwen(bezig.pk) is False
    finally:
        rapporten._voortgang = echt
    bezig.refresh_from_db()
    assert (bezig.status, bezig.pdf.name) == (Rapport.Status.GEANNULEERD, "")
    # It stopped at the step where the cancellation was seen: no PDF was even begun.
    assert stappen == [10, 20, 30]
    assert bezig.stap == "Geannuleerd"


@pytest.mark.django_db
def test_only_the_regios_coordinator_gets_the_report_and_an_af_only_their_own_part(
    client: Client, regio: Regio
) -> None:
    rapport = gebouwd(regio)
    client.force_login(regio.af_hoorn)
    eigen = client.get(reverse("evaluatie:rapport_deel", args=[rapport.pk, regio.hoorn.pk]))
    assert eigen.status_code == 200
    assert eigen["Content-Type"] == "application/pdf"
    assert "Hoorn" in pdf_tekst(b"".join(eigen.streaming_content))  # type: ignore[attr-defined]
    assert client.get(reverse("evaluatie:rapport_deel", args=[rapport.pk, regio.enkhuizen.pk])).status_code == 404
    assert client.get(reverse("evaluatie:rapport_pdf", args=[rapport.pk])).status_code == 404
    assert client.get(reverse("evaluatie:rapport", args=[rapport.pk])).status_code == 404
    logregels = list(Toegangslog.objects.filter(actie=Toegangslog.Actie.RAPPORT).values_list("resultaat", flat=True))
    assert logregels == ["geweigerd", "geweigerd", "toegestaan"]  # newest first

    client.force_login(regio.coordinator_fryslan)
    for naam, args in [
        ("evaluatie:rapport", [rapport.pk]),
        ("evaluatie:rapport_pdf", [rapport.pk]),
        ("evaluatie:rapport_xlsx", [rapport.pk]),
        ("evaluatie:rapport_voortgang", [rapport.pk]),
        ("evaluatie:rapport_deel", [rapport.pk, regio.hoorn.pk]),
    ]:
        assert client.get(reverse(naam, args=args)).status_code == 404, naam
    assert rapport.regio.naam not in client.get(reverse("evaluatie:rapporten")).content.decode()

    client.force_login(regio.coordinator)
    volledig = client.get(reverse("evaluatie:rapport_pdf", args=[rapport.pk]))
    assert volledig.status_code == 200
    assert volledig["Cache-Control"] == "private, no-store"


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_beat_job_starts_exactly_one_report_per_regio_per_period_end(lege_wachtrij: None, regio: Regio) -> None:
    RegioModel.objects.update(evaluatie_vanaf=datetime.date(2025, 1, 1), evaluatie_jaren=2)
    with time_machine.travel(datetime.datetime(2026, 12, 31, 23, 0, tzinfo=ZONE), tick=False):
        assert rapporten.automatisch_starten() == 0  # the period has not ended yet
    with time_machine.travel(datetime.datetime(2027, 1, 1, 2, 0, tzinfo=ZONE), tick=False):
        starten = threading.Barrier(2)
        gestart: list[int] = []

        def beat() -> None:
            starten.wait()
            gestart.append(rapporten.automatisch_starten())
            connection.close()

        draden = [threading.Thread(target=beat) for _ in range(2)]
        for draad in draden:
            draad.start()
        for draad in draden:
            draad.join()
        assert rapporten.automatisch_starten() == 0
    assert sum(gestart) == 2
    assert sorted(Rapport.objects.values_list("regio__naam", "van", "tot", "automatisch")) == [
        ("Fryslân", datetime.date(2025, 1, 1), datetime.date(2026, 12, 31), True),
        ("Westfriesland", datetime.date(2025, 1, 1), datetime.date(2026, 12, 31), True),
    ]
    with time_machine.travel(datetime.datetime(2027, 6, 1, 2, 0, tzinfo=ZONE), tick=False):
        assert rapporten.automatisch_starten() == 0
    assert Rapport.objects.count() == 2


@pytest.mark.django_db
def test_a_second_delivery_of_the_build_does_nothing_while_a_worker_holds_it(regio: Regio) -> None:
    from django.utils import timezone

    rapport = Rapport.objects.create(regio=regio.westfriesland, van=PERIODE.van, tot=PERIODE.tot)
    Rapport.objects.filter(pk=rapport.pk).update(
        status=Rapport.Status.BEZIG, geclaimd_tot=timezone.now() + datetime.timedelta(minutes=10), voortgang=40
    )
    assert rapporten.bouwen(rapport.pk) is False
    rapport.refresh_from_db()
    assert (rapport.status, rapport.voortgang, rapport.pdf.name) == (Rapport.Status.BEZIG, 40, "")
    # The worker died: once its claim has run out, the next delivery builds it.
    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=11), tick=False):
        assert rapporten.bouwen(rapport.pk) is True
    rapport.refresh_from_db()
    assert rapport.status == Rapport.Status.KLAAR


def _wachtende_bouwopdrachten() -> list[int]:
    """The report ids of the build tasks waiting in Redis."""
    import json

    import redis
    from django.conf import settings

    berichten = redis.Redis.from_url(settings.CELERY_BROKER_URL).lrange("celery", 0, -1)
    ids = []
    for bericht in berichten:
        kop = json.loads(bericht)["headers"]
        if kop["task"] == "evaluatie.tasks.rapport_bouwen":
            ids.append(int(kop["argsrepr"].strip("(),")))
    return sorted(ids)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_beat_job_restarts_a_build_whose_message_was_lost_or_whose_worker_died(
    lege_wachtrij: None, regio: Regio
) -> None:
    from django.utils import timezone

    nu = timezone.now()
    # No evaluation period ends today: the job only looks at builds that did not finish.
    RegioModel.objects.update(evaluatie_vanaf=timezone.localdate(), evaluatie_jaren=2)
    verloren = Rapport.objects.create(regio=regio.westfriesland, van=PERIODE.van, tot=PERIODE.tot)
    Rapport.objects.filter(pk=verloren.pk).update(gestart_op=nu - datetime.timedelta(hours=1))
    Rapport.objects.create(regio=regio.westfriesland, van=PERIODE.van, tot=PERIODE.tot)  # just started
    dood = Rapport.objects.create(regio=regio.fryslan, van=PERIODE.van, tot=PERIODE.tot)
    Rapport.objects.filter(pk=dood.pk).update(
        status=Rapport.Status.BEZIG, geclaimd_tot=nu - datetime.timedelta(minutes=1), voortgang=40
    )
    bezig = Rapport.objects.create(regio=regio.fryslan, van=PERIODE.van, tot=PERIODE.tot)
    Rapport.objects.filter(pk=bezig.pk).update(
        status=Rapport.Status.BEZIG, geclaimd_tot=nu + datetime.timedelta(minutes=10), voortgang=40
    )
    assert rapporten.automatisch_starten() == 0
    # The build whose message never reached a worker and the one whose worker died; not the one
    # just started (its message may be on its way) nor the one a worker holds.
    assert _wachtende_bouwopdrachten() == sorted([verloren.pk, dood.pk])


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["evaluatie:rapporten", "evaluatie:monitoring"])
def test_on_the_day_after_a_leap_day_the_forms_propose_the_two_years_up_to_it(
    client: Client, regio: Regio, url: str
) -> None:
    # No evaluation period of Westfriesland has ended yet: the proposal is two years to yesterday.
    RegioModel.objects.update(evaluatie_vanaf=datetime.date(2027, 1, 1), evaluatie_jaren=2)
    with time_machine.travel(datetime.datetime(2028, 3, 1, 10, 0, tzinfo=ZONE), tick=False):
        client.force_login(regio.coordinator)
        antwoord = client.get(reverse(url))
    assert antwoord.status_code == 200
    html = antwoord.content.decode()
    assert 'name="van" value="2026-03-01"' in html
    assert 'name="tot" value="2028-02-29"' in html
