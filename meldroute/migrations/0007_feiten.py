from django.db import migrations


def feiten_opbouwen(apps, schema_editor):
    """The facts of every existing signal, share and terugmelding, from their own history.

    Uses signalen.feiten.bereken, a pure function of dates (no models), so this migration computes
    exactly what the route services compute from now on.
    """
    from signalen.feiten import Overgang, bereken

    Signaal = apps.get_model("signalen", "Signaal")
    Signaalfeiten = apps.get_model("signalen", "Signaalfeiten")
    Delingsfeit = apps.get_model("signalen", "Delingsfeit")
    Terugmeldingsfeit = apps.get_model("signalen", "Terugmeldingsfeit")
    Termijninstellingen = apps.get_model("signalen", "Termijninstellingen")
    StapRegistratie = apps.get_model("meldroute", "StapRegistratie")
    Deling = apps.get_model("meldroute", "Deling")
    Terugmelding = apps.get_model("meldroute", "Terugmelding")

    weken_per_regio = dict(Termijninstellingen.objects.values_list("regio_id", "terugkoppeling_weken"))
    for signaal in Signaal.objects.prefetch_related("vormen", "gemeente__regios").iterator(chunk_size=500):
        regio = min(signaal.gemeente.regios.all(), key=lambda r: r.naam, default=None)
        overgangen = [
            Overgang(actie=r.actie, van=r.van_status, naar=r.naar_status, op=r.op)
            for r in StapRegistratie.objects.filter(signaal=signaal).order_by("op", "pk")
        ]
        waarden = bereken(
            gemeld_op=signaal.ingediend_op,
            overgangen=overgangen,
            terugkoppeling_weken=weken_per_regio.get(regio.pk if regio else None, 6),
        )
        feiten = Signaalfeiten.objects.create(
            signaal=signaal,
            gemeente_id=signaal.gemeente_id,
            team_id=signaal.team_id,
            acuut=signaal.acuut,
            gemeld_op=signaal.ingediend_op,
            status=signaal.status,
            afloop=signaal.afloop,
            **waarden,
        )
        feiten.vormen.set(signaal.vormen.all())
    Delingsfeit.objects.bulk_create(
        Delingsfeit(gemeente_id=d.signaal.gemeente_id, organisatie_id=d.organisatie_id, gedeeld_op=d.gedeeld_op)
        for d in Deling.objects.select_related("signaal")
    )
    Terugmeldingsfeit.objects.bulk_create(
        Terugmeldingsfeit(gemeente_id=t.signaal.gemeente_id, organisatie_id=t.organisatie_id, op=t.op)
        for t in Terugmelding.objects.select_related("signaal")
    )


class Migration(migrations.Migration):
    dependencies = [
        ("meldroute", "0006_termijnen"),
        ("signalen", "0005_feiten"),
    ]

    operations = [migrations.RunPython(feiten_opbouwen, migrations.RunPython.noop)]
