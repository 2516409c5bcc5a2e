"""``rechten_controleren``: every way guardian's projection can drift from the domain is found,
named, repaired on request with an audit trail, and mailed to the beheerders at night."""

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
import time_machine
from auditlog.models import LogEntry
from celery.schedules import crontab
from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from guardian.models import GroupObjectPermission
from guardian.shortcuts import assign_perm

from ketenpartners.models import Gebruiker, Organisatie, Rol
from ketenpartners.services import groep_voor
from meldroute import rechten_controle, services, tasks
from meldroute.models import Deling
from meldroute.rechten_controle import Verschil
from signalen.models import Notificatie, Signaal, SignaalGroupObjectPermission, SignaalUserObjectPermission
from signalen.workflow import Status
from tests.factories import OrganisatieFactory, af, gebruiker_met_rol, medewerker, naar_status, signaal_melden
from tests.hulp import ontvangers, wacht_tot, wacht_tot_alles_verstuurd


@dataclass
class Wereld:
    hoorn: Organisatie
    enkhuizen: Organisatie
    politie: Organisatie
    af_hoorn: Gebruiker
    af_enkhuizen: Gebruiker
    agent: Gebruiker
    beheerder: Gebruiker
    gedeeld: Signaal  # Hoorn, shared with the police
    eigen: Signaal  # Hoorn, not shared
    elders: Signaal  # Enkhuizen


def _wereld() -> Wereld:
    hoorn = OrganisatieFactory(naam="Hoorn")
    enkhuizen = OrganisatieFactory(naam="Enkhuizen")
    politie = OrganisatieFactory(naam="Politie Noord-Holland", soort=Organisatie.Soort.POLITIE)
    af_hoorn = af(hoorn, username="af.hoorn")
    af_enkhuizen = af(enkhuizen, username="af.enkhuizen")
    melder_hoorn = medewerker(hoorn, username="balie.hoorn")
    gedeeld = naar_status(signaal_melden(melder=melder_hoorn), Status.VERRIJKT, door=af_hoorn)
    services.delen(
        signaal_id=gedeeld.pk,
        door=af_hoorn,
        organisatie=politie,
        grondslag=Deling.Grondslag.RIEC_CONVENANT,
        reden="Besproken aan de lokale tafel.",
        einddatum=timezone.localdate() + datetime.timedelta(days=30),
    )
    return Wereld(
        hoorn=hoorn,
        enkhuizen=enkhuizen,
        politie=politie,
        af_hoorn=af_hoorn,
        af_enkhuizen=af_enkhuizen,
        agent=gebruiker_met_rol(politie, Rol.KETENPARTNER, username="agent"),
        beheerder=gebruiker_met_rol(OrganisatieFactory(naam="Beheer"), Rol.BEHEERDER, username="beheerder"),
        gedeeld=gedeeld,
        eigen=signaal_melden(melder=melder_hoorn),
        elders=signaal_melden(melder=medewerker(enkhuizen, username="balie.enkhuizen")),
    )


@pytest.fixture
def wereld(db: None) -> Wereld:
    return _wereld()


def _recht(codenaam: str) -> Permission:
    return Permission.objects.get(content_type__app_label="signalen", codename=codenaam)


def _af_groep(gemeente: Organisatie) -> Group:
    return groep_voor(organisatie=gemeente, rol=Rol.AANDACHTSFUNCTIONARIS)


def _partnergroep(organisatie: Organisatie) -> Group:
    return groep_voor(organisatie=organisatie, rol=Rol.KETENPARTNER)


def test_the_services_leave_no_difference(wereld: Wereld) -> None:
    assert rechten_controle.controleren() == []


# Each drift: what breaks it, then the exact difference(s) it must produce.
def _af_recht_weg(w: Wereld) -> list[Verschil]:
    SignaalGroupObjectPermission.objects.filter(content_object=w.eigen, permission=_recht("view_signaal")).delete()
    return [
        Verschil(
            "ontbrekend objectrecht",
            f"{w.eigen.referentie}: view_signaal voor de AF's van de gemeente",
            signaal_id=w.eigen.pk,
        )
    ]


