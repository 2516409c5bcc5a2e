"""The two gates of every request behind login, in this order in MIDDLEWARE.

1. ``SessieMiddleware`` (after the message middleware): a session that is over (idle too long,
   past its lifetime, or of a user whose access changed) is logged out, with the reason as a
   message; Django's ``LoginRequiredMiddleware`` then sends the request to the login page.
2. ``TweedeFactorMiddleware`` (after ``LoginRequiredMiddleware``): a logged-in user for whom
   ``tweede_factor_vereist`` holds and whose session has no verified second factor gets no page
   behind login. Such a session reaches the pages that anyone may see (``login_not_required``:
   login, the password link, the accessibility and privacy statements) and the views marked
   ``tweede_factor_vrij`` (setting up and entering the second factor, logging out); every other
   request is sent to set up the app (no app yet) or to enter a code, with the page it wanted as
   ``next``. The admin is behind login too, so it needs the second factor like any page.

django-otp's ``OTPMiddleware`` (right after authentication) tells whether the session's
second factor is verified.
"""

from collections.abc import Callable
from typing import Any, TypeVar

from django.contrib import messages
from django.contrib.auth import SESSION_KEY, logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponseBase
from django.urls import reverse
from django.utils.deprecation import MiddlewareMixin

from ketenpartners.inloggen import sessies
from ketenpartners.inloggen.tweede_factor import heeft_tweede_factor, tweede_factor_vereist
from ketenpartners.models import Gebruiker

V = TypeVar("V", bound=Callable[..., Any])


def tweede_factor_vrij(view: V) -> V:
    """Mark a view that a session without its second factor may reach."""
    view.tweede_factor_vrij = True  # type: ignore[attr-defined]
    return view


def tweede_factor_geverifieerd(gebruiker: Any) -> bool:
    """Whether this request's session carries a verified second factor (set by OTPMiddleware)."""
    return getattr(gebruiker, "otp_device", None) is not None


class SessieMiddleware(MiddlewareMixin):
    def process_request(self, request: HttpRequest) -> None:
        gebruiker = request.user
        if not isinstance(gebruiker, Gebruiker) or not gebruiker.is_authenticated:
            if SESSION_KEY in request.session:
                # A login whose user the backend no longer accepts (deactivated since): end it here,
                # so the session cannot come back when the account is activated again.
                logout(request)
                messages.warning(request, sessies.BEEINDIGD)
            return
        moment = sessies.nu()
        reden = sessies.reden_van_einde(request.session, gebruiker, moment)
        if reden is None:
            sessies.activiteit_bijwerken(request.session, moment)
            return
        logout(request)
        messages.warning(request, reden)


class TweedeFactorMiddleware(MiddlewareMixin):
    def process_view(
        self, request: HttpRequest, view_func: Callable[..., Any], view_args: Any, view_kwargs: Any
    ) -> HttpResponseBase | None:
        if not getattr(view_func, "login_required", True) or getattr(view_func, "tweede_factor_vrij", False):
            return None
        gebruiker = request.user
        if not isinstance(gebruiker, Gebruiker) or not gebruiker.is_authenticated:
            return None
        if tweede_factor_geverifieerd(gebruiker) or not tweede_factor_vereist(gebruiker):
            return None
        pagina = "inloggen:tweede_factor" if heeft_tweede_factor(gebruiker) else "inloggen:tweede_factor_instellen"
        return redirect_to_login(request.get_full_path(), reverse(pagina))
