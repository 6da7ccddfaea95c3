"""Lupa kata sandi: ask for a one-time code by e-mail, then set a new password with it."""

import streamlit as st

from modules import mailer, password_reset
from modules.config import load_settings
from modules.i18n import t
from modules.pages.common import client_key, store
from modules.store import utcnow

st.title(t("reset.title"))
settings = mailer.mail_settings()
if settings is None:
    st.info(t("reset.unavailable"))
else:
    st.markdown(t("reset.intro", minutes=password_reset.RESET_VALID_MINUTES))
    st.subheader(t("reset.step_request"))
    with st.form("reset_request", enter_to_submit=False):
        nip = st.text_input(t("field.nip"), key="reset_nip", placeholder="19860926 201505 1 001", max_chars=40)
        email = st.text_input(t("reset.email"), key="reset_email", max_chars=254)
        if st.form_submit_button(t("reset.send"), type="primary"):
            password_reset.request_reset(store(), nip=nip, email=email, now=utcnow(),
                                         base_url=load_settings().base_url, settings=settings)
            st.success(t("reset.sent"))

    st.subheader(t("reset.step_use"))
    with st.form("reset_use", enter_to_submit=False):
        use_nip = st.text_input(t("field.nip"), key="reset_use_nip", placeholder="19860926 201505 1 001",
                                max_chars=40)
        code = st.text_input(t("reset.code"), key="reset_code", placeholder="ABCD-EFGH-JK", max_chars=40)
        password = st.text_input(t("field.password"), type="password", key="reset_password",
                                 help=t("register.password_help"), max_chars=128)
        again = st.text_input(t("field.password_again"), type="password", key="reset_password_again",
                              max_chars=128)
        if st.form_submit_button(t("reset.button"), type="primary"):
            outcome = password_reset.complete_reset(store(), nip=use_nip, code=code, password=password,
                                                    password_again=again, now=utcnow(), client=client_key())
            if outcome.errors:
                st.error(t("reset.fix") + "\n\n" + "\n".join(f"- {error}" for error in outcome.errors))
            else:
                st.success(t("reset.ok", name=outcome.user["name"]))

st.page_link("pages/signin.py", label=t("activate.to_signin"), icon=":material/login:")
