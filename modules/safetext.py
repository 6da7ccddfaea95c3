"""User-supplied text drawn as text: names, e-mail, agencies, batches, reasons and file contents.

Streamlit draws titles, captions, alerts and Markdown as Markdown (with links, images, `$math$`
and `:color[…]` directives), so a name like `[Klik](https://evil.test)` would become a live link.
`plain` escapes every ASCII punctuation character (CommonMark allows a backslash before any of
them, which then shows the character itself) and folds line breaks into spaces.
"""

from __future__ import annotations

import json
import re

from modules.i18n import t

_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")  # every ASCII punctuation character
# GFM links bare addresses (`https://…`, `www.…`, `nama@instansi.go.id`) in the text itself, after
# escapes are read; an invisible zero-width space keeps them from being recognised.
_BARE_LINK = re.compile(r"(?i)\b(https?|ftp|mailto|xmpp|www)(?=[:.])|(?=@)")
_ZERO_WIDTH_SPACE = "\u200b"


def plain(text: object) -> str:
    """`text` as literal text inside a Markdown element."""
    folded = " ".join(str(text).split())
    unlinked = _BARE_LINK.sub(lambda match: (match.group(1) or "") + _ZERO_WIDTH_SPACE, folded)
    return _PUNCTUATION.sub(r"\\\1", unlinked)


def t_plain(key: str, **values: object) -> str:
    """The string `key` with every text value drawn as literal text (numbers pass as they are)."""
    return t(key, **{name: plain(value) if isinstance(value, str) else value for name, value in values.items()})


def js_literal(text: str) -> str:
    """A JavaScript string literal that nothing in `text` can end the script it stands in from."""
    return json.dumps(text).replace("<", "\\u003c")
