"""The append-only guards in the database itself (PostgreSQL; docs/adr/0009-bewaartermijnen.md).

The access log and the audit log are only ever added to, and a signal is never deleted, whatever
the code or a hand in the database shell does. The one way past: retention
(``signalen.bewaring``) sets ``mensenhandel.bewaring`` for the rest of its own transaction only.
A removed user leaves their rows, without the link (``ON DELETE SET NULL``). SQLite (the quick
start) keeps the guards of the models alone.
"""

from django.db import migrations

FUNCTIE = """
CREATE OR REPLACE FUNCTION mensenhandel_alleen_aanvullen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF current_setting('mensenhandel.bewaring', true) = 'aan' THEN
        IF TG_OP = 'DELETE' THEN
            RETURN OLD;
        END IF;
        RETURN NEW;
    END IF;
    IF TG_OP = 'UPDATE' AND TG_ARGV[0] <> '' AND to_jsonb(NEW) ->> TG_ARGV[0] IS NULL
            AND to_jsonb(NEW) - TG_ARGV[0] = to_jsonb(OLD) - TG_ARGV[0] THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION USING MESSAGE = TG_ARGV[1], ERRCODE = 'integrity_constraint_violation';
END
$$;
"""

# Table, operations, the user column that may become empty, and the refusal.
BEWAAKT = [
    (
        "signalen_toegangslog",
        "UPDATE OR DELETE",
        "gebruiker_id",
        "Het toegangslog is alleen aan te vullen, niet te wijzigen.",
    ),
    (
        "auditlog_logentry",
        "UPDATE OR DELETE",
        "actor_id",
        "Het auditlog is alleen aan te vullen, niet te wijzigen.",
    ),
    (
        "signalen_signaal",
        "DELETE",
        "",
        "Een signaal wordt niet verwijderd; na de bewaartermijn verwijdert signalen.bewaring het.",
    ),
]


def bewaken(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(FUNCTIE)
    for tabel, wat, kolom, melding in BEWAAKT:
        schema_editor.execute(
            f"CREATE TRIGGER {tabel}_alleen_aanvullen BEFORE {wat} ON {tabel} FOR EACH ROW "
            f"EXECUTE FUNCTION mensenhandel_alleen_aanvullen(%s, %s)",
            [kolom, melding],
        )


def niet_meer_bewaken(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for tabel, _, _, _ in BEWAAKT:
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {tabel}_alleen_aanvullen ON {tabel}")
    schema_editor.execute("DROP FUNCTION IF EXISTS mensenhandel_alleen_aanvullen()")


class Migration(migrations.Migration):
    dependencies = [
        ("auditlog", "0017_add_actor_email"),
        ("signalen", "0010_bewaartermijnen"),
    ]

    operations = [migrations.RunPython(bewaken, niet_meer_bewaken, elidable=False)]
