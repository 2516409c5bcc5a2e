"""Each reminder is sent exactly once: sweeps run twice, two workers at once, a worker killed
between claim and send, a transaction rolled back."""

import datetime
import os
import signal
import subprocess
import sys
import threading
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import time_machine
from django.conf import settings
from django.core import mail
from django.db import connection, transaction
from django.utils import timezone

from ketenpartners.models import Gebruiker, Rol
from meldroute.herinneringen import termijnen_bewaken
from mensenhandel.celery import app
from mensenhandel.werkdagen import ZONE
from signalen import berichten
from signalen.models import Notificatie, Signaal
from signalen.tasks import WACHTTIJD_MAX, notificaties_versturen, openstaande_notificaties_versturen
from signalen.workflow import Status
from tests.factories import OrganisatieFactory, af, gebruiker_met_rol, medewerker, naar_status, signaal_melden
from tests.hulp import wacht_tot

MAANDAG = datetime.datetime(2027, 2, 1, 10, 0, tzinfo=ZONE)
# Three werkdagen past the verrijken term of a signal taken on MAANDAG: every term and
# escalation of the fixture has passed.
LATER = datetime.datetime(2027, 2, 19, 9, 0, tzinfo=ZONE)
ROOT = Path(__file__).resolve().parent.parent.parent


@pytest.fixture
def achterstand() -> list[Signaal]:
    """Twelve signals of Hoorn: nine taken by Anna on MAANDAG and never verrijkt, three acute
    ones not taken at all."""
    hoorn = OrganisatieFactory(naam="Hoorn")
    anna = af(hoorn, username="anna")
    af(hoorn, username="bram")
    gebruiker_met_rol(hoorn, Rol.COORDINATOR, username="coordinator")
    melder = medewerker(hoorn, username="melder")
    with time_machine.travel(MAANDAG, tick=False):
        signalen = [naar_status(signaal_melden(melder=melder), Status.ONTVANGEN, door=anna) for _ in range(9)]
    # The acute ones came in five hours before LATER: their four hours have passed.
    with time_machine.travel(LATER - datetime.timedelta(hours=5), tick=False):
        signalen += [signaal_melden(melder=melder, acuut=True) for _ in range(3)]
    Notificatie.objects.all().delete()  # The new-signal mails are not what this is about.
    return signalen


def verwachte_mails() -> int:
    # Nine signals: verrijken passed (Anna) and escalated (Bram, coördinator) = 3 mails each.
    # Three acute: escalated at once to Anna, Bram and the coördinator = 3 mails each.
    return 9 * 3 + 3 * 3


def sleutels() -> Counter[tuple[Any, ...]]:
    """Every mail as (recipient, subject): a second copy of any would count 2."""
    return Counter((m.to[0], m.subject, m.body) for m in mail.outbox)


def tegelijk(*taken: Callable[[], object]) -> None:
    """Run the callables in threads that start at the same moment, each with its own connection."""
    start = threading.Barrier(len(taken))
    fouten: list[BaseException] = []

    def draaien(taak: Callable[[], object]) -> None:
        try:
            start.wait()
            taak()
        except BaseException as fout:
            fouten.append(fout)
        finally:
            connection.close()

    draden = [threading.Thread(target=draaien, args=(taak,)) for taak in taken]
    for draad in draden:
        draad.start()
    for draad in draden:
        draad.join(timeout=60)
    assert not fouten, fouten


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_sweep_run_twice_writes_and_sends_each_reminder_once(achterstand: list[Signaal]) -> None:
    with time_machine.travel(LATER, tick=False):
        eerste = termijnen_bewaken()
        tweede = termijnen_bewaken()
        openstaande = list(berichten.onverzonden().values_list("pk", flat=True))
        notificaties_versturen(openstaande)
        notificaties_versturen(openstaande)

    assert (eerste, tweede) == (verwachte_mails(), 0)
    assert len(mail.outbox) == verwachte_mails()
    assert max(sleutels().values()) == 1


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_workers_at_once_send_each_reminder_once(achterstand: list[Signaal]) -> None:
    with time_machine.travel(LATER, tick=True):
        tegelijk(termijnen_bewaken, termijnen_bewaken)
        assert Notificatie.objects.count() == verwachte_mails()
        openstaande = list(berichten.onverzonden().values_list("pk", flat=True))
        tegelijk(lambda: notificaties_versturen(openstaande), lambda: notificaties_versturen(openstaande[::-1]))

    assert len(mail.outbox) == verwachte_mails()
    assert max(sleutels().values()) == 1
    assert Notificatie.objects.filter(verzonden_op__isnull=False, pogingen=1).count() == verwachte_mails()


