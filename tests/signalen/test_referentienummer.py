"""Reference numbers stay unique and gapless when many people submit at once."""

import re

import pytest
from django.utils import timezone

from ketenpartners.models import Gebruiker, Organisatie
from signalen.models import Signaal
from tests.factories import medewerker, signaal_melden
from tests.meldroute.test_gelijktijdig import tegelijk


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_twenty_concurrent_submissions_are_all_stored_with_unique_gapless_numbers(hoorn: Organisatie) -> None:
    melders: list[Gebruiker] = [medewerker(hoorn, username=f"melder{i}") for i in range(20)]

    uitkomsten = tegelijk(*[lambda m=m: signaal_melden(melder=m) for m in melders])

    assert all(isinstance(u, Signaal) for u in uitkomsten), uitkomsten
    referenties = sorted(Signaal.objects.values_list("referentie", flat=True))
    assert len(referenties) == 20
    jaar = timezone.localdate().year
    assert referenties == [f"MH-{jaar}-{n:05d}" for n in range(1, 21)]
    assert all(re.fullmatch(r"MH-\d{4}-\d{5}", r) for r in referenties)


@pytest.mark.django_db
def test_a_failed_submission_does_not_use_up_a_number(melder_hoorn: Gebruiker, enkhuizen: Organisatie) -> None:
    eerste = signaal_melden(melder=melder_hoorn)
    with pytest.raises(Exception, match="eigen gemeente"):
        signaal_melden(melder=melder_hoorn, gemeente=enkhuizen)
    tweede = signaal_melden(melder=melder_hoorn)

    assert int(tweede.referentie[-5:]) == int(eerste.referentie[-5:]) + 1
