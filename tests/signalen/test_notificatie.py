"""The aandachtsfunctionarissen hear of a new signal through a real Celery worker on Redis."""

import time
from datetime import timedelta
from typing import Any

import pytest
import time_machine
from django.core import mail
from django.utils import timezone

from ketenpartners.models import Gebruiker
from signalen.models import Notificatie
from signalen.tasks import nieuw_signaal_notificeren
from tests.factories import signaal_melden


def wacht_op_mail(aantal: int) -> None:
    """Wait (bounded) for the worker thread; the assertion follows, not a timing check."""
    for _ in range(200):
        if len(mail.outbox) >= aantal:
            return
        time.sleep(0.05)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_new_signal_mails_every_af_of_the_gemeente_without_personal_data(
    worker: Any, melder_hoorn: Gebruiker, af_hoorn: Gebruiker, af_hoorn_2: Gebruiker
) -> None:
    signaal = signaal_melden(melder=melder_hoorn, acuut=True, omschrijving="Vrouw wordt elke avond opgehaald.")

    wacht_op_mail(2)

    assert sorted(m.to[0] for m in mail.outbox) == sorted([af_hoorn.email, af_hoorn_2.email])
    for bericht in mail.outbox:
        assert bericht.subject == f"ACUUT: Nieuw signaal {signaal.referentie}"
        assert f"/signalen/{signaal.pk}/" in bericht.body
        assert "opgehaald" not in bericht.body
    assert Notificatie.objects.filter(signaal=signaal, verzonden_op__isnull=False).count() == 2


@pytest.mark.django_db
def test_running_the_notification_twice_sends_each_mail_once(
    melder_hoorn: Gebruiker, af_hoorn: Gebruiker, af_hoorn_2: Gebruiker
) -> None:
    signaal = signaal_melden(melder=melder_hoorn)

    assert nieuw_signaal_notificeren(signaal.pk) == 2
    assert nieuw_signaal_notificeren(signaal.pk) == 0
    assert len(mail.outbox) == 2
    assert "ACUUT" not in mail.outbox[0].subject


@pytest.mark.django_db
def test_a_broker_outage_loses_neither_the_signal_nor_the_mail(
    client: Any,
    melder_hoorn: Gebruiker,
    af_hoorn: Gebruiker,
    monkeypatch: pytest.MonkeyPatch,
    django_capture_on_commit_callbacks: Any,
) -> None:
    from django.urls import reverse
    from kombu.exceptions import OperationalError

    from signalen import tasks
    from signalen.models import Signaal
    from tests.signalen.test_melden import formulier

    def broker_weg(*args: object) -> None:
        raise OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    monkeypatch.setattr(tasks.nieuw_signaal_notificeren, "delay", broker_weg)
    client.force_login(melder_hoorn)
    with django_capture_on_commit_callbacks(execute=True):
        antwoord = client.post(
            reverse("signalen:melden"), formulier(gemeente=melder_hoorn.lidmaatschappen.get().organisatie_id)
        )

    assert antwoord.status_code == 302
    signaal = Signaal.objects.get()
    assert Notificatie.objects.filter(signaal=signaal, verzonden_op=None).count() == 1
    assert mail.outbox == []

    with time_machine.travel(timezone.now() + timedelta(minutes=3)):
        assert tasks.openstaande_notificaties_versturen() == 1
    assert [m.to for m in mail.outbox] == [[af_hoorn.email]]
