"""Receivers of Django's own signals; connected in ``KetenpartnersConfig.ready``."""

from typing import Any

from django.http import HttpRequest

from ketenpartners.inloggen import sessies
from ketenpartners.models import Gebruiker


def bij_inloggen(sender: Any, request: HttpRequest | None, user: Gebruiker, **kwargs: Any) -> None:
    """Every login (password, single sign-on, a test's force_login) starts the session's clocks."""
    if request is not None and hasattr(request, "session"):
        sessies.bij_inloggen(request=request, gebruiker=user)
