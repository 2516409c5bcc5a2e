"""Who may see signals follows from users and memberships, so every change to them is audited."""

from django.contrib.auth.models import Group

from ketenpartners.models import Gebruiker, Lidmaatschap, Organisatie, Regio
from mensenhandel.audit import registreren

# The session version only counts sessions; the change that raised it is logged in its own right.
registreren(Gebruiker, exclude_fields=["password", "last_login", "sessieversie"], m2m_fields={"groups"})
registreren(Lidmaatschap)
registreren(Organisatie, m2m_fields={"regios"})
registreren(Regio)
# The groups that carry the object permissions, and the model permissions of the beheerder's group.
registreren(Group, m2m_fields={"permissions"})
