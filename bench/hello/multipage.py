"""The same hello-world page as the one page of an st.navigation app: the part of a rerun's cost
that any multipage app pays (bench/bench_batch_load.py prints it beside the plain one)."""

from pathlib import Path

import streamlit as st

st.navigation([st.Page(Path(__file__).parent / "hello.py", title="Halo")], position="hidden").run()
