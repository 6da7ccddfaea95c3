"""The course evaluation: its form file, when it opens, what is stored (and what not), the
certificate after it, the small-group rule, open answers for admins only, and the page."""

from __future__ import annotations

import datetime as dt
import textwrap

import pytest
from streamlit.testing.v1 import AppTest

from modules import analytics, evaluation
from modules.course import PILLARS
from modules.store import default_store
from tests.certificate_helpers import course_catalogue, submit_evaluation, take
from tests.conftest import ROOT, sign_in_tab

pytestmark = pytest.mark.both_engines  # store-level guarantees hold on SQLite and PostgreSQL

FORM, _ = evaluation.load_form(ROOT / "content")
SCRIPT = str(ROOT / "modules" / "navigation.py")


def _people(store, count: int, batch_id: int, prefix: int = 1, region: str = "Kota Serang") -> list[int]:
    return [store.create_user(nip=f"1990010120200{prefix}{n:04d}", nip_kind="pns", name=f"Peserta {prefix}-{n}",
                              batch_id=batch_id, agency="Dinas Kesehatan", region=region) for n in range(1, count + 1)]


def _through_posttest(store, user_id: int, now: dt.datetime) -> None:
    course = course_catalogue()
    for pillar in PILLARS:
        take(store, course, user_id, pillar, now, right=9)
    take(store, course, user_id, "posttest", now + dt.timedelta(minutes=5))


def _admin(store) -> dict:
    return store.get_user(store.create_user(nip="197001012000031002", nip_kind="pns", name="Admin", role="admin"))


# ---------------------------------------------------------------- the form file

def test_the_shipped_form_has_the_four_aspects_and_two_open_questions():
    assert FORM is not None
    assert [a.id for a in FORM.aspects] == ["materi", "platform", "relevansi", "kepuasan"]
    assert len(FORM.open_questions) == 2 and len(FORM.scale) == 5 and FORM.agree_from == 4


def test_a_broken_form_is_reported_with_lines(tmp_path):
    (tmp_path / "evaluasi.yaml").write_text(textwrap.dedent("""\
        version: 1
        scale: [Tidak, Ya]
        aspects:
          - id: materi
            title: Materi
            items:
              - id: butir-1
                text: Materi jelas.
              - id: butir-1
                text: Materi lagi.
          - id: Platform Baru
            title: Platform
            items: []
        """), encoding="utf-8")
    form, problems = evaluation.load_form(tmp_path)
    assert form is None
    messages = [str(p) for p in problems]
    assert f"{tmp_path.name}/evaluasi.yaml:2: 'scale' must list 3 to 7 labels" in messages[0]
    assert any(m.endswith(":9: id 'butir-1' is used twice") for m in messages)
    assert any(":11: an aspect needs an 'id' of lowercase letters" in m for m in messages)
    assert any(":13: an aspect needs at least one item" in m for m in messages)
    assert evaluation.load_form(tmp_path / "nowhere")[1][0].message == "the course evaluation form is missing"


def test_validate_content_checks_the_form(tmp_path, monkeypatch, capsys):
    from modules.cli import main

    content = tmp_path / "content"
    content.mkdir()
    for folder in (ROOT / "content").iterdir():
        if folder.is_dir():
            (content / folder.name).symlink_to(folder)
    (content / "evaluasi.yaml").write_text("version: 1\nscale: [a, b, c]\naspects: oops\n", encoding="utf-8")
    monkeypatch.setenv("KELAS_CONTENT_DIR", str(content))
    assert main(["validate-content"]) == 1
    assert "content/evaluasi.yaml:3: 'aspects' must list at least one aspect" in capsys.readouterr().out


# ---------------------------------------------------------------- submitting

def test_opens_after_the_posttest_and_issues_the_certificate(store, now):
    user_id = _people(store, 1, None)[0]
    ratings = {item.id: 5 for item in FORM.items}
    assert evaluation.submit(store, FORM, user_id, [], ratings, {}, now).key == "eval.not_open"
    _through_posttest(store, user_id, now)
    assert store.certificate_for_user(user_id) is None
    history = store.submitted_attempts(user_id)
    missing = dict(ratings, **{FORM.items[1].id: None, FORM.items[4].id: 9})  # unrated, and off the scale
    refusal = evaluation.submit(store, FORM, user_id, history, missing, {}, now)
    assert (refusal.key, refusal.values) == ("eval.missing", {"numbers": "2, 5"})
    too_long = {"saran": "x" * (evaluation.MAX_COMMENT + 1)}
    assert evaluation.submit(store, FORM, user_id, history, ratings, too_long, now).key == "eval.too_long"
    assert not evaluation.evaluation_done(store, user_id)
    assert store.db.execute("SELECT count(*) FROM evaluation_responses").fetchone()[0] == 0  # nothing stored

    assert evaluation.submit(store, FORM, user_id, history, ratings, {"saran": "  Tambah  video. "}, now,
                             catalogue=course_catalogue()) is None
    assert evaluation.evaluation_done(store, user_id)
    assert store.certificate_for_user(user_id) is not None
    assert evaluation.submit(store, FORM, user_id, history, ratings, {}, now).key == "eval.already"
    assert store.db.execute("SELECT count(*) FROM evaluation_responses").fetchone()[0] == 1


