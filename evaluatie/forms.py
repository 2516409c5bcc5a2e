import datetime
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone

from evaluatie.models import Training
from ketenpartners.models import Organisatie, Regio
from mensenhandel.formulieren import DatumInvoer, Tekstveld
from signalen.models import Team

DATUM = {"required": "Vul een datum in.", "invalid": "Vul een geldige datum in (dag-maand-jaar)."}


class DashboardFilterForm(forms.Form):
    """The period, the gemeente and the grouping of the trend. Every field is optional."""

    is_filter = True
    van = forms.DateField(label="Vanaf", required=False, widget=DatumInvoer(), error_messages=DATUM)
    tot = forms.DateField(label="Tot en met", required=False, widget=DatumInvoer(), error_messages=DATUM)
    regio = forms.ModelChoiceField(
        label="Regio",
        queryset=Regio.objects.none(),
        required=False,
        empty_label=None,
        error_messages={"invalid_choice": "Kies een regio uit de lijst."},
    )
    gemeente = forms.ModelChoiceField(
        label="Gemeente",
        queryset=Organisatie.objects.none(),
        required=False,
        empty_label="Alle gemeenten",
        error_messages={"invalid_choice": "Kies een gemeente uit de lijst."},
    )
    per = forms.ChoiceField(
        label="Verloop per",
        choices=[("maand", "Maand"), ("kwartaal", "Kwartaal")],
        required=False,
        error_messages={"invalid_choice": "Kies maand of kwartaal."},
    )

    def __init__(self, *args: Any, gemeenten: QuerySet[Organisatie], regios: QuerySet[Regio], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["gemeente"].queryset = gemeenten  # type: ignore[attr-defined]
        self.fields["regio"].queryset = regios  # type: ignore[attr-defined]
        if not regios.exists():
            del self.fields["regio"]

    def clean(self) -> dict[str, Any]:
        gegevens = super().clean() or {}
        van, tot = gegevens.get("van"), gegevens.get("tot")
        vandaag = timezone.localdate()
        if van and van.year < 2000:
            self.add_error("van", "Kies een datum vanaf 2000.")
        if tot and tot > vandaag + datetime.timedelta(days=366):
            self.add_error("tot", "Kies een datum binnen een jaar vanaf vandaag.")
        if van and tot and van > tot:
            raise forms.ValidationError("De datum 'vanaf' ligt na de datum 'tot en met'.")
        if van and tot and (tot - van).days > 366 * 10:
            raise forms.ValidationError("Kies een periode van hoogstens tien jaar.")
        return gegevens


class TrainingForm(forms.Form):
    gemeente = forms.ModelChoiceField(
        label="Gemeente",
        queryset=Organisatie.objects.none(),
        empty_label="Kies een gemeente",
        error_messages={"required": "Kies een gemeente.", "invalid_choice": "Kies een gemeente uit de lijst."},
    )
    datum = forms.DateField(label="Datum", widget=DatumInvoer(), error_messages=DATUM)
    onderwerp = Tekstveld(
        label="Onderwerp",
        max_length=200,
        help_text="Bijvoorbeeld: signalen van arbeidsuitbuiting herkennen. Geen namen van deelnemers.",
        error_messages={"required": "Vul het onderwerp in."},
    )
    teams = forms.ModelMultipleChoiceField(
        label="Teams die deelnamen",
        queryset=Team.objects.filter(actief=True),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Kies minstens één team.", "invalid_choice": "Kies teams uit de lijst."},
    )
    deelnemers = forms.IntegerField(
        label="Aantal deelnemers",
        min_value=1,
        max_value=10000,
        error_messages={
            "required": "Vul het aantal deelnemers in.",
            "invalid": "Vul een heel getal in.",
            "min_value": "Vul minstens 1 in.",
            "max_value": "Vul hoogstens 10.000 in.",
        },
    )
    aanbieder = forms.ChoiceField(
        label="Gegeven door",
        choices=[("", "Kies wie de training gaf"), *Training.Aanbieder.choices],
        error_messages={"required": "Kies wie de training gaf.", "invalid_choice": "Kies uit de lijst."},
    )
    aanbieder_anders = Tekstveld(
        label="Andere aanbieder",
        max_length=100,
        required=False,
        help_text="Alleen als u 'Anders' kiest.",
    )

    def __init__(self, *args: Any, gemeenten: QuerySet[Organisatie], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["gemeente"].queryset = gemeenten  # type: ignore[attr-defined]
        if gemeenten.count() == 1:
            self.initial.setdefault("gemeente", gemeenten.get().pk)


class BasisniveauForm(forms.Form):
    beleid_vastgesteld_op = forms.DateField(
        label="Beleid tegen mensenhandel vastgesteld op",
        required=False,
        widget=DatumInvoer(),
        help_text="De datum waarop de raad of het college het beleid vaststelde. Leeg als er nog geen beleid is.",
        error_messages=DATUM,
    )
    zorg_en_opvang_geregeld = forms.BooleanField(label="Zorg en opvang voor slachtoffers zijn geregeld", required=False)
    zorg_en_opvang_toelichting = Tekstveld(
        label="Toelichting zorg en opvang",
        max_length=300,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
