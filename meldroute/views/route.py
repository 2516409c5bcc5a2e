from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from ketenpartners.models import Gebruiker, Rol
from ketenpartners.selectors import rollen_van
from meldroute import dossier, selectors, services
from meldroute.acties import ACTIES, beschikbare_acties
from meldroute.forms import ActieForm, BehandelaarForm, WerkbakFilterForm, ZoekForm
from meldroute.selectors import ZOEKRESULTATEN
from meldroute.services import MeldrouteFout
from meldroute.views.samenhang import detail_context as samenhang_context
from meldroute.views.samenhang import werkbak_markeren
from mensenhandel.formulieren import fouten_overnemen, foutsamenvatting
from signalen import termijnen
from signalen.models import Signaal, Toegangslog, Vorm
from signalen.toegang import bijlage_versturen, toegang_loggen, weergave_loggen
from signalen.workflow import Status, melderstatus

PAGINAGROOTTE = 25
DELEN_AANBIEDEN_NA = {"lokale_tafel_bespreken", "riec_inschakelen", "informatieplein_inbrengen"}


def _gebruiker(request: HttpRequest) -> Gebruiker:
    assert isinstance(request.user, Gebruiker)
    return request.user


def _alleen_af(request: HttpRequest) -> Gebruiker:
    gebruiker = _gebruiker(request)
    if Rol.AANDACHTSFUNCTIONARIS not in rollen_van(gebruiker):
        raise PermissionDenied
    return gebruiker


@require_http_methods(["GET"])
def start(request: HttpRequest) -> HttpResponse:
    """Send each user to where their work is."""
    rollen = rollen_van(_gebruiker(request))
    if Rol.AANDACHTSFUNCTIONARIS in rollen:
        return redirect("meldroute:werkbak")
    if Rol.KETENPARTNER in rollen:
        return redirect("meldroute:gedeeld")
    if Rol.COORDINATOR in rollen:
        return redirect("evaluatie:dashboard")
    if Rol.FG in rollen:
        return redirect("signalen:logboek_toegang")
    if Rol.MEDEWERKER in rollen:
        return redirect("meldroute:mijn_signalen")
    return render(request, "meldroute/start.html", {"rollen": [Rol(r).label for r in sorted(rollen)]})


def _rijen(signalen: list[Signaal]) -> list[dict[str, Any]]:
    """The werkbak's rows, each with the moment it is next due."""
    nu = timezone.now()
    rijen = []
    for s in signalen:
        termijn = termijnen.volgende_termijn(s)
        rijen.append(
            {
                "signaal": s,
                "status": s.get_status_display(),
                "termijn": termijnen.stand(termijn, nu) if termijn else None,
            }
        )
    return rijen


@require_http_methods(["GET", "POST"])
def werkbak(request: HttpRequest) -> HttpResponse:
    """The AF's to-do list. A quick search is a POST, so a name never ends up in a URL or a log."""
    gebruiker = _alleen_af(request)
    vormen = list(Vorm.objects.values_list("code", "naam"))
    filter_form = WerkbakFilterForm(request.GET or None, vormen=vormen)
    filters = filter_form.cleaned_data if filter_form.is_valid() else {}
    zoek_form = ZoekForm(request.POST if request.method == "POST" else None)
    context: dict[str, Any] = {"filter_form": filter_form, "zoek_form": zoek_form}

    if request.method == "POST":
        if zoek_form.is_valid():
            gevonden = list(selectors.werkbak_zoeken(gebruiker, zoek_form.cleaned_data["zoek"])[: ZOEKRESULTATEN + 1])
            # The log records that someone searched and what they saw, never what they typed.
            toegang_loggen(
                request,
                actie=Toegangslog.Actie.ZOEKEN,
                signaal_ids=[s.pk for s in gevonden[:ZOEKRESULTATEN]],
            )
            context |= {"zoekresultaten": True, "meer_dan": len(gevonden) > ZOEKRESULTATEN}
            context["rijen"] = _rijen(gevonden[:ZOEKRESULTATEN])
            return render(request, "meldroute/werkbak.html", context)
        context["fouten"] = foutsamenvatting(zoek_form)

    per_stap = selectors.werkbak_per_stap(gebruiker, filters=filters)
    gekozen_stap = filters.get("stap", "")
    open_totaal = sum(aantal for stap, aantal in per_stap.items() if stap != Status.AFGESLOTEN)
    paginator = Paginator(selectors.werkbak(gebruiker, filters=filters), PAGINAGROOTTE)
    # The counts per step already hold the number of rows: no second count of the same signals.
    if gekozen_stap:
        paginator.count = per_stap[gekozen_stap]
    else:
        paginator.count = open_totaal + (per_stap[Status.AFGESLOTEN] if filters.get("ook_afgesloten") else 0)
    pagina = paginator.get_page(request.GET.get("pagina"))
    signalen = list(pagina.object_list)
    toegang_loggen(request, actie=Toegangslog.Actie.LIJST, signaal_ids=[s.pk for s in signalen])
    querystring = request.GET.copy()
    querystring.pop("pagina", None)
    zonder_stap = querystring.copy()
    zonder_stap.pop("stap", None)
    stappen = [
        {
            "label": "Alle open stappen" if not filters.get("ook_afgesloten") else "Alle stappen",
            "aantal": open_totaal + (per_stap[Status.AFGESLOTEN] if filters.get("ook_afgesloten") else 0),
            "querystring": zonder_stap.urlencode(),
            "gekozen": not gekozen_stap,
        }
    ]
    for status in Status:
        met_stap = zonder_stap.copy()
        met_stap["stap"] = status.value
        stappen.append(
            {
                "label": status.label,
                "aantal": per_stap[status.value],
                "querystring": met_stap.urlencode(),
                "gekozen": gekozen_stap == status.value,
            }
        )
    context |= {
        "page_obj": pagina,
        "rijen": werkbak_markeren(_rijen(signalen)),
        "stappen": stappen,
        "querystring_zonder_pagina": querystring.urlencode(),
    }
    if filter_form.is_bound and not context.get("fouten"):
        context["fouten"] = foutsamenvatting(filter_form)
    return render(request, "meldroute/werkbak.html", context)


