"""The whole transition table: every (state, transition) pair, allowed or refused."""

import pytest
from django.core.exceptions import ValidationError

from ketenpartners.models import Gebruiker
from meldroute import services
from meldroute.models import StapRegistratie
from signalen.models import Signaal
from signalen.workflow import TRANSITIES, Status
from tests.factories import naar_status, signaal_melden, transitie_gegevens

pytestmark = pytest.mark.django_db


def signaal_in(status: str, *, melder: Gebruiker, af: Gebruiker) -> Signaal:
    signaal = signaal_melden(melder=melder)
    if status == Status.OPGEPIKT:
        return signaal
    return naar_status(signaal, status, door=af)


PAREN = [(status, naam) for status in Status for naam in TRANSITIES]


@pytest.mark.parametrize(("status", "naam"), PAREN, ids=[f"{s.value}-{n}" for s, n in PAREN])
def test_every_state_and_transition_pair_is_allowed_only_by_the_table(
    status: Status, naam: str, melder_hoorn: Gebruiker, af_hoorn: Gebruiker
) -> None:
    signaal = signaal_in(status, melder=melder_hoorn, af=af_hoorn)
    transitie = TRANSITIES[naam]
    registraties_voor = StapRegistratie.objects.filter(signaal=signaal).count()
    gegevens = transitie_gegevens(naam, af_gebruiker=af_hoorn)

    if status in transitie.van:
        getattr(services, naam)(signaal_id=signaal.pk, door=af_hoorn, **gegevens)
        signaal.refresh_from_db()
        assert signaal.status == transitie.naar
        laatste = StapRegistratie.objects.filter(signaal=signaal, actie=naam).latest("op", "pk")
        assert (laatste.van_status, laatste.naar_status, laatste.door) == (status, transitie.naar, af_hoorn)
    else:
        with pytest.raises(services.ActieNietToegestaan) as fout:
            getattr(services, naam)(signaal_id=signaal.pk, door=af_hoorn, **gegevens)
        assert "kan niet in stap" in str(fout.value)
        signaal.refresh_from_db()
        assert signaal.status == status
        assert StapRegistratie.objects.filter(signaal=signaal).count() == registraties_voor


def test_the_table_covers_exactly_the_transition_methods_of_the_signal() -> None:
    methoden = {t.name for t in Signaal._meta.get_field("status").get_all_transitions(Signaal)}
    assert methoden == set(TRANSITIES)
    for naam, transitie in TRANSITIES.items():
        bronnen = {t.source for t in Signaal._meta.get_field("status").get_all_transitions(Signaal) if t.name == naam}
        assert bronnen == {s.value for s in transitie.van}


VERPLICHT = [
    ("verrijken", Status.ONTVANGEN, "bevindingen"),
    ("verrijken", Status.ONTVANGEN, "bron"),
    ("lokale_tafel_bespreken", Status.VERRIJKT, "besluit"),
    ("lokale_tafel_bespreken", Status.VERRIJKT, "besproken_op"),
    ("riec_inschakelen", Status.LOKALE_TAFEL, "vermoeden"),
    ("riec_inschakelen", Status.LOKALE_TAFEL, "contact"),
    ("informatieplein_inbrengen", Status.RIEC, "resultaat"),
    ("terugkoppelen", Status.INFORMATIEPLEIN, "tekst"),
    ("geen_mensenhandel", Status.VERRIJKT, "onderbouwing"),
    ("afsluiten", Status.TERUGKOPPELING, "afloop"),
    ("heropenen", Status.AFGESLOTEN, "reden"),
    ("in_behandeling_nemen", Status.OPGEPIKT, "behandelaar"),
]


@pytest.mark.parametrize(("naam", "status", "veld"), VERPLICHT)
def test_a_transition_without_its_required_data_is_refused_in_dutch_and_changes_nothing(
    naam: str, status: Status, veld: str, melder_hoorn: Gebruiker, af_hoorn: Gebruiker
) -> None:
    signaal = signaal_in(status, melder=melder_hoorn, af=af_hoorn)
    gegevens = transitie_gegevens(naam, af_gebruiker=af_hoorn) | {veld: "" if veld != "behandelaar" else None}

    with pytest.raises(ValidationError) as fout:
        getattr(services, naam)(signaal_id=signaal.pk, door=af_hoorn, **gegevens)

    assert fout.value.message_dict == {veld: ["Dit veld is verplicht."]}
    signaal.refresh_from_db()
    assert signaal.status == status


def test_reopening_goes_back_to_ontvangen_and_keeps_the_reason(melder_hoorn: Gebruiker, af_hoorn: Gebruiker) -> None:
    signaal = signaal_in(Status.AFGESLOTEN, melder=melder_hoorn, af=af_hoorn)
    assert signaal.afloop == "zorgtraject"

    services.heropenen(signaal_id=signaal.pk, door=af_hoorn, reden="Nieuwe melding over hetzelfde adres.")

    signaal.refresh_from_db()
    assert signaal.status == Status.ONTVANGEN
    assert signaal.afloop == ""
    assert signaal.registraties.latest("op", "pk").toelichting == "Nieuwe melding over hetzelfde adres."


def test_the_state_cannot_be_set_directly(melder_hoorn: Gebruiker) -> None:
    signaal = signaal_melden(melder=melder_hoorn)
    with pytest.raises(AttributeError):
        signaal.status = Status.AFGESLOTEN
