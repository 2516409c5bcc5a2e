"""Events around logging in that the FG reads in the audit log, next to the changes of data.

Auditlog records changes of fields; sending a password link or resetting a second factor changes
no field the FG can see, so these get an entry of their own on the user, with a description in
``additional_data["beschrijving"]`` that the FG's audit log page shows as the change. The
description names the acting account by its username, as the "Door" column does, and never holds
a password, a code or a link.
"""

from auditlog.models import LogEntry

from ketenpartners.models import Gebruiker


def vastleggen(*, gebruiker: Gebruiker, door: Gebruiker | None, beschrijving: str) -> LogEntry:
    entry: LogEntry = LogEntry.objects.log_create(
        gebruiker,
        force_log=True,
        action=LogEntry.Action.UPDATE,
        actor=door,
        changes={},
        additional_data={"beschrijving": beschrijving},
    )
    return entry
