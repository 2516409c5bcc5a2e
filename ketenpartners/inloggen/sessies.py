"""Sessions end after a period without activity, after a fixed lifetime, and when access changes.

Three values are written into the session at every login (``bij_inloggen``, on Django's
``user_logged_in``, so a password login, single sign-on and a test's ``force_login`` alike):

- ``INGELOGD_OP``: the moment of login. ``SESSION_COOKIE_AGE`` is the absolute lifetime and is
  counted from here. Django counts its own expiry from the last save of the session, which
  every write moves on; this moment never moves, so activity cannot stretch a session.
- ``ACTIEF_OP``: the last request, written at most once per ``SCHRIJFINTERVAL`` seconds so
  that reading pages does not save the session on every request. The idle timeout
  (``SESSIE_INACTIEF_MINUTEN``) is therefore exact to within that interval.
- ``VERSIE``: the user's ``sessieversie`` at login.

Ending every session of a user (``sessies_beeindigen``: deactivated, or a role taken away)
raises ``Gebruiker.sessieversie`` by one, in the transaction of the change itself. A session
whose version differs is ended on its next request, whatever it was doing. We chose a version
per user over a table of the user's session keys written at login, because:

- there is nothing to keep in step: session keys change at every login and again when the
  second factor is entered (``cycle_key``), and a table that misses one change leaves a session
  alive that nobody can find;
- it does not depend on the session backend (database, cache or signed cookies): deleting
  sessions by key only works where the server holds them;
- it commits or rolls back with the change that causes it, so there is no moment in which the
  role is gone while a session still works, and a request in flight cannot bring a deleted
  session back by saving it;
- it costs no query: the user row is read on every request anyway.

The price is that an ended session stays in the session store until it expires
(``clearsessions`` removes it); it can never be used again, as versions only go up.
"""

import time

from django.conf import settings
from django.contrib.sessions.backends.base import SessionBase
from django.db.models import F
from django.http import HttpRequest

from ketenpartners.models import Gebruiker

INGELOGD_OP = "_ingelogd_op"
ACTIEF_OP = "_actief_op"
VERSIE = "_sessieversie"
SCHRIJFINTERVAL = 60
BEEINDIGD = "Uw sessie is beëindigd omdat uw account of uw rollen zijn gewijzigd. Log opnieuw in."


def nu() -> int:
    return int(time.time())


def bij_inloggen(*, request: HttpRequest, gebruiker: Gebruiker) -> None:
    """Start the clocks and note the user's session version in a new login's session."""
    moment = nu()
    request.session[INGELOGD_OP] = moment
    request.session[ACTIEF_OP] = moment
    # Read from the database, not from the object that logged in: that one may predate a change.
    request.session[VERSIE] = Gebruiker.objects.values_list("sessieversie", flat=True).get(pk=gebruiker.pk)


def sessies_beeindigen(*, gebruiker: Gebruiker) -> None:
    """End every session of this user, in the caller's transaction (see the module docstring)."""
    Gebruiker.objects.filter(pk=gebruiker.pk).update(sessieversie=F("sessieversie") + 1)
    gebruiker.refresh_from_db(fields=["sessieversie"])


def _duur(seconden: int) -> str:
    if seconden % 3600 == 0:
        return f"{seconden // 3600} uur"
    if seconden % 60 == 0:
        minuten = seconden // 60
        return "1 minuut" if minuten == 1 else f"{minuten} minuten"
    return f"{seconden} seconden"


def inactief_seconden() -> int:
    return int(settings.SESSIE_INACTIEF_MINUTEN) * 60


def reden_van_einde(sessie: SessionBase, gebruiker: Gebruiker, moment: int) -> str | None:
    """Why this session is over, in the words the user reads on the login page; None while it runs."""
    if sessie.get(VERSIE) != gebruiker.sessieversie:
        return BEEINDIGD
    ingelogd_op = sessie.get(INGELOGD_OP)
    levensduur = int(settings.SESSION_COOKIE_AGE)
    if not isinstance(ingelogd_op, int) or moment - ingelogd_op >= levensduur:
        return f"U bent uitgelogd omdat u {_duur(levensduur)} was ingelogd. Log opnieuw in."
    actief_op = sessie.get(ACTIEF_OP)
    inactief = inactief_seconden()
    if not isinstance(actief_op, int) or moment - actief_op >= inactief:
        return f"U bent uitgelogd omdat u {_duur(inactief)} niets hebt gedaan. Log opnieuw in."
    return None


def activiteit_bijwerken(sessie: SessionBase, moment: int) -> None:
    actief_op = sessie.get(ACTIEF_OP)
    if not isinstance(actief_op, int) or moment - actief_op >= SCHRIJFINTERVAL:
        sessie[ACTIEF_OP] = moment
