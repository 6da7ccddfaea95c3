"""The answer sheet's two routes (modules/web.py, modules/answer_sheet.py). Its questions
(`GET /lembar-kuis`): only for the attempt's owner, without an answer key. Choices saved as they are
made (`POST /pilihan-kuis`): only from the app's own pages, for the signed-in owner of an open
attempt, only real options; a busy database answers 503 and the same choice is taken once it is
free. Anything else stores nothing."""

from __future__ import annotations

import http.client
import json
import urllib.parse

from modules import attempts
from modules.course import load_catalogue
from modules.store import Store, utcnow
from tests.conftest import ROOT, make_learner, write_lock_held
from tests.serving import http_get, signed_in_cookies, uvicorn_app

COURSE = load_catalogue(ROOT / "content", ROOT / "quizzes")


def post(port: int, fields: dict[str, str] | str, cookies: dict[str, str] | None,
         site: str | None = "same-origin") -> int:
    body = fields if isinstance(fields, str) else urllib.parse.urlencode(fields)
    headers = {"Content-Type": "application/x-www-form-urlencoded"}
    if cookies:
        headers["Cookie"] = "; ".join(f"{name}={value}" for name, value in cookies.items())
    if site:
        headers["Sec-Fetch-Site"] = site
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request("POST", "/pilihan-kuis", body=body, headers=headers)
        response = conn.getresponse()
        response.read()
        return response.status
    finally:
        conn.close()


def test_a_real_choice_is_saved_and_a_later_one_replaces_it(tmp_path):
    store = Store(tmp_path / "c.db")
    user_id = make_learner(store)
    attempt = attempts.start_or_resume(store, COURSE, user_id, "digital-safety", 10, utcnow())
    single = next(q for q in attempt["question_ids"] if COURSE.questions[q].type != "multiple")
    multiple = next((q for q in attempt["question_ids"] if COURSE.questions[q].type == "multiple"), None)
    with uvicorn_app(tmp_path / "c.db") as port:
        cookies = signed_in_cookies(port, store.create_signin_code(user_id, utcnow()))
        sent = {"percobaan": str(attempt["id"]), "soal": single, "pilihan": "1"}
        assert post(port, sent, cookies) == 204
        assert store.drafts(attempt["id"], user_id) == {single: [1]}
        assert post(port, sent | {"pilihan": "0"}, cookies) == 204  # every question has two options at least
        assert store.drafts(attempt["id"], user_id) == {single: [0]}
        assert post(port, sent | {"pilihan": ""}, cookies) == 204  # chosen, then cleared
        assert store.drafts(attempt["id"], user_id).get(single, []) == []
        if multiple:
            assert post(port, {"percobaan": str(attempt["id"]), "soal": multiple, "pilihan": "2,0"}, cookies) == 204
            assert store.drafts(attempt["id"], user_id)[multiple] == [0, 2]


