"""Orang & batch: batches and their trainers, people (role, deactivation, new access), manager scopes."""

import datetime as dt

import streamlit as st

from modules import admin, auth
from modules.i18n import t
from modules.pages.admin_codes import (
    confirmed,
    flash,
    hold_codes,
    show_pending_codes,
    warn_batches_without_trainer,
    warn_certificate_settings,
)
from modules.pages.common import require_role, store
from modules.safetext import plain, t_plain
from modules.store import utcnow
from modules.timefmt import local_time

user = require_role("admin")
db = store()
now = utcnow()
st.title(t("admin.people.title"))
show_pending_codes()
warn_batches_without_trainer()
warn_certificate_settings()


def report(errors: list[str], done: str) -> None:
    """Show what went wrong, or confirm after a rerun so every table shows the new state."""
    if errors:
        for error in errors:
            st.error(error)
    else:
        flash(done)
        st.rerun()


def role_label(role: str) -> str:
    return t(f"role.{role}")


batches_tab, people_tab = st.tabs([t("admin.people.batches_tab"), t("admin.people.people_tab")])

# ---------------------------------------------------------------- batches and their trainers
with batches_tab:
    batches = db.batches()
    if batches:
        st.dataframe([{t("admin.col.batch"): b["name"], t("admin.col.starts"): b["starts_on"] or "–",
                       t("admin.col.ends"): b["ends_on"] or "–", t("admin.col.learners"): b["learners"],
                       t("admin.col.trainers"): b["trainers"] or "–"} for b in batches],
                     hide_index=True, width="stretch")
    else:
        st.info(t("admin.batch.none"))

    trainers = {row["id"]: row for row in db.people_with_role("trainer")}
    choices = [None, *(b["id"] for b in batches)]
    by_id = {b["id"]: b for b in batches}
    chosen = st.selectbox(t("admin.batch.choose"), choices, key="batch_choice",
                          format_func=lambda i: t("admin.batch.new") if i is None else by_id[i]["name"])
    batch = by_id.get(chosen)
    with st.form(f"batch_form_{chosen}", enter_to_submit=False):
        name = st.text_input(t("admin.col.batch"), value=batch["name"] if batch else "", max_chars=80)
        start_col, end_col = st.columns(2)
        starts = start_col.date_input(t("admin.col.starts"), format="DD/MM/YYYY", value=(
            dt.date.fromisoformat(batch["starts_on"]) if batch and batch["starts_on"] else None))
        ends = end_col.date_input(t("admin.col.ends"), format="DD/MM/YYYY", value=(
            dt.date.fromisoformat(batch["ends_on"]) if batch and batch["ends_on"] else None))
        current = db.batch_trainer_ids(chosen) if chosen else []
        picked = st.multiselect(t("admin.col.trainers"), list(trainers), default=[i for i in current if i in trainers],
                                format_func=lambda i: f"{trainers[i]['name']} ({trainers[i]['agency'] or '–'})",
                                help=t("admin.batch.trainers_help"), placeholder=t("admin.choose"))
        if st.form_submit_button(t("admin.batch.save"), type="primary"):
            report(admin.save_batch(db, batch_id=chosen, name=name, starts_on=starts, ends_on=ends,
                                    trainer_ids=picked, actor_id=user["id"]),
                   t_plain("admin.batch.saved", name=" ".join(name.split())))

    if batch:
        waiting = db.not_yet_activated(batch["id"])
        st.markdown(t_plain("admin.batch.waiting", n=len(waiting), name=batch["name"]))
        if waiting and confirmed(st, t("admin.batch.new_codes", n=len(waiting)), f"batch_new_codes_{batch['id']}",
                                 t_plain("admin.confirm.batch_codes", n=len(waiting), name=batch["name"])):
            codes, errors = admin.reset_access(db, [p["id"] for p in waiting], actor_id=user["id"])
            if errors:
                for error in errors:
                    st.error(error)
            else:
                hold_codes(codes, t_plain("admin.batch.codes_made", n=len(codes), name=batch["name"]))
                st.rerun()

