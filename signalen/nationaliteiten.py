"""A nationality as typed on the intake form ("Poolse", "Pools", "Polen") reduced to a group for
the figures: Nederlands, EU, buiten de EU, or onbekend. Never the nationality itself: in a small
gemeente a rare nationality would point to a person.
"""

import unicodedata

NEDERLANDS = "Nederlands"
EU = "EU"
BUITEN_EU = "buiten de EU"
ONBEKEND = "onbekend"

# The EU member states in Dutch: country, and the adjective stems people type.
_EU = {
    "belgie": ("belgisch",),
    "bulgarije": ("bulgaars",),
    "cyprus": ("cypriotisch",),
    "denemarken": ("deens",),
    "duitsland": ("duits",),
    "estland": ("ests",),
    "finland": ("fins",),
    "frankrijk": ("frans",),
    "griekenland": ("grieks",),
    "hongarije": ("hongaars",),
    "ierland": ("iers",),
    "italie": ("italiaans",),
    "kroatie": ("kroatisch",),
    "letland": ("lets",),
    "litouwen": ("litouws",),
    "luxemburg": ("luxemburgs",),
    "malta": ("maltees", "maltes"),
    "oostenrijk": ("oostenrijks",),
    "polen": ("pools", "poolse"),
    "portugal": ("portugees", "portuges"),
    "roemenie": ("roemeens",),
    "slovenie": ("sloveens",),
    "slowakije": ("slowaaks",),
    "spanje": ("spaans",),
    "tsjechie": ("tsjechisch",),
    "zweden": ("zweeds",),
}
_NL = ("nederland", "nederlands", "nl", "dutch")
_ONBEKEND = ("", "onbekend", "?", "-", "nvt", "n.v.t.", "niet bekend", "weet niet")


def _normaal(tekst: str) -> str:
    zonder_accenten = unicodedata.normalize("NFKD", tekst).encode("ascii", "ignore").decode()
    return " ".join(zonder_accenten.lower().replace("ë", "e").split()).strip(" .")


def groep(nationaliteit: str) -> str:
    woord = _normaal(nationaliteit)
    if woord in _ONBEKEND:
        return ONBEKEND
    if woord in _NL or woord.startswith("nederlandse"):
        return NEDERLANDS
    for land, stammen in _EU.items():
        if woord == land or any(woord.startswith(stam) for stam in stammen):
            return EU
    return BUITEN_EU
