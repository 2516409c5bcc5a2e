from smtplib import SMTPException
from typing import Any

from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.forms import UserCreationForm, UsernameField
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.forms import BaseInlineFormSet, ModelForm
from django.http import Http404, HttpRequest, HttpResponse

from ketenpartners.inloggen.sessies import sessies_beeindigen
from ketenpartners.inloggen.tweede_factor import heeft_tweede_factor, tweede_factor_verwijderen
from ketenpartners.inloggen.wachtwoord import wachtwoordlink_versturen
from ketenpartners.models import Gebruiker, Lidmaatschap, Organisatie, Regio
from ketenpartners.services import lidmaatschappen_synchroniseren, organisatie_activeren


@admin.register(Regio)
class RegioAdmin(admin.ModelAdmin[Regio]):
    list_display = [
        "naam",
        "riec",
        "deeltermijn_dagen",
        "evaluatie_jaren",
        "evaluatie_vanaf",
        "samenhang_tussen_regios",
    ]
    search_fields = ["naam", "riec"]


class LidmaatschapInline(admin.TabularInline[Lidmaatschap, Any]):
    model = Lidmaatschap
    extra = 1
    # A plain list of organisations: Django's autocomplete widget fails with a server error on a
    # typed non-number when it shows a refused form again.

    # A beheerder never changes their own roles: that would let them grant themselves access
    # to signals. Another beheerder has to do it (and the audit log shows who).
    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return obj != request.user and super().has_add_permission(request, obj)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return obj != request.user and super().has_change_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return obj != request.user and super().has_delete_permission(request, obj)


