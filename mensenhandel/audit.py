"""Audit log helpers shared by every app that registers models with django-auditlog."""

from typing import Any

from auditlog.registry import auditlog
from django.db.models import Model

MASKER = "********"


def volledig_maskeren(value: str) -> str:
    """Mask personal data completely. Auditlog's default keeps half the value visible."""
    return MASKER if value not in ("", "None") else value


def registreren(model: type[Model], **opties: Any) -> None:
    """Register a model with auditlog, leaving out the reverse one-to-one relations.

    Auditlog reads every field of a saved object, and a reverse one-to-one (a step's
    verrijking, a signal's feiten) is a query each time, for a value that is not the object's own
    and is logged with the other model anyway.
    """
    omgekeerd = [veld.name for veld in model._meta.get_fields() if veld.one_to_one and not veld.concrete]
    opties["exclude_fields"] = [*opties.get("exclude_fields", []), *omgekeerd]
    auditlog.register(model, **opties)
