"""The forms with which the AF keeps the dossier up to date (meldroute/views/dossier.py).

A betrokkene and a locatie use the intake form's own forms (signalen/forms.py), with the same
limits and checks: plausible dates, KvK digits, phone numbers, maximum lengths.
"""

from typing import Any

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db.models import Q

from meldroute.services.dossier import LEGE_LOCATIE
from mensenhandel.formulieren import Tekstveld
from signalen.forms import LocatieForm
from signalen.models import Indicator, Signaal, Vorm
from signalen.uploads import bijlage_valideren


class LocatieDossierForm(LocatieForm):
    def clean(self) -> dict[str, Any]:
        gegevens = super().clean()
        # The intake form leaves an untouched row alone; on its own page an empty locatie is a mistake.
        leeg = not any(gegevens.get(v) for v in ("adres", "bedrijfsnaam", "kvk_nummer"))
        if not self.has_changed() and leeg and "kvk_nummer" not in self.errors:
            raise forms.ValidationError(LEGE_LOCATIE)
        return gegevens


class KenmerkenForm(forms.Form):
    vormen = forms.ModelMultipleChoiceField(
        label="Vorm(en) van mensenhandel",
        queryset=Vorm.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        help_text="Minstens één. Is de vorm (nog) niet duidelijk, kies dan 'Onbekend'.",
        error_messages={
            "required": "Kies minstens één vorm, of 'Onbekend'.",
            "invalid_choice": "Kies vormen uit de lijst.",
        },
    )
    indicatoren = forms.ModelMultipleChoiceField(
        label="Indicatoren",
        queryset=Indicator.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        error_messages={"invalid_choice": "Kies indicatoren uit de lijst."},
    )

    def __init__(self, *args: Any, signaal: Signaal, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        veld = self.fields["indicatoren"]
        assert isinstance(veld, forms.ModelMultipleChoiceField)
        # The active list, and whatever the signal already has (an indicator since retired stays choosable).
        veld.queryset = Indicator.objects.filter(Q(actief=True) | Q(signalen=signaal)).distinct().order_by("naam")
        self.initial.setdefault("vormen", [v.pk for v in signaal.vormen.all()])
        self.initial.setdefault("indicatoren", [i.pk for i in signaal.indicatoren.all()])


class BijlageForm(forms.Form):
    bestand = forms.FileField(
        label="Bestand",
        error_messages={
            "required": "Kies een bestand om toe te voegen.",
            "empty": "Het gekozen bestand is leeg. Kies een ander bestand.",
            "invalid": "Het bestand is niet goed aangekomen. Kies het opnieuw.",
        },
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["bestand"].help_text = (
            f"Bijvoorbeeld het verslag van een tafel. Toegestaan: {', '.join(settings.BIJLAGE_EXTENSIES)}; "
            f"maximaal {settings.BIJLAGE_MAX_MB} MB per bestand, {settings.BIJLAGEN_PER_MELDING} bestanden "
            f"en samen {settings.BIJLAGEN_MB_PER_MELDING} MB per signaal."
        )

    def clean_bestand(self) -> UploadedFile:
        bestand: UploadedFile = self.cleaned_data["bestand"]
        bijlage_valideren(bestand)
        return bestand


class NotitieForm(forms.Form):
    tekst = Tekstveld(
        label="Notitie",
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Alleen voor de aandachtsfunctionarissen van de gemeente; "
        "ketenpartners en de melder zien notities nooit. Een notitie is later niet te wijzigen.",
        error_messages={"required": "Schrijf de notitie."},
    )
