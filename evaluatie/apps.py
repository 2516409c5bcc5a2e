from django.apps import AppConfig
from django.db.backends.signals import connection_created


class EvaluatieConfig(AppConfig):
    name = "evaluatie"
    verbose_name = "Evaluatie"

    def ready(self) -> None:
        from evaluatie import audit, receivers  # noqa: F401 - registers the audit of trainingen

        connection_created.connect(receivers.sqlite_percentiel, dispatch_uid="evaluatie.sqlite_percentiel")
