"""Several links to the app's own pages drawn as one element.

Each st.page_link is an element of its own, and every element is a message to the browser on each
rerun: a pillar's ten links cost more than the rest of its page. Here the links are plain
`<a href>` in one st.html block. The page's script (modules/accessibility.py) turns a plain left
click on one into Streamlit's in-app navigation, as its Back button does (the address changes and
Streamlit runs that page), so nothing is reloaded; a middle click or "open in new tab" works as
with any link, and without the script a click loads the page in full.

Every text is escaped; the `**bold**` of our own strings becomes <strong>.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from dataclasses import dataclass

NAV_ATTRIBUTE = "data-kelas-nav"  # the script routes clicks on links that carry it
_BOLD = re.compile(r"\*\*(.+?)\*\*")


@dataclass(frozen=True)
class Link:
    href: str  # relative to the page's address, e.g. "./pelajaran?id=aman-01"; "" for a line without a link
    label: str  # our text; `**bold**` is drawn bold
    icon: str  # a Material Symbols name, or Streamlit's ":material/name:"
    status: str = ""  # what the icon shows, said to screen readers before the label
    download: bool = False  # a file to save (a route of modules/web.py), not a page of the app


def inline_text(text: str) -> str:
    """`text` as HTML text, with `**…**` as <strong>."""
    return _BOLD.sub(r"<strong>\1</strong>", html.escape(text, quote=False))


def _icon(name: str) -> str:
    name = name.removeprefix(":material/").removesuffix(":")
    if not re.fullmatch(r"[a-z0-9_]+", name):
        raise ValueError(f"not a Material Symbols name: {name!r}")
    return f'<span class="kelas-icon" aria-hidden="true">{name}</span>'


def _link(link: Link) -> str:
    inside = f'{_icon(link.icon)}<span>{_unseen(link.status)}{inline_text(link.label)}</span>'
    if not link.href:
        return f'<div class="kelas-link kelas-plain">{inside}</div>'
    how = "download" if link.download else NAV_ATTRIBUTE
    return f'<a class="kelas-link" href="{html.escape(link.href)}" {how}>{inside}</a>'


def _unseen(text: str) -> str:
    return f'<span class="kelas-unseen">{html.escape(text, quote=False)}: </span>' if text else ""


def panel_html(links: Sequence[Link], *, lead: str = "", meter: tuple[int, int] | None = None,
               card: bool = False) -> str:
    """The links as one block: an optional lead paragraph, an optional meter (done, total) named by
    the lead, and a bordered card like st.container(border=True) when `card`."""
    parts = []
    if meter is not None:
        done, total = meter
        parts.append(f'<label class="kelas-meter"><span>{inline_text(lead)}</span>'
                     f'<progress value="{int(done)}" max="{max(int(total), 1)}"></progress></label>')
    elif lead:
        parts.append(f"<p>{inline_text(lead)}</p>")
    parts.append('<div class="kelas-links">' + "".join(_link(link) for link in links) + "</div>")
    return f'<div class="kelas-panel{" kelas-card" if card else ""}">' + "".join(parts) + "</div>"
