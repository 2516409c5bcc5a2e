from django.urls import path

from evaluatie.views import dashboard as views
from evaluatie.views import rapporten

app_name = "evaluatie"

urlpatterns = [
    path("dashboard/", views.dashboard_pagina, name="dashboard"),
    path("dashboard/<slug:figuur>.csv", views.download_csv, name="download_csv"),
    path("dashboard/<slug:figuur>.xlsx", views.download_xlsx, name="download_xlsx"),
    path("basisniveau/", views.basisniveau_overzicht, name="basisniveau"),
    path("basisniveau/<int:gemeente_pk>/", views.basisniveau_bewerken, name="basisniveau_bewerken"),
    path("trainingen/", views.trainingen, name="trainingen"),
    path("trainingen/nieuw/", views.training_nieuw, name="training_nieuw"),
    path("trainingen/<int:training_pk>/", views.training_bewerken, name="training_bewerken"),
    path("trainingen/<int:training_pk>/verwijderen/", views.training_verwijderen, name="training_verwijderen"),
    path("rapporten/", rapporten.lijst, name="rapporten"),
    path("rapporten/<int:rapport_pk>/", rapporten.detail, name="rapport"),
    path("rapporten/<int:rapport_pk>/voortgang/", rapporten.voortgang, name="rapport_voortgang"),
    path("rapporten/<int:rapport_pk>/annuleren/", rapporten.annuleren, name="rapport_annuleren"),
    path("rapporten/<int:rapport_pk>/rapport.pdf", rapporten.pdf, name="rapport_pdf"),
    path("rapporten/<int:rapport_pk>/rapport.xlsx", rapporten.xlsx, name="rapport_xlsx"),
    path("rapporten/<int:rapport_pk>/gemeenten/<int:gemeente_pk>.pdf", rapporten.deel, name="rapport_deel"),
    path("monitoring/", rapporten.monitoring_pagina, name="monitoring"),
    path("monitoring.csv", rapporten.monitoring_csv, name="monitoring_csv"),
    path("monitoring.xlsx", rapporten.monitoring_xlsx, name="monitoring_xlsx"),
]
