"""What happened to a signal on its route: one append-only registration per action, with the
step's own data in a small model beside it."""

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone

from signalen.models import Signaal
from signalen.workflow import Afloop, Status


class AlleenToevoegen(models.Model):
    """History is never changed or removed: a correction is a new registration."""

    class Meta:
        abstract = True

    def save(self, *args: object, **kwargs: object) -> None:
        if not self._state.adding:
            raise ValueError("Registraties in de meldroute zijn alleen aan te vullen, niet te wijzigen.")
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    def delete(self, *args: object, **kwargs: object) -> tuple[int, dict[str, int]]:
        raise ValueError("Registraties in de meldroute zijn alleen aan te vullen, niet te verwijderen.")


class StapRegistratie(AlleenToevoegen):
    """Who did what to the signal, when, from which step to which, and why."""

    class Actie(models.TextChoices):
        IN_BEHANDELING_NEMEN = "in_behandeling_nemen", "In behandeling genomen"
        VERRIJKEN = "verrijken", "Verrijkt"
        LOKALE_TAFEL_BESPREKEN = "lokale_tafel_bespreken", "Besproken aan lokale tafel"
        RIEC_INSCHAKELEN = "riec_inschakelen", "RIEC ingeschakeld"
        INFORMATIEPLEIN_INBRENGEN = "informatieplein_inbrengen", "Ingebracht op informatieplein"
        TERUGKOPPELEN = "terugkoppelen", "Teruggekoppeld"
        GEEN_MENSENHANDEL = "geen_mensenhandel", "Geen (vermoeden van) mensenhandel"
        AFSLUITEN = "afsluiten", "Afgesloten"
        HEROPENEN = "heropenen", "Heropend"
        VERRIJKING_TOEVOEGEN = "verrijking_toevoegen", "Verrijking toegevoegd"
        HERBEOORDELING_PLANNEN = "herbeoordeling_plannen", "Herbeoordeling gepland"
        BEHANDELAAR_WIJZIGEN = "behandelaar_wijzigen", "Behandelaar gewijzigd"
        DELEN = "delen", "Gedeeld met ketenpartner"
        INTREKKEN = "intrekken", "Deling ingetrokken"
        VERLOPEN = "verlopen", "Deling verlopen"
        # By the functionaris gegevensbescherming, on a request of the person concerned.
        BETROKKENE_GECORRIGEERD = "betrokkene_gecorrigeerd", "Gegevens van een betrokkene gecorrigeerd (FG)"
        BETROKKENE_VERWIJDERD = "betrokkene_verwijderd", "Betrokkene verwijderd (FG)"
        # The AF keeps the record up to date in steps 2 to 6 (meldroute/services/dossier.py).
        BETROKKENE_TOEGEVOEGD = "betrokkene_toegevoegd", "Betrokkene toegevoegd"
        BETROKKENE_GEWIJZIGD = "betrokkene_gewijzigd", "Gegevens van een betrokkene gewijzigd"
        LOCATIE_TOEGEVOEGD = "locatie_toegevoegd", "Locatie of organisatie toegevoegd"
        LOCATIE_GEWIJZIGD = "locatie_gewijzigd", "Locatie of organisatie gewijzigd"
        INDICATOREN_GEWIJZIGD = "indicatoren_gewijzigd", "Indicatoren gewijzigd"
        VORMEN_GEWIJZIGD = "vormen_gewijzigd", "Vormen gewijzigd"
        BIJLAGE_TOEGEVOEGD = "bijlage_toegevoegd", "Bijlage toegevoegd"
        NOTITIE_TOEGEVOEGD = "notitie_toegevoegd", "Notitie toegevoegd"
        VERLENGEN = "verlengen", "Deling verlengd"
        DELING_BEHOUDEN = "deling_behouden", "Deling loopt door na afsluiten"
        # Two signals of the same gemeente about the same person, address or company (meldroute/samenhang.py).
        SAMENHANG_BEVESTIGD = "samenhang_bevestigd", "Samenhang bevestigd"
        SAMENHANG_AFGEWEZEN = "samenhang_afgewezen", "Samenhang afgewezen"
        CONTACT_GEVRAAGD = "contact_gevraagd", "Contact gevraagd bij andere gemeente"
        # A decision of a tafel that does not move the signal (tafels/services.py).
        TAFELBESLUIT = "tafelbesluit", "Besproken aan tafel"

    signaal = models.ForeignKey(Signaal, on_delete=models.CASCADE, related_name="registraties")
    actie = models.CharField("actie", max_length=40, choices=Actie.choices)
    van_status = models.CharField("van stap", max_length=20, choices=Status.choices)
    naar_status = models.CharField("naar stap", max_length=20, choices=Status.choices)
    # Empty for what the system does by itself, such as a share reaching its end date.
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="door", on_delete=models.PROTECT, null=True, related_name="+"
    )
    op = models.DateTimeField("op", auto_now_add=True)
    toelichting = models.TextField("toelichting", blank=True)

    class Meta:
        verbose_name = "stapregistratie"
        verbose_name_plural = "stapregistraties"
        ordering = ["op", "pk"]
        indexes = [models.Index(fields=["signaal", "op"])]

    def __str__(self) -> str:
        return f"{self.signaal_id}: {self.get_actie_display()}"


