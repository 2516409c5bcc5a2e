from django.urls import path

from signalen import views

app_name = "signalen"

urlpatterns = [
    path("melden/", views.melden, name="melden"),
    path("melden/<int:pk>/ontvangen/", views.ontvangstbevestiging, name="ontvangstbevestiging"),
]
