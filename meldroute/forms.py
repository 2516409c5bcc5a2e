import datetime
from typing import Any

from django import forms
from django.conf import settings
from django.utils import timezone

from ketenpartners.models import Gebruiker, Organisatie
from ketenpartners.selectors import aandachtsfunctionarissen_van
from meldroute.delingen import afloopvoorstel, lopende_delingen
from meldroute.models import Deling, TafelBespreking, Verrijking
from meldroute.services.delen import datum, partners_voor, standaard_einddatum
from mensenhandel.formulieren import Datumveld, Grens, Tekstveld, morgen, over_dagen, vandaag
from signalen.models import Signaal
from signalen.workflow import Afloop, Status

VERPLICHT = {"required": "Dit veld is verplicht."}
DATUM = {"required": "Vul een datum in.", "invalid": "Vul een geldige datum in."}
# Steps of the meldroute (tables, RIEC, feedback) happen in the present era of the product.
VROEGSTE_STAPDATUM = datetime.date(2000, 1, 1)
# A herbeoordeling further away than this is not monitoring any more.
HERBEOORDELING_MAX_DAGEN = 365


def _verplicht(melding: str) -> dict[str, str]:
    """The message for an empty field: it names what to fill in, not just that something is missing."""
    return {"required": melding} if melding else VERPLICHT


def _tekst(label: str, *, help_text: str = "", required: bool = True, verplicht: str = "") -> Tekstveld:
    return Tekstveld(
        label=label,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=help_text,
        required=required,
        error_messages=_verplicht(verplicht),
    )


def _regel(
    label: str, *, max_length: int, required: bool = True, help_text: str = "", verplicht: str = ""
) -> Tekstveld:
    """A short free text on one line, such as a contact or an organisation."""
    return Tekstveld(
        label=label,
        max_length=max_length,
        required=required,
        help_text=help_text,
        error_messages=_verplicht(verplicht),
    )


def _datum(
    label: str,
    *,
    help_text: str = "",
    vroegst: Grens = VROEGSTE_STAPDATUM,
    laatst: Grens = vandaag,
    uitleg: str = "",
    verplicht: str = "",
) -> Datumveld:
    """A date of something that happened (by default): from 2000 up to and including today."""
    return Datumveld(
        label=label,
        help_text=help_text,
        error_messages={**DATUM, "required": verplicht} if verplicht else DATUM,
        vroegst=vroegst,
        laatst=laatst,
        uitleg=uitleg,
    )


def deling_max_dagen() -> int:
    return int(settings.DELING_MAX_DAGEN)


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
        label="Bron",
        choices=[("", "Kies een bron"), *Verrijking.Bron.choices],
        error_messages=_verplicht("Kies de bron die u raadpleegde, bijvoorbeeld de BRP of de KvK."),
    )
    bevindingen = _tekst("Wat is gevonden?", verplicht="Vul in wat u in deze bron vond.")


class TafelForm(ActieForm):
    soort = forms.ChoiceField(
        label="Waar besproken?",
        choices=TafelBespreking.Soort.choices,
        widget=forms.RadioSelect,
        error_messages=_verplicht(
            "Kies waar het signaal is besproken: aan de lokale tafel, met de politie of het PCT."
        ),
    )
    besproken_op = _datum("Datum besproken", verplicht="Vul de datum in waarop het signaal is besproken.")
    besluit = _tekst("Wat is besloten?", verplicht="Vul de conclusie in: wat is er aan de lokale tafel besloten?")


class RiecForm(ActieForm):
    vermoeden = _tekst(
        "Waarom is er een vermoeden van mensenhandel?",
        verplicht="Beschrijf waarom er een vermoeden van mensenhandel is.",
    )
    contact = _regel(
        "RIEC-contact of regionale tafel",
        max_length=200,
        verplicht="Vul in met wie bij het RIEC of de regionale tafel u contact had.",
    )
    datum = _datum("Datum", verplicht="Vul de datum in waarop u het RIEC inschakelde.")


class InformatiepleinForm(ActieForm):
    ingebracht_op = _datum(
        "Datum ingebracht", verplicht="Vul de datum in waarop het signaal op het informatieplein is ingebracht."
    )
    resultaat = _tekst("Resultaat", verplicht="Vul het resultaat in: wat is er op het informatieplein besloten?")


class TerugkoppelingForm(ActieForm):
    tekst = _tekst(
        "Terugkoppeling aan de melder",
        help_text="De melder ziet deze tekst in 'Mijn signalen'. Schrijf alleen wat wet en convenanten toestaan.",
        verplicht="Schrijf de terugkoppeling aan de melder.",
    )
    gegeven_op = _datum("Datum terugkoppeling", verplicht="Vul de datum in waarop u de melder terugkoppeling gaf.")


