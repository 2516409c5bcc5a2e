"""Non-personal facts for monitoring and evaluation (docs/adr/0005-feiten-voor-evaluatie.md).

Written by the route services in the same transaction as each change, read by the evaluatie
selectors. No names, no free text, no reference numbers: only gemeente, team, vormen, dates,
lead times and outcomes. Retention removes a signal's personal data and leaves these rows; the
link to the signal is then cut (``signaal`` becomes empty) and the figures stay what they were.
"""

from django.db import models

from ketenpartners.models import Organisatie
from signalen.models.signaal import Signaal, Team, Vorm
from signalen.workflow import Afloop, Status

# The steps whose first arrival and lead time are kept, in route order.
STAPPEN = [
    Status.ONTVANGEN,
    Status.VERRIJKT,
    Status.LOKALE_TAFEL,
    Status.RIEC,
    Status.INFORMATIEPLEIN,
    Status.TERUGKOPPELING,
    Status.AFGESLOTEN,
]


class Signaalfeiten(models.Model):
    signaal = models.OneToOneField(Signaal, on_delete=models.SET_NULL, null=True, related_name="feiten")
    gemeente = models.ForeignKey(Organisatie, on_delete=models.PROTECT, related_name="+")
    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="+")
    vormen = models.ManyToManyField(Vorm, related_name="+")
    acuut = models.BooleanField()
    gemeld_op = models.DateTimeField()
    status = models.CharField(max_length=20, choices=Status.choices)
    afloop = models.CharField(max_length=30, choices=Afloop.choices, blank=True)
    geen_mensenhandel = models.BooleanField(default=False)
    heropend = models.PositiveSmallIntegerField(default=0)
    # Of the first possible victim: an age band at the report and a nationality group, never more.
    leeftijd = models.CharField(max_length=10, default="onbekend")
    nationaliteit = models.CharField(max_length=20, default="onbekend")

    # When each step was first reached, and the werkdagen it took from the step before.
    ontvangen_op = models.DateTimeField(null=True)
    verrijkt_op = models.DateTimeField(null=True)
    lokale_tafel_op = models.DateTimeField(null=True)
    riec_op = models.DateTimeField(null=True)
    informatieplein_op = models.DateTimeField(null=True)
    terugkoppeling_op = models.DateTimeField(null=True)
    afgesloten_op = models.DateTimeField(null=True)
    duur_ontvangen = models.PositiveIntegerField(null=True)
    duur_verrijkt = models.PositiveIntegerField(null=True)
    duur_lokale_tafel = models.PositiveIntegerField(null=True)
    duur_riec = models.PositiveIntegerField(null=True)
    duur_informatieplein = models.PositiveIntegerField(null=True)
    duur_terugkoppeling = models.PositiveIntegerField(null=True)
    duur_afgesloten = models.PositiveIntegerField(null=True)

    # Feedback to the melder: werkdagen from the report, and whether within the regio's term.
    werkdagen_tot_terugkoppeling = models.PositiveIntegerField(null=True)
    terugkoppeling_binnen_termijn = models.BooleanField(null=True)

    class Meta:
        verbose_name = "feiten van een signaal"
        verbose_name_plural = "feiten van signalen"
        indexes = [models.Index(fields=["gemeente", "gemeld_op"], name="feiten_gemeente_gemeld")]

    def __str__(self) -> str:
        return f"Feiten #{self.pk}"


class Delingsfeit(models.Model):
    """A share with a partner organisation: who (the organisation, never a person) and when."""

    gemeente = models.ForeignKey(Organisatie, on_delete=models.PROTECT, related_name="+")
    organisatie = models.ForeignKey(Organisatie, on_delete=models.PROTECT, related_name="+")
    gedeeld_op = models.DateTimeField()

    class Meta:
        verbose_name = "feit van een deling"
        verbose_name_plural = "feiten van delingen"
        indexes = [models.Index(fields=["gemeente", "gedeeld_op"], name="delingsfeit_gemeente")]

    def __str__(self) -> str:
        return f"Delingsfeit #{self.pk}"


class Terugmeldingsfeit(models.Model):
    """A partner's terugmelding: which organisation and when, never what it said."""

    gemeente = models.ForeignKey(Organisatie, on_delete=models.PROTECT, related_name="+")
    organisatie = models.ForeignKey(Organisatie, on_delete=models.PROTECT, related_name="+")
    op = models.DateTimeField()

    class Meta:
        verbose_name = "feit van een terugmelding"
        verbose_name_plural = "feiten van terugmeldingen"
        indexes = [models.Index(fields=["gemeente", "op"], name="terugmeldingsfeit_gemeente")]

    def __str__(self) -> str:
        return f"Terugmeldingsfeit #{self.pk}"
