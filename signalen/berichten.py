"""E-mail from the outbox (``Notificatie``): writing it down, claiming it, sending it once.

A mail carries the reference number, what is to be done and a link, never names, descriptions
or anything else from the signal: mail leaves our systems and is read on phones.
"""

import datetime
import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import F, Q, QuerySet
from django.template.loader import render_to_string
from django.utils import timezone

from ketenpartners.models import Gebruiker
from mensenhandel.logformaat import fouttekst
from mensenhandel.werkdagen import begin_van
from signalen.models import Notificatie, Signaal
from signalen.termijnen import Termijnsoort
from signalen.workflow import MONITORING_STATUSSEN, Status

logger = logging.getLogger(__name__)
Soort = Notificatie.Soort

# A sender holds a claimed mail this long; a worker that dies loses its claim after it.
CLAIM = datetime.timedelta(minutes=10)


@dataclass(frozen=True)
class Tekst:
    onderwerp: str  # with {referentie}
    zin: str  # what happened and what to do, with {referentie} and {termijn}
    knop: str


# What each kind of mail says. Only the reference number and the name of a term are filled in.
TEKSTEN: dict[str, Tekst] = {
    Soort.NIEUW_SIGNAAL: Tekst(
        "Nieuw signaal {referentie}",
        "Er is een nieuw signaal van mogelijke mensenhandel gemeld: {referentie}. Neem het in behandeling.",
        "Signaal bekijken",
    ),
    Soort.ACUUT_NIET_OPGEPAKT: Tekst(
        "ACUUT: signaal {referentie} nog niet in behandeling",
        "Het acute signaal {referentie} is niet binnen de termijn in behandeling genomen. "
        "Zorg dat een aandachtsfunctionaris het nu oppakt.",
        "Bekijken",
    ),
    Soort.TERMIJN_VERSTREKEN: Tekst(
        "Termijn verstreken: {referentie}",
        "De termijn voor {termijn} van signaal {referentie} is verstreken.",
        "Signaal bekijken",
    ),
    Soort.TERMIJN_ESCALATIE: Tekst(
        "Termijn al langer verstreken: {referentie}",
        "De termijn voor {termijn} van signaal {referentie} is al enkele werkdagen verstreken. "
        "U krijgt dit bericht als achtervang; overleg met de behandelaar.",
        "Bekijken",
    ),
    Soort.TERUGKOPPELING_TERMIJN: Tekst(
        "Terugkoppeling aan de melder te laat: {referentie}",
        "De melder van signaal {referentie} heeft nog geen terugkoppeling gehad, en de termijn daarvoor is "
        "verstreken. Terugkoppeling laat melders zien dat melden ertoe doet.",
        "Signaal bekijken",
    ),
    Soort.HERBEOORDELING: Tekst(
        "Herbeoordeling: {referentie}",
        "Het lopende signaal {referentie} moet vandaag opnieuw beoordeeld worden.",
        "Signaal bekijken",
    ),
    Soort.DELING_VERLOOPT: Tekst(
        "Deling loopt af: {referentie}",
        "Een deling van signaal {referentie} met een ketenpartner loopt binnenkort af. "
        "Verleng de deling als de partner het signaal nog nodig heeft.",
        "Signaal bekijken",
    ),
    Soort.NIEUWE_DELING: Tekst(
        "Signaal {referentie} gedeeld met uw organisatie",
        "Een gemeente heeft signaal {referentie} met uw organisatie gedeeld.",
        "Gedeeld signaal bekijken",
    ),
    # Never the AF's reason: it is free text and may name people.
    Soort.DELING_BEEINDIGD: Tekst(
        "Deling beëindigd: {referentie}",
        "De gemeente heeft de deling van signaal {referentie} met uw organisatie beëindigd. "
        "Uw organisatie kan het signaal niet meer inzien. Uw terugmeldingen blijven bij de gemeente bewaard.",
        "Bekijken",
    ),
    Soort.NIEUWE_TERUGMELDING: Tekst(
        "Nieuwe terugmelding: {referentie}",
        "Een ketenpartner heeft een terugmelding gegeven op signaal {referentie}.",
        "Signaal bekijken",
    ),
    Soort.RAPPORT_KLAAR: Tekst(
        "Evaluatierapport klaar",
        "Het evaluatierapport van uw regio is klaar. Vul de conclusies aan en stel het vast.",
        "Rapport bekijken",
    ),
    Soort.RECHTEN_VERSCHIL: Tekst(
        "Verschil in toegangsrechten gevonden",
        "De nachtelijke controle vond toegangsrechten op signalen die niet kloppen met de lidmaatschappen, "
        "gemeenten en delingen. Bekijk de verschillen met 'manage.py rechten_controleren' en herstel ze met "
        "'manage.py rechten_controleren --herstellen'. Tot dan krijgt niemand toegang die het domein niet geeft.",
        "Naar het beheer",
    ),
    # Never who asked, which gemeente or about what: that is read in the application.
    Soort.CONTACTVERZOEK: Tekst(
        "Verzoek om contact over een mogelijk samenhangend signaal",
        "Een aandachtsfunctionaris van een andere gemeente vraagt u om contact: een signaal daar hangt mogelijk "
        "samen met een signaal van uw gemeente. Wie het vraagt en hoe u diegene bereikt, leest u in de applicatie.",
        "Contactverzoeken bekijken",
    ),
    Soort.TERUGKOPPELING_GEGEVEN: Tekst(
        "Terugkoppeling op uw signaal {referentie}",
        "Er is terugkoppeling op uw signaal {referentie}. Dank voor uw melding: zo doet melden ertoe.",
        "Terugkoppeling lezen",
    ),
}