@pytest.fixture
def worker_proces(lege_wachtrij: None) -> Iterator[Callable[[], subprocess.Popen[bytes]]]:
    """A real worker process on the test database whose mail server never answers."""
    processen: list[subprocess.Popen[bytes]] = []

    def starten() -> subprocess.Popen[bytes]:
        omgeving = os.environ | {
            "DJANGO_SETTINGS_MODULE": "mensenhandel.settings.test",
            "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{settings.DATABASES['default']['NAME']}",
            "EMAIL_BACKEND": "tests.hangende_mail.HangendeMailBackend",
            "PYTHONPATH": str(ROOT),
        }
        proces = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "mensenhandel", "worker", "--pool=solo", "--loglevel=WARNING"],
            cwd=ROOT,
            env=omgeving,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        processen.append(proces)
        return proces

    yield starten
    for proces in processen:
        if proces.poll() is None:
            proces.kill()
            proces.wait()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_worker_killed_between_claim_and_send_loses_no_mail_and_sends_none_twice(
    worker_proces: Callable[[], subprocess.Popen[bytes]], melder_hoorn: Gebruiker, af_hoorn: Gebruiker
) -> None:
    proces = worker_proces()
    signaal = signaal_melden(melder=melder_hoorn)
    notificatie = Notificatie.objects.get(signaal=signaal)

    # The worker claims the mail and hangs in the mail server; then it is killed.
    wacht_tot(lambda: Notificatie.objects.filter(pk=notificatie.pk, pogingen=1).exists(), seconden=60)
    proces.send_signal(signal.SIGKILL)
    proces.wait(timeout=10)
    notificatie.refresh_from_db()
    assert (notificatie.verzonden_op, notificatie.pogingen) == (None, 1)
    assert notificatie.geclaimd_tot is not None

    # While the claim holds, the periodic task leaves it alone; after it, the mail goes once.
    assert openstaande_notificaties_versturen() == 0
    with time_machine.travel(notificatie.geclaimd_tot + datetime.timedelta(seconds=1), tick=False):
        assert openstaande_notificaties_versturen() == 1
        assert openstaande_notificaties_versturen() == 0
    assert [m.to for m in mail.outbox] == [[af_hoorn.email]]
    notificatie.refresh_from_db()
    assert notificatie.pogingen == 2
    assert notificatie.verzonden_op is not None


def wachtrij() -> int:
    with app.connection_for_read() as verbinding:
        lengte: int = verbinding.default_channel.client.llen("celery")
        return lengte


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_rolled_back_transaction_enqueues_nothing(
    lege_wachtrij: None, melder_hoorn: Gebruiker, af_hoorn: Gebruiker
) -> None:
    class Teruggedraaid(Exception):
        pass

    @transaction.atomic
    def melden_en_terugdraaien() -> None:
        signaal_melden(melder=melder_hoorn)
        raise Teruggedraaid

    with pytest.raises(Teruggedraaid):
        melden_en_terugdraaien()

    assert wachtrij() == 0
    assert Notificatie.objects.count() == 0
    assert Signaal.objects.count() == 0

    signaal_melden(melder=melder_hoorn)  # The same, committed: one task in the queue.
    assert wachtrij() == 1
    app.control.purge()


