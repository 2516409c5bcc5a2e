from django.urls import path

from signalen import logboek, views

app_name = "signalen"

urlpatterns = [
    path("melden/", views.melden, name="melden"),
    path("melden/<int:pk>/ontvangen/", views.ontvangstbevestiging, name="ontvangstbevestiging"),
    path("logboek/toegang/", logboek.toegangslog, name="logboek_toegang"),
    path("logboek/audit/", logboek.auditlog, name="logboek_audit"),
]
