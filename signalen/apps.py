from django.apps import AppConfig


class SignalenConfig(AppConfig):
    name = "signalen"
    verbose_name = "Signalen"

    def ready(self) -> None:
        from signalen import audit  # noqa: F401  (registers the models with auditlog)
