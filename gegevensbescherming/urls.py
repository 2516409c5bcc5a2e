from django.urls import path

from gegevensbescherming import views

app_name = "gegevensbescherming"

urlpatterns = [
    path("fg/betrokkenen/", views.betrokkenen, name="betrokkenen"),
    path("fg/betrokkenen/<int:pk>/<int:betrokkene_pk>/inzage.pdf", views.inzage, name="inzage"),
    path("fg/betrokkenen/<int:pk>/<int:betrokkene_pk>/corrigeren/", views.corrigeren, name="corrigeren"),
    path("fg/betrokkenen/<int:pk>/<int:betrokkene_pk>/verwijderen/", views.verwijderen, name="verwijderen"),
    path("fg/toegang/", views.toegang, name="toegang"),
    path("fg/toegang.csv", views.toegang_csv, name="toegang_csv"),
    path("fg/toegang.xlsx", views.toegang_xlsx, name="toegang_xlsx"),
    path("fg/rechten/", views.rechten, name="rechten"),
    path("fg/rechten.csv", views.rechten_csv, name="rechten_csv"),
    path("fg/rechten.xlsx", views.rechten_xlsx, name="rechten_xlsx"),
]
