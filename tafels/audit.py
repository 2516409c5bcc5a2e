"""Audit registration of the tafels; conclusions and actions are free text and masked completely."""

from mensenhandel.audit import registreren
from tafels.models import Agendapunt, Bijeenkomst, Tafel, Tafelactie

registreren(Tafel)
registreren(Bijeenkomst)
registreren(Agendapunt, mask_fields=["conclusie"])
registreren(Tafelactie, mask_fields=["omschrijving"])