@dataclass(frozen=True)
class Bericht:
    """A mail whose content another app builds (``BERICHTEN``), with its attachments."""

    onderwerp: str
    tekst: str
    html: str
    bijlagen: tuple[tuple[str, bytes, str], ...] = ()  # file name, content, MIME type


# Kinds of mail whose content is built by the app they are about (tafels: the agenda), registered
# when that app is ready. The builder returns None when the mail is no longer news.
BERICHTEN: dict[str, Callable[[Notificatie], Bericht | None]] = {}


def inhoud(notificatie: Notificatie) -> tuple[str, str, str]:
    """Subject, text and HTML of the mail, from the templates in templates/mail/."""
    tekst = TEKSTEN[notificatie.soort]
    referentie = notificatie.signaal.referentie if notificatie.signaal else ""
    termijn = Termijnsoort(notificatie.termijn).label if notificatie.termijn in Termijnsoort.values else ""
    onderwerp = tekst.onderwerp.format(referentie=referentie)
    zin = tekst.zin.format(referentie=referentie, termijn=termijn)
    if notificatie.soort == Soort.NIEUW_SIGNAAL and notificatie.signaal and notificatie.signaal.acuut:
        onderwerp = f"ACUUT: {onderwerp}"
        zin += " Het is als acuut gemeld: neem het direct in behandeling."
    context = {
        "onderwerp": onderwerp,
        "zin": zin,
        "knop": tekst.knop,
        "link": settings.BASIS_URL.rstrip("/") + notificatie.pad,
    }
    return (
        context["onderwerp"],
        render_to_string("mail/bericht.txt", context),
        render_to_string("mail/bericht.html", context),
    )


def klaarzetten(
    *,
    soort: str,
    ontvangers: Iterable[Gebruiker],
    moment: datetime.datetime,
    pad: str,
    signaal: Signaal | None = None,
    termijn: str = "",
    kenmerk: str = "",
) -> None:
    """Write the mails down in the current transaction and send them once it has committed.

    A key that exists already (a retry, a second sweep) writes nothing new.
    """
    rijen = [
        Notificatie(
            signaal=signaal, soort=soort, ontvanger=ontvanger, moment=moment, pad=pad, termijn=termijn, kenmerk=kenmerk
        )
        for ontvanger in {o.pk: o for o in ontvangers if o.is_active and o.email}.values()
    ]
    if not rijen:
        return
    Notificatie.objects.bulk_create(rijen, ignore_conflicts=True)
    if signaal is not None:
        versturen_na_commit(signaal_ids=[signaal.pk])
    else:
        versturen_na_commit(zonder_signaal=Q(signaal__isnull=True, soort=soort, moment=moment))


