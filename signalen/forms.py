from typing import Any

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.utils import timezone

from ketenpartners.models import Gebruiker
from ketenpartners.selectors import gemeenten_van_melder
from mensenhandel.formulieren import DatumInvoer, MeerdereBestandenVeld
from signalen.models import Betrokkene, Indicator, Locatie, Signaal, Team, TijdelijkeBijlage, Vorm
from signalen.uploads import bijlage_valideren


def niet_in_de_toekomst(datum: Any) -> None:
    if datum and datum > timezone.localdate():
        raise forms.ValidationError("Deze datum ligt in de toekomst. Vul een datum van vandaag of eerder in.")


class SignaalForm(forms.ModelForm[Signaal]):
    vormen = forms.ModelMultipleChoiceField(
        label="Vorm(en) van mensenhandel",
        queryset=Vorm.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        help_text="Kies alles wat u vermoedt. Weet u het niet, kies dan 'Onbekend'.",
        error_messages={"required": "Kies minstens één vorm, of 'Onbekend'."},
    )
    indicatoren = forms.ModelMultipleChoiceField(
        label="Welke indicatoren heeft u gezien?",
        queryset=Indicator.objects.filter(actief=True),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    acuut = forms.TypedChoiceField(
        label="Is er acuut gevaar?",
        choices=[("nee", "Nee"), ("ja", "Ja, er is acuut gevaar")],
        coerce=lambda waarde: waarde == "ja",
        widget=forms.RadioSelect,
        help_text="Bij acuut gevaar belt u eerst 112. Meld het signaal daarna hier.",
        error_messages={"required": "Geef aan of er acuut gevaar is."},
    )

    class Meta:
        model = Signaal
        fields = ["gemeente", "team", "waargenomen_op", "omschrijving", "vormen", "acuut", "indicatoren"]
        labels = {
            "gemeente": "Gemeente",
            "team": "Uw team",
            "waargenomen_op": "Wanneer heeft u het gezien?",
            "omschrijving": "Wat heeft u gezien of gehoord?",
        }
        help_texts = {
            "omschrijving": "Beschrijf zo feitelijk mogelijk wat u zag of hoorde, waar en wanneer.",
        }
        widgets = {"waargenomen_op": DatumInvoer(), "omschrijving": forms.Textarea(attrs={"rows": 6})}
        error_messages = {
            "gemeente": {"required": "Kies de gemeente.", "invalid_choice": "Kies een gemeente uit de lijst."},
            "team": {"required": "Kies uw team.", "invalid_choice": "Kies een team uit de lijst."},
            "waargenomen_op": {
                "required": "Vul de datum in waarop u het zag.",
                "invalid": "Vul een geldige datum in, bijvoorbeeld 14-03-2026.",
            },
            "omschrijving": {"required": "Beschrijf wat u heeft gezien of gehoord."},
        }

    def __init__(self, *args: Any, melder: Gebruiker, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        gemeenten = gemeenten_van_melder(melder)
        gemeente_veld = self.fields["gemeente"]
        assert isinstance(gemeente_veld, forms.ModelChoiceField)
        gemeente_veld.queryset = gemeenten
        gemeente_veld.empty_label = None
        if not self.is_bound:
            self.initial.setdefault("gemeente", gemeenten.first())
            self.initial.setdefault("acuut", "nee")
        team_veld = self.fields["team"]
        assert isinstance(team_veld, forms.ModelChoiceField)
        team_veld.queryset = Team.objects.filter(actief=True)
        team_veld.empty_label = "Kies uw team"

    def clean_waargenomen_op(self) -> Any:
        datum = self.cleaned_data.get("waargenomen_op")
        niet_in_de_toekomst(datum)
        return datum


class BetrokkeneForm(forms.ModelForm[Betrokkene]):
    class Meta:
        model = Betrokkene
        fields = ["rol", "naam", "geboortedatum", "nationaliteit", "adres", "telefoon", "notities"]
        widgets = {"geboortedatum": DatumInvoer(), "notities": forms.Textarea(attrs={"rows": 3})}
        error_messages = {
            "rol": {"required": "Kies de rol van deze betrokkene."},
            "geboortedatum": {"invalid": "Vul een geldige geboortedatum in."},
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["rol"].choices = [("", "Kies een rol"), *Betrokkene.Rol.choices]  # type: ignore[attr-defined]

    def clean_geboortedatum(self) -> Any:
        datum = self.cleaned_data.get("geboortedatum")
        niet_in_de_toekomst(datum)
        return datum


class LocatieForm(forms.ModelForm[Locatie]):
    class Meta:
        model = Locatie
        fields = ["adres", "bedrijfsnaam", "kvk_nummer", "omschrijving"]
        widgets = {"omschrijving": forms.Textarea(attrs={"rows": 3})}
        help_texts = {"kvk_nummer": "8 cijfers, bijvoorbeeld 12345678."}

    def clean(self) -> dict[str, Any]:
        gegevens = super().clean() or {}
        if self.has_changed() and not any(gegevens.get(v) for v in ("adres", "bedrijfsnaam", "kvk_nummer")):
            raise forms.ValidationError("Vul bij een locatie minstens een adres, bedrijfsnaam of KvK-nummer in.")
        return gegevens


BetrokkeneFormSet = forms.formset_factory(BetrokkeneForm, extra=0, max_num=20, validate_max=True, can_delete=True)
LocatieFormSet = forms.formset_factory(LocatieForm, extra=0, max_num=20, validate_max=True, can_delete=True)
BetrokkeneFormSet.itemnaam = "Betrokkene"  # type: ignore[attr-defined]
LocatieFormSet.itemnaam = "Locatie"  # type: ignore[attr-defined]


class BijlagenForm(forms.Form):
    """New uploads. Valid files are kept aside at once, so a correction elsewhere loses none."""

    bijlagen = MeerdereBestandenVeld(
        label="Bijlagen toevoegen",
        required=False,
        help_text="Bijvoorbeeld een foto of document (niet verplicht).",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.geldige_uploads: list[UploadedFile] = []
        self.fields[
            "bijlagen"
        ].help_text += (
            f" Toegestaan: {', '.join(settings.BIJLAGE_EXTENSIES)}; maximaal {settings.BIJLAGE_MAX_MB} MB per bestand."
        )

    def clean_bijlagen(self) -> list[UploadedFile]:
        bijlagen: list[UploadedFile] = self.cleaned_data.get("bijlagen") or []
        fouten: list[forms.ValidationError] = []
        for upload in bijlagen:
            try:
                bijlage_valideren(upload)
            except forms.ValidationError as fout:
                fouten.append(fout)
            else:
                self.geldige_uploads.append(upload)
        if fouten:
            raise forms.ValidationError(fouten)
        return bijlagen


def bewaarde_bijlagen(melder: Gebruiker, ids: list[str]) -> list[TijdelijkeBijlage]:
    """Uploads kept from an earlier attempt of this melder; ids of others are ignored."""
    geldige = [int(i) for i in ids if i.isascii() and i.isdecimal() and len(i) < 19]
    return list(TijdelijkeBijlage.objects.filter(eigenaar=melder, pk__in=geldige).order_by("pk"))


def zonder_foutmeldingen(*items: forms.BaseForm | forms.BaseFormSet[Any]) -> None:
    """Show bound forms without error messages (after "add a row", nothing is judged yet)."""
    for item in items:
        if isinstance(item, forms.BaseFormSet):
            item._errors = []  # type: ignore[attr-defined]
            item._non_form_errors = forms.utils.ErrorList()  # type: ignore[attr-defined]
            zonder_foutmeldingen(*item.forms)
        else:
            item._errors = forms.utils.ErrorDict()  # type: ignore[attr-defined]
