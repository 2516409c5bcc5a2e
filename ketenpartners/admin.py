from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.forms import UserChangeForm, UserCreationForm
from django.forms import BaseInlineFormSet, ModelForm
from django.http import HttpRequest

from ketenpartners.models import Gebruiker, Lidmaatschap, Organisatie, Regio
from ketenpartners.services import lidmaatschappen_synchroniseren, organisatie_activeren


@admin.register(Regio)
class RegioAdmin(admin.ModelAdmin[Regio]):
    list_display = ["naam", "riec", "deeltermijn_dagen", "evaluatie_jaren", "evaluatie_vanaf"]
    search_fields = ["naam", "riec"]


class LidmaatschapInline(admin.TabularInline[Lidmaatschap, Any]):
    model = Lidmaatschap
    extra = 1
    autocomplete_fields = ["organisatie"]

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


class GebruikerWijzigForm(UserChangeForm[Gebruiker]):
    class Meta(UserChangeForm.Meta):  # type: ignore[name-defined]
        model = Gebruiker


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
        (None, {"fields": ("username", "password")}),
        ("Persoonlijke gegevens", {"fields": ("first_name", "last_name", "email")}),
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
    readonly_fields = ["last_login", "date_joined"]

    def get_queryset(self, request: HttpRequest) -> Any:
        return super().get_queryset(request).prefetch_related("lidmaatschappen__organisatie")

    @admin.display(description="rollen")
    def rollen(self, gebruiker: Gebruiker) -> str:
        return "; ".join(str(lid) for lid in gebruiker.lidmaatschappen.all())

    def save_related(
        self, request: HttpRequest, form: ModelForm[Any], formsets: list[BaseInlineFormSet[Any, Any, Any]], change: bool
    ) -> None:
        super().save_related(request, form, formsets, change)
        gebruiker = form.instance
        assert isinstance(gebruiker, Gebruiker)
        lidmaatschappen_synchroniseren(gebruiker=gebruiker)
