"""Each lesson as a small printable HTML file for reading offline."""

from __future__ import annotations

from html.parser import HTMLParser

from modules.course import Lesson, Source, load_catalogue
from modules.i18n import STRINGS
from modules.lesson_export import file_name, lesson_html
from tests.conftest import ROOT

COURSE = load_catalogue(ROOT / "content", ROOT / "quizzes")


class _Collect(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.links: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        if tag == "a":
            self.links.append(dict(attrs)["href"])

    def handle_data(self, data):
        self.text.append(data)


def _parse(data: bytes) -> _Collect:
    parsed = _Collect()
    parsed.feed(data.decode("utf-8"))
    return parsed


def test_every_lesson_makes_a_small_self_contained_document():
    for lesson in COURSE.lessons.values():
        data = lesson_html(lesson, "Kelas Literasi Digital ASN")
        parsed = _parse(data)
        assert data.startswith(b"<!DOCTYPE html>\n<html lang=\"id\">")
        assert "script" not in parsed.tags and "img" not in parsed.tags and "link" not in parsed.tags
        assert lesson.title in parsed.text and all(o in parsed.text for o in lesson.objectives)
        assert [s.url for s in lesson.sources] == parsed.links[-len(lesson.sources):]
        assert "h2" in parsed.tags and len(data) < 40_000


def test_labels_follow_the_language_and_raw_html_stays_text():
    lesson = Lesson("aman-99", "digital-safety", "Uji <b>tebal</b>", 5, ("Tahu <i>x</i>",),
                    (Source("Sumber", "https://example.go.id/?a=1&b=2"),),
                    "## Bagian\n\nTeks **tebal** dan <script>alert(1)</script>.", "x.md")
    data = lesson_html(lesson, "Kelas", "en").decode()
    parsed = _parse(data.encode())
    assert '<html lang="en">' in data and STRINGS["lesson.sources"]["en"] in parsed.text
    assert STRINGS["lesson.sources"]["id"] in _parse(lesson_html(lesson, "Kelas", "id")).text
    assert "<strong>tebal</strong>" in data and "script" not in parsed.tags and "&lt;script&gt;" in data
    assert "Uji <b>tebal</b>" in parsed.text and "b" not in parsed.tags
    assert 'href="https://example.go.id/?a=1&amp;b=2"' in data
    assert file_name(lesson) == "pelajaran-aman-99.html"
