from collections.abc import Mapping, Sequence
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from guardian.shortcuts import assign_perm

from ketenpartners.models import Gebruiker, Organisatie, Regio, Rol
from ketenpartners.selectors import aandachtsfunctionarissen_van, gemeenten_van_melder
from ketenpartners.services import groep_voor
from signalen import berichten, feiten, melding, termijnen
from signalen.models import (
    Betrokkene,
    Bijlage,
    Indicator,
    Locatie,
    Notificatie,
    Signaal,
    Team,
    TijdelijkeBijlage,
    Volgnummer,
    Vorm,
)
from signalen.samenhang.sleutels import sleutels_bijwerken
from signalen.uploads import inhoudstype
from signalen.workflow import OPEN_STATUSSEN


def _volgende_referentie() -> str:
    """Hand out the next number of this year. Call inside the intake transaction only."""
    jaar = timezone.localdate().year
    # The first signal of a year makes the counter row; a concurrent first one must not fail.
    Volgnummer.objects.bulk_create([Volgnummer(jaar=jaar, laatste=0)], ignore_conflicts=True)
    teller = Volgnummer.objects.select_for_update().get(jaar=jaar)
    teller.laatste += 1
    teller.save(update_fields=["laatste"])
    return f"MH-{jaar}-{teller.laatste:05d}"


@transaction.atomic
def signaal_indienen(
    *,
    door: Gebruiker,
    gemeente: Organisatie,
    team: Team,
    waargenomen_op: Any,
    omschrijving: str,
    vormen: Sequence[Vorm],
    acuut: bool,
    indicatoren: Sequence[Indicator] = (),
    betrokkenen: Sequence[Mapping[str, Any]] = (),
    locaties: Sequence[Mapping[str, Any]] = (),
    tijdelijke_bijlagen: Sequence[TijdelijkeBijlage] = (),
) -> Signaal:
    """A medewerker reports a signal (step 1, opgepikt).

    The gemeente's aandachtsfunctionarissen get the object permissions in this transaction and
    an e-mail once it has committed.
    """
    if not gemeenten_van_melder(door).filter(pk=gemeente.pk).exists():
        raise PermissionDenied("U kunt alleen signalen melden voor uw eigen gemeente.")

    signaal = Signaal(
        referentie=_volgende_referentie(),
        gemeente=gemeente,
        melder=door,
        team=team,
        waargenomen_op=waargenomen_op,
        omschrijving=omschrijving,
        acuut=acuut,
    )
    signaal.save()
    signaal.vormen.set(vormen)
    signaal.indicatoren.set(indicatoren)
    for gegevens in betrokkenen:
        Betrokkene.objects.create(signaal=signaal, **gegevens)
    for gegevens in locaties:
        Locatie.objects.create(signaal=signaal, **gegevens)
    # The match keys of samenhangende signalen, in the transaction that stores what they come from.
    sleutels_bijwerken(signaal)
    # Locked, so the clean-up task cannot remove a file between here and the commit.
    vergrendeld = TijdelijkeBijlage.objects.select_for_update().filter(
        pk__in=[t.pk for t in tijdelijke_bijlagen], eigenaar=door
    )
    for tijdelijk in vergrendeld.order_by("pk"):
        Bijlage.objects.create(
            signaal=signaal,
            bestand=tijdelijk.bestand.name,
            naam=tijdelijk.naam,
            content_type=tijdelijk.content_type,
            grootte=tijdelijk.grootte,
            toegevoegd_door=door,
        )
        # The file now belongs to the Bijlage; remove only the temporary row.
        TijdelijkeBijlage.objects.filter(pk=tijdelijk.pk).delete()

    af_groep = groep_voor(organisatie=gemeente, rol=Rol.AANDACHTSFUNCTIONARIS)
    assign_perm("signalen.view_signaal", af_groep, signaal)
    assign_perm("signalen.behandelen_signaal", af_groep, signaal)

    feiten.bijwerken(signaal, overgangen=[])
    # The report as submitted stays readable while the AF keeps the dossier up to date.
    melding.vastleggen(signaal)
    # The terms start now: the AF has a werkdag (an acute signal: hours) to take it.
    signaal.stap_sinds = signaal.ingediend_op
    termijnen.bijwerken_voor_gemeente(signaal)
    signaal.save(update_fields=["stap_sinds", *termijnen.TERMIJNVELDEN])

    # The mails are written down here, in the intake transaction (an outbox): if the broker is
    # down, the signal is still stored and the periodic task sends them once it is back.
    berichten.klaarzetten(
        soort=Notificatie.Soort.NIEUW_SIGNAAL,
        signaal=signaal,
        ontvangers=aandachtsfunctionarissen_van(gemeente),
        moment=signaal.ingediend_op,
        pad=reverse("meldroute:detail", args=[signaal.pk]),
    )
    return signaal


def termijnen_herberekenen(*, regio_id: int) -> int:
    """Recompute the terms of every open signal in the regio, after its settings changed.

    In batches, each locking its signals, so a change by an AF in between is never overwritten.
    A term that moves gives a new reminder when it passes; one that stays was sent already.
    """
    instellingen = termijnen.instellingen_voor(Regio.objects.get(pk=regio_id))
    ids = list(
        Signaal.objects.filter(gemeente__regios=regio_id, status__in=OPEN_STATUSSEN)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    for begin in range(0, len(ids), 500):
        with transaction.atomic():
            signalen = list(Signaal.objects.select_for_update().filter(pk__in=ids[begin : begin + 500]).order_by("pk"))
            for signaal in signalen:
                termijnen.bijwerken(signaal, instellingen, gecontroleerd_tot=None)
            termijnen.opslaan(signalen)
    return len(ids)


@transaction.atomic
def tijdelijke_bijlage_bewaren(*, door: Gebruiker, upload: UploadedFile) -> TijdelijkeBijlage:
    return TijdelijkeBijlage.objects.create(
        eigenaar=door,
        bestand=upload,
        naam=upload.name or "bijlage",
        content_type=inhoudstype(upload.name or ""),
        grootte=upload.size or 0,
    )
