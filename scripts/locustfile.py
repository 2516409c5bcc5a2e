"""Load of `make bench`: melders who log in once and then report signal after signal.

Each simulated user has an account of its own (bench.melder.1 … bench.melder.20, made by
scripts/bench_landelijk.py). A report that does not end on its receipt page counts as a failure.
"""

import itertools
import re
import threading

from locust import HttpUser, between, task

_nummers = itertools.count(1)
_slot = threading.Lock()
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
TEAM = re.compile(r'<select name="team"[^>]*>.*?<option value="(\d+)"', re.S)
VORM = re.compile(r'name="vormen" value="(\d+)"')
GEMEENTE = re.compile(r'name="gemeente"[^>]*value="(\d+)"|<select name="gemeente"[^>]*>.*?<option value="(\d+)"', re.S)


def _token(html: str) -> str:
    gevonden = CSRF.search(html)
    return gevonden.group(1) if gevonden else ""


class Melder(HttpUser):
    wait_time = between(0.5, 1.5)

    def on_start(self) -> None:
        with _slot:
            nummer = next(_nummers)
        pagina = self.client.get("/inloggen/", name="inloggen (formulier)")
        self.client.post(
            "/inloggen/",
            {
                "csrfmiddlewaretoken": _token(pagina.text),
                "username": f"bench.melder.{(nummer - 1) % 20 + 1}",
                "password": "bench-wachtwoord",
            },
            name="inloggen",
        )

    @task
    def melden(self) -> None:
        pagina = self.client.get("/melden/", name="meldformulier")
        html = pagina.text
        team, vorm = TEAM.search(html), VORM.search(html)
        gemeente = GEMEENTE.search(html)
        gegevens = {
            "csrfmiddlewaretoken": _token(html),
            "gemeente": (gemeente.group(1) or gemeente.group(2)) if gemeente else "",
            "team": team.group(1) if team else "",
            "waargenomen_op": "2026-11-01",
            "omschrijving": "In de nagelsalon slapen medewerkers achter in de zaak.",
            "vormen": vorm.group(1) if vorm else "",
            "acuut": "nee",
            "betrokkene-TOTAL_FORMS": "1",
            "betrokkene-INITIAL_FORMS": "0",
            "betrokkene-0-rol": "slachtoffer",
            "betrokkene-0-naam": "Jan Jansen",
            "locatie-TOTAL_FORMS": "1",
            "locatie-INITIAL_FORMS": "0",
            "locatie-0-bedrijfsnaam": "Nagelstudio Voorbeeld",
            "actie": "indienen",
        }
        with self.client.post("/melden/", gegevens, name="melden (versturen)", catch_response=True) as antwoord:
            if "/ontvangen/" not in antwoord.url:
                antwoord.failure(f"geen ontvangstbevestiging (status {antwoord.status_code})")
