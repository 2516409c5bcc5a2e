"""The authorisation matrix of docs/autorisatie.md, checked cell by cell against the running app.

The table in the document is the policy; this file only reads it. A URL without rows, a role or
scope without a row, or a cell where the app answers differently makes a test fail.
"""

import datetime
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from urllib.parse import urlencode

import pytest
import time_machine
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.signals import request_finished
from django.db import close_old_connections, transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from evaluatie.models import Rapport, Rapportdeel, Training
from ketenpartners.models import Gebruiker, Organisatie
from meldroute import services
from meldroute.models import Deling
from signalen.models import Bijlage, Locatie, Signaal, Team, Toegangslog, Vorm
from signalen.samenhang.sleutels import sleutels_bijwerken
from signalen.workflow import Status
from tests import matrix_tafels
from tests.factories import OrganisatieFactory, af, gebruiker_met_rol, medewerker, naar_status, signaal_melden
from tests.hulp import tabelrijen
from tests.matrix_document import (
    ADMIN,
    LOGBOEKEN,
    MET_POLITIE,
    METHODEN,
    REGELS,
    ROLLEN,
    STATUSCODES,
    Regel,
    Url,
    project_urls,
    scopes_van,
)


def test_every_url_of_the_project_has_rows_in_the_matrix() -> None:
    urls = project_urls()
    in_matrix = {regel.url for regel in REGELS}
    zonder_regels = sorted(set(urls) - in_matrix)
    assert not zonder_regels, f"URL's zonder regel in docs/autorisatie.md: {', '.join(zonder_regels)}"
    onbekend = sorted(in_matrix - set(urls))
    assert not onbekend, f"De matrix noemt URL's die niet bestaan: {', '.join(onbekend)}"


def test_the_matrix_has_one_row_per_url_method_role_and_scope() -> None:
    urls = project_urls()
    fouten = [f"ongeldige waarde in {r}" for r in REGELS if r.methode not in METHODEN or r.verwacht not in STATUSCODES]
    for url, methode in sorted({(r.url, r.methode) for r in REGELS if r.url in urls}):
        scopes = scopes_van(urls[url])
        gevonden = Counter((r.rol, r.scope) for r in REGELS if (r.url, r.methode) == (url, methode))
        nodig = {(rol, scope) for rol in ROLLEN for scope in scopes}
        fouten += [f"{url} {methode}: geen regel voor {rol}/{scope}" for rol, scope in sorted(nodig - set(gevonden))]
        fouten += [f"{url} {methode}: onbekende rol/scope {rol}/{scope}" for rol, scope in set(gevonden) - nodig]
        fouten += [f"{url} {methode}: dubbele regel {sleutel}" for sleutel, aantal in gevonden.items() if aantal > 1]
    assert not fouten, "\n".join(fouten)


# The world of one row: the user of the role, and for URLs with a signal the scope's objects.


@dataclass
class Wereld:
    gebruiker: Gebruiker | None
    hoorn: Organisatie
    politie: Organisatie
    signaal: Signaal | None = None
    deling: Deling | None = None
    bijlage: Bijlage | None = None
    training: Training | None = None
    rapport: Rapport | None = None
    tafels: matrix_tafels.Tafelwereld | None = None  # for a tafel scope: its tafel, meeting, item, action
    bestanden: list[str] = field(default_factory=list)  # files to remove after the request


def organisatie(naam: str, soort: str = Organisatie.Soort.GEMEENTE) -> Organisatie:
    gevonden: Organisatie = OrganisatieFactory(naam=naam, soort=soort)  # type: ignore[assignment]
    return gevonden


def delen_met(signaal: Signaal, af_gebruiker: Gebruiker, partner: Organisatie, *, dagen: int) -> Deling:
    return services.delen(
        signaal_id=signaal.pk,
        door=af_gebruiker,
        organisatie=partner,
        grondslag=Deling.Grondslag.RIEC_CONVENANT,
        reden="Besproken aan de lokale tafel.",
        einddatum=timezone.localdate() + datetime.timedelta(days=dagen),
        met_betrokkenen=True,
        met_bijlagen=True,
    )


