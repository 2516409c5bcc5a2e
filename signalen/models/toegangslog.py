from django.conf import settings
from django.db import models


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
            raise ValueError("Het toegangslog is alleen aan te vullen, niet te wijzigen.")
        super().save(*args, **kwargs)

    def delete(self, *args: object, **kwargs: object) -> tuple[int, dict[str, int]]:
        raise ValueError("Het toegangslog is alleen aan te vullen, niet te wijzigen.")
