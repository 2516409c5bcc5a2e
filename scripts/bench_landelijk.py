"""The national-scale database of the benchmark: 342 gemeenten in 25 regio's, built in SQL.

Gemeente i (0 = the largest) gets a share 1/(i + 10) of the signals, so at 500,000 signals the
largest has about 13,850 and the smallest about 395. The smallest gemeente keeps its 500,000-scale
number at every scale, so its werkbak can be compared between a small and a large country.

The rows are what the services would have written: a signal, its vormen, the object permissions
of its gemeente's AF group (two per signal), shares with the police of the regio (with the
partner group's permission while the share runs), and the facts of the dashboards. The bulk load
skips the audit log on purpose: it is benchmark data in its own database, never the product's.
"""

from dataclasses import dataclass

from django.contrib.auth.models import Permission
from django.db import connection, transaction

from ketenpartners.models import Gebruiker, Organisatie, Regio, Rol
from ketenpartners.services import groep_voor, lidmaatschap_toevoegen

GEMEENTEN = 342
REGIOS = 25
VERSCHUIVING = 10
NATIONAAL = 500_000


def aantallen(totaal: int, gemeenten: int = GEMEENTEN) -> list[int]:
    """Signals per gemeente, largest first; in the whole country the smallest as at national scale."""
    gewichten = [1 / (i + VERSCHUIVING) for i in range(gemeenten)]
    som = sum(gewichten)
    klein = round(NATIONAAL * gewichten[-1] / som) if gemeenten == GEMEENTEN else round(totaal * gewichten[-1] / som)
    rest = totaal - klein
    restsom = som - gewichten[-1]
    verdeling = [round(rest * w / restsom) for w in gewichten[:-1]]
    verdeling[0] += rest - sum(verdeling)
    return [*verdeling, klein]


@dataclass
class Wereld:
    af_groot: Gebruiker
    af_klein: Gebruiker
    coordinator: Gebruiker
    agent: Gebruiker
    groot: Organisatie
    klein: Organisatie
    politie: Organisatie


def _gebruiker(naam: str, organisatie: Organisatie, rol: str) -> Gebruiker:
    account, nieuw = Gebruiker.objects.get_or_create(
        username=naam, defaults={"email": f"{naam}@example.org", "first_name": naam.split(".")[-1].title()}
    )
    if nieuw:
        account.set_password("bench-wachtwoord")
        account.save()
        lidmaatschap_toevoegen(gebruiker=account, organisatie=organisatie, rol=rol)
    return account


def wereld() -> Wereld:
    gemeenten = Organisatie.objects.filter(soort=Organisatie.Soort.GEMEENTE, naam__startswith="Gemeente ")
    groot = gemeenten.get(naam="Gemeente 000")
    klein = gemeenten.order_by("-naam").first()
    assert klein is not None
    politie = Organisatie.objects.filter(soort=Organisatie.Soort.POLITIE).order_by("naam").first()
    assert politie is not None
    return Wereld(
        af_groot=Gebruiker.objects.get(username="bench.af.groot"),
        af_klein=Gebruiker.objects.get(username="bench.af.klein"),
        coordinator=Gebruiker.objects.get(username="bench.coordinator"),
        agent=Gebruiker.objects.get(username="bench.politie"),
        groot=groot,
        klein=klein,
        politie=politie,
    )