@admin.register(Organisatie)
class OrganisatieAdmin(admin.ModelAdmin[Organisatie]):
    list_display = ["naam", "soort", "regio_namen", "inwonertal", "actief"]
    list_filter = ["soort", "regios", "actief"]
    search_fields = ["naam"]
    filter_horizontal = ["regios"]

    def get_queryset(self, request: HttpRequest) -> Any:
        return super().get_queryset(request).prefetch_related("regios")

    def save_model(self, request: HttpRequest, obj: Organisatie, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        # Who may see what depends on whether an organisation is active and a gemeente; a new
        # organisation has no members yet, and a new name or inwonertal changes no access.
        if change and {"actief", "soort"} & set(form.changed_data):
            organisatie_activeren(organisatie=obj, actief=obj.actief)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # Organisations are set inactive, never deleted: signals, shares, memberships and the
        # audit trail hang on them, and a delete page would list what hangs on it.
        return False

    @admin.display(description="regio's")
    def regio_namen(self, organisatie: Organisatie) -> str:
        return ", ".join(r.naam for r in organisatie.regios.all())


class GebruikerAanmaakForm(UserCreationForm[Gebruiker]):
    class Meta(UserCreationForm.Meta):  # type: ignore[name-defined]
        model = Gebruiker
        fields = ("username", "first_name", "last_name", "email")


class GebruikerWijzigForm(ModelForm[Gebruiker]):
    """Who someone is and whether they may log in; never their password, which only they set."""

    class Meta:
        model = Gebruiker
        fields = ("username", "first_name", "last_name", "email", "oidc_sub", "is_active")
        field_classes = {"username": UsernameField}


@admin.register(Gebruiker)
class GebruikerAdmin(UserAdmin):
    add_form = GebruikerAanmaakForm
    form = GebruikerWijzigForm
    inlines = [LidmaatschapInline]
    list_display = ["username", "first_name", "last_name", "email", "rollen", "is_active"]
    list_filter = ["is_active", "lidmaatschappen__rol", "lidmaatschappen__organisatie"]
    search_fields = ["username", "first_name", "last_name", "email"]
    # Groups and permissions follow from the memberships; editing them by hand would drift.
    fieldsets = (
        (None, {"fields": ("username",)}),
        ("Persoonlijke gegevens", {"fields": ("first_name", "last_name", "email")}),
        ("Inloggen", {"fields": ("wachtwoord", "tweede_factor", "oidc_sub")}),
        ("Status", {"fields": ("is_active", "last_login", "date_joined")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": ("username", "first_name", "last_name", "email", "password1", "password2"),
            },
        ),
    )
    readonly_fields = ["last_login", "date_joined", "wachtwoord", "tweede_factor"]
    actions = ["wachtwoordlink_sturen", "tweede_factor_opnieuw"]

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # Users are deactivated, never deleted: signals, shares and the audit trail name them,
        # and a delete page would list the signals that hang on them.
        return False

    def get_queryset(self, request: HttpRequest) -> Any:
        return super().get_queryset(request).prefetch_related("lidmaatschappen__organisatie")

    @admin.display(description="rollen")
    def rollen(self, gebruiker: Gebruiker) -> str:
        return "; ".join(str(lid) for lid in gebruiker.lidmaatschappen.all())

    @admin.display(description="wachtwoord")
    def wachtwoord(self, gebruiker: Gebruiker) -> str:
        stand = "Ingesteld." if gebruiker.has_usable_password() else "Niet ingesteld."
        return (
            f"{stand} Alleen de gebruiker zelf stelt een wachtwoord in: kies in de lijst van gebruikers de "
            "actie 'Stuur een link om het wachtwoord in te stellen'."
        )

    @admin.display(description="tweede factor")
    def tweede_factor(self, gebruiker: Gebruiker) -> str:
        if heeft_tweede_factor(gebruiker):
            return "Ingesteld (authenticator-app en herstelcodes)."
        return "Niet ingesteld; wordt gevraagd bij het inloggen als de rollen het vereisen."

    def user_change_password(self, request: HttpRequest, id: str, form_url: str = "") -> HttpResponse:
        # A beheerder who sets someone's password can log in as them. The user sets it through a
        # link sent to their own address (the action below); one's own password is changed under
        # "Wachtwoord wijzigen" at the top of the admin, with the current password.
        raise Http404

    @admin.action(description="Stuur een link om het wachtwoord in te stellen", permissions=["change"])
    def wachtwoordlink_sturen(self, request: HttpRequest, queryset: QuerySet[Gebruiker]) -> None:
        assert isinstance(request.user, Gebruiker)
        verstuurd = []
        for gebruiker in queryset.order_by("username"):
            try:
                wachtwoordlink_versturen(gebruiker=gebruiker, door=request.user)
            except ValidationError as fout:
                self.message_user(request, f"Geen link verstuurd: {fout.messages[0]}", messages.ERROR)
            except (SMTPException, OSError):
                self.message_user(
                    request,
                    f"De e-mail aan {gebruiker.get_username()} kon niet worden verstuurd. Probeer het later opnieuw.",
                    messages.ERROR,
                )
            else:
                verstuurd.append(gebruiker.get_username())
        if verstuurd:
            self.message_user(
                request,
                f"Een link om het wachtwoord in te stellen is verstuurd aan: {', '.join(verstuurd)}.",
                messages.SUCCESS,
            )

    @admin.action(description="Laat de tweede factor opnieuw instellen (telefoon kwijt)", permissions=["change"])
    def tweede_factor_opnieuw(self, request: HttpRequest, queryset: QuerySet[Gebruiker]) -> None:
        assert isinstance(request.user, Gebruiker)
        namen = []
        for gebruiker in queryset.order_by("username"):
            tweede_factor_verwijderen(gebruiker=gebruiker, door=request.user)
            namen.append(gebruiker.get_username())
        self.message_user(
            request,
            f"Tweede factor verwijderd van: {', '.join(namen)}. Bij het volgende inloggen wordt een nieuwe ingesteld.",
            messages.SUCCESS,
        )

    def save_model(self, request: HttpRequest, obj: Gebruiker, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        if change and "is_active" in form.changed_data and not obj.is_active:
            sessies_beeindigen(gebruiker=obj)

    def save_related(
        self, request: HttpRequest, form: ModelForm[Any], formsets: list[BaseInlineFormSet[Any, Any, Any]], change: bool
    ) -> None:
        super().save_related(request, form, formsets, change)
        gebruiker = form.instance
        assert isinstance(gebruiker, Gebruiker)
        lidmaatschappen_synchroniseren(gebruiker=gebruiker)
