"""Audit registration for every model that holds signal data.

Free text and every field that can identify a person are masked completely
(see ``AUDITLOG_MASK_CALLABLE``): the log says *that* a field changed, never what it held.
"""

from auditlog.registry import auditlog

from signalen.models import Betrokkene, Bijlage, Locatie, Signaal

auditlog.register(
    Signaal,
    mask_fields=["omschrijving"],
    m2m_fields={"vormen", "indicatoren"},
)
auditlog.register(
    Betrokkene,
    mask_fields=["naam", "geboortedatum", "nationaliteit", "adres", "telefoon", "notities"],
)
auditlog.register(Locatie, mask_fields=["adres", "bedrijfsnaam", "kvk_nummer", "omschrijving"])
auditlog.register(Bijlage, mask_fields=["naam", "bestand"])
