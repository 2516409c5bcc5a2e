from django.db import migrations, models
from django.db.models import Case, F, OuterRef, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.utils import timezone

OPEN = ["opgepikt", "ontvangen", "verrijkt", "lokale_tafel", "riec", "informatieplein", "terugkoppeling"]


def stappen_aanvullen(apps, schema_editor):
    """When each signal entered its step and had its feedback, from the route's own history.

    One UPDATE for all signals. The terms themselves are left to the first sweep: it recomputes
    every open signal whose next check has come (now), so this migration needs none of the
    application's code.
    """
    Signaal = apps.get_model("signalen", "Signaal")
    StapRegistratie = apps.get_model("meldroute", "StapRegistratie")
    Terugkoppeling = apps.get_model("meldroute", "Terugkoppeling")
    laatste_stap = (
        StapRegistratie.objects.filter(signaal=OuterRef("pk"), naar_status=OuterRef("status"))
        .exclude(van_status=F("naar_status"))
        .order_by("-op")
        .values("op")[:1]
    )
    eerste_terugkoppeling = (
        Terugkoppeling.objects.filter(signaal=OuterRef("pk")).order_by("registratie__op").values("registratie__op")[:1]
    )
    Signaal.objects.update(
        stap_sinds=Coalesce(Subquery(laatste_stap), F("ingediend_op")),
        teruggekoppeld_op=Subquery(eerste_terugkoppeling),
        volgende_controle_op=Case(When(status__in=OPEN, then=Value(timezone.now())), default=None),
    )


class Migration(migrations.Migration):
    dependencies = [
        ("meldroute", "0005_systeemregistratie"),
        ("signalen", "0004_termijnen"),
    ]

    operations = [
        migrations.AddField(
            model_name="deling",
            name="geopend_op",
            field=models.DateTimeField(blank=True, null=True, verbose_name="eerst geopend door de ketenpartner op"),
        ),
        migrations.RunPython(stappen_aanvullen, migrations.RunPython.noop),
    ]
