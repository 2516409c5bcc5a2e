"""Audit registration for every model that holds signal data.

Free text and every field that can identify a person are masked completely
(see ``AUDITLOG_MASK_CALLABLE``): the log says *that* a field changed, never what it held.
"""

from mensenhandel.audit import registreren
from signalen.models import (
    Betrokkene,
    Bijlage,
    Locatie,
    Notitie,
    Signaal,
    SignaalGroupObjectPermission,
    SignaalUserObjectPermission,
)
from signalen.termijnen import TERMIJNVELDEN

registreren(
    Signaal,
    mask_fields=["omschrijving"],
    m2m_fields={"vormen", "indicatoren"},
    # Bookkeeping that follows from the logged changes (the terms, when the melder read the
    # feedback) would only bury them.
    exclude_fields=["gewijzigd_op", "stap_sinds", "terugkoppeling_gelezen_op", *TERMIJNVELDEN],
)
registreren(
    Betrokkene,
    mask_fields=["naam", "geboortedatum", "nationaliteit", "adres", "telefoon", "notities"],
)
registreren(Locatie, mask_fields=["adres", "bedrijfsnaam", "kvk_nummer", "omschrijving"])
registreren(Bijlage, mask_fields=["naam", "bestand"])
# The AF's internal notes: the log says who added one and when, never what it says.
registreren(Notitie, mask_fields=["tekst"])
# Who got and lost access to which signal: guardian's rows are the projection of the domain
# (docs/adr/0007-toegang-een-waarheid.md); every grant, withdrawal and repair is on record.
registreren(SignaalGroupObjectPermission)
registreren(SignaalUserObjectPermission)
