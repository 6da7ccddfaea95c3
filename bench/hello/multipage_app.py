"""bench/hello/multipage.py served as the course is: `uvicorn multipage_app:app`, the same config."""

from pathlib import Path

import streamlit as st

app = st.App(Path(__file__).parent / "multipage.py")
