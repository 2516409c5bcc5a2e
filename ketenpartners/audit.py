"""Who may see signals follows from users and memberships, so every change to them is audited."""

from auditlog.registry import auditlog

from ketenpartners.models import Gebruiker, Lidmaatschap, Organisatie, Regio

auditlog.register(Gebruiker, exclude_fields=["password", "last_login"], m2m_fields={"groups"})
auditlog.register(Lidmaatschap)
auditlog.register(Organisatie, m2m_fields={"regios"})
auditlog.register(Regio)
