"""The dossier beside the signal: the melder's report as submitted, and the AF's internal notes."""

from django.conf import settings
from django.db import models

from signalen.models.signaal import Signaal

ALLEEN_AANVULLEN = "Notities zijn alleen aan te vullen, niet te wijzigen of te verwijderen."


class OorspronkelijkeMelding(models.Model):
    """What the melder submitted, as it was at intake, while the AF keeps the dossier up to date.

    ``gegevens`` is built by ``signalen.melding.momentopname`` in the intake transaction. It is
    not audited (the values are the intake's, already logged masked with their own rows); only the
    functionaris gegevensbescherming changes it afterwards, for a betrokkene's right to
    rectification or erasure. Retention removes it with the signal (the cascade).
    """

    signaal = models.OneToOneField(
        Signaal, on_delete=models.CASCADE, primary_key=True, related_name="oorspronkelijke_melding"
    )
    gegevens = models.JSONField("gegevens zoals gemeld", default=dict)
    vastgelegd_op = models.DateTimeField("vastgelegd op", auto_now_add=True)

    class Meta:
        verbose_name = "oorspronkelijke melding"
        verbose_name_plural = "oorspronkelijke meldingen"

    def __str__(self) -> str:
        return f"Oorspronkelijke melding van signaal {self.signaal_id}"


class Notitie(models.Model):
    """An internal note of an aandachtsfunctionaris on a signal: for the AF's of the gemeente only.

    Never shown to a partner or the melder. Append-only: a correction is a new note.
    """

    signaal = models.ForeignKey(Signaal, on_delete=models.CASCADE, related_name="notities")
    tekst = models.TextField("notitie")
    door = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="door", on_delete=models.PROTECT, related_name="+")
    op = models.DateTimeField("op", auto_now_add=True)

    class Meta:
        verbose_name = "notitie"
        verbose_name_plural = "notities"
        ordering = ["op", "pk"]

    def __str__(self) -> str:
        # Never the text: __str__ ends up in audit logs.
        return f"Notitie #{self.pk}"

    def save(self, *args: object, **kwargs: object) -> None:
        if not self._state.adding:
            raise ValueError(ALLEEN_AANVULLEN)
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    def delete(self, *args: object, **kwargs: object) -> tuple[int, dict[str, int]]:
        raise ValueError(ALLEEN_AANVULLEN)
