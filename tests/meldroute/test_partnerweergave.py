"""The partner's view of a shared signal: plain values of what was shared, never a model instance."""

import dataclasses
import datetime
from collections.abc import Iterator

import pytest
from django.core.files.base import ContentFile
from django.db import connection, models
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import formats, timezone

from ketenpartners.models import Gebruiker, Organisatie, Rol
from meldroute import services
from meldroute.models import Deling
from meldroute.zicht import PartnerWeergave, partner_weergave
from signalen.models import Betrokkene, Bijlage, Indicator, Locatie, Signaal
from signalen.workflow import Status
from tests.factories import OrganisatieFactory, af, delen, gebruiker_met_rol, naar_status, signaal_melden

pytestmark = pytest.mark.django_db

NAAM = "Jan Jansen"
# Columns that identify a person: never read without a share that includes them.
IDENTIFICERENDE_KOLOMMEN = [
    f'"{tabel}"."{kolom}"'
    for tabel, kolommen in {
        Betrokkene._meta.db_table: ["naam", "geboortedatum", "nationaliteit", "adres", "telefoon", "notities"],
        Locatie._meta.db_table: ["adres", "omschrijving"],
    }.items()
    for kolom in kolommen
]


def dag(datum: datetime.date) -> str:
    return formats.date_format(datum, "j F Y")


@pytest.fixture
def politie() -> Organisatie:
    return OrganisatieFactory(naam="Politie – AVIM", soort=Organisatie.Soort.POLITIE)


@pytest.fixture
def agent(politie: Organisatie) -> Gebruiker:
    return gebruiker_met_rol(politie, Rol.KETENPARTNER, username="agent")


@pytest.fixture
def signaal(melder_hoorn: Gebruiker) -> Signaal:
    signaal = signaal_melden(melder=melder_hoorn, omschrijving="Drie vrouwen wonen boven de massagesalon.")
    Betrokkene.objects.create(
        signaal=signaal, rol="slachtoffer", naam=NAAM, geboortedatum=datetime.date(2001, 5, 4), telefoon="0611122233"
    )
    Locatie.objects.create(signaal=signaal, adres="Dorpsstraat 1, Hoorn", bedrijfsnaam="Massagesalon Lotus")
    Bijlage.objects.create(
        signaal=signaal,
        bestand=ContentFile(b"foto van de gevel", name="gevel.txt"),
        naam="gevel.txt",
        content_type="text/plain",
        grootte=17,
        toegevoegd_door=melder_hoorn,
    )
    return signaal


def alle_waarden(waarde: object) -> Iterator[object]:
    """Every value inside the view object, however deep: dataclass fields, tuples, lists, dicts."""
    yield waarde
    if dataclasses.is_dataclass(waarde) and not isinstance(waarde, type):
        for veld in dataclasses.fields(waarde):
            yield from alle_waarden(getattr(waarde, veld.name))
    elif isinstance(waarde, (tuple, list, set, frozenset)):
        for element in waarde:
            yield from alle_waarden(element)
    elif isinstance(waarde, dict):
        for sleutel, element in waarde.items():
            yield from alle_waarden(sleutel)
            yield from alle_waarden(element)


@pytest.mark.parametrize("met_alles", [True, False], ids=["met-betrokkenen-en-bijlagen", "zonder"])
def test_the_partners_view_holds_no_model_instance_at_all(
    signaal: Signaal, af_hoorn: Gebruiker, politie: Organisatie, agent: Gebruiker, met_alles: bool
) -> None:
    naar_status(signaal, Status.ONTVANGEN, door=af_hoorn)
    delen(signaal, door=af_hoorn, organisatie=politie, met_betrokkenen=met_alles, met_bijlagen=met_alles)
    services.terugmelding_toevoegen(signaal_id=signaal.pk, door=agent, tekst="Pand bezocht.", voorgestelde_afloop="")
    signaal.indicatoren.add(Indicator.objects.order_by("pk")[0])

    weergave = partner_weergave(agent, signaal.pk)

    # Every part is filled, so every part is walked.
    lege = [veld.name for veld in dataclasses.fields(weergave) if getattr(weergave, veld.name) in ((), "")]
    assert lege == ([] if met_alles else ["bijlagen"])

    assert isinstance(weergave, PartnerWeergave)
    modellen = [w for w in alle_waarden(weergave) if isinstance(w, (models.Model, models.QuerySet))]
    assert modellen == []
    assert not any(isinstance(w, (Signaal, Betrokkene)) for w in alle_waarden(weergave))
    # The walk does reach the nested values (so the check above is not empty by accident).
    assert ("Naam", NAAM) in alle_waarden(weergave) if met_alles else NAAM not in str(weergave)


