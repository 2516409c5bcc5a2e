"""Run by tests/meldroute/test_samenhang_sqlite.py in a process of its own, on the SQLite of the
quick start: the suggestions of samenhangende signalen (keys and the difflib fallback for similar
names), confirming a pair and the werkbak's marker, printed as JSON for the test to compare."""

import datetime
import json
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mensenhandel.settings.base")

import django

django.setup()

from django.core.management import call_command  # noqa: E402

from ketenpartners.models import Organisatie  # noqa: E402
from meldroute import samenhang  # noqa: E402
from meldroute.services.samenhang import samenhang_bevestigen  # noqa: E402
from tests.factories import OrganisatieFactory, af, medewerker, signaal_melden  # noqa: E402

GEBOREN = datetime.date(1990, 3, 4)


def main() -> None:
    call_command("migrate", verbosity=0)
    hoorn: Organisatie = OrganisatieFactory(naam="Hoorn")  # type: ignore[assignment]
    anna = af(hoorn, username="anna")
    melder = medewerker(hoorn, username="melder")
    namen = {}
    plan: list[tuple[str, dict[str, object]]] = [
        ("a", {"naam": "Jan Jansen", "adres": "Kerkstraat 12, Hoorn"}),
        ("sleutel", {"naam": "Jansen, J."}),
        ("omgedraaid", {"naam": "Jansen Jan"}),
        ("hansen", {"naam": "Piet Hansen"}),
        (
            "adres",
            {"naam": "Piet de Vries", "geboortedatum": datetime.date(1975, 1, 20), "adres": "Kerkstraat 12, Hoorn"},
        ),
    ]
    for naam, betrokkene in plan:
        gegevens: dict[str, object] = {"rol": "slachtoffer", "geboortedatum": GEBOREN, **betrokkene}
        namen[naam] = signaal_melden(melder=melder, gemeente=hoorn, betrokkenen=[gegevens])
    op_pk = {s.pk: naam for naam, s in namen.items()}
    a = namen["a"]
    uitkomst = {
        "suggesties": [[op_pk[s.pk], s.redenen] for s in samenhang.mogelijk_samenhangend(a, gebruiker=anna)],
        "gemarkeerd": sorted(op_pk[pk] for pk in samenhang.met_open_suggestie(list(op_pk))),
    }
    samenhang_bevestigen(signaal_id=a.pk, ander_id=namen["sleutel"].pk, door=anna)
    overzicht = samenhang.samenhang_van(a, gebruiker=anna)
    uitkomst["na_bevestigen"] = [op_pk[s.pk] for s in overzicht.suggesties]
    uitkomst["samenhangend"] = [op_pk[s.pk] for s in overzicht.samenhangend]
    print(json.dumps(uitkomst))


if __name__ == "__main__":
    main()
