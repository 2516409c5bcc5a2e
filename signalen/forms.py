import datetime
from collections.abc import Sequence
from typing import Any

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile

from ketenpartners.models import Gebruiker
from ketenpartners.selectors import gemeenten_van_melder
from mensenhandel import invoer
from mensenhandel.formulieren import (
    Datumveld,
    MeerdereBestandenVeld,
    Tekstveld,
    begrensde_formset,
    tekstvelden_begrenzen,
    vandaag,
)
from signalen.models import Betrokkene, Indicator, Locatie, Signaal, Team, TijdelijkeBijlage, Vorm
from signalen.uploads import bijlage_valideren, quotum_toepassen

# Nobody alive was born before this, and nothing seen happened before it: it stops year 1 and typos.
VROEGSTE_DATUM = datetime.date(1900, 1, 1)
# A municipal report names a handful of people and places; more rows is a mistake or an attack.
MAX_BETROKKENEN = 20
MAX_LOCATIES = 20
# Notes on one person or place; the signal's own description may be longer (LANGE_TEKST).
KORTE_NOTITIE = 2000


class SignaalForm(forms.ModelForm[Signaal]):
    waargenomen_op = Datumveld(
        label="Wanneer heeft u het gezien?",
        vroegst=VROEGSTE_DATUM,
        laatst=vandaag,
        error_messages={
            "required": "Vul de datum in waarop u het zag.",
            "invalid": "Vul een geldige datum in, bijvoorbeeld 14-03-2026.",
        },
    )
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
        formfield_callback = tekstvelden_begrenzen
        labels = {
            "gemeente": "Gemeente",
            "team": "Uw team",
            "omschrijving": "Wat heeft u gezien of gehoord?",
        }
        help_texts = {
            "omschrijving": "Beschrijf zo feitelijk mogelijk wat u zag of hoorde, waar en wanneer.",
        }
        widgets = {"omschrijving": forms.Textarea(attrs={"rows": 6})}
        error_messages = {
            "gemeente": {
                "required": "Kies de gemeente waarvoor u meldt.",
                "invalid_choice": "Kies een gemeente uit de lijst.",
            },
            "team": {"required": "Kies uw team.", "invalid_choice": "Kies een team uit de lijst."},
            "omschrijving": {"required": "Beschrijf wat u heeft gezien of gehoord."},
        }

    def __init__(self, *args: Any, melder: Gebruiker, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        gemeenten = gemeenten_van_melder(melder)
        gemeente_veld = self.fields["gemeente"]
        assert isinstance(gemeente_veld, forms.ModelChoiceField)
        gemeente_veld.queryset = gemeenten
        alleen_gemeente = list(gemeenten[:2])
        if len(alleen_gemeente) == 1:
            # One gemeente: nothing to choose, so it is chosen already.
            gemeente_veld.empty_label = None
            self.initial.setdefault("gemeente", alleen_gemeente[0])
        else:
            # Several: a preselected one would send a signal to the wrong AF unnoticed.
            gemeente_veld.empty_label = "Kies een gemeente"
        if not self.is_bound:
            self.initial.setdefault("acuut", "nee")
        team_veld = self.fields["team"]
        assert isinstance(team_veld, forms.ModelChoiceField)
        team_veld.queryset = Team.objects.filter(actief=True)
        team_veld.empty_label = "Kies uw team"


class BetrokkeneForm(forms.ModelForm[Betrokkene]):
    geboortedatum = Datumveld(
        label="Geboortedatum",
        required=False,
        vroegst=VROEGSTE_DATUM,
        laatst=vandaag,
        error_messages={"invalid": "Vul een geldige geboortedatum in."},
    )
    notities = Tekstveld(
        label="Notities", required=False, max_length=KORTE_NOTITIE, widget=forms.Textarea(attrs={"rows": 3})
    )

    class Meta:
        model = Betrokkene
        fields = ["rol", "naam", "geboortedatum", "nationaliteit", "adres", "telefoon", "notities"]
        formfield_callback = tekstvelden_begrenzen
        help_texts = {"telefoon": "Bijvoorbeeld 06 12345678 of +32 470 123456."}
        error_messages = {"rol": {"required": "Kies de rol van deze betrokkene."}}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["rol"].choices = [("", "Kies een rol"), *Betrokkene.Rol.choices]  # type: ignore[attr-defined]
        # The input type says "a phone number" to assistive technology and mobile keyboards.
        self.fields["telefoon"].widget.input_type = "tel"

    def clean_geboortedatum(self) -> Any:
        # The field checks the range; a subclass (the FG's correction form) adds its own rules here.
        return self.cleaned_data.get("geboortedatum")

    def clean_telefoon(self) -> str:
        """Stored in one form (E.164, such as +31612345678), so the same number is always found."""
        return invoer.telefoonnummer(self.cleaned_data.get("telefoon") or "")


class LocatieForm(forms.ModelForm[Locatie]):
    omschrijving = Tekstveld(
        label="Omschrijving", required=False, max_length=KORTE_NOTITIE, widget=forms.Textarea(attrs={"rows": 3})
    )

    class Meta:
        model = Locatie
        fields = ["adres", "bedrijfsnaam", "kvk_nummer", "omschrijving"]
        formfield_callback = tekstvelden_begrenzen
        help_texts = {"kvk_nummer": "8 cijfers, bijvoorbeeld 12345678."}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kvk_nummer"].widget.attrs["inputmode"] = "numeric"

    def clean_kvk_nummer(self) -> str:
        # Before the model's check, whose \d also takes full-width and Arabic-Indic digits.
        return invoer.kvk_nummer(self.cleaned_data.get("kvk_nummer") or "")

    def clean(self) -> dict[str, Any]:
        gegevens = super().clean() or {}
        leeg = not any(gegevens.get(v) for v in ("adres", "bedrijfsnaam", "kvk_nummer"))
        # A refused KvK number was typed: its own message says what is wrong.
        if self.has_changed() and leeg and "kvk_nummer" not in self.errors:
            raise forms.ValidationError("Vul bij een locatie minstens een adres, bedrijfsnaam of KvK-nummer in.")
        return gegevens


BetrokkeneFormSet = begrensde_formset(
    BetrokkeneForm, max_num=MAX_BETROKKENEN, itemnaam="Betrokkene", groepsnaam="Betrokkenen"
)
LocatieFormSet = begrensde_formset(LocatieForm, max_num=MAX_LOCATIES, itemnaam="Locatie", groepsnaam="Locaties")


class BijlagenForm(forms.Form):
    """New uploads. Valid files are kept aside at once, so a correction elsewhere loses none.

    The uploads that fit within the quota (per signal and per user per day, signalen/uploads.py)
    are in ``geldige_uploads``; the view parks those. ``bewaard`` are the files kept from an
    earlier attempt of this intake: they count towards the signal's quota.
    """

    bijlagen = MeerdereBestandenVeld(
        label="Bijlagen toevoegen",
        required=False,
        help_text="Bijvoorbeeld een foto of document (niet verplicht).",
    )

    def __init__(self, *args: Any, melder: Gebruiker, bewaard: Sequence[TijdelijkeBijlage] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.melder = melder
        self.bewaard = list(bewaard)
        self.geldige_uploads: list[UploadedFile] = []
        self.fields["bijlagen"].help_text += (
            f" Toegestaan: {', '.join(settings.BIJLAGE_EXTENSIES)}; maximaal {settings.BIJLAGE_MAX_MB} MB per "
            f"bestand, {settings.BIJLAGEN_PER_MELDING} bestanden en samen {settings.BIJLAGEN_MB_PER_MELDING} MB "
            "per signaal."
        )

    def clean_bijlagen(self) -> list[UploadedFile]:
        bijlagen: list[UploadedFile] = self.cleaned_data.get("bijlagen") or []
        fouten: list[forms.ValidationError] = []
        goed: list[UploadedFile] = []
        for upload in bijlagen:
            try:
                bijlage_valideren(upload)
            except forms.ValidationError as fout:
                fouten.append(fout)
            else:
                goed.append(upload)
        self.geldige_uploads, te_veel = quotum_toepassen(eigenaar=self.melder, bewaard=self.bewaard, nieuw=goed)
        fouten += te_veel
        if fouten:
            raise forms.ValidationError(fouten)
        return bijlagen


def bewaarde_bijlagen(melder: Gebruiker, ids: list[str]) -> list[TijdelijkeBijlage]:
    """Uploads kept from an earlier attempt of this melder; ids of others are ignored."""
    geldige = [int(i) for i in ids if i.isascii() and i.isdecimal() and len(i) < 19]
    return list(TijdelijkeBijlage.objects.filter(eigenaar=melder, pk__in=geldige).order_by("pk"))


def zonder_foutmeldingen(*items: forms.BaseForm | forms.BaseFormSet[Any]) -> None:
    """Show bound forms without error messages (after "add a row", nothing is judged yet).

    Only a formset's "too many rows" stays: the row asked for was not added, and the user is told why.
    """
    for item in items:
        if isinstance(item, forms.BaseFormSet):
            te_veel = [f for f in item.non_form_errors().as_data() if f.code == "too_many_forms"]
            item._errors = []  # type: ignore[attr-defined]
            item._non_form_errors = forms.utils.ErrorList(te_veel, error_class="nonform")  # type: ignore[attr-defined]
            zonder_foutmeldingen(*item.forms)
        else:
            item._errors = forms.utils.ErrorDict()  # type: ignore[attr-defined]
