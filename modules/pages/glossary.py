"""Istilah: the terms the lessons use, explained."""

import streamlit as st

from modules.i18n import t
from modules.pages.common import catalogue, require_role

require_role()
st.title(t("glossary.title"))
query = st.text_input(t("glossary.search"), key="glossary_search").strip().lower()
terms = [entry for entry in catalogue().glossary
         if not query or query in entry["term"].lower() or query in entry["definition"].lower()]
if not terms:
    st.info(t("glossary.none"))
# One element for the whole list: each element costs the server a message on every rerun.
if terms:
    st.markdown("\n\n".join(f"**{entry['term']}** — {entry['definition']}" for entry in terms))
