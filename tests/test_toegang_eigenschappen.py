"""Access under random histories: a stateful property test (hypothesis).

Random sequences of intake, membership changes, deactivating and reactivating organisations,
sharing, revoking, time passing with the expiry job, closing and reopening. The machine keeps its
own model of the domain rules (the oracle, written from docs/autorisatie.md, not from the code),
and after every step asserts that ``rechten_controleren`` finds no difference and that, for
every user in the fixture and every signal, the werkbak, "Gedeeld met ons", the detail pages,
the downloads and the actions agree with the oracle. Actions are tried over HTTP by a random
user, allowed or not: an allowed one must happen, any other must answer 404 (403 for a list
that is not the user's) and change nothing.

``HYPOTHESIS_PROFILE=grondig`` runs many more and longer sequences.
"""

import datetime
import os
import re
from dataclasses import dataclass, field
from typing import Any

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from guardian.shortcuts import get_objects_for_user
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)

from ketenpartners.models import Gebruiker, Organisatie, Rol
from ketenpartners.services import lidmaatschap_beeindigen, lidmaatschap_toevoegen, organisatie_activeren
from meldroute import rechten_controle, services
from meldroute.models import Deling, Terugmelding
from meldroute.selectors import bijlage_voor_behandeling, signaal_voor_behandeling, werkbak
from meldroute.zicht import gedeeld_lijst, partner_bijlage, partner_weergave
from signalen.models import Bijlage, Signaal
from signalen.selectors import behandelbare_signalen
from signalen.workflow import Status
from tests.factories import OrganisatieFactory, medewerker, naar_status, signaal_melden

