from django.urls import path

from tafels import views

app_name = "tafels"

urlpatterns = [
    path("tafels/", views.overzicht, name="overzicht"),
    path("tafels/<int:pk>/", views.tafel, name="tafel"),
    path("tafels/bijeenkomsten/<int:pk>/", views.bijeenkomst, name="bijeenkomst"),
    path("tafels/bijeenkomsten/<int:pk>/agenda/", views.agendapunt_toevoegen, name="agendapunt_toevoegen"),
    path("tafels/bijeenkomsten/<int:pk>/afronden/", views.afronden, name="afronden"),
    path("tafels/bijeenkomsten/<int:pk>/agenda/versturen/", views.agenda_versturen, name="agenda_versturen"),
    path("tafels/bijeenkomsten/<int:pk>/verslag/", views.verslag, name="verslag"),
    path("tafels/bijeenkomsten/<int:pk>/verslag.pdf", views.verslag_pdf, name="verslag_pdf"),
    path("tafels/agendapunten/<int:pk>/", views.besluit, name="besluit"),
    path("tafels/agendapunten/<int:pk>/verwijderen/", views.agendapunt_verwijderen, name="agendapunt_verwijderen"),
    path("tafels/acties/<int:pk>/afronden/", views.actie_afronden, name="actie_afronden"),
]