def test_answers_are_stored_apart_from_identity(store, now):
    batch = store.save_batch(batch_id=None, name="Angkatan 1", starts_on=None, ends_on=None, actor_id=None)
    user_id = _people(store, 1, batch)[0]
    _through_posttest(store, user_id, now)
    submit_evaluation(store, user_id, now, comments={"manfaat": "Materi phishing"})
    columns = {name for table in ("evaluation_responses", "evaluation_ratings", "evaluation_comments")
               for name in store.db.dialect.columns(store.db, table)}
    assert not columns & {"user_id", "nip", "name", "submitted_at"}
    response = next(store.db.query("SELECT batch_id, agency, region FROM evaluation_responses"))
    assert response == {"batch_id": batch, "agency": "Dinas Kesehatan", "region": "Kota Serang"}
    # The one table that names people holds no answer.
    assert store.db.dialect.columns(store.db, "evaluation_submissions") == {"user_id", "submitted_at"}


# ---------------------------------------------------------------- results

@pytest.fixture
def evaluated(store, now):
    """Batch 1: five learners evaluated (ratings 5, 4, 4, 3, 2); batch 2: four learners (all 5)."""
    admin = _admin(store)
    first = store.save_batch(batch_id=None, name="Angkatan 1", starts_on=None, ends_on=None, actor_id=admin["id"])
    second = store.save_batch(batch_id=None, name="Angkatan 2", starts_on=None, ends_on=None, actor_id=admin["id"])
    trainer = store.get_user(store.create_user(nip="197501012000031003", nip_kind="pns", name="Pelatih",
                                               role="trainer"))
    store.set_batch_trainers(second, [trainer["id"]], admin["id"])
    for user_id, rating in zip(_people(store, 5, first, 1), (5, 4, 4, 3, 2), strict=True):
        _through_posttest(store, user_id, now)
        submit_evaluation(store, user_id, now, rating=rating, comments={"saran": f"Saran {rating}"})
    for user_id in _people(store, 4, second, 2, region="Kab. Lebak"):
        _through_posttest(store, user_id, now)
        submit_evaluation(store, user_id, now, rating=5, comments={"saran": "Bagus"})
    manager = store.get_user(store.create_user(nip="197801012000031004", nip_kind="pns", name="Manajer",
                                               role="manager"))
    store.set_manager_scopes(manager["id"], [("all", "")], admin["id"])
    return {"admin": admin, "trainer": trainer, "manager": manager, "first": first, "second": second}


def test_groups_under_five_responses_are_suppressed_for_everyone(store, evaluated):
    for viewer in (evaluated["admin"], evaluated["manager"]):
        rows = {r["group"]: r for r in analytics.evaluation_results(store, viewer, "batch")}
        assert rows["Angkatan 1"]["responses"] == 5
        assert rows["Angkatan 1"]["overall"] == 3.6 and rows["Angkatan 1"]["aspects"]["materi"] == 3.6
        assert rows["Angkatan 1"]["agree"] == 0.6  # 4 and 5 agree: three of five
        assert rows["Angkatan 2"] == {"group": "Angkatan 2", "responses": "< 5", "overall": "< 5", "agree": "< 5",
                                      "aspects": dict.fromkeys(["kepuasan", "materi", "platform", "relevansi"],
                                                               "< 5")}
    total = analytics.evaluation_results(store, evaluated["admin"], "all")
    assert total[0]["responses"] == 9 and total[0]["overall"] == round((18 + 20) / 9, 2)
    # The trainer of batch 2 sees their own four responses only as "< 5".
    assert analytics.evaluation_results(store, evaluated["trainer"], "all")[0]["overall"] == "< 5"
    learner = store.get_user(_people(store, 1, None, 3)[0])
    assert analytics.evaluation_results(store, learner, "all") == []


def test_open_answers_only_to_admins_and_only_from_five_responses(store, evaluated):
    admin = evaluated["admin"]
    texts = [c["text"] for c in analytics.evaluation_comments(store, admin)]
    assert sorted(texts) == texts and len(texts) == 9
    assert analytics.evaluation_comments(store, evaluated["manager"]) == []
    assert analytics.evaluation_comments(store, evaluated["trainer"]) == []
    assert analytics.evaluation_comments(store, admin, analytics.Filters(batch_ids=(evaluated["second"],))) == []
    first_only = analytics.evaluation_comments(store, admin, analytics.Filters(batch_ids=(evaluated["first"],)))
    assert len(first_only) == 5


# ---------------------------------------------------------------- the page

def test_learner_fills_in_the_page_and_gets_the_certificate(tmp_path, monkeypatch, now):
    monkeypatch.setenv("KELAS_DB_PATH", str(tmp_path / "page.db"))
    monkeypatch.setenv("KELAS_COMPLETION_RULE", "quizzes")  # the quizzes of a lesson-free test course
    store = default_store()
    user_id = _people(store, 1, None)[0]
    at = AppTest.from_file(SCRIPT, default_timeout=30)
    at.run()
    sign_in_tab(at, user_id)
    at.run()
    at.switch_page("pages/evaluation.py").run()
    assert "Evaluasi terbuka setelah Anda mengerjakan post-test." in [i.value for i in at.info]
    _through_posttest(store, user_id, now)
    at.switch_page("pages/evaluation.py").run()
    assert len(at.radio) == len(FORM.items) and len(at.text_area) == 2
    at.button[0].click().run()  # nothing rated yet
    assert "Butir nomor 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 belum dinilai" in at.error[0].value
    for radio in at.radio:
        radio.set_value(4)
    at.text_area[0].input("**Skenario** phishing")
    at.button[0].click().run()
    assert not at.exception
    assert "Terima kasih, evaluasi Anda sudah terkirim." in [s.value for s in at.success]
    assert store.certificate_for_user(user_id) is not None
    comment = store.db.execute("SELECT text FROM evaluation_comments").fetchone()[0]
    assert comment == "**Skenario** phishing"
