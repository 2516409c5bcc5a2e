"""Tafels: the list, a tafel with its meetings, the agenda with decisions, and the verslag.

Every page answers 404 to whoever does not take part in the tafel. Pages that name signals are
in the access log: the agenda with the signals it names, the verslag with those whose content
it shows.
"""

from pathlib import Path
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.views.decorators.http import require_http_methods

from evaluatie.pdf import html_naar_pdf
from ketenpartners.models import Gebruiker
from meldroute.services import MeldrouteFout, SignaalGewijzigd
from meldroute.services.delen import datum
from mensenhandel.formulieren import fouten_overnemen, foutsamenvatting
from signalen.models import Signaal, Toegangslog
from signalen.toegang import toegang_loggen, weergave_loggen
from tafels import selectors, services
from tafels.forms import AgendapuntForm, BesluitForm, BijeenkomstForm, TafelactieForm, standaard_uiterlijk
from tafels.models import Agendapunt, Bijeenkomst, Tafel, Tafelactie

VERSLAG_CSS = Path(__file__).with_name("verslag_pdf.css")


def _gebruiker(request: HttpRequest) -> Gebruiker:
    assert isinstance(request.user, Gebruiker)
    return request.user


def _bijeenkomst_of_404(request: HttpRequest, pk: int) -> tuple[Bijeenkomst, selectors.Deelname]:
    try:
        return selectors.bijeenkomst_voor(_gebruiker(request), pk)
    except Bijeenkomst.DoesNotExist:
        raise Http404 from None


def _punt_of_404(request: HttpRequest, pk: int) -> tuple[Agendapunt, selectors.Deelname]:
    """An item of an agenda, for an AF of the signal's gemeente who takes part in the tafel."""
    try:
        return selectors.punt_voor_af(_gebruiker(request), pk)
    except Agendapunt.DoesNotExist:
        raise Http404 from None
    except Signaal.DoesNotExist:
        signaal_id = Agendapunt.objects.values_list("signaal_id", flat=True).get(pk=pk)
        toegang_loggen(request, actie=Toegangslog.Actie.DETAIL, signaal_ids=[signaal_id], toegestaan=False)
        raise Http404 from None


@require_http_methods(["GET"])
def overzicht(request: HttpRequest) -> HttpResponse:
    tafels = list(selectors.tafels_van(_gebruiker(request)).select_related("gemeente", "regio").order_by("naam"))
    volgende = selectors.volgende_per_tafel([t.pk for t in tafels])
    rijen = [{"tafel": t, "volgende": volgende.get(t.pk)} for t in tafels]
    return render(request, "tafels/overzicht.html", {"rijen": rijen})


@require_http_methods(["GET", "POST"])
def tafel(request: HttpRequest, pk: int) -> HttpResponse:
    gebruiker = _gebruiker(request)
    try:
        deelname = selectors.deelname(gebruiker, pk)
    except Tafel.DoesNotExist:
        raise Http404 from None
    form = BijeenkomstForm(request.POST or None) if deelname.mag_plannen else None
    if request.method == "POST":
        if form is None:
            raise Http404
        if form.is_valid():
            try:
                bijeenkomst = services.bijeenkomst_plannen(tafel_id=pk, door=gebruiker, **form.cleaned_data)
            except ValidationError as fout:
                fouten_overnemen(form, fout)
            else:
                messages.success(request, f"Bijeenkomst gepland op {datum(bijeenkomst.datum)}.")
                return redirect("tafels:bijeenkomst", pk=bijeenkomst.pk)
    context = {
        "deelname": deelname,
        "tafel": deelname.tafel,
        "leden": list(deelname.tafel.leden.order_by("naam")),
        "bijeenkomsten": list(deelname.tafel.bijeenkomsten.order_by("-datum", "-aanvang")),
        "form": form,
        "fouten": foutsamenvatting(form) if form is not None and form.is_bound else [],
    }
    return render(request, "tafels/tafel.html", context)


@require_http_methods(["GET"])
def bijeenkomst(request: HttpRequest, pk: int) -> HttpResponse:
    gebruiker = _gebruiker(request)
    gevonden, deelname = _bijeenkomst_of_404(request, pk)
    punten = selectors.agenda(gevonden)
    eigen = set(deelname.gemeenten)
    voorstel = selectors.voorstel(gevonden, deelname) if gevonden.afgerond_op is None else selectors.Voorstel()
    genoemd = [p.signaal_id for p in punten] + [s.pk for s in voorstel.nieuw + voorstel.lopend]
    weergave_loggen(request, actie=Toegangslog.Actie.TAFELAGENDA, signaal_ids=genoemd)
    context = {
        "bijeenkomst": gevonden,
        "tafel": deelname.tafel,
        "deelname": deelname,
        "punten": [{"punt": p, "eigen": p.signaal.gemeente_id in eigen} for p in punten],
        "voorstel": voorstel,
        "open": gevonden.afgerond_op is None,
        "acties": [a for p in punten for a in p.acties.all() if a.eigenaar_id == gebruiker.pk and not a.afgerond_op],
    }
    return render(request, "tafels/bijeenkomst.html", context)


