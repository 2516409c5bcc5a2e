"""The pages of the functionaris gegevensbescherming: rights of betrokkenen, access export, rights review.

Views parse, call gegevensbescherming/fg.py and render. A person's name and birth date only travel in a POST
body, never in a URL or a log line; every read or change of a person's data leaves an access-log row.
"""

import datetime
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.forms.models import model_to_dict
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.views.decorators.http import require_http_methods

from evaluatie import export
from gegevensbescherming import fg
from gegevensbescherming.inzage_pdf import inzage_pdf
from ketenpartners.models import Gebruiker, Rol
from ketenpartners.selectors import rollen_van
from mensenhandel.formulieren import Datumveld, fouten_overnemen, foutsamenvatting, vandaag
from signalen.forms import VROEGSTE_DATUM, BetrokkeneForm
from signalen.models import Betrokkene, Signaal, Toegangslog
from signalen.toegang import toegang_loggen, weergave_loggen

Actie = Toegangslog.Actie
PAGINAGROOTTE = 50
# The access log cannot be older than the product.
VROEGSTE_LOGDATUM = datetime.date(2000, 1, 1)


class BetrokkeneZoekForm(forms.Form):
    naam = forms.CharField(
        label="Naam",
        max_length=200,
        help_text="Voor- en achternaam in willekeurige volgorde; hoofdletters, accenten en komma's tellen niet mee.",
        error_messages={
            "required": "Vul de naam van de betrokkene in.",
            "max_length": "Een naam is hoogstens 200 tekens lang.",
        },
    )
    geboortedatum = Datumveld(
        label="Geboortedatum",
        vroegst=VROEGSTE_DATUM,
        laatst=vandaag,
        help_text="Precies zoals vastgelegd; zonder geboortedatum wordt niet gezocht.",
        error_messages={
            "required": "Vul de geboortedatum van de betrokkene in.",
            "invalid": "Vul een geldige geboortedatum in, bijvoorbeeld 14-03-1990.",
        },
    )

    def clean_naam(self) -> str:
        naam: str = self.cleaned_data["naam"]
        if not fg.naam_sleutel(naam):
            raise forms.ValidationError("Vul een naam in met letters, bijvoorbeeld Jan Jansen.")
        return naam


def _redenen(redenen: list[fg.Reden]) -> list[tuple[str, str]]:
    return [("", "Kies een reden"), *((reden.value, reden.label) for reden in redenen)]


class CorrectieForm(BetrokkeneForm):
    reden = forms.ChoiceField(
        label="Reden van de correctie",
        choices=_redenen(fg.CORRECTIEREDENEN),
        error_messages={
            "required": "Kies de reden van de correctie.",
            "invalid_choice": "Kies een reden uit de lijst.",
        },
    )


class VerwijderForm(forms.Form):
    reden = forms.ChoiceField(
        label="Reden van het verwijderen",
        choices=_redenen(fg.VERWIJDERREDENEN),
        error_messages={
            "required": "Kies de reden van het verwijderen.",
            "invalid_choice": "Kies een reden uit de lijst.",
        },
    )


