"""The signal as reported, with its betrokkenen, locaties and attachments, and the reference lists."""

import uuid
from pathlib import PurePath

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.utils import timezone
from django_fsm import ConcurrentTransitionMixin, FSMField, transition
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase

from ketenpartners.models import Organisatie
from signalen.workflow import TRANSITIES, Afloop, Status

kvk_validator = RegexValidator(r"^\d{8}$", "Een KvK-nummer bestaat uit precies 8 cijfers.")


def _bron(naam: str) -> list[str]:
    return [s.value for s in TRANSITIES[naam].van]


def _doel(naam: str) -> str:
    return TRANSITIES[naam].naar.value


class Vorm(models.Model):
    """A form of mensenhandel. Fixed by law and policy, loaded by a migration."""

    code = models.CharField("code", max_length=40, unique=True)
    naam = models.CharField("naam", max_length=100)
    volgorde = models.PositiveSmallIntegerField("volgorde", default=0)

    class Meta:
        verbose_name = "vorm van mensenhandel"
        verbose_name_plural = "vormen van mensenhandel"
        ordering = ["volgorde", "naam"]

    def __str__(self) -> str:
        return self.naam


class Team(models.Model):
    naam = models.CharField("naam", max_length=100, unique=True)
    actief = models.BooleanField("actief", default=True)
    volgorde = models.PositiveSmallIntegerField("volgorde", default=0)

    class Meta:
        verbose_name = "team"
        verbose_name_plural = "teams"
        ordering = ["volgorde", "naam"]

    def __str__(self) -> str:
        return self.naam


class Indicator(models.Model):
    naam = models.CharField("naam", max_length=200, unique=True)
    toelichting = models.TextField("toelichting", blank=True)
    vorm = models.ForeignKey(
        Vorm,
        verbose_name="vorm",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        help_text="Leeg laten als de indicator bij elke vorm kan horen.",
    )
    actief = models.BooleanField("actief", default=True)
    volgorde = models.PositiveSmallIntegerField("volgorde", default=0)

    class Meta:
        verbose_name = "indicator"
        verbose_name_plural = "indicatoren"
        ordering = ["volgorde", "naam"]

    def __str__(self) -> str:
        return self.naam


class Volgnummer(models.Model):
    """The last reference number handed out per year.

    The row is locked while a signal is created, in the same transaction, so numbers are
    unique and without gaps: a failed intake rolls its number back.
    """

    jaar = models.PositiveIntegerField(primary_key=True)
    laatste = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "volgnummer"
        verbose_name_plural = "volgnummers"

    def __str__(self) -> str:
        return f"{self.jaar}: {self.laatste}"


# A signal is never deleted by hand: after its retention period it is removed by
# signalen.bewaring, the one way past this guard, which takes its history with it.
NIET_VERWIJDEREN = "Een signaal wordt niet verwijderd; na de bewaartermijn verwijdert signalen.bewaring het."


class SignaalQuerySet(models.QuerySet["Signaal"]):
    def delete(self) -> tuple[int, dict[str, int]]:
        raise ValueError(NIET_VERWIJDEREN)


