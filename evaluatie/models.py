"""What the evaluation needs besides the signals: trainings given and the basisniveau per gemeente."""

import uuid
from pathlib import PurePath

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.formats import date_format

from ketenpartners.models import Organisatie, Regio
from signalen.models import Team


class Training(models.Model):
    """A training on recognising signals (bewustwording, bron 001 §4.2), given in one gemeente."""

    class Aanbieder(models.TextChoices):
        RIEC = "riec", "RIEC"
        COMENSHA = "comensha", "CoMensha"
        FAIRWORK = "fairwork", "FairWork"
        FIER = "fier", "Fier"
        POLITIE = "politie", "Politie"
        CCV = "ccv", "CCV"
        EIGEN = "eigen", "Eigen organisatie"
        ANDERS = "anders", "Anders"

    datum = models.DateField("datum")
    gemeente = models.ForeignKey(
        Organisatie,
        verbose_name="gemeente",
        on_delete=models.PROTECT,
        related_name="trainingen",
        limit_choices_to={"soort": Organisatie.Soort.GEMEENTE},
    )
    teams = models.ManyToManyField(Team, verbose_name="teams", related_name="trainingen")
    deelnemers = models.PositiveIntegerField(
        "aantal deelnemers", validators=[MinValueValidator(1), MaxValueValidator(10000)]
    )
    aanbieder = models.CharField("aanbieder", max_length=20, choices=Aanbieder.choices)
    aanbieder_anders = models.CharField("andere aanbieder", max_length=100, blank=True)
    onderwerp = models.CharField("onderwerp", max_length=200)
    geregistreerd_door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    geregistreerd_op = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "training"
        verbose_name_plural = "trainingen"
        ordering = ["-datum", "-pk"]
        indexes = [models.Index(fields=["gemeente", "datum"], name="training_gemeente_datum")]

    def __str__(self) -> str:
        return f"Training {date_format(self.datum, 'j F Y')} ({self.gemeente})"

    @property
    def aanbieder_tekst(self) -> str:
        if self.aanbieder == self.Aanbieder.ANDERS and self.aanbieder_anders:
            return self.aanbieder_anders
        return self.get_aanbieder_display()


class Basisniveau(models.Model):
    """What a gemeente says of itself for the basisniveau (CCV / VNG Kader 2021).

    Only what cannot be derived is entered here; an appointed AF, a working meldpunt, trainings
    and known partners follow from the application's own data.
    """

    gemeente = models.OneToOneField(Organisatie, on_delete=models.CASCADE, primary_key=True, related_name="basisniveau")
    beleid_vastgesteld_op = models.DateField("beleid vastgesteld op", null=True, blank=True)
    zorg_en_opvang_geregeld = models.BooleanField("zorg en opvang geregeld", default=False)
    zorg_en_opvang_toelichting = models.CharField(
        "toelichting zorg en opvang",
        max_length=300,
        blank=True,
        help_text="Bijvoorbeeld: afspraken met de zorgcoördinator en opvangplekken via de centrumgemeente.",
    )
    bijgewerkt_door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    bijgewerkt_op = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "basisniveau"
        verbose_name_plural = "basisniveaus"

    def __str__(self) -> str:
        return f"Basisniveau {self.gemeente}"


def _rapport_pad(instance: models.Model, filename: str) -> str:
    # Never under a public path: the storage is private and files go out only through a view.
    return f"rapporten/{uuid.uuid4().hex}{PurePath(filename).suffix.lower()}"


class Rapport(models.Model):
    """An evaluation report for a regio over a period, built by a Celery task."""

    class Status(models.TextChoices):
        WACHT = "wacht", "Wacht op de worker"
        BEZIG = "bezig", "Wordt gemaakt"
        KLAAR = "klaar", "Klaar"
        MISLUKT = "mislukt", "Mislukt"
        GEANNULEERD = "geannuleerd", "Geannuleerd"

    regio = models.ForeignKey(Regio, verbose_name="regio", on_delete=models.PROTECT, related_name="rapporten")
    van = models.DateField("van")
    tot = models.DateField("tot en met")
    # Started by the beat job at the end of a period; there is at most one of those per period.
    automatisch = models.BooleanField("automatisch gestart", default=False)
    gestart_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    gestart_op = models.DateTimeField("gestart op", auto_now_add=True)
    status = models.CharField("status", max_length=20, choices=Status.choices, default=Status.WACHT)
    voortgang = models.PositiveSmallIntegerField("voortgang (%)", default=0)
    stap = models.CharField("wat nu gebeurt", max_length=200, blank=True)
    geannuleerd = models.BooleanField("annulering gevraagd", default=False)
    # A worker holds the build this long; if it dies, the claim runs out and the build restarts.
    geclaimd_tot = models.DateTimeField(null=True, blank=True)
    gereed_op = models.DateTimeField("gereed op", null=True, blank=True)
    fout = models.CharField("fout", max_length=500, blank=True)
    pdf = models.FileField(upload_to=_rapport_pad, blank=True)
    xlsx = models.FileField(upload_to=_rapport_pad, blank=True)
    # The coördinator's conclusions per chapter, added before the report is vastgesteld.
    conclusies = models.JSONField("conclusies", default=dict, blank=True)
    vastgesteld_op = models.DateTimeField("vastgesteld op", null=True, blank=True)
    vastgesteld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = "evaluatierapport"
        verbose_name_plural = "evaluatierapporten"
        ordering = ["-gestart_op", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["regio", "van", "tot"], condition=models.Q(automatisch=True), name="een_automatisch_rapport"
            ),
        ]

    def __str__(self) -> str:
        return f"Evaluatie {self.regio} {date_format(self.van, 'j F Y')} – {date_format(self.tot, 'j F Y')}"

    @property
    def bezig(self) -> bool:
        return self.status in (self.Status.WACHT, self.Status.BEZIG)


class Rapportdeel(models.Model):
    """The part of a report about one gemeente, for that gemeente's AFs."""

    rapport = models.ForeignKey(Rapport, on_delete=models.CASCADE, related_name="delen")
    gemeente = models.ForeignKey(Organisatie, on_delete=models.PROTECT, related_name="+")
    pdf = models.FileField(upload_to=_rapport_pad)

    class Meta:
        verbose_name = "deel van een evaluatierapport"
        verbose_name_plural = "delen van evaluatierapporten"
        constraints = [models.UniqueConstraint(fields=["rapport", "gemeente"], name="een_deel_per_gemeente")]

    def __str__(self) -> str:
        return f"{self.rapport} – {self.gemeente}"
