"""Writes around evaluation reports: start, build (in a Celery task), cancel, conclude, vaststellen.

A build claims its report for a while, like a mail in the outbox: a retry or a second worker
does nothing while the claim holds, and a worker that dies leaves a claim that runs out, after
which the periodic job starts the build again. Files go to Django's storage, which is private;
they leave only through a view that checks access and writes the access log.
"""

import datetime
import logging
from functools import partial

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from evaluatie import export, rapport
from evaluatie.models import Rapport, Rapportdeel
from evaluatie.rechten import regios_van
from evaluatie.selectors import Periode, jaren_later
from ketenpartners.models import Gebruiker, Regio
from ketenpartners.selectors import coordinatoren_van
from signalen import berichten
from signalen.models import Notificatie

logger = logging.getLogger(__name__)
CLAIM = datetime.timedelta(minutes=15)


class Geannuleerd(Exception):
    pass


def _bouwen_na_commit(rapport_id: int) -> None:
    from evaluatie.tasks import rapport_bouwen

    transaction.on_commit(lambda: rapport_bouwen.delay(rapport_id), robust=True)


@transaction.atomic
def starten(*, door: Gebruiker, regio: Regio, van: datetime.date, tot: datetime.date) -> Rapport:
    """A coördinator starts a report for any period of their own regio."""
    if not regios_van(door).filter(pk=regio.pk).exists():
        raise Regio.DoesNotExist
    nieuw = Rapport.objects.create(regio=regio, van=van, tot=tot, gestart_door=door)
    _bouwen_na_commit(nieuw.pk)
    return nieuw


def laatste_periode(regio: Regio, vandaag: datetime.date) -> Periode | None:
    """The latest evaluation period of the regio that has ended before today."""
    begin = regio.evaluatie_vanaf
    laatste = None
    while True:
        einde = jaren_later(begin, regio.evaluatie_jaren) - datetime.timedelta(days=1)
        if einde >= vandaag:
            return laatste
        laatste = Periode(van=begin, tot=einde)
        begin = einde + datetime.timedelta(days=1)


def automatisch_starten(*, vandaag: datetime.date | None = None) -> int:
    """The beat job: one report per regio for the period that just ended, never two.

    It also restarts builds whose worker died (their claim ran out) or whose message was lost.
    """
    vandaag = vandaag or timezone.localdate()
    gestart = 0
    for regio in Regio.objects.order_by("pk"):
        periode = laatste_periode(regio, vandaag)
        if periode is None:
            continue
        try:
            with transaction.atomic():
                nieuw, gemaakt = Rapport.objects.get_or_create(
                    regio=regio, van=periode.van, tot=periode.tot, automatisch=True
                )
                if gemaakt:
                    _bouwen_na_commit(nieuw.pk)
                    gestart += 1
        except IntegrityError:
            continue  # Another run made it at the same moment.
    nu = timezone.now()
    # A worker died (its claim ran out), or the build's message never reached one (the broker
    # was away at commit): a build waiting longer than a claim lasts without ever being claimed.
    vastgelopen_bouw = Q(status__in=[Rapport.Status.WACHT, Rapport.Status.BEZIG], geclaimd_tot__lt=nu) | Q(
        status=Rapport.Status.WACHT, geclaimd_tot__isnull=True, gestart_op__lt=nu - CLAIM
    )
    for vastgelopen in Rapport.objects.filter(vastgelopen_bouw).values_list("pk", flat=True):
        with transaction.atomic():
            _bouwen_na_commit(vastgelopen)
    return gestart


def _claimen(rapport_id: int) -> bool:
    nu = timezone.now()
    return (
        Rapport.objects.filter(pk=rapport_id, status__in=[Rapport.Status.WACHT, Rapport.Status.BEZIG])
        .filter(Q(geclaimd_tot=None) | Q(geclaimd_tot__lt=nu))
        .update(status=Rapport.Status.BEZIG, geclaimd_tot=nu + CLAIM, voortgang=0, stap="Begonnen", fout="")
        == 1
    )


def _voortgang(rapport_id: int, procent: int, stap: str) -> None:
    """Record how far the build is, extend the claim, and stop if someone cancelled it."""
    if Rapport.objects.filter(pk=rapport_id, geannuleerd=True).exists():
        raise Geannuleerd
    Rapport.objects.filter(pk=rapport_id).update(voortgang=procent, stap=stap, geclaimd_tot=timezone.now() + CLAIM)


def _opslaan(naam: str, inhoud: bytes) -> str:
    return default_storage.save(f"rapporten/{naam}", ContentFile(inhoud))