@require_http_methods(["POST"])
def agendapunt_toevoegen(request: HttpRequest, pk: int) -> HttpResponse:
    gevonden, _ = _bijeenkomst_of_404(request, pk)
    form = AgendapuntForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Kies een signaal uit het voorstel.")
        return redirect("tafels:bijeenkomst", pk=pk)
    signaal_id = form.cleaned_data["signaal"]
    try:
        punt = services.agendapunt_toevoegen(
            bijeenkomst_id=pk, door=_gebruiker(request), signaal_id=signaal_id, soort=form.cleaned_data["soort"]
        )
    except (Signaal.DoesNotExist, Bijeenkomst.DoesNotExist):
        toegang_loggen(request, actie=Toegangslog.Actie.DETAIL, signaal_ids=[signaal_id], toegestaan=False)
        raise Http404 from None
    except (MeldrouteFout, ValidationError) as fout:
        messages.error(request, " ".join(fout.messages) if isinstance(fout, ValidationError) else str(fout))
    else:
        messages.success(request, f"Signaal {punt.signaal} staat op de agenda.")
    return redirect("tafels:bijeenkomst", pk=gevonden.pk)


@require_http_methods(["POST"])
def agendapunt_verwijderen(request: HttpRequest, pk: int) -> HttpResponse:
    punt, _ = _punt_of_404(request, pk)
    try:
        services.agendapunt_verwijderen(agendapunt_id=pk, door=_gebruiker(request))
    except (Agendapunt.DoesNotExist, Bijeenkomst.DoesNotExist):
        raise Http404 from None
    except MeldrouteFout as fout:
        messages.error(request, str(fout))
    else:
        messages.success(request, f"Signaal {punt.signaal} is van de agenda gehaald.")
    return redirect("tafels:bijeenkomst", pk=punt.bijeenkomst_id)


@require_http_methods(["GET", "POST"])
def besluit(request: HttpRequest, pk: int) -> HttpResponse:
    """The decision about one item, and the actions that come with it."""
    gebruiker = _gebruiker(request)
    punt, deelname = _punt_of_404(request, pk)
    weergave_loggen(request, actie=Toegangslog.Actie.DETAIL, signaal_ids=[punt.signaal_id])
    eigenaren = services.mogelijke_eigenaren(punt, deelname.tafel)
    besluit_form = BesluitForm(
        request.POST if "besluit_vastleggen" in request.POST else None,
        leden=deelname.tafel.leden.order_by("naam"),
        signaal=punt.signaal,
    )
    actie_form = TafelactieForm(
        request.POST if "actie_toevoegen" in request.POST else None,
        eigenaren=eigenaren,
        initial={"uiterlijk": standaard_uiterlijk(), "eigenaar": gebruiker.pk},
    )
    if besluit_form.is_bound and besluit_form.is_valid():
        try:
            services.besluit_vastleggen(agendapunt_id=pk, door=gebruiker, **besluit_form.cleaned_data)
        except (Agendapunt.DoesNotExist, Bijeenkomst.DoesNotExist, Signaal.DoesNotExist):
            toegang_loggen(request, actie=Toegangslog.Actie.DETAIL, signaal_ids=[punt.signaal_id], toegestaan=False)
            raise Http404 from None
        except ValidationError as fout:
            fouten_overnemen(besluit_form, fout)
        except SignaalGewijzigd as fout:
            # The page again with what was typed, the signal's new step and the message.
            punt.signaal.refresh_from_db()
            opnieuw = request.POST.copy()
            opnieuw["verwachte_status"] = punt.signaal.status
            besluit_form = BesluitForm(opnieuw, leden=deelname.tafel.leden.order_by("naam"), signaal=punt.signaal)
            besluit_form.is_valid()
            besluit_form.add_error(None, str(fout))
        except MeldrouteFout as fout:
            besluit_form.add_error(None, str(fout))
        else:
            messages.success(request, f"Besluit over {punt.signaal} vastgelegd.")
            return redirect("tafels:bijeenkomst", pk=punt.bijeenkomst_id)
    if actie_form.is_bound and actie_form.is_valid():
        try:
            actie = services.actie_toevoegen(agendapunt_id=pk, door=gebruiker, **actie_form.cleaned_data)
        except Agendapunt.DoesNotExist:
            raise Http404 from None
        except ValidationError as fout:
            fouten_overnemen(actie_form, fout)
        except MeldrouteFout as fout:
            actie_form.add_error(None, str(fout))
        else:
            messages.success(request, f"Actie vastgelegd voor {actie.eigenaar.get_full_name() or actie.eigenaar}.")
            return redirect("tafels:besluit", pk=pk)
    punt = Agendapunt.objects.select_related("bijeenkomst__tafel", "signaal__gemeente", "deling__organisatie").get(
        pk=pk
    )
    context = {
        "punt": punt,
        "tafel": deelname.tafel,
        "besluit_form": besluit_form,
        "actie_form": actie_form,
        "acties": list(punt.acties.select_related("eigenaar")),
        "fouten": foutsamenvatting(besluit_form)
        if besluit_form.is_bound
        else foutsamenvatting(actie_form)
        if actie_form.is_bound
        else [],
    }
    return render(request, "tafels/besluit.html", context)


