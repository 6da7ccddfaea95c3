"""A chart's figures as a table, folded under it: the text equivalent of the picture (WCAG 1.1.1)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import streamlit as st

from modules.exports import Column, display_table
from modules.i18n import t


def show_chart_table(rows: Sequence[dict[str, Any]], columns: Sequence[Column]) -> None:
    with st.expander(t("chart.as_table"), icon=":material/table:"):
        st.dataframe(display_table(rows, columns), hide_index=True, width="stretch")

