"""A service's refusal lands on the form: on the field it names, otherwise above the form."""

from django import forms
from django.core.exceptions import ValidationError

from mensenhandel.formulieren import fouten_overnemen


class Formulier(forms.Form):
    reden = forms.CharField()


def test_a_refusal_per_field_lands_on_that_field_and_an_unknown_field_above_the_form() -> None:
    form = Formulier({"reden": "Besproken"})
    assert form.is_valid()

    fouten_overnemen(form, ValidationError({"reden": "Vul een reden in.", "einddatum": "Kies een latere datum."}))

    assert form.errors == {"reden": ["Vul een reden in."], "__all__": ["Kies een latere datum."]}


def test_a_refusal_without_a_field_lands_above_the_form_instead_of_failing() -> None:
    form = Formulier({"reden": "Besproken"})
    assert form.is_valid()

    fouten_overnemen(form, ValidationError("Er is niets gewijzigd."))

    assert form.errors == {"__all__": ["Er is niets gewijzigd."]}
