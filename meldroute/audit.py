"""Audit registration of the step data; free text is masked completely."""

from auditlog.registry import auditlog

from meldroute.models import (
    Afsluiting,
    Conclusie,
    Deling,
    Herbeoordeling,
    InformatiepleinInbreng,
    RiecInschakeling,
    StapRegistratie,
    TafelBespreking,
    Terugkoppeling,
    Terugmelding,
    Verrijking,
)

auditlog.register(StapRegistratie, mask_fields=["toelichting"])
auditlog.register(Verrijking, mask_fields=["bevindingen"])
auditlog.register(TafelBespreking, mask_fields=["besluit"])
auditlog.register(RiecInschakeling, mask_fields=["vermoeden", "contact"])
auditlog.register(InformatiepleinInbreng, mask_fields=["resultaat"])
auditlog.register(Conclusie, mask_fields=["onderbouwing", "doorverwijzing"])
auditlog.register(Terugkoppeling, mask_fields=["tekst"])
auditlog.register(Afsluiting)
auditlog.register(Herbeoordeling)
auditlog.register(Deling, mask_fields=["reden", "grondslag_toelichting"])
# Only the AF's "seen" mark is left out: it is bookkeeping, not a change of the terugmelding.
auditlog.register(Terugmelding, mask_fields=["tekst"], exclude_fields=["gezien_op"])
