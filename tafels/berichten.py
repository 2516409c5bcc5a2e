"""The agenda by e-mail, with the meeting as an iCalendar attachment.

The mail goes through the outbox (signalen/berichten.py): written in the transaction of the
request, sent after the commit, claimed so it goes once. It names the signals on the agenda by
reference and gemeente only. The calendar item holds the tafel, the time, the place and a link:
it ends up in calendars outside our systems, so it holds no reference numbers either.
"""

import datetime
from urllib.parse import urlsplit

import icalendar
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from ketenpartners.models import Gebruiker
from signalen import berichten
from signalen.models import Notificatie
from tafels import selectors
from tafels.models import Agendapunt, Bijeenkomst

SOORT = Notificatie.Soort.TAFELAGENDA
# The model has a start, not an end: a calendar item of two hours, as the tafels meet.
DUUR = datetime.timedelta(hours=2)
KOPPEN = {
    Agendapunt.Soort.NIEUW: "Nieuwe signalen",
    Agendapunt.Soort.LOPEND: "Lopende signalen",
    Agendapunt.Soort.DOORGESCHOVEN: "Doorgeschoven van de vorige bijeenkomst",
}


def _kenmerk(bijeenkomst: Bijeenkomst) -> str:
    return f"bijeenkomst:{bijeenkomst.pk}"


def deelnemers(bijeenkomst: Bijeenkomst) -> list[Gebruiker]:
    """Everyone who takes part in the tafel: its gemeenten's AFs, its members' users, its chair."""
    tafel = bijeenkomst.tafel
    return list(selectors.deelnemers(tafel, gemeenten=selectors.gemeente_ids(tafel)).order_by("pk"))


def agenda_klaarzetten(bijeenkomst: Bijeenkomst) -> int:
    """Write the agenda mail for every participant; sent after the commit. A second call (after
    a change to the agenda) sends it again, with the calendar item updated."""
    ontvangers = [g for g in deelnemers(bijeenkomst) if g.email]
    # An earlier sending that has not gone out yet is replaced by this one: one mail per person.
    berichten.onverzonden().filter(soort=SOORT, kenmerk=_kenmerk(bijeenkomst)).update(vervallen_op=timezone.now())
    berichten.klaarzetten(
        soort=SOORT,
        ontvangers=ontvangers,
        moment=timezone.now(),
        pad=reverse("tafels:bijeenkomst", args=[bijeenkomst.pk]),
        kenmerk=_kenmerk(bijeenkomst),
    )
    return len(ontvangers)


def _agendabericht(notificatie: Notificatie) -> berichten.Bericht | None:
    """The mail as the agenda is when it is sent; None when the meeting is over or gone."""
    soort, _, pk = notificatie.kenmerk.partition(":")
    bijeenkomst = (
        Bijeenkomst.objects.select_related("tafel").filter(pk=int(pk), afgerond_op__isnull=True).first()
        if soort == "bijeenkomst" and pk.isdigit()
        else None
    )
    # Gone, closed, or the recipient no longer takes part (the rule that guards the pages): no mail.
    if bijeenkomst is None or not selectors.tafels_van(notificatie.ontvanger).filter(pk=bijeenkomst.tafel_id).exists():
        return None
    punten = selectors.agenda(bijeenkomst)
    groepen = []
    for soort_punt, kop in KOPPEN.items():
        regels = [
            {"referentie": p.signaal.referentie, "gemeente": p.signaal.gemeente.naam}
            for p in punten
            if p.soort == soort_punt
        ]
        if regels:
            groepen.append({"kop": kop, "punten": regels})
    link = settings.BASIS_URL.rstrip("/") + notificatie.pad
    onderwerp = f"Agenda {bijeenkomst.tafel} {date_format(bijeenkomst.datum, 'j F Y')}"
    context = {
        "onderwerp": onderwerp,
        "tafel": bijeenkomst.tafel.naam,
        "datum": date_format(bijeenkomst.datum, "l j F Y"),
        "aanvang": f"{bijeenkomst.aanvang:%H:%M}",
        "plaats": bijeenkomst.plaats,
        "groepen": groepen,
        "link": link,
    }
    return berichten.Bericht(
        onderwerp=onderwerp,
        tekst=render_to_string("mail/agenda.txt", context),
        html=render_to_string("mail/agenda.html", context),
        bijlagen=(("bijeenkomst.ics", ical(bijeenkomst, link=link, verstuurd=notificatie.moment), "text/calendar"),),
    )


def ical(bijeenkomst: Bijeenkomst, *, link: str, verstuurd: datetime.datetime) -> bytes:
    """The meeting as one VEVENT. The same UID on every sending, with a higher SEQUENCE, so a
    calendar updates the item instead of adding a second one."""
    # In UTC: a TZID would need a VTIMEZONE block, which some calendars require and others ignore.
    begin = timezone.make_aware(datetime.datetime.combine(bijeenkomst.datum, bijeenkomst.aanvang)).astimezone(
        datetime.UTC
    )
    kalender = icalendar.Calendar()
    kalender.add("prodid", "-//Signalen mensenhandel//Tafels//NL")
    kalender.add("version", "2.0")
    kalender.add("method", "PUBLISH")
    gebeurtenis = icalendar.Event()
    gebeurtenis.add("uid", f"bijeenkomst-{bijeenkomst.pk}@{urlsplit(settings.BASIS_URL).hostname or 'localhost'}")
    gebeurtenis.add("dtstamp", verstuurd.astimezone(datetime.UTC))
    gebeurtenis.add("sequence", int(verstuurd.timestamp()))
    gebeurtenis.add("dtstart", begin)
    gebeurtenis.add("dtend", begin + DUUR)
    gebeurtenis.add("summary", str(bijeenkomst.tafel))
    gebeurtenis.add("location", bijeenkomst.plaats)
    gebeurtenis.add("description", f"De agenda staat in Signalen mensenhandel (na inloggen): {link}")
    gebeurtenis.add("url", link)
    kalender.add_component(gebeurtenis)
    inhoud: bytes = kalender.to_ical()
    return inhoud


berichten.BERICHTEN[SOORT] = _agendabericht
