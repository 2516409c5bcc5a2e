"""Audit log helpers shared by every app that registers models with django-auditlog."""

MASKER = "********"


def volledig_maskeren(value: str) -> str:
    """Mask personal data completely. Auditlog's default keeps half the value visible."""
    return MASKER if value not in ("", "None") else value
