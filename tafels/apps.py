from django.apps import AppConfig


class TafelsConfig(AppConfig):
    name = "tafels"
    verbose_name = "Tafels"

    def ready(self) -> None:
        from tafels import audit, berichten  # noqa: F401  (auditlog; the agenda mail in the outbox)
