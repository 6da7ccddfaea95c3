"""The Streamlit script that `st.App` runs: who is signed in, and the pages their role may open.

Every page is registered for every signed-in user, but pages outside a role's list are hidden
from the menu; the page itself then refuses the person (a URL can always be typed).
"""

from __future__ import annotations

import streamlit as st

from modules import page_cache
from modules.accessibility import lang_switched
from modules.auth import SESSION_COOKIE
from modules.i18n import DEFAULT_LANGUAGE, LANGUAGE_COOKIE, LANGUAGES, set_language, t
from modules.pages.common import PILLAR_ICONS, PILLAR_PAGE_FILES, page_link, settings, start_run
from modules.pages.guard import run_page, warn_if_storage_fails
from modules.safetext import t_plain
from modules.web import PENDING_SIGNIN_CODE, SIGNIN_PATH, post_in_background, token_from_cookie, user_for_token

start_run()

# Once per tab: the browser keeps a title and icon it was given for the rest of the session
# (a message less on every rerun).
if "page_config_sent" not in st.session_state:
    st.set_page_config(page_title="Kelas Literasi Digital ASN", page_icon="🎓", layout="centered")
    st.session_state["page_config_sent"] = True

saved_language = st.context.cookies.get(LANGUAGE_COOKIE)
if "language" not in st.session_state:
    st.session_state["language"] = saved_language if saved_language in LANGUAGES else DEFAULT_LANGUAGE
language = st.session_state["language"]
set_language(language)


def resolve_user() -> dict | None:
    """The person behind this tab, read through their session row on every rerun (one primary-key
    look-up), so a session that was revoked or expired, or a person who was deactivated or given a
    new activation code, is signed out at their next click. The cookie's signature is checked
    once per tab; the token it holds is kept in the tab's state."""
    token = st.session_state.get("session_token") or token_from_cookie(st.context.cookies.get(SESSION_COOKIE))
    user = user_for_token(token) if token else None
    if user is None:
        for key in ("session_token", "user_id"):
            st.session_state.pop(key, None)
        return None
    st.session_state["session_token"] = token
    st.session_state["user_id"] = user["id"]
    return user


user = resolve_user()
st.session_state["user"] = user

# Which roles see a page in their menu; the page checks the role again itself.
LEARNING = ("learner", "trainer", "manager", "admin")
PAGES = [
    # (file, title key, icon, url path, roles, section key)
    ("pages/home.py", "nav.home", ":material/home:", "beranda", LEARNING, "nav.section.learn"),
    *[(path, f"pillar.{slug}.title", PILLAR_ICONS[slug], slug, LEARNING, "nav.section.learn")
      for slug, path in PILLAR_PAGE_FILES.items()],
    ("pages/quiz.py", "nav.quiz", ":material/quiz:", "kuis", LEARNING, "nav.section.learn"),
    ("pages/lesson.py", "nav.lesson", ":material/menu_book:", "pelajaran", (), "nav.section.learn"),
    ("pages/progress.py", "nav.progress", ":material/insights:", "progres", LEARNING, "nav.section.me"),
    ("pages/evaluation.py", "eval.nav", ":material/rate_review:", "evaluasi", LEARNING, "nav.section.me"),
    ("pages/glossary.py", "nav.glossary", ":material/dictionary:", "istilah", LEARNING, "nav.section.me"),
    ("pages/language.py", "nav.other_language", ":material/translate:", "bahasa", LEARNING, "nav.section.me"),
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

# Each role opens on its own work; everyone can still reach the course from the menu.
LANDING = {"learner": "beranda", "trainer": "dasbor-pelatih", "manager": "dasbor-manajer", "admin": "admin-orang"}


# The default page answers at "/" only; its own address ("/masuk", a bookmarked "/dasbor-pelatih")
# would bring Streamlit's English "Page not found" dialog. A hidden second entry of the same page
# answers there (here and in role_pages).
def signed_out_pages() -> list[st.Page]:
    return [st.Page("pages/signin.py", title=t("nav.signin"), icon=":material/login:", url_path="masuk-awal",
                    default=True),
            st.Page("pages/signin.py", title=t("nav.signin"), icon=":material/login:", url_path="masuk",
                    visibility="hidden"),
            st.Page("pages/activate.py", title=t("activate.title"), icon=":material/key:", url_path="aktivasi"),
            st.Page("pages/reset_password.py", title=t("reset.title"), icon=":material/lock_reset:",
                    url_path="lupa-sandi"),
            st.Page("pages/verify.py", title=t("verify.nav"), icon=":material/verified:", url_path="verifikasi")]


def role_pages(role: str) -> dict[str, list[st.Page]]:
    sections: dict[str, list[st.Page]] = {}
    landing = LANDING.get(role, "beranda")
    for path, title_key, icon, url_path, roles, section_key in PAGES:
        section = sections.setdefault(t(section_key), [])
        if url_path == landing:
            section.append(st.Page(path, title=t(title_key), icon=icon, url_path=f"{url_path}-awal", default=True))
        section.append(st.Page(path, title=t(title_key), icon=icon, url_path=url_path,
                               visibility="visible" if role in roles and url_path != landing else "hidden"))
    return sections


# The menus are built once per process for each language and role (modules/page_cache.py).
if user is None:
    navigation = page_cache.navigation((__file__, language, None), signed_out_pages, position="hidden")
else:
    # expanded: staff menus run past ten items, and their own tools must not hide behind "View more".
    navigation = page_cache.navigation((__file__, language, user["role"]), lambda: role_pages(user["role"]),
                                       expanded=True)
    # Who is signed in, under which role: ASN often share an office computer.
    st.sidebar.caption(t_plain("nav.signed_in_as", name=user["name"], role=t(f"role.{user['role']}")))

# Our CSS and the accessibility script come with the page itself (modules/accessibility.py).
LANGUAGE_NAMES = {"id": "Indonesia", "en": "English"}
if user is None:
    # Before signing in the choice sits at the top of the page, where a phone shows it too.
    chosen = st.segmented_control(t("nav.language"), LANGUAGES, default=language, key="language_switch",
                                  label_visibility="collapsed", width="content", format_func=LANGUAGE_NAMES.get)
    if chosen and chosen != language:
        st.session_state["language"] = chosen
        st.rerun()
elif navigation.url_path != "bahasa":
    # Signed in, the other language is a menu item, and a link at the top of the page the person
    # lands on (a phone folds the menu away); the language page comes back here.
    st.session_state["page_before_language"] = (navigation, st.query_params.to_dict())
    if navigation.url_path == "":  # the role's landing page is the menu's default
        page_link("pages/language.py", label=t("nav.other_language"), icon=":material/translate:")
if st.session_state.get("language_saved", saved_language) != language:
    # In the sidebar: an element that comes and goes in the main area would shift what follows it
    # (tabs open on a form would fall back to their first tab).
    st.sidebar.html(lang_switched(language), unsafe_allow_javascript=True)
    st.session_state["language_saved"] = language

# A tab that has just signed in (pages/signin.py): the browser gets its session cookie in the
# background, before the page is drawn, so that a reload keeps the person signed in.
pending_code = st.session_state.pop(PENDING_SIGNIN_CODE, None)
if pending_code and user is not None:
    st.sidebar.html(post_in_background(SIGNIN_PATH, {"kode": pending_code}), unsafe_allow_javascript=True)

warn_if_storage_fails(settings().database)
run_page(navigation)  # no stack trace ever reaches a browser
