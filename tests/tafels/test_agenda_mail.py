"""The agenda by e-mail: every participant, references and gemeenten only, with the meeting as
an iCalendar item that holds no reference at all; through the outbox, after the commit."""

import datetime
from urllib.parse import urlsplit

import icalendar
import pytest
from django.conf import settings
from django.core import mail
from django.core.mail import EmailMultiAlternatives
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from signalen import berichten
from signalen.models import Notificatie
from signalen.workflow import Status
from tafels import services
from tests.tafels.conftest import Drieluik, over

pytestmark = pytest.mark.django_db


def test_every_participant_gets_the_agenda_with_references_and_gemeenten_only(
    client: Client, drieluik: Drieluik, django_capture_on_commit_callbacks: object
) -> None:
    d = drieluik
    l1 = d.signaal(Status.VERRIJKT, omschrijving="Kamers boven de kapsalon aan de Nieuwestad.")
    h1 = d.signaal(Status.LOKALE_TAFEL, gemeente="Harlingen", omschrijving="Bemanning slaapt op de kotter.")
    bijeenkomst = services.bijeenkomst_plannen(
        tafel_id=d.tafel.pk, door=d.af_leeuwarden, datum=over(7), aanvang=datetime.time(14, 30), plaats="Provinciehuis"
    )
    for signaal, af in ((l1, d.af_leeuwarden), (h1, d.af_harlingen)):
        services.agendapunt_toevoegen(bijeenkomst_id=bijeenkomst.pk, door=af, signaal_id=signaal.pk, soort="nieuw")
    client.force_login(d.af_leeuwarden)

    with django_capture_on_commit_callbacks() as na_commit:  # type: ignore[operator]
        antwoord = client.post(reverse("tafels:agenda_versturen", args=[bijeenkomst.pk]), follow=True)

    assert "De agenda gaat per e-mail naar 5 deelnemers." in antwoord.content.decode()
    assert len(na_commit) == 1
    notificaties = Notificatie.objects.filter(soort="tafelagenda").order_by("ontvanger__username")
    assert [n.ontvanger.username for n in notificaties] == [
        "af.harlingen",
        "af.leeuwarden",
        "fier",
        "procesregisseur",
        "tmm",
    ]
    assert {(n.signaal, n.kenmerk) for n in notificaties} == {(None, f"bijeenkomst:{bijeenkomst.pk}")}

    assert berichten.versturen(notificaties.get(ontvanger=d.agent).pk, max_pogingen=3)
    bericht = mail.outbox[0]
    assert isinstance(bericht, EmailMultiAlternatives)
    assert bericht.to == ["tmm@example.org"]
    assert bericht.subject == f"Agenda Drieluik Fryslân {date_format(over(7), 'j F Y')}"
    regels = [r for r in bericht.body.splitlines() if r.startswith("- ")]
    assert regels == [f"- {l1.referentie} (gemeente Leeuwarden)", f"- {h1.referentie} (gemeente Harlingen)"]
    assert "om 14:30 uur, Provinciehuis." in bericht.body
    html = str(bericht.alternatives[0][0])
    for geheim in ("kapsalon", "kotter", "Nieuwestad"):
        assert geheim not in bericht.body
        assert geheim not in html

    ((naam, inhoud, soort),) = bericht.attachments  # type: ignore[misc]
    assert (naam, soort) == ("bijeenkomst.ics", "text/calendar")
    kalender = icalendar.Calendar.from_ical(inhoud)
    (gebeurtenis,) = kalender.walk("VEVENT")
    begin = timezone.make_aware(datetime.datetime.combine(over(7), datetime.time(14, 30)))
    assert gebeurtenis.decoded("dtstart") == begin
    assert gebeurtenis.decoded("dtend") == begin + datetime.timedelta(hours=2)
    assert (str(gebeurtenis["summary"]), str(gebeurtenis["location"])) == ("Drieluik Fryslân", "Provinciehuis")
    assert str(gebeurtenis["uid"]) == f"bijeenkomst-{bijeenkomst.pk}@{urlsplit(settings.BASIS_URL).hostname}"
    ruw = inhoud.decode() if isinstance(inhoud, bytes) else str(inhoud)
    for geheim in (l1.referentie, h1.referentie, "Leeuwarden", "Harlingen"):
        assert geheim not in ruw


def test_an_agenda_mail_still_unsent_when_the_meeting_closes_is_not_sent(drieluik: Drieluik) -> None:
    d = drieluik
    bijeenkomst = services.bijeenkomst_plannen(
        tafel_id=d.tafel.pk, door=d.af_leeuwarden, datum=timezone.localdate(), aanvang=datetime.time(9), plaats="X"
    )
    services.agenda_versturen(bijeenkomst_id=bijeenkomst.pk, door=d.procesregisseur)
    services.bijeenkomst_afronden(bijeenkomst_id=bijeenkomst.pk, door=d.procesregisseur)

    notificatie = Notificatie.objects.filter(soort="tafelagenda").first()
    assert notificatie is not None
    assert not berichten.versturen(notificatie.pk, max_pogingen=3)
    notificatie.refresh_from_db()
    assert notificatie.vervallen_op is not None
    assert mail.outbox == []


def test_only_an_af_of_the_tafel_or_the_chair_sends_the_agenda(client: Client, drieluik: Drieluik) -> None:
    d = drieluik
    bijeenkomst = services.bijeenkomst_plannen(
        tafel_id=d.tafel.pk, door=d.af_leeuwarden, datum=over(7), aanvang=datetime.time(9), plaats="X"
    )
    for wie in (d.agent, d.riec_medewerker, d.af_hoorn):
        client.force_login(wie)
        assert client.post(reverse("tafels:agenda_versturen", args=[bijeenkomst.pk])).status_code == 404
    assert not Notificatie.objects.filter(soort="tafelagenda").exists()
