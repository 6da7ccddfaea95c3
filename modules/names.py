"""How to address a person by the name the roster gives: titles and degrees are not first names."""

from __future__ import annotations

import re

# Titles written before a name, compared without dots and case: religious (Haji, Hajjah, Kiai Haji),
# academic and professional (Dr., Prof., Ir., Drs., Dra., dr., drg., Ns., apt.), and noble (R., Raden).
_TITLES = frozenset({"h", "hj", "haji", "hajjah", "kh", "dr", "drs", "dra", "prof", "ir", "drg", "ns", "apt",
                     "r", "raden", "rr", "tb", "bapak", "ibu", "bpk", "sdr", "sdri"})


def first_name(full_name: str) -> str:
    """The word to greet a person by: the first word of the name that is neither a title nor an
    abbreviation (Hj. Siti Aminah → Siti; Dr. Ir. H. M. Yusuf, M.T. → Yusuf); degrees after a comma are
    dropped. Falls back to the whole name when nothing else is left."""
    name = full_name.split(",", 1)[0]
    for word in name.split():
        bare = re.sub(r"[.\s]", "", word)
        marker = word.startswith("[") and word.endswith("]")  # e.g. the [DEMO] tag of demo accounts
        if not bare or marker or word.endswith(".") or bare.casefold() in _TITLES:
            continue
        return word
    return full_name.strip()
