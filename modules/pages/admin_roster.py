"""Impor peserta: upload a roster, see what it would do, import it, hand out the activation codes."""

import hashlib

import streamlit as st

from modules import admin, roster
from modules.i18n import t
from modules.pages.admin_codes import flash, hold_codes, show_pending_codes, warn_batches_without_trainer
from modules.pages.common import require_role, store
from modules.safetext import plain, t_plain

TEMPLATE = ("nip;nama;email;instansi;unit_kerja;kabupaten_kota;batch;peran\r\n"
            "19860926 201505 1 001;Siti Rahmawati;siti@contoh.go.id;Dinas Kominfo;Bidang TIK;Kota Serang;"
            "Angkatan 1;peserta\r\n").encode("utf-8-sig")

SHOWN_IN_FULL = 20

user = require_role("admin")
st.title(t("admin.roster.title"))
if show_pending_codes():
    st.stop()  # the codes are the one thing to do next; the uploader returns once they are downloaded
warn_batches_without_trainer()
st.markdown(t("admin.roster.intro"))
st.download_button(t("admin.roster.template"), data=TEMPLATE, file_name="templat-roster.csv", mime="text/csv",
                   on_click="ignore", icon=":material/table_view:")

# A new key after each import empties the uploader: the imported file is not previewed again.
uploaded = st.file_uploader(t("admin.roster.upload"), type=["csv", "xlsx"],
                            key=f"roster_file_{st.session_state.get('roster_round', 0)}")
if uploaded is None:
    st.stop()

data = uploaded.getvalue()
digest = hashlib.sha256(data).hexdigest()
cached = st.session_state.get("roster_preview")
if cached is None or cached[0] != digest:
    with st.spinner(t("admin.roster.reading")):
        cached = (digest, admin.preview_roster(store(), data, source=uploaded.name))
    st.session_state["roster_preview"] = cached
preview = cached[1]
plan = preview.plan

# Messages quote the file (headers, values): drawn as text.
for notice in plan.notices:
    st.info(plain(notice))
if plan.errors:
    for error in plan.errors:
        st.error(plain(error))
    st.stop()

st.subheader(t("admin.roster.preview"))
columns = st.columns(5)
for column, (label, value) in zip(columns, (
        ("admin.roster.creates", len(plan.creates)), ("admin.roster.updates", len(plan.updates)),
        ("admin.roster.unchanged", len(plan.unchanged)), ("admin.roster.refusals", len(plan.refusals)),
        ("admin.roster.new_batches", len(plan.new_batches))), strict=True):
    column.metric(t(label), f"{value:,}".replace(",", "."), border=True)
if plan.new_batches:
    st.caption(t_plain("admin.roster.new_batches_named", names=", ".join(plan.new_batches)))
if plan.claims:
    # Someone registered these NIPs themself; the roster says whose they are.
    st.warning(t("admin.roster.claims_warning", n=len(plan.claims)), icon=":material/person_alert:")


def people_table(rows: list[roster.Planned], with_changes: bool = False) -> list[dict]:
    table = []
    for planned in rows:
        person = planned.person
        row = {t("admin.col.line"): person.line, t("admin.col.nip"): person.nip, t("admin.col.name"): person.name}
        if with_changes:
            row[t("admin.col.changes")] = admin.describe_changes(planned.changes)
        else:
            row |= {t("admin.col.agency"): person.agency or "", t("admin.col.unit"): person.unit or "",
                    t("admin.col.region"): person.region or "", t("admin.col.batch"): person.batch or "",
                    t("admin.col.role"): roster.PERAN_BY_ROLE.get(person.role or "", "")}
        table.append(row)
    return table


tab_names = [(key, n) for key, n in (("refusals", len(plan.refusals)), ("claims", len(plan.claims)),
                                     ("updates", len(plan.updates)),
                                     ("creates", len(plan.creates)), ("unchanged", len(plan.unchanged))) if n]
for (key, _), tab in zip(tab_names, st.tabs([f"{t('admin.roster.' + key)} ({n:,})".replace(",", ".")
                                            for key, n in tab_names]), strict=True):
    with tab:
        if key == "refusals":
            # Reasons are sentences: the first ones are written out in full, all of them go in the
            # table and in a CSV the admin can send back to the agency that made the file.
            st.markdown("\n".join(t_plain("admin.roster.refusal_line", line=r.line, nip=r.nip or "–",
                                          name=r.name or "–", reasons=" ".join(r.reasons))
                                   for r in plan.refusals[:SHOWN_IN_FULL]))
            refusals = [{t("admin.col.line"): r.line, t("admin.col.nip"): r.nip, t("admin.col.name"): r.name,
                         t("admin.col.reason"): " ".join(r.reasons)} for r in plan.refusals]
            if len(refusals) > SHOWN_IN_FULL:
                st.dataframe(refusals, hide_index=True, width="stretch")
            st.download_button(t("admin.roster.refusals_download"), data=admin.table_csv(refusals),
                               file_name=f"ditolak-{uploaded.name.rsplit('.', 1)[0]}.csv", mime="text/csv",
                               on_click="ignore", icon=":material/download:")
        else:
            st.dataframe(people_table(getattr(plan, key), with_changes=key in ("updates", "claims")),
                         hide_index=True, width="stretch")

if not plan.has_work:
    st.info(t("roster.nothing_to_do"))
    st.stop()

accepted = True
if plan.refusals:
    accepted = st.checkbox(t("admin.roster.accept_refusals", n=len(plan.refusals)), key="roster_accept")
if st.button(t("admin.roster.import", creates=len(plan.creates), updates=len(plan.updates)), type="primary",
             disabled=not accepted, icon=":material/upload:"):
    with st.spinner(t("admin.roster.importing")):
        result = admin.import_roster(store(), preview, actor_id=user["id"], accept_refusals=accepted)
    st.session_state.pop("roster_preview", None)
    if not result.errors:
        st.session_state["roster_round"] = st.session_state.get("roster_round", 0) + 1
    if result.errors:
        for error in result.errors:
            st.error(error)
    else:
        summary = t("admin.roster.imported", created=result.created, updated=result.updated, batches=result.batches)
        if result.claimed:
            summary += " " + t("admin.roster.claimed", n=result.claimed)
        if result.codes:
            hold_codes(result.codes, summary)
        else:
            flash(summary)
        st.rerun()