@require_http_methods(["POST"])
def actie_afronden(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        actie = services.actie_afronden(actie_id=pk, door=_gebruiker(request))
    except Tafelactie.DoesNotExist:
        raise Http404 from None
    messages.success(request, f"Actie afgerond: {actie.omschrijving}.")
    return redirect("tafels:bijeenkomst", pk=actie.agendapunt.bijeenkomst_id)


@require_http_methods(["POST"])
def agenda_versturen(request: HttpRequest, pk: int) -> HttpResponse:
    _bijeenkomst_of_404(request, pk)
    try:
        aantal = services.agenda_versturen(bijeenkomst_id=pk, door=_gebruiker(request))
    except (Bijeenkomst.DoesNotExist, Tafel.DoesNotExist):
        raise Http404 from None
    except MeldrouteFout as fout:
        messages.error(request, str(fout))
    else:
        messages.success(
            request, f"De agenda gaat per e-mail naar {aantal} {'deelnemer' if aantal == 1 else 'deelnemers'}."
        )
    return redirect("tafels:bijeenkomst", pk=pk)


@require_http_methods(["GET", "POST"])
def afronden(request: HttpRequest, pk: int) -> HttpResponse:
    """Close the meeting, after a page that says what that fixes and what moves on."""
    gevonden, deelname = _bijeenkomst_of_404(request, pk)
    if not deelname.mag_plannen:
        raise Http404
    if request.method == "GET":
        if gevonden.afgerond_op is not None:
            return redirect("tafels:bijeenkomst", pk=pk)
        punten = selectors.agenda(gevonden)
        # The page names the references of the items without a decision.
        weergave_loggen(request, actie=Toegangslog.Actie.TAFELAGENDA, signaal_ids=[p.signaal_id for p in punten])
        context = {
            "bijeenkomst": gevonden,
            "tafel": deelname.tafel,
            "besloten": sum(1 for p in punten if p.besluit),
            "open_punten": [p for p in punten if not p.besluit],
            "volgende": selectors.volgende_bijeenkomst(deelname.tafel, gevonden),
        }
        return render(request, "tafels/afronden.html", context)
    try:
        afgerond = services.bijeenkomst_afronden(bijeenkomst_id=pk, door=_gebruiker(request))
    except (Bijeenkomst.DoesNotExist, Tafel.DoesNotExist):
        raise Http404 from None
    except MeldrouteFout as fout:
        messages.error(request, str(fout))
        return redirect("tafels:bijeenkomst", pk=pk)
    niet_besproken = afgerond.agendapunten.filter(besluit="").count()
    tekst = f"De bijeenkomst van {datum(afgerond.datum)} is afgerond."
    if niet_besproken:
        wat = "signaal gaat" if niet_besproken == 1 else "signalen gaan"
        tekst += f" {niet_besproken} niet besproken {wat} mee naar de volgende bijeenkomst."
    messages.success(request, tekst)
    return redirect("tafels:bijeenkomst", pk=pk)


def _verslag(request: HttpRequest, pk: int) -> dict[str, Any]:
    """The verslag as this reader may read it, logged with the signals whose content it shows."""
    gevonden, deelname = _bijeenkomst_of_404(request, pk)
    regels = selectors.verslag(gevonden, _gebruiker(request))
    # Written when the verslag is sent: a PDF that fails to render leaves no row.
    weergave_loggen(
        request, actie=Toegangslog.Actie.TAFELVERSLAG, signaal_ids=[r.punt.signaal_id for r in regels if r.inhoud]
    )
    return {
        "bijeenkomst": gevonden,
        "tafel": deelname.tafel,
        "regels": regels,
        "leden": list(deelname.tafel.leden.order_by("naam")),
    }


@require_http_methods(["GET"])
def verslag(request: HttpRequest, pk: int) -> HttpResponse:
    return render(request, "tafels/verslag.html", _verslag(request, pk))


@require_http_methods(["GET"])
def verslag_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The same verslag as a PDF for this reader: a file that names for whom it was made."""
    context = _verslag(request, pk)
    gebruiker = _gebruiker(request)
    context |= {"lezer": gebruiker.get_full_name() or gebruiker.username, "nu": timezone.localdate()}
    with translation.override("nl"):
        html = render_to_string("tafels/verslag_pdf.html", context)
    response = HttpResponse(html_naar_pdf(html, stijlblad=VERSLAG_CSS), content_type="application/pdf")
    bijeenkomst = context["bijeenkomst"]
    response["Content-Disposition"] = f'attachment; filename="verslag-{bijeenkomst.datum:%Y-%m-%d}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response