class StapGegevens(AlleenToevoegen):
    signaal = models.ForeignKey(Signaal, on_delete=models.CASCADE, related_name="+")
    registratie = models.OneToOneField(StapRegistratie, on_delete=models.CASCADE, related_name="%(class)s")

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return f"{self._meta.verbose_name} bij signaal {self.signaal_id}"


class Verrijking(StapGegevens):
    class Bron(models.TextChoices):
        BRP = "brp", "BRP"
        KVK = "kvk", "KvK"
        HANDHAVING = "handhaving", "Handhaving"
        WIJKTEAM = "wijkteam", "Wijkteam"
        POLITIE = "politie", "Politie"
        ANDERS = "anders", "Anders"

    bron = models.CharField("bron", max_length=20, choices=Bron.choices)
    bevindingen = models.TextField("wat is gevonden")

    class Meta:
        verbose_name = "verrijking"
        verbose_name_plural = "verrijkingen"


class TafelBespreking(StapGegevens):
    class Soort(models.TextChoices):
        ONDERMIJNINGSTAFEL = "ondermijningstafel", "Lokale ondermijningstafel"
        POLITIE = "politie", "Politie"
        PCT = "pct", "Prostitutie Controle Team"
        DRIELUIK = "drieluik", "Drieluik"
        CASUSOVERLEG_ZVH = "casusoverleg_zvh", "Casusoverleg Zorg- en Veiligheidshuis"

    soort = models.CharField("tafel", max_length=30, choices=Soort.choices)
    besproken_op = models.DateField("besproken op")
    besluit = models.TextField("besluit")

    class Meta:
        verbose_name = "tafelbespreking"
        verbose_name_plural = "tafelbesprekingen"


class RiecInschakeling(StapGegevens):
    vermoeden = models.TextField("waarom is er een vermoeden van mensenhandel")
    contact = models.CharField("RIEC-contact of regionale tafel", max_length=200)
    datum = models.DateField("datum")

    class Meta:
        verbose_name = "RIEC-inschakeling"
        verbose_name_plural = "RIEC-inschakelingen"


class InformatiepleinInbreng(StapGegevens):
    ingebracht_op = models.DateField("ingebracht op")
    resultaat = models.TextField("resultaat")

    class Meta:
        verbose_name = "inbreng informatieplein"
        verbose_name_plural = "inbreng informatieplein"


class Conclusie(StapGegevens):
    """The exit: no (suspicion of) mensenhandel, possibly referred elsewhere."""

    onderbouwing = models.TextField("onderbouwing")
    doorverwijzing = models.CharField("doorverwijzing", max_length=200, blank=True)

    class Meta:
        verbose_name = "conclusie geen mensenhandel"
        verbose_name_plural = "conclusies geen mensenhandel"


class Terugkoppeling(StapGegevens):
    tekst = models.TextField("terugkoppeling aan de melder")
    gegeven_op = models.DateField("datum terugkoppeling")

    class Meta:
        verbose_name = "terugkoppeling"
        verbose_name_plural = "terugkoppelingen"


class Afsluiting(StapGegevens):
    afloop = models.CharField("afloop", max_length=30, choices=Afloop.choices)

    class Meta:
        verbose_name = "afsluiting"
        verbose_name_plural = "afsluitingen"


class Herbeoordeling(StapGegevens):
    datum = models.DateField("herbeoordelingsdatum")

    class Meta:
        verbose_name = "herbeoordeling"
        verbose_name_plural = "herbeoordelingen"


