"""The access log records the client's real address, never one a client can forge."""

import pytest
from django.test import RequestFactory

from mensenhandel.client_ip import client_ip


@pytest.mark.parametrize(
    ("proxies", "forwarded", "verwacht"),
    [
        (0, "6.6.6.6", "10.0.0.9"),
        (1, "6.6.6.6, 192.0.2.7", "192.0.2.7"),
        (2, "6.6.6.6, 192.0.2.7, 10.0.0.2", "192.0.2.7"),
        (1, "192.0.2.7:5555", "192.0.2.7"),
        (1, "[2001:db8::1]:443", "2001:db8::1"),
        (1, "unknown", "10.0.0.9"),
        (2, "192.0.2.7", "10.0.0.9"),
    ],
)
def test_only_our_own_proxies_are_believed(settings: object, proxies: int, forwarded: str, verwacht: str) -> None:
    settings.TRUSTED_PROXY_COUNT = proxies  # type: ignore[attr-defined]
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.9", HTTP_X_FORWARDED_FOR=forwarded)
    assert client_ip(request) == verwacht