def signaal_bouwen(wereld: Wereld, rol: str, scope: str, *, met_bijlage: bool) -> None:
    """A signal in step 'ontvangen' (so 'verrijken' is available), shared as the scope says."""
    gemeente = organisatie("Enkhuizen") if scope == "andere_gemeente" else wereld.hoorn
    zelf_gemeld = rol == "medewerker" and scope == "eigen_gemeente"
    melder = wereld.gebruiker if zelf_gemeld else medewerker(gemeente, username=f"melder.{gemeente.naam}")
    zelf_af = rol == "aandachtsfunctionaris" and gemeente == wereld.hoorn
    behandelaar = wereld.gebruiker if zelf_af else af(gemeente, username=f"af.{gemeente.naam}")
    assert melder is not None
    assert behandelaar is not None
    signaal = signaal_melden(
        melder=melder, gemeente=gemeente, betrokkenen=[{"rol": "slachtoffer", "naam": "J. Jansen"}]
    )
    wereld.signaal = naar_status(signaal, Status.ONTVANGEN, door=behandelaar)
    if met_bijlage:
        wereld.bijlage = Bijlage.objects.create(
            signaal=signaal,
            bestand=ContentFile(b"foto van de gevel", name="gevel.txt"),
            naam="gevel.txt",
            content_type="text/plain",
            grootte=17,
            toegevoegd_door=melder,
        )
    riec = scope not in MET_POLITIE
    partner = organisatie("RIEC Noord-Holland", Organisatie.Soort.RIEC) if riec else wereld.politie
    if scope == "gedeeld_verlopen":
        # Shared ten days ago until nine days ago; the clean-up job has not run, so the
        # permission row is still there and only the end date can stop the partner.
        with time_machine.travel(timezone.now() - datetime.timedelta(days=10), tick=False):
            wereld.deling = delen_met(signaal, behandelaar, partner, dagen=1)
    else:
        wereld.deling = delen_met(signaal, behandelaar, partner, dagen=30)
    if scope == "niet_gedeeld":
        services.intrekken(
            signaal_id=wereld.deling.signaal_id, deling_id=wereld.deling.pk, door=behandelaar, reden="Klaar."
        )


def wereld_bouwen(rol: str, scope: str, *, met_bijlage: bool) -> Wereld:
    """The user of the role and, for a scope, its signal: shared by every row of that role and scope."""
    hoorn = organisatie("Hoorn")
    politie = organisatie("Politie Noord-Holland", Organisatie.Soort.POLITIE)
    gebruiker = None
    if rol != "anoniem":
        lid_van = politie if rol == "ketenpartner" else hoorn
        gebruiker = gebruiker_met_rol(lid_van, rol, username=f"matrix.{rol}")
    wereld = Wereld(gebruiker=gebruiker, hoorn=hoorn, politie=politie)
    if scope in matrix_tafels.SCOPES:
        wereld.tafels = matrix_tafels.bouwen(gebruiker, rol, scope, hoorn=hoorn, politie=politie)
    elif scope != "-":
        signaal_bouwen(wereld, rol, scope, met_bijlage=met_bijlage)
    return wereld


def voor_de_regel(wereld: Wereld, regel: Regel, url: Url) -> Wereld:
    """What only this row needs, made inside its savepoint."""
    wereld = replace(wereld, bestanden=[])
    if wereld.tafels is not None:
        wereld.tafels = matrix_tafels.voor_de_regel(regel.url, regel.methode, wereld.tafels)
    if regel.url in LOGBOEKEN and wereld.signaal is not None:
        # Its AF read the signal: a row for the access log to show, or not.
        Toegangslog.objects.create(
            gebruiker=wereld.signaal.behandelaar,
            gebruikersnaam=wereld.signaal.behandelaar.get_username(),  # type: ignore[union-attr]
            actie=Toegangslog.Actie.DETAIL,
            resultaat=Toegangslog.Resultaat.TOEGESTAAN,
            signaal_ids=[wereld.signaal.pk],
            pad=reverse("meldroute:detail", args=[wereld.signaal.pk]),
        )
    if "training_pk" in url.parameters:
        wereld.training = Training.objects.create(
            gemeente=wereld.hoorn,
            datum=timezone.localdate() - datetime.timedelta(days=7),
            deelnemers=12,
            aanbieder=Training.Aanbieder.RIEC,
            onderwerp="Signalen herkennen",
            geregistreerd_door=medewerker(wereld.hoorn, username="trainer.hoorn"),
        )
    if "rapport_pk" in url.parameters:
        wereld.rapport = klaar_rapport(wereld.hoorn)
        wereld.bestanden = [wereld.rapport.pdf.name, wereld.rapport.xlsx.name, wereld.rapport.delen.get().pdf.name]
    return wereld


