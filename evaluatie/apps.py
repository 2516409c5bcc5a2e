from django.apps import AppConfig


class EvaluatieConfig(AppConfig):
    name = "evaluatie"
    verbose_name = "Evaluatie"
