import datetime
from typing import Any

from django import forms
from django.conf import settings
from django.db.models import QuerySet

from ketenpartners.models import Gebruiker, Organisatie
from meldroute.models import Deling
from mensenhandel.formulieren import Datumveld, Tekstveld, morgen, over_dagen, vandaag
from signalen.models import Signaal
from signalen.workflow import Status
from tafels.models import Agendapunt

DATUM = {"required": "Vul een datum in.", "invalid": "Vul een geldige datum in."}
# A meeting is planned within a year; a decision keeps a signal lopend for at most a year.
JAAR = 365


def _jaar() -> int:
    return JAAR


def _deling_max_dagen() -> int:
    return int(settings.DELING_MAX_DAGEN)


class BijeenkomstForm(forms.Form):
    datum = Datumveld(label="Datum", vroegst=vandaag, laatst=over_dagen(_jaar), error_messages=DATUM)
    aanvang = forms.TimeField(
        label="Aanvang",
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        error_messages={"required": "Vul de aanvangstijd in.", "invalid": "Vul een tijd in als 14:30."},
    )
    plaats = Tekstveld(label="Plaats", max_length=200, error_messages={"required": "Vul in waar de tafel bijeenkomt."})


class AgendapuntForm(forms.Form):
    """One signal of the proposal onto the agenda (a button per signal)."""

    signaal = forms.IntegerField(widget=forms.HiddenInput, error_messages={"required": "Kies een signaal."})
    soort = forms.ChoiceField(
        choices=[(Agendapunt.Soort.NIEUW, "Nieuw"), (Agendapunt.Soort.LOPEND, "Lopend")], widget=forms.HiddenInput
    )


class BesluitForm(forms.Form):
    # The step the user saw: a change by someone else in between is caught, as on the signal page.
    verwachte_status = forms.ChoiceField(choices=Status.choices, widget=forms.HiddenInput)
    besluit = forms.ChoiceField(
        label="Besluit",
        choices=Agendapunt.Besluit.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Kies een besluit.", "invalid_choice": "Kies een besluit uit de lijst."},
    )
    conclusie = Tekstveld(
        label="Conclusie van de tafel",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Komt op de tijdlijn van het signaal en in het verslag, alleen voor wie het signaal mag zien. "
        "Noem geen namen: die staan in het signaal.",
        error_messages={"required": "Schrijf de conclusie van de tafel op."},
    )
    riec_contact = Tekstveld(
        label="Contactpersoon bij het RIEC",
        max_length=200,
        required=False,
        help_text="Verplicht bij 'Doorzetten naar het RIEC'.",
    )
    terugkoppeling = Tekstveld(
        label="Terugkoppeling aan de melder",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text="Verplicht bij 'Geen (vermoeden van) mensenhandel'. De melder leest deze tekst.",
    )
    lopend_tot = Datumveld(
        label="Lopend houden tot",
        required=False,
        vroegst=morgen,
        laatst=over_dagen(_jaar),
        help_text="Verplicht bij 'Lopend houden'. Op die datum staat het signaal weer in het voorstel voor de agenda.",
        error_messages=DATUM,
    )
    organisatie = forms.ModelChoiceField(
        label="Delen met",
        queryset=Organisatie.objects.none(),
        required=False,
        empty_label="Kies een lidorganisatie",
        help_text="Verplicht bij 'Delen met een lidorganisatie'.",
        error_messages={"invalid_choice": "Kies een lidorganisatie van deze tafel."},
    )
    grondslag = forms.ChoiceField(
        label="Grondslag van het delen",
        # "Anders" needs its own explanation: share from the signal page for that.
        choices=[("", "Kies een grondslag"), *[k for k in Deling.Grondslag.choices if k[0] != Deling.Grondslag.ANDERS]],
        required=False,
        help_text="Verplicht bij 'Delen met een lidorganisatie'.",
    )
    einddatum = Datumveld(
        label="Gedeeld tot en met",
        required=False,
        help_text="Verplicht bij 'Delen met een lidorganisatie'. Daarna kan de organisatie het signaal niet meer zien.",
        vroegst=morgen,
        laatst=over_dagen(_deling_max_dagen),
        error_messages=DATUM,
    )

    # Required only with one decision (tafels.services.VERPLICHT_PER_BESLUIT); the help text says which.
    VOORWAARDELIJK = ("riec_contact", "terugkoppeling", "lopend_tot", "organisatie", "grondslag", "einddatum")

    def __init__(self, *args: Any, leden: Any, signaal: Signaal, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.initial.setdefault("verwachte_status", signaal.status)
        for naam in self.VOORWAARDELIJK:
            self.fields[naam].voorwaardelijk = True  # type: ignore[attr-defined]
        veld = self.fields["organisatie"]
        assert isinstance(veld, forms.ModelChoiceField)
        veld.queryset = leden


class EigenaarVeld(forms.ModelChoiceField[Gebruiker]):
    def label_from_instance(self, obj: Gebruiker) -> str:
        return obj.get_full_name() or obj.username


class TafelactieForm(forms.Form):
    omschrijving = Tekstveld(
        label="Wat moet er gebeuren?",
        max_length=300,
        help_text="Noem geen namen of andere persoonsgegevens.",
        error_messages={"required": "Beschrijf wat er moet gebeuren."},
    )
    eigenaar = EigenaarVeld(
        label="Wie voert het uit?",
        queryset=Gebruiker.objects.none(),
        empty_label="Kies een persoon",
        error_messages={"required": "Kies wie de actie uitvoert.", "invalid_choice": "Kies iemand uit de lijst."},
    )
    uiterlijk = Datumveld(label="Uiterlijk op", vroegst=vandaag, laatst=over_dagen(_jaar), error_messages=DATUM)

    def __init__(self, *args: Any, eigenaren: QuerySet[Gebruiker], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        veld = self.fields["eigenaar"]
        assert isinstance(veld, forms.ModelChoiceField)
        veld.queryset = eigenaren


def standaard_uiterlijk() -> datetime.date:
    return vandaag() + datetime.timedelta(days=14)
