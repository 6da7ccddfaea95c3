"""The trainer and manager dashboards driven with AppTest: who gets in, what they see, what they can do."""

from __future__ import annotations

import re

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from modules.i18n import t
from modules.store import default_store
from tests.cohort_builder import COURSE, SMALL_REGION, Cohort, add_activity, build
from tests.conftest import ROOT, sign_in_tab, use_database

SCRIPT = str(ROOT / "modules" / "navigation.py")


pytestmark = pytest.mark.both_engines  # the dashboards on SQLite and on PostgreSQL


@pytest.fixture
def cohort(database, monkeypatch) -> Cohort:
    use_database(monkeypatch, database)
    st.cache_data.clear()
    built = build(default_store())
    add_activity(built)
    return built


def open_page(user: dict, page: str) -> AppTest:
    at = AppTest.from_file(SCRIPT, default_timeout=60)
    sign_in_tab(at, user["id"])
    at.run()
    at.switch_page(page).run()
    assert not at.exception, at.exception
    return at


def page_text(at: AppTest) -> str:
    parts = [e.value for e in (*at.markdown, *at.caption, *at.info, *at.warning, *at.error, *at.title,
                               *at.subheader)]
    parts += [str(m.value) for m in at.metric]
    parts += [frame.value.to_csv() for frame in at.dataframe]
    # As the reader sees them: Markdown escapes of user text (modules/safetext.py) read as the characters.
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", "\n".join(str(p) for p in parts)).replace("\u200b", "")


@pytest.mark.parametrize("page", ["pages/trainer.py", "pages/manager.py"])
def test_a_learner_typing_the_address_is_refused(cohort, page):
    at = open_page(cohort.learner, page)
    assert [e.value for e in at.error] == [t("access.denied")]
    assert not at.dataframe and not at.metric


def test_trainer_sees_only_their_batch_and_can_search(cohort):
    at = open_page(cohort.trainer_a, "pages/trainer.py")
    learners = at.dataframe[0].value
    assert len(learners) == len(cohort.learners_1)
    assert all(name.startswith("Peserta Satu") for name in learners["Nama"])
    assert "Peserta Dua" not in page_text(at)
    at.text_input(key="trainer_search").input("satu 12").run()
    assert list(at.dataframe[0].value["Nama"]) == ["Peserta Satu 12"]
    assert "gagal 2× di kuis" in at.dataframe[0].value["Alasan"].iloc[0]


def test_trainer_filters_by_status(cohort):
    at = open_page(cohort.trainer_a, "pages/trainer.py")
    at.selectbox(key="trainer_status").set_value("certificate").run()
    assert set(at.dataframe[0].value["Status"]) == {"bersertifikat"}
    assert len(at.dataframe[0].value) == 2


def test_trainer_opens_an_item_and_sees_its_text_and_options(cohort):
    at = open_page(cohort.trainer_a, "pages/trainer.py")
    at.selectbox(key="items_quiz").set_value("digital-skills").run()
    picked = at.selectbox(key="items_pick").value
    question = COURSE.questions[picked]
    text = page_text(at)
    assert question.prompt in text
    assert all(option.text in text for option in question.options)


def test_manager_sees_aggregates_with_small_groups_hidden_and_no_person(cohort):
    at = open_page(cohort.manager_all, "pages/manager.py")
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Terdaftar"] == "17"
    assert metrics["Bersertifikat"] == "< 5"
    text = page_text(at)
    assert SMALL_REGION in text and "< 5" in text
    learner = default_store().get_user(cohort.learners_1[0])
    assert learner["nip"] not in text and learner["name"] not in text
    # Funnel, who lags, gain and activity: one chart each (only the open tab is drawn); quiz
    # results by group are a table.
    assert len(at.get("plotly_chart")) == 4


def test_manager_tabs_draw_the_open_tab_and_export_every_tab(cohort):
    at = open_page(cohort.manager_all, "pages/manager.py")
    def quiz_results_by_pillar() -> bool:
        return any({t("dash.col.group.pillar"), t("dash.col.took_quiz")} <= set(frame.value.columns)
                   for frame in at.dataframe)

    assert not quiz_results_by_pillar()
    at.session_state["manager_tab_groups"] = t("dash.by.pillar")
    at.run()
    assert not at.exception, at.exception
    assert quiz_results_by_pillar()
    # The exports hold every tab's table, drawn or not.
    names = [button.label for button in at.get("download_button")]
    assert all(any(t(f"dash.by.{by}") in name for name in names) for by in ("region", "agency", "batch", "pillar"))


def test_manager_filter_narrows_the_figures(cohort):
    at = open_page(cohort.manager_all, "pages/manager.py")
    at.multiselect(key="manager_batches").set_value([cohort.batch_2]).run()
    assert {m.label: m.value for m in at.metric}["Terdaftar"] == "6"


def test_admin_opens_both_dashboards(cohort):
    trainer = open_page(cohort.admin, "pages/trainer.py")
    assert len(trainer.dataframe[0].value) == len(cohort.learners_1) + len(cohort.learners_2)
    manager = open_page(cohort.admin, "pages/manager.py")
    assert {m.label: m.value for m in manager.metric}["Bersertifikat"] == "2"


def test_trainer_switching_quiz_after_picking_an_item_shows_an_item_of_the_new_quiz(cohort):
    at = open_page(cohort.trainer_a, "pages/trainer.py")
    at.selectbox(key="items_quiz").set_value("digital-skills").run()
    skills = at.selectbox(key="items_pick").options
    at.selectbox(key="items_pick").set_value(skills[-1]).run()
    at.selectbox(key="items_quiz").set_value("digital-ethics").run()
    assert not at.exception
    assert COURSE.questions[at.selectbox(key="items_pick").value].pillar == "digital-ethics"
