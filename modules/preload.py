"""A faster first screen: the browser fetches the code of the widgets the first screen draws together
with Streamlit's main script, instead of after it.

Streamlit's index page preloads its main script's static imports; each widget's code is a separate
chunk loaded lazily once the script run names the widget, a second wave of requests that starts
only when the main script has run and the websocket has answered. The chunks and what each needs
are listed in the main script (Vite's `__vite__mapDeps`); their names carry a content hash, so the
list is read once from the installed Streamlit and follows it through upgrades.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

import streamlit

STATIC = Path(streamlit.__file__).parent / "static"
# What the first screen draws (modules/pages/signin.py and the navigation around it), by the names
# of Streamlit's components: page links, the text fields of the sign-in form, the language switch and
# the sign-in/registration switch (segmented controls), and the page's own CSS and scripts (st.html).
FIRST_SCREEN = ("PageLink", "TextInput", "ButtonGroup", "Html")


def _lazy_chunks(main_script: str) -> dict[str, list[str]]:
    """{component name: [its chunk, then every chunk it imports]} from Vite's dependency map."""
    listed = re.search(r"m\.f=(\[[^\]]*\])", main_script)
    if listed is None:
        return {}
    files = json.loads(listed.group(1))
    chunks = {}
    for name, chunk, deps in re.findall(r"import\(`\./(([A-Za-z]\w*)\.[\w-]+\.js)`\)"
                                        r"(?:\.then\([^()]*\))?,__vite__mapDeps\(\[([\d,]*)\]\)", main_script):
        chunks[chunk] = [f"./{name}", *(files[int(i)] for i in deps.split(",") if i)]
    return chunks


@cache
def first_screen_links() -> bytes:
    """`<link rel="modulepreload">` tags for the chunks the first screen needs that Streamlit's
    index page does not preload already (empty if the build is not laid out as expected)."""
    index = (STATIC / "index.html").read_text(encoding="utf-8")
    main = re.search(r'<script type="module" crossorigin src="\./static/js/([\w.-]+\.js)"', index)
    if main is None:
        return b""
    chunks = _lazy_chunks((STATIC / "static" / "js" / main.group(1)).read_text(encoding="utf-8"))
    wanted: list[str] = []
    for component in FIRST_SCREEN:
        for file in chunks.get(component, []):
            href = "./static/js/" + file.removeprefix("./")
            if file.endswith(".js") and href not in index and href not in wanted:
                wanted.append(href)
    return "".join(f'<link rel="modulepreload" crossorigin href="{href}">' for href in wanted).encode()
