"""Log audit: who did what, and when, filtered by action, actor and date."""

import datetime as dt

import streamlit as st

from modules import admin
from modules.i18n import STRINGS, t
from modules.pages.common import require_role, store
from modules.timefmt import DISPLAY_ZONE, local_time

LIMIT = 1000

require_role("admin")
db = store()
st.title(t("admin.audit.title"))
st.caption(t("admin.audit.intro"))


def action_label(action: str | None) -> str:
    if action is None:
        return t("admin.all")
    key = f"admin.action.{action}"
    return f"{t(key)} ({action})" if key in STRINGS else action


actors = {row["id"]: row for row in db.audit_actors()}
action_col, actor_col, date_col = st.columns([1, 1, 1])
action = action_col.selectbox(t("admin.audit.action"), [None, *db.audit_actions()], format_func=action_label,
                              key="audit_action")
actor_id = actor_col.selectbox(
    t("admin.audit.actor"), [None, *actors], key="audit_actor",
    format_func=lambda i: t("admin.all") if i is None else f"{actors[i]['name']} ({t('role.' + actors[i]['role'])})")
today = dt.datetime.now(DISPLAY_ZONE).date()
days = date_col.date_input(t("admin.audit.dates"), value=(today - dt.timedelta(days=30), today),
                           max_value=today, format="DD/MM/YYYY", key="audit_dates")
# While the second day of a range is still being picked, the widget holds only the first.
picked = list(days) if isinstance(days, tuple | list) else [days]
first, last = (picked[0], picked[-1]) if picked else (None, None)
since, until = admin.audit_window(first, last)

entries = db.audit_search(action=action, actor_id=actor_id, since=since, until=until, limit=LIMIT)
rows = [{t("admin.audit.at"): local_time(e["at"]),
         t("admin.audit.actor"): (f"{e['actor_name']} ({e['actor_nip']})" if e["actor_name"]
                                  else t("admin.audit.system")),
         t("admin.audit.action"): action_label(e["action"]), t("admin.audit.target"): e["target"] or "",
         t("admin.audit.detail"): e["detail"] or ""} for e in entries]
if not rows:
    st.info(t("admin.audit.none"))
    st.stop()
st.dataframe(rows, hide_index=True, width="stretch")
st.caption(t("admin.audit.shown", n=len(rows), limit=LIMIT) if len(rows) == LIMIT
           else t("admin.audit.count", n=len(rows)))

st.download_button(t("admin.audit.download"), data=admin.table_csv(rows), file_name="log-audit.csv",
                   mime="text/csv", on_click="ignore", icon=":material/download:")
