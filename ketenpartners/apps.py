from django.apps import AppConfig


class KetenpartnersConfig(AppConfig):
    name = "ketenpartners"
    verbose_name = "Organisaties en gebruikers"
