from django.db import migrations

VORMEN = [
    ("seksuele_uitbuiting", "Seksuele uitbuiting"),
    ("arbeidsuitbuiting", "Arbeidsuitbuiting"),
    ("criminele_uitbuiting", "Criminele uitbuiting"),
    ("orgaanverwijdering", "Gedwongen orgaanverwijdering"),
    ("onbekend", "Onbekend"),
]
TEAMS = [
    "Balie",
    "Handhaving/toezicht",
    "BOA",
    "Sociaal wijkteam",
    "Leerplicht",
    "Klantmanager",
    "Burgerzaken",
    "Anders",
]
# A starting set; the beheerder manages the list in the admin.
INDICATOREN = [
    ("Veel mensen ingeschreven of verblijvend op één adres", None),
    ("Persoon heeft geen eigen identiteitsbewijs of een ander houdt het vast", None),
    ("Persoon lijkt onder controle van een ander of wordt begeleid bij contact", None),
    ("Persoon is niet vrij om te gaan en te staan", None),
    ("Schulden bij een werkgever, bemiddelaar of 'vriend'", None),
    ("Angstig, gespannen of tegenstrijdig verhaal", None),
    ("Werkt lange dagen tegen weinig of geen loon", "arbeidsuitbuiting"),
    ("Woont op of bij de werkplek", "arbeidsuitbuiting"),
    ("Werkt in de prostitutie met signalen van dwang", "seksuele_uitbuiting"),
    ("Advertenties voor seksuele diensten op wisselende adressen", "seksuele_uitbuiting"),
    ("Minderjarige betrokken bij drugshandel of diefstal in opdracht", "criminele_uitbuiting"),
    ("Vraagt uitkering of toeslag aan in opdracht van een ander", "criminele_uitbuiting"),
]


def laden(apps, schema_editor):
    Vorm = apps.get_model("signalen", "Vorm")
    Team = apps.get_model("signalen", "Team")
    Indicator = apps.get_model("signalen", "Indicator")
    for volgorde, (code, naam) in enumerate(VORMEN):
        Vorm.objects.update_or_create(code=code, defaults={"naam": naam, "volgorde": volgorde})
    for volgorde, naam in enumerate(TEAMS):
        Team.objects.get_or_create(naam=naam, defaults={"volgorde": volgorde})
    for volgorde, (naam, vorm) in enumerate(INDICATOREN):
        Indicator.objects.get_or_create(
            naam=naam,
            defaults={"volgorde": volgorde, "vorm": Vorm.objects.get(code=vorm) if vorm else None},
        )


class Migration(migrations.Migration):
    dependencies = [("signalen", "0001_initial")]

    operations = [migrations.RunPython(laden, migrations.RunPython.noop)]
