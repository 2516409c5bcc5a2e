from typing import Any

from django.contrib import admin, messages
from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone

from signalen.models import Indicator, Notificatie, Team, Termijninstellingen
from signalen.tasks import notificaties_versturen, termijnen_herberekenen

# Signals themselves are not in the admin: a beheerder manages the product, not its content.


@admin.register(Team)
class TeamAdmin(admin.ModelAdmin[Team]):
    list_display = ["naam", "actief", "volgorde"]
    list_editable = ["actief", "volgorde"]
    list_filter = ["actief"]
    search_fields = ["naam"]

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # Signals and the evaluation's facts hang on a team: it is set inactive, never deleted,
        # and a delete page would list the signals.
        return False


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin[Indicator]):
    list_display = ["naam", "vorm", "actief", "volgorde"]
    list_editable = ["actief", "volgorde"]
    list_filter = ["actief", "vorm"]
    search_fields = ["naam", "toelichting"]

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # Deleting an indicator would silently take it off every signal it was recorded on.
        return False


@admin.register(Termijninstellingen)
class TermijninstellingenAdmin(admin.ModelAdmin[Termijninstellingen]):
    list_display = [
        "regio",
        "ontvangen_werkdagen",
        "ontvangen_acuut_uren",
        "verrijken_werkdagen",
        "terugkoppeling_weken",
        "escalatie_werkdagen",
        "deling_waarschuwing_dagen",
    ]

    def save_model(self, request: HttpRequest, obj: Termijninstellingen, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        # The open signals of the regio get their terms again, once this change is committed.
        regio_id = obj.regio_id
        transaction.on_commit(lambda: termijnen_herberekenen.delay(regio_id), robust=True)
        messages.info(request, "De termijnen van de open signalen in deze regio worden opnieuw berekend.")


@admin.register(Notificatie)
class NotificatieAdmin(admin.ModelAdmin[Notificatie]):
    """Only the mails that could not be delivered, without what they were about."""

    list_display = ["soort", "ontvanger", "aangemaakt_op", "pogingen", "laatste_fout"]
    fields = ["soort", "ontvanger", "aangemaakt_op", "pogingen", "laatste_fout", "opgegeven_op"]
    readonly_fields = ["soort", "ontvanger", "aangemaakt_op", "pogingen", "laatste_fout", "opgegeven_op"]
    actions = ["opnieuw_versturen", "afhandelen"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Notificatie]:
        return (
            super()
            .get_queryset(request)
            .filter(opgegeven_op__isnull=False, verzonden_op=None, vervallen_op=None)
            .select_related("ontvanger")
        )

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    @admin.action(description="Opnieuw versturen")
    def opnieuw_versturen(self, request: HttpRequest, queryset: QuerySet[Notificatie]) -> None:
        ids = list(queryset.values_list("pk", flat=True))
        queryset.update(opgegeven_op=None, pogingen=0, geclaimd_tot=None)
        transaction.on_commit(lambda: notificaties_versturen.delay(ids), robust=True)
        messages.success(request, f"{len(ids)} e-mail(s) worden opnieuw verstuurd.")

    @admin.action(description="Afhandelen zonder versturen")
    def afhandelen(self, request: HttpRequest, queryset: QuerySet[Notificatie]) -> None:
        aantal = queryset.update(vervallen_op=timezone.now())
        messages.success(request, f"{aantal} e-mail(s) afgehandeld zonder versturen.")
