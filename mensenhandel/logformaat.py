"""Application logs as JSON lines, with e-mail addresses masked.

One JSON object per line is what log collectors read without guessing. Personal data does not
belong in a log at all, so callers never pass names or signal content; e-mail addresses can
still come in through the text of an exception (a mail server that refuses a recipient names
it), so every message and traceback passes through ``adressen_maskeren``.
"""

import datetime
import json
import logging
import re

# A local part, an @ and a domain name that ends in letters (so not celery@host or user@127.0.0.1).
EMAILADRES = re.compile(r"[\w.%+-]+@(?:[\w-]+\.)+[^\W\d_]{2,}")
GEMASKEERD = "[e-mailadres]"


def adressen_maskeren(tekst: str) -> str:
    """The text with every e-mail address replaced by a placeholder."""
    return EMAILADRES.sub(GEMASKEERD, tekst)


def fouttekst(fout: BaseException) -> str:
    """An exception as "Type: text" for a log line or a row, with e-mail addresses masked."""
    return adressen_maskeren(f"{type(fout).__name__}: {fout}")


class JsonRegels(logging.Formatter):
    """Each record as one line of JSON: time, level, logger, message and, where Django passes
    the request along, its path (never the query string)."""

    def format(self, record: logging.LogRecord) -> str:
        regel: dict[str, str] = {
            "time": datetime.datetime.fromtimestamp(record.created, tz=datetime.UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": adressen_maskeren(record.getMessage()),
        }
        pad = getattr(getattr(record, "request", None), "path", None)
        if isinstance(pad, str):
            regel["path"] = pad
        if record.exc_info:
            regel["exception"] = adressen_maskeren(self.formatException(record.exc_info))
        if record.stack_info:
            regel["stack"] = adressen_maskeren(self.formatStack(record.stack_info))
        return json.dumps(regel, ensure_ascii=False)
