"""What a rerun no longer redoes: settings read again only when the environment changed, a short
chart table drawn as one Markdown table, page links through the st.Page of the run's menu."""

from __future__ import annotations

import inspect
import re

from modules import config, page_cache
from modules.exports import Column, display_table, markdown_table


def test_held_settings_know_every_variable_load_settings_reads():
    read = set(re.findall(r'"(KELAS_[A-Z_]+)"', inspect.getsource(config.load_settings)))
    assert read == set(config.SETTING_NAMES)


def test_held_settings_follow_a_changed_variable(monkeypatch):
    monkeypatch.setenv("KELAS_PASS_MARK", "70")
    assert config.current_settings().pass_mark == 70
    monkeypatch.setenv("KELAS_PASS_MARK", "80")
    assert config.current_settings().pass_mark == 80
    assert config.current_settings() is config.current_settings()


def test_a_short_chart_table_is_one_markdown_table_of_literal_text():
    table = display_table([{"pillar": "Cakap", "best": 60}, {"pillar": "A | [b](x)", "best": None}],
                          [Column("pillar", "Pilar"), Column("best", "Nilai terbaik", "count")])
    lines = markdown_table(table).splitlines()
    assert lines[:2] == ["| Pilar | Nilai terbaik |", "|---|---|"]
    assert lines[3] == r"| A \| \[b\]\(x\) | – |"
    numbers = markdown_table(display_table([{"n": 1}, {"n": 2}], [Column("n", "N", "count")]))
    assert numbers.splitlines()[1] == "|---:|"


class FakePage:
    def __init__(self, path: str) -> None:
        self._page = path
        self.url_path = path.rsplit("/", 1)[-1].removesuffix(".py")


def test_a_link_finds_the_page_of_the_menu_this_run_built():
    learner = {"Belajar": [FakePage("/app/pages/home.py"), FakePage("/app/pages/quiz.py")]}
    staff = [FakePage("/app/pages/home.py")]
    page_cache.menu(("test", "learner"), lambda: learner)
    assert page_cache.link_target("/app/pages/home.py") is learner["Belajar"][0]
    page_cache.menu(("test", "staff"), lambda: staff)
    assert page_cache.link_target("/app/pages/home.py") is staff[0]
    assert page_cache.link_target("/app/pages/quiz.py") is None  # not in this menu: the file name does


def shared_menu_script():
    import streamlit as st

    from modules import page_cache

    def hello():
        st.write("Halo")

    chosen = page_cache.navigation(("test", "one run's copy"), lambda: [st.Page(hello, title="Halo", default=True)])
    shared = page_cache.menu(("test", "one run's copy"), list)[0]
    st.session_state["own copy"] = chosen is not shared and chosen.url_path == shared.url_path
    chosen.run()


def test_each_run_runs_its_own_copy_of_the_shared_page():
    from streamlit.testing.v1 import AppTest

    first, second = AppTest.from_function(shared_menu_script), AppTest.from_function(shared_menu_script)
    for at in (first, second, first, second):  # the shared page ran before: still runnable here
        at.run()
        assert not at.exception and at.session_state["own copy"] and at.markdown[0].value == "Halo"
