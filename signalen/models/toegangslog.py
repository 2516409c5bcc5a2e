from django.conf import settings
from django.db import connection, models

ALLEEN_AANVULLEN = "Het toegangslog is alleen aan te vullen, niet te wijzigen."


class Toegangslog(models.Model):
    """Who read which signal(s), when, from where, and whether it was allowed. Append-only."""

    class Actie(models.TextChoices):
        DETAIL = "detail", "Signaal bekeken"
        LIJST = "lijst", "Lijst bekeken"
        BIJLAGE = "bijlage", "Bijlage gedownload"
        DOWNLOAD = "download", "Signaal gedownload"
        ONTVANGSTBEVESTIGING = "ontvangstbevestiging", "Ontvangstbevestiging bekeken"
        ZOEKEN = "zoeken", "Gezocht"
        RAPPORT = "rapport", "Evaluatierapport gedownload"
        MONITORING = "monitoring", "Monitoringsexport gedownload"
        # The functionaris gegevensbescherming (gegevensbescherming/fg.py): rights of betrokkenen and exports.
        BETROKKENE_GEZOCHT = "betrokkene_gezocht", "Betrokkene gezocht (FG)"
        BETROKKENE_BEKEKEN = "betrokkene_bekeken", "Gegevens van betrokkene bekeken (FG)"
        INZAGE_EXPORT = "inzage_export", "Inzage-export gedownload (FG)"
        BETROKKENE_GECORRIGEERD = "betrokkene_gecorrigeerd", "Gegevens van betrokkene gecorrigeerd (FG)"
        BETROKKENE_VERWIJDERD = "betrokkene_verwijderd", "Betrokkene verwijderd (FG)"
        TOEGANG_EXPORT = "toegang_export", "Toegangsexport gedownload (FG)"
        # Samenhang between gemeenten (meldroute/samenhang.py): the other gemeente's signals that matched.
        SAMENHANG_ELDERS = "samenhang_elders", "Mogelijk samenhangend signaal bij andere gemeente getoond"
        CONTACTVERZOEK = "contactverzoek", "Contact gevraagd over samenhangend signaal"
        TAFELAGENDA = "tafelagenda", "Agenda van een tafel bekeken"
        TAFELVERSLAG = "tafelverslag", "Verslag van een tafel bekeken"

    class Resultaat(models.TextChoices):
        TOEGESTAAN = "toegestaan", "Toegestaan"
        GEWEIGERD = "geweigerd", "Geweigerd"

    gebruiker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name="gebruiker"
    )
    gebruikersnaam = models.CharField("gebruikersnaam", max_length=150)
    tijdstip = models.DateTimeField("tijdstip", auto_now_add=True, db_index=True)
    actie = models.CharField("actie", max_length=30, choices=Actie.choices)
    resultaat = models.CharField("resultaat", max_length=20, choices=Resultaat.choices)
    signaal_ids = models.JSONField("signalen", default=list)
    pad = models.CharField("pagina", max_length=500)
    ip_adres = models.GenericIPAddressField("IP-adres", null=True)

    class Meta:
        verbose_name = "toegangslogregel"
        verbose_name_plural = "toegangslog"
        ordering = ["-tijdstip"]

    def __str__(self) -> str:
        return f"{self.gebruikersnaam} {self.get_actie_display()} {self.tijdstip:%Y-%m-%d %H:%M}"

    def save(self, *args: object, **kwargs: object) -> None:
        if self.pk is not None:
            raise ValueError(ALLEEN_AANVULLEN)
        super().save(*args, **kwargs)

    def delete(self, *args: object, **kwargs: object) -> tuple[int, dict[str, int]]:
        raise ValueError(ALLEEN_AANVULLEN)


def over_signaal(signaal_id: int) -> models.QuerySet[Toegangslog]:
    """The rows that name this signal."""
    if connection.features.supports_json_field_contains:
        return Toegangslog.objects.filter(signaal_ids__contains=[signaal_id])
    # SQLite (the quick start) cannot search inside JSON; it only ever holds demo data.
    regels = Toegangslog.objects.values_list("pk", "signaal_ids")
    return Toegangslog.objects.filter(pk__in=[pk for pk, ids in regels if signaal_id in ids])


def querystrings_verwijderen(regels: models.QuerySet[Toegangslog]) -> int:
    """Keep only the path of these rows; the number of rows changed.

    The query string of an address may hold whatever someone typed into it, a name included.
    Retention (signalen/bewaring/verwijderen.py) calls this for the rows of a signal it removes: the one
    change of a row there is; on PostgreSQL the database refuses every other (migration 0011).
    """
    aantal = 0
    for pk, pad in regels.filter(pad__contains="?").values_list("pk", "pad"):
        aantal += Toegangslog.objects.filter(pk=pk).update(pad=pad.split("?", 1)[0])
    return aantal
