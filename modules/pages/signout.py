"""Keluar: asks first, so that a link from another site cannot sign anyone out; then ends the
server-side session and lets the route clear the cookie (a same-origin POST)."""

import streamlit as st

from modules.i18n import t
from modules.pages.common import store
from modules.web import SIGNOUT_PATH, post_then_go_home

st.title(t("signout.title"))
st.markdown(t("signout.ask"))
if not st.button(t("nav.signout"), type="primary", icon=":material/logout:", key="signout_confirm"):
    st.stop()
token = st.session_state.get("session_token")
if token:
    store().delete_session(token)
for key in ("user_id", "user", "session_token"):
    st.session_state.pop(key, None)
st.success(t("signout.done"))
st.html(post_then_go_home(SIGNOUT_PATH), unsafe_allow_javascript=True)
