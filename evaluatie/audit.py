"""Trainings and the basisniveau are audited: they are part of what the council is told."""

from evaluatie.models import Basisniveau, Training
from mensenhandel.audit import registreren

registreren(Training, m2m_fields={"teams"})
registreren(Basisniveau)