class DelingQuerySet(models.QuerySet["Deling"]):
    """The one definition of a share in force ("actief"), used by every query that asks it."""

    def niet_ingetrokken(self) -> "DelingQuerySet":
        return self.filter(ingetrokken_op__isnull=True)

    def actief(self, vandaag: datetime.date | None = None) -> "DelingQuerySet":
        """Shares in force on ``vandaag``: not revoked and the end date not passed. The end date
        counts here, whether or not the expiry job has run."""
        return self.niet_ingetrokken().filter(einddatum__gte=vandaag or timezone.localdate())

    def verlopen_onverwerkt(self, vandaag: datetime.date | None = None) -> "DelingQuerySet":
        """Past their end date, not revoked, and not yet handled by the expiry job."""
        return self.niet_ingetrokken().filter(
            einddatum__lt=vandaag or timezone.localdate(), verlopen_verwerkt_op__isnull=True
        )


class Deling(models.Model):
    """A signal shared with one partner organisation, on a legal basis, until an end date.

    The object permission that goes with it is granted and revoked in the same transaction;
    the end date is also checked at query time, so an expired share gives nothing even before
    the clean-up job has run.
    """

    class Grondslag(models.TextChoices):
        RIEC_CONVENANT = "riec_convenant", "RIEC-convenant"
        PRIVACYPROTOCOL_ZVH = "privacyprotocol_zvh", "Privacyprotocol Zorg- en Veiligheidshuis"
        MELDCODE = "meldcode", "Meldcode huiselijk geweld en kindermishandeling"
        WETTELIJKE_TAAK = "wettelijke_taak", "Wettelijke taak"
        ANDERS = "anders", "Anders"

    signaal = models.ForeignKey(Signaal, on_delete=models.CASCADE, related_name="delingen")
    organisatie = models.ForeignKey(
        "ketenpartners.Organisatie", verbose_name="ketenpartner", on_delete=models.PROTECT, related_name="delingen"
    )
    grondslag = models.CharField("grondslag", max_length=30, choices=Grondslag.choices)
    grondslag_toelichting = models.CharField("toelichting op de grondslag", max_length=300, blank=True)
    met_betrokkenen = models.BooleanField(
        "met identificerende gegevens",
        default=False,
        help_text="Van betrokkenen naam, geboortedatum, adres en telefoon; van locaties adres en omschrijving.",
    )
    met_bijlagen = models.BooleanField("met bijlagen", default=False)
    reden = models.TextField("reden")
    einddatum = models.DateField("gedeeld tot en met")
    gedeeld_door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    gedeeld_op = models.DateTimeField("gedeeld op", auto_now_add=True)
    ingetrokken_op = models.DateTimeField("ingetrokken op", null=True, blank=True)
    ingetrokken_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # Why the AF revoked it, or that it ended with the signal's afsluiten. Masked in the audit log.
    intrekreden = models.TextField("reden van beëindigen", blank=True)
    verlopen_verwerkt_op = models.DateTimeField("verloop verwerkt op", null=True, blank=True)
    # When someone of the partner first opened it: until then it is new under "Actie nodig".
    geopend_op = models.DateTimeField("eerst geopend door de ketenpartner op", null=True, blank=True)

    objects = DelingQuerySet.as_manager()

    class Meta:
        verbose_name = "deling"
        verbose_name_plural = "delingen"
        ordering = ["-gedeeld_op"]
        indexes = [
            models.Index(fields=["organisatie", "einddatum"]),
            # Shares that end soon ("Actie nodig") and the expiry job: running shares by end date.
            models.Index(
                fields=["einddatum"], condition=models.Q(ingetrokken_op__isnull=True), name="deling_lopend_einde"
            ),
        ]

    def __str__(self) -> str:
        return f"Deling #{self.pk} van signaal {self.signaal_id}"

    def beeindigd_op(self) -> datetime.date | None:
        """The first day the partner had no access any more; None while the share is in force."""
        if self.ingetrokken_op is not None:
            return timezone.localdate(self.ingetrokken_op)
        einde = self.einddatum + datetime.timedelta(days=1)
        return einde if einde <= timezone.localdate() else None


