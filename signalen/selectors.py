from django.db.models import QuerySet

from ketenpartners.models import Gebruiker
from signalen.models import Signaal
from signalen.rechten import behandelbare_signalen

__all__ = ["behandelbare_signalen", "eigen_signalen"]


def eigen_signalen(gebruiker: Gebruiker) -> QuerySet[Signaal]:
    """The signals this user reported themselves."""
    return Signaal.objects.filter(melder=gebruiker)
