"""Tafels: the meetings where steps 4 to 6 of the meldroute happen.

A tafel belongs to a gemeente or a regio and has member organisations and a chair. Each
bijeenkomst has an agenda of signals; per agendapunt the decision is recorded, and a decision
that moves the signal goes through the meldroute's own services (tafels/services.py). The
verslag is built from these rows, per reader (tafels/selectors.py).
"""

from django.conf import settings
from django.db import models

from ketenpartners.models import Organisatie, Regio
from meldroute.models import Deling
from signalen.models import Signaal
from signalen.workflow import Status


class Tafel(models.Model):
    class Soort(models.TextChoices):
        LOKALE_ONDERMIJNINGSTAFEL = "lokale_ondermijningstafel", "Lokale ondermijningstafel"
        REGIONALE_TAFEL = "regionale_tafel", "Regionale tafel / informatieplein RIEC"
        DRIELUIK = "drieluik", "Drieluik"
        PCT_OVERLEG = "pct_overleg", "PCT-overleg"
        CASUSOVERLEG_ZVH = "casusoverleg_zvh", "Casusoverleg Zorg- en Veiligheidshuis"
        ANDERS = "anders", "Anders"

    naam = models.CharField("naam", max_length=200, unique=True)
    soort = models.CharField("soort", max_length=30, choices=Soort.choices)
    gemeente = models.ForeignKey(
        Organisatie,
        verbose_name="gemeente",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        limit_choices_to={"soort": Organisatie.Soort.GEMEENTE},
        related_name="tafels_van_gemeente",
        help_text="Een tafel hoort bij één gemeente of bij één regio.",
    )
    regio = models.ForeignKey(
        Regio, verbose_name="regio", on_delete=models.PROTECT, null=True, blank=True, related_name="tafels"
    )
    leden = models.ManyToManyField(
        Organisatie,
        verbose_name="lidorganisaties",
        blank=True,
        related_name="tafels",
        help_text="Ketenpartners die aan deze tafel zitten: zij krijgen de agenda en het verslag.",
    )
    voorzitter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="voorzitter",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="voorgezeten_tafels",
    )
    actief = models.BooleanField("actief", default=True)

    class Meta:
        verbose_name = "tafel"
        verbose_name_plural = "tafels"
        ordering = ["naam"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(gemeente__isnull=False, regio__isnull=True)
                | models.Q(gemeente__isnull=True, regio__isnull=False),
                name="tafel_gemeente_of_regio",
                violation_error_message="Kies een gemeente of een regio, niet allebei.",
            )
        ]

    def __str__(self) -> str:
        return self.naam

    @property
    def stappen(self) -> tuple[str, ...]:
        """The steps whose signals this kind of table takes as "nieuwe signalen"."""
        return STAPPEN_PER_SOORT[self.soort]


# A local table takes verrijkte signals (step 3, to discuss them in step 4); the regional table those the
# local table sent on.
STAPPEN_PER_SOORT: dict[str, tuple[str, ...]] = {
    Tafel.Soort.LOKALE_ONDERMIJNINGSTAFEL: (Status.VERRIJKT,),
    Tafel.Soort.REGIONALE_TAFEL: (Status.LOKALE_TAFEL, Status.RIEC),
    Tafel.Soort.DRIELUIK: (Status.VERRIJKT, Status.LOKALE_TAFEL),
    Tafel.Soort.PCT_OVERLEG: (Status.VERRIJKT,),
    Tafel.Soort.CASUSOVERLEG_ZVH: (Status.VERRIJKT, Status.LOKALE_TAFEL),
    Tafel.Soort.ANDERS: (Status.VERRIJKT, Status.LOKALE_TAFEL, Status.RIEC),
}


