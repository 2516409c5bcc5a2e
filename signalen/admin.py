from django.contrib import admin

from signalen.models import Indicator, Team

# Signals themselves are not in the admin: a beheerder manages the product, not its content.


@admin.register(Team)
class TeamAdmin(admin.ModelAdmin[Team]):
    list_display = ["naam", "actief", "volgorde"]
    list_editable = ["actief", "volgorde"]
    list_filter = ["actief"]
    search_fields = ["naam"]


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin[Indicator]):
    list_display = ["naam", "vorm", "actief", "volgorde"]
    list_editable = ["actief", "volgorde"]
    list_filter = ["actief", "vorm"]
    search_fields = ["naam", "toelichting"]
