"""Two ways the object permissions drifted from the domain, reproduced: a group found by a
gemeente's name, and the share-expiry job that did not lock the signal first."""

import datetime
import importlib
import threading
from typing import Any

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from ketenpartners.models import Gebruiker, Organisatie, Rol
from meldroute import services
from meldroute.models import Deling
from meldroute.zicht import gedeelde_signalen
from signalen.models import SignaalGroupObjectPermission
from signalen.workflow import Status
from tests.factories import OrganisatieFactory, af, gebruiker_met_rol, medewerker, naar_status, signaal_melden

# The module, not the service function of the same name that meldroute.services exports.
delen_module = importlib.import_module("meldroute.services.delen")


@pytest.mark.django_db
def test_a_former_af_of_a_deleted_gemeente_sees_nothing_of_a_new_gemeente_with_the_same_name(client: Client) -> None:
    oud = OrganisatieFactory(naam="Hoorn")
    vertrokken = af(oud, username="vertrokken.af")
    # The beheerder may not delete a gemeente in the admin: it is set inactive instead.
    beheerder = gebruiker_met_rol(OrganisatieFactory(naam="Regio"), Rol.BEHEERDER, username="beheerder")
    client.force_login(beheerder)
    assert client.get(reverse("admin:ketenpartners_organisatie_delete", args=[oud.pk])).status_code == 403
    assert (
        client.post(reverse("admin:ketenpartners_organisatie_delete", args=[oud.pk]), {"post": "yes"}).status_code
        == 403
    )

    # Removed by other means (a shell, a script): its groups go with it.
    oud.delete()
    nieuw = OrganisatieFactory(naam="Hoorn")
    signaal = signaal_melden(melder=medewerker(nieuw, username="balie"), gemeente=nieuw)

    client.force_login(vertrokken)
    assert client.get(reverse("meldroute:detail", args=[signaal.pk])).status_code == 404
    assert vertrokken.groups.count() == 0


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_new_share_made_while_the_expiry_job_runs_keeps_its_permission(
    monkeypatch: pytest.MonkeyPatch, melder_hoorn: Gebruiker, af_hoorn: Gebruiker
) -> None:
    politie = OrganisatieFactory(naam="Politie", soort=Organisatie.Soort.POLITIE)
    agent = gebruiker_met_rol(politie, Rol.KETENPARTNER, username="agent")
    signaal = naar_status(signaal_melden(melder=melder_hoorn), Status.VERRIJKT, door=af_hoorn)
    with time_machine.travel(timezone.now() - datetime.timedelta(days=5), tick=False):
        services.delen(
            signaal_id=signaal.pk,
            door=af_hoorn,
            organisatie=politie,
            grondslag=Deling.Grondslag.RIEC_CONVENANT,
            reden="Besproken aan de lokale tafel.",
            einddatum=timezone.localdate() + datetime.timedelta(days=2),  # ended yesterday
        )

    # The job has seen no share in force and is about to remove the permission; just then the
    # AF shares the signal again. Whatever the order, the new share must keep its permission.
    job_bij_verwijderen = threading.Event()
    af_klaar = threading.Event()
    echt = delen_module.remove_perm

    def verwijderen_na_de_af(*args: Any, **kwargs: Any) -> Any:
        job_bij_verwijderen.set()
        af_klaar.wait(timeout=3)  # with the lock order right, the AF waits for the job instead
        return echt(*args, **kwargs)

    monkeypatch.setattr(delen_module, "remove_perm", verwijderen_na_de_af)

    def job() -> None:
        try:
            services.delingen_verlopen_verwerken()
        finally:
            connection.close()

    def af_deelt() -> None:
        try:
            job_bij_verwijderen.wait(timeout=10)
            services.delen(
                signaal_id=signaal.pk,
                door=af_hoorn,
                organisatie=politie,
                grondslag=Deling.Grondslag.RIEC_CONVENANT,
                reden="Opnieuw gedeeld na nieuwe informatie.",
                einddatum=timezone.localdate() + datetime.timedelta(days=30),
            )
        finally:
            af_klaar.set()
            connection.close()

    draden = [threading.Thread(target=job), threading.Thread(target=af_deelt)]
    for draad in draden:
        draad.start()
    for draad in draden:
        draad.join(timeout=30)

    assert Deling.objects.filter(signaal=signaal, ingetrokken_op=None, einddatum__gte=timezone.localdate()).count() == 1
    assert (
        SignaalGroupObjectPermission.objects.filter(
            content_object=signaal, permission__codename="inzien_gedeeld_signaal"
        ).count()
        == 1
    )
    assert list(gedeelde_signalen(agent)) == [signaal]
