"""What an AppTest page shows in its st.html blocks (modules/link_panel.py draws links that way)."""

from __future__ import annotations

import html
import re
from urllib.parse import urlsplit

from streamlit.testing.v1 import AppTest

_LINK = re.compile(r'<a class="kelas-link" href="([^"]*)"[^>]*>(.*?)</a>', re.S)


def as_read(markup: str) -> str:
    """Markup as a reader sees it: the text without tags, and without the icons (aria-hidden)."""
    shown = re.sub(r'<span[^>]*aria-hidden="true"[^>]*>[^<]*</span>', "", markup)
    return html.unescape(re.sub(r"<[^>]+>", "", shown))


def html_text(at: AppTest) -> list[str]:
    return [as_read(element.proto.body) for element in at.get("html")]


def links(at: AppTest) -> list[tuple[str, str, str]]:
    """Every link a page draws, page links and those in st.html blocks: (label, page, query)."""
    found = [(e.proto.label, e.proto.page, e.proto.query_string) for e in at.get("page_link")]
    for element in at.get("html"):
        for href, inside in _LINK.findall(element.proto.body):
            address = urlsplit(html.unescape(href))
            found.append((as_read(inside), address.path.removeprefix("./"), address.query))
    return found
