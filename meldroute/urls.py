from django.urls import path

from meldroute import views

app_name = "meldroute"

urlpatterns = [
    path("werkbak/", views.werkbak, name="werkbak"),
    path("mijn-signalen/", views.mijn_signalen, name="mijn_signalen"),
    path("signalen/<int:pk>/", views.detail, name="detail"),
    path("signalen/<int:pk>/acties/<slug:naam>/", views.actie, name="actie"),
    path("signalen/<int:pk>/bijlagen/<int:bijlage_pk>/", views.bijlage_downloaden, name="bijlage"),
]
