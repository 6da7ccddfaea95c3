"""First screen: what this is, how to get in, sign in or register."""

import streamlit as st

from modules.i18n import t
from modules.pages.common import settings, store
from modules.signin import register, sign_in
from modules.store import utcnow
from modules.web import SIGNIN_PATH

st.title(t("signin.title"))
st.markdown(t("signin.intro"))
st.page_link("pages/activate.py", label=t("activate.link"), icon=":material/key:")

signin_tab, register_tab = st.tabs([t("signin.tab"), t("register.tab")])

with signin_tab, st.form("signin"):
    nip = st.text_input(t("field.nip"), placeholder="19860926 201505 1 001", key="signin_nip")
    password = st.text_input(t("field.password"), type="password", key="signin_password")
    if st.form_submit_button(t("signin.button"), type="primary"):
        outcome = sign_in(store(), nip=nip, password=password, now=utcnow())
        if outcome.errors:
            for error in outcome.errors:
                st.error(error)
        else:
            # This tab is signed in through its own session row (checked on every rerun) until the
            # browser comes back from the route below with the cookie.
            st.session_state["session_token"] = store().create_session(
                outcome.user["id"], utcnow(), settings().session_hours)
            st.session_state["user_id"] = outcome.user["id"]
            code = store().create_signin_code(outcome.user["id"], utcnow())
            # Hand the browser to the route that sets the session cookie; it redirects back at once.
            st.html(f"<script>window.location.replace('{SIGNIN_PATH}?kode={code}')</script>",
                    unsafe_allow_javascript=True)
            st.success(t("signin.ok"))
            st.stop()

with register_tab:
    st.caption(t("register.help"))
    with st.form("register", enter_to_submit=False):
        reg_nip = st.text_input(t("field.nip"), key="register_nip", placeholder="19860926 201505 1 001")
        kind = st.radio(t("field.kind"), ["pns", "pppk"], horizontal=True, key="register_kind",
                        format_func=lambda k: t(f"kind.{k}"))
        name = st.text_input(t("field.name"), key="register_name")
        agency = st.text_input(t("field.agency"), key="register_agency")
        region = st.text_input(t("field.region"), key="register_region")
        new_password = st.text_input(t("field.password"), type="password", key="register_password",
                                     help=t("register.password_help"))
        again = st.text_input(t("field.password_again"), type="password", key="register_password_again")
        if st.form_submit_button(t("register.button"), type="primary"):
            outcome = register(store(), nip=reg_nip, kind=kind, name=name, agency=agency,
                               region=region, password=new_password, password_again=again)
            if outcome.errors:
                st.error(t("register.fix") + "\n\n" + "\n".join(f"- {e}" for e in outcome.errors))
            else:
                st.success(t("register.ok", name=outcome.user["name"]))
