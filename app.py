"""Kelas Literasi Digital ASN — entry point.

`streamlit run app.py` or `uvicorn app:app` serves the Streamlit course (modules/navigation.py)
together with the sign-in routes that set the session cookie.
"""

from pathlib import Path

import streamlit as st

from modules.web import lifespan, routes

app = st.App(Path(__file__).parent / "modules" / "navigation.py", routes=routes(), lifespan=lifespan)