class Verlenging(models.Model):
    """The AF extended a share: from which end date to which, and why. Only ever added."""

    deling = models.ForeignKey(Deling, on_delete=models.CASCADE, related_name="verlengingen")
    oude_einddatum = models.DateField("was gedeeld tot en met")
    nieuwe_einddatum = models.DateField("nu gedeeld tot en met")
    reden = models.TextField("reden")
    door = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="door", on_delete=models.PROTECT, related_name="+")
    op = models.DateTimeField("op", auto_now_add=True)

    class Meta:
        verbose_name = "verlenging"
        verbose_name_plural = "verlengingen"
        ordering = ["op", "pk"]

    def __str__(self) -> str:
        return f"Verlenging #{self.pk} van deling {self.deling_id}"


class Terugmelding(models.Model):
    """What a partner did or found; the AF sees it on the timeline. Stays after the share ends."""

    signaal = models.ForeignKey(Signaal, on_delete=models.CASCADE, related_name="terugmeldingen")
    organisatie = models.ForeignKey(
        "ketenpartners.Organisatie", verbose_name="ketenpartner", on_delete=models.PROTECT, related_name="+"
    )
    door = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="door", on_delete=models.PROTECT, related_name="+")
    op = models.DateTimeField("op", auto_now_add=True)
    tekst = models.TextField("terugmelding")
    voorgestelde_afloop = models.CharField("voorgestelde afloop", max_length=30, choices=Afloop.choices, blank=True)
    gezien_op = models.DateTimeField("gezien door de aandachtsfunctionaris op", null=True, blank=True)

    class Meta:
        verbose_name = "terugmelding"
        verbose_name_plural = "terugmeldingen"
        ordering = ["op", "pk"]
        indexes = [
            models.Index(fields=["signaal"], condition=models.Q(gezien_op__isnull=True), name="terugmelding_ongezien")
        ]

    def __str__(self) -> str:
        return f"Terugmelding #{self.pk} bij signaal {self.signaal_id}"


class Samenhang(models.Model):
    """The AF's verdict on a pair of signals of one gemeente: samenhangend or not.

    One row per pair, the lower pk first. A rejected pair is never suggested again; only an
    explicit confirmation turns it into a confirmed one. ``redenen`` holds the kinds of match
    ("zelfde adres"), never the values that matched.
    """

    class Status(models.TextChoices):
        BEVESTIGD = "bevestigd", "Samenhangend"
        AFGEWEZEN = "afgewezen", "Niet samenhangend"

    signaal_a = models.ForeignKey(Signaal, on_delete=models.CASCADE, related_name="+")
    signaal_b = models.ForeignKey(Signaal, on_delete=models.CASCADE, related_name="+")
    status = models.CharField("status", max_length=20, choices=Status.choices)
    door = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="door", on_delete=models.PROTECT, related_name="+")
    op = models.DateTimeField("op", default=timezone.now)
    redenen = models.JSONField("redenen", default=list, blank=True)

    class Meta:
        verbose_name = "samenhang"
        verbose_name_plural = "samenhang"
        constraints = [
            models.UniqueConstraint(fields=["signaal_a", "signaal_b"], name="samenhang_paar_uniek"),
            models.CheckConstraint(condition=models.Q(signaal_a__lt=models.F("signaal_b")), name="samenhang_a_voor_b"),
        ]

    def __str__(self) -> str:
        return f"Samenhang {self.signaal_a_id}-{self.signaal_b_id}: {self.get_status_display()}"


class Contactverzoek(models.Model):
    """An AF asks the AFs of another gemeente to get in touch about a possible match.

    The request names the asking signal (of the asker's own gemeente) and the other gemeente,
    never a signal of that gemeente: the other side finds its own matching signals by key
    (meldroute/samenhang.py). ``redenen`` holds the kinds of match ("zelfde persoon") only.
    """

    signaal = models.ForeignKey(Signaal, on_delete=models.CASCADE, related_name="contactverzoeken")
    gemeente = models.ForeignKey(
        "ketenpartners.Organisatie", verbose_name="aan gemeente", on_delete=models.PROTECT, related_name="+"
    )
    door = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="door", on_delete=models.PROTECT, related_name="+")
    op = models.DateTimeField("op", default=timezone.now)
    redenen = models.JSONField("redenen", default=list, blank=True)

    class Meta:
        verbose_name = "contactverzoek"
        verbose_name_plural = "contactverzoeken"
        constraints = [
            models.UniqueConstraint(fields=["signaal", "gemeente"], name="contactverzoek_een_per_gemeente"),
        ]
        indexes = [models.Index(fields=["gemeente", "-op"], name="contactverzoek_gemeente")]

    def __str__(self) -> str:
        return f"Contactverzoek {self.signaal_id} aan {self.gemeente_id}"