class Signaal(ConcurrentTransitionMixin, models.Model):
    referentie = models.CharField("referentienummer", max_length=20, unique=True, editable=False)
    gemeente = models.ForeignKey(
        Organisatie,
        verbose_name="gemeente",
        on_delete=models.PROTECT,
        related_name="signalen",
        limit_choices_to={"soort": Organisatie.Soort.GEMEENTE},
    )
    melder = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="melder", on_delete=models.PROTECT, related_name="gemelde_signalen"
    )
    team = models.ForeignKey(Team, verbose_name="team van de melder", on_delete=models.PROTECT)
    waargenomen_op = models.DateField("datum waargenomen")
    omschrijving = models.TextField("omschrijving")
    vormen = models.ManyToManyField(Vorm, verbose_name="vormen", related_name="signalen")
    acuut = models.BooleanField("acuut", default=False)
    indicatoren = models.ManyToManyField(Indicator, verbose_name="indicatoren", blank=True, related_name="signalen")
    status = FSMField("stap", max_length=20, choices=Status.choices, default=Status.OPGEPIKT, protected=True)
    behandelaar = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="behandelaar",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="behandelde_signalen",
    )
    herbeoordelen_op = models.DateField("herbeoordelingsdatum", null=True, blank=True)
    afloop = models.CharField("afloop", max_length=30, choices=Afloop.choices, blank=True)
    ingediend_op = models.DateTimeField("ingediend op", auto_now_add=True)
    gewijzigd_op = models.DateTimeField("gewijzigd op", auto_now=True)
    stap_sinds = models.DateTimeField("in deze stap sinds", default=timezone.now)
    teruggekoppeld_op = models.DateTimeField("teruggekoppeld aan de melder op", null=True, blank=True)
    terugkoppeling_gelezen_op = models.DateTimeField("terugkoppeling gelezen door de melder op", null=True, blank=True)

    # The terms of signalen/termijnen.py as of the last change, kept here so that lists can sort
    # and filter on them in the database. The route services recompute them in the same
    # transaction as every change; the sweep recomputes them for what it looks at.
    stap_termijn_op = models.DateTimeField("termijn van de stap", null=True, blank=True)
    stap_escalatie_op = models.DateTimeField("escalatie van de stap", null=True, blank=True)
    terugkoppeling_termijn_op = models.DateTimeField("termijn terugkoppeling", null=True, blank=True)
    terugkoppeling_escalatie_op = models.DateTimeField("escalatie terugkoppeling", null=True, blank=True)
    volgende_termijn_op = models.DateTimeField("eerstvolgende termijn", null=True, blank=True)
    # When the sweep must next look at this signal; empty when nothing more can fall due.
    volgende_controle_op = models.DateTimeField("volgende controle", null=True, blank=True)

    objects = SignaalQuerySet.as_manager()

    class Meta:
        verbose_name = "signaal"
        verbose_name_plural = "signalen"
        ordering = ["-ingediend_op"]
        permissions = [
            ("behandelen_signaal", "Signaal behandelen in de meldroute"),
            ("inzien_gedeeld_signaal", "Gedeeld signaal inzien als ketenpartner"),
        ]
        indexes = [
            models.Index(fields=["gemeente", "status"]),
            models.Index(fields=["herbeoordelen_op"]),
            models.Index(fields=["gemeente", "volgende_termijn_op"], name="signaal_gemeente_termijn"),
            models.Index(
                fields=["volgende_controle_op"],
                condition=models.Q(volgende_controle_op__isnull=False),
                name="signaal_te_controleren",
            ),
            # The werkbak's default page: a gemeente's open signals in the werkbak's order, so
            # the first page is read from the index and the count of open signals from it alone
            # (docs/adr/0007-toegang-een-waarheid.md).
            models.Index(
                models.F("gemeente"),
                models.F("acuut").desc(),
                # ASC is NULLS LAST in PostgreSQL, as the werkbak sorts; SQLite knows no NULLS LAST here.
                models.F("volgende_termijn_op").asc(),
                models.F("ingediend_op").desc(),
                models.F("id").desc(),
                condition=~models.Q(status="afgesloten"),
                name="signaal_werkbak_open",
            ),
            # "Actie nodig": a gemeente's terms that have passed. Only open signals have terms.
            models.Index(
                fields=["gemeente", "terugkoppeling_termijn_op"],
                condition=models.Q(terugkoppeling_termijn_op__isnull=False),
                name="signaal_tk_termijn",
            ),
            models.Index(
                fields=["gemeente", "stap_escalatie_op"],
                condition=models.Q(stap_escalatie_op__isnull=False),
                name="signaal_stap_escalatie",
            ),
            models.Index(
                fields=["gemeente", "terugkoppeling_escalatie_op"],
                condition=models.Q(terugkoppeling_escalatie_op__isnull=False),
                name="signaal_tk_escalatie",
            ),
            # Retention: closed signals by afloop and closing moment (signalen/bewaring/).
            models.Index(
                fields=["afloop", "stap_sinds"],
                condition=models.Q(status="afgesloten"),
                name="signaal_afgesloten_sinds",
            ),
        ]

    def __str__(self) -> str:
        return self.referentie

    def delete(self, *args: object, **kwargs: object) -> tuple[int, dict[str, int]]:
        raise ValueError(NIET_VERWIJDEREN)

    # Transitions only change fields. Services check permission, lock, save and record history.

    @transition(field=status, source=_bron("in_behandeling_nemen"), target=_doel("in_behandeling_nemen"))
    def in_behandeling_nemen(self, *, behandelaar_id: int) -> None:
        self.behandelaar_id = behandelaar_id

    @transition(field=status, source=_bron("verrijken"), target=_doel("verrijken"))
    def verrijken(self) -> None:
        pass

    @transition(field=status, source=_bron("lokale_tafel_bespreken"), target=_doel("lokale_tafel_bespreken"))
    def lokale_tafel_bespreken(self) -> None:
        pass

    @transition(field=status, source=_bron("riec_inschakelen"), target=_doel("riec_inschakelen"))
    def riec_inschakelen(self) -> None:
        pass

    @transition(field=status, source=_bron("informatieplein_inbrengen"), target=_doel("informatieplein_inbrengen"))
    def informatieplein_inbrengen(self) -> None:
        pass

    @transition(field=status, source=_bron("terugkoppelen"), target=_doel("terugkoppelen"))
    def terugkoppelen(self) -> None:
        self.herbeoordelen_op = None
        self.teruggekoppeld_op = timezone.now()

    @transition(field=status, source=_bron("geen_mensenhandel"), target=_doel("geen_mensenhandel"))
    def geen_mensenhandel(self) -> None:
        self.herbeoordelen_op = None
        self.teruggekoppeld_op = timezone.now()

    @transition(field=status, source=_bron("afsluiten"), target=_doel("afsluiten"))
    def afsluiten(self, *, afloop: str) -> None:
        self.afloop = afloop

    @transition(field=status, source=_bron("heropenen"), target=_doel("heropenen"))
    def heropenen(self) -> None:
        self.afloop = ""
        self.herbeoordelen_op = None


