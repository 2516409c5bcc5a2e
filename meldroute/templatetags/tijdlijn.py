"""How a signal reads on the AF's pages: timeline entries in the past tense, without repeating what
their details already say; and the signal's next term for its key facts (meldroute/_kernfeiten.html)."""

from django import template
from django.utils import timezone

from meldroute.models import StapRegistratie
from signalen import termijnen
from signalen.models import Signaal
from signalen.termijnen import Stand
from signalen.workflow import Status

register = template.Library()

Actie = StapRegistratie.Actie

# Where the stored label is not a past-tense sentence of its own, or repeats the step it led to.
_TITELS: dict[str, str] = {
    Actie.LOKALE_TAFEL_BESPREKEN: "Besproken aan de lokale tafel",
    Actie.INFORMATIEPLEIN_INBRENGEN: "Ingebracht op het informatieplein",
    Actie.TERUGKOPPELEN: "Teruggekoppeld aan de melder",
    Actie.GEEN_MENSENHANDEL: "Geconcludeerd: geen (vermoeden van) mensenhandel",
}


# Entries about a share: their text is a whole past-tense sentence naming the partner ("Deling met
# Politie - AVIM verlengd tot en met ..."), so it is the heading and is not repeated beneath it.
_TEKST_IS_TITEL = {
    Actie.DELEN,
    Actie.INTREKKEN,
    Actie.VERLENGEN,
    Actie.VERLOPEN,
    Actie.DELING_BEHOUDEN,
    # "Samenhang bevestigd met MH-2026-00012." (meldroute/services/samenhang.py)
    Actie.SAMENHANG_BEVESTIGD,
    Actie.SAMENHANG_AFGEWEZEN,
}


@register.filter
def tijdlijntekst(registratie: StapRegistratie) -> str:
    """The text beneath the heading: empty where the text is the heading itself."""
    return "" if registratie.actie in _TEKST_IS_TITEL else registratie.toelichting


@register.filter
def tijdlijntitel(registratie: StapRegistratie) -> str:
    """The heading of a timeline entry, such as "Verrijkt" or "Heropend, terug naar stap 2. Ontvangen".

    The step a transition led to is in the label already ("Verrijkt" is step 3. Verrijkt); only
    reopening says where the signal went back to, since that is not in the word itself.
    """
    if registratie.actie in _TEKST_IS_TITEL and registratie.toelichting:
        return registratie.toelichting.removesuffix(".")
    titel = _TITELS.get(registratie.actie, registratie.get_actie_display())
    if registratie.actie == Actie.HEROPENEN:
        titel += f", terug naar stap {Status(registratie.naar_status).label}"
    return titel


@register.simple_tag
def volgende_termijn(signaal: Signaal) -> Stand | None:
    """The signal's next term and how it stands now, as the werkbak shows it (or None)."""
    termijn = termijnen.volgende_termijn(signaal)
    return termijnen.stand(termijn, timezone.now()) if termijn else None
