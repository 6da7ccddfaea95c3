"""Keluar: end the server-side session, then let the route clear the cookie."""

import streamlit as st

from modules.i18n import t
from modules.pages.common import store
from modules.web import SIGNOUT_PATH

token = st.session_state.get("session_token")
if token:
    store().delete_session(token)
for key in ("user_id", "user", "session_token"):
    st.session_state.pop(key, None)
st.success(t("signout.done"))
st.html(f"<script>window.location.replace('{SIGNOUT_PATH}')</script>", unsafe_allow_javascript=True)
