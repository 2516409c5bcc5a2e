import datetime
from typing import Any

from django.contrib.auth.models import AbstractUser, Group
from django.db import models, transaction


class Regio(models.Model):
    naam = models.CharField("naam", max_length=100, unique=True)
    riec = models.CharField("RIEC", max_length=200, blank=True, help_text="Bijvoorbeeld: RIEC Noord-Holland.")
    deeltermijn_dagen = models.PositiveIntegerField(
        "standaard deeltermijn (dagen)",
        default=90,
        help_text="Hoe lang een signaal standaard gedeeld blijft met een ketenpartner.",
    )
    evaluatie_jaren = models.PositiveSmallIntegerField(
        "evaluatie elke",
        choices=[(1, "jaar"), (2, "twee jaar"), (4, "vier jaar")],
        default=2,
        help_text="Aan het eind van elke periode maakt de applicatie een evaluatierapport voor de coördinator.",
    )
    samenhang_tussen_regios = models.BooleanField(
        "samenhang met andere regio's",
        default=False,
        help_text=(
            "Aan: aandachtsfunctionarissen in deze regio horen ook dát er een mogelijk samenhangend signaal is bij "
            "een gemeente in een andere regio die dit ook aan heeft (alleen welke gemeente en wie te bellen, nooit "
            "de inhoud). Binnen de regio gebeurt dat altijd."
        ),
    )
    evaluatie_vanaf = models.DateField(
        "eerste evaluatieperiode begint op",
        default=datetime.date(2025, 1, 1),
        help_text="Bijvoorbeeld de datum waarop het beleid is vastgesteld.",
    )

    class Meta:
        verbose_name = "regio"
        verbose_name_plural = "regio's"
        ordering = ["naam"]

    def __str__(self) -> str:
        return self.naam


class Organisatie(models.Model):
    class Soort(models.TextChoices):
        GEMEENTE = "gemeente", "Gemeente"
        POLITIE = "politie", "Politie / AVIM"
        RIEC = "riec", "RIEC"
        ZVH = "zvh", "Zorg- en Veiligheidshuis"
        ZORGCOORDINATIE = "zorgcoordinatie", "Zorgcoördinatie"
        VEILIG_THUIS = "veilig_thuis", "Veilig Thuis"
        ARBEIDSINSPECTIE = "arbeidsinspectie", "Nederlandse Arbeidsinspectie"
        OM = "om", "Openbaar Ministerie"
        PCT = "pct", "Prostitutie Controle Team"
        COMENSHA = "comensha", "CoMensha"
        ANDERS = "anders", "Anders"

    naam = models.CharField("naam", max_length=200, unique=True)
    soort = models.CharField("soort", max_length=30, choices=Soort.choices, default=Soort.GEMEENTE)
    regios = models.ManyToManyField(
        Regio,
        verbose_name="regio's",
        related_name="organisaties",
        help_text="Een gemeente hoort bij één regio; een ketenpartner kan meerdere regio's bedienen.",
    )
    actief = models.BooleanField("actief", default=True)
    inwonertal = models.PositiveIntegerField(
        "inwonertal",
        null=True,
        blank=True,
        help_text="Alleen voor gemeenten: voor het aantal signalen per 10.000 inwoners in de dashboards.",
    )

    class Meta:
        verbose_name = "organisatie"
        verbose_name_plural = "organisaties"
        ordering = ["naam"]

    def __str__(self) -> str:
        return self.naam

    @property
    def is_gemeente(self) -> bool:
        return self.soort == self.Soort.GEMEENTE

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        """Removed (only possible while nothing hangs on it): its groups go with it.

        A group left behind would keep its members and its object permissions, and the
        beheerder never sees it. Normally an organisation is set inactive instead.
        """
        with transaction.atomic():
            Group.objects.filter(organisatiegroep__organisatie=self).delete()
            return super().delete(*args, **kwargs)


class Rol(models.TextChoices):
    MEDEWERKER = "medewerker", "Medewerker (melder)"
    AANDACHTSFUNCTIONARIS = "aandachtsfunctionaris", "Aandachtsfunctionaris"
    COORDINATOR = "coordinator", "Coördinator / ketenregisseur"
    KETENPARTNER = "ketenpartner", "Ketenpartner"
    FG = "fg", "Functionaris gegevensbescherming"
    BEHEERDER = "beheerder", "Beheerder"


class Gebruiker(AbstractUser):
    oidc_sub = models.CharField(
        "kenmerk bij single sign-on",
        max_length=255,
        unique=True,
        null=True,
        blank=True,
        help_text=(
            "Het vaste kenmerk (de claim 'sub') van deze gebruiker bij de identiteitsprovider van de "
            "organisatie. Leeg: deze gebruiker logt alleen in met een wachtwoord."
        ),
    )
    # Raised by ketenpartners.inloggen.sessies.sessies_beeindigen: a session made at a lower
    # version is over (the user was deactivated or lost a role since).
    sessieversie = models.PositiveIntegerField("sessieversie", default=0, editable=False)

    class Meta:
        verbose_name = "gebruiker"
        verbose_name_plural = "gebruikers"
        ordering = ["username"]

    def __str__(self) -> str:
        return self.get_full_name() or self.username


class Lidmaatschap(models.Model):
    """A user's role in one organisation. A user can have several, each with its own role."""

    gebruiker = models.ForeignKey(
        Gebruiker, verbose_name="gebruiker", on_delete=models.CASCADE, related_name="lidmaatschappen"
    )
    organisatie = models.ForeignKey(
        Organisatie, verbose_name="organisatie", on_delete=models.CASCADE, related_name="lidmaatschappen"
    )
    rol = models.CharField("rol", max_length=30, choices=Rol.choices)

    class Meta:
        verbose_name = "lidmaatschap"
        verbose_name_plural = "lidmaatschappen"
        ordering = ["organisatie__naam", "rol"]
        constraints = [
            models.UniqueConstraint(fields=["gebruiker", "organisatie", "rol"], name="uniek_lidmaatschap"),
        ]

    def __str__(self) -> str:
        return f"{self.get_rol_display()} bij {self.organisatie}"


class OrganisatieGroep(models.Model):
    """The auth group that holds the object permissions of one role in one organisation.

    Object permissions on signals go to these groups, never to individual users, so that a new
    aandachtsfunctionaris sees the gemeente's signals the moment the membership is made.
    """

    organisatie = models.ForeignKey(Organisatie, on_delete=models.CASCADE, related_name="groepen")
    rol = models.CharField(max_length=30, choices=Rol.choices)
    groep = models.OneToOneField(Group, on_delete=models.CASCADE, related_name="organisatiegroep")

    class Meta:
        verbose_name = "organisatiegroep"
        verbose_name_plural = "organisatiegroepen"
        constraints = [
            models.UniqueConstraint(fields=["organisatie", "rol"], name="een_groep_per_organisatie_en_rol"),
        ]

    def __str__(self) -> str:
        return f"{self.organisatie} – {self.get_rol_display()}"
