"""Kelas Literasi Digital ASN — entry point.

`streamlit run app.py` or `uvicorn app:app` serves the Streamlit course (modules/navigation.py)
together with the sign-in routes that set the session cookie.
"""

from pathlib import Path

import streamlit as st
from starlette.middleware import Middleware

from modules.accessibility import PAGE_HEAD, LangMiddleware
from modules.compression import StaticGzipMiddleware
from modules.hardening import keep_shared_caches
from modules.plain_signin import FirstScreenMiddleware
from modules.plain_signin import routes as first_screen_routes
from modules.preload import first_screen_links
from modules.web import lifespan, routes

keep_shared_caches()

app = st.App(Path(__file__).parent / "modules" / "navigation.py", routes=routes() + first_screen_routes(),
             lifespan=lifespan,
             # <html lang="id">: the course language, our CSS and script, and the first screen's widget
             # code fetched with Streamlit's main script; the first screen drawn in the page itself for
             # visitors without a session (modules/first_screen.py); Streamlit's scripts gzipped for
             # slow connections.
             middleware=[Middleware(FirstScreenMiddleware),
                         Middleware(LangMiddleware, head=first_screen_links() + PAGE_HEAD),
                         Middleware(StaticGzipMiddleware)])

# Our pages live in modules/pages/, beside the navigation script, which Streamlit takes for an old
# `pages/` directory app until the first st.navigation call of the process says otherwise; the first
# visitor after a start then sees a false "Page not found" (streamlit issue 9992). Say it up front.
from streamlit.runtime.pages_manager import PagesManager  # noqa: E402

PagesManager.uses_pages_directory = False
