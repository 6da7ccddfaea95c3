"""Evaluasi pelatihan: the learner's course evaluation, after the post-test, before the certificate."""

import streamlit as st

from modules import evaluation
from modules.i18n import t
from modules.pages.common import PAGE_FILES, catalogue, page_link, require_role, settings, store
from modules.store import utcnow

user = require_role()
db = store()
st.title(t("eval.title"))


@st.cache_resource
def form() -> evaluation.EvaluationForm | None:
    """The evaluation form, read once per process (validate-content reports its problems)."""
    return evaluation.load_form(settings().content_dir)[0]


if evaluation.evaluation_done(db, user["id"]):
    st.success(t("eval.done"))
    page_link(PAGE_FILES["progress"], label=t("eval.certificate_link"), icon=":material/workspace_premium:")
    st.stop()
history = db.submitted_attempts(user["id"])
if not evaluation.evaluation_open(history):
    st.info(t("eval.closed"))
    st.stop()
evaluation_form = form()
if evaluation_form is None:
    st.error(t("eval.unavailable"))
    st.stop()

st.markdown(t("eval.intro"))
scale = evaluation_form.scale
st.caption(t("eval.scale_help", low=scale[0], n=len(scale), high=scale[-1]))
ratings: dict[str, int | None] = {}
comments: dict[str, str] = {}
with st.form("evaluation_form"):
    number = 0
    for aspect in evaluation_form.aspects:
        st.subheader(aspect.title)
        for item in aspect.items:
            number += 1
            ratings[item.id] = st.radio(f"{number}. {item.text}", list(range(1, len(scale) + 1)), index=None,
                                        format_func=lambda value: f"{value} – {scale[value - 1]}",
                                        key=f"eval_{item.id}")
    if evaluation_form.open_questions:
        st.subheader(t("eval.open_title"))
    for question in evaluation_form.open_questions:
        comments[question.id] = st.text_area(question.text, max_chars=evaluation.MAX_COMMENT,
                                             key=f"eval_open_{question.id}")
    sent = st.form_submit_button(t("eval.submit"), type="primary", icon=":material/send:")

if sent:
    refusal = evaluation.submit(db, evaluation_form, user["id"], history, ratings, comments, utcnow(),
                                catalogue=catalogue())
    if refusal is not None:
        st.error(t(refusal.key, **refusal.values))
    else:
        st.success(t("eval.done"))
        page_link(PAGE_FILES["progress"], label=t("eval.certificate_link"), icon=":material/workspace_premium:")
