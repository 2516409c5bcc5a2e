"""The authorisation matrix as docs/autorisatie.md writes it, and the URLs of the project it must cover."""

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.urls import URLPattern, URLResolver, get_resolver

from tests import matrix_tafels

DOCUMENT = Path(__file__).resolve().parent.parent / "docs" / "autorisatie.md"
KOLOMMEN = ["url", "methode", "rol", "scope", "verwacht"]
ROLLEN = ["anoniem", "medewerker", "aandachtsfunctionaris", "coordinator", "ketenpartner", "fg", "beheerder"]
SCOPES = ["eigen_gemeente", "andere_gemeente", "gedeeld", "gedeeld_verlopen", "niet_gedeeld"]
METHODEN = {"GET", "POST"}
STATUSCODES = {200, 302, 403, 404, 405}
ADMIN = "admin:*"
# Scopes whose signal is shared with the partner of the ketenpartner user (Politie); the other
# scopes share their signal with the RIEC, so that there is a share to revoke and a share that
# is somebody else's.
MET_POLITIE = {"gedeeld", "gedeeld_verlopen", "niet_gedeeld"}
# The FG's log pages have no signal in their address but do have a scope: filtered on the reference
# number of the scope's signal, they show its rows for a signal of Hoorn, and for one of Enkhuizen
# nothing (the page of a number that does not exist).
LOGBOEKEN = {"signalen:logboek_toegang", "signalen:logboek_audit"}
FG_SCOPES = ["eigen_gemeente", "andere_gemeente"]


@dataclass(frozen=True)
class Regel:
    url: str
    methode: str
    rol: str
    scope: str
    verwacht: int

    @property
    def id(self) -> str:
        return "-".join([self.url, self.methode, self.rol] + ([] if self.scope == "-" else [self.scope]))


def matrix_lezen(tekst: str) -> list[Regel]:
    """The rows of the one table in the section '## Autorisatiematrix'."""
    _, _, sectie = tekst.partition("\n## Autorisatiematrix")
    sectie = re.split(r"^## ", sectie, maxsplit=1, flags=re.MULTILINE)[0]
    tabel = [regel.strip() for regel in sectie.splitlines() if regel.strip().startswith("|")]
    if not tabel:
        raise ValueError(f"Geen tabel onder '## Autorisatiematrix' in {DOCUMENT}")
    cellen = [[cel.strip().strip("`") for cel in regel.strip("|").split("|")] for regel in tabel]
    if cellen[0] != KOLOMMEN:
        raise ValueError(f"De kolommen van de matrix moeten {KOLOMMEN} zijn, niet {cellen[0]}")
    regels = []
    for rij in cellen[2:]:
        if len(rij) != len(KOLOMMEN):
            raise ValueError(f"Rij met {len(rij)} cellen in de matrix: {rij}")
        url, methode, rol, scope, verwacht = rij
        regels.append(Regel(url, methode, rol, scope, int(verwacht)))
    return regels


REGELS = matrix_lezen(DOCUMENT.read_text(encoding="utf-8"))


@dataclass(frozen=True)
class Url:
    naam: str
    parameters: tuple[str, ...]


def project_urls(patronen: list[Any] | None = None, namespaces: tuple[str, ...] = ()) -> dict[str, Url]:
    """Every URL name of the project; the whole admin namespace counts as the one name 'admin:*'."""
    urls: dict[str, Url] = {}
    for patroon in get_resolver().url_patterns if patronen is None else patronen:
        if isinstance(patroon, URLResolver):
            eigen = (patroon.namespace,) if patroon.namespace else ()
            urls.update(project_urls(patroon.url_patterns, namespaces + eigen))
        elif isinstance(patroon, URLPattern) and patroon.callback.__module__ != "django.views.static":
            if namespaces[:1] == ("admin",):
                urls[ADMIN] = Url(ADMIN, ())
                continue
            naam = ":".join([*namespaces, patroon.name or f"<zonder naam: {patroon.pattern}>"])
            urls[naam] = Url(naam, tuple(patroon.pattern.regex.groupindex))
    return urls


def scopes_van(url: Url) -> list[str]:
    """The scopes a URL needs rows for: a tafel URL names a tafel, meeting, item or action; any
    other URL with "pk" names a signal."""
    if "pk" in url.parameters:
        return matrix_tafels.SCOPES if url.naam.split(":")[0] == matrix_tafels.NAMESPACE else SCOPES
    return FG_SCOPES if url.naam in LOGBOEKEN else ["-"]
