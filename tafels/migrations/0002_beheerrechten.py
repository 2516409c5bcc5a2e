from django.contrib.auth.management import create_permissions
from django.db import migrations


def beheerrechten_voor_tafels(apps, schema_editor):
    """Every beheerder's group may manage tafels in the admin (ketenpartners.services.BEHEER_MODELLEN);
    without this, the nightly permission check would report the existing groups."""
    app_config = apps.get_app_config("tafels")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Permission = apps.get_model("auth", "Permission")
    OrganisatieGroep = apps.get_model("ketenpartners", "OrganisatieGroep")
    rechten = list(Permission.objects.filter(content_type__app_label="tafels", content_type__model="tafel"))
    for organisatiegroep in OrganisatieGroep.objects.filter(rol="beheerder").select_related("groep"):
        organisatiegroep.groep.permissions.add(*rechten)


class Migration(migrations.Migration):
    dependencies = [
        ("tafels", "0001_initial"),
        ("ketenpartners", "0006_regio_samenhang_tussen_regios"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(beheerrechten_voor_tafels, migrations.RunPython.noop)]
