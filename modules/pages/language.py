"""Bahasa: the course in the other language, then back to the page the person was on.

A menu item (and a link at the top of each page) instead of a switch widget on every page: a widget
costs every rerun of every page, a switch of language is rare."""

import streamlit as st

from modules.i18n import LANGUAGES

current = st.session_state.get("language")
st.session_state["language"] = next(code for code in LANGUAGES if code != current)
page, query = st.session_state.get("page_before_language") or ("pages/home.py", {})
st.switch_page(page, query_params=query)
