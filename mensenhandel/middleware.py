from collections.abc import Callable

from auditlog.middleware import AuditlogMiddleware as BaseAuditlogMiddleware
from django.http import HttpRequest, HttpResponse
from django.utils.cache import add_never_cache_headers

from mensenhandel.client_ip import client_ip

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
        "base-uri 'none'",
        "object-src 'none'",
    ]
)


class ContentSecurityPolicyMiddleware:
    """Everything is served from our own static files: no inline scripts or styles."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        response.headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
        return response


# Pages where someone types their credentials, seen before there is a logged-in user. Django's
# own views already say no-store, but the lockout page that axes puts in their place does not.
INLOGPAGINAS = {"login", "logout", "admin:login", "admin:logout"}


class NoStoreMiddleware:
    """Nothing a logged-in user sees may stay behind in a browser cache or a proxy.

    Every page behind login shows personal data or who works on what, so every answer to a
    logged-in user, and the login pages themselves, are marked not to be stored. Static files
    never get here: WhiteNoise answers them earlier, with its own long-lived caching.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if "no-store" in response.get("Cache-Control", ""):
            return response  # Downloads already say so; their value stays as it is.
        gebruiker = getattr(request, "user", None)
        route = request.resolver_match.view_name if request.resolver_match else ""
        if (gebruiker is not None and gebruiker.is_authenticated) or route in INLOGPAGINAS:
            add_never_cache_headers(response)
        return response


class AuditlogMiddleware(BaseAuditlogMiddleware):
    """Auditlog's own middleware believes the first X-Forwarded-For entry, which anyone can forge."""

    @staticmethod
    def _get_remote_addr(request: HttpRequest) -> str:
        return client_ip(request)