class ToegangForm(forms.Form):
    is_filter = True  # Each field on its own is optional; clean() asks for a signal or a user.
    signaal = forms.CharField(
        label="Signaal",
        required=False,
        max_length=20,
        help_text="Referentienummer, bijvoorbeeld MH-2026-00042.",
        error_messages={"max_length": "Een referentienummer is hoogstens 20 tekens lang."},
    )
    gebruiker = forms.CharField(
        label="Gebruikersnaam",
        required=False,
        max_length=150,
        error_messages={"max_length": "Een gebruikersnaam is hoogstens 150 tekens lang."},
    )
    van = Datumveld(
        label="Vanaf",
        required=False,
        vroegst=VROEGSTE_LOGDATUM,
        laatst=vandaag,
        error_messages={"invalid": "Vul een geldige datum in, bijvoorbeeld 14-03-2026."},
    )
    tot = Datumveld(
        label="Tot en met",
        required=False,
        vroegst=VROEGSTE_LOGDATUM,
        laatst=vandaag,
        error_messages={"invalid": "Vul een geldige datum in, bijvoorbeeld 14-03-2026."},
    )

    def __init__(self, *args: Any, fg_gebruiker: Gebruiker, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fg_gebruiker = fg_gebruiker

    def clean_signaal(self) -> Signaal | None:
        referentie: str = self.cleaned_data["signaal"].strip()
        if not referentie:
            return None
        signaal = fg.signaal_in_bereik(self.fg_gebruiker, referentie)
        if signaal is None:
            raise forms.ValidationError(
                "Er is geen signaal met dit referentienummer in de gemeenten waarvoor u "
                "functionaris gegevensbescherming bent. Controleer het nummer."
            )
        return signaal

    def clean(self) -> dict[str, Any]:
        gegevens = super().clean() or {}
        if not self.errors and not gegevens.get("signaal") and not gegevens.get("gebruiker", "").strip():
            raise forms.ValidationError("Vul een referentienummer of een gebruikersnaam in.")
        if gegevens.get("van") and gegevens.get("tot") and gegevens["van"] > gegevens["tot"]:
            raise forms.ValidationError("De datum 'vanaf' ligt na de datum 'tot en met'.")
        return gegevens


def _fg(request: HttpRequest) -> Gebruiker:
    """A page of the FG: 403 for every other role."""
    gebruiker = request.user
    assert isinstance(gebruiker, Gebruiker)
    if Rol.FG not in rollen_van(gebruiker):
        raise PermissionDenied
    return gebruiker


def _betrokkene_of_404(request: HttpRequest, pk: int, betrokkene_pk: int, *, actie: str) -> Betrokkene:
    """The betrokkene if it lies in the FG's gemeenten; else a logged refusal and 404 (also for non-FG)."""
    gebruiker = request.user
    assert isinstance(gebruiker, Gebruiker)
    try:
        return fg.betrokkene_voor_fg(gebruiker, signaal_id=pk, betrokkene_id=betrokkene_pk)
    except Betrokkene.DoesNotExist:
        toegang_loggen(request, actie=actie, signaal_ids=[pk], toegestaan=False)
        raise Http404 from None


def _pdf_antwoord(inhoud: bytes, bestandsnaam: str) -> HttpResponse:
    antwoord = HttpResponse(inhoud, content_type="application/pdf")
    antwoord["Content-Disposition"] = f'attachment; filename="{bestandsnaam}"'
    antwoord["Cache-Control"] = "private, no-store"
    antwoord["X-Content-Type-Options"] = "nosniff"
    return antwoord


# Rights of betrokkenen.


@require_http_methods(["GET", "POST"])
def betrokkenen(request: HttpRequest) -> HttpResponse:
    """Find a person in the FG's gemeenten. A POST, so the name never reaches a URL or a server log."""
    gebruiker = _fg(request)
    form = BetrokkeneZoekForm(request.POST if request.method == "POST" else None)
    context: dict[str, Any] = {"form": form, "gemeenten": list(fg.fg_gemeenten(gebruiker))}
    if form.is_bound and form.is_valid():
        treffers = fg.betrokkenen_zoeken(gebruiker, **form.cleaned_data)
        signaal_ids = [b.signaal_id for b in treffers]
        if request.POST.get("actie") == "pdf" and treffers:
            pdf = inzage_pdf(fg.inzage(door=gebruiker, betrokkenen=treffers))
            toegang_loggen(request, actie=Actie.INZAGE_EXPORT, signaal_ids=signaal_ids)
            return _pdf_antwoord(pdf, f"inzage-{timezone.localdate():%Y%m%d}.pdf")
        # The log records that the FG searched and which signals they saw, never whom they searched for.
        toegang_loggen(request, actie=Actie.BETROKKENE_GEZOCHT, signaal_ids=signaal_ids)
        context["treffers"] = treffers
    context["fouten"] = foutsamenvatting(form) if form.is_bound else []
    return render(request, "gegevensbescherming/betrokkenen.html", context)


@require_http_methods(["GET"])
def inzage(request: HttpRequest, pk: int, betrokkene_pk: int) -> HttpResponse:
    """One person's data in one signal as a PDF, for an inzageverzoek."""
    betrokkene = _betrokkene_of_404(request, pk, betrokkene_pk, actie=Actie.INZAGE_EXPORT)
    gebruiker = _fg(request)
    pdf = inzage_pdf(fg.inzage(door=gebruiker, betrokkenen=[betrokkene]))
    toegang_loggen(request, actie=Actie.INZAGE_EXPORT, signaal_ids=[pk])
    return _pdf_antwoord(pdf, f"inzage-{betrokkene.signaal.referentie}.pdf")


@require_http_methods(["GET", "POST"])
def corrigeren(request: HttpRequest, pk: int, betrokkene_pk: int) -> HttpResponse:
    betrokkene = _betrokkene_of_404(request, pk, betrokkene_pk, actie=Actie.BETROKKENE_GECORRIGEERD)
    gebruiker = _fg(request)
    form = CorrectieForm(request.POST or None, initial=model_to_dict(betrokkene, fields=fg.BETROKKENE_VELDEN))
    if request.method == "POST" and form.is_valid():
        gegevens = {naam: form.cleaned_data[naam] for naam in fg.BETROKKENE_VELDEN}
        try:
            # The correction and its access-log row commit together or not at all.
            with transaction.atomic():
                fg.betrokkene_corrigeren(
                    door=gebruiker,
                    signaal_id=pk,
                    betrokkene_id=betrokkene.pk,
                    gegevens=gegevens,
                    reden=form.cleaned_data["reden"],
                )
                toegang_loggen(request, actie=Actie.BETROKKENE_GECORRIGEERD, signaal_ids=[pk])
        except ValidationError as fout:
            fouten_overnemen(form, fout)
        except (Signaal.DoesNotExist, Betrokkene.DoesNotExist):
            raise Http404 from None
        else:
            messages.success(
                request, f"De gegevens van de betrokkene in signaal {betrokkene.signaal} zijn gecorrigeerd."
            )
            return redirect("gegevensbescherming:betrokkenen")
    weergave_loggen(request, actie=Actie.BETROKKENE_BEKEKEN, signaal_ids=[pk])
    context = {"betrokkene": betrokkene, "form": form, "fouten": foutsamenvatting(form) if form.is_bound else []}
    return render(request, "gegevensbescherming/corrigeren.html", context)


@require_http_methods(["GET", "POST"])
def verwijderen(request: HttpRequest, pk: int, betrokkene_pk: int) -> HttpResponse:
    betrokkene = _betrokkene_of_404(request, pk, betrokkene_pk, actie=Actie.BETROKKENE_VERWIJDERD)
    gebruiker = _fg(request)
    form = VerwijderForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                fg.betrokkene_verwijderen(
                    door=gebruiker, signaal_id=pk, betrokkene_id=betrokkene.pk, reden=form.cleaned_data["reden"]
                )
                toegang_loggen(request, actie=Actie.BETROKKENE_VERWIJDERD, signaal_ids=[pk])
        except ValidationError as fout:
            fouten_overnemen(form, fout)
        except (Signaal.DoesNotExist, Betrokkene.DoesNotExist):
            raise Http404 from None
        else:
            messages.success(request, f"De betrokkene is verwijderd uit signaal {betrokkene.signaal}.")
            return redirect("gegevensbescherming:betrokkenen")
    weergave_loggen(request, actie=Actie.BETROKKENE_BEKEKEN, signaal_ids=[pk])
    context = {
        "betrokkene": betrokkene,
        "gegevens": fg.betrokkene_gegevens(betrokkene),
        "form": form,
        "fouten": foutsamenvatting(form) if form.is_bound else [],
    }
    return render(request, "gegevensbescherming/verwijderen.html", context)


# Every access to a signal or by a user.

TOEGANG_KOLOMMEN = ["Tijdstip", "Gebruiker", "Actie", "Resultaat", "Signalen", "IP-adres"]


def _toegang(request: HttpRequest, gebruiker: Gebruiker) -> tuple[ToegangForm, list[fg.Toegangsregel] | None]:
    form = ToegangForm(request.GET or None, fg_gebruiker=gebruiker)
    if not form.is_valid():
        return form, None
    gegevens = form.cleaned_data
    regels = fg.toegang(
        gebruiker,
        signaal=gegevens["signaal"],
        gebruikersnaam=gegevens["gebruiker"],
        van=gegevens["van"],
        tot=gegevens["tot"],
    )
    return form, regels


def _toegang_rij(regel: fg.Toegangsregel) -> list[export.Cel]:
    return [
        f"{regel.tijdstip:%Y-%m-%d %H:%M:%S}",
        regel.gebruikersnaam,
        regel.actie,
        regel.resultaat,
        regel.signalen,
        regel.ip_adres,
    ]


def _toegang_titel(form: ToegangForm) -> str:
    gegevens = form.cleaned_data
    titel = "Toegang"
    if gegevens["signaal"]:
        titel += f" tot signaal {gegevens['signaal'].referentie}"
    if gegevens["gebruiker"].strip():
        titel += f" door gebruiker {gegevens['gebruiker'].strip()}"
    if gegevens["van"]:
        titel += f" vanaf {date_format(gegevens['van'], 'j F Y')}"
    if gegevens["tot"]:
        titel += f" tot en met {date_format(gegevens['tot'], 'j F Y')}"
    return titel


@require_http_methods(["GET"])
def toegang(request: HttpRequest) -> HttpResponse:
    gebruiker = _fg(request)
    form, regels = _toegang(request, gebruiker)
    querystring = request.GET.copy()
    querystring.pop("pagina", None)
    pagina = Paginator(regels or [], PAGINAGROOTTE).get_page(request.GET.get("pagina")) if regels else None
    context = {
        "form": form,
        "regels": regels,
        "page_obj": pagina,
        "titel": _toegang_titel(form) if regels is not None else "",
        "querystring_zonder_pagina": querystring.urlencode(),
        "fouten": foutsamenvatting(form) if form.is_bound else [],
    }
    return render(request, "gegevensbescherming/toegang.html", context)


def _toegang_download(request: HttpRequest, formaat: str) -> HttpResponse:
    gebruiker = _fg(request)
    form, regels = _toegang(request, gebruiker)
    if regels is None:
        return redirect(reverse("gegevensbescherming:toegang") + "?" + request.GET.urlencode())
    tabel = export.Tabel(
        titel=_toegang_titel(form), kolommen=TOEGANG_KOLOMMEN, rijen=[_toegang_rij(regel) for regel in regels]
    )
    toegang_loggen(request, actie=Actie.TOEGANG_EXPORT, signaal_ids=fg.toegang_signaal_ids(gebruiker, regels))
    naam = f"toegang-{timezone.localdate():%Y%m%d}.{formaat}"
    return export.download(tabel, formaat=formaat, bestandsnaam=naam)


@require_http_methods(["GET"])
def toegang_csv(request: HttpRequest) -> HttpResponse:
    return _toegang_download(request, "csv")


@require_http_methods(["GET"])
def toegang_xlsx(request: HttpRequest) -> HttpResponse:
    return _toegang_download(request, "xlsx")


# The quarterly rights review.

RECHTEN_KOLOMMEN = [
    "Organisatie",
    "Naam",
    "Gebruikersnaam",
    "Rollen",
    "Objectrechten",
    "Laatst ingelogd",
    "MFA ingesteld",
    "Account actief",
]


def _rechten_rij(regel: fg.Rechtenregel) -> list[export.Cel]:
    return [
        regel.organisatie,
        regel.naam,
        regel.gebruikersnaam,
        ", ".join(regel.rollen),
        regel.objectrechten,
        f"{regel.laatst_ingelogd:%Y-%m-%d %H:%M}" if regel.laatst_ingelogd else "nooit",
        regel.mfa,
        "ja" if regel.actief else "nee",
    ]


@require_http_methods(["GET"])
def rechten(request: HttpRequest) -> HttpResponse:
    gebruiker = _fg(request)
    context = {
        "regels": fg.rechtenreview(gebruiker),
        "kwartaal": fg.kwartaal(timezone.localdate()),
        "peildatum": timezone.localdate(),
    }
    return render(request, "gegevensbescherming/rechten.html", context)


def _rechten_download(request: HttpRequest, formaat: str) -> HttpResponse:
    gebruiker = _fg(request)
    vandaag = timezone.localdate()
    tabel = export.Tabel(
        titel=f"Rechtenreview {fg.kwartaal(vandaag)} (peildatum {date_format(vandaag, 'j F Y')})",
        kolommen=RECHTEN_KOLOMMEN,
        rijen=[_rechten_rij(regel) for regel in fg.rechtenreview(gebruiker)],
        voetnoot="Objectrechten: het aantal rechten op signalen dat de gebruiker via de groepen van zijn rollen "
        "bij deze organisatie heeft.",
    )
    naam = f"rechtenreview-{vandaag:%Y%m%d}.{formaat}"
    return export.download(tabel, formaat=formaat, bestandsnaam=naam)


@require_http_methods(["GET"])
def rechten_csv(request: HttpRequest) -> HttpResponse:
    return _rechten_download(request, "csv")


@require_http_methods(["GET"])
def rechten_xlsx(request: HttpRequest) -> HttpResponse:
    return _rechten_download(request, "xlsx")