class SignaalUserObjectPermission(UserObjectPermissionBase):
    content_object = models.ForeignKey(Signaal, on_delete=models.CASCADE)

    class Meta(UserObjectPermissionBase.Meta):
        verbose_name = "objectrecht van gebruiker op signaal"
        verbose_name_plural = "objectrechten van gebruikers op signalen"


class SignaalGroupObjectPermission(GroupObjectPermissionBase):
    content_object = models.ForeignKey(Signaal, on_delete=models.CASCADE)

    class Meta(GroupObjectPermissionBase.Meta):
        verbose_name = "objectrecht van groep op signaal"
        verbose_name_plural = "objectrechten van groepen op signalen"


class Betrokkene(models.Model):
    class Rol(models.TextChoices):
        SLACHTOFFER = "slachtoffer", "Mogelijk slachtoffer"
        DADER = "dader", "Mogelijke dader"
        ANDERS = "anders", "Anders"

    signaal = models.ForeignKey(Signaal, on_delete=models.CASCADE, related_name="betrokkenen")
    rol = models.CharField("rol", max_length=20, choices=Rol.choices)
    naam = models.CharField("naam", max_length=200, blank=True)
    geboortedatum = models.DateField("geboortedatum", null=True, blank=True)
    nationaliteit = models.CharField("nationaliteit", max_length=100, blank=True)
    adres = models.CharField("adres", max_length=300, blank=True)
    telefoon = models.CharField("telefoonnummer", max_length=50, blank=True)
    notities = models.TextField("notities", blank=True)

    class Meta:
        verbose_name = "betrokkene"
        verbose_name_plural = "betrokkenen"
        ordering = ["pk"]
        # Samenhang within a gemeente looks for the same birth date first (meldroute/samenhang.py),
        # and the FG's search of a person too: without it each is a scan of every betrokkene.
        indexes = [models.Index(fields=["geboortedatum"], name="betrokkene_geboortedatum")]

    def __str__(self) -> str:
        # Never the name: __str__ ends up in audit logs and admin messages.
        return f"{self.get_rol_display()} #{self.pk}"


class Locatie(models.Model):
    signaal = models.ForeignKey(Signaal, on_delete=models.CASCADE, related_name="locaties")
    adres = models.CharField("adres", max_length=300, blank=True)
    bedrijfsnaam = models.CharField("bedrijfsnaam", max_length=200, blank=True)
    kvk_nummer = models.CharField("KvK-nummer", max_length=8, blank=True, validators=[kvk_validator])
    omschrijving = models.TextField("omschrijving", blank=True)

    class Meta:
        verbose_name = "locatie of organisatie"
        verbose_name_plural = "locaties en organisaties"
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"Locatie #{self.pk}"


def _bijlage_pad(instance: models.Model, filename: str) -> str:
    # Stored under a random name: the original name may hold personal data.
    return f"bijlagen/{uuid.uuid4().hex}{PurePath(filename).suffix.lower()}"


class Bijlage(models.Model):
    signaal = models.ForeignKey(Signaal, on_delete=models.CASCADE, related_name="bijlagen")
    bestand = models.FileField("bestand", upload_to=_bijlage_pad)
    naam = models.CharField("bestandsnaam", max_length=255)
    content_type = models.CharField("soort bestand", max_length=100)
    grootte = models.PositiveIntegerField("grootte (bytes)")
    toegevoegd_door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    toegevoegd_op = models.DateTimeField("toegevoegd op", auto_now_add=True)

    class Meta:
        verbose_name = "bijlage"
        verbose_name_plural = "bijlagen"
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"Bijlage #{self.pk}"


class TijdelijkeBijlage(models.Model):
    """An upload kept while the intake form is corrected, so the melder need not choose it again.

    Only its uploader can use it; a periodic task removes what was never submitted.
    """

    eigenaar = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    bestand = models.FileField(upload_to=_bijlage_pad)
    naam = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    grootte = models.PositiveIntegerField()
    aangemaakt_op = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "tijdelijke bijlage"
        verbose_name_plural = "tijdelijke bijlagen"

    def __str__(self) -> str:
        return f"Tijdelijke bijlage #{self.pk}"
