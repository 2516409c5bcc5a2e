"""Bewaartermijnen: how long a closed signal is kept, and its removal once that term has passed
(docs/adr/0009-bewaartermijnen.md).

A closed signal is kept for the term of its regio and afloop, counted from the day it was closed;
without a term set by the functionaris gegevensbescherming (FG) the national default holds.
A signal on hold for a running procedure ("bewaren wegens lopende procedure") stays. Once a day
``verlopen_anonimiseren`` removes every signal past its term, each in one transaction:

- the signal and everything that hangs on it (betrokkenen, locaties, bijlagen, the route's
  registrations and step data, shares, terugmeldingen, mails, object permissions), in one
  cascade: the only way a signal and its history leave the database (migration 0011_bewaking);
- the attachments' files, from storage, after the commit (the record keeps their names until
  then, so a stopped run is finished by the next one);
- in the audit log, the values, text and descriptions of every entry about the signal or one of
  its parts (who did what and when stays); in the access log, the query string of every row
  that names the signal (who read it and when stays).

The non-personal facts of the evaluation (``Signaalfeiten``, ``Delingsfeit``,
``Terugmeldingsfeit``) stay; the facts lose only their link to the signal, so every figure of the
dashboards and reports stays what it was. An ``Anonimisering`` row records what was removed.

``termijnen``: the terms, the FG's scope and what falls due; ``verwijderen``: the removal;
``acties``: what the FG does (terms, holds); ``overzicht``: what the FG's pages list.
"""

from signalen.bewaring.acties import bewaren, bewaring_opheffen, termijnen_instellen
from signalen.bewaring.overzicht import Bewaard, aantallen_tekst, bewaard_in, verwijderd_in
from signalen.bewaring.termijnen import (
    LANDELIJKE_TERMIJNEN,
    Termijn,
    Verval,
    lopend_bewaard,
    maanden_later,
    te_verwijderen,
    termijn_tekst,
    termijnen_van,
    vooruitkijken,
)
from signalen.bewaring.verwijderen import anonimiseren, bestanden_verwijderen, verlopen_anonimiseren
from signalen.selectors import fg_gemeenten, fg_regios

__all__ = [
    "LANDELIJKE_TERMIJNEN",
    "Bewaard",
    "Termijn",
    "Verval",
    "aantallen_tekst",
    "anonimiseren",
    "bestanden_verwijderen",
    "bewaard_in",
    "bewaren",
    "bewaring_opheffen",
    "fg_gemeenten",
    "fg_regios",
    "lopend_bewaard",
    "maanden_later",
    "te_verwijderen",
    "termijn_tekst",
    "termijnen_instellen",
    "termijnen_van",
    "verlopen_anonimiseren",
    "verwijderd_in",
    "vooruitkijken",
]
