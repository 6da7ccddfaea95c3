"""A lesson as one printable, self-contained HTML file for reading offline ("Unduh pelajaran").

No scripts, no external fonts or images: a few kilobytes that open in any browser, print on A4
and keep their sources as links. The lesson's Markdown is the course's own content (checked by
validate-content); any HTML written in it is escaped, so the file only ever holds what Markdown makes.
"""

from __future__ import annotations

import html
import re

import markdown

from modules.course import Lesson
from modules.i18n import STRINGS

_CSS = """
body { font-family: Georgia, "DejaVu Serif", serif; color: #111; max-width: 44rem; margin: 2rem auto;
       padding: 0 1rem; line-height: 1.6; font-size: 12pt; }
h1 { font-size: 1.6rem; line-height: 1.25; color: #103460; margin-bottom: .2rem; }
h2, h3 { color: #103460; }
.meta { color: #555; margin-top: 0; }
.objectives { border: 1px solid #bbb; border-radius: 4px; padding: .5rem 1rem; }
a { color: #0B5CAD; }
blockquote { border-left: 3px solid #0B5CAD; margin-left: 0; padding-left: 1rem; color: #333; }
table { border-collapse: collapse; } td, th { border: 1px solid #bbb; padding: .2rem .5rem; }
footer { margin-top: 2rem; color: #555; font-size: .9rem; }
@media print { body { margin: 0; max-width: none; } a { color: #111; }
               a[href]::after { content: " (" attr(href) ")"; } }
"""


def _markdown(text: str) -> str:
    # Escaping first keeps raw HTML in the source inert; Markdown syntax does not use < or &.
    return markdown.markdown(html.escape(text, quote=False), extensions=["tables", "sane_lists"])


def lesson_html(lesson: Lesson, course_title: str, language: str = "id") -> bytes:
    """The lesson as UTF-8 HTML: title, minutes, objectives, text, sources (labels in `language`)."""
    def t(key: str, **values: object) -> str:  # the reader's language, whichever thread draws the file
        text = STRINGS[key].get(language) or STRINGS[key]["id"]
        return text.format(**values) if values else text

    objectives = "".join(f"<li>{html.escape(o)}</li>" for o in lesson.objectives)
    sources = "".join(f'<li><a href="{html.escape(s.url)}">{html.escape(s.title)}</a></li>' for s in lesson.sources)
    page = f"""<!DOCTYPE html>
<html lang="{html.escape(language)}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{html.escape(lesson.title)} — {html.escape(course_title)}</title><style>{_CSS}</style></head>
<body><main>
<p class="meta">{html.escape(course_title)} · {html.escape(t(f"pillar.{lesson.pillar}.title"))}</p>
<h1>{html.escape(lesson.title)}</h1>
<p class="meta">{html.escape(t("lesson.minutes", n=lesson.minutes))}</p>
<section class="objectives" aria-label="{html.escape(t("lesson.objectives"))}">
<h2>{html.escape(t("lesson.objectives"))}</h2><ul>{objectives}</ul></section>
{_markdown(lesson.body)}
<h2>{html.escape(t("lesson.sources"))}</h2><ul>{sources}</ul>
</main><footer>{html.escape(t("lesson.offline_note"))}</footer></body></html>
"""
    return page.encode("utf-8")


def file_name(lesson: Lesson) -> str:
    return f"pelajaran-{re.sub(r'[^a-z0-9]+', '-', lesson.id.lower()).strip('-')}.html"
