"""The AF's forms on one share in force: extend it, or revoke it."""

import datetime
from typing import Any

from django import forms

from meldroute.forms import DATUM, _tekst, deling_max_dagen
from meldroute.models import Deling
from mensenhandel.formulieren import Datumveld, over_dagen


class VerlengenForm(forms.Form):
    einddatum = Datumveld(
        label="Nieuwe einddatum: gedeeld tot en met",
        help_text="Na de huidige einddatum. Daarna kan de partner het signaal niet meer zien.",
        error_messages=DATUM,
        vroegst=datetime.date.min,
        laatst=over_dagen(deling_max_dagen),
    )
    reden = _tekst(
        "Waarom heeft de partner het signaal langer nodig?",
        help_text="Alleen de aandachtsfunctionarissen zien deze reden; de partner niet.",
    )

    def __init__(self, *args: Any, deling: Deling, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        veld = self.fields["einddatum"]
        assert isinstance(veld, Datumveld)
        veld.vroegst = deling.einddatum + datetime.timedelta(days=1)
        veld.uitleg = f"Een deling loopt ten hoogste {deling_max_dagen()} dagen vanaf vandaag."
        vroegst, laatst = veld.bereik()
        veld.widget.attrs.update({"min": vroegst.isoformat(), "max": laatst.isoformat()})
        self.initial.setdefault("einddatum", min(deling.einddatum + datetime.timedelta(days=30), laatst))


class IntrekkenForm(forms.Form):
    reden = _tekst(
        "Waarom trekt u de deling in?",
        help_text="Alleen de aandachtsfunctionarissen zien deze reden. De partner krijgt een e-mail dat de "
        "deling is beëindigd, zonder de reden.",
    )
