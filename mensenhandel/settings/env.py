"""The one place where settings read the environment.

Every variable has a default that works for the embedded quick start (SQLite, a filesystem
broker, console e-mail). Production overrides them; see the README for the list.
"""

import os
from pathlib import Path
from typing import overload

_TRUE = {"1", "true", "yes", "ja", "on"}
_FALSE = {"0", "false", "no", "nee", "off", ""}


@overload
def env(name: str, default: bool) -> bool: ...
@overload
def env(name: str, default: int) -> int: ...
@overload
def env(name: str, default: str) -> str: ...
@overload
def env(name: str, default: list[str]) -> list[str]: ...
@overload
def env(name: str, default: Path) -> Path: ...


def env(name: str, default: bool | int | str | list[str] | Path) -> bool | int | str | list[str] | Path:
    """Read ``name`` from the environment, cast to the type of ``default``."""
    raw = os.environ.get(name)
    if raw is None:
        return default
    raw = raw.strip()
    if isinstance(default, bool):
        lowered = raw.lower()
        if lowered in _TRUE:
            return True
        if lowered in _FALSE:
            return False
        raise ValueError(f"{name} moet een ja/nee-waarde zijn (true/false), niet {raw!r}")
    if isinstance(default, int):
        return int(raw)
    if isinstance(default, list):
        return [part.strip() for part in raw.split(",") if part.strip()]
    if isinstance(default, Path):
        return Path(raw)
    return raw
