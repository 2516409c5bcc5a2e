from django.apps import AppConfig


class KetenpartnersConfig(AppConfig):
    name = "ketenpartners"
    verbose_name = "Organisaties en gebruikers"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from ketenpartners import audit  # noqa: F401  (registers the models with auditlog)
        from ketenpartners.receivers import bij_inloggen

        user_logged_in.connect(bij_inloggen, dispatch_uid="ketenpartners.bij_inloggen")