def klaar_rapport(hoorn: Organisatie) -> Rapport:
    """A finished report of Westfriesland, with small stand-in files (building one takes seconds)."""
    rapport = Rapport.objects.create(
        regio=hoorn.regios.get(),
        van=datetime.date(2025, 1, 1),
        tot=datetime.date(2026, 10, 31),
        status=Rapport.Status.KLAAR,
        voortgang=100,
    )
    rapport.pdf.save("rapport.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"), save=False)
    rapport.xlsx.save("rapport.xlsx", ContentFile(b"PK"), save=False)
    rapport.save()
    deel = Rapportdeel(rapport=rapport, gemeente=hoorn)
    deel.pdf.save("deel.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"))
    return rapport


def tweede_signaal(wereld: Wereld) -> Signaal:
    assert wereld.signaal is not None
    return signaal_melden(
        melder=wereld.signaal.melder,
        gemeente=wereld.signaal.gemeente,
        betrokkenen=[{"rol": "slachtoffer", "naam": "J. Jansen"}],
    )


def gemeente_met_treffer(wereld: Wereld) -> Organisatie:
    """Medemblik (same regio) with a signal that has the KvK number now also on the scope's signal."""
    assert wereld.signaal is not None
    medemblik = organisatie("Medemblik")
    signaal_melden(
        melder=medewerker(medemblik, username="melder.medemblik"),
        gemeente=medemblik,
        locaties=[{"kvk_nummer": "12345678"}],
    )
    Locatie.objects.create(signaal=wereld.signaal, kvk_nummer="12345678")
    sleutels_bijwerken(wereld.signaal)
    return medemblik


PARAMETERS: dict[str, Callable[[Wereld], object]] = {
    "pk": lambda w: w.signaal.pk,  # type: ignore[union-attr]
    "bijlage_pk": lambda w: w.bijlage.pk,  # type: ignore[union-attr]
    "deling_pk": lambda w: w.deling.pk,  # type: ignore[union-attr]
    "naam": lambda w: "verrijken",
    "figuur": lambda w: "stappen",
    "gemeente_pk": lambda w: w.hoorn.pk,
    "training_pk": lambda w: w.training.pk,  # type: ignore[union-attr]
    "rapport_pk": lambda w: w.rapport.pk,  # type: ignore[union-attr]
    "betrokkene_pk": lambda w: w.signaal.betrokkenen.get().pk,  # type: ignore[union-attr]
    # The dossier (meldroute:dossier, meldroute:dossier_wijzigen): its betrokkene.
    "onderdeel": lambda w: "betrokkene",
    "item_pk": lambda w: w.signaal.betrokkenen.get().pk,  # type: ignore[union-attr]
    # Samenhang (meldroute:samenhang_*): a second signal of the same gemeente about the same person.
    "ander_pk": lambda w: tweede_signaal(w).pk,
    # Contact about a hit at another gemeente (meldroute:samenhang_contact_vragen): one with a hit.
    "andere_gemeente_pk": lambda w: gemeente_met_treffer(w).pk,
    # A password link that is not valid: the page says so to everyone.
    "uidb64": lambda w: "MA",
    "token": lambda w: "geen-geldige-link",
}


def adres(regel: Regel, url: Url, wereld: Wereld) -> str:
    if regel.url == ADMIN:
        return reverse("admin:index")
    if scopes_van(url) == matrix_tafels.SCOPES:
        assert regel.url in matrix_tafels.OBJECTEN, f"De matrixtest weet niet welk object pk van {regel.url} is"
        assert wereld.tafels is not None, f"{regel.url} met scope {regel.scope}: geen tafel in de wereld"
        return reverse(regel.url, kwargs={"pk": matrix_tafels.OBJECTEN[regel.url](wereld.tafels)})
    onbekend = set(url.parameters) - set(PARAMETERS)
    assert not onbekend, f"De matrixtest weet niet hoe hij {onbekend} van {regel.url} moet vullen"
    pad = reverse(regel.url, kwargs={naam: PARAMETERS[naam](wereld) for naam in url.parameters})
    if regel.url in LOGBOEKEN and wereld.signaal is not None:
        pad += "?" + urlencode({"signaal": wereld.signaal.referentie})
    return pad


