"""What attachments may be: checked on the extension, the size and the first bytes; and how many.

Uploads on the intake form are parked at once (``TijdelijkeBijlage``), so a correction elsewhere
on the form loses none. That makes the parking lot itself something to bound: per signal at most
``BIJLAGEN_PER_MELDING`` files and ``BIJLAGEN_MB_PER_MELDING`` MB together, and per user at most
``BIJLAGEN_PER_DAG`` files a day (parked or attached, counted from local midnight).
"""

import datetime
import mimetypes
from collections.abc import Sequence
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils import timezone

from ketenpartners.models import Gebruiker
from signalen.models import Bijlage, TijdelijkeBijlage

# Files whose first bytes we know: a .pdf that does not start like a PDF is refused.
_HANDTEKENINGEN: dict[str, tuple[bytes, ...]] = {
    "pdf": (b"%PDF",),
    "png": (b"\x89PNG\r\n\x1a\n",),
    "jpg": (b"\xff\xd8\xff",),
    "jpeg": (b"\xff\xd8\xff",),
    "docx": (b"PK\x03\x04",),
    "xlsx": (b"PK\x03\x04",),
}


def extensie(naam: str) -> str:
    return PurePath(naam).suffix.lower().lstrip(".")


def inhoudstype(naam: str) -> str:
    return mimetypes.guess_type(f"x.{extensie(naam)}")[0] or "application/octet-stream"


def bijlage_valideren(upload: UploadedFile) -> None:
    naam = upload.name or ""
    ext = extensie(naam)
    toegestaan = settings.BIJLAGE_EXTENSIES
    if ext not in toegestaan:
        raise ValidationError(
            "Het bestand %(naam)s heeft een soort die niet is toegestaan. Toegestaan: %(lijst)s.",
            params={"naam": naam, "lijst": ", ".join(toegestaan)},
            code="soort",
        )
    maximum = settings.BIJLAGE_MAX_MB * 1024 * 1024
    if (upload.size or 0) > maximum:
        raise ValidationError(
            "Het bestand %(naam)s is te groot (%(grootte)s). Het maximum is %(max)s.",
            params={"naam": naam, "grootte": filesizeformat(upload.size or 0), "max": filesizeformat(maximum)},
            code="grootte",
        )
    if (upload.size or 0) == 0:
        raise ValidationError("Het bestand %(naam)s is leeg.", params={"naam": naam}, code="leeg")
    handtekeningen = _HANDTEKENINGEN.get(ext)
    if handtekeningen:
        upload.seek(0)
        begin = upload.read(16)
        upload.seek(0)
        if not begin.startswith(handtekeningen):
            raise ValidationError(
                "Het bestand %(naam)s is geen geldig %(soort)s-bestand.",
                params={"naam": naam, "soort": ext.upper()},
                code="inhoud",
            )


def _mb(megabytes: int) -> int:
    return megabytes * 1024 * 1024


def uploads_vandaag(eigenaar: Gebruiker) -> int:
    """Files this user uploaded today: still parked, or attached to a signal since local midnight."""
    middernacht = datetime.datetime.combine(timezone.localdate(), datetime.time.min, timezone.get_current_timezone())
    geparkeerd = TijdelijkeBijlage.objects.filter(eigenaar=eigenaar, aangemaakt_op__gte=middernacht).count()
    # A parked file becomes a Bijlage (and stops being parked) when the signal is sent.
    toegevoegd = Bijlage.objects.filter(toegevoegd_door=eigenaar, toegevoegd_op__gte=middernacht).count()
    return geparkeerd + toegevoegd


def quotum_toepassen(
    *, eigenaar: Gebruiker, bewaard: Sequence[TijdelijkeBijlage | Bijlage], nieuw: Sequence[UploadedFile]
) -> tuple[list[UploadedFile], list[ValidationError]]:
    """Which new uploads fit within the quota, in the order chosen; an error for each that does not.

    ``bewaard`` are the files already kept for this signal (or attached to it, when the AF adds
    one); when they alone exceed the quota (the melder ticked too many), that is an error too, so
    the signal cannot be sent like that.
    """
    per_melding = settings.BIJLAGEN_PER_MELDING
    max_grootte = _mb(settings.BIJLAGEN_MB_PER_MELDING)
    per_dag = settings.BIJLAGEN_PER_DAG
    fouten: list[ValidationError] = []
    aantal = len(bewaard)
    grootte = sum(b.grootte for b in bewaard)
    if aantal > per_melding:
        fouten.append(
            ValidationError(
                "Een signaal kan ten hoogste %(max)s bijlagen hebben; er zijn er %(aantal)s gekozen. "
                "Haal het vinkje weg bij de bestanden die niet mee hoeven.",
                params={"max": per_melding, "aantal": aantal},
                code="quotum_aantal",
            )
        )
    elif grootte > max_grootte:
        fouten.append(
            ValidationError(
                "De bijlagen van een signaal mogen samen ten hoogste %(max)s zijn; de gekozen bestanden zijn "
                "samen %(grootte)s. Haal het vinkje weg bij de bestanden die niet mee hoeven.",
                params={"max": filesizeformat(max_grootte), "grootte": filesizeformat(grootte)},
                code="quotum_grootte",
            )
        )
    if not nieuw:
        return [], fouten

    vandaag = uploads_vandaag(eigenaar)
    passend: list[UploadedFile] = []
    for upload in nieuw:
        naam, omvang = upload.name or "", upload.size or 0
        if aantal + 1 > per_melding:
            melding = "Het bestand %(naam)s is niet toegevoegd: een signaal kan ten hoogste %(max)s bijlagen hebben."
            fouten.append(ValidationError(melding, params={"naam": naam, "max": per_melding}, code="quotum_aantal"))
        elif grootte + omvang > max_grootte:
            melding = (
                "Het bestand %(naam)s is niet toegevoegd: de bijlagen van een signaal mogen samen ten hoogste "
                "%(max)s zijn."
            )
            fouten.append(
                ValidationError(
                    melding, params={"naam": naam, "max": filesizeformat(max_grootte)}, code="quotum_grootte"
                )
            )
        elif vandaag + 1 > per_dag:
            melding = (
                "Het bestand %(naam)s is niet toegevoegd: u kunt ten hoogste %(max)s bestanden per dag uploaden. "
                "Morgen kan het weer."
            )
            fouten.append(ValidationError(melding, params={"naam": naam, "max": per_dag}, code="quotum_dag"))
        else:
            passend.append(upload)
            aantal, grootte, vandaag = aantal + 1, grootte + omvang, vandaag + 1
    return passend, fouten