# ---------------------------------------------------------------- people
with people_tab:
    search_col, role_col, batch_col = st.columns([2, 1, 1])
    text = search_col.text_input(t("admin.people.search"), key="people_search",
                                 placeholder=t("admin.people.search_hint"))
    role_filter = role_col.selectbox(t("admin.col.role"), [None, *auth.ROLES], key="people_role",
                                     format_func=lambda r: t("admin.all") if r is None else role_label(r))
    batch_filter = batch_col.selectbox(t("admin.col.batch"), [None, *(b["id"] for b in batches)], key="people_batch",
                                       format_func=lambda i: t("admin.all") if i is None else by_id[i]["name"])
    people = db.find_people(text=text.strip(), role=role_filter, batch_id=batch_filter, limit=200)
    if not people:
        st.info(t("admin.people.none"))
        st.stop()
    st.dataframe([{t("admin.col.nip"): p["nip"], t("admin.col.name"): p["name"],
                   t("admin.col.role"): role_label(p["role"]),
                   t("admin.col.agency"): p["agency"] or "", t("admin.col.batch"): p["batch"] or "",
                   t("admin.col.status"): t("admin.status.active") if p["active"] else t("admin.status.inactive"),
                   t("admin.col.access"): t(f"admin.access.{admin.access_state(p, now)}",
                                            until=local_time(p["code_expires_at"]))} for p in people],
                 hide_index=True, width="stretch")
    if len(people) == 200:
        st.caption(t("admin.people.more"))

    people_by_id = {p["id"]: p for p in people}
    person_id = st.selectbox(t("admin.people.choose"), list(people_by_id), key="people_choice",
                             format_func=lambda i: f"{people_by_id[i]['name']} — {people_by_id[i]['nip']}")
    person = people_by_id[person_id]
    itself = person_id == user["id"]
    with st.container(border=True):
        st.markdown(f"**{plain(person['name'])}** · {person['nip']} · {plain(person['email'] or '–')}")
        if itself:
            st.caption(t("admin.people.self"))
        role_col, action_col = st.columns(2)
        new_role = role_col.selectbox(t("admin.col.role"), auth.ROLES, index=auth.ROLES.index(person["role"]),
                                      format_func=role_label, key=f"role_{person_id}", disabled=itself)
        if role_col.button(t("admin.people.change_role"), key=f"change_role_{person_id}",
                           disabled=itself or new_role == person["role"]):
            report(admin.change_role(db, person_id, new_role, actor_id=user["id"]),
                   t_plain("admin.people.role_changed", name=person["name"], role=role_label(new_role)))
        if person["active"]:
            if confirmed(action_col, t("admin.people.deactivate"), f"deactivate_{person_id}",
                         t_plain("admin.confirm.deactivate", name=person["name"]), disabled=itself,
                         help=t("admin.people.deactivate_help")):
                report(admin.set_active(db, person_id, False, actor_id=user["id"]),
                       t_plain("admin.people.deactivated", name=person["name"]))
        elif action_col.button(t("admin.people.reactivate"), key=f"reactivate_{person_id}"):
            report(admin.set_active(db, person_id, True, actor_id=user["id"]),
                   t_plain("admin.people.reactivated", name=person["name"]))
        if confirmed(action_col, t("admin.people.reset"), f"reset_{person_id}",
                     t_plain("admin.confirm.reset", name=person["name"]), disabled=itself,
                     help=t("admin.people.reset_help", days=admin.CODE_VALID_DAYS)):
            codes, errors = admin.reset_access(db, [person_id], actor_id=user["id"])
            if errors:
                for error in errors:
                    st.error(error)
            else:
                hold_codes(codes, t_plain("admin.people.reset_done", name=person["name"]))
                st.rerun()

    if person["role"] == "manager":
        with st.container(border=True):
            st.markdown(t_plain("admin.scope.title", name=person["name"]))
            scopes = db.manager_scopes(person_id)
            kind_now = scopes[0][0] if scopes else "all"
            kind = st.radio(t("admin.scope.kind"), admin.SCOPE_KINDS, index=admin.SCOPE_KINDS.index(kind_now),
                            horizontal=True, format_func=lambda k: t(f"admin.scope.{k}"), key=f"scope_kind_{person_id}")
            options: dict[str, str] = {}
            if kind == "agency":
                options = {v: v for v in db.distinct_values("agency")}
            elif kind == "region":
                options = {v: v for v in db.distinct_values("region")}
            elif kind == "batch":
                options = {str(b["id"]): b["name"] for b in batches}
            values = []
            if kind != "all":
                values = st.multiselect(t(f"admin.scope.{kind}"), list(options), format_func=options.get,
                                        placeholder=t("admin.choose"),
                                        default=[v for k, v in scopes if k == kind and v in options],
                                        key=f"scope_values_{person_id}_{kind}")
            if not scopes:
                st.caption(t("admin.scope.none"))
            if st.button(t("admin.scope.save"), key=f"scope_save_{person_id}"):
                report(admin.set_scope(db, person_id, kind, values, actor_id=user["id"]),
                       t_plain("admin.scope.saved", name=person["name"]))