def _af_recht_bij_andere_gemeente(w: Wereld) -> list[Verschil]:
    groep = _af_groep(w.enkhuizen)
    assign_perm("signalen.behandelen_signaal", groep, w.eigen)
    return [
        Verschil(
            "overbodig objectrecht",
            f"{w.eigen.referentie}: behandelen_signaal voor groep {groep.pk} (geen AF-groep van de gemeente)",
            signaal_id=w.eigen.pk,
        )
    ]


def _deelrecht_weg(w: Wereld) -> list[Verschil]:
    SignaalGroupObjectPermission.objects.filter(content_object=w.gedeeld, group=_partnergroep(w.politie)).delete()
    return [
        Verschil(
            "ontbrekend objectrecht",
            f"{w.gedeeld.referentie}: inzien_gedeeld_signaal voor Politie Noord-Holland (lopende deling)",
            signaal_id=w.gedeeld.pk,
        )
    ]


def _deelrecht_zonder_deling(w: Wereld) -> list[Verschil]:
    groep = _partnergroep(w.politie)
    assign_perm("signalen.inzien_gedeeld_signaal", groep, w.eigen)
    return [
        Verschil(
            "overbodig objectrecht",
            f"{w.eigen.referentie}: inzien_gedeeld_signaal voor groep {groep.pk} (geen lopende deling)",
            signaal_id=w.eigen.pk,
        )
    ]


def _recht_voor_een_gebruiker(w: Wereld) -> list[Verschil]:
    assign_perm("signalen.view_signaal", w.af_enkhuizen, w.eigen)
    return [
        Verschil(
            "overbodig objectrecht",
            f"{w.eigen.referentie}: view_signaal voor gebruiker {w.af_enkhuizen.pk} (nooit per gebruiker)",
            signaal_id=w.eigen.pk,
        )
    ]


def _generieke_rij(w: Wereld) -> list[Verschil]:
    rij = GroupObjectPermission.objects.create(
        content_type=ContentType.objects.get_for_model(Signaal),
        object_pk=str(w.eigen.pk),
        group=_af_groep(w.enkhuizen),
        permission=_recht("view_signaal"),
    )
    return [Verschil("overbodig objectrecht", f"signaal {w.eigen.pk}: rij {rij.pk} in guardian_groupobjectpermission")]


def _lid_zonder_lidmaatschap(w: Wereld) -> list[Verschil]:
    groep = _af_groep(w.hoorn)
    w.af_enkhuizen.groups.add(groep)
    return [
        Verschil(
            "overbodig groepslid",
            f"gebruiker {w.af_enkhuizen.pk} in groep {groep.pk}",
            gebruiker_id=w.af_enkhuizen.pk,
        )
    ]


def _lidmaatschap_zonder_groep(w: Wereld) -> list[Verschil]:
    groep = _af_groep(w.hoorn)
    w.af_hoorn.groups.remove(groep)
    return [
        Verschil("ontbrekend groepslid", f"gebruiker {w.af_hoorn.pk} in groep {groep.pk}", gebruiker_id=w.af_hoorn.pk)
    ]


def _groep_zonder_organisatie(w: Wereld) -> list[Verschil]:
    groep = Group.objects.create(name="Hoorn – Aandachtsfunctionaris")
    w.af_enkhuizen.groups.add(groep)
    assign_perm("signalen.view_signaal", groep, w.eigen)
    return [
        Verschil(
            "overbodig objectrecht",
            f"{w.eigen.referentie}: view_signaal voor groep {groep.pk} (geen AF-groep van de gemeente)",
            signaal_id=w.eigen.pk,
        ),
        Verschil("groep zonder organisatie", f"groep {groep.pk} (Hoorn – Aandachtsfunctionaris)", groep_id=groep.pk),
    ]


