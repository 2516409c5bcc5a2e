"""Optional single sign-on with the organisation's identity provider (OpenID Connect).

Switched on by setting ``OIDC_RP_CLIENT_ID`` and the provider's endpoints (see the README); off,
neither the backend nor the URLs exist. A login through the provider only says *who* someone is:

- the account is found by the provider's ``sub`` claim, stored on our user by the beheerder
  (``Gebruiker.oidc_sub``), never by e-mail address or name, which can change hands;
- no account is ever created: someone unknown to us does not get in;
- an inactive account does not get in;
- the roles come from our own memberships, and the second factor is asked as for any login.
"""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.db.models import QuerySet
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import path
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.views import (
    OIDCAuthenticationCallbackView,
    OIDCAuthenticationRequestView,
)

from ketenpartners.models import Gebruiker

MISLUKT = (
    "Inloggen met het account van uw organisatie is niet gelukt. Uw account is niet gekoppeld aan Signalen "
    "mensenhandel of is niet actief. Neem contact op met de functioneel beheerder."
)


class OidcBackend(OIDCAuthenticationBackend):
    def verify_claims(self, claims: dict[str, Any]) -> bool:
        return bool(claims.get("sub"))

    def filter_users_by_claims(self, claims: dict[str, Any]) -> QuerySet[Gebruiker]:
        sub = claims.get("sub")
        if not sub:
            return Gebruiker.objects.none()
        return Gebruiker.objects.filter(oidc_sub=sub, is_active=True)

    def describe_user_by_claims(self, claims: dict[str, Any]) -> str:
        return "een onbekend kenmerk"  # Never an e-mail address in the application log.

    def create_user(self, claims: dict[str, Any]) -> None:
        return None  # Never reached (OIDC_CREATE_USER is off); no account is made from a login.

    def get_user(self, user_id: Any) -> Gebruiker | None:
        gebruiker = Gebruiker.objects.filter(pk=user_id).first()
        return gebruiker if gebruiker is not None and self.user_can_authenticate(gebruiker) else None


class TerugView(OIDCAuthenticationCallbackView):
    def login_failure(self) -> HttpResponse:
        messages.error(self.request, MISLUKT)
        return redirect("login")


urlpatterns = [
    path("oidc/inloggen/", login_not_required(OIDCAuthenticationRequestView.as_view()), name="oidc_inloggen"),
    path("oidc/terug/", login_not_required(TerugView.as_view()), name="oidc_terug"),
]
