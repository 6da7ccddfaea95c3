"""A signed-in tab is re-checked against its session row on every rerun: revoking the session,
letting it expire, deactivating the person or resetting their access signs the open tab out at its
next click. And the database connection a rerun uses is borrowed from a pool, not opened anew."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from streamlit.testing.v1 import AppTest

from modules import auth
from modules.store import Store, default_store
from tests.conftest import PASSWORD, ROOT, VALID_NIP

SCRIPT = str(ROOT / "modules" / "navigation.py")


@pytest.fixture
def tab(tmp_path, monkeypatch) -> AppTest:
    """A learner signed in through the sign-in form, on the home page."""
    monkeypatch.setenv("KELAS_DB_PATH", str(tmp_path / "sessions.db"))
    store = default_store()
    store.create_user(nip=VALID_NIP, nip_kind="pns", name="Siti Rahmawati", agency="Diskominfo",
                      region="Kota Serang", password_hash=auth.hash_password(PASSWORD))
    at = AppTest.from_file(SCRIPT, default_timeout=30)
    at.run()
    at.text_input(key="signin_nip").input(VALID_NIP)
    at.text_input(key="signin_password").input(PASSWORD)
    next(b for b in at.button if b.label == "Masuk").click()
    at.run()
    at.run()
    assert signed_in(at)
    return at


def signed_in(at: AppTest) -> bool:
    text = "\n".join(str(e.value) for e in (*at.markdown, *at.title))
    assert not at.exception, at.exception
    return "Selamat belajar, Siti" in text and "user_id" in at.session_state


def user_id(at: AppTest) -> int:
    return at.session_state["user_id"]


def test_revoked_session_signs_the_open_tab_out(tab):
    default_store().delete_session(tab.session_state["session_token"])
    tab.run()
    assert not signed_in(tab)
    assert "session_token" not in tab.session_state


def test_deactivated_person_is_signed_out_at_the_next_rerun(tab):
    store = default_store()
    store.set_user_active(user_id(tab), False, actor_id=user_id(tab))
    tab.run()
    assert not signed_in(tab)


def test_access_reset_by_a_new_activation_code_signs_the_tab_out(tab):
    store = default_store()
    store.issue_activation_codes([(user_id(tab), auth.token_hash("kode-baru"))],
                                 dt.datetime.now(dt.UTC) + dt.timedelta(days=14), actor_id=user_id(tab))
    tab.run()
    assert not signed_in(tab)


def test_expired_session_signs_the_tab_out(tab):
    default_store().db.execute("UPDATE sessions SET expires_at = '2000-01-01T00:00:00+00:00'")
    tab.run()
    assert not signed_in(tab)


def test_a_live_session_stays_signed_in_across_reruns(tab):
    for _ in range(3):
        tab.run()
        assert signed_in(tab)


def test_reruns_on_new_threads_reuse_pooled_connections(tmp_path):
    store = Store(tmp_path / "pool.db")
    seen: set[int] = set()

    def rerun() -> None:  # Streamlit runs every rerun on a new thread
        seen.add(id(store.db))
        store.secret_key()

    for _ in range(20):
        thread = threading.Thread(target=rerun)
        thread.start()
        thread.join()
    assert len(seen) == 1
