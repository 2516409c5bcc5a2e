from typing import Any

from django import forms

from ketenpartners.models import Gebruiker, Organisatie
from ketenpartners.selectors import aandachtsfunctionarissen_van
from meldroute.models import Deling, TafelBespreking, Verrijking
from meldroute.services.delen import partners_voor, standaard_einddatum
from mensenhandel.formulieren import DatumInvoer
from signalen.models import Signaal
from signalen.workflow import Afloop, Status

VERPLICHT = {"required": "Dit veld is verplicht."}
DATUM = {"required": "Vul een datum in.", "invalid": "Vul een geldige datum in."}


def _tekst(label: str, *, help_text: str = "", required: bool = True) -> forms.CharField:
    return forms.CharField(
        label=label,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=help_text,
        required=required,
        error_messages=VERPLICHT,
    )


def _datum(label: str, *, help_text: str = "") -> forms.DateField:
    return forms.DateField(label=label, widget=DatumInvoer(), help_text=help_text, error_messages=DATUM)


class ActieForm(forms.Form):
    """Base of every action form. Carries the step the user saw, to catch a concurrent change."""

    verwachte_status = forms.ChoiceField(choices=Status.choices, widget=forms.HiddenInput)

    def __init__(self, *args: Any, signaal: Signaal, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.signaal = signaal
        self.initial.setdefault("verwachte_status", signaal.status)


class AandachtsfunctionarisVeld(forms.ModelChoiceField[Gebruiker]):
    def label_from_instance(self, obj: Gebruiker) -> str:
        return obj.get_full_name() or obj.username


class BehandelaarForm(ActieForm):
    behandelaar = AandachtsfunctionarisVeld(
        label="Behandelaar",
        queryset=Gebruiker.objects.none(),
        empty_label=None,
        help_text="De aandachtsfunctionaris die dit signaal behandelt.",
        error_messages={"required": "Kies een behandelaar.", "invalid_choice": "Kies een behandelaar uit de lijst."},
    )

    def __init__(self, *args: Any, signaal: Signaal, gebruiker: Gebruiker, **kwargs: Any) -> None:
        super().__init__(*args, signaal=signaal, **kwargs)
        veld = self.fields["behandelaar"]
        assert isinstance(veld, forms.ModelChoiceField)
        veld.queryset = aandachtsfunctionarissen_van(signaal.gemeente)
        self.initial.setdefault("behandelaar", signaal.behandelaar_id or gebruiker.pk)


class VerrijkingForm(ActieForm):
    bron = forms.ChoiceField(
        label="Bron", choices=[("", "Kies een bron"), *Verrijking.Bron.choices], error_messages=VERPLICHT
    )
    bevindingen = _tekst("Wat is gevonden?")


class TafelForm(ActieForm):
    soort = forms.ChoiceField(
        label="Waar besproken?",
        choices=TafelBespreking.Soort.choices,
        widget=forms.RadioSelect,
        error_messages=VERPLICHT,
    )
    besproken_op = _datum("Datum besproken")
    besluit = _tekst("Wat is besloten?")


class RiecForm(ActieForm):
    vermoeden = _tekst("Waarom is er een vermoeden van mensenhandel?")
    contact = forms.CharField(label="RIEC-contact of regionale tafel", max_length=200, error_messages=VERPLICHT)
    datum = _datum("Datum")


class InformatiepleinForm(ActieForm):
    ingebracht_op = _datum("Datum ingebracht")
    resultaat = _tekst("Resultaat")


class TerugkoppelingForm(ActieForm):
    tekst = _tekst(
        "Terugkoppeling aan de melder",
        help_text="De melder ziet deze tekst in 'Mijn signalen'. Schrijf alleen wat wet en convenanten toestaan.",
    )
    gegeven_op = _datum("Datum terugkoppeling")


class GeenMensenhandelForm(TerugkoppelingForm):
    onderbouwing = _tekst("Onderbouwing: waarom geen (vermoeden van) mensenhandel?")
    doorverwijzing = forms.CharField(
        label="Doorverwijzing",
        required=False,
        max_length=200,
        help_text="Bijvoorbeeld Veilig Thuis of het sociaal wijkteam. Niet verplicht.",
    )
    field_order = ["onderbouwing", "doorverwijzing", "tekst", "gegeven_op"]


class AfsluitenForm(ActieForm):
    afloop = forms.ChoiceField(
        label="Afloop", choices=Afloop.choices, widget=forms.RadioSelect, error_messages=VERPLICHT
    )
    toelichting = _tekst("Toelichting", required=False)


class HeropenenForm(ActieForm):
    reden = _tekst("Waarom wordt het signaal heropend?")


class HerbeoordelingForm(ActieForm):
    datum = _datum(
        "Herbeoordelingsdatum", help_text="Op deze datum staat het signaal weer als 'herbeoordeling' in de werkbak."
    )
    toelichting = _tekst("Waarom monitoren?", required=False)


class WerkbakFilterForm(forms.Form):
    is_filter = True  # Every filter is optional; the labels need not say so.
    SORTERINGEN = [
        ("termijn", "Termijn (eerst verlopen, zonder termijn achteraan)"),
        ("-ingediend_op", "Nieuwste eerst"),
        ("ingediend_op", "Oudste eerst"),
        ("stap", "Stap in de meldroute"),
        ("herbeoordelen_op", "Herbeoordelingsdatum (zonder datum achteraan)"),
    ]

    stap = forms.ChoiceField(
        label="Stap",
        choices=[("", "Alle stappen"), *Status.choices],
        required=False,
        error_messages={"invalid_choice": "Kies een stap uit de lijst."},
    )
    vorm = forms.ChoiceField(
        label="Vorm", required=False, error_messages={"invalid_choice": "Kies een vorm uit de lijst."}
    )
    acuut = forms.ChoiceField(
        label="Acuut",
        choices=[("", "Alle"), ("ja", "Alleen acuut"), ("nee", "Niet acuut")],
        required=False,
        error_messages={"invalid_choice": "Kies of u acute signalen wilt zien."},
    )
    mijn = forms.BooleanField(label="Alleen aan mij toegewezen", required=False)
    herbeoordeling = forms.BooleanField(label="Alleen herbeoordeling nodig", required=False)
    ook_afgesloten = forms.BooleanField(label="Ook afgesloten signalen tonen", required=False)
    sortering = forms.ChoiceField(
        label="Sorteren",
        choices=SORTERINGEN,
        required=False,
        error_messages={"invalid_choice": "Kies een sortering uit de lijst."},
    )

    def __init__(self, *args: Any, vormen: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["vorm"].choices = [("", "Alle vormen"), *vormen]  # type: ignore[attr-defined]


class ZoekForm(forms.Form):
    zoek = forms.CharField(
        label="Snel zoeken",
        min_length=2,
        max_length=100,
        help_text="Een referentienummer (MH-2026-00042), of een naam, adres, bedrijfsnaam of KvK-nummer.",
        error_messages={
            "required": "Vul in waarop u wilt zoeken.",
            "min_length": "Vul minstens 2 tekens in.",
            "max_length": "Gebruik hoogstens 100 tekens.",
        },
    )


class DelenForm(forms.Form):
    organisatie = forms.ModelChoiceField(
        label="Ketenpartner",
        queryset=Organisatie.objects.none(),
        empty_label="Kies een ketenpartner",
        error_messages={"required": "Kies een ketenpartner.", "invalid_choice": "Kies een ketenpartner uit de lijst."},
    )
    grondslag = forms.ChoiceField(
        label="Grondslag", choices=Deling.Grondslag.choices, widget=forms.RadioSelect, error_messages=VERPLICHT
    )
    grondslag_toelichting = forms.CharField(
        label="Toelichting op de grondslag",
        required=False,
        max_length=300,
        help_text="Verplicht als u 'Anders' kiest.",
    )
    met_betrokkenen = forms.BooleanField(
        label="Identificerende gegevens delen: van betrokkenen naam, geboortedatum, adres en telefoon; "
        "van locaties adres en omschrijving",
        required=False,
    )
    met_bijlagen = forms.BooleanField(label="Bijlagen delen", required=False)
    reden = _tekst("Waarom deelt u dit signaal met deze partner?")
    einddatum = _datum("Gedeeld tot en met", help_text="Daarna kan de partner het signaal niet meer zien.")

    def __init__(self, *args: Any, signaal: Signaal, voorstel: Organisatie | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        veld = self.fields["organisatie"]
        assert isinstance(veld, forms.ModelChoiceField)
        veld.queryset = partners_voor(signaal)
        self.initial.setdefault("einddatum", standaard_einddatum(signaal))
        if voorstel is not None:
            self.initial.setdefault("organisatie", voorstel.pk)


class TerugmeldingForm(forms.Form):
    tekst = _tekst("Terugmelding", help_text="Wat heeft uw organisatie gedaan of gevonden?")
    voorgestelde_afloop = forms.ChoiceField(
        label="Voorgestelde afloop",
        choices=[("", "Geen voorstel"), *Afloop.choices],
        required=False,
    )
