"""The trainer's reminder form under the learners table: choose learners, edit the mail, send."""

import streamlit as st

from modules import mailer, reminders
from modules.config import load_settings
from modules.i18n import t
from modules.pages.common import store
from modules.store import utcnow


def reminder_form(viewer: dict, rows: list[dict]) -> None:
    """Learners shown in the table may be reminded by e-mail; the at-risk ones are chosen at first."""
    st.subheader(t("remind.title"))
    settings = mailer.mail_settings()
    if settings is None:
        st.info(t("remind.unavailable"))
        return
    names = {row["id"]: row for row in rows}
    default = [row["id"] for row in rows if row["at_risk"] and row.get("email")][:mailer.MAX_RECIPIENTS_PER_SEND]
    with st.form("reminders", enter_to_submit=False):
        chosen = st.multiselect(
            t("remind.who"), list(names), default=default, key="remind_who",
            max_selections=mailer.MAX_RECIPIENTS_PER_SEND,
            format_func=lambda user_id: f"{names[user_id]['name']} · "
                                        f"{names[user_id].get('email') or t('remind.no_email')}")
        subject = st.text_input(t("remind.subject"), t("remind.default_subject"), key="remind_subject",
                                max_chars=reminders.MAX_SUBJECT)
        body = st.text_area(t("remind.body"), t("remind.default_body"), key="remind_body", height=220,
                            max_chars=reminders.MAX_BODY)
        st.caption(t("remind.placeholders"))
        sent = st.form_submit_button(t("remind.send"), type="primary", icon=":material/send:")
    if not sent:
        return
    problem = reminders.template_problem(subject, body)
    if problem or not chosen:
        st.error(t(problem or "remind.nobody"))
        return
    result = reminders.send_reminders(store(), viewer, chosen, subject=subject, body=body, now=utcnow(),
                                      base_url=load_settings().base_url, settings=settings)
    if result.sent:
        st.success(t("remind.sent", count=len(result.sent)))
    if result.without_email:
        st.warning(t("remind.without_email", names=", ".join(result.without_email)))
    if result.error:
        st.error(t("remind.failed", count=len(result.sent)))
