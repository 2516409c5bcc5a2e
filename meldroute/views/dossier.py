"""The dossier as a living record: the AF adds and corrects in steps 2 to 6; the melder reads their
own report as submitted.

Each form page is ``signalen/<pk>/dossier/<onderdeel>/`` (add, or change the lists) or
``signalen/<pk>/dossier/<onderdeel>/<item_pk>/`` (correct one betrokkene or locatie). Access is
the AF's access to the signal (``selectors.signaal_voor_behandeling``): 404 otherwise, logged.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, cast

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from meldroute import selectors, services
from meldroute.dossier import bij_te_werken, weigering
from meldroute.forms_dossier import BijlageForm, KenmerkenForm, LocatieDossierForm, NotitieForm
from meldroute.services import MeldrouteFout
from meldroute.views.route import _gebruiker, _signaal_of_404
from mensenhandel.formulieren import fouten_overnemen, foutsamenvatting
from signalen import melding
from signalen.forms import BetrokkeneForm
from signalen.models import Betrokkene, Locatie, Signaal, Toegangslog
from signalen.toegang import toegang_loggen
from signalen.workflow import melderstatus

# What the service gets: the signal's id, the acting user, the form's data, and the item (if any).
Opslaan = Callable[[int, Any, dict[str, Any], int | None], object]


@dataclass(frozen=True)
class Onderdeel:
    """One kind of change to the dossier: its form, its service, and the words on the page."""

    titel: str
    uitleg: str
    form: Callable[..., forms.BaseForm]
    opslaan: Opslaan
    gelukt: str
    # Where on the detail page the AF lands afterwards.
    anker: str
    # For a correction: which of the signal's rows may be changed.
    items: Callable[[Signaal], models.QuerySet[Any]] | None = None


def _met_signaal(form: type[KenmerkenForm]) -> Callable[..., forms.BaseForm]:
    return lambda data, files, signaal, item: form(data, files, signaal=signaal)


def _zonder_signaal(form: type[forms.BaseForm]) -> Callable[..., forms.BaseForm]:
    def maken(data: Any, files: Any, signaal: Signaal, item: models.Model | None) -> forms.BaseForm:
        if issubclass(form, forms.ModelForm):
            return form(data, files, instance=item)
        return form(data, files)

    return maken


TOEVOEGEN: dict[str, Onderdeel] = {
    "betrokkene": Onderdeel(
        titel="Betrokkene toevoegen",
        uitleg="Een persoon die u bij het verrijken vond, bijvoorbeeld in de BRP.",
        form=_zonder_signaal(BetrokkeneForm),
        opslaan=lambda pk, door, g, _: services.betrokkene_toevoegen(signaal_id=pk, door=door, gegevens=g),
        gelukt="De betrokkene is toegevoegd.",
        anker="kop-betrokkenen",
    ),
    "locatie": Onderdeel(
        titel="Locatie of organisatie toevoegen",
        uitleg="Een adres, bedrijf of KvK-inschrijving die bij het signaal hoort.",
        form=_zonder_signaal(LocatieDossierForm),
        opslaan=lambda pk, door, g, _: services.locatie_toevoegen(signaal_id=pk, door=door, gegevens=g),
        gelukt="De locatie of organisatie is toegevoegd.",
        anker="kop-locaties",
    ),
    "kenmerken": Onderdeel(
        titel="Indicatoren en vormen wijzigen",
        uitleg="Pas de indicatoren en de vormen van mensenhandel aan wat u nu weet aan.",
        form=_met_signaal(KenmerkenForm),
        opslaan=lambda pk, door, g, _: services.kenmerken_wijzigen(signaal_id=pk, door=door, **g),
        gelukt="De indicatoren en vormen zijn bijgewerkt.",
        anker="kop-melding",
    ),
    "bijlage": Onderdeel(
        titel="Bijlage toevoegen",
        uitleg="Bijvoorbeeld het verslag van een tafel of een uittreksel.",
        form=_zonder_signaal(BijlageForm),
        opslaan=lambda pk, door, g, _: services.bijlage_toevoegen(signaal_id=pk, door=door, **g),
        gelukt="De bijlage is toegevoegd.",
        anker="kop-bijlagen",
    ),
    "notitie": Onderdeel(
        titel="Notitie toevoegen",
        uitleg="Een interne notitie bij dit signaal.",
        form=_zonder_signaal(NotitieForm),
        opslaan=lambda pk, door, g, _: services.notitie_toevoegen(signaal_id=pk, door=door, **g),
        gelukt="De notitie is toegevoegd.",
        anker="kop-notities",
    ),
}

WIJZIGEN: dict[str, Onderdeel] = {
    "betrokkene": Onderdeel(
        titel="Betrokkene wijzigen",
        uitleg="Corrigeer of vul de gegevens van deze betrokkene aan.",
        form=_zonder_signaal(BetrokkeneForm),
        opslaan=lambda pk, door, g, item: services.betrokkene_wijzigen(
            signaal_id=pk, betrokkene_id=cast(int, item), door=door, gegevens=g
        ),
        gelukt="De gegevens van de betrokkene zijn gewijzigd.",
        anker="kop-betrokkenen",
        items=lambda s: Betrokkene.objects.filter(signaal=s),
    ),
    "locatie": Onderdeel(
        titel="Locatie of organisatie wijzigen",
        uitleg="Corrigeer of vul de gegevens van deze locatie of organisatie aan.",
        form=_zonder_signaal(LocatieDossierForm),
        opslaan=lambda pk, door, g, item: services.locatie_wijzigen(
            signaal_id=pk, locatie_id=cast(int, item), door=door, gegevens=g
        ),
        gelukt="De locatie of organisatie is gewijzigd.",
        anker="kop-locaties",
        items=lambda s: Locatie.objects.filter(signaal=s),
    ),
}


def _pagina(request: HttpRequest, pk: int, onderdeel: Onderdeel | None, item_pk: int | None) -> HttpResponse:
    signaal = _signaal_of_404(request, pk, actie=Toegangslog.Actie.DETAIL)
    if onderdeel is None:
        raise Http404
    item = None
    if onderdeel.items is not None:
        item = onderdeel.items(signaal).filter(pk=item_pk).first()
        if item is None:
            toegang_loggen(request, actie=Toegangslog.Actie.DETAIL, signaal_ids=[pk], toegestaan=False)
            raise Http404
    if not bij_te_werken(signaal):
        messages.error(request, weigering(signaal))
        return redirect("meldroute:detail", pk=signaal.pk)

    # Bound on every POST: with every box of a list unticked, the POST may carry nothing else.
    gepost = request.method == "POST"
    form = onderdeel.form(request.POST if gepost else None, request.FILES if gepost else None, signaal, item)
    if gepost and form.is_valid():
        try:
            onderdeel.opslaan(signaal.pk, _gebruiker(request), dict(form.cleaned_data), item_pk)
        except ValidationError as fout:
            fouten_overnemen(form, fout)
        except MeldrouteFout as fout:
            messages.error(request, str(fout))
            return redirect("meldroute:detail", pk=signaal.pk)
        except (Signaal.DoesNotExist, Betrokkene.DoesNotExist, Locatie.DoesNotExist):
            # Access ended, or the row went, between the page and the lock.
            toegang_loggen(request, actie=Toegangslog.Actie.DETAIL, signaal_ids=[pk], toegestaan=False)
            raise Http404 from None
        else:
            messages.success(request, onderdeel.gelukt)
            return redirect(reverse("meldroute:detail", args=[signaal.pk]) + f"#{onderdeel.anker}")

    context = {
        "signaal": signaal,
        "onderdeel": onderdeel,
        "form": form,
        "fouten": foutsamenvatting(form) if form.is_bound else [],
    }
    return render(request, "meldroute/dossier/formulier.html", context)


@require_http_methods(["GET", "POST"])
def bijwerken(request: HttpRequest, pk: int, onderdeel: str) -> HttpResponse:
    """Add a betrokkene, locatie, attachment or note, or change the indicatoren and vormen."""
    return _pagina(request, pk, TOEVOEGEN.get(onderdeel), None)


@require_http_methods(["GET", "POST"])
def wijzigen(request: HttpRequest, pk: int, onderdeel: str, item_pk: int) -> HttpResponse:
    """Correct one betrokkene or locatie of the signal."""
    return _pagina(request, pk, WIJZIGEN.get(onderdeel), item_pk)


@require_http_methods(["GET"])
def mijn_signaal(request: HttpRequest, pk: int) -> HttpResponse:
    """The melder reads their own report as submitted, its status and the feedback; nothing more."""
    try:
        signaal = selectors.mijn_signaal(_gebruiker(request), pk)
    except Signaal.DoesNotExist:
        toegang_loggen(request, actie=Toegangslog.Actie.DETAIL, signaal_ids=[pk], toegestaan=False)
        raise Http404 from None
    toegang_loggen(request, actie=Toegangslog.Actie.DETAIL, signaal_ids=[signaal.pk])
    context = {
        "signaal": signaal,
        "status": melderstatus(signaal.status).label,
        "terugkoppelingen": selectors.terugkoppelingen_voor_melder(signaal),
        "melding": melding.van_signaal(signaal),
    }
    return render(request, "meldroute/dossier/mijn_signaal.html", context)
