"""Part of tests/sqlite_snelstart.py, run by tests/test_sqlite.py on the SQLite of the quick
start: the suggestions of samenhangende signalen (keys and the difflib fallback for similar
names), confirming a pair and the werkbak's marker. In a gemeente of its own, beside the werkbak's."""

import datetime
from typing import Any

from ketenpartners.models import Organisatie
from meldroute import samenhang
from meldroute.services.samenhang import samenhang_bevestigen
from tests.factories import OrganisatieFactory, af, medewerker, signaal_melden

GEBOREN = datetime.date(1990, 3, 4)


def samenhang_binnen_gemeente() -> dict[str, Any]:
    hoorn: Organisatie = OrganisatieFactory(naam="Enkhuizen")  # type: ignore[assignment]
    anna = af(hoorn, username="eva")
    melder = medewerker(hoorn, username="melder.enkhuizen")
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
        "suggesties": [[op_pk[s.pk], s.redenen] for s in samenhang.samenhang_van(a, gebruiker=anna).suggesties],
        "gemarkeerd": sorted(op_pk[pk] for pk in samenhang.met_open_suggestie(list(op_pk))),
    }
    samenhang_bevestigen(signaal_id=a.pk, ander_id=namen["sleutel"].pk, door=anna)
    overzicht = samenhang.samenhang_van(a, gebruiker=anna)
    uitkomst["na_bevestigen"] = [op_pk[s.pk] for s in overzicht.suggesties]
    uitkomst["samenhangend"] = [op_pk[s.pk] for s in overzicht.samenhangend]
    return uitkomst
