"""A chart's figures as a table, folded under it: the text equivalent of the picture (WCAG 1.1.1)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import streamlit as st

from modules.exports import Column, display_table, markdown_table
from modules.i18n import t


def show_chart_table(rows: Sequence[dict[str, Any]], columns: Sequence[Column]) -> None:
    with st.expander(t("chart.as_table"), icon=":material/table:"):
        st.dataframe(display_table(rows, columns), hide_index=True, width="stretch")


def show_short_chart_table(rows: Sequence[dict[str, Any]], columns: Sequence[Column]) -> None:
    """The same for a handful of rows, as one Markdown table: a table widget costs pandas and Arrow
    (about 2 ms) on every rerun, and a few rows need neither scrolling nor sorting."""
    with st.expander(t("chart.as_table"), icon=":material/table:"):
        st.markdown(markdown_table(display_table(rows, columns)))