def _signaal_of_404(request: HttpRequest, pk: int, *, actie: str) -> Signaal:
    try:
        signaal = selectors.signaal_voor_behandeling(_gebruiker(request), pk)
    except Signaal.DoesNotExist:
        toegang_loggen(request, actie=actie, signaal_ids=[pk], toegestaan=False)
        raise Http404 from None
    weergave_loggen(request, actie=actie, signaal_ids=[signaal.pk])
    return signaal


@require_http_methods(["GET"])
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    signaal = _signaal_of_404(request, pk, actie=Toegangslog.Actie.DETAIL)
    acties = beschikbare_acties(signaal)
    delingen = list(signaal.delingen.all())
    lopend = set(signaal.delingen.actief().values_list("pk", flat=True)) if delingen else set()
    services.terugmeldingen_gezien(signaal=signaal, door=_gebruiker(request))
    context = {
        "signaal": signaal,
        "hoofdacties": [a for a in acties if a.hoofdactie],
        "overige_acties": [a for a in acties if not a.hoofdactie],
        "tijdlijn": selectors.tijdlijn(signaal),
        "delingen": [{"deling": d, "actief": d.pk in lopend} for d in delingen],
        "mag_delen": signaal.status != Status.AFGESLOTEN,
        "melderstatus": melderstatus(signaal.status),
        "termijnen": [termijnen.stand(t, timezone.now()) for t in termijnen.opgeslagen_termijnen(signaal)],
        **dossier.detail_context(signaal),
        **samenhang_context(request, signaal),
    }
    return render(request, "meldroute/detail.html", context)


def _actie_form(actie_form: type[ActieForm], request: HttpRequest, signaal: Signaal) -> ActieForm:
    extra = {"gebruiker": _gebruiker(request)} if issubclass(actie_form, BehandelaarForm) else {}
    return actie_form(request.POST or None, signaal=signaal, **extra)


@require_http_methods(["GET", "POST"])
def actie(request: HttpRequest, pk: int, naam: str) -> HttpResponse:
    signaal = _signaal_of_404(request, pk, actie=Toegangslog.Actie.DETAIL)
    gekozen = ACTIES.get(naam)
    if gekozen is None:
        raise Http404
    if not gekozen.beschikbaar(signaal):
        messages.error(request, f"'{gekozen.label}' kan niet in stap '{signaal.get_status_display()}'.")
        return redirect("meldroute:detail", pk=signaal.pk)

    form = _actie_form(gekozen.form, request, signaal)
    if request.method == "POST" and form.is_valid():
        gegevens = dict(form.cleaned_data)
        try:
            gekozen.service(signaal_id=signaal.pk, door=_gebruiker(request), **gegevens)
        except ValidationError as fout:
            fouten_overnemen(form, fout)
        except MeldrouteFout as fout:
            messages.error(request, str(fout))
            return redirect("meldroute:detail", pk=signaal.pk)
        except Signaal.DoesNotExist:
            # Access ended between the page and the lock (e.g. the AF role was taken away).
            toegang_loggen(request, actie=Toegangslog.Actie.DETAIL, signaal_ids=[pk], toegestaan=False)
            raise Http404 from None
        else:
            messages.success(request, f"{gekozen.label}: vastgelegd.")
            if naam in DELEN_AANBIEDEN_NA:
                # Steps 4 to 6 happen at tables with partners: offer sharing right here in the flow.
                return redirect(reverse("meldroute:delen", args=[signaal.pk]) + f"?na={naam}")
            return redirect("meldroute:detail", pk=signaal.pk)

    context = {
        "signaal": signaal,
        "actie": gekozen,
        "form": form,
        "fouten": foutsamenvatting(form) if form.is_bound else [],
    }
    return render(request, "meldroute/actie.html", context)


@require_http_methods(["GET"])
def bijlage_downloaden(request: HttpRequest, pk: int, bijlage_pk: int) -> FileResponse:
    gebruiker = _gebruiker(request)
    return bijlage_versturen(
        request,
        signaal_pk=pk,
        ophalen=lambda: selectors.bijlage_voor_behandeling(gebruiker, signaal_pk=pk, bijlage_pk=bijlage_pk),
    )


@require_http_methods(["GET"])
def mijn_signalen(request: HttpRequest) -> HttpResponse:
    gebruiker = _gebruiker(request)
    pagina = Paginator(selectors.mijn_signalen(gebruiker), PAGINAGROOTTE).get_page(request.GET.get("pagina"))
    rijen = [
        {"signaal": s, "status": melderstatus(s.status).label, "nieuwe_terugkoppeling": s.nieuwe_terugkoppeling}
        for s in pagina.object_list
    ]
    toegang_loggen(request, actie=Toegangslog.Actie.LIJST, signaal_ids=[r["signaal"].pk for r in rijen])
    # Seen now: the entry under "Actie nodig" goes; the page still marks what was new.
    services.terugkoppeling_gelezen(door=gebruiker)
    context = {
        "page_obj": pagina,
        "rijen": rijen,
        "querystring_zonder_pagina": "",
        "mag_melden": Rol.MEDEWERKER in rollen_van(gebruiker),
    }
    return render(request, "meldroute/mijn_signalen.html", context)
