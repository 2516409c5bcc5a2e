import django.core.validators
import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


def notificaties_aanvullen(apps, schema_editor):
    """Existing new-signal mails: their moment is when they were made, their link the signal."""
    Notificatie = apps.get_model("signalen", "Notificatie")
    for notificatie in Notificatie.objects.filter(moment__isnull=True):
        notificatie.moment = notificatie.aangemaakt_op
        notificatie.pad = f"/signalen/{notificatie.signaal_id}/"
        notificatie.save(update_fields=["moment", "pad"])


class Migration(migrations.Migration):
    dependencies = [
        ("ketenpartners", "0001_initial"),
        ("signalen", "0003_delen"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="signaal",
            name="stap_sinds",
            field=models.DateTimeField(default=django.utils.timezone.now, verbose_name="in deze stap sinds"),
        ),
        migrations.AddField(
            model_name="signaal",
            name="teruggekoppeld_op",
            field=models.DateTimeField(blank=True, null=True, verbose_name="teruggekoppeld aan de melder op"),
        ),
        migrations.AddField(
            model_name="signaal",
            name="terugkoppeling_gelezen_op",
            field=models.DateTimeField(blank=True, null=True, verbose_name="terugkoppeling gelezen door de melder op"),
        ),
        migrations.AddField(
            model_name="signaal",
            name="stap_termijn_op",
            field=models.DateTimeField(blank=True, null=True, verbose_name="termijn van de stap"),
        ),
        migrations.AddField(
            model_name="signaal",
            name="stap_escalatie_op",
            field=models.DateTimeField(blank=True, null=True, verbose_name="escalatie van de stap"),
        ),
        migrations.AddField(
            model_name="signaal",
            name="terugkoppeling_termijn_op",
            field=models.DateTimeField(blank=True, null=True, verbose_name="termijn terugkoppeling"),
        ),
        migrations.AddField(
            model_name="signaal",
            name="terugkoppeling_escalatie_op",
            field=models.DateTimeField(blank=True, null=True, verbose_name="escalatie terugkoppeling"),
        ),
        migrations.AddField(
            model_name="signaal",
            name="volgende_termijn_op",
            field=models.DateTimeField(blank=True, null=True, verbose_name="eerstvolgende termijn"),
        ),
        migrations.AddField(
            model_name="signaal",
            name="volgende_controle_op",
            field=models.DateTimeField(blank=True, null=True, verbose_name="volgende controle"),
        ),
        migrations.AddIndex(
            model_name="signaal",
            index=models.Index(fields=["gemeente", "volgende_termijn_op"], name="signaal_gemeente_termijn"),
        ),
        migrations.AddIndex(
            model_name="signaal",
            index=models.Index(
                condition=models.Q(("volgende_controle_op__isnull", False)),
                fields=["volgende_controle_op"],
                name="signaal_te_controleren",
            ),
        ),
        migrations.CreateModel(
            name="Termijninstellingen",
            fields=[
                (
                    "regio",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="termijnen",
                        serialize=False,
                        to="ketenpartners.regio",
                        verbose_name="regio",
                    ),
                ),
                (
                    "ontvangen_werkdagen",
                    models.PositiveSmallIntegerField(
                        default=1,
                        help_text="Binnen hoeveel werkdagen na het melden een aandachtsfunctionaris het signaal oppakt.",
                        validators=[
                            django.core.validators.MinValueValidator(1),
                            django.core.validators.MaxValueValidator(20),
                        ],
                        verbose_name="in behandeling nemen (werkdagen)",
                    ),
                ),
                (
                    "ontvangen_acuut_uren",
                    models.PositiveSmallIntegerField(
                        default=4,
                        help_text="Uren, ook 's nachts en in het weekend: een acuut signaal wacht niet op een werkdag.",
                        validators=[
                            django.core.validators.MinValueValidator(1),
                            django.core.validators.MaxValueValidator(48),
                        ],
                        verbose_name="acuut signaal in behandeling nemen (uren)",
                    ),
                ),
                (
                    "verrijken_werkdagen",
                    models.PositiveSmallIntegerField(
                        default=10,
                        help_text="Binnen hoeveel werkdagen na 'in behandeling nemen' het signaal verrijkt is.",
                        validators=[
                            django.core.validators.MinValueValidator(1),
                            django.core.validators.MaxValueValidator(60),
                        ],
                        verbose_name="verrijken (werkdagen)",
                    ),
                ),
                (
                    "terugkoppeling_weken",
                    models.PositiveSmallIntegerField(
                        default=6,
                        help_text="Binnen hoeveel weken na het melden de melder terugkoppeling krijgt.",
                        validators=[
                            django.core.validators.MinValueValidator(1),
                            django.core.validators.MaxValueValidator(26),
                        ],
                        verbose_name="terugkoppeling aan de melder (weken)",
                    ),
                ),
                (
                    "escalatie_werkdagen",
                    models.PositiveSmallIntegerField(
                        default=3,
                        help_text="Is een termijn zoveel werkdagen later nog verstreken, dan horen de andere "
                        "aandachtsfunctionaris en de coördinator het.",
                        validators=[
                            django.core.validators.MinValueValidator(1),
                            django.core.validators.MaxValueValidator(20),
                        ],
                        verbose_name="escaleren na (werkdagen)",
                    ),
                ),
                (
                    "deling_waarschuwing_dagen",
                    models.PositiveSmallIntegerField(
                        default=7,
                        help_text="Zoveel dagen voor het einde van een deling hoort wie deelde het.",
                        validators=[
                            django.core.validators.MinValueValidator(1),
                            django.core.validators.MaxValueValidator(60),
                        ],
                        verbose_name="waarschuwen voor einde deling (dagen)",
                    ),
                ),
            ],
            options={"verbose_name": "termijnen van een regio", "verbose_name_plural": "termijnen per regio"},
        ),
        # The outbox: from "sent once" to a claimed, retried, possibly given-up message.
        migrations.RemoveConstraint(model_name="notificatie", name="een_notificatie_per_soort"),
        migrations.AddField(model_name="notificatie", name="moment", field=models.DateTimeField(null=True)),
        migrations.AddField(
            model_name="notificatie", name="pad", field=models.CharField(default="", max_length=200), preserve_default=False
        ),
        migrations.RunPython(notificaties_aanvullen, migrations.RunPython.noop),
        migrations.AlterField(model_name="notificatie", name="moment", field=models.DateTimeField()),
        migrations.AddField(
            model_name="notificatie", name="termijn", field=models.CharField(blank=True, max_length=30)
        ),
        migrations.AddField(
            model_name="notificatie", name="geclaimd_tot", field=models.DateTimeField(blank=True, null=True)
        ),
        migrations.AddField(
            model_name="notificatie", name="pogingen", field=models.PositiveSmallIntegerField(default=0)
        ),
        migrations.AddField(
            model_name="notificatie", name="laatste_fout", field=models.CharField(blank=True, max_length=500)
        ),
        migrations.AddField(
            model_name="notificatie", name="vervallen_op", field=models.DateTimeField(blank=True, null=True)
        ),
        migrations.AddField(
            model_name="notificatie", name="opgegeven_op", field=models.DateTimeField(blank=True, null=True)
        ),
        migrations.AlterField(
            model_name="notificatie",
            name="signaal",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="notificaties",
                to="signalen.signaal",
            ),
        ),
        migrations.AlterField(
            model_name="notificatie",
            name="soort",
            field=models.CharField(
                choices=[
                    ("nieuw_signaal", "Nieuw signaal"),
                    ("acuut_niet_opgepakt", "Acuut signaal niet op tijd in behandeling genomen"),
                    ("termijn_verstreken", "Termijn verstreken"),
                    ("termijn_escalatie", "Termijn al langer verstreken"),
                    ("terugkoppeling_termijn", "Terugkoppeling aan de melder niet op tijd"),
                    ("herbeoordeling", "Herbeoordeling"),
                    ("deling_verloopt", "Deling loopt af"),
                    ("nieuwe_deling", "Nieuw gedeeld signaal"),
                    ("nieuwe_terugmelding", "Nieuwe terugmelding"),
                    ("terugkoppeling_gegeven", "Terugkoppeling op uw signaal"),
                ],
                max_length=30,
            ),
        ),
        migrations.AlterModelOptions(
            name="notificatie", options={"verbose_name": "e-mailbericht", "verbose_name_plural": "e-mailberichten"}
        ),
        migrations.AddConstraint(
            model_name="notificatie",
            constraint=models.UniqueConstraint(
                condition=models.Q(("signaal__isnull", False)),
                fields=("signaal", "soort", "termijn", "moment", "ontvanger"),
                name="een_notificatie_per_sleutel",
            ),
        ),
        migrations.AddConstraint(
            model_name="notificatie",
            constraint=models.UniqueConstraint(
                condition=models.Q(("signaal__isnull", True)),
                fields=("soort", "moment", "ontvanger"),
                name="een_notificatie_zonder_signaal",
            ),
        ),
        migrations.AddIndex(
            model_name="notificatie",
            index=models.Index(
                condition=models.Q(
                    ("opgegeven_op__isnull", True), ("vervallen_op__isnull", True), ("verzonden_op__isnull", True)
                ),
                fields=["aangemaakt_op"],
                name="notificatie_onverzonden",
            ),
        ),
        migrations.AddIndex(
            model_name="notificatie",
            index=models.Index(
                condition=models.Q(("opgegeven_op__isnull", False)),
                fields=["opgegeven_op"],
                name="notificatie_opgegeven",
            ),
        ),
        migrations.AlterField(
            model_name="toegangslog",
            name="actie",
            field=models.CharField(
                choices=[
                    ("detail", "Signaal bekeken"),
                    ("lijst", "Lijst bekeken"),
                    ("bijlage", "Bijlage gedownload"),
                    ("download", "Signaal gedownload"),
                    ("ontvangstbevestiging", "Ontvangstbevestiging bekeken"),
                    ("zoeken", "Gezocht"),
                ],
                max_length=30,
                verbose_name="actie",
            ),
        ),
    ]
