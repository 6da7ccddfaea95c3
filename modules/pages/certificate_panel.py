"""The certificate section of Progres Saya: download it, or see what is still needed for it.

Not a page of its own: modules/pages/progress.py calls `show_certificate_panel`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import streamlit as st

from modules import certificate_pdf, certificates, completion
from modules.i18n import t
from modules.pages.common import PAGE_FILES, catalogue, page_link, settings, store
from modules.store import utcnow

VERIFY_PAGE = "pages/verify.py"


def show_certificate_panel(user: Mapping[str, Any], history: Sequence[Mapping[str, Any]],
                           lesson_progress: Mapping[str, Mapping[str, Any]], *, heading: bool = True) -> None:
    """Issue the certificate if it is earned but missing (e.g. earned before issuing existed), then show it.

    `history` and `lesson_progress` are the person's submitted attempts and lesson progress, as the
    page read them in this rerun; `heading` False when the page drew the section's heading itself."""
    config = settings()
    if heading:
        st.subheader(t("cert.panel.title"))
    course = catalogue()
    # The JP is worked out only if a certificate is issued here (jp=None), not on every rerun.
    certificate = certificates.issue_if_earned(store(), user["id"], jp=None, now=utcnow(), history=history,
                                              catalogue=course, lessons=lesson_progress)
    if certificate is None:
        if certificates.issuing_held(config) and certificates.earned(store(), user["id"], history, course,
                                                                     lesson_progress):
            st.info(t("cert.panel.held"))
            return
        pillars, posttest = certificates.missing_requirements(history)
        todo = []
        lessons = completion.lessons_missing(certificates.required_lessons(course), lesson_progress)
        if lessons:
            todo.append(t("cert.panel.todo_lessons", n=len(lessons)))
        if pillars:
            names = t("cert.panel.and").join(t(f"pillar.{p}.short") for p in pillars)
            todo.append(t("cert.panel.todo_pillars", pillars=names))
        if posttest:
            todo.append(t("cert.panel.todo_posttest"))
        if not todo:  # learning done: the course evaluation is what remains
            todo.append(t("eval.todo"))
        strict = completion.completion_rule(config.completion_rule) == "strict"
        st.info(t("cert.panel.not_yet_strict" if strict else "cert.panel.not_yet", todo="; ".join(todo)))
        if not pillars and not posttest and not lessons:
            page_link(PAGE_FILES["evaluation"], label=t("eval.go"), icon=":material/rate_review:")
        return
    if certificate.revoked:
        st.error(t("cert.panel.revoked", code=certificate.code))
        return
    st.success(t("cert.panel.ready", date=certificates.indonesian_date(certificate.completed_on),
                 code=certificate.code))
    left, right = st.columns([1, 1])
    # The PDF is drawn only when the button is pressed, not on every rerun of the page.
    left.download_button(t("cert.panel.download"), data=lambda: certificate_pdf.render(certificate, config.base_url),
                         file_name=certificates.file_name(certificate), mime="application/pdf",
                         icon=":material/download:", type="primary", on_click="ignore", key="certificate_pdf")
    with right:
        page_link(VERIFY_PAGE, label=t("cert.panel.verify_link"), icon=":material/verified:",
                  query_params={"kode": certificate.code})