SIGNALEN_SQL = """
INSERT INTO signalen_signaal (
    referentie, gemeente_id, melder_id, team_id, waargenomen_op, omschrijving, acuut, status, behandelaar_id,
    herbeoordelen_op, afloop, ingediend_op, gewijzigd_op, stap_sinds, teruggekoppeld_op, terugkoppeling_gelezen_op,
    stap_termijn_op, stap_escalatie_op, terugkoppeling_termijn_op, terugkoppeling_escalatie_op, volgende_termijn_op,
    volgende_controle_op
)
SELECT
    'MH-' || extract(year FROM op)::int || '-' || lpad((row_number() OVER (
        PARTITION BY extract(year FROM op) ORDER BY op))::text, 6, '0'),
    gemeente_id, %(melder)s, team_id, (op - interval '2 days')::date, 'Benchmarksignaal', acuut, status,
    CASE WHEN status NOT IN ('opgepikt', 'afgesloten') THEN behandelaar_id END,
    CASE WHEN status IN ('lokale_tafel', 'informatieplein') AND r < 0.5 THEN (now() + (r * 60) * interval '1 day')::date
    END,
    CASE WHEN status = 'afgesloten' THEN (ARRAY['zorgtraject', 'strafrechtelijk', 'bestuurlijk', 'procesregie_zvh',
        'teruglegging'])[1 + floor(r * 5)::int] ELSE '' END,
    op, op, stap_sinds,
    CASE WHEN status = 'afgesloten' THEN op + interval '30 days' END, NULL,
    CASE WHEN status <> 'afgesloten' THEN stap_sinds + interval '14 days' END,
    CASE WHEN status <> 'afgesloten' THEN stap_sinds + interval '21 days' END,
    CASE WHEN status <> 'afgesloten' THEN op + interval '42 days' END,
    CASE WHEN status <> 'afgesloten' THEN op + interval '49 days' END,
    CASE WHEN status <> 'afgesloten' THEN LEAST(stap_sinds + interval '14 days', op + interval '42 days') END,
    NULL
FROM (
    SELECT *, LEAST(op + (r * 40) * interval '1 day', now()) AS stap_sinds
    FROM (
        SELECT
            v.gemeente_id, v.behandelaar_id,
            now() - (random() * 1095) * interval '1 day' AS op,
            random() AS r,
            random() < 0.06 AS acuut,
            (SELECT id FROM signalen_team ORDER BY id LIMIT 1 OFFSET (n %% 4)) AS team_id,
            n
        FROM bench_verdeling v, generate_series(1, v.aantal) AS n
    ) basis
) ruw,
LATERAL (
    SELECT CASE
        WHEN (ruw.op > now() - interval '180 days' AND ruw.r < 0.6) OR (ruw.op <= now() - interval '180 days'
            AND ruw.r < 0.1)
        THEN (ARRAY['opgepikt', 'ontvangen', 'verrijkt', 'lokale_tafel', 'riec', 'informatieplein',
            'terugkoppeling'])[1 + (ruw.n %% 7)]
        ELSE 'afgesloten' END AS status
) s
ORDER BY op
"""

VORMEN_SQL = """
INSERT INTO signalen_signaal_vormen (signaal_id, vorm_id)
SELECT s.id, v.id FROM signalen_signaal s
JOIN LATERAL (SELECT id FROM signalen_vorm ORDER BY id OFFSET (s.id %% %(vormen)s) LIMIT 1) v ON true
UNION
SELECT s.id, v.id FROM signalen_signaal s
JOIN LATERAL (SELECT id FROM signalen_vorm ORDER BY id OFFSET ((s.id / 7) %% %(vormen)s) LIMIT 1) v ON true
WHERE s.id %% 5 = 0
"""

AF_RECHTEN_SQL = """
INSERT INTO signalen_signaalgroupobjectpermission (content_object_id, group_id, permission_id)
SELECT s.id, g.groep_id, p.id
FROM signalen_signaal s
JOIN bench_groep g ON g.organisatie_id = s.gemeente_id
CROSS JOIN (SELECT id FROM auth_permission WHERE id = ANY(%(rechten)s)) p
"""

# Open signals are shared with the police of the regio (one in four, running for 90 days from
# now); closed ones had shares that ended at closing (no permission left).
DELINGEN_SQL = """
INSERT INTO meldroute_deling (
    signaal_id, organisatie_id, grondslag, grondslag_toelichting, met_betrokkenen, met_bijlagen, reden, einddatum,
    gedeeld_door_id, gedeeld_op, ingetrokken_op, ingetrokken_door_id, intrekreden, verlopen_verwerkt_op, geopend_op
)
SELECT s.id, p.politie_id, 'riec_convenant', '', true, false, 'Benchmark',
    CASE WHEN s.status = 'afgesloten' THEN (s.teruggekoppeld_op - interval '1 day')::date
        ELSE (now() + interval '90 days')::date END,
    %(af)s, s.stap_sinds,
    CASE WHEN s.status = 'afgesloten' THEN s.teruggekoppeld_op END,
    CASE WHEN s.status = 'afgesloten' THEN %(af)s END,
    CASE WHEN s.status = 'afgesloten' THEN 'Signaal afgesloten.' ELSE '' END,
    NULL, NULL
FROM signalen_signaal s JOIN bench_politie p ON p.gemeente_id = s.gemeente_id
WHERE s.id %% 4 = 0 AND s.status <> 'opgepikt'
"""

PARTNER_RECHTEN_SQL = """
INSERT INTO signalen_signaalgroupobjectpermission (content_object_id, group_id, permission_id)
SELECT DISTINCT d.signaal_id, g.groep_id, %(recht)s
FROM meldroute_deling d JOIN bench_groep g ON g.organisatie_id = d.organisatie_id
WHERE d.ingetrokken_op IS NULL AND d.einddatum >= current_date
"""

