"""Grenzen aan wat een gebruiker intypt: lengte van tekst, bereik van datums, nummers als kenmerk.

Alles hier is los van formulieren te gebruiken (ook in services en bij het importeren), en elke
fout is een ``ValidationError`` met een Nederlandse melding die de grens noemt.

- ``HoogstensTekens``: "Gebruik ten hoogste 5.000 tekens; u gebruikte 6.012."
- ``datum_tekst`` en ``datumbereik_toetsen``: "Vul een datum in van 1 januari 1900 tot en met vandaag
  (22 november 2026)."
- ``kvk_nummer`` en ``telefoonnummer``: alleen de ASCII-cijfers 0 tot en met 9. Python's
  ``str.isdigit()``, ``int()`` en ``\\d`` in een reguliere expressie accepteren ook volbreedte- en
  Arabisch-Indische cijfers; een kenmerk dat zo wordt opgeslagen, vindt niemand ooit terug.
"""

from __future__ import annotations

import datetime
import re

from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.utils import timezone, translation
from django.utils.deconstruct import deconstructible
from django.utils.formats import date_format

__all__ = [
    "HoogstensTekens",
    "datum_tekst",
    "datumbereik_toetsen",
    "getal",
    "kvk_nummer",
    "telefoonnummer",
]

# Patterns over ASCII only: [0-9] instead of \d, which also matches full-width and Arabic-Indic digits.
_KVK = re.compile(r"[0-9]{8}")
_TELEFOON_TEKENS = re.compile(r"\+?[0-9 \-]+")
# Dutch numbers outside the 9-digit plan: free and paid service numbers (0800, 090x).
_NL_SERVICENUMMERS = ("800", "900", "906", "909")


def getal(aantal: int) -> str:
    """An integer as Dutch users read it: 6.012, with a dot between thousands."""
    return f"{aantal:,}".replace(",", ".")


@deconstructible
class HoogstensTekens(MaxLengthValidator):
    """Django's length check, with a Dutch message that states the limit and the count.

    The code stays ``max_length``, so a form field's own message for that code (if any) still wins.
    """

    message = "Gebruik ten hoogste %(limiet)s tekens; u gebruikte %(aantal)s."

    def __call__(self, value: str) -> None:
        aantal = len(value)
        if aantal > self.limit_value:
            raise ValidationError(
                self.message,
                code=self.code,
                params={
                    "limiet": getal(self.limit_value),
                    "aantal": getal(aantal),
                    # Django's own names, for a message written for MaxLengthValidator.
                    "limit_value": self.limit_value,
                    "show_value": aantal,
                    "value": value,
                },
            )


def datum_tekst(datum: datetime.date, *, vandaag: datetime.date | None = None) -> str:
    """A date as in the rest of the product (22 november 2026); today and tomorrow also by name."""
    vandaag = vandaag or timezone.localdate()
    with translation.override("nl"):
        tekst = date_format(datum, "j F Y")
    if datum == vandaag:
        return f"vandaag ({tekst})"
    if datum == vandaag + datetime.timedelta(days=1):
        return f"morgen ({tekst})"
    return tekst


def datumbereik_toetsen(
    datum: datetime.date | None,
    *,
    vroegst: datetime.date,
    laatst: datetime.date,
    uitleg: str = "",
) -> None:
    """Refuse a date outside ``vroegst`` to ``laatst`` (both included) with a message naming both."""
    if datum is None or vroegst <= datum <= laatst:
        return
    vandaag = timezone.localdate()
    melding = "Vul een datum in van %(vroegst)s tot en met %(laatst)s."
    if uitleg:
        melding += " " + uitleg
    raise ValidationError(
        melding,
        code="datumbereik",
        params={"vroegst": datum_tekst(vroegst, vandaag=vandaag), "laatst": datum_tekst(laatst, vandaag=vandaag)},
    )


def kvk_nummer(tekst: str) -> str:
    """A KvK number: exactly eight of the digits 0 to 9, nothing else."""
    if tekst and not _KVK.fullmatch(tekst):
        raise ValidationError(
            "Een KvK-nummer bestaat uit precies 8 cijfers. Gebruik alleen de cijfers 0 tot en met 9, "
            "bijvoorbeeld 12345678.",
            code="kvk",
        )
    return tekst


def telefoonnummer(tekst: str) -> str:
    """A phone number as typed (06-12345678, 0229 123 456, +32 470 12 34 56, 0031 6 12345678),
    stored in one form: E.164, such as +31612345678. Empty stays empty."""
    tekst = tekst.strip()
    if not tekst:
        return ""
    if not _TELEFOON_TEKENS.fullmatch(tekst):
        raise ValidationError(
            "Gebruik in een telefoonnummer alleen de cijfers 0 tot en met 9, spaties, streepjes "
            "en eventueel een + aan het begin.",
            code="telefoon_tekens",
        )
    cijfers = tekst.replace(" ", "").replace("-", "")
    if cijfers.startswith("+"):
        internationaal = cijfers[1:]
    elif cijfers.startswith("00"):
        internationaal = cijfers[2:]
    elif cijfers.startswith("0"):
        internationaal = "31" + cijfers[1:]
    else:
        raise ValidationError(
            "Begin een telefoonnummer met 0, of met + en het landnummer, bijvoorbeeld 06 12345678 of +32 470 123456.",
            code="telefoon_begin",
        )
    if internationaal.startswith("31"):
        # "+31 06 ..." is written often: the trunk 0 after the country code is dropped.
        nationaal = internationaal[2:].removeprefix("0")
        service = nationaal.startswith(_NL_SERVICENUMMERS) and 7 <= len(nationaal) <= 10
        if len(nationaal) != 9 and not service:
            raise ValidationError(
                "Een Nederlands telefoonnummer heeft 10 cijfers, bijvoorbeeld 06 12345678 of 0229 123456.",
                code="telefoon_lengte",
            )
        return f"+31{nationaal}"
    if internationaal.startswith("0") or not 8 <= len(internationaal) <= 15:
        raise ValidationError(
            "Een buitenlands telefoonnummer heeft na de + het landnummer en samen 8 tot 15 cijfers, "
            "bijvoorbeeld +32 470 123456.",
            code="telefoon_lengte",
        )
    return f"+{internationaal}"
