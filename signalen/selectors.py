from django.db.models import Exists, OuterRef, Q, QuerySet

from ketenpartners.models import Gebruiker, Lidmaatschap, Organisatie, Regio, Rol
from signalen.models import Signaal
from signalen.rechten import behandelbare_signalen

__all__ = ["behandelbare_signalen", "eigen_signalen", "fg_gemeenten", "fg_organisaties", "fg_regios"]


def eigen_signalen(gebruiker: Gebruiker) -> QuerySet[Signaal]:
    """The signals this user reported themselves."""
    return Signaal.objects.filter(melder=gebruiker)


# The functionaris gegevensbescherming's scope: one answer for every FG page (logs, rights of
# betrokkenen, exports, retention). An FG serves the gemeenten that appointed them (an FG
# membership there); an FG at an organisation that is not a gemeente (a regio-level
# organisation) serves every gemeente of that organisation's regio's. Nothing else exists for
# them: 404, never 403.


def _als_fg(gebruiker: Gebruiker) -> QuerySet[Lidmaatschap]:
    return Lidmaatschap.objects.filter(gebruiker=gebruiker, rol=Rol.FG, organisatie__actief=True)


def fg_gemeenten(gebruiker: Gebruiker) -> QuerySet[Organisatie]:
    """The gemeenten this FG serves, by name."""
    if not gebruiker.is_authenticated or not gebruiker.is_active:
        return Organisatie.objects.none()
    als_fg = _als_fg(gebruiker)
    regio_fg = als_fg.exclude(organisatie__soort=Organisatie.Soort.GEMEENTE).filter(
        organisatie__regios=OuterRef("regio")
    )
    in_regio = Organisatie.regios.through.objects.filter(Exists(regio_fg), organisatie=OuterRef("pk"))
    return Organisatie.objects.filter(
        Exists(als_fg.filter(organisatie=OuterRef("pk"))) | Exists(in_regio),
        soort=Organisatie.Soort.GEMEENTE,
        actief=True,
    ).order_by("naam")


def fg_organisaties(gebruiker: Gebruiker) -> QuerySet[Organisatie]:
    """The FG's own organisations and the gemeenten they serve: whose users' logs they read."""
    return Organisatie.objects.filter(
        Q(pk__in=fg_gemeenten(gebruiker).values("pk"))
        | Q(Exists(_als_fg(gebruiker).filter(organisatie=OuterRef("pk"))))
    ).order_by("naam")


def fg_regios(gebruiker: Gebruiker) -> QuerySet[Regio]:
    """The regio's whose settings (e.g. retention terms) this FG sets: those where they serve
    every gemeente. An FG of one gemeente in a regio of seven does not decide for the other six."""
    if not gebruiker.is_authenticated or not gebruiker.is_active:
        return Regio.objects.none()
    gediend = fg_gemeenten(gebruiker).values("pk")
    niet_gediend = Organisatie.objects.filter(
        regios=OuterRef("pk"), soort=Organisatie.Soort.GEMEENTE, actief=True
    ).exclude(pk__in=gediend)
    wel_gediend = Organisatie.objects.filter(regios=OuterRef("pk"), pk__in=gediend)
    return Regio.objects.filter(Exists(wel_gediend), ~Exists(niet_gediend)).order_by("naam")
