from django.apps import AppConfig


class MeldrouteConfig(AppConfig):
    name = "meldroute"
    verbose_name = "Meldroute"

    def ready(self) -> None:
        from meldroute import audit  # noqa: F401  (registers the models with auditlog)
