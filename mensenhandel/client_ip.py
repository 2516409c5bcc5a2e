import ipaddress

from django.conf import settings
from django.http import HttpRequest


def _adres(waarde: str) -> str | None:
    """A valid IP address from a header value, without a port; None for anything else."""
    waarde = waarde.strip()
    if waarde.startswith("[") and "]" in waarde:  # [IPv6]:port
        waarde = waarde[1 : waarde.index("]")]
    elif waarde.count(":") == 1:  # IPv4:port
        waarde = waarde.split(":")[0]
    try:
        return str(ipaddress.ip_address(waarde))
    except ValueError:
        return None


def client_ip(request: HttpRequest) -> str:
    """The client's address, trusting X-Forwarded-For only as far as our own proxies go.

    Each proxy we run appends the address it received the request from. The client can put
    anything in the header before that, so we count back TRUSTED_PROXY_COUNT entries from the
    right and never read further left. Anything that is not an IP address falls back to
    REMOTE_ADDR.
    """
    remote_addr = request.META.get("REMOTE_ADDR", "") or ""
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies <= 0:
        return remote_addr
    forwarded = [part for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    if len(forwarded) < proxies:
        return remote_addr
    return _adres(forwarded[-proxies]) or remote_addr