def post_gegevens(regel: Regel, wereld: Wereld) -> dict[str, object]:
    """Minimal valid data, so an allowed POST succeeds and a refused one is refused for access only."""
    if wereld.tafels is not None:
        return matrix_tafels.post_gegevens(regel.url, wereld.tafels)
    if regel.url == "meldroute:actie":
        return {"verwachte_status": Status.ONTVANGEN, "bron": "brp", "bevindingen": "Twaalf inschrijvingen."}
    if regel.url == "meldroute:delen":
        return {
            "organisatie": wereld.politie.pk,
            "grondslag": Deling.Grondslag.RIEC_CONVENANT,
            "reden": "Besproken aan de lokale tafel.",
            "einddatum": (timezone.localdate() + datetime.timedelta(days=30)).isoformat(),
        }
    if regel.url == "meldroute:intrekken":
        return {"reden": "Het onderzoek van de partner is afgerond."}
    if regel.url == "meldroute:verlengen":
        return {
            "einddatum": (timezone.localdate() + datetime.timedelta(days=60)).isoformat(),
            "reden": "De partner onderzoekt nog.",
        }
    if regel.url in ("evaluatie:training_nieuw", "evaluatie:training_bewerken"):
        return {
            "gemeente": wereld.hoorn.pk,
            "datum": (timezone.localdate() - datetime.timedelta(days=3)).isoformat(),
            "onderwerp": "Signalen van arbeidsuitbuiting herkennen",
            "teams": [Team.objects.get(naam="Balie").pk],
            "deelnemers": "14",
            "aanbieder": "riec",
        }
    if regel.url == "evaluatie:rapporten":
        return {"regio": wereld.hoorn.regios.get().pk, "van": "2025-01-01", "tot": "2026-10-31"}
    if regel.url == "evaluatie:rapport":
        return {"beleid": "Het beleid werkt; we houden de termijnen aan."}
    if regel.url == "evaluatie:basisniveau_bewerken":
        return {"beleid_vastgesteld_op": "2025-03-01", "zorg_en_opvang_geregeld": "on"}
    if regel.url in ("meldroute:dossier", "meldroute:dossier_wijzigen"):
        return {"rol": "slachtoffer", "naam": "J. Jansen-de Vries"}
    if regel.url == "meldroute:werkbak":
        return {"zoek": "MH-2026-00001"}
    if regel.url == "gegevensbescherming:betrokkenen":
        return {"naam": "Jansen, J.", "geboortedatum": "1990-05-17"}
    if regel.url == "gegevensbescherming:corrigeren":
        return {"rol": "slachtoffer", "naam": "J. Janssen", "reden": "rectificatie"}
    if regel.url == "gegevensbescherming:verwijderen":
        return {"reden": "wissing"}
    if regel.url == "signalen:bewaartermijnen":
        regio = wereld.hoorn.regios.get().pk
        return {"regio": regio, f"regio-{regio}-teruglegging": "18"}
    if regel.url == "meldroute:terugmelding":
        return {"tekst": "Het pand is bezocht; geen bewoners aangetroffen."}
    if regel.url == "signalen:melden":
        return {
            "gemeente": wereld.hoorn.pk,
            "team": Team.objects.get(naam="Balie").pk,
            "waargenomen_op": (timezone.localdate() - datetime.timedelta(days=1)).isoformat(),
            "omschrijving": "Op één adres staan twaalf mensen ingeschreven.",
            "vormen": [Vorm.objects.get(code="arbeidsuitbuiting").pk],
            "acuut": "nee",
            "betrokkene-TOTAL_FORMS": "0",
            "betrokkene-INITIAL_FORMS": "0",
            "locatie-TOTAL_FORMS": "0",
            "locatie-INITIAL_FORMS": "0",
            "actie": "indienen",
        }
    return {}


# The rows by role and scope: one world for each, one savepoint for each row.
GROEPEN: dict[tuple[str, str], list[Regel]] = {}
for _regel in REGELS:
    GROEPEN.setdefault((_regel.rol, _regel.scope), []).append(_regel)