def _modelrecht_voor_af(w: Wereld) -> list[Verschil]:
    groep = _af_groep(w.hoorn)
    groep.permissions.add(Permission.objects.get(codename="change_gebruiker"))
    return [Verschil("afwijkende modelrechten", f"groep {groep.pk}: rechten in het beheer", groep_id=groep.pk)]


def _staf_zonder_beheerrol(w: Wereld) -> list[Verschil]:
    Gebruiker.objects.filter(pk=w.af_hoorn.pk).update(is_staff=True)
    return [Verschil("afwijkende beheertoegang", f"gebruiker {w.af_hoorn.pk} (af.hoorn)", gebruiker_id=w.af_hoorn.pk)]


DRIFT: dict[str, Callable[[Wereld], list[Verschil]]] = {
    "af-recht weg": _af_recht_weg,
    "af-recht bij een andere gemeente": _af_recht_bij_andere_gemeente,
    "deelrecht weg bij lopende deling": _deelrecht_weg,
    "deelrecht zonder deling": _deelrecht_zonder_deling,
    "recht voor één gebruiker": _recht_voor_een_gebruiker,
    "rij in de generieke tabel": _generieke_rij,
    "groepslid zonder lidmaatschap": _lid_zonder_lidmaatschap,
    "lidmaatschap zonder groepslid": _lidmaatschap_zonder_groep,
    "groep zonder organisatie": _groep_zonder_organisatie,
    "modelrecht bij een AF-groep": _modelrecht_voor_af,
    "beheertoegang zonder beheerrol": _staf_zonder_beheerrol,
}


@pytest.mark.parametrize("drift", DRIFT.values(), ids=DRIFT.keys())
def test_each_drift_is_found_exactly_and_repaired(wereld: Wereld, drift: Callable[[Wereld], list[Verschil]]) -> None:
    verwacht = drift(wereld)

    assert rechten_controle.controleren() == verwacht
    assert rechten_controle.herstellen(rechten_controle.controleren()) == len(verwacht)
    assert rechten_controle.controleren() == []


def test_a_share_past_its_end_that_the_job_has_not_handled_is_no_difference(wereld: Wereld) -> None:
    over_31_dagen = timezone.now() + datetime.timedelta(days=31)
    with time_machine.travel(over_31_dagen, tick=False):
        assert rechten_controle.controleren() == []
        services.delingen_verlopen_verwerken()
        assert rechten_controle.controleren() == []
        assert SignaalGroupObjectPermission.objects.filter(group=_partnergroep(wereld.politie)).count() == 0


def test_while_a_share_lacks_its_permission_the_partner_sees_nothing_and_after_repair_sees_it(
    wereld: Wereld, client: Client
) -> None:
    _deelrecht_weg(wereld)
    client.force_login(wereld.agent)
    detail = reverse("meldroute:gedeeld_detail", args=[wereld.gedeeld.pk])
    assert client.get(detail).status_code == 404  # the projection disagrees: fail closed

    rechten_controle.herstellen(rechten_controle.controleren())

    assert client.get(detail).status_code == 200


def test_a_leaked_permission_gives_the_other_gemeente_nothing_and_repair_removes_it(
    wereld: Wereld, client: Client
) -> None:
    _af_recht_bij_andere_gemeente(wereld)
    _recht_voor_een_gebruiker(wereld)
    client.force_login(wereld.af_enkhuizen)
    assert client.get(reverse("meldroute:detail", args=[wereld.eigen.pk])).status_code == 404

    rechten_controle.herstellen(rechten_controle.controleren())

    assert sorted(
        SignaalGroupObjectPermission.objects.filter(content_object=wereld.eigen).values_list(
            "group_id", "permission__codename"
        )
    ) == sorted([(_af_groep(wereld.hoorn).pk, "behandelen_signaal"), (_af_groep(wereld.hoorn).pk, "view_signaal")])
    assert SignaalUserObjectPermission.objects.count() == 0