class Bijeenkomst(models.Model):
    tafel = models.ForeignKey(Tafel, on_delete=models.PROTECT, related_name="bijeenkomsten")
    datum = models.DateField("datum")
    aanvang = models.TimeField("aanvang")
    plaats = models.CharField("plaats", max_length=200)
    gepland_door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    # The meeting is over: its decisions are final, items not reached go to the next meeting.
    afgerond_op = models.DateTimeField("afgerond op", null=True, blank=True)
    afgerond_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = "bijeenkomst"
        verbose_name_plural = "bijeenkomsten"
        ordering = ["datum", "aanvang", "pk"]
        indexes = [models.Index(fields=["tafel", "datum"])]

    def __str__(self) -> str:
        return f"{self.tafel} {self.datum:%d-%m-%Y}"


class Agendapunt(models.Model):
    class Soort(models.TextChoices):
        NIEUW = "nieuw", "Nieuw signaal"
        LOPEND = "lopend", "Lopend signaal"
        DOORGESCHOVEN = "doorgeschoven", "Doorgeschoven van de vorige bijeenkomst"

    class Besluit(models.TextChoices):
        BESPROKEN = "besproken", "Besproken"
        DOORZETTEN_RIEC = "doorzetten_riec", "Doorzetten naar het RIEC"
        INFORMATIEPLEIN = "informatieplein", "Inbrengen op het informatieplein"
        GEEN_MENSENHANDEL = "geen_mensenhandel", "Geen (vermoeden van) mensenhandel"
        LOPEND_HOUDEN = "lopend_houden", "Lopend houden"
        DELEN = "delen", "Delen met een lidorganisatie"

    bijeenkomst = models.ForeignKey(Bijeenkomst, on_delete=models.CASCADE, related_name="agendapunten")
    signaal = models.ForeignKey(Signaal, on_delete=models.CASCADE, related_name="agendapunten")
    soort = models.CharField("soort", max_length=20, choices=Soort.choices)
    toegevoegd_door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    besluit = models.CharField("besluit", max_length=30, choices=Besluit.choices, blank=True)
    # May hold personal data: shown only to readers who may see the signal. Masked in the audit log.
    conclusie = models.TextField("conclusie", blank=True)
    lopend_tot = models.DateField("lopend tot", null=True, blank=True)
    deling = models.ForeignKey(Deling, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    vastgelegd_op = models.DateTimeField("vastgelegd op", null=True, blank=True)
    vastgelegd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # Not reached: carried to the next meeting once (even if that item is removed there later).
    doorgeschoven = models.BooleanField("doorgeschoven", default=False)
    doorgeschoven_naar = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="doorgeschoven_van"
    )

    class Meta:
        verbose_name = "agendapunt"
        verbose_name_plural = "agendapunten"
        ordering = ["bijeenkomst", "pk"]
        constraints = [models.UniqueConstraint(fields=["bijeenkomst", "signaal"], name="agendapunt_eenmaal")]

    def __str__(self) -> str:
        return f"{self.bijeenkomst}: {self.signaal}"


class Tafelactie(models.Model):
    """Something to do after the meeting, by one person, before a date: shown under "Actie nodig"."""

    agendapunt = models.ForeignKey(Agendapunt, on_delete=models.CASCADE, related_name="acties")
    omschrijving = models.CharField("omschrijving", max_length=300)
    eigenaar = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="eigenaar", on_delete=models.PROTECT, related_name="tafelacties"
    )
    uiterlijk = models.DateField("uiterlijk op")
    aangemaakt_door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    afgerond_op = models.DateTimeField("afgerond op", null=True, blank=True)

    class Meta:
        verbose_name = "actie van de tafel"
        verbose_name_plural = "acties van de tafel"
        ordering = ["uiterlijk", "pk"]
        indexes = [
            models.Index(
                fields=["eigenaar", "uiterlijk"], condition=models.Q(afgerond_op__isnull=True), name="tafelactie_open"
            )
        ]

    def __str__(self) -> str:
        # Never the text: __str__ ends up in the audit log.
        return f"Tafelactie #{self.pk}"
