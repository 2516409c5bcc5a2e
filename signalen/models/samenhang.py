from django.db import models

from ketenpartners.models import Organisatie
from signalen.models.signaal import Signaal


class Matchsleutel(models.Model):
    """A keyed hash (HMAC) of one normalised match key of a signal (signalen/samenhang/).

    Derived data: rebuilt in the transaction that changes the betrokkenen or locaties it comes
    from, removed with the signal. It holds no plaintext, so signals of other gemeenten can be
    compared by key alone.
    """

    class Soort(models.TextChoices):
        NAAM_GEBOORTEDATUM = "naam_geboortedatum", "achternaam en geboortedatum"
        FONETISCH_GEBOORTEDATUM = "fonetisch_geboortedatum", "klank van de achternaam en geboortedatum"
        POSTCODE_HUISNUMMER = "postcode_huisnummer", "postcode en huisnummer"
        ADRES = "adres", "straat, huisnummer en plaats"
        KVK = "kvk", "KvK-nummer"
        TELEFOON = "telefoon", "telefoonnummer"
        BEDRIJFSNAAM = "bedrijfsnaam", "bedrijfsnaam"

    signaal = models.ForeignKey(Signaal, on_delete=models.CASCADE, related_name="matchsleutels")
    # The signal's gemeente, copied so that a lookup by key finds the gemeente from the index alone.
    gemeente = models.ForeignKey(Organisatie, on_delete=models.PROTECT, related_name="+")
    soort = models.CharField("soort", max_length=30, choices=Soort.choices)
    waarde = models.CharField("sleutel (HMAC-SHA256, hex)", max_length=64)

    class Meta:
        verbose_name = "matchsleutel"
        verbose_name_plural = "matchsleutels"
        indexes = [
            models.Index(fields=["soort", "waarde"], name="matchsleutel_soort_waarde"),
            models.Index(fields=["gemeente", "soort", "waarde"], name="matchsleutel_gemeente"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["signaal", "soort", "waarde"], name="matchsleutel_uniek"),
        ]

    def __str__(self) -> str:
        return f"{self.signaal_id}: {self.soort}"
