"""Test data built with the real services, so tests see what users would have made."""

import datetime
from typing import Any, cast

import factory
from django.utils import timezone

from ketenpartners.models import Gebruiker, Organisatie, Regio, Rol
from ketenpartners.services import lidmaatschap_toevoegen
from meldroute import services as meldroute
from meldroute.models import Deling
from signalen.models import Signaal, Team, Vorm
from signalen.services import signaal_indienen
from signalen.workflow import TRANSITIES, Status

WACHTWOORD = "test-wachtwoord-123"
GISTEREN = datetime.date.today() - datetime.timedelta(days=1)


class RegioFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Regio
        django_get_or_create = ["naam"]

    naam = "Westfriesland"


class OrganisatieFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisatie
        django_get_or_create = ["naam"]
        skip_postgeneration_save = True

    naam = factory.Sequence(lambda n: f"Gemeente {n}")
    soort = Organisatie.Soort.GEMEENTE

    @factory.post_generation
    def regio(self, create: bool, extracted: Regio | None, **kwargs: Any) -> None:
        # Called with the new organisation as ``self``, not the factory.
        if create:
            cast(Organisatie, self).regios.add(extracted or cast(Regio, RegioFactory()))


class GebruikerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Gebruiker
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"gebruiker{n}")
    first_name = "Test"
    last_name = factory.Sequence(lambda n: f"Gebruiker {n}")
    email = factory.LazyAttribute(lambda g: f"{g.username}@example.org")
    password = factory.django.Password(WACHTWOORD)


def gebruiker_met_rol(organisatie: Organisatie, rol: str, **kwargs: Any) -> Gebruiker:
    gebruiker = cast(Gebruiker, GebruikerFactory(**kwargs))
    lidmaatschap_toevoegen(gebruiker=gebruiker, organisatie=organisatie, rol=rol)
    return gebruiker


def af(gemeente: Organisatie, **kwargs: Any) -> Gebruiker:
    return gebruiker_met_rol(gemeente, Rol.AANDACHTSFUNCTIONARIS, **kwargs)


def medewerker(gemeente: Organisatie, **kwargs: Any) -> Gebruiker:
    return gebruiker_met_rol(gemeente, Rol.MEDEWERKER, **kwargs)


def signaal_melden(
    *, melder: Gebruiker, gemeente: Organisatie | None = None, acuut: bool = False, **kwargs: Any
) -> Signaal:
    gemeente = gemeente or melder.lidmaatschappen.get(rol=Rol.MEDEWERKER).organisatie
    gegevens: dict[str, Any] = {
        "team": Team.objects.get(naam="Balie"),
        "waargenomen_op": GISTEREN,
        "omschrijving": "Op één adres staan twaalf mensen ingeschreven; er komen 's nachts busjes.",
        "vormen": [Vorm.objects.get(code="arbeidsuitbuiting")],
        "acuut": acuut,
    }
    gegevens.update(kwargs)
    return signaal_indienen(door=melder, gemeente=gemeente, **gegevens)


# The data each transition needs, so a test can walk a signal to any state.
def transitie_gegevens(naam: str, *, af_gebruiker: Gebruiker) -> dict[str, Any]:
    gegevens: dict[str, dict[str, Any]] = {
        "in_behandeling_nemen": {"behandelaar": af_gebruiker},
        "verrijken": {"bron": "brp", "bevindingen": "Twaalf inschrijvingen op het adres."},
        "lokale_tafel_bespreken": {"soort": "ondermijningstafel", "besproken_op": GISTEREN, "besluit": "Naar RIEC."},
        "riec_inschakelen": {"vermoeden": "Signalen van dwang.", "contact": "RIEC Noord-Holland", "datum": GISTEREN},
        "informatieplein_inbrengen": {"ingebracht_op": GISTEREN, "resultaat": "Opgepakt door politie."},
        "terugkoppelen": {"tekst": "Dank voor uw melding; er wordt actie op ondernomen.", "gegeven_op": GISTEREN},
        "geen_mensenhandel": {
            "onderbouwing": "Geen aanwijzingen voor uitbuiting.",
            "doorverwijzing": "Veilig Thuis",
            "tekst": "Dank voor uw melding; er bleek geen sprake van mensenhandel.",
            "gegeven_op": GISTEREN,
        },
        "afsluiten": {"afloop": "zorgtraject"},
        "heropenen": {"reden": "Nieuwe informatie ontvangen."},
    }
    return gegevens[naam]


# The shortest route from opgepikt to each state.
ROUTE = [
    ("in_behandeling_nemen", Status.ONTVANGEN),
    ("verrijken", Status.VERRIJKT),
    ("lokale_tafel_bespreken", Status.LOKALE_TAFEL),
    ("riec_inschakelen", Status.RIEC),
    ("informatieplein_inbrengen", Status.INFORMATIEPLEIN),
    ("terugkoppelen", Status.TERUGKOPPELING),
    ("afsluiten", Status.AFGESLOTEN),
]


def naar_status(signaal: Signaal, status: str, *, door: Gebruiker) -> Signaal:
    """Walk the signal along the meldroute until it reaches ``status``."""
    for naam, doel in ROUTE:
        if signaal.status == status:
            break
        if signaal.status not in TRANSITIES[naam].van:
            continue
        getattr(meldroute, naam)(signaal_id=signaal.pk, door=door, **transitie_gegevens(naam, af_gebruiker=door))
        signaal.refresh_from_db()
        assert signaal.status == doel
    assert signaal.status == status
    return signaal


def delen(
    signaal: Signaal,
    *,
    door: Gebruiker,
    organisatie: Organisatie,
    einddatum: datetime.date | None = None,
    **kwargs: Any,
) -> Deling:
    """Share the signal as the AF would, under the RIEC-convenant, for 30 days unless said otherwise."""
    gegevens: dict[str, Any] = {
        "grondslag": Deling.Grondslag.RIEC_CONVENANT,
        "reden": "Besproken aan de lokale tafel.",
        "einddatum": einddatum or timezone.localdate() + datetime.timedelta(days=30),
    }
    gegevens.update(kwargs)
    return meldroute.delen(signaal_id=signaal.pk, door=door, organisatie=organisatie, **gegevens)
