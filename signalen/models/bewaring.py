"""Retention (docs/adr/0009-bewaartermijnen.md): the terms per regio and afloop that the FG sets,
the hold of a signal while a procedure runs, and the record of what retention removed."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone

from ketenpartners.models import Organisatie, Regio
from signalen.models.signaal import Signaal
from signalen.workflow import Afloop

# A term is at least a month and at most ten years.
MINIMUM_MAANDEN = 1
MAXIMUM_MAANDEN = 120


class Bewaartermijn(models.Model):
    """How long a closed signal with this afloop is kept in this regio, counted from its closing.

    Set by the functionaris gegevensbescherming. Without a row the national default of
    ``signalen.bewaring.LANDELIJKE_TERMIJNEN`` holds.
    """

    regio = models.ForeignKey(Regio, verbose_name="regio", on_delete=models.CASCADE, related_name="bewaartermijnen")
    afloop = models.CharField("afloop", max_length=30, choices=Afloop.choices)
    maanden = models.PositiveSmallIntegerField(
        "bewaartermijn (maanden)",
        validators=[MinValueValidator(MINIMUM_MAANDEN), MaxValueValidator(MAXIMUM_MAANDEN)],
    )
    gewijzigd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="gewijzigd door", on_delete=models.PROTECT, related_name="+"
    )
    gewijzigd_op = models.DateTimeField("gewijzigd op", default=timezone.now)

    class Meta:
        verbose_name = "bewaartermijn"
        verbose_name_plural = "bewaartermijnen"
        ordering = ["regio__naam", "afloop"]
        constraints = [models.UniqueConstraint(fields=["regio", "afloop"], name="een_bewaartermijn_per_afloop")]

    def __str__(self) -> str:
        return f"Bewaartermijn {self.regio} – {self.get_afloop_display()}"


class Procedurebewaring(models.Model):
    """ "Bewaren wegens lopende procedure": while this runs, the signal stays past its term.

    Set and lifted by the FG, each with a reason; the row stays after lifting, so who held the
    signal, when and why remains on record for as long as the signal itself.
    """

    signaal = models.ForeignKey(
        Signaal, verbose_name="signaal", on_delete=models.CASCADE, related_name="procedurebewaringen"
    )
    reden = models.CharField("reden", max_length=300)
    gezet_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="gezet door", on_delete=models.PROTECT, related_name="+"
    )
    gezet_op = models.DateTimeField("gezet op", default=timezone.now)
    opgeheven_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="opgeheven door",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    opgeheven_op = models.DateTimeField("opgeheven op", null=True, blank=True)
    opheffen_reden = models.CharField("reden van opheffen", max_length=300, blank=True)

    class Meta:
        verbose_name = "bewaring wegens lopende procedure"
        verbose_name_plural = "bewaringen wegens lopende procedure"
        ordering = ["-gezet_op", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["signaal"],
                condition=models.Q(opgeheven_op__isnull=True),
                name="een_lopende_procedurebewaring",
            )
        ]

    def __str__(self) -> str:
        return f"Bewaring wegens lopende procedure #{self.pk}"


class Anonimisering(models.Model):
    """What retention removed of one signal: its reference, dates and counts, nothing personal.

    The attachments' files leave storage after the commit; ``bestanden`` holds their (random)
    storage names until then, so a run that stopped in between is finished by the next one.
    """

    referentie = models.CharField("referentienummer", max_length=20, unique=True)
    # The signal's former primary key: the access log names signals by it.
    signaal_pk = models.PositiveBigIntegerField("signaalnummer", unique=True)
    gemeente = models.ForeignKey(Organisatie, verbose_name="gemeente", on_delete=models.PROTECT, related_name="+")
    afloop = models.CharField("afloop", max_length=30, choices=Afloop.choices)
    afgesloten_op = models.DateField("afgesloten op")
    bewaartermijn_maanden = models.PositiveSmallIntegerField("bewaartermijn (maanden)")
    vervaldatum = models.DateField("te verwijderen op")
    uitgevoerd_op = models.DateTimeField("verwijderd op", default=timezone.now)
    # Per kind of data (a model label, or "bestanden", "auditlog", "toegangslog"): how many.
    aantallen = models.JSONField("aantallen", default=dict)
    bestanden = models.JSONField("nog te verwijderen bestanden", default=list)
    bestanden_verwijderd_op = models.DateTimeField("bestanden verwijderd op", null=True, blank=True)

    class Meta:
        verbose_name = "anonimisering"
        verbose_name_plural = "anonimiseringen"
        ordering = ["-uitgevoerd_op", "-pk"]
        indexes = [
            models.Index(fields=["gemeente", "uitgevoerd_op"], name="anonimisering_gemeente"),
            models.Index(
                fields=["uitgevoerd_op"],
                condition=models.Q(bestanden_verwijderd_op__isnull=True),
                name="anonimisering_bestanden_open",
            ),
        ]

    def __str__(self) -> str:
        return f"Anonimisering {self.referentie}"
