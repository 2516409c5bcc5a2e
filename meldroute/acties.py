"""Which actions the AF sees on a signal now, and which form and service each one uses."""

from collections.abc import Callable
from dataclasses import dataclass

from meldroute import forms, services
from signalen.models import Signaal
from signalen.workflow import MONITORING_STATUSSEN, TRANSITIES, VERRIJKING_STATUSSEN, Status

# "Geen (vermoeden van) mensenhandel" leaves the route early; "Heropenen" goes back on it.
UITGANGEN = frozenset({"geen_mensenhandel", "heropenen"})


@dataclass(frozen=True)
class Actie:
    naam: str
    label: str
    uitleg: str
    form: type[forms.ActieForm]
    service: Callable[..., Signaal]
    statussen: tuple[str, ...]
    hoofdactie: bool = True

    def beschikbaar(self, signaal: Signaal) -> bool:
        return signaal.status in self.statussen

    @property
    def uitgang(self) -> bool:
        """A way off the normal route: offered as a secondary button, not as the next step."""
        return self.naam in UITGANGEN


def _overgang(naam: str, form: type[forms.ActieForm], uitleg: str) -> Actie:
    transitie = TRANSITIES[naam]
    return Actie(
        naam=naam,
        label=transitie.label,
        uitleg=uitleg,
        form=form,
        service=getattr(services, naam),
        statussen=tuple(s.value for s in transitie.van),
    )


ACTIES: dict[str, Actie] = {
    a.naam: a
    for a in [
        _overgang(
            "in_behandeling_nemen",
            forms.BehandelaarForm,
            "Stap 2: u neemt het signaal in behandeling en kiest wie het behandelt.",
        ),
        _overgang("verrijken", forms.VerrijkingForm, "Stap 3: leg vast welke bron u raadpleegde en wat u vond."),
        _overgang(
            "lokale_tafel_bespreken",
            forms.TafelForm,
            "Stap 4: het verrijkte signaal is besproken aan de lokale ondermijningstafel, "
            "met de politie of met het PCT.",
        ),
        _overgang(
            "riec_inschakelen",
            forms.RiecForm,
            "Stap 5: er is een vermoeden van mensenhandel; het RIEC is ingeschakeld.",
        ),
        _overgang(
            "informatieplein_inbrengen",
            forms.InformatiepleinForm,
            "Stap 6: het signaal is ingebracht op het informatieplein van het RIEC.",
        ),
        _overgang("terugkoppelen", forms.TerugkoppelingForm, "Stap 7: de terugkoppeling aan de melder."),
        _overgang(
            "geen_mensenhandel",
            forms.GeenMensenhandelForm,
            "U concludeert dat er geen (vermoeden van) mensenhandel is. Het signaal gaat direct naar terugkoppeling.",
        ),
        _overgang("afsluiten", forms.AfsluitenForm, "Sluit het signaal af met de afloop."),
        _overgang("heropenen", forms.HeropenenForm, "Het signaal gaat terug naar stap 2 (ontvangen)."),
        Actie(
            naam="verrijking_toevoegen",
            label="Verrijking toevoegen",
            uitleg="Leg nog een bron en bevinding vast. Het signaal blijft in dezelfde stap.",
            form=forms.VerrijkingForm,
            service=services.verrijking_toevoegen,
            statussen=tuple(VERRIJKING_STATUSSEN),
            hoofdactie=False,
        ),
        Actie(
            naam="herbeoordeling_plannen",
            label="Herbeoordeling plannen",
            uitleg="Lopend signaal: het blijft in deze stap en komt op de gekozen datum terug in de werkbak.",
            form=forms.HerbeoordelingForm,
            service=services.herbeoordeling_plannen,
            statussen=tuple(MONITORING_STATUSSEN),
            hoofdactie=False,
        ),
        Actie(
            naam="behandelaar_wijzigen",
            label="Behandelaar wijzigen",
            uitleg="Draag het signaal over aan een andere aandachtsfunctionaris van de gemeente.",
            form=forms.BehandelaarForm,
            service=services.behandelaar_wijzigen,
            statussen=tuple(s.value for s in Status if s not in (Status.OPGEPIKT, Status.AFGESLOTEN)),
            hoofdactie=False,
        ),
    ]
}


def beschikbare_acties(signaal: Signaal) -> list[Actie]:
    return [actie for actie in ACTIES.values() if actie.beschikbaar(signaal)]