FEITEN_SQL = """
INSERT INTO signalen_signaalfeiten (
    signaal_id, gemeente_id, team_id, acuut, gemeld_op, status, afloop, geen_mensenhandel, heropend, leeftijd,
    nationaliteit, ontvangen_op, afgesloten_op, duur_ontvangen, duur_verrijkt, duur_lokale_tafel, duur_riec,
    duur_informatieplein, duur_terugkoppeling, duur_afgesloten, werkdagen_tot_terugkoppeling,
    terugkoppeling_binnen_termijn
)
SELECT s.id, s.gemeente_id, s.team_id, s.acuut, s.ingediend_op, s.status, s.afloop, s.id %% 9 = 0, 0, 'onbekend',
    'onbekend', s.ingediend_op + interval '1 day', s.teruggekoppeld_op, s.id %% 4, s.id %% 13 + 2, s.id %% 17 + 3,
    s.id %% 23 + 4, s.id %% 11 + 5, s.id %% 7 + 2, s.id %% 5 + 1,
    CASE WHEN s.status = 'afgesloten' THEN s.id %% 60 + 5 END,
    CASE WHEN s.status = 'afgesloten' THEN s.id %% 60 < 28 END
FROM signalen_signaal s
"""
FEITEN_VORMEN_SQL = """
INSERT INTO signalen_signaalfeiten_vormen (signaalfeiten_id, vorm_id)
SELECT f.id, sv.vorm_id FROM signalen_signaalfeiten f JOIN signalen_signaal_vormen sv ON sv.signaal_id = f.signaal_id
"""
DELINGSFEITEN_SQL = """
INSERT INTO signalen_delingsfeit (gemeente_id, organisatie_id, gedeeld_op)
SELECT s.gemeente_id, d.organisatie_id, d.gedeeld_op
FROM meldroute_deling d JOIN signalen_signaal s ON s.id = d.signaal_id
"""


# One betrokkene per signal (a first name and surname from short lists, a birth date in 50 years),
# and the match keys the intake would have written for it: surname + birth date, its sound + birth
# date, and for one signal in three an address shared with about two other signals in the country.
# The keys are stand-ins (md5 of the normalised text, not the HMAC): the index holds as many rows,
# values and collisions as real keys would; the measured signals get real keys (bench.py).
BETROKKENEN_SQL = """
INSERT INTO signalen_betrokkene (signaal_id, rol, naam, geboortedatum, nationaliteit, adres, telefoon, notities)
SELECT s.id, 'slachtoffer',
       (ARRAY['Jan','Piet','Maria','Anna','Ahmed','Olga','Kees','Fatima','Tomasz','Ioana'])[1 + s.id %% 10] || ' ' ||
       (ARRAY['Jansen','de Vries','Bakker','Visser','Smit','Meijer','de Boer','Mulder','de Groot','Bos','Vos',
              'Peters','Hendriks','van Leeuwen','Dekker','Brouwer','de Wit','Dijkstra','Smits','de Graaf',
              'van der Meer','van der Linden','Kok','Jacobs','de Haan','Vermeulen','van den Berg','van Dijk',
              'Kowalski','Nowak','Popescu','Ionescu','El Amrani','Yilmaz','Kaya','Petrov','Ivanova','Silva',
              'Santos','Nguyen'])[1 + (s.id / 10) %% 40],
       date '1955-01-01' + (s.id * 7919 %% 18250)::int, '', '', '', ''
FROM signalen_signaal s
"""
SLEUTELS_SQL = """
INSERT INTO signalen_matchsleutel (signaal_id, gemeente_id, soort, waarde)
SELECT b.signaal_id, s.gemeente_id, 'naam_geboortedatum', md5('n:' || lower(b.naam) || b.geboortedatum)
FROM signalen_betrokkene b JOIN signalen_signaal s ON s.id = b.signaal_id
UNION ALL
SELECT b.signaal_id, s.gemeente_id, 'fonetisch_geboortedatum', md5('f:' || lower(b.naam) || b.geboortedatum)
FROM signalen_betrokkene b JOIN signalen_signaal s ON s.id = b.signaal_id
UNION ALL
SELECT s.id, s.gemeente_id, 'postcode_huisnummer', md5('p:' || (s.id / 3) %% 60000)
FROM signalen_signaal s WHERE s.id %% 3 = 0
"""


