import re

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from ketenpartners.models import Gebruiker
from mensenhandel.formulieren import foutsamenvatting
from signalen import services
from signalen.forms import (
    BetrokkeneFormSet,
    BijlagenForm,
    LocatieFormSet,
    SignaalForm,
    bewaarde_bijlagen,
    zonder_foutmeldingen,
)
from signalen.models import Signaal, Toegangslog
from signalen.selectors import eigen_signalen
from signalen.toegang import toegang_loggen

# Buttons on the intake form that add a row instead of submitting (works without JavaScript).
RIJ_TOEVOEGEN = {"betrokkene_toevoegen": "betrokkene", "locatie_toevoegen": "locatie"}
# "Verwijder deze betrokkene" / "Verwijder deze locatie": value "<prefix>_verwijderen:<row index>".
RIJ_VERWIJDEREN = re.compile(r"^(betrokkene|locatie)_verwijderen:(\d{1,3})$")


def _aantal_rijen(data: QueryDict, prefix: str) -> int | None:
    """The row count the form sent; None when tampered with (the formset then refuses it)."""
    aantal = data.get(f"{prefix}-TOTAL_FORMS", "0")
    return int(aantal) if aantal.isascii() and aantal.isdecimal() and len(aantal) < 4 else None


def _met_extra_rij(data: QueryDict, prefix: str) -> QueryDict:
    """The same data with one more empty row; a tampered row count is left for the formset to refuse."""
    aantal = _aantal_rijen(data, prefix)
    if aantal is not None:
        data = data.copy()
        data[f"{prefix}-TOTAL_FORMS"] = str(aantal + 1)
    return data


def _zonder_rij(data: QueryDict, prefix: str, index: int) -> QueryDict:
    """The same data without row ``index``: the rows after it move up one, every other input stays."""
    aantal = _aantal_rijen(data, prefix)
    if aantal is None or index >= aantal:
        return data
    rij = re.compile(rf"^{re.escape(prefix)}-(\d+)-(.+)$")
    nieuw = data.copy()
    for sleutel in data:
        if rij.match(sleutel):
            del nieuw[sleutel]
    for sleutel, waarden in data.lists():
        gevonden = rij.match(sleutel)
        if gevonden is None or int(gevonden[1]) == index or int(gevonden[1]) >= aantal:
            continue
        nummer = int(gevonden[1])
        nieuw.setlist(f"{prefix}-{nummer - 1 if nummer > index else nummer}-{gevonden[2]}", waarden)
    nieuw[f"{prefix}-TOTAL_FORMS"] = str(aantal - 1)
    return nieuw


def _rij_aanpassen(data: QueryDict, actie: str) -> QueryDict | None:
    """The data after an "add" or "remove" button; None when the signal itself was sent."""
    if actie in RIJ_TOEVOEGEN:
        return _met_extra_rij(data, RIJ_TOEVOEGEN[actie])
    verwijderen = RIJ_VERWIJDEREN.match(actie)
    if verwijderen:
        return _zonder_rij(data, verwijderen[1], int(verwijderen[2]))
    return None


@require_http_methods(["GET", "POST"])
def melden(request: HttpRequest) -> HttpResponse:
    melder = request.user
    assert isinstance(melder, Gebruiker)
    form = SignaalForm(request.POST or None, melder=melder)
    if not form.fields["gemeente"].queryset.exists():  # type: ignore[attr-defined]
        raise PermissionDenied("U bent niet als medewerker van een gemeente geregistreerd.")

    if request.method == "GET":
        context = {
            "form": form,
            "betrokkenen": BetrokkeneFormSet(prefix="betrokkene"),
            "locaties": LocatieFormSet(prefix="locatie"),
            "bijlagen_form": BijlagenForm(melder=melder),
            "bewaard": [],
        }
        return render(request, "signalen/melden.html", context)

    actie = request.POST.get("actie", "indienen")
    aangepast = _rij_aanpassen(request.POST, actie)
    data: QueryDict = request.POST if aangepast is None else aangepast
    betrokkenen = BetrokkeneFormSet(data, prefix="betrokkene")
    locaties = LocatieFormSet(data, prefix="locatie")
    bewaard = bewaarde_bijlagen(melder, request.POST.getlist("bewaarde_bijlage"))
    bijlagen_form = BijlagenForm(request.POST, request.FILES, melder=melder, bewaard=bewaard)
    bijlagen_form.is_valid()
    bewaard += [services.tijdelijke_bijlage_bewaren(door=melder, upload=u) for u in bijlagen_form.geldige_uploads]

    opnieuw = {
        "form": form,
        "betrokkenen": betrokkenen,
        "locaties": locaties,
        "bijlagen_form": bijlagen_form,
        "bewaard": bewaard,
    }
    if aangepast is not None:
        # Only a row was added or removed: show the form again without judging what is not finished yet.
        zonder_foutmeldingen(form, betrokkenen, locaties)
        fouten = foutsamenvatting(betrokkenen, locaties, bijlagen_form)
        return render(request, "signalen/melden.html", opnieuw | {"fouten": fouten})
    if not all([form.is_valid(), betrokkenen.is_valid(), locaties.is_valid(), bijlagen_form.is_valid()]):
        fouten = foutsamenvatting(form, betrokkenen, locaties, bijlagen_form)
        return render(request, "signalen/melden.html", opnieuw | {"fouten": fouten})

    gegevens = form.cleaned_data
    signaal = services.signaal_indienen(
        door=melder,
        gemeente=gegevens["gemeente"],
        team=gegevens["team"],
        waargenomen_op=gegevens["waargenomen_op"],
        omschrijving=gegevens["omschrijving"],
        vormen=list(gegevens["vormen"]),
        acuut=gegevens["acuut"],
        indicatoren=list(gegevens["indicatoren"]),
        betrokkenen=_ingevulde_rijen(betrokkenen),
        locaties=_ingevulde_rijen(locaties),
        tijdelijke_bijlagen=bewaard,
    )
    messages.success(request, f"Uw signaal is ontvangen onder nummer {signaal.referentie}.")
    return redirect("signalen:ontvangstbevestiging", pk=signaal.pk)


def _ingevulde_rijen(formset: object) -> list[dict[str, object]]:
    rijen = []
    for rij in formset.forms:  # type: ignore[attr-defined]
        if not rij.has_changed() or rij.cleaned_data.get("DELETE"):
            continue
        rijen.append({k: v for k, v in rij.cleaned_data.items() if k != "DELETE"})
    return rijen


@require_http_methods(["GET"])
def ontvangstbevestiging(request: HttpRequest, pk: int) -> HttpResponse:
    """The receipt; only for the melder of this signal, and only the melder's fields.

    Anyone else gets a 404, and the attempt is in the access log like every other refusal.
    """
    melder = request.user
    assert isinstance(melder, Gebruiker)
    try:
        signaal = eigen_signalen(melder).select_related("gemeente").get(pk=pk)
    except Signaal.DoesNotExist:
        toegang_loggen(request, actie=Toegangslog.Actie.ONTVANGSTBEVESTIGING, signaal_ids=[pk], toegestaan=False)
        raise Http404 from None
    toegang_loggen(request, actie=Toegangslog.Actie.ONTVANGSTBEVESTIGING, signaal_ids=[signaal.pk])
    return render(request, "signalen/ontvangstbevestiging.html", {"signaal": signaal})
