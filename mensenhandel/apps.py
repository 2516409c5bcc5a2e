from typing import Any

from django.apps import AppConfig
from django.conf import settings
from django.core import checks

from mensenhandel.checks import https_achter_proxy, samenhang_sleutel

LOKALE_SLEUTEL = "alleen-voor-lokaal-gebruik-niet-in-productie"


def geheime_sleutel_gezet(**kwargs: Any) -> list[checks.CheckMessage]:
    """Outside development the quick start's well-known SECRET_KEY must never be used."""
    if not settings.DEBUG and settings.SECRET_KEY == LOKALE_SLEUTEL:
        return [
            checks.Error(
                "SECRET_KEY is niet gezet terwijl DEBUG uit staat.",
                hint="Zet de omgevingsvariabele SECRET_KEY op een lange, willekeurige waarde.",
                id="mensenhandel.E001",
            )
        ]
    return []


class MensenhandelConfig(AppConfig):
    name = "mensenhandel"
    verbose_name = "Signalen mensenhandel"

    def ready(self) -> None:
        checks.register(geheime_sleutel_gezet)
        checks.register(https_achter_proxy, checks.Tags.security, deploy=True)
        checks.register(samenhang_sleutel, checks.Tags.security, deploy=True)
