"""Views of evaluatie: dashboards, basisniveau and trainings (``dashboard``); reports and the
monitoring export (``rapporten``)."""
