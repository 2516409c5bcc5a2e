from django.apps import AppConfig


class KetenpartnersConfig(AppConfig):
    name = "ketenpartners"
    verbose_name = "Organisaties en gebruikers"

    def ready(self) -> None:
        from ketenpartners import audit  # noqa: F401  (registers the models with auditlog)
