"""The hello-world page served as the course is: `uvicorn hello_app:app` (st.App), the same config."""

from pathlib import Path

import streamlit as st

app = st.App(Path(__file__).parent / "hello.py")
