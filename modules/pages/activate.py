"""Aktivasi akun: people enrolled from a roster set their first password with NIP + activation code."""

import streamlit as st

from modules import admin
from modules.i18n import t
from modules.pages.common import client_key, store
from modules.safetext import t_plain
from modules.store import utcnow

st.title(t("activate.title"))
st.markdown(t("activate.intro", days=admin.CODE_VALID_DAYS))

with st.form("activate", enter_to_submit=False):
    nip = st.text_input(t("field.nip"), key="activate_nip", placeholder="19860926 201505 1 001")
    code = st.text_input(t("activate.code"), key="activate_code", placeholder="ABCD-EFGH-JK",
                         help=t("activate.code_help"))
    password = st.text_input(t("field.password"), type="password", key="activate_password",
                             help=t("register.password_help"))
    again = st.text_input(t("field.password_again"), type="password", key="activate_password_again")
    submitted = st.form_submit_button(t("activate.button"), type="primary")

if submitted:
    outcome = admin.activate(store(), nip=nip, code=code, password=password, password_again=again, now=utcnow(),
                             client=client_key())
    if outcome.errors:
        st.error(t("activate.fix") + "\n\n" + "\n".join(f"- {error}" for error in outcome.errors))
    else:
        st.success(t_plain("activate.ok", name=outcome.user["name"]))

st.page_link("pages/signin.py", label=t("activate.to_signin"), icon=":material/login:")