@transaction.atomic
def bouwen(totaal: int, *, aantal_gemeenten: int = GEMEENTEN, regionamen: list[str] | None = None) -> Wereld:
    """Build the country once; a second call finds it and returns the users to measure with.

    ``aantal_gemeenten`` and ``regionamen`` make a smaller world, e.g. one regio of 7 gemeenten.
    """
    if Organisatie.objects.filter(naam="Gemeente 000").exists():
        return wereld()
    namen = regionamen or [f"Regio {r:02d}" for r in range(REGIOS)]
    aantal_regios = len(namen)
    regios = Regio.objects.bulk_create([Regio(naam=naam, riec=f"RIEC {naam}") for naam in namen])
    gemeenten = Organisatie.objects.bulk_create(
        [
            Organisatie(naam=f"Gemeente {i:03d}", soort=Organisatie.Soort.GEMEENTE, inwonertal=700_000 // (i + 10) * 10)
            for i in range(aantal_gemeenten)
        ]
    )
    politie = Organisatie.objects.bulk_create(
        [Organisatie(naam=f"Politie {naam}", soort=Organisatie.Soort.POLITIE) for naam in namen]
    )
    Doorgang = Organisatie.regios.through
    Doorgang.objects.bulk_create(
        [Doorgang(organisatie_id=g.pk, regio_id=regios[i % aantal_regios].pk) for i, g in enumerate(gemeenten)]
        + [Doorgang(organisatie_id=p.pk, regio_id=regios[r].pk) for r, p in enumerate(politie)]
    )
    groepen = {g.pk: groep_voor(organisatie=g, rol=Rol.AANDACHTSFUNCTIONARIS).pk for g in gemeenten}
    groepen.update({p.pk: groep_voor(organisatie=p, rol=Rol.KETENPARTNER).pk for p in politie})

    groot, klein = gemeenten[0], gemeenten[-1]
    af_groot = _gebruiker("bench.af.groot", groot, Rol.AANDACHTSFUNCTIONARIS)
    af_klein = _gebruiker("bench.af.klein", klein, Rol.AANDACHTSFUNCTIONARIS)
    for nummer in (2, 3):  # Colleagues: the werkbak and the reminders know more than one AF.
        _gebruiker(f"bench.af.groot.{nummer}", groot, Rol.AANDACHTSFUNCTIONARIS)
    coordinator = _gebruiker("bench.coordinator", groot, Rol.COORDINATOR)
    agent = _gebruiker("bench.politie", politie[0], Rol.KETENPARTNER)
    melder = _gebruiker("bench.melder", groot, Rol.MEDEWERKER)
    for nummer in range(1, 21):  # The load test's melders, one account per simulated user.
        _gebruiker(f"bench.melder.{nummer}", groot, Rol.MEDEWERKER)
    behandelaars = {groot.pk: af_groot.pk, klein.pk: af_klein.pk}

    with connection.cursor() as cursor:
        cursor.execute("CREATE TEMPORARY TABLE bench_verdeling (gemeente_id int, aantal int, behandelaar_id int)")
        cursor.executemany(
            "INSERT INTO bench_verdeling VALUES (%s, %s, %s)",
            [
                (g.pk, n, behandelaars.get(g.pk))
                for g, n in zip(gemeenten, aantallen(totaal, aantal_gemeenten), strict=True)
            ],
        )
        cursor.execute("CREATE TEMPORARY TABLE bench_groep (organisatie_id int, groep_id int)")
        cursor.executemany("INSERT INTO bench_groep VALUES (%s, %s)", list(groepen.items()))
        cursor.execute("CREATE TEMPORARY TABLE bench_politie (gemeente_id int, politie_id int)")
        cursor.executemany(
            "INSERT INTO bench_politie VALUES (%s, %s)",
            [(g.pk, politie[i % aantal_regios].pk) for i, g in enumerate(gemeenten)],
        )
        cursor.execute(SIGNALEN_SQL, {"melder": melder.pk})
        cursor.execute("SELECT count(*) FROM signalen_vorm")
        (vormen,) = cursor.fetchone()
        cursor.execute(VORMEN_SQL, {"vormen": vormen})
        af_rechten = list(
            Permission.objects.filter(
                content_type__app_label="signalen", codename__in=["view_signaal", "behandelen_signaal"]
            ).values_list("pk", flat=True)
        )
        cursor.execute(AF_RECHTEN_SQL, {"rechten": af_rechten})
        cursor.execute(DELINGEN_SQL, {"af": af_groot.pk})
        recht = Permission.objects.get(content_type__app_label="signalen", codename="inzien_gedeeld_signaal").pk
        cursor.execute(PARTNER_RECHTEN_SQL, {"recht": recht})
        for sql in (FEITEN_SQL, FEITEN_VORMEN_SQL, DELINGSFEITEN_SQL, BETROKKENEN_SQL, SLEUTELS_SQL):
            cursor.execute(sql, {})
        cursor.execute("DROP TABLE bench_verdeling, bench_groep, bench_politie")
    return Wereld(af_groot, af_klein, coordinator, agent, groot, klein, politie[0])
