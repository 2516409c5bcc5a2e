"""Terms per regio and the outbox of e-mails."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from ketenpartners.models import Regio
from signalen.models.signaal import Signaal


class Termijninstellingen(models.Model):
    """The terms of the meldroute in one regio, set by the beheerder. Without a row the defaults hold."""

    regio = models.OneToOneField(
        Regio, verbose_name="regio", on_delete=models.CASCADE, primary_key=True, related_name="termijnen"
    )
    ontvangen_werkdagen = models.PositiveSmallIntegerField(
        "in behandeling nemen (werkdagen)",
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(20)],
        help_text="Binnen hoeveel werkdagen na het melden een aandachtsfunctionaris het signaal oppakt.",
    )
    ontvangen_acuut_uren = models.PositiveSmallIntegerField(
        "acuut signaal in behandeling nemen (uren)",
        default=4,
        validators=[MinValueValidator(1), MaxValueValidator(48)],
        help_text="Uren, ook 's nachts en in het weekend: een acuut signaal wacht niet op een werkdag.",
    )
    verrijken_werkdagen = models.PositiveSmallIntegerField(
        "verrijken (werkdagen)",
        default=10,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
        help_text="Binnen hoeveel werkdagen na 'in behandeling nemen' het signaal verrijkt is.",
    )
    terugkoppeling_weken = models.PositiveSmallIntegerField(
        "terugkoppeling aan de melder (weken)",
        default=6,
        validators=[MinValueValidator(1), MaxValueValidator(26)],
        help_text="Binnen hoeveel weken na het melden de melder terugkoppeling krijgt.",
    )
    escalatie_werkdagen = models.PositiveSmallIntegerField(
        "escaleren na (werkdagen)",
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(20)],
        help_text="Is een termijn zoveel werkdagen later nog verstreken, dan horen de andere "
        "aandachtsfunctionaris en de coördinator het.",
    )
    deling_waarschuwing_dagen = models.PositiveSmallIntegerField(
        "waarschuwen voor einde deling (dagen)",
        default=7,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
        help_text="Zoveel dagen voor het einde van een deling hoort wie deelde het.",
    )

    class Meta:
        verbose_name = "termijnen van een regio"
        verbose_name_plural = "termijnen per regio"

    def __str__(self) -> str:
        return f"Termijnen {self.regio}"


class Notificatie(models.Model):
    """One e-mail to one person: the outbox.

    Written in the transaction of what causes it, sent after the commit. The unique key
    (signal, kind and term, moment, recipient) makes a retry, a second worker or a second sweep harmless.
    A sender claims a row for a while (``geclaimd_tot``); if it dies before the mail went out,
    the claim runs out and a later run sends it. After too many failures it gives up, and the
    beheerder sees that under "Actie nodig".
    """

    class Soort(models.TextChoices):
        NIEUW_SIGNAAL = "nieuw_signaal", "Nieuw signaal"
        ACUUT_NIET_OPGEPAKT = "acuut_niet_opgepakt", "Acuut signaal niet op tijd in behandeling genomen"
        TERMIJN_VERSTREKEN = "termijn_verstreken", "Termijn verstreken"
        TERMIJN_ESCALATIE = "termijn_escalatie", "Termijn al langer verstreken"
        TERUGKOPPELING_TERMIJN = "terugkoppeling_termijn", "Terugkoppeling aan de melder niet op tijd"
        HERBEOORDELING = "herbeoordeling", "Herbeoordeling"
        DELING_VERLOOPT = "deling_verloopt", "Deling loopt af"
        NIEUWE_DELING = "nieuwe_deling", "Nieuw gedeeld signaal"
        DELING_BEEINDIGD = "deling_beeindigd", "Deling beëindigd"
        NIEUWE_TERUGMELDING = "nieuwe_terugmelding", "Nieuwe terugmelding"
        TERUGKOPPELING_GEGEVEN = "terugkoppeling_gegeven", "Terugkoppeling op uw signaal"
        RAPPORT_KLAAR = "rapport_klaar", "Evaluatierapport klaar"
        RECHTEN_VERSCHIL = "rechten_verschil", "Verschil in toegangsrechten"
        CONTACTVERZOEK = "contactverzoek", "Verzoek om contact over een samenhangend signaal"
        TAFELAGENDA = "tafelagenda", "Agenda van een tafel"

    signaal = models.ForeignKey(Signaal, on_delete=models.CASCADE, null=True, related_name="notificaties")
    ontvanger = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    soort = models.CharField(max_length=30, choices=Soort.choices)
    # The moment that caused the mail: the term that passed, the share's end, the new share.
    moment = models.DateTimeField()
    # For a term: which one (signalen.termijnen.Termijnsoort), so the mail can name it.
    termijn = models.CharField(max_length=30, blank=True)
    # What a mail without a signal is about, when its kind needs it: "bijeenkomst:12" for an agenda.
    kenmerk = models.CharField(max_length=40, blank=True)
    # The page the mail links to, relative to BASIS_URL.
    pad = models.CharField(max_length=200)
    aangemaakt_op = models.DateTimeField(auto_now_add=True)
    geclaimd_tot = models.DateTimeField(null=True, blank=True)
    pogingen = models.PositiveSmallIntegerField(default=0)
    laatste_fout = models.CharField(max_length=500, blank=True)
    verzonden_op = models.DateTimeField(null=True, blank=True)
    # Not sent because what it was about was done before the mail went out.
    vervallen_op = models.DateTimeField(null=True, blank=True)
    opgegeven_op = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "e-mailbericht"
        verbose_name_plural = "e-mailberichten"
        constraints = [
            models.UniqueConstraint(
                fields=["signaal", "soort", "termijn", "moment", "ontvanger"],
                name="een_notificatie_per_sleutel",
                condition=models.Q(signaal__isnull=False),
            ),
            models.UniqueConstraint(
                fields=["soort", "moment", "ontvanger", "kenmerk"],
                name="een_notificatie_zonder_signaal",
                condition=models.Q(signaal__isnull=True),
            ),
        ]
        indexes = [
            models.Index(
                fields=["aangemaakt_op"],
                condition=models.Q(verzonden_op__isnull=True, vervallen_op__isnull=True, opgegeven_op__isnull=True),
                name="notificatie_onverzonden",
            ),
            models.Index(
                fields=["opgegeven_op"], condition=models.Q(opgegeven_op__isnull=False), name="notificatie_opgegeven"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_soort_display()} #{self.pk}"
