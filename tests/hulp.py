"""Helpers shared by tests outside the browser: reading tables from pages, waiting for a worker."""

import time
from collections.abc import Callable
from html.parser import HTMLParser

from django.core import mail
from django.test import Client
from django.urls import reverse

from ketenpartners.models import Gebruiker
from signalen.models import Notificatie


class _Tabellen(HTMLParser):
    """Every row of every table body as a list of cell texts (th and td alike)."""

    def __init__(self) -> None:
        super().__init__()
        self.rijen: list[list[str]] = []
        self._in_body = False
        self._cel: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "tbody":
            self._in_body = True
        elif tag == "tr" and self._in_body:
            self.rijen.append([])
        elif tag in ("td", "th") and self._in_body:
            self._cel = []
        elif tag == "li" and self._cel is not None:
            self._cel.append(" | ")

    def handle_endtag(self, tag: str) -> None:
        if tag == "tbody":
            self._in_body = False
        elif tag in ("td", "th") and self._cel is not None:
            self.rijen[-1].append(" ".join("".join(self._cel).split()).strip(" |"))
            self._cel = None

    def handle_data(self, data: str) -> None:
        if self._cel is not None:
            self._cel.append(data)


def tabelrijen(html: str) -> list[list[str]]:
    parser = _Tabellen()
    parser.feed(html)
    return parser.rijen


def actie_nodig(client: Client, gebruiker: Gebruiker) -> dict[str, str]:
    """The user's "Actie nodig" page as {reference: what it says}, read from the HTML."""
    client.force_login(gebruiker)
    antwoord = client.get(reverse("meldroute:actie_nodig"))
    assert antwoord.status_code == 200
    return {rij[0].split()[0]: " ".join(rij[1:]) for rij in tabelrijen(antwoord.content.decode())}


def wacht_tot(voorwaarde: Callable[[], bool], *, seconden: float = 15, bericht: str = "") -> None:
    """Wait (bounded) for a worker thread; the assertions follow, this is not a timing check."""
    einde = time.monotonic() + seconden
    while time.monotonic() < einde:
        if voorwaarde():
            return
        time.sleep(0.05)
    raise AssertionError(bericht or "De worker was niet op tijd klaar")


def wacht_tot_alles_verstuurd() -> None:
    """Until every mail in the outbox is sent (or given up): then mail.outbox is complete."""
    wacht_tot(
        lambda: not Notificatie.objects.filter(verzonden_op=None, vervallen_op=None, opgegeven_op=None).exists(),
        bericht="Er staan nog e-mails in de outbox",
    )


def ontvangers(onderwerp_bevat: str = "") -> list[str]:
    """Who got a mail (sorted), optionally only mails whose subject contains the text."""
    return sorted(address for m in mail.outbox if onderwerp_bevat in m.subject for address in m.to)
