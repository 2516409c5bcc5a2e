from django.urls import path

from signalen import logboek, views, views_bewaring

app_name = "signalen"

urlpatterns = [
    path("melden/", views.melden, name="melden"),
    path("melden/<int:pk>/ontvangen/", views.ontvangstbevestiging, name="ontvangstbevestiging"),
    path("logboek/toegang/", logboek.toegangslog, name="logboek_toegang"),
    path("logboek/audit/", logboek.auditlog, name="logboek_audit"),
    # Retention for the functionaris gegevensbescherming (signalen/views_bewaring.py).
    path("bewaring/", views_bewaring.overzicht, name="bewaring"),
    path("bewaring/verwijderd/", views_bewaring.verwijderd, name="bewaring_verwijderd"),
    path("bewaring/termijnen/", views_bewaring.termijnen, name="bewaartermijnen"),
    path("bewaring/bewaren/", views_bewaring.bewaren, name="bewaren"),
    path("bewaring/opheffen/", views_bewaring.opheffen, name="bewaren_opheffen"),
]
