"""The lesson as a printable file (`GET /unduh/pelajaran?id=…`, modules/web.py): for a signed-in
person only, in their language, saved as a file, never drawn as a page of the site."""

from __future__ import annotations

from modules.course import load_catalogue
from modules.lesson_export import file_name
from modules.store import Store, utcnow
from tests.conftest import ROOT, make_learner
from tests.serving import http_get, signed_in_cookies, uvicorn_app

COURSE = load_catalogue(ROOT / "content", ROOT / "quizzes")


def cookie_header(cookies: dict[str, str]) -> dict[str, str]:
    return {"Cookie": "; ".join(f"{name}={value}" for name, value in cookies.items())}


def test_a_signed_in_person_gets_the_lesson_as_a_file_in_their_language(tmp_path):
    store = Store(tmp_path / "f.db")
    user_id = make_learner(store)
    lesson = COURSE.lessons["aman-01"]
    with uvicorn_app(tmp_path / "f.db") as port:
        cookies = signed_in_cookies(port, store.create_signin_code(user_id, utcnow()))
        status, headers, body = http_get(port, "/unduh/pelajaran?id=aman-01", cookie_header(cookies))
        assert status == 200, body
        assert headers["content-type"] == "text/html; charset=utf-8"
        assert headers["content-disposition"] == f'attachment; filename="{file_name(lesson)}"'
        assert headers["x-content-type-options"] == "nosniff" and "no-store" in headers["cache-control"]
        page = body.decode()
        assert '<html lang="id">' in page and lesson.title in page and "Sumber" in page
        english = cookie_header(cookies | {"kelas_bahasa": "en"})
        status, _, body = http_get(port, "/unduh/pelajaran?id=aman-01", english)
        assert status == 200 and "Sources" in body.decode() and "Sumber" not in body.decode()  # the labels

        status, _, body = http_get(port, "/unduh/pelajaran?id=tidak-ada", cookie_header(cookies))
        assert (status, body.decode()) == (404, "Pelajaran tidak ditemukan.")
        status, _, body = http_get(port, "/unduh/pelajaran?id=" + "a" * 5000, cookie_header(cookies))
        assert status in (404, 414, 431) and lesson.title.encode() not in body


def test_without_a_live_session_there_is_no_file(tmp_path):
    store = Store(tmp_path / "f.db")
    user_id = make_learner(store)
    with uvicorn_app(tmp_path / "f.db") as port:
        cookies = signed_in_cookies(port, store.create_signin_code(user_id, utcnow()))
        status, _, body = http_get(port, "/unduh/pelajaran?id=aman-01")
        assert (status, body.decode()) == (403, "Masuk dulu untuk mengunduh pelajaran.")
        forged = cookie_header(cookies | {"kelas_sesi": cookies["kelas_sesi"][:-4] + "AAAA"})
        assert http_get(port, "/unduh/pelajaran?id=aman-01", forged)[0] == 403
        with store.write() as conn:  # the session ended (signed out elsewhere, revoked)
            conn.execute("DELETE FROM sessions WHERE user_id = ?", (user_id,))
        assert http_get(port, "/unduh/pelajaran?id=aman-01", cookie_header(cookies))[0] == 403
        status, _, body = http_get(port, "/unduh/pelajaran?id=aman-01", {"Cookie": "kelas_bahasa=en"})
        assert (status, body.decode()) == (403, "Sign in first to download the lesson.")