@pytest.mark.django_db
@pytest.mark.parametrize("groep", sorted(GROEPEN), ids=["-".join(groep) for groep in sorted(GROEPEN)])
def test_matrix(client: Client, groep: tuple[str, str]) -> None:
    """Every row of one role and scope, each in a savepoint on one world.

    What a request changes is rolled back before the next row, so each row meets the world as it
    was built; building it once per role and scope instead of once per row keeps the matrix fast.
    Every cell that differs is reported, not only the first.
    """
    urls = project_urls()
    regels = GROEPEN[groep]
    met_bijlage = any("bijlage_pk" in urls[r.url].parameters for r in regels if r.url in urls)
    wereld = wereld_bouwen(*groep, met_bijlage=met_bijlage)
    fouten: list[str] = []
    try:
        for regel in regels:
            if regel.url not in urls:
                fouten.append(
                    f"{regel.url} bestaat niet (meer); zie test_every_url_of_the_project_has_rows_in_the_matrix"
                )
                continue
            url = urls[regel.url]
            try:
                # A savepoint that is always rolled back, also after a database error in the row.
                with transaction.atomic():
                    fouten += regel_controleren(client, regel, url, voor_de_regel(wereld, regel, url))
                    transaction.set_rollback(True)
            finally:
                client.cookies.clear()
    finally:
        if wereld.bijlage is not None:
            wereld.bijlage.bestand.delete(save=False)
    assert not fouten, "\n".join(fouten)


def regel_controleren(client: Client, regel: Regel, url: Url, wereld: Wereld) -> list[str]:
    """What differs from the matrix for one row: nothing, or one message per difference."""
    pad = adres(regel, url, wereld)
    if wereld.gebruiker is not None:
        client.force_login(wereld.gebruiker)

    try:
        antwoord = client.post(pad, post_gegevens(regel, wereld)) if regel.methode == "POST" else client.get(pad)
        geweigerd = list(
            Toegangslog.objects.filter(resultaat=Toegangslog.Resultaat.GEWEIGERD).values_list("signaal_ids", flat=True)
        )
        # Closing a streamed response (a download) ends the request, which would close the test's
        # database connection and with it the world of the next rows, as the test client does.
        request_finished.disconnect(close_old_connections)
        try:
            antwoord.close()
        finally:
            request_finished.connect(close_old_connections)
    finally:
        for naam in wereld.bestanden:
            default_storage.delete(naam)

    waar = f"{regel.methode} {pad} als {regel.rol} ({regel.scope})"
    locatie = antwoord.get("Location", "")
    if antwoord.status_code != regel.verwacht:
        return [f"{waar}: verwacht {regel.verwacht}, kreeg {antwoord.status_code} {locatie}".rstrip()]
    fouten = []
    if wereld.tafels is not None:
        fouten += matrix_tafels.fouten(
            regel.url,
            regel.methode,
            regel.verwacht,
            ingelogd=wereld.gebruiker is not None,
            antwoord=antwoord,
            geweigerd=geweigerd,
            wereld=wereld.tafels,
            waar=waar,
        )
    if regel.url in LOGBOEKEN and regel.verwacht == 200 and wereld.signaal is not None:
        rijen = tabelrijen(antwoord.content.decode())
        over_het_signaal = [rij for rij in rijen if wereld.signaal.referentie in rij]
        if regel.scope == "eigen_gemeente" and not rijen:
            fouten.append(f"{pad}: geen regels over het eigen signaal")
        elif regel.scope == "eigen_gemeente" and over_het_signaal != rijen:
            fouten.append(f"{pad}: regels over iets anders dan het eigen signaal")
        elif regel.scope != "eigen_gemeente" and rijen:
            fouten.append(f"{pad}: regels over een signaal van een andere gemeente")
    if regel.verwacht == 404 and wereld.signaal is not None and geweigerd != [[wereld.signaal.pk]]:
        # Every refused signal URL leaves exactly one "geweigerd" row in the access log.
        fouten.append(f"{waar}: geen of meer dan één regel 'geweigerd': {geweigerd}")
    if regel.verwacht == 302 and (regel.rol == "anoniem" or regel.url == ADMIN):
        # The admin sends everyone who is not a beheerder to its own login page.
        inloggen = reverse("admin:login" if regel.url == ADMIN else "login")
        if not locatie.startswith(inloggen):
            fouten.append(f"{waar}: verwacht een doorverwijzing naar {inloggen}, niet naar {locatie}")
    return fouten
