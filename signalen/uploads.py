"""What attachments may be: checked on the extension, the size and the first bytes."""

import mimetypes
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat

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
