"""First screen: what this is, how to get in, sign in or register."""

import streamlit as st

from modules import auth
from modules.i18n import t
from modules.pages.common import client_key, settings, store
from modules.roster import MAX_LENGTH
from modules.signin import register, sign_in
from modules.store import utcnow
from modules.web import PENDING_SIGNIN_CODE

st.title(t("signin.title"))
st.markdown(t("signin.intro"))
st.page_link("pages/activate.py", label=t("activate.link"), icon=":material/key:")
st.page_link("pages/reset_password.py", label=t("reset.link"), icon=":material/lock_reset:")

# Sign in or register, one form at a time: the first screen draws the sign-in form only (fewer
# elements to send and draw, and no list widgets' code to fetch before the form shows); the
# registration form is drawn when asked for. A segmented control, like the language switch, whose
# code the first screen loads anyway (tabs would draw both forms).
# `?daftar=1`: the plain first screen's Daftar link, followed before the app was ready (modules/first_screen.py).
opening = "register" if st.query_params.get("daftar") else "signin"
mode = st.segmented_control(t("signin.mode"), ("signin", "register"), default=opening, required=True,
                            key="signin_mode", label_visibility="collapsed",
                            format_func=lambda choice: t(f"{choice}.tab"))


def sign_in_form() -> None:
    with st.form("signin"):
        nip = st.text_input(t("field.nip"), placeholder="19860926 201505 1 001", key="signin_nip", max_chars=40)
        password = st.text_input(t("field.password"), type="password", key="signin_password",
                                 max_chars=auth.PASSWORD_MAX_LENGTH)
        if st.form_submit_button(t("signin.button"), type="primary"):
            outcome = sign_in(store(), nip=nip, password=password, now=utcnow(), client=client_key())
            if outcome.errors:
                for error in outcome.errors:
                    st.error(error)
            else:
                # This tab is signed in through its own session row (checked on every rerun) from the
                # next run on, which opens the person's own first page without reloading the app. That
                # page POSTs the code to the route that sets the session cookie for later visits (never
                # in a URL; modules/navigation.py).
                st.session_state["session_token"] = store().create_session(
                    outcome.user["id"], utcnow(), settings().session_hours)
                st.session_state["user_id"] = outcome.user["id"]
                st.session_state[PENDING_SIGNIN_CODE] = store().create_signin_code(outcome.user["id"], utcnow())
                st.rerun()


def register_form() -> None:
    st.caption(t("register.help"))
    with st.form("register", enter_to_submit=False):
        reg_nip = st.text_input(t("field.nip"), key="register_nip", placeholder="19860926 201505 1 001",
                                max_chars=40)
        kind = st.radio(t("field.kind"), ["pns", "pppk"], horizontal=True, key="register_kind",
                        format_func=lambda k: t(f"kind.{k}"))
        name = st.text_input(t("field.name"), key="register_name", max_chars=MAX_LENGTH["nama"])
        # The admin's lists where there are any (typing them gave "Kab Lebak" beside "Kab. Lebak").
        places = {column: store().known_places(column) for column in ("agency", "region")}
        agency = (st.selectbox(t("field.agency"), places["agency"], index=None, key="register_agency",
                               placeholder=t("register.choose"), accept_new_options=False) or ""
                  if places["agency"] else
                  st.text_input(t("field.agency"), key="register_agency", max_chars=MAX_LENGTH["instansi"]))
        region = (st.selectbox(t("field.region"), places["region"], index=None, key="register_region",
                               placeholder=t("register.choose"), accept_new_options=False) or ""
                  if places["region"] else
                  st.text_input(t("field.region"), key="register_region", max_chars=MAX_LENGTH["kabupaten_kota"]))
        new_password = st.text_input(t("field.password"), type="password", key="register_password",
                                     help=t("register.password_help"))
        again = st.text_input(t("field.password_again"), type="password", key="register_password_again")
        if st.form_submit_button(t("register.button"), type="primary"):
            outcome = register(store(), nip=reg_nip, kind=kind, name=name, agency=agency,
                               region=region, password=new_password, password_again=again)
            if outcome.errors:
                st.error(t("register.fix") + "\n\n" + "\n".join(f"- {e}" for e in outcome.errors))
            else:
                st.success(t("register.ok"))


if mode == "register":
    register_form()
else:
    sign_in_form()