def test_identifying_columns_are_not_even_read_when_the_share_leaves_them_out(
    signaal: Signaal, af_hoorn: Gebruiker, politie: Organisatie, agent: Gebruiker
) -> None:
    naar_status(signaal, Status.ONTVANGEN, door=af_hoorn)
    deling = delen(signaal, door=af_hoorn, organisatie=politie, met_betrokkenen=False)

    with CaptureQueriesContext(connection) as zonder:
        weergave = partner_weergave(agent, signaal.pk)

    sql = "\n".join(q["sql"] for q in zonder.captured_queries)
    assert [kolom for kolom in IDENTIFICERENDE_KOLOMMEN if kolom in sql] == []
    assert [b.rol for b in weergave.betrokkenen] == ["Mogelijk slachtoffer"]
    assert [b.gegevens for b in weergave.betrokkenen] == [()]
    assert weergave.locaties == ((("Bedrijfsnaam", "Massagesalon Lotus"),),)
    assert weergave.bijlagen == ()

    # With a share that includes them, the same columns are read: the check above is a real one.
    Deling.objects.filter(pk=deling.pk).update(met_betrokkenen=True)
    with CaptureQueriesContext(connection) as met:
        weergave = partner_weergave(agent, signaal.pk)
    sql = "\n".join(q["sql"] for q in met.captured_queries)
    assert [kolom for kolom in IDENTIFICERENDE_KOLOMMEN if kolom in sql] == IDENTIFICERENDE_KOLOMMEN
    assert weergave.betrokkenen[0].gegevens == (
        ("Naam", NAAM),
        ("Geboortedatum", "4 mei 2001"),
        ("Telefoonnummer", "0611122233"),
    )
    assert weergave.locaties == ((("Bedrijfsnaam", "Massagesalon Lotus"), ("Adres", "Dorpsstraat 1, Hoorn")),)


def test_the_partner_sees_why_on_which_basis_until_when_and_whom_to_contact(
    client: Client, signaal: Signaal, hoorn: Organisatie, af_hoorn: Gebruiker, politie: Organisatie, agent: Gebruiker
) -> None:
    naar_status(signaal, Status.ONTVANGEN, door=af_hoorn)
    einddatum = timezone.localdate() + datetime.timedelta(days=45)
    delen(
        signaal,
        door=af_hoorn,
        organisatie=politie,
        einddatum=einddatum,
        grondslag=Deling.Grondslag.ANDERS,
        grondslag_toelichting="Afspraak in het convenant Zorg en Veiligheid 2025",
        reden="De politie onderzoekt het pand boven de salon.",
        met_bijlagen=True,
    )
    client.force_login(agent)

    html = client.get(reverse("meldroute:gedeeld_detail", args=[signaal.pk])).text

    assert f"Gedeeld met Politie – AVIM. Gedeeld tot en met {dag(einddatum)}." in html
    assert "<dt>Grondslag</dt><dd>Anders: Afspraak in het convenant Zorg en Veiligheid 2025</dd>" in html
    assert "<dt>Reden</dt><dd>De politie onderzoekt het pand boven de salon.</dd>" in html
    assert "<dt>Contact</dt><dd>Anna de Vries, Gemeente Hoorn</dd>" in html
    assert "gevel.txt</a> (17\xa0bytes)" in html
    download = client.get(reverse("meldroute:gedeeld_download", args=[signaal.pk]))
    assert download["Content-Disposition"] == f'attachment; filename="signaal-{signaal.referentie}.txt"'
    tekst = download.content.decode()
    assert f"Gedeeld met Politie – AVIM tot en met {dag(einddatum)}, grondslag: Anders" in tekst
    assert "Contact: Anna de Vries, Gemeente Hoorn" in tekst
    assert client.get(reverse("meldroute:terugmelding", args=[signaal.pk])).status_code == 200


def test_without_a_behandelaar_the_af_who_shared_is_the_contact(
    client: Client, signaal: Signaal, hoorn: Organisatie, af_hoorn: Gebruiker, politie: Organisatie, agent: Gebruiker
) -> None:
    collega = af(hoorn, username="bram", first_name="Bram", last_name="Bakker")
    assert signaal.behandelaar is None
    delen(signaal, door=collega, organisatie=politie)
    client.force_login(agent)

    html = client.get(reverse("meldroute:gedeeld_detail", args=[signaal.pk])).text

    assert "<dt>Contact</dt><dd>Bram Bakker, Gemeente Hoorn</dd>" in html
