from django.conf import settings
from django.urls import path

from ketenpartners.inloggen import oidc, views, wachtwoord

app_name = "inloggen"

urlpatterns = [
    path("inloggen/tweede-factor/", views.controleren, name="tweede_factor"),
    path("inloggen/tweede-factor/instellen/", views.instellen, name="tweede_factor_instellen"),
    path(
        "wachtwoord/instellen/<uidb64>/<token>/",
        wachtwoord.WachtwoordInstellenView.as_view(),
        name="wachtwoord_instellen",
    ),
    path("wachtwoord/ingesteld/", wachtwoord.WachtwoordIngesteldView.as_view(), name="wachtwoord_ingesteld"),
]

# Single sign-on exists only when it is configured (OIDC_RP_CLIENT_ID and the provider's endpoints).
if settings.OIDC_RP_CLIENT_ID:
    urlpatterns += oidc.urlpatterns
