"""Formulieren in NL Design System-opmaak (Utrecht-componenten).

``UtrechtFormRenderer`` laat Django elk formulier, elke formset en elk veld renderen met
de templates in ``templates/django/forms/``: label, beschrijving en foutmelding bij het
veld, gekoppeld met ``aria-describedby``, en ``<fieldset><legend>`` voor groepen keuzes.

``foutsamenvatting()`` maakt van formulieren en formsets de lijst die
``templates/includes/foutsamenvatting.html`` bovenaan de pagina toont.

Daarnaast een paar widgets en een veld die de templates goed ondersteunen:
``DatumInvoer`` (``<input type="date">``) en
``MeerdereBestandenInvoer``/``MeerdereBestandenVeld`` (uploaden van meerdere bestanden).

En velden met grenzen (de regels zelf staan in ``mensenhandel.invoer``):
``Tekstveld`` (vrije tekst met een bovengrens, standaard ``LANGE_TEKST`` tekens),
``Datumveld`` (datum binnen een bereik, zoals "niet in de toekomst en niet voor 1900"),
``tekstvelden_begrenzen`` (``formfield_callback`` die elk tekstveld van een model een
``Tekstveld`` maakt) en ``begrensde_formset`` (een formset met een harde bovengrens aan het
aantal rijen).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.forms.formsets import (
    DELETION_FIELD_NAME,
    INITIAL_FORM_COUNT,
    TOTAL_FORM_COUNT,
    BaseFormSet,
    ManagementForm,
)
from django.forms.renderers import TemplatesSetting
from django.forms.widgets import ChoiceWidget
from django.http import HttpRequest
from django.utils import timezone
from django.utils.text import capfirst

from mensenhandel.invoer import HoogstensTekens, datumbereik_toetsen

__all__ = [
    "FORMULIER_ANKER",
    "LANGE_TEKST",
    "BegrensdeFormSet",
    "DatumInvoer",
    "Datumveld",
    "Grens",
    "MeerdereBestandenInvoer",
    "MeerdereBestandenVeld",
    "Tekstveld",
    "UtrechtFormRenderer",
    "begrensde_formset",
    "formset_itemnaam",
    "foutsamenvatting",
    "morgen",
    "over_dagen",
    "tekstvelden_begrenzen",
    "vandaag",
]

#: Bovengrens van een vrij tekstveld (een tekstvak) waarvoor geen eigen grens is gegeven.
LANGE_TEKST = 5000

#: Id van het ``<form>``-element op de pagina; niet-veldgebonden fouten linken hierheen.
FORMULIER_ANKER = "formulier"

#: Scheidingsteken (spatie, en-dash, spatie) tussen onderdeel en veldnaam in de foutsamenvatting.
_SCHEIDING = " \u2013 "


def formset_itemnaam(formset: BaseFormSet[Any]) -> str:
    """Naam van één formulier in ``formset``, zoals "Betrokkene".

    Volgorde: het attribuut ``itemnaam`` van de formset(klasse), anders de
    ``verbose_name`` van het model van een model-formset, anders "Onderdeel".
    """
    naam = getattr(formset, "itemnaam", None)
    if naam:
        return str(naam)
    model = getattr(formset, "model", None)
    if model is not None:
        return str(capfirst(model._meta.verbose_name))
    return "Onderdeel"


def _formset_groepsnaam(formset: BaseFormSet[Any]) -> str:
    """Naam van de formset als geheel, zoals "Betrokkenen" (voor ``non_form_errors``).

    Volgorde: attribuut ``groepsnaam``, ``verbose_name_plural`` van het model, attribuut
    ``itemnaam``, anders "Formulier".
    """
    naam = getattr(formset, "groepsnaam", None)
    if naam:
        return str(naam)
    model = getattr(formset, "model", None)
    if model is not None:
        return str(capfirst(model._meta.verbose_name_plural))
    itemnaam = getattr(formset, "itemnaam", None)
    return str(itemnaam) if itemnaam else "Formulier"


class UtrechtFormRenderer(TemplatesSetting):
    """Form renderer met NL Design System-templates (``FORM_RENDERER`` in de settings).

    Zoekt templates via de ``TEMPLATES``-instelling, dus ``templates/django/forms/``
    van het project gaat voor op de templates van Django zelf.
    """

    form_template_name = "django/forms/utrecht_form.html"
    formset_template_name = "django/forms/utrecht_formset.html"
    field_template_name = "django/forms/utrecht_field.html"

    def render(
        self,
        template_name: str,
        context: dict[str, Any],
        request: HttpRequest | None = None,
    ) -> str:
        """Render ``template_name``; geef een formset-template ook ``itemnaam`` mee."""
        formset = context.get("formset")
        if isinstance(formset, BaseFormSet) and "itemnaam" not in context:
            context = {**context, "itemnaam": formset_itemnaam(formset)}
        return super().render(template_name, context, request)


class DatumInvoer(forms.DateInput):
    """``<input type="date">``; de waarde staat altijd in ISO-vorm (jjjj-mm-dd) in de HTML."""

    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None, format: str | None = None) -> None:
        super().__init__(attrs=attrs, format=format or "%Y-%m-%d")


class MeerdereBestandenInvoer(forms.ClearableFileInput):
    """Bestandskeuze waarin meerdere bestanden tegelijk gekozen kunnen worden (``multiple``)."""

    allow_multiple_selected = True


class MeerdereBestandenVeld(forms.FileField):
    """Bestandsveld dat een lijst ``UploadedFile``-objecten oplevert (eventueel leeg)."""

    widget = MeerdereBestandenInvoer

    def clean(self, data: Any, initial: Any = None) -> Any:
        """Valideer elk gekozen bestand afzonderlijk met de regels van ``FileField``."""
        enkel_bestand_clean = super().clean
        if isinstance(data, list | tuple):
            if data:
                return [enkel_bestand_clean(bestand, initial) for bestand in data]
            data = None
        resultaat = enkel_bestand_clean(data, initial)
        return [resultaat] if resultaat else []


class Tekstveld(forms.CharField):
    """Vrije tekst met een bovengrens: ``max_length`` of anders ``LANGE_TEKST`` tekens.

    De melding noemt de grens en het aantal ("Gebruik ten hoogste 5.000 tekens; u gebruikte
    6.012."), en het invoerelement krijgt ``maxlength`` zodat de browser al helpt. Een regeleinde
    telt als één teken, zoals de browser het telt (hij verstuurt er twee: ``\\r\\n``).
    """

    def __init__(self, *, max_length: int | None = None, **kwargs: Any) -> None:
        super().__init__(max_length=max_length or LANGE_TEKST, **kwargs)
        assert self.max_length is not None
        # Django's own length check has an English-style message without the count in Dutch digits.
        self.validators = [v for v in self.validators if type(v) is not MaxLengthValidator]
        self.validators.append(HoogstensTekens(self.max_length))

    def to_python(self, value: Any) -> Any:
        waarde = super().to_python(value)
        return waarde.replace("\r\n", "\n") if isinstance(waarde, str) else waarde


def tekstvelden_begrenzen(model_veld: models.Field[Any, Any], **kwargs: Any) -> forms.Field | None:
    """``formfield_callback`` voor een ModelForm: elk tekstveld van het model wordt een ``Tekstveld``.

    Een ``CharField`` houdt de ``max_length`` van het model; een ``TextField`` krijgt ``LANGE_TEKST``,
    tenzij het formulier het veld zelf declareert met een eigen grens.
    """
    if isinstance(model_veld, models.CharField | models.TextField) and not model_veld.choices:
        kwargs.setdefault("form_class", Tekstveld)
    return model_veld.formfield(**kwargs)


Grens = datetime.date | Callable[[], datetime.date]


def vandaag() -> datetime.date:
    return timezone.localdate()


def morgen() -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=1)


def over_dagen(dagen: Callable[[], int]) -> Callable[[], datetime.date]:
    """Een grens die meeloopt met de dag: vandaag plus ``dagen()`` (gelezen bij elke controle)."""
    return lambda: timezone.localdate() + datetime.timedelta(days=dagen())


def _grens(grens: Grens) -> datetime.date:
    return grens() if callable(grens) else grens


class Datumveld(forms.DateField):
    """Datum binnen een bereik, met een melding die beide grenzen noemt.

    ``vroegst`` en ``laatst`` zijn een datum of een functie die er een geeft (zoals ``vandaag``),
    zodat het bereik elke dag klopt. De datumkiezer krijgt ``min`` en ``max``. ``uitleg`` komt
    achter de melding, bijvoorbeeld "Een herbeoordeling plant u binnen een jaar."
    """

    widget = DatumInvoer

    def __init__(self, *, vroegst: Grens, laatst: Grens, uitleg: str = "", **kwargs: Any) -> None:
        self.vroegst, self.laatst, self.uitleg = vroegst, laatst, uitleg
        super().__init__(**kwargs)

    def bereik(self) -> tuple[datetime.date, datetime.date]:
        return _grens(self.vroegst), _grens(self.laatst)

    def validate(self, value: Any) -> None:
        super().validate(value)
        vroegst, laatst = self.bereik()
        datumbereik_toetsen(value, vroegst=vroegst, laatst=laatst, uitleg=self.uitleg)

    def __deepcopy__(self, memo: dict[int, Any]) -> Datumveld:
        # Every form gets a copy of its fields: the moment to bring "today" in the picker up to date.
        veld = super().__deepcopy__(memo)  # type: ignore[misc]
        vroegst, laatst = veld.bereik()
        veld.widget.attrs.update({"min": vroegst.isoformat(), "max": laatst.isoformat()})
        return veld


class BegrensdeFormSet(BaseFormSet[Any]):
    """Formset die nooit meer dan ``absolute_max`` rijen maakt of toont.

    Django maakt bij een te hoog ``TOTAL_FORMS`` al niet meer dan ``absolute_max`` formulieren en
    meldt "too_many_forms"; hier toont het beheerformulier daarna ook dat aantal, zodat de
    gebruiker de getoonde rijen zonder nieuwe fout opnieuw kan versturen.
    """

    def full_clean(self) -> None:
        super().full_clean()
        beheer = self.management_form
        if not self.is_bound or not beheer.is_valid():
            return
        if (beheer.cleaned_data[TOTAL_FORM_COUNT] or 0) > self.absolute_max:
            gegevens = {
                beheer.add_prefix(TOTAL_FORM_COUNT): self.absolute_max,
                beheer.add_prefix(INITIAL_FORM_COUNT): min(
                    beheer.cleaned_data[INITIAL_FORM_COUNT] or 0, self.absolute_max
                ),
            }
            renderer = getattr(self, "renderer", None)
            begrensd = ManagementForm(gegevens, auto_id=self.auto_id, prefix=self.prefix, renderer=renderer)
            begrensd.full_clean()
            self.management_form = begrensd


def begrensde_formset(
    form: type[forms.BaseForm], *, max_num: int, itemnaam: str, groepsnaam: str
) -> type[BegrensdeFormSet]:
    """Formset zonder lege rijen vooraf, met verwijderen, en met ten hoogste ``max_num`` rijen.

    ``itemnaam`` ("Betrokkene") en ``groepsnaam`` ("Betrokkenen") staan in de foutsamenvatting;
    de meldingen noemen de grens.
    """
    meervoud = groepsnaam.lower()
    basis = forms.formset_factory(
        form,
        formset=BegrensdeFormSet,
        extra=0,
        max_num=max_num,
        absolute_max=max_num,
        validate_max=True,
        can_delete=True,
    )
    attributen = {
        "itemnaam": itemnaam,
        "groepsnaam": groepsnaam,
        "default_error_messages": {
            "too_many_forms": f"U kunt ten hoogste %(num)d {meervoud} opgeven. De eerste %(num)d staan hieronder.",
            "missing_management_form": f"Het formulier met {meervoud} is niet volledig aangekomen. "
            "Laad de pagina opnieuw en vul het nog eens in.",
        },
    }
    return type(basis.__name__, (basis,), attributen)


def _veld_anker(veld: forms.BoundField) -> str:
    """Id van het element waar een link naar de fout van ``veld`` naartoe moet springen.

    Meestal het ``id`` van het invoerelement. Bij keuzerondjes en groepen selectievakjes
    heeft het veld geen eigen label-``for``; dan de eerste keuze (``id_x_0``).
    """
    if veld.is_hidden:
        return FORMULIER_ANKER
    anker = veld.id_for_label
    if not anker and veld.auto_id:
        widget = veld.field.widget
        if isinstance(widget, ChoiceWidget):
            anker = widget.id_for_label(veld.auto_id, "0")
        anker = anker or veld.auto_id
    return anker or FORMULIER_ANKER


def _wordt_verwijderd(formset: BaseFormSet[Any], form: forms.BaseForm) -> bool:
    """Zelfde regel als ``BaseFormSet._should_delete_form``: fouten tellen dan niet mee."""
    if not formset.can_delete:
        return False
    cleaned_data: dict[str, Any] = getattr(form, "cleaned_data", {})
    return bool(cleaned_data.get(DELETION_FIELD_NAME, False))


def _formulier_fouten(form: forms.BaseForm, onderdeel: str = "") -> list[dict[str, str]]:
    """Fouten van één formulier, in de volgorde van de velden; ``onderdeel`` gaat voor het label."""
    if not form.is_bound:
        return []
    fouten: list[dict[str, str]] = []
    fouten_per_veld = form.errors
    for melding in fouten_per_veld.get(NON_FIELD_ERRORS, []):
        fouten.append(
            {
                "label": onderdeel or "Formulier",
                "id": FORMULIER_ANKER,
                "melding": str(melding),
            }
        )
    for naam in form.fields:
        if naam not in fouten_per_veld:
            continue
        veld = form[naam]
        label = str(veld.label or naam)
        if onderdeel:
            label = f"{onderdeel}{_SCHEIDING}{label}"
        anker = _veld_anker(veld)
        for melding in fouten_per_veld[naam]:
            fouten.append({"label": label, "id": anker, "melding": str(melding)})
    return fouten


def _formset_fouten(formset: BaseFormSet[Any]) -> list[dict[str, str]]:
    """Fouten van een formset: eerst die van de formset zelf, dan die per formulier."""
    if not formset.is_bound:
        return []
    fouten: list[dict[str, str]] = []
    # ``errors`` laat de formset valideren; daarna zijn ``non_form_errors`` bekend.
    formset.errors  # noqa: B018
    groep = _formset_groepsnaam(formset)
    for melding in formset.non_form_errors():
        fouten.append({"label": groep, "id": FORMULIER_ANKER, "melding": str(melding)})
    itemnaam = formset_itemnaam(formset)
    for nummer, form in enumerate(formset.forms, start=1):
        if _wordt_verwijderd(formset, form):
            continue
        fouten.extend(_formulier_fouten(form, f"{itemnaam} {nummer}"))
    return fouten


def foutsamenvatting(
    *items: forms.BaseForm | BaseFormSet[Any] | None,
) -> list[dict[str, str]]:
    """Alle fouten van ``items`` (formulieren en/of formsets) voor de foutsamenvatting.

    Elk element is ``{"label": ..., "id": ..., "melding": ...}``: ``id`` is het anker
    zonder ``#`` (het invoerveld, of ``"formulier"`` voor fouten die niet bij één veld
    horen). Bij formsets zegt het label welk formulier het is, zoals
    "Betrokkene 2 \u2013 Naam" (met een en-dash). Ongebonden formulieren en ``None`` leveren niets op.

    Gebruik in een view: ``context["fouten"] = foutsamenvatting(form, formset)``.
    """
    fouten: list[dict[str, str]] = []
    for item in items:
        if item is None:
            continue
        if isinstance(item, BaseFormSet):
            fouten.extend(_formset_fouten(item))
        else:
            fouten.extend(_formulier_fouten(item))
    return fouten


def fouten_overnemen(form: forms.BaseForm, fout: ValidationError) -> None:
    """Put a service's refusal on the form: on the field it names, else above the form.

    A ValidationError without fields (a plain message) goes above the form too, instead of
    failing on ``message_dict``.
    """
    if hasattr(fout, "error_dict"):
        for veld, meldingen in fout.message_dict.items():
            form.add_error(veld if veld in form.fields else None, meldingen)
    else:
        form.add_error(None, fout.messages)