class GeenMensenhandelForm(TerugkoppelingForm):
    onderbouwing = _tekst(
        "Onderbouwing: waarom geen (vermoeden van) mensenhandel?",
        verplicht="Onderbouw waarom er geen (vermoeden van) mensenhandel is.",
    )
    doorverwijzing = _regel(
        "Doorverwijzing",
        max_length=200,
        required=False,
        help_text="Bijvoorbeeld Veilig Thuis of het sociaal wijkteam. Niet verplicht.",
    )
    field_order = ["onderbouwing", "doorverwijzing", "tekst", "gegeven_op"]


class AfsluitenForm(ActieForm):
    afloop = forms.ChoiceField(
        label="Afloop", choices=Afloop.choices, widget=forms.RadioSelect, error_messages=VERPLICHT
    )
    toelichting = _tekst("Toelichting", required=False)
    behouden = forms.TypedMultipleChoiceField(
        label="Delingen die doorlopen tot hun einddatum",
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Niet aangevinkt: de deling eindigt bij afsluiten en de partner kan het signaal niet meer inzien.",
        error_messages={"invalid_choice": "Kies alleen delingen die nu lopen."},
    )

    def __init__(self, *args: Any, signaal: Signaal, **kwargs: Any) -> None:
        super().__init__(*args, signaal=signaal, **kwargs)
        # Shown above the fields (templates/meldroute/_afsluiten_delingen.html).
        self.lopende_delingen = list(lopende_delingen(signaal))
        self.afloopvoorstel = afloopvoorstel(signaal)
        if self.afloopvoorstel is not None:
            self.initial.setdefault("afloop", self.afloopvoorstel.voorgestelde_afloop)
        if self.lopende_delingen:
            self.fields["behouden"].choices = [  # type: ignore[attr-defined]
                (d.pk, f"De deling met {d.organisatie} laten doorlopen tot en met {datum(d.einddatum)}")
                for d in self.lopende_delingen
            ]
        else:
            del self.fields["behouden"]


class HeropenenForm(ActieForm):
    reden = _tekst("Waarom wordt het signaal heropend?", verplicht="Vul in waarom het signaal wordt heropend.")


class HerbeoordelingForm(ActieForm):
    datum = _datum(
        "Herbeoordelingsdatum",
        help_text="Op deze datum staat het signaal weer als 'herbeoordeling' in de werkbak.",
        vroegst=morgen,
        laatst=over_dagen(lambda: HERBEOORDELING_MAX_DAGEN),
        uitleg="Een herbeoordeling plant u binnen een jaar.",
        verplicht="Kies de datum waarop u het signaal opnieuw wilt beoordelen.",
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
    zoek = Tekstveld(
        label="Snel zoeken",
        min_length=2,
        max_length=100,
        help_text="Een referentienummer (MH-2026-00042), of een naam, adres, bedrijfsnaam of KvK-nummer.",
        error_messages={"required": "Vul in waarop u wilt zoeken.", "min_length": "Vul minstens 2 tekens in."},
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
    grondslag_toelichting = _regel(
        "Toelichting op de grondslag", max_length=300, required=False, help_text="Verplicht als u 'Anders' kiest."
    )
    met_betrokkenen = forms.BooleanField(
        label="Identificerende gegevens delen: van betrokkenen naam, geboortedatum, adres en telefoon; "
        "van locaties adres en omschrijving",
        required=False,
    )
    met_bijlagen = forms.BooleanField(label="Bijlagen delen", required=False)
    reden = _tekst(
        "Waarom deelt u dit signaal met deze partner?",
        help_text="De partner ziet deze reden bij het signaal. Noem geen namen of andere persoonsgegevens.",
    )
    einddatum = _datum(
        "Gedeeld tot en met",
        help_text="Daarna kan de partner het signaal niet meer zien.",
        vroegst=morgen,
        laatst=over_dagen(deling_max_dagen),
    )

    def __init__(self, *args: Any, signaal: Signaal, voorstel: Organisatie | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        veld = self.fields["organisatie"]
        assert isinstance(veld, forms.ModelChoiceField)
        veld.queryset = partners_voor(signaal)
        # The regio's default term, within the longest term allowed.
        langst = timezone.localdate() + datetime.timedelta(days=deling_max_dagen())
        self.initial.setdefault("einddatum", min(standaard_einddatum(signaal), langst))
        einddatum = self.fields["einddatum"]
        assert isinstance(einddatum, Datumveld)
        einddatum.uitleg = f"Een deling duurt ten hoogste {deling_max_dagen()} dagen; daarna kunt u opnieuw delen."
        if voorstel is not None:
            self.initial.setdefault("organisatie", voorstel.pk)


class TerugmeldingForm(forms.Form):
    tekst = _tekst("Terugmelding", help_text="Wat heeft uw organisatie gedaan of gevonden?")
    voorgestelde_afloop = forms.ChoiceField(
        label="Voorgestelde afloop",
        choices=[("", "Geen voorstel"), *Afloop.choices],
        required=False,
    )