def test_a_repair_is_in_the_audit_log_with_its_reason(wereld: Wereld) -> None:
    _af_recht_weg(wereld)
    _deelrecht_zonder_deling(wereld)

    rechten_controle.herstellen(rechten_controle.controleren())

    type_ = ContentType.objects.get_for_model(SignaalGroupObjectPermission)
    herstel = LogEntry.objects.filter(content_type=type_, additional_data__reden="herstel door rechten_controleren")
    assert sorted((e.action, e.object_repr) for e in herstel) == sorted(
        [
            (LogEntry.Action.CREATE, f"{wereld.eigen.referentie} | {_af_groep(wereld.hoorn)} | view_signaal"),
            (
                LogEntry.Action.DELETE,
                f"{wereld.eigen.referentie} | {_partnergroep(wereld.politie)} | inzien_gedeeld_signaal",
            ),
        ]
    )


def test_the_command_reports_and_fails_then_repairs(wereld: Wereld, capsys: pytest.CaptureFixture[str]) -> None:
    call_command("rechten_controleren")
    assert capsys.readouterr().out == "Geen verschillen: de objectrechten kloppen met het domein.\n"

    _af_recht_weg(wereld)
    _lid_zonder_lidmaatschap(wereld)
    with pytest.raises(CommandError, match=r"^2 verschillen gevonden\. Herstel met --herstellen\.$"):
        call_command("rechten_controleren")
    uit = capsys.readouterr().out.splitlines()
    assert uit == [
        f"ontbrekend objectrecht: {wereld.eigen.referentie}: view_signaal voor de AF's van de gemeente",
        f"overbodig groepslid: gebruiker {wereld.af_enkhuizen.pk} in groep {_af_groep(wereld.hoorn).pk}",
        "1 × ontbrekend objectrecht",
        "1 × overbodig groepslid",
    ]
    assert rechten_controle.controleren() != []  # reporting changed nothing

    call_command("rechten_controleren", "--herstellen")
    assert capsys.readouterr().out.splitlines()[-1] == "2 verschillen hersteld."
    assert rechten_controle.controleren() == []


def test_the_check_runs_nightly_in_beat() -> None:
    planning = settings.CELERY_BEAT_SCHEDULE["rechten-controleren"]
    assert planning["task"] == "meldroute.tasks.rechten_controleren"
    assert planning["schedule"] == crontab(hour=2, minute=30)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_difference_mails_every_active_beheerder_once_a_day(worker: Any) -> None:
    w = _wereld()
    tweede = gebruiker_met_rol(OrganisatieFactory(naam="Beheer Fryslân"), Rol.BEHEERDER, username="beheerder.2")
    gestopt = OrganisatieFactory(naam="Oud beheer")
    gebruiker_met_rol(gestopt, Rol.BEHEERDER, username="beheerder.oud")
    from ketenpartners.services import organisatie_activeren

    organisatie_activeren(organisatie=gestopt, actief=False)
    mail.outbox.clear()

    assert tasks.rechten_controleren.delay().get(timeout=30) == 0
    assert Notificatie.objects.filter(soort=Notificatie.Soort.RECHTEN_VERSCHIL).count() == 0

    _af_recht_weg(w)
    assert tasks.rechten_controleren.delay().get(timeout=30) == 1
    assert tasks.rechten_controleren.delay().get(timeout=30) == 1  # the same night again: no second mail
    wacht_tot_alles_verstuurd()
    wacht_tot(lambda: len(mail.outbox) == 2)
    assert ontvangers("Verschil in toegangsrechten") == sorted([w.beheerder.email, tweede.email])
    assert "rechten_controleren --herstellen" in mail.outbox[0].body
    assert w.eigen.referentie not in mail.outbox[0].body
