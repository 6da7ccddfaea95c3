"""The batch report: its figures are the dashboards' figures on the same data, small groups are
hidden as there, graduates are named for trainers and admins only, and the files hold it all."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from modules import analytics, batch_report, batch_report_pdf, certificates, evaluation, jp
from modules.exports import display_value
from modules.organiser import load_organiser
from tests.cohort_builder import COURSE, NOW, Cohort, add_activity, build, finish_course
from tests.conftest import ROOT, sign_in_tab

FORM, _ = evaluation.load_form(ROOT / "content")


@pytest.fixture
def cohort(store) -> Cohort:
    """The dashboard tests' cohort, and batch 2's six learners finish the course (and evaluate it);
    one of their certificates is revoked."""
    cohort = build(store)
    add_activity(cohort)
    for user_id in cohort.learners_2:
        finish_course(store, COURSE, user_id, NOW - dt.timedelta(days=3))
    code = store.certificate_for_user(cohort.learners_2[0])["code"]
    certificates.revoke(store, code, "dicabut untuk pengujian", cohort.admin["id"], NOW)
    return cohort


def _table(report: batch_report.Report, title: str) -> batch_report.Table:
    return next(table for table in report.tables if table.title == title)


def _headline(report: batch_report.Report) -> dict[str, str]:
    return {row["figure"]: row["value"] for row in report.tables[0].rows}


@pytest.mark.parametrize("who", ["admin", "manager_all", "trainer_b", "manager_small_region", "manager_batch"])
@pytest.mark.parametrize("narrow", [False, True])
def test_figures_are_the_dashboards_figures(cohort, who, narrow):
    viewer = getattr(cohort, who)
    filters = analytics.Filters(batch_ids=(cohort.batch_2,)) if narrow else analytics.NO_FILTERS
    report = batch_report.build(cohort.store, viewer, COURSE, FORM, NOW, filters)

    head = analytics.cohort_overview(cohort.store, viewer, COURSE, NOW, filters)
    started = next(r["learners"] for r in head["funnel"] if r["stage"] == "started")
    shown = _headline(report)
    assert shown["Peserta terdaftar"] == str(head["enrolled"])
    assert shown["Mulai belajar"] == str(started)
    assert shown["Menuntaskan semua pilar"] == str(head["completed"])
    assert shown["Bersertifikat"] == str(head["certified"])
    assert shown["Tingkat lulus kuis pilar"] == str(display_value(head["pass_rate"], "share"))
    assert shown["JP terselenggara"] == str(head["jp"])
    assert [r["learners"] for r in _table(report, "Corong").rows] == [r["learners"] for r in head["funnel"]]

    pillars = analytics.group_results(cohort.store, viewer, "pillar", filters)
    assert [(r["group"], r["pass_rate"], r["mean_score"]) for r in _table(report, "Kelulusan per pilar").rows] == \
        [(r["group"], r["pass_rate"], r["mean_score"]) for r in pillars]
    gains = analytics.learning_gain(cohort.store, viewer, "pillar", filters)
    assert [(r["pre"], r["post"], r["gain"]) for r in _table(report, "Gain per pilar").rows] == \
        [(r["pre"], r["post"], r["gain"]) for r in gains]
    results = analytics.evaluation_results(cohort.store, viewer, "all", filters)
    assert [(r["responses"], r["overall"]) for r in _table(report, "Evaluasi pelatihan").rows] == \
        [(r["responses"], r["overall"]) for r in results]


def test_small_groups_are_hidden_as_on_the_dashboard(cohort):
    # Kab. Lebak holds three learners: its manager sees "< 5" where a figure would be.
    report = batch_report.build(cohort.store, cohort.manager_small_region, COURSE, FORM, NOW)
    assert _headline(report)["Peserta terdaftar"] == "< 5"
    assert _table(report, "Daftar lulusan").rows == [] and not report.graduates_shown
    # Batch 1 has two evaluations, batch 2 six: only batch 2's figures are shown, to anyone.
    by_batch = {r["label"]: r for r in _table(batch_report.build(cohort.store, cohort.admin, COURSE, FORM, NOW),
                                               "Evaluasi per angkatan").rows}
    assert by_batch["Angkatan 1"]["responses"] == "< 5" and by_batch["Angkatan 1"]["overall"] == "< 5"
    assert by_batch["Angkatan 2"]["responses"] == 6 and by_batch["Angkatan 2"]["overall"] == 4.0


def test_graduates_are_the_valid_certificates_in_scope(cohort):
    report = batch_report.build(cohort.store, cohort.trainer_b, COURSE, FORM, NOW)
    graduates = _table(report, "Daftar lulusan").rows
    expected = [cohort.store.certificate_for_user(uid)["code"] for uid in cohort.learners_2[1:]]
    assert sorted(g["code"] for g in graduates) == sorted(expected)  # the revoked one is left out
    assert graduates[0]["nip"].count(" ") == 3 and graduates[0]["jp"] == jp.course_jp(COURSE)


def test_xlsx_has_a_sheet_per_table_and_the_pdf_prints_figures_and_signature(cohort, monkeypatch):
    monkeypatch.setenv("KELAS_PENYELENGGARA", "BPSDM Provinsi Banten")
    monkeypatch.setenv("KELAS_PEJABAT_NAMA", "Dr. Ahmad Fauzi")
    monkeypatch.setenv("KELAS_PEJABAT_NIP", "19700101 199503 1 002")
    monkeypatch.setenv("KELAS_PEJABAT_JABATAN", "Kepala BPSDM")
    monkeypatch.setenv("KELAS_TEMPAT_LAPORAN", "Serang")
    report = batch_report.build(cohort.store, cohort.admin, COURSE, FORM, NOW)
    book = load_workbook(io.BytesIO(batch_report.report_xlsx(report)))
    assert book.sheetnames == [table.title for table in report.tables]
    graduates = list(book["Daftar lulusan"].iter_rows(values_only=True))
    assert len(graduates) == 1 + 7  # two from batch 1, five valid from batch 2

    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(
        batch_report_pdf.render(report, load_organiser()))).pages)
    assert "Laporan Rekapitulasi Pelatihan" in text and "Penyelenggara: BPSDM Provinsi Banten" in text
    assert "Serang, 23 November 2026" in text and "Dr. Ahmad Fauzi" in text and "NIP 19700101 199503 1 002" in text
    assert _headline(report)["Peserta terdaftar"] in text
    for row in _table(report, "Daftar lulusan").rows:
        assert row["code"] in text.replace("\n", "")


def test_an_unset_official_is_printed_as_not_set(cohort, monkeypatch):
    for name in ("KELAS_PEJABAT_NAMA", "KELAS_PEJABAT_NIP", "KELAS_PEJABAT_JABATAN"):
        monkeypatch.delenv(name, raising=False)
    report = batch_report.build(cohort.store, cohort.admin, COURSE, FORM, NOW)
    text = PdfReader(io.BytesIO(batch_report_pdf.render(report, load_organiser()))).pages[-1].extract_text()
    assert text.count("(belum diatur)") >= 3


# ---------------------------------------------------------------- the pages (AppTest)

@pytest.fixture
def served_cohort(tmp_path, monkeypatch) -> Cohort:
    import streamlit as st

    from modules.store import default_store

    monkeypatch.setenv("KELAS_DB_PATH", str(tmp_path / "pages.db"))
    st.cache_data.clear()
    cohort = build(default_store())
    add_activity(cohort)
    for user_id in cohort.learners_2:
        finish_course(cohort.store, COURSE, user_id, NOW - dt.timedelta(days=3))
    return cohort


def _open(user: dict, page: str):
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "modules" / "navigation.py"), default_timeout=60)
    sign_in_tab(at, user["id"])
    at.run()
    at.switch_page(page).run()
    assert not at.exception, at.exception
    return at


def test_report_page_for_managers_and_admins(served_cohort):
    manager = _open(served_cohort.manager_all, "pages/batch_report.py")
    assert [b.label for b in manager.get("download_button")] == ["Unduh laporan (XLSX)", "Unduh laporan (PDF)"]
    assert "Daftar nama lulusan hanya untuk pelatih dan admin." in [c.value for c in manager.caption]
    assert "Jawaban terbuka evaluasi (hanya admin)" not in [s.value for s in manager.subheader]
    admin = _open(served_cohort.admin, "pages/batch_report.py")
    assert "Jawaban terbuka evaluasi (hanya admin)" in [s.value for s in admin.subheader]
    learner = _open(served_cohort.learner, "pages/batch_report.py")
    assert not learner.get("download_button")


def test_manager_dashboard_shows_evaluation_with_small_groups_hidden(served_cohort):
    at = _open(served_cohort.manager_all, "pages/manager.py")
    assert "Evaluasi pelatihan" in [s.value for s in at.subheader]
    tables = [frame.value for frame in at.dataframe if "Responden" in frame.value.columns]
    by_batch = tables[0].set_index("Angkatan")
    assert by_batch.loc["Angkatan 1", "Responden"] == "< 5" and str(by_batch.loc["Angkatan 2", "Responden"]) == "6"
