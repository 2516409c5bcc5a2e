from django.urls import path

from meldroute.views import actie_nodig, afdrukken, delen, dossier, route, samenhang

app_name = "meldroute"

urlpatterns = [
    path("werkbak/", route.werkbak, name="werkbak"),
    path("actie-nodig/", actie_nodig.actie_nodig, name="actie_nodig"),
    path("mijn-signalen/", route.mijn_signalen, name="mijn_signalen"),
    path("mijn-signalen/<int:pk>/", dossier.mijn_signaal, name="mijn_signaal"),
    path("signalen/<int:pk>/", route.detail, name="detail"),
    path("signalen/<int:pk>/acties/<slug:naam>/", route.actie, name="actie"),
    path("signalen/<int:pk>/bijlagen/<int:bijlage_pk>/", route.bijlage_downloaden, name="bijlage"),
    path("signalen/<int:pk>/afdrukken/", afdrukken.afdrukken, name="afdrukken"),
    path("signalen/<int:pk>/dossier/<slug:onderdeel>/", dossier.bijwerken, name="dossier"),
    path("signalen/<int:pk>/dossier/<slug:onderdeel>/<int:item_pk>/", dossier.wijzigen, name="dossier_wijzigen"),
    path("signalen/<int:pk>/delen/", delen.delen, name="delen"),
    path("signalen/<int:pk>/delingen/<int:deling_pk>/intrekken/", delen.intrekken, name="intrekken"),
    path("signalen/<int:pk>/delingen/<int:deling_pk>/verlengen/", delen.verlengen, name="verlengen"),
    path("signalen/<int:pk>/samenhang/<int:ander_pk>/bevestigen/", samenhang.bevestigen, name="samenhang_bevestigen"),
    path("signalen/<int:pk>/samenhang/<int:ander_pk>/afwijzen/", samenhang.afwijzen, name="samenhang_afwijzen"),
    path(
        "signalen/<int:pk>/samenhang/gemeente/<int:andere_gemeente_pk>/contact/",
        samenhang.contact_vragen,
        name="samenhang_contact_vragen",
    ),
    path("contactverzoeken/", samenhang.contactverzoeken, name="contactverzoeken"),
    path("gedeeld/", delen.gedeeld, name="gedeeld"),
    path("gedeeld/<int:pk>/", delen.gedeeld_detail, name="gedeeld_detail"),
    path("gedeeld/<int:pk>/download/", delen.gedeeld_download, name="gedeeld_download"),
    path("gedeeld/<int:pk>/bijlagen/<int:bijlage_pk>/", delen.gedeeld_bijlage, name="gedeeld_bijlage"),
    path("gedeeld/<int:pk>/terugmelding/", delen.terugmelding, name="terugmelding"),
    path("delingen/", delen.delingen_overzicht, name="delingen_overzicht"),
]
