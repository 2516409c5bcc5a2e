from django.db import migrations

BEHEER_MODELLEN = {
    "ketenpartners": ["regio", "organisatie", "gebruiker", "lidmaatschap"],
    "signalen": ["indicator", "team", "termijninstellingen", "notificatie"],
}


def groepen_op_sleutel(apps, schema_editor):
    """Groups named by the organisation's key; the one shared "Beheerders" group becomes a group per
    organisation; groups that belong to no organisation (left behind by a deleted one) go, with
    their members and object permissions."""
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    OrganisatieGroep = apps.get_model("ketenpartners", "OrganisatieGroep")
    Lidmaatschap = apps.get_model("ketenpartners", "Lidmaatschap")

    for organisatiegroep in OrganisatieGroep.objects.select_related("groep"):
        organisatiegroep.groep.name = f"organisatie-{organisatiegroep.organisatie_id}-{organisatiegroep.rol}"
        organisatiegroep.groep.save(update_fields=["name"])

    beheerrechten = Permission.objects.none()
    for app_label, modellen in BEHEER_MODELLEN.items():
        beheerrechten |= Permission.objects.filter(content_type__app_label=app_label, content_type__model__in=modellen)
    for lid in Lidmaatschap.objects.filter(rol="beheerder", organisatie__actief=True):
        organisatiegroep = OrganisatieGroep.objects.filter(organisatie_id=lid.organisatie_id, rol="beheerder").first()
        if organisatiegroep is None:
            groep = Group.objects.create(name=f"organisatie-{lid.organisatie_id}-beheerder")
            organisatiegroep = OrganisatieGroep.objects.create(organisatie_id=lid.organisatie_id, rol="beheerder", groep=groep)
        organisatiegroep.groep.permissions.set(beheerrechten)
        organisatiegroep.groep.user_set.add(lid.gebruiker_id)

    Group.objects.exclude(pk__in=OrganisatieGroep.objects.values("groep_id")).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("ketenpartners", "0003_regio_evaluatie_jaren_regio_evaluatie_vanaf"),
        ("signalen", "0007_rapporten"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(groepen_op_sleutel, migrations.RunPython.noop)]
