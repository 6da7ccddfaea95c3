"""Laporan angkatan: the batch report for trainers (their batches), managers (their scope) and admins."""

import datetime as dt
from functools import partial

import streamlit as st

from modules import analytics, batch_report, batch_report_pdf, evaluation
from modules.exports import Column, display_table
from modules.i18n import t
from modules.organiser import load_organiser
from modules.pages.common import catalogue, require_role, settings, store
from modules.store import utcnow

st.set_page_config(layout="wide")
user = require_role("trainer", "manager", "admin")
db = store()
st.title(t("report.nav"))
st.caption(t("report.page.intro"))


@st.cache_resource
def form() -> evaluation.EvaluationForm | None:
    return evaluation.load_form(settings().content_dir)[0]


options = analytics.filter_options(db, user)
batch_names = {b["id"]: b["name"] for b in options["batches"]}
batch_col, region_col, agency_col, date_col = st.columns(4)
chosen_batches = batch_col.multiselect(t("dash.filter.batch"), list(batch_names), format_func=batch_names.get,
                                       placeholder=t("dash.filter.any"), key="report_batches")
chosen_regions = region_col.multiselect(t("dash.filter.region"), options["regions"],
                                        placeholder=t("dash.filter.any"), key="report_regions")
chosen_agencies = agency_col.multiselect(t("dash.filter.agency"), options["agencies"],
                                         placeholder=t("dash.filter.any"), key="report_agencies")
dates = date_col.date_input(t("dash.filter.dates"), value=(), max_value=dt.date.today() + dt.timedelta(days=1),
                            format="DD/MM/YYYY", key="report_dates")
days = tuple(dates) if isinstance(dates, tuple | list) else (dates,)
filters = analytics.Filters(batch_ids=tuple(chosen_batches), regions=tuple(chosen_regions),
                            agencies=tuple(chosen_agencies), date_from=days[0] if days else None,
                            date_to=days[1] if len(days) > 1 else None)

report = batch_report.build(db, user, catalogue(), form(), utcnow(), filters)
for line in report.scope:
    st.markdown(f"**{line}**" if line == report.scope[0] else line)
headline, *tables = report.tables
for column, row in zip(st.columns(3) + st.columns(3), headline.rows, strict=False):
    column.metric(row["figure"], row["value"], border=True)
st.caption(headline.note)

xlsx_column, pdf_column = st.columns(2)
stamp = utcnow().strftime("%Y%m%d")
xlsx_column.download_button(t("report.page.xlsx"), partial(batch_report.report_xlsx, report),
                            f"laporan-angkatan-{stamp}.xlsx", key="report_xlsx", on_click="ignore",
                            mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                            icon=":material/table_view:", type="primary")
pdf_column.download_button(t("report.page.pdf"), partial(batch_report_pdf.render, report, load_organiser()),
                           f"laporan-angkatan-{stamp}.pdf", key="report_pdf", on_click="ignore",
                           mime="application/pdf", icon=":material/picture_as_pdf:", type="primary")

# The report's tables are its charts' text equivalent: every bar's figure is in one of them.
for table in tables:
    st.subheader(table.title)
    if table.rows:
        st.dataframe(display_table(table.rows, table.columns), hide_index=True, width="stretch")
    if table.note or not table.rows:
        st.caption(table.note or t("report.grad.none"))

if user["role"] == "admin":
    st.subheader(t("report.page.comments"))
    comments = analytics.evaluation_comments(db, user, filters)
    questions = {q.id: q.text for q in form().open_questions} if form() else {}
    if comments:
        rows = [{"question": questions.get(c["question_id"], c["question_id"]), "text": c["text"]} for c in comments]
        st.dataframe(display_table(rows, [Column("question", t("report.page.question")),
                                          Column("text", t("report.page.answer"))]), hide_index=True, width="stretch")
    else:
        st.caption(t("report.page.no_comments"))
