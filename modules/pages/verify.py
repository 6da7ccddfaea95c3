"""Verifikasi sertifikat: open to anyone, signed in or not; `?kode=` comes from the QR code.

It tells whether a code is valid, revoked or unknown, and for a known code only the name, the
course, the completion date and the masked NIP. Repeated misses from one client are throttled.
"""

import streamlit as st

from modules import certificates
from modules.i18n import t
from modules.pages.common import pin_query_param, store
from modules.safetext import plain
from modules.store import utcnow

MAX_CODE_CHARS = 64  # a code is 29 characters with its dashes; room for stray spaces


def client() -> str:
    """Whom to count misses against; the address is hashed before it is stored."""
    peer, forwarded = st.context.ip_address, st.context.headers.get("X-Forwarded-For")
    # Anything but text (no connection, as in tests) counts as an unknown address.
    return certificates.client_key(certificates.client_address(
        peer if isinstance(peer, str) else None, forwarded if isinstance(forwarded, str) else None))


def show(result: certificates.Verification) -> None:
    if result.status == "invalid":
        st.warning(t(result.problem))
        return
    if result.status == "throttled":
        st.error(t("verify.throttled", minutes=result.wait_minutes))
        return
    if result.status == "unknown":
        st.error(t("verify.unknown"))
        if result.wait_minutes:
            st.warning(t("verify.throttled", minutes=result.wait_minutes))
        return
    (st.success if result.status == "valid" else st.error)(t(f"verify.{result.status}"))
    with st.container(border=True):
        for label, value in (("verify.name", result.name), ("verify.course", result.course),
                             ("verify.date", result.completed_on), ("verify.nip", result.masked_nip)):
            st.markdown(f"**{t(label)}:** {plain(value)}")


st.title(t("verify.title"))
st.markdown(t("verify.intro"))
from_link = st.query_params.get("kode", "")
with st.form("verify", enter_to_submit=True):
    typed = st.text_input(t("verify.code"), value=from_link[:MAX_CODE_CHARS], key="verify_code",
                          placeholder="XXXX-XXXX-XXXX-XXXX-XXXX-XXXX", max_chars=MAX_CODE_CHARS)
    submitted = st.form_submit_button(t("verify.button"), type="primary", icon=":material/verified:")

code = typed if submitted else from_link
if code:
    # A rerun (a language switch, say) shows the answer already given instead of asking again,
    # so that it does not count a second miss.
    previous = st.session_state.get("verify_last")
    if submitted or previous is None or previous[0] != code:
        previous = (code, certificates.verify(store(), code, client(), utcnow()))
        st.session_state["verify_last"] = previous
    if submitted and previous[1].status != "invalid":
        pin_query_param("kode", certificates.parse_code(code).code)
    show(previous[1])

if st.session_state.get("user") is None:
    st.divider()
    st.page_link("pages/signin.py", label=t("verify.signin"), icon=":material/login:")