settings.register_profile(
    "standaard",
    max_examples=20,
    stateful_step_count=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
settings.register_profile(
    "grondig",
    max_examples=200,
    stateful_step_count=50,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)

GEMEENTEN = ("Hoorn", "Enkhuizen")
PARTNERS = ("Politie", "ZVH")
ORGANISATIES = GEMEENTEN + PARTNERS
GEBRUIKERS = ("ans", "bob", "cor")
MELDERS = {"Hoorn": "balie.hoorn", "Enkhuizen": "balie.enkhuizen"}
MAX_SIGNALEN = 6


@dataclass
class SignaalModel:
    gemeente: str
    gesloten: bool = False


@dataclass
class DelingModel:
    signaal: int
    organisatie: str
    einddatum: datetime.date
    met_bijlagen: bool
    ingetrokken: bool = False


@dataclass
class Domein:
    """The oracle: the domain rules of docs/autorisatie.md over the machine's own bookkeeping."""

    leden: set[tuple[str, str, str]] = field(default_factory=set)
    actief: dict[str, bool] = field(default_factory=lambda: dict.fromkeys(ORGANISATIES, True))
    signalen: dict[int, SignaalModel] = field(default_factory=dict)
    delingen: dict[int, DelingModel] = field(default_factory=dict)
    vandaag: datetime.date = field(default_factory=timezone.localdate)

    def af(self, gebruiker: str, signaal: int) -> bool:
        gemeente = self.signalen[signaal].gemeente
        return (gebruiker, gemeente, Rol.AANDACHTSFUNCTIONARIS) in self.leden and self.actief[gemeente]

    def is_af(self, gebruiker: str) -> bool:
        # The werkbak opens for anyone with the role in an active organisation (empty elsewhere).
        return any((gebruiker, o, Rol.AANDACHTSFUNCTIONARIS) in self.leden and self.actief[o] for o in ORGANISATIES)

    def heeft_partnerrol(self, gebruiker: str) -> bool:
        # The pages for partners open for anyone with the role in an active organisation.
        return any((gebruiker, o, Rol.KETENPARTNER) in self.leden and self.actief[o] for o in ORGANISATIES)

    def _lopend(self, deling: DelingModel) -> bool:
        return not deling.ingetrokken and deling.einddatum >= self.vandaag

    def partner(self, gebruiker: str, signaal: int, *, bijlagen: bool = False) -> bool:
        return any(
            d.signaal == signaal
            and self._lopend(d)
            and (gebruiker, d.organisatie, Rol.KETENPARTNER) in self.leden
            and self.actief[d.organisatie]
            and (d.met_bijlagen or not bijlagen)
            for d in self.delingen.values()
        )

    def beeindigd(self, gebruiker: str, signaal: int) -> bool:
        """A share of the user's own organisation existed and none runs now: the page says it ended."""
        return not self.partner(gebruiker, signaal) and any(
            d.signaal == signaal
            and (gebruiker, d.organisatie, Rol.KETENPARTNER) in self.leden
            and self.actief[d.organisatie]
            for d in self.delingen.values()
        )

    def werkbak(self, gebruiker: str) -> set[int]:
        return {pk for pk, s in self.signalen.items() if not s.gesloten and self.af(gebruiker, pk)}

    def gedeeld(self, gebruiker: str) -> set[int]:
        return {pk for pk in self.signalen if self.partner(gebruiker, pk)}


def _gebruiker(naam: str) -> Gebruiker:
    # Fresh from the database every time: a user object remembers its roles for one request.
    return Gebruiker.objects.get(username=naam)


def _organisatie(naam: str) -> Organisatie:
    return Organisatie.objects.get(naam=naam)


def _bestaat(functie: Any, *args: Any, **kwargs: Any) -> bool:
    try:
        functie(*args, **kwargs)
    except (Signaal.DoesNotExist, Bijlage.DoesNotExist):
        return False
    return True


def _pks(html: str, pad_van: str) -> set[int]:
    prefix = re.escape(pad_van.rsplit("/0/", 1)[0])
    return {int(pk) for pk in re.findall(rf'href="{prefix}/(\d+)/"', html)}


class Toegang(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.punt = transaction.savepoint()
        self.reis = time_machine.travel(timezone.now(), tick=False)
        self.klok = self.reis.start()
        self.domein = Domein()
        self.bijlagen: dict[int, int] = {}
        self.client = Client()

    def teardown(self) -> None:
        self.reis.stop()
        transaction.savepoint_rollback(self.punt)

    # -- the steps ---------------------------------------------------------------------------

    @initialize(
        leden=st.sets(
            st.tuples(
                st.sampled_from(GEBRUIKERS),
                st.sampled_from(ORGANISATIES),
                st.sampled_from([Rol.AANDACHTSFUNCTIONARIS, Rol.KETENPARTNER]),
            ),
            max_size=6,
        )
    )
    def begin(self, leden: set[tuple[str, str, str]]) -> None:
        for lid in sorted(leden):
            self.lid_worden(*lid)

    @rule(
        gebruiker=st.sampled_from(GEBRUIKERS),
        organisatie=st.sampled_from(ORGANISATIES),
        rol=st.sampled_from([Rol.AANDACHTSFUNCTIONARIS, Rol.KETENPARTNER]),
    )
    def lid_worden(self, gebruiker: str, organisatie: str, rol: str) -> None:
        lidmaatschap_toevoegen(gebruiker=_gebruiker(gebruiker), organisatie=_organisatie(organisatie), rol=rol)
        self.domein.leden.add((gebruiker, organisatie, rol))

    @rule(data=st.data())
    def lid_af(self, data: st.DataObject) -> None:
        if not self.domein.leden:
            return
        gebruiker, organisatie, rol = data.draw(st.sampled_from(sorted(self.domein.leden)))
        lidmaatschap_beeindigen(gebruiker=_gebruiker(gebruiker), organisatie=_organisatie(organisatie), rol=rol)
        self.domein.leden.discard((gebruiker, organisatie, rol))

    @rule(organisatie=st.sampled_from(ORGANISATIES), actief=st.booleans())
    def activeren(self, organisatie: str, actief: bool) -> None:
        organisatie_activeren(organisatie=_organisatie(organisatie), actief=actief)
        self.domein.actief[organisatie] = actief

    @precondition(lambda self: len(self.domein.signalen) < MAX_SIGNALEN)
    @rule(gemeente=st.sampled_from(GEMEENTEN))
    def melden(self, gemeente: str) -> None:
        melder = _gebruiker(MELDERS[gemeente])
        if not self.domein.actief[gemeente]:
            with pytest.raises(PermissionDenied):
                signaal_melden(melder=melder, gemeente=_organisatie(gemeente))
            return
        signaal = signaal_melden(melder=melder, gemeente=_organisatie(gemeente))
        bijlage = Bijlage.objects.create(
            signaal=signaal,
            bestand=ContentFile(b"foto", name="foto.txt"),
            naam="foto.txt",
            content_type="text/plain",
            grootte=4,
            toegevoegd_door=melder,
        )
        self.domein.signalen[signaal.pk] = SignaalModel(gemeente)
        self.bijlagen[signaal.pk] = bijlage.pk

    @precondition(lambda self: bool(self.domein.signalen))
    @rule(
        data=st.data(),
        gebruiker=st.sampled_from(GEBRUIKERS),
        partner=st.sampled_from(PARTNERS),
        dagen=st.integers(1, 40),
        met_bijlagen=st.booleans(),
    )
    def delen(self, data: st.DataObject, gebruiker: str, partner: str, dagen: int, met_bijlagen: bool) -> None:
        pk = data.draw(st.sampled_from(sorted(self.domein.signalen)))
        einddatum = self.domein.vandaag + datetime.timedelta(days=dagen)
        voor = Deling.objects.count()
        self.client.force_login(_gebruiker(gebruiker))
        antwoord = self.client.post(
            reverse("meldroute:delen", args=[pk]),
            {
                "organisatie": _organisatie(partner).pk,
                "grondslag": Deling.Grondslag.RIEC_CONVENANT,
                "reden": "Besproken aan de lokale tafel.",
                "einddatum": einddatum.isoformat(),
                "met_bijlagen": "on" if met_bijlagen else "",
            },
        )
        if not self.domein.af(gebruiker, pk):
            assert antwoord.status_code == 404
            assert Deling.objects.count() == voor
            return
        if self.domein.signalen[pk].gesloten or not self.domein.actief[partner]:
            assert Deling.objects.count() == voor  # refused with a message; nothing shared
            return
        al_gedeeld = any(
            d.signaal == pk and d.organisatie == partner and self.domein._lopend(d)
            for d in self.domein.delingen.values()
        )
        if al_gedeeld:
            assert (antwoord.status_code, Deling.objects.count()) == (200, voor)  # "Verleng die deling"
            return
        assert antwoord.status_code == 302
        deling = Deling.objects.latest("pk")
        assert (deling.signaal_id, deling.organisatie.naam, deling.einddatum) == (pk, partner, einddatum)
        self.domein.delingen[deling.pk] = DelingModel(pk, partner, einddatum, met_bijlagen)

    @precondition(lambda self: bool(self.domein.delingen))
    @rule(data=st.data(), gebruiker=st.sampled_from(GEBRUIKERS))
    def intrekken(self, data: st.DataObject, gebruiker: str) -> None:
        deling_pk = data.draw(st.sampled_from(sorted(self.domein.delingen)))
        deling = self.domein.delingen[deling_pk]
        self.client.force_login(_gebruiker(gebruiker))
        antwoord = self.client.post(
            reverse("meldroute:intrekken", args=[deling.signaal, deling_pk]), {"reden": "Niet meer nodig."}
        )
        ingetrokken = Deling.objects.get(pk=deling_pk).ingetrokken_op is not None
        if not self.domein.af(gebruiker, deling.signaal):
            assert (antwoord.status_code, ingetrokken) == (404, deling.ingetrokken)
            return
        # Only a share in force can be revoked; one that ended already stays as it was.
        assert (antwoord.status_code, ingetrokken) == (302, deling.ingetrokken or self.domein._lopend(deling))
        deling.ingetrokken = ingetrokken

    @rule(dagen=st.integers(1, 45), verwerken=st.booleans())
    def tijd_verstrijkt(self, dagen: int, verwerken: bool) -> None:
        self.klok.shift(datetime.timedelta(days=dagen))
        self.domein.vandaag = timezone.localdate()
        if verwerken:
            services.delingen_verlopen_verwerken()

    @precondition(lambda self: bool(self.domein.signalen))
    @rule(data=st.data(), gebruiker=st.sampled_from(GEBRUIKERS))
    def afsluiten(self, data: st.DataObject, gebruiker: str) -> None:
        pk = data.draw(st.sampled_from(sorted(self.domein.signalen)))
        signaal = self.domein.signalen[pk]
        toegestaan = self.domein.af(gebruiker, pk)
        if toegestaan and signaal.gesloten:
            return
        if toegestaan:
            naar_status(Signaal.objects.get(pk=pk), Status.TERUGKOPPELING, door=_gebruiker(gebruiker))
        self.client.force_login(_gebruiker(gebruiker))
        antwoord = self.client.post(
            reverse("meldroute:actie", args=[pk, "afsluiten"]),
            {"verwachte_status": Status.TERUGKOPPELING, "afloop": "zorgtraject"},
        )
        status = Signaal.objects.get(pk=pk).status
        if not toegestaan:
            assert antwoord.status_code == 404
            assert (status == Status.AFGESLOTEN) is signaal.gesloten
            return
        assert (antwoord.status_code, status) == (302, Status.AFGESLOTEN)
        signaal.gesloten = True
        for deling in self.domein.delingen.values():
            if deling.signaal == pk and not deling.ingetrokken and deling.einddatum >= self.domein.vandaag:
                deling.ingetrokken = True  # closing ends every share in force

    @precondition(lambda self: any(s.gesloten for s in self.domein.signalen.values()))
    @rule(data=st.data(), gebruiker=st.sampled_from(GEBRUIKERS))
    def heropenen(self, data: st.DataObject, gebruiker: str) -> None:
        pk = data.draw(st.sampled_from(sorted(pk for pk, s in self.domein.signalen.items() if s.gesloten)))
        self.client.force_login(_gebruiker(gebruiker))
        antwoord = self.client.post(
            reverse("meldroute:actie", args=[pk, "heropenen"]),
            {"verwachte_status": Status.AFGESLOTEN, "reden": "Nieuwe informatie ontvangen."},
        )
        status = Signaal.objects.get(pk=pk).status
        if not self.domein.af(gebruiker, pk):
            assert (antwoord.status_code, status) == (404, Status.AFGESLOTEN)
            return
        assert (antwoord.status_code, status) == (302, Status.ONTVANGEN)
        self.domein.signalen[pk].gesloten = False

    @precondition(lambda self: bool(self.domein.signalen))
    @rule(data=st.data(), gebruiker=st.sampled_from(GEBRUIKERS))
    def terugmelden(self, data: st.DataObject, gebruiker: str) -> None:
        pk = data.draw(st.sampled_from(sorted(self.domein.signalen)))
        voor = Terugmelding.objects.count()
        self.client.force_login(_gebruiker(gebruiker))
        antwoord = self.client.post(
            reverse("meldroute:terugmelding", args=[pk]), {"tekst": "Adres bezocht, niemand aangetroffen."}
        )
        if self.domein.partner(gebruiker, pk):
            assert (antwoord.status_code, Terugmelding.objects.count()) == (302, voor + 1)
        else:
            assert (antwoord.status_code, Terugmelding.objects.count()) == (404, voor)

    @precondition(lambda self: bool(self.domein.signalen))
    @rule(data=st.data(), gebruiker=st.sampled_from(GEBRUIKERS))
    def bekijken(self, data: st.DataObject, gebruiker: str) -> None:
        """Every page and download of one signal, and both lists, over HTTP."""
        pk = data.draw(st.sampled_from(sorted(self.domein.signalen)))
        bijlage = self.bijlagen[pk]
        d = self.domein
        self.client.force_login(_gebruiker(gebruiker))

        def status(naam: str, *args: int) -> int:
            return self.client.get(reverse(naam, args=args)).status_code

        assert status("meldroute:detail", pk) == (200 if d.af(gebruiker, pk) else 404)
        assert status("meldroute:bijlage", pk, bijlage) == (200 if d.af(gebruiker, pk) else 404)
        # A partner's page of a signal answers 404 to anyone it is not shared with, partner or not,
        # except a partner whose own share of it ended: they get a page that says so.
        gedeeld_of_beeindigd = d.partner(gebruiker, pk) or d.beeindigd(gebruiker, pk)
        assert status("meldroute:gedeeld_detail", pk) == (200 if gedeeld_of_beeindigd else 404)
        assert status("meldroute:gedeeld_download", pk) == (200 if d.partner(gebruiker, pk) else 404)
        met_bijlagen = d.partner(gebruiker, pk, bijlagen=True)
        assert status("meldroute:gedeeld_bijlage", pk, bijlage) == (200 if met_bijlagen else 404)

        lijst = self.client.get(reverse("meldroute:werkbak"))
        if d.is_af(gebruiker):
            assert lijst.status_code == 200
            assert _pks(lijst.content.decode(), reverse("meldroute:detail", args=[0])) == d.werkbak(gebruiker)
        else:
            assert lijst.status_code == 403
        lijst = self.client.get(reverse("meldroute:gedeeld"))
        if d.heeft_partnerrol(gebruiker):
            assert lijst.status_code == 200
            assert _pks(lijst.content.decode(), reverse("meldroute:gedeeld_detail", args=[0])) == d.gedeeld(gebruiker)
        else:
            assert lijst.status_code == 403

    # -- after every step --------------------------------------------------------------------

    @invariant()
    def geen_verschil_met_het_domein(self) -> None:
        assert rechten_controle.controleren(vandaag=self.domein.vandaag) == []

    @invariant()
    def iedereen_ziet_wat_het_domein_toestaat(self) -> None:
        d = self.domein
        for naam in (*GEBRUIKERS, *MELDERS.values()):
            gebruiker = _gebruiker(naam)
            verwacht_af = {pk for pk in d.signalen if d.af(naam, pk)}
            assert set(behandelbare_signalen(gebruiker).values_list("pk", flat=True)) == verwacht_af
            projectie = get_objects_for_user(
                gebruiker, "signalen.behandelen_signaal", accept_global_perms=False, with_superuser=False
            )
            assert set(projectie.values_list("pk", flat=True)) == verwacht_af
            assert set(werkbak(_gebruiker(naam), filters={}).values_list("pk", flat=True)) == d.werkbak(naam)
            assert set(gedeeld_lijst(_gebruiker(naam)).values_list("pk", flat=True)) == d.gedeeld(naam)
            for pk, bijlage in self.bijlagen.items():
                # The functions behind the detail pages, downloads and every action.
                assert _bestaat(signaal_voor_behandeling, _gebruiker(naam), pk) is d.af(naam, pk)
                assert _bestaat(bijlage_voor_behandeling, _gebruiker(naam), signaal_pk=pk, bijlage_pk=bijlage) is d.af(
                    naam, pk
                )
                assert _bestaat(partner_weergave, _gebruiker(naam), pk) is d.partner(naam, pk)
                assert _bestaat(partner_bijlage, _gebruiker(naam), signaal_pk=pk, bijlage_pk=bijlage) is d.partner(
                    naam, pk, bijlagen=True
                )


@pytest.mark.django_db
def test_access_follows_the_domain_under_random_histories() -> None:
    for gemeente in GEMEENTEN:
        OrganisatieFactory(naam=gemeente)
    OrganisatieFactory(naam="Politie", soort=Organisatie.Soort.POLITIE)
    OrganisatieFactory(naam="ZVH", soort=Organisatie.Soort.ZVH)
    for gemeente, melder in MELDERS.items():
        medewerker(_organisatie(gemeente), username=melder)
    for naam in GEBRUIKERS:
        Gebruiker.objects.create_user(username=naam, email=f"{naam}@example.org")
    run_state_machine_as_test(Toegang, settings=settings.get_profile(os.environ.get("HYPOTHESIS_PROFILE", "standaard")))
