from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.generic import TemplateView

from ketenpartners.inloggen.middleware import tweede_factor_vrij
from meldroute.views.route import start

admin.site.site_header = "Signalen mensenhandel – beheer"
admin.site.site_title = "Beheer"
admin.site.index_title = "Beheer van organisaties, gebruikers en lijsten"

urlpatterns = [
    path("", start, name="start"),
    path(
        "inloggen/",
        auth_views.LoginView.as_view(
            redirect_authenticated_user=True, extra_context={"oidc_aan": bool(settings.OIDC_RP_CLIENT_ID)}
        ),
        name="login",
    ),
    # Logging out needs no second factor: a session half way through logging in can end too.
    path("uitloggen/", tweede_factor_vrij(auth_views.LogoutView.as_view()), name="logout"),
    path("", include("ketenpartners.inloggen.urls")),
    path(
        "toegankelijkheid/",
        login_not_required(TemplateView.as_view(template_name="paginas/toegankelijkheid.html")),
        name="toegankelijkheid",
    ),
    path("privacy/", login_not_required(TemplateView.as_view(template_name="paginas/privacy.html")), name="privacy"),
    path("beheer/", admin.site.urls),
    path("", include("signalen.urls")),
    path("", include("meldroute.urls")),
    path("", include("evaluatie.urls")),
    path("", include("gegevensbescherming.urls")),
    path("", include("tafels.urls")),
]
