from django.apps import AppConfig


class TafelsConfig(AppConfig):
    name = "tafels"
    verbose_name = "Tafels"

    def ready(self) -> None:
        from tafels import audit  # noqa: F401  (registers the models with auditlog)
