"""The Streamlit script that `st.App` runs: who is signed in, and the pages their role may open.

Every page is registered for every signed-in user, but pages outside a role's list are hidden
from the menu; the page itself then refuses the person (a URL can always be typed).
"""

from __future__ import annotations

import streamlit as st

from modules.accessibility import client_fixes
from modules.auth import SESSION_COOKIE
from modules.i18n import LANGUAGES, set_language, t
from modules.pages.common import PILLAR_PAGE_FILES, store
from modules.web import user_from_cookie

st.set_page_config(page_title="Kelas Literasi Digital ASN", page_icon="🎓", layout="centered")

language = st.session_state.get("language", "id")
set_language(language)


def resolve_user() -> dict | None:
    """The person behind this browser session: signed in in this tab, or by the session cookie."""
    user_id = st.session_state.get("user_id")
    if user_id is not None:
        user = store().get_user(user_id)
        if user and user["active"]:
            return user
        st.session_state.pop("user_id", None)
    user, token = user_from_cookie(st.context.cookies.get(SESSION_COOKIE))
    if user:
        st.session_state["session_token"] = token
    return user


user = resolve_user()
st.session_state["user"] = user

# Which roles see a page in their menu; the page checks the role again itself.
LEARNING = ("learner", "trainer", "manager", "admin")
PAGES = [
    # (file, title key, icon, url path, roles, section key)
    ("pages/home.py", "nav.home", ":material/home:", "beranda", LEARNING, "nav.section.learn"),
    *[(path, f"pillar.{slug}.title", icon, slug, LEARNING, "nav.section.learn")
      for (slug, path), icon in zip(PILLAR_PAGE_FILES.items(),
                                    (":material/computer:", ":material/shield_lock:",
                                     ":material/diversity_3:", ":material/balance:"), strict=True)],
    ("pages/quiz.py", "nav.quiz", ":material/quiz:", "kuis", LEARNING, "nav.section.learn"),
    ("pages/lesson.py", "nav.lesson", ":material/menu_book:", "pelajaran", (), "nav.section.learn"),
    ("pages/progress.py", "nav.progress", ":material/insights:", "progres", LEARNING, "nav.section.me"),
    ("pages/evaluation.py", "eval.nav", ":material/rate_review:", "evaluasi", LEARNING, "nav.section.me"),
    ("pages/glossary.py", "nav.glossary", ":material/dictionary:", "istilah", LEARNING, "nav.section.me"),
    ("pages/signout.py", "nav.signout", ":material/logout:", "keluar", LEARNING, "nav.section.me"),
    ("pages/admin_roster.py", "admin.nav.roster", ":material/group_add:", "admin-impor", ("admin",),
     "admin.nav.section"),
    ("pages/admin_people.py", "admin.nav.people", ":material/manage_accounts:", "admin-orang", ("admin",),
     "admin.nav.section"),
    ("pages/admin_audit.py", "admin.nav.audit", ":material/history:", "admin-audit", ("admin",),
     "admin.nav.section"),
    ("pages/admin_certificates.py", "cert.admin.nav", ":material/workspace_premium:", "admin-sertifikat",
     ("admin",), "admin.nav.section"),
    ("pages/trainer_certificates.py", "cert.trainer.nav", ":material/folder_zip:", "sertifikat-angkatan",
     ("trainer", "admin"), "cert.section"),
    ("pages/trainer.py", "dash.nav.trainer", ":material/groups:", "dasbor-pelatih", ("trainer", "admin"),
     "dash.nav.section"),
    ("pages/manager.py", "dash.nav.manager", ":material/monitoring:", "dasbor-manajer", ("manager", "admin"),
     "dash.nav.section"),
    ("pages/batch_report.py", "report.nav", ":material/summarize:", "laporan-angkatan",
     ("trainer", "manager", "admin"), "dash.nav.section"),
    # Open to everyone, signed in or not (registered for the signed-out navigation below too).
    ("pages/verify.py", "verify.nav", ":material/verified:", "verifikasi", LEARNING, "nav.section.me"),
]

if user is None:
    navigation = st.navigation([st.Page("pages/signin.py", title=t("nav.signin"),
                                        icon=":material/login:", url_path="masuk", default=True),
                                st.Page("pages/activate.py", title=t("activate.title"),
                                        icon=":material/key:", url_path="aktivasi"),
                                st.Page("pages/verify.py", title=t("verify.nav"),
                                        icon=":material/verified:", url_path="verifikasi")],
                               position="hidden")
else:
    sections: dict[str, list[st.Page]] = {}
    for path, title_key, icon, url_path, roles, section_key in PAGES:
        sections.setdefault(t(section_key), []).append(st.Page(
            path, title=t(title_key), icon=icon, url_path=url_path, default=url_path == "beranda",
            visibility="visible" if user["role"] in roles else "hidden"))
    # expanded: staff menus run past ten items, and their own tools must not hide behind "View more".
    navigation = st.navigation(sections, expanded=True)
    with st.sidebar:
        st.caption(t("nav.signed_in_as", name=user["name"], role=t(f"role.{user['role']}")))

with st.sidebar:
    # The page language for screen readers, and the menu's sections as lists (modules/accessibility.py).
    st.html(client_fixes(language), unsafe_allow_javascript=True)
    chosen = st.selectbox(t("nav.language"), LANGUAGES, index=LANGUAGES.index(language),
                          format_func=lambda code: {"id": "Bahasa Indonesia", "en": "English"}[code])
    if chosen != language:
        st.session_state["language"] = chosen
        st.rerun()

navigation.run()
