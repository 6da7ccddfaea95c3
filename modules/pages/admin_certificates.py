"""Kelola sertifikat (admins): find a certificate and revoke it with a reason, audited."""

import streamlit as st

from modules import certificates
from modules.i18n import t
from modules.pages.admin_codes import confirmed, warn_certificate_settings
from modules.pages.common import catalogue, require_role, store
from modules.safetext import t_plain
from modules.store import utcnow
from modules.timefmt import local_time

LIMIT = 200

admin = require_role("admin")
db = store()
st.title(t("cert.admin.title"))
warn_certificate_settings()

search = st.text_input(t("cert.admin.search"), key="cert_search", max_chars=80)
rows = db.certificates_list(search, limit=LIMIT)
if not rows:
    st.info(t("cert.admin.none"))
else:
    st.caption(t("cert.admin.shown", n=len(rows)))
    table = st.dataframe([{t("cert.col.code"): row["code"], t("cert.col.name"): row["holder"],
                   t("cert.col.nip"): row["holder_nip"],
                   t("cert.col.status"): t("cert.status.revoked" if row["revoked_at"] else "cert.status.valid"),
                   t("cert.col.batch"): row["batch"] or "–", t("cert.col.issued"): local_time(row["issued_at"]),
                   t("cert.col.reason"): row["revoked_reason"] or ""} for row in rows],
                 hide_index=True, width="stretch", on_select="rerun", selection_mode="single-row",
                 key="cert_table")
    picked = [rows[i]["code"] for i in table.selection.rows if i < len(rows)]
    # A row picked in the table fills in the code below (once, so that typing over it still works).
    if picked and st.session_state.get("revoke_picked") != picked[0]:
        st.session_state["revoke_picked"] = st.session_state["revoke_code"] = picked[0]

st.subheader(t("cert.revoke.heading"))
st.caption(t("cert.revoke.help") + " " + t("cert.revoke.pick_hint"))
with st.form("revoke", enter_to_submit=False):
    code = st.text_input(t("cert.revoke.code"), key="revoke_code", max_chars=64,
                         placeholder="XXXX-XXXX-XXXX-XXXX-XXXX-XXXX")
    reason = st.text_area(t("cert.revoke.reason"), key="revoke_reason", max_chars=500)
    sure = st.checkbox(t("cert.revoke.confirm"), key="revoke_sure")
    clicked = st.form_submit_button(t("cert.revoke.button"), type="primary", icon=":material/block:")
if clicked:
    if not sure:
        st.warning(t("cert.revoke.unconfirmed"))
    else:
        problem = certificates.revoke(db, code, reason, admin["id"], utcnow())
        if problem:
            st.error(t(problem))
        else:
            revoked = db.certificate_by_code(certificates.parse_code(code).code)
            st.success(t_plain("cert.revoke.done", code=revoked["code"], name=revoked["holder"]))

st.subheader(t("cert.reissue.heading"))
st.caption(t("cert.reissue.help"))
revoked_codes = [row["code"] for row in rows if row["revoked_at"]]
if not revoked_codes:
    st.info(t("cert.reissue.none"))
else:
    chosen = st.selectbox(t("cert.revoke.code"), revoked_codes, key="reissue_code",
                          format_func=lambda c: next(f"{c} · {r['holder']}" for r in rows if r["code"] == c))
    if confirmed(st, t("cert.reissue.button"), "reissue", t("cert.reissue.question"), icon=":material/autorenew:"):
        problem = certificates.reissue(db, chosen, admin["id"], utcnow(), catalogue())
        if problem:
            st.error(t(problem))
        else:
            st.success(t("cert.reissue.done"))
