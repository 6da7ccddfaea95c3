"""Sertifikat angkatan (trainers, admins): every valid certificate of one's batches as one ZIP."""

import re
import time
from functools import partial

import streamlit as st

from modules import certificate_pdf, certificates, jp_export
from modules.i18n import t
from modules.organiser import load_organiser
from modules.pages.common import require_role, settings, store

SECONDS_PER_CERTIFICATE = 0.12  # measured by bench/bench_certificates.py on one core

viewer = require_role("trainer", "admin")
db = store()
config = settings()
st.title(t("cert.trainer.title"))
st.markdown(t("cert.trainer.intro"))

batches = certificates.allowed_batches(db, viewer)
if not batches:
    st.info(t("cert.trainer.no_batches"))
    st.stop()

counts = {batch["id"]: batch["certificates"] for batch in batches}
names = {batch["id"]: batch["name"] for batch in batches}
choice = st.selectbox(
    t("cert.trainer.batch"), [None, *counts], key="cert_batch",
    format_func=lambda i: t("cert.trainer.all", n=sum(counts.values())) if i is None
    else t("cert.trainer.batch_option", name=names[i], n=counts[i]))
chosen = list(counts) if choice is None else [choice]
total = sum(counts[i] for i in chosen)
if not total:
    st.info(t("cert.trainer.empty"))
    st.stop()

workers = certificate_pdf.default_workers()
seconds = max(1, round(total * SECONDS_PER_CERTIFICATE / (workers if total >= certificate_pdf.PARALLEL_FROM else 1)))
st.caption(t("cert.trainer.preparing", seconds=seconds, n=total))


label = "semua-angkatan" if choice is None else re.sub(r"[^A-Za-z0-9]+", "-", names[choice]).strip("-")
job_key = (tuple(chosen), total)
ready = st.session_state.get("certificates_zip")
if (ready is None or ready[0] != job_key) and st.button(
        t("cert.trainer.prepare", n=total), type="primary", icon=":material/folder_zip:", key="certificates_prepare"):
        bar = st.progress(0.0, text=t("cert.trainer.progress_start", n=total))
        started = time.monotonic()

        def show(done: int, of: int) -> None:
            left = certificate_pdf.seconds_left(done, of, time.monotonic() - started)
            bar.progress(done / of, text=t("cert.trainer.progress", done=done, total=of, seconds=left or 0))

        # The batches are checked again here, at the moment of drawing.
        data = certificate_pdf.zip_certificates(certificates.batch_entries(db, viewer, chosen), config.base_url,
                                                workers=workers, on_progress=show)
        bar.progress(1.0, text=t("cert.trainer.progress_done", n=total,
                                 seconds=round(time.monotonic() - started)))
        st.session_state["certificates_zip"] = ready = (job_key, data)
if ready is not None and ready[0] == job_key:
    st.download_button(t("cert.trainer.download"), data=ready[1], file_name=f"sertifikat-{label}.zip",
                       mime="application/zip", icon=":material/download:", type="primary", key="certificates_zip_dl",
                       on_click=lambda: st.session_state.pop("certificates_zip", None))

# Training hours for SIASN: the same batches, one row per valid certificate (modules/jp_export.py).
st.subheader(t("jp.page.title"))
st.caption(t("jp.page.intro"))
jp_name = [names[i] for i in chosen]
csv_column, xlsx_column = st.columns(2)
for column, file_format, mime in ((csv_column, "csv", "text/csv"), (xlsx_column, "xlsx",
                                  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")):
    column.download_button(
        t(f"jp.page.{file_format}"), key=f"jp_{file_format}", on_click="ignore", icon=":material/download:",
        data=partial(lambda fmt: jp_export.render(jp_export.jp_rows(db, viewer, chosen, load_organiser(),
                                                                    config.base_url), fmt), file_format),
        file_name=jp_export.file_name(jp_name, file_format), mime=mime)
