from django.apps import AppConfig


class GegevensbeschermingConfig(AppConfig):
    """The tools of the functionaris gegevensbescherming: the rights of betrokkenen, the export of
    who saw what, and the quarterly rights review. They span the whole route (signals, shares,
    the timeline, the PDF and export of the evaluation), so they sit above the other apps."""

    name = "gegevensbescherming"
    verbose_name = "Gegevensbescherming"
