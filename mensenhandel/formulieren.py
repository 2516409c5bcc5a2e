"""Formulieren in NL Design System-opmaak (Utrecht-componenten).

``UtrechtFormRenderer`` laat Django elk formulier, elke formset en elk veld renderen met
de templates in ``templates/django/forms/``: label, beschrijving en foutmelding bij het
veld, gekoppeld met ``aria-describedby``, en ``<fieldset><legend>`` voor groepen keuzes.

``foutsamenvatting()`` maakt van formulieren en formsets de lijst die
``templates/includes/foutsamenvatting.html`` bovenaan de pagina toont.

Daarnaast een paar widgets en een veld die de templates goed ondersteunen:
``DatumInvoer`` (``<input type="date">``) en
``MeerdereBestandenInvoer``/``MeerdereBestandenVeld`` (uploaden van meerdere bestanden).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS
from django.forms.formsets import DELETION_FIELD_NAME, BaseFormSet
from django.forms.renderers import TemplatesSetting
from django.forms.widgets import ChoiceWidget
from django.http import HttpRequest
from django.utils.text import capfirst

__all__ = [
    "FORMULIER_ANKER",
    "DatumInvoer",
    "MeerdereBestandenInvoer",
    "MeerdereBestandenVeld",
    "UtrechtFormRenderer",
    "formset_itemnaam",
    "foutsamenvatting",
]

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
