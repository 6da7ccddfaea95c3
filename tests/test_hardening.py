"""A browser's "clear cache" request leaves the shared caches alone (it would slow every dashboard)."""

from __future__ import annotations

import streamlit as st
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.runtime.app_session import AppSession, AppSessionState

from modules.hardening import keep_shared_caches

calls: list[int] = []


@st.cache_data
def expensive(n: int) -> int:
    calls.append(n)
    return n * 2


def test_a_clear_cache_message_from_a_browser_clears_nothing():
    keep_shared_caches()
    expensive(21)
    message = BackMsg()
    message.clear_cache = True
    # The handler every websocket message goes through, with the message a browser sends.
    session = AppSession.__new__(AppSession)
    session._state = AppSessionState.SHUTDOWN_REQUESTED  # a bare session: nothing to shut down later
    session._session_state = {"user_id": 7}
    AppSession.handle_backmsg(session, message)
    assert session._session_state == {"user_id": 7}
    expensive(21)
    assert calls == [21]
