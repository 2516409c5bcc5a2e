"""Two people acting on one signal at the same moment, on real PostgreSQL connections."""

import threading
from collections.abc import Callable

import pytest
from django.db import connection, transaction
from django_fsm import ConcurrentTransition

from ketenpartners.models import Gebruiker
from meldroute import services
from signalen.models import Signaal
from signalen.workflow import Status
from tests.factories import naar_status, signaal_melden


def tegelijk(*taken: Callable[[], object]) -> list[object]:
    """Run the tasks in threads, each on its own database connection, released together."""
    start = threading.Barrier(len(taken))
    uitkomsten: list[object] = [None] * len(taken)

    def draai(index: int, taak: Callable[[], object]) -> None:
        try:
            start.wait()
            uitkomsten[index] = taak()
        except Exception as fout:
            uitkomsten[index] = fout
        finally:
            connection.close()

    draden = [threading.Thread(target=draai, args=(i, t)) for i, t in enumerate(taken)]
    for draad in draden:
        draad.start()
    for draad in draden:
        draad.join(timeout=60)
    return uitkomsten


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_aandachtsfunctionarissen_moving_one_signal_at_once_exactly_one_wins(
    melder_hoorn: Gebruiker, af_hoorn: Gebruiker, af_hoorn_2: Gebruiker
) -> None:
    signaal = naar_status(signaal_melden(melder=melder_hoorn), Status.ONTVANGEN, door=af_hoorn)

    uitkomsten = tegelijk(
        lambda: services.verrijken(
            signaal_id=signaal.pk, door=af_hoorn, bron="brp", bevindingen="A", verwachte_status="ontvangen"
        ),
        lambda: services.verrijken(
            signaal_id=signaal.pk, door=af_hoorn_2, bron="kvk", bevindingen="B", verwachte_status="ontvangen"
        ),
    )

    gewonnen = [u for u in uitkomsten if isinstance(u, Signaal)]
    verloren = [u for u in uitkomsten if isinstance(u, services.SignaalGewijzigd)]
    assert len(gewonnen) == 1, uitkomsten
    assert len(verloren) == 1, uitkomsten
    assert "Iemand anders heeft dit signaal intussen bijgewerkt" in str(verloren[0])
    signaal.refresh_from_db()
    assert signaal.status == Status.VERRIJKT
    assert signaal.registraties.filter(actie="verrijken").count() == 1


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_different_transitions_from_the_same_step_at_once_exactly_one_wins(
    melder_hoorn: Gebruiker, af_hoorn: Gebruiker, af_hoorn_2: Gebruiker
) -> None:
    signaal = naar_status(signaal_melden(melder=melder_hoorn), Status.VERRIJKT, door=af_hoorn)

    uitkomsten = tegelijk(
        lambda: services.lokale_tafel_bespreken(
            signaal_id=signaal.pk,
            door=af_hoorn,
            soort="pct",
            besproken_op=signaal.waargenomen_op,
            besluit="Verder",
            verwachte_status="verrijkt",
        ),
        lambda: services.geen_mensenhandel(
            signaal_id=signaal.pk,
            door=af_hoorn_2,
            onderbouwing="Niets gevonden",
            tekst="Dank",
            gegeven_op=signaal.waargenomen_op,
            verwachte_status="verrijkt",
        ),
    )

    assert sum(isinstance(u, Signaal) for u in uitkomsten) == 1, uitkomsten
    assert sum(isinstance(u, services.SignaalGewijzigd) for u in uitkomsten) == 1, uitkomsten
    signaal.refresh_from_db()
    acties = set(signaal.registraties.values_list("actie", flat=True))
    if signaal.status == Status.LOKALE_TAFEL:
        assert "geen_mensenhandel" not in acties
    else:
        assert signaal.status == Status.TERUGKOPPELING
        assert "lokale_tafel_bespreken" not in acties


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_stale_copy_of_the_signal_cannot_be_saved_over_a_newer_state(
    melder_hoorn: Gebruiker, af_hoorn: Gebruiker
) -> None:
    signaal = naar_status(signaal_melden(melder=melder_hoorn), Status.ONTVANGEN, door=af_hoorn)
    eerste = Signaal.objects.get(pk=signaal.pk)
    tweede = Signaal.objects.get(pk=signaal.pk)

    with transaction.atomic():
        eerste.verrijken()
        eerste.save()
    tweede.verrijken()
    with pytest.raises(ConcurrentTransition), transaction.atomic():
        tweede.save()
