from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from ketenpartners.models import Gebruiker, Organisatie, Rol
from tafels.models import Tafel


@admin.register(Tafel)
class TafelAdmin(admin.ModelAdmin[Tafel]):
    """The beheerder sets up a tafel: its kind, gemeente or regio, members and chair. Meetings,
    agendas and decisions are the AF's work, in the application, never here."""

    list_display = ["naam", "soort", "gemeente", "regio", "voorzitter", "actief"]
    list_filter = ["soort", "regio", "actief"]
    search_fields = ["naam"]
    filter_horizontal = ["leden"]
    # Plain lists, no autocomplete; only the four kinds of field a beheerder needs.
    fields = ["naam", "soort", "gemeente", "regio", "leden", "voorzitter", "actief"]

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        if db_field.name == "voorzitter":
            # Someone who takes part in tafels by role: an AF or a ketenpartner, while active.
            kwargs["queryset"] = (
                Gebruiker.objects.filter(
                    is_active=True,
                    lidmaatschappen__organisatie__actief=True,
                    lidmaatschappen__rol__in=[Rol.AANDACHTSFUNCTIONARIS, Rol.KETENPARTNER],
                )
                .distinct()
                .order_by("first_name", "last_name", "username")
            )
        elif db_field.name == "gemeente":
            kwargs["queryset"] = Organisatie.objects.filter(soort=Organisatie.Soort.GEMEENTE).order_by("naam")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # A tafel is set inactive, never deleted: meetings and decisions about signals hang on it,
        # and a delete page would list them.
        return False
