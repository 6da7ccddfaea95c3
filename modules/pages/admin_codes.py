"""What the admin pages share: activation codes waiting to be downloaded once, then forgotten,
and the message that confirms an action after its rerun."""

from __future__ import annotations

import streamlit as st

from modules import admin, auth, certificates
from modules.config import load_settings
from modules.i18n import t
from modules.organiser import load_organiser
from modules.pages.common import current_user, store
from modules.safetext import t_plain
from modules.store import utcnow

PENDING_KEY = "admin_pending_codes"


def hold_codes(codes: list[admin.IssuedCode], summary: str) -> None:
    """Keep new codes in this browser session only, until the admin downloads them."""
    stamp = utcnow().strftime("%Y%m%d-%H%M%S")
    st.session_state[PENDING_KEY] = {"csv": admin.codes_csv(codes), "count": len(codes), "summary": summary,
                                     "file_name": f"kode-aktivasi-{stamp}.csv",
                                     "single": codes[0] if len(codes) == 1 else None}
    st.session_state.pop("admin_codes_downloaded", None)


def confirmed(where, label: str, key: str, question: str, **button_options) -> bool:
    """A destructive action asks first: its button shows `question` with "Ya" and "Batal", and only
    "Ya" returns True (once). `where` is the column or container the button goes in."""
    if where.button(label, key=key, **button_options):
        st.session_state["admin_confirm"] = key
    if st.session_state.get("admin_confirm") != key:
        return False
    with st.container(border=True):
        st.warning(question, icon=":material/warning:")
        yes, no = st.columns(2)
        if yes.button(t("admin.confirm.yes"), key=f"{key}_yes", type="primary"):
            st.session_state.pop("admin_confirm", None)
            return True
        if no.button(t("admin.confirm.no"), key=f"{key}_no"):
            st.session_state.pop("admin_confirm", None)
            st.rerun()
    return False


def flash(message: str) -> None:
    """A success message shown once, after the rerun that follows an action."""
    st.session_state["admin_flash"] = message


def _forget_codes() -> None:
    pending = st.session_state.pop(PENDING_KEY, None)
    if pending:
        st.session_state["admin_codes_downloaded"] = pending["count"]
        user = current_user()
        store().audit(user["id"] if user else None, "codes_downloaded", pending["file_name"], str(pending["count"]))


def warn_certificate_settings() -> None:
    """What would make a certificate useless to its holder: a QR code to this machine's own
    address, or no official to sign it."""
    settings = load_settings()
    if certificates.loopback_address(settings.base_url):
        st.warning(t_plain("cert.admin.loopback", url=settings.base_url,
                           held=t("cert.admin.loopback_held") if settings.production else ""),
                   icon=":material/qr_code_2:")
    if not load_organiser().official_name:
        st.info(t("cert.admin.no_signatory"), icon=":material/signature:")


def warn_batches_without_trainer() -> None:
    """A batch with learners and no trainer is named, with where to assign one (imports create
    batches, and nothing else would say that nobody follows them)."""
    orphans = [b["name"] for b in store().batches() if b["learners"] and not b["trainers"]]
    if orphans:
        st.warning(t_plain("admin.batches.no_trainer", names=", ".join(orphans)), icon=":material/person_search:")
        st.page_link("pages/admin_people.py", label=t("admin.batches.assign"), icon=":material/arrow_forward:")


def show_pending_codes() -> bool:
    """The one-time download of new codes (or word that it happened), at the top of the page.
    True while codes wait to be downloaded: then that is the one thing the page shows."""
    message = st.session_state.pop("admin_flash", None)
    if message:
        st.success(message)
    downloaded = st.session_state.get("admin_codes_downloaded")
    pending = st.session_state.get(PENDING_KEY)
    if pending is None:
        if downloaded:
            st.info(t("admin.codes.downloaded", n=downloaded))
        return False
    with st.container(border=True):
        st.success(pending["summary"])
        single = pending["single"]
        if single is not None:
            st.markdown(t_plain("admin.codes.single", name=single.name, nip=auth.spaced_nip(single.nip)))
            st.code(single.code, language=None)
        st.warning(t("admin.codes.once", n=pending["count"], days=admin.CODE_VALID_DAYS))
        st.download_button(t("admin.codes.download", n=pending["count"]), data=pending["csv"],
                           file_name=pending["file_name"], mime="text/csv", type="primary",
                           icon=":material/download:", on_click=_forget_codes, key="admin_codes_download")
        st.caption(t("admin.codes.then"))
    return True
