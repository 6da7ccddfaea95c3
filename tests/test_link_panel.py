"""Links to our own pages drawn as one element (modules/link_panel.py): what the markup holds,
whatever the text, and that the pages' links lead where the st.page_link ones led."""

from __future__ import annotations

import pytest

from modules.link_panel import NAV_ATTRIBUTE, Link, inline_text, panel_html
from modules.pages.common import PILLAR_PAGE_FILES
from tests.shown import as_read, links
from tests.test_pages import app, signed_in_app  # noqa: F401  (app: a fixture)


def test_every_text_is_drawn_as_text_and_only_our_bold_becomes_bold():
    markup = panel_html([Link("./pelajaran?id=a&b=<x>", '<img src=x onerror=alert(1)> **Kuis** "q"', "quiz")],
                        lead="<script>alert(1)</script> **Lulus**")
    assert "<img" not in markup and "<script" not in markup
    assert "&lt;img src=x onerror=alert(1)&gt; <strong>Kuis</strong>" in markup
    assert "&lt;script&gt;alert(1)&lt;/script&gt; <strong>Lulus</strong>" in markup
    assert 'href="./pelajaran?id=a&amp;b=&lt;x&gt;"' in markup
    assert inline_text("a < b & **c**") == "a &lt; b &amp; <strong>c</strong>"


def test_a_link_carries_the_mark_the_page_script_routes_and_a_line_without_link_has_none():
    markup = panel_html([Link("./kuis?pilar=posttest", "Post-test", ":material/assignment:"),
                         Link("", "Pre-test — sudah dikerjakan", ":material/assignment:")])
    assert markup.count("<a ") == 1 and f'href="./kuis?pilar=posttest" {NAV_ATTRIBUTE}>' in markup
    assert '<div class="kelas-link kelas-plain">' in markup
    assert as_read(markup) == "Post-testPre-test — sudah dikerjakan"  # the icons are not read out


def test_an_icon_is_a_material_symbols_name_and_nothing_else():
    assert 'aria-hidden="true">check_circle</span>' in panel_html([Link("./x", "x", ":material/check_circle:")])
    for bad in (':material/x" onclick="y:', "<b>", "check circle"):
        with pytest.raises(ValueError):
            panel_html([Link("./x", "x", bad)])


def test_the_status_an_icon_shows_is_said_before_the_label():
    markup = panel_html([Link("./pelajaran?id=aman-01", "1. Kata Sandi", "check_circle", "Selesai")])
    assert as_read(markup) == "Selesai: 1. Kata Sandi"


def test_a_meter_is_named_by_its_lead_in_a_card():
    markup = panel_html([Link("./", "Lanjutkan", "play_arrow")], lead="1 dari 42 langkah", meter=(1, 42),
                        card=True)
    assert 'class="kelas-panel kelas-card"' in markup
    assert '<label class="kelas-meter"><span>1 dari 42 langkah</span><progress value="1" max="42">' in markup


def test_the_pages_link_where_their_page_links_did(app):  # noqa: F811
    at = signed_in_app(app)
    at.switch_page(PILLAR_PAGE_FILES["digital-safety"]).run()
    shown = links(at)
    assert shown[0][1:] == ("pelajaran", "id=aman-01") and shown[0][0].startswith("Belum dibuka: 1. ")
    assert shown[-1][1:] == ("kuis", "pilar=digital-safety")
    at.switch_page("pages/home.py").run()
    pages = [page for _, page, _ in links(at)]
    assert pages[-4:] == ["digital-skills", "digital-safety", "digital-culture", "digital-ethics"]
    at.query_params["id"] = "aman-01"
    at.switch_page("pages/lesson.py").run()
    assert [(page, query) for _, page, query in links(at)] == [
        ("digital-safety", ""), ("unduh/pelajaran", "id=aman-01"), ("pelajaran", "id=aman-02")]
    assert 'href="./unduh/pelajaran?id=aman-01" download>' in at.get("html")[0].proto.body  # a file, not a page
