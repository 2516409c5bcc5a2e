"""Single sign-on finds an account by the provider's ``sub`` only, and never makes one.

The provider itself is outside the product: its userinfo answer is the claims dict of each test.
"""

from typing import Any

import pytest
from django.core.exceptions import SuspiciousOperation
from django.db import IntegrityError, transaction
from django.test import Client
from django.urls import NoReverseMatch, reverse

from ketenpartners.inloggen.oidc import OidcBackend
from ketenpartners.models import Gebruiker
from ketenpartners.selectors import rollen_van

pytestmark = pytest.mark.django_db

SUB = "7d0f3c1e-9b2a-4c55-8e3f-1a2b3c4d5e6f"


@pytest.fixture
def backend(settings: Any, monkeypatch: pytest.MonkeyPatch) -> OidcBackend:
    settings.OIDC_RP_CLIENT_ID = "signalen-mensenhandel"
    settings.OIDC_RP_CLIENT_SECRET = "geheim"
    settings.OIDC_OP_TOKEN_ENDPOINT = "https://idp.example/token"
    settings.OIDC_OP_USER_ENDPOINT = "https://idp.example/userinfo"
    settings.OIDC_OP_JWKS_ENDPOINT = "https://idp.example/jwks"
    return OidcBackend()


def inloggen_met(backend: OidcBackend, monkeypatch: pytest.MonkeyPatch, claims: dict[str, Any]) -> Gebruiker | None:
    """What the backend does with the provider's answer after a valid ID token."""
    monkeypatch.setattr(backend, "get_userinfo", lambda access_token, id_token, payload: claims)
    gebruiker: Gebruiker | None = backend.get_or_create_user("access-token", "id-token", {"sub": claims.get("sub")})
    return gebruiker


@pytest.fixture
def gekoppeld(af_hoorn: Gebruiker) -> Gebruiker:
    Gebruiker.objects.filter(pk=af_hoorn.pk).update(oidc_sub=SUB)
    return Gebruiker.objects.get(pk=af_hoorn.pk)


def test_a_known_sub_is_that_user_with_our_own_roles(
    backend: OidcBackend, monkeypatch: pytest.MonkeyPatch, gekoppeld: Gebruiker
) -> None:
    gebruiker = inloggen_met(backend, monkeypatch, {"sub": SUB, "email": "iemand.anders@example.org"})

    assert gebruiker == gekoppeld
    assert gebruiker is not None
    assert rollen_van(gebruiker) == {"aandachtsfunctionaris"}


def test_an_unknown_sub_gets_no_login_and_no_account(
    backend: OidcBackend, monkeypatch: pytest.MonkeyPatch, gekoppeld: Gebruiker, melder_hoorn: Gebruiker
) -> None:
    aantal = Gebruiker.objects.count()

    # Not by e-mail address, not by username: only the sub counts.
    claims = {"sub": "onbekend", "email": melder_hoorn.email, "preferred_username": melder_hoorn.username}
    assert inloggen_met(backend, monkeypatch, claims) is None
    assert Gebruiker.objects.count() == aantal


def test_an_inactive_user_gets_no_login(
    backend: OidcBackend, monkeypatch: pytest.MonkeyPatch, gekoppeld: Gebruiker
) -> None:
    Gebruiker.objects.filter(pk=gekoppeld.pk).update(is_active=False)

    assert inloggen_met(backend, monkeypatch, {"sub": SUB}) is None
    assert backend.get_user(gekoppeld.pk) is None


def test_claims_without_a_sub_are_refused(backend: OidcBackend, monkeypatch: pytest.MonkeyPatch) -> None:
    assert backend.verify_claims({"email": "af.hoorn@example.org"}) is False
    assert list(backend.filter_users_by_claims({"sub": ""})) == []
    with pytest.raises(SuspiciousOperation):
        inloggen_met(backend, monkeypatch, {"email": "af.hoorn@example.org"})


def test_two_users_cannot_share_a_sub(gekoppeld: Gebruiker, af_hoorn_2: Gebruiker) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        Gebruiker.objects.filter(pk=af_hoorn_2.pk).update(oidc_sub=SUB)


def test_without_configuration_there_is_no_single_sign_on(client: Client) -> None:
    with pytest.raises(NoReverseMatch):
        reverse("inloggen:oidc_inloggen")
    assert "Inloggen met het account van uw organisatie" not in client.get(reverse("login")).content.decode()