def bouwen(rapport_id: int) -> bool:
    """Build the report's PDF, XLSX and gemeente parts; True when this call built it."""
    from evaluatie.pdf import pdf_maken

    if not _claimen(rapport_id):
        return False
    bestaand = Rapport.objects.select_related("regio", "gestart_door").get(pk=rapport_id)
    try:
        stenen = rapport.verzamelen(bestaand, lambda p, s: _voortgang(rapport_id, p, s))
        inhoud = rapport.opstellen(bestaand, stenen)
        _voortgang(rapport_id, 78, "Excel-bestand met alle tabellen")
        xlsx = export.xlsx_bytes(rapport.tabellen(inhoud))
        _voortgang(rapport_id, 82, "PDF van het rapport")
        pdf = pdf_maken(inhoud)
        delen = {}
        for nummer, gemeente in enumerate(stenen.gemeenten, start=1):
            _voortgang(
                rapport_id, 85 + round(13 * nummer / max(1, len(stenen.gemeenten))), f"Deel voor {gemeente.naam}"
            )
            delen[gemeente] = pdf_maken(rapport.deel_opstellen(bestaand, stenen, gemeente))
    except Geannuleerd:
        Rapport.objects.filter(pk=rapport_id).update(
            status=Rapport.Status.GEANNULEERD, geclaimd_tot=None, stap="Geannuleerd"
        )
        return False
    except Exception as fout:
        logger.exception("Evaluatierapport %s mislukt", rapport_id)
        Rapport.objects.filter(pk=rapport_id).update(
            status=Rapport.Status.MISLUKT, geclaimd_tot=None, fout=f"{type(fout).__name__}"[:500]
        )
        raise
    with transaction.atomic():
        vergrendeld = Rapport.objects.select_for_update().get(pk=rapport_id)
        if vergrendeld.geannuleerd:
            vergrendeld.status = Rapport.Status.GEANNULEERD
            vergrendeld.save(update_fields=["status"])
            return False
        oud = [vergrendeld.pdf.name, vergrendeld.xlsx.name, *vergrendeld.delen.values_list("pdf", flat=True)]
        vergrendeld.pdf.name = _opslaan("rapport.pdf", pdf)
        vergrendeld.xlsx.name = _opslaan("rapport.xlsx", xlsx)
        vergrendeld.delen.all().delete()
        Rapportdeel.objects.bulk_create(
            Rapportdeel(rapport=vergrendeld, gemeente=gemeente, pdf=_opslaan("deel.pdf", inhoud_deel))
            for gemeente, inhoud_deel in delen.items()
        )
        vergrendeld.status = Rapport.Status.KLAAR
        vergrendeld.voortgang = 100
        vergrendeld.stap = "Klaar"
        vergrendeld.geclaimd_tot = None
        vergrendeld.gereed_op = timezone.now()
        vergrendeld.save()
        for naam in filter(None, oud):
            transaction.on_commit(partial(default_storage.delete, naam))
        berichten.klaarzetten(
            soort=Notificatie.Soort.RAPPORT_KLAAR,
            ontvangers=coordinatoren_van([vergrendeld.regio_id]),
            moment=vergrendeld.gereed_op,
            pad=reverse("evaluatie:rapport", args=[vergrendeld.pk]),
        )
    return True


@transaction.atomic
def annuleren(*, door: Gebruiker, rapport_id: int) -> Rapport:
    r = Rapport.objects.select_for_update().get(pk=rapport_id, regio__in=regios_van(door))
    if r.status == Rapport.Status.WACHT:
        r.status = Rapport.Status.GEANNULEERD
    r.geannuleerd = True
    r.save(update_fields=["status", "geannuleerd"])
    return r


@transaction.atomic
def conclusies_opslaan(*, door: Gebruiker, rapport_id: int, conclusies: dict[str, str], vaststellen: bool) -> Rapport:
    """The coördinator's words per chapter; vaststellen builds the final report (no longer a concept)."""
    r = Rapport.objects.select_for_update().get(pk=rapport_id, regio__in=regios_van(door))
    if r.vastgesteld_op is not None:
        raise ValueError("Een vastgesteld rapport verandert niet meer.")
    if r.status != Rapport.Status.KLAAR:
        raise ValueError("Het rapport wordt nog gemaakt.")
    r.conclusies = {k: v.strip() for k, v in conclusies.items() if k in dict(rapport.HOOFDSTUKKEN)}
    if vaststellen:
        r.vastgesteld_op = timezone.now()
        r.vastgesteld_door = door
    r.status = Rapport.Status.WACHT
    r.geannuleerd = False
    r.voortgang = 0
    r.save()
    _bouwen_na_commit(r.pk)
    return r