def versturen_na_commit(*, signaal_ids: Sequence[int] = (), zonder_signaal: Q | None = None) -> None:
    """After the commit, hand the unsent mails of these signals (or those ``zonder_signaal``
    selects) to the workers.

    If the broker is down the mails stay in the outbox; the periodic task sends them later.
    """
    from signalen.tasks import notificaties_versturen

    welke = Q(signaal_id__in=list(signaal_ids))
    if zonder_signaal is not None:
        welke |= zonder_signaal

    def verzenden() -> None:
        ids = list(onverzonden().filter(welke).values_list("pk", flat=True))
        for begin in range(0, len(ids), 100):
            notificaties_versturen.delay(ids[begin : begin + 100])

    transaction.on_commit(verzenden, robust=True)


def onverzonden() -> QuerySet[Notificatie]:
    return Notificatie.objects.filter(verzonden_op=None, vervallen_op=None, opgegeven_op=None)


def claimen(pk: int, nu: datetime.datetime) -> bool:
    """Take the mail for CLAIM; False when it is sent, given up, or someone else holds it."""
    return (
        onverzonden()
        .filter(pk=pk)
        .filter(Q(geclaimd_tot=None) | Q(geclaimd_tot__lt=nu))
        .update(geclaimd_tot=nu + CLAIM, pogingen=F("pogingen") + 1)
        == 1
    )


def actueel(notificatie: Notificatie) -> bool:
    """Does the reason for a reminder still hold? A term done since then needs no mail.

    Events (a new signal, a share, a terugmelding, feedback) stay news; terms are compared
    with the signal's terms as they are now.
    """
    signaal = notificatie.signaal
    if signaal is None:
        return True
    moment = notificatie.moment
    if notificatie.soort == Soort.ACUUT_NIET_OPGEPAKT:
        return signaal.status == Status.OPGEPIKT
    if notificatie.soort == Soort.TERMIJN_VERSTREKEN:
        return signaal.stap_termijn_op == moment
    if notificatie.soort == Soort.TERUGKOPPELING_TERMIJN:
        return signaal.terugkoppeling_termijn_op == moment
    if notificatie.soort == Soort.TERMIJN_ESCALATIE:
        return moment in (signaal.stap_escalatie_op, signaal.terugkoppeling_escalatie_op)
    if notificatie.soort == Soort.HERBEOORDELING:
        return (
            signaal.status in MONITORING_STATUSSEN
            and signaal.herbeoordelen_op is not None
            and begin_van(signaal.herbeoordelen_op) == moment
        )
    return True


def versturen(pk: int, *, max_pogingen: int) -> bool:
    """Claim, send and mark one mail; True when it went out now.

    Sent outside any transaction: a mail server that hangs holds no lock. A worker killed
    between claim and send leaves a claim that runs out, and the periodic task sends the mail
    then. On a mail error the claim is given back at once for the retry, and after
    ``max_pogingen`` attempts the mail is given up (the beheerder sees it).
    """
    nu = timezone.now()
    if not claimen(pk, nu):
        return False
    notificatie = Notificatie.objects.select_related("signaal", "ontvanger").get(pk=pk)
    if not actueel(notificatie):
        Notificatie.objects.filter(pk=pk).update(vervallen_op=nu, geclaimd_tot=None)
        return False
    try:
        # Built inside the try: a builder that fails counts as a failed attempt, and is given up
        # after max_pogingen like a mail server error, instead of holding up the outbox.
        if notificatie.soort in BERICHTEN:
            opgebouwd = BERICHTEN[notificatie.soort](notificatie)
            if opgebouwd is None:
                Notificatie.objects.filter(pk=pk).update(vervallen_op=nu, geclaimd_tot=None)
                return False
        else:
            opgebouwd = Bericht(*inhoud(notificatie))
        bericht = EmailMultiAlternatives(opgebouwd.onderwerp, opgebouwd.tekst, None, [notificatie.ontvanger.email])
        bericht.attach_alternative(opgebouwd.html, "text/html")
        for naam, inhoud_bijlage, mimetype in opgebouwd.bijlagen:
            bericht.attach(naam, inhoud_bijlage, mimetype)
        bericht.send()
    except Exception as fout:
        opgegeven = timezone.now() if notificatie.pogingen >= max_pogingen else None
        Notificatie.objects.filter(pk=pk).update(
            geclaimd_tot=None, laatste_fout=fouttekst(fout)[:500], opgegeven_op=opgegeven
        )
        if opgegeven:
            logger.error("E-mail %s opgegeven na %s pogingen", pk, notificatie.pogingen)
            return False
        raise
    Notificatie.objects.filter(pk=pk).update(verzonden_op=timezone.now(), geclaimd_tot=None, laatste_fout="")
    return True
