"""Audit registration of the step data; free text is masked completely."""

from meldroute.models import (
    Afsluiting,
    Conclusie,
    Contactverzoek,
    Deling,
    Herbeoordeling,
    InformatiepleinInbreng,
    RiecInschakeling,
    Samenhang,
    StapRegistratie,
    TafelBespreking,
    Terugkoppeling,
    Terugmelding,
    Verlenging,
    Verrijking,
)
from mensenhandel.audit import registreren

registreren(StapRegistratie, mask_fields=["toelichting"])
registreren(Verrijking, mask_fields=["bevindingen"])
registreren(TafelBespreking, mask_fields=["besluit"])
registreren(RiecInschakeling, mask_fields=["vermoeden", "contact"])
registreren(InformatiepleinInbreng, mask_fields=["resultaat"])
registreren(Conclusie, mask_fields=["onderbouwing", "doorverwijzing"])
registreren(Terugkoppeling, mask_fields=["tekst"])
registreren(Afsluiting)
registreren(Herbeoordeling)
registreren(Deling, mask_fields=["reden", "grondslag_toelichting", "intrekreden"], exclude_fields=["geopend_op"])
# Only the AF's "seen" mark is left out: it is bookkeeping, not a change of the terugmelding.
registreren(Terugmelding, mask_fields=["tekst"], exclude_fields=["gezien_op"])
registreren(Verlenging, mask_fields=["reden"])
# Pks, status and the kinds of match only: nothing about the people or places that matched.
registreren(Samenhang)
# The asking signal, the other gemeente, who and when, and the kinds of match.
registreren(Contactverzoek)
