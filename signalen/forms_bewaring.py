"""The FG's forms for retention: the terms of a regio, and holding a signal for a procedure."""

from typing import Any

from django import forms

from signalen.bewaring import LANDELIJKE_TERMIJNEN, termijn_tekst
from signalen.models.bewaring import MAXIMUM_MAANDEN, MINIMUM_MAANDEN
from signalen.workflow import Afloop


def _referentie() -> forms.CharField:
    return forms.CharField(
        label="Referentienummer",
        max_length=20,
        help_text="Bijvoorbeeld MH-2026-00042.",
        error_messages={
            "required": "Vul het referentienummer van het signaal in.",
            "max_length": "Een referentienummer heeft hoogstens 20 tekens, bijvoorbeeld MH-2026-00042.",
        },
    )


class BewaartermijnenForm(forms.Form):
    """One field per afloop, in months; empty means the national default."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for afloop in Afloop:
            standaard = LANDELIJKE_TERMIJNEN[afloop.value]
            self.fields[afloop.value] = forms.IntegerField(
                label=f"{afloop.label} (maanden)",
                required=False,
                min_value=MINIMUM_MAANDEN,
                max_value=MAXIMUM_MAANDEN,
                help_text=f"Leeg laten voor de landelijke standaard: {standaard} maanden "
                f"({termijn_tekst(standaard)}) na het afsluiten.",
                error_messages={
                    "invalid": "Vul een heel aantal maanden in, bijvoorbeeld 12.",
                    "min_value": f"Vul minstens {MINIMUM_MAANDEN} maand in.",
                    "max_value": f"Vul hoogstens {MAXIMUM_MAANDEN} maanden (tien jaar) in.",
                },
            )


class BewarenForm(forms.Form):
    referentie = _referentie()
    reden = forms.CharField(
        label="Reden",
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Welke procedure loopt, bijvoorbeeld 'strafzaak, parketnummer 15/123456-26'. "
        "Noem geen namen of andere persoonsgegevens. Hoogstens 300 tekens.",
        error_messages={"required": "Vul de reden in.", "max_length": "Gebruik hoogstens 300 tekens."},
    )


class OpheffenForm(forms.Form):
    referentie = _referentie()
    reden = forms.CharField(
        label="Reden van opheffen",
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Bijvoorbeeld 'uitspraak onherroepelijk'. Noem geen namen of andere persoonsgegevens. "
        "Hoogstens 300 tekens.",
        error_messages={"required": "Vul de reden van opheffen in.", "max_length": "Gebruik hoogstens 300 tekens."},
    )