def test_anything_but_a_real_choice_of_ones_own_open_attempt_stores_nothing(tmp_path):
    store = Store(tmp_path / "c.db")
    user_id = make_learner(store)
    other_id = make_learner(store, nip="199001012015031002", name="Budi")
    attempt = attempts.start_or_resume(store, COURSE, user_id, "digital-safety", 10, utcnow())
    others = attempts.start_or_resume(store, COURSE, other_id, "digital-safety", 10, utcnow())
    single = next(q for q in attempt["question_ids"] if COURSE.questions[q].type != "multiple")
    options = len(COURSE.questions[single].options)
    with uvicorn_app(tmp_path / "c.db") as port:
        cookies = signed_in_cookies(port, store.create_signin_code(user_id, utcnow()))
        real = {"percobaan": str(attempt["id"]), "soal": single, "pilihan": "0"}
        refused = [
            (post(port, real, cookies, site="cross-site"), 403),  # another site's page
            (post(port, real, cookies, site=None), 403),  # not from a browser page at all
            (post(port, real, None), 403),  # not signed in
            (post(port, real, {"kelas_sesi": "forged"}), 403),
            (post(port, real | {"percobaan": str(others["id"])}, cookies), 400),  # someone else's attempt
            (post(port, real | {"soal": "not-in-this-attempt"}, cookies), 400),
            (post(port, real | {"pilihan": str(options)}, cookies), 400),  # not an option
            (post(port, real | {"pilihan": "0,1"}, cookies), 400),  # two answers to a single-answer question
            (post(port, real | {"pilihan": "-1"}, cookies), 400),
            (post(port, real | {"pilihan": "\u0663"}, cookies), 400),  # a digit, but not an ASCII one
            (post(port, real | {"pilihan": "0" * 70}, cookies), 400),
            (post(port, real | {"percobaan": "1" * 13}, cookies), 400),
            (post(port, real | {"percobaan": "x"}, cookies), 400),
            (post(port, "not a form", cookies), 400),
            (post(port, urllib.parse.urlencode(real) + "&pad=" + "a" * 2000, cookies), 413),  # over 1 KB
        ]
        assert [got for got, _ in refused] == [wanted for _, wanted in refused]
        assert store.drafts(attempt["id"], user_id) == {} and store.drafts(others["id"], other_id) == {}

        attempts.submit(store, COURSE, attempt, {q: [0] for q in attempt["question_ids"]}, 70, utcnow())
        assert post(port, real | {"pilihan": "1"}, cookies) == 400  # the attempt is closed
        assert store.get_attempt(attempt["id"], user_id)["score"] is not None


def test_a_choice_the_busy_database_cannot_take_is_taken_when_sent_again(tmp_path):
    store = Store(tmp_path / "c.db")
    user_id = make_learner(store)
    attempt = attempts.start_or_resume(store, COURSE, user_id, "digital-safety", 10, utcnow())
    single = next(q for q in attempt["question_ids"] if COURSE.questions[q].type != "multiple")
    with uvicorn_app(tmp_path / "c.db") as port:
        cookies = signed_in_cookies(port, store.create_signin_code(user_id, utcnow()))
        sent = {"percobaan": str(attempt["id"]), "soal": single, "pilihan": "1"}
        with write_lock_held(store):  # e.g. a roster import holding the write lock past the timeout
            assert post(port, sent, cookies) == 503
        assert store.drafts(attempt["id"], user_id) == {}
        assert post(port, sent, cookies) == 204  # what the browser does next
        assert store.drafts(attempt["id"], user_id) == {single: [1]}


def test_the_questions_go_to_the_attempts_owner_only_and_carry_no_answer_key(tmp_path):
    store = Store(tmp_path / "c.db")
    user_id = make_learner(store)
    other_id = make_learner(store, nip="199001012015031002", name="Budi")
    attempt = attempts.start_or_resume(store, COURSE, user_id, "digital-safety", 10, utcnow())
    with uvicorn_app(tmp_path / "c.db") as port:
        cookies = signed_in_cookies(port, store.create_signin_code(user_id, utcnow()))
        others = signed_in_cookies(port, store.create_signin_code(other_id, utcnow()))
        mine = {"Cookie": "; ".join(f"{name}={value}" for name, value in cookies.items())}
        path = f"/lembar-kuis?percobaan={attempt['id']}&bahasa=id"
        status, headers, body = http_get(port, path, mine)
        assert status == 200 and headers["content-type"] == "application/json"
        assert headers["cache-control"] == "private, no-store"  # a shared office computer keeps nothing
        sheet = json.loads(body)
        assert [q["id"] for q in sheet["questions"]] == attempt["question_ids"]
        assert sheet["questions"][0]["label"].startswith("Soal 1. ")
        assert "correct" not in body.decode() and "why" not in body.decode()
        english = json.loads(http_get(port, path.replace("bahasa=id", "bahasa=en"), mine)[2])
        assert english["questions"][0]["label"].startswith("Question 1. ")
        theirs = {"Cookie": "; ".join(f"{name}={value}" for name, value in others.items())}
        for asked, headers in ((path, theirs), (path, {}), ("/lembar-kuis?percobaan=x", mine),
                               ("/lembar-kuis?percobaan=" + "9" * 13, mine), ("/lembar-kuis", mine)):
            assert http_get(port, asked, headers)[0] == 404, asked