def test_no_retry_waits_longer_than_the_brokers_visibility_timeout() -> None:
    assert notificaties_versturen.retry_backoff_max == WACHTTIJD_MAX
    assert settings.CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"] > WACHTTIJD_MAX
    assert notificaties_versturen.acks_late is True


@pytest.mark.django_db
def test_a_mail_that_keeps_failing_is_given_up_and_shown_to_the_beheerder(
    client: Any, melder_hoorn: Gebruiker, af_hoorn: Gebruiker, monkeypatch: pytest.MonkeyPatch
) -> None:
    from smtplib import SMTPServerDisconnected

    from django.urls import reverse

    from tests.hulp import actie_nodig

    beheerder = gebruiker_met_rol(af_hoorn.lidmaatschappen.get().organisatie, Rol.BEHEERDER, username="beheerder")
    signaal_melden(melder=melder_hoorn)
    notificatie = Notificatie.objects.get()

    def weigeren(*args: object, **kwargs: object) -> int:
        raise SMTPServerDisconnected("Verbinding met de mailserver verbroken")

    monkeypatch.setattr("django.core.mail.EmailMultiAlternatives.send", weigeren)
    for poging in range(settings.MAIL_MAX_POGINGEN):
        with time_machine.travel(timezone.now() + datetime.timedelta(minutes=5 * (poging + 1)), tick=False):
            assert openstaande_notificaties_versturen() == 0
    notificatie.refresh_from_db()
    assert notificatie.pogingen == settings.MAIL_MAX_POGINGEN
    assert notificatie.opgegeven_op is not None
    assert notificatie.laatste_fout == "SMTPServerDisconnected: Verbinding met de mailserver verbroken"

    client.force_login(beheerder)
    pagina = client.get(reverse("meldroute:actie_nodig")).content.decode()
    assert "1 e-mail kon na herhaalde pogingen niet worden verstuurd" in pagina
    assert actie_nodig(client, beheerder) == {}  # Nothing about the signal itself.
    assert signaal_referentie_niet_in(pagina, Signaal.objects.get().referentie)


def signaal_referentie_niet_in(pagina: str, referentie: str) -> bool:
    return referentie not in pagina


@pytest.mark.django_db
def test_a_term_passed_more_than_two_weeks_ago_is_shown_but_not_mailed(
    client: Any, melder_hoorn: Gebruiker, af_hoorn: Gebruiker
) -> None:
    """After a deployment, or a long outage: the backlog stays in "Actie nodig", the mailbox stays calm."""
    from tests.hulp import actie_nodig

    with time_machine.travel(MAANDAG, tick=False):
        signaal = naar_status(signaal_melden(melder=melder_hoorn), Status.ONTVANGEN, door=af_hoorn)
    Notificatie.objects.all().delete()
    # Verrijken ended with 15 February; escalation with 18 February. On 5 March both are more
    # than fourteen days old.
    with time_machine.travel(datetime.datetime(2027, 3, 5, 9, 0, tzinfo=ZONE), tick=False):
        assert termijnen_bewaken() == 0
        assert "Termijn voor verrijken verstreken" in actie_nodig(client, af_hoorn)[signaal.referentie]


@pytest.mark.django_db
def test_a_mail_claimed_by_one_worker_is_not_sent_by_another_until_the_claim_runs_out(
    melder_hoorn: Gebruiker, af_hoorn: Gebruiker
) -> None:
    """The broker hands the task to a second worker while the first is still busy sending."""
    signaal_melden(melder=melder_hoorn)
    notificatie = Notificatie.objects.get()
    assert berichten.claimen(notificatie.pk, timezone.now())  # The first worker, mid-send.

    assert notificaties_versturen([notificatie.pk]) == 0
    assert mail.outbox == []
    with time_machine.travel(timezone.now() + berichten.CLAIM + datetime.timedelta(seconds=1), tick=False):
        assert notificaties_versturen([notificatie.pk]) == 1
    assert len(mail.outbox) == 1
