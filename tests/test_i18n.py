"""Every UI string exists in Indonesian and English with the same placeholders, and every key the
code names is defined."""

import re

import pytest

from modules.i18n import STRINGS, set_language, t
from tests.conftest import ROOT

PLACEHOLDER = re.compile(r"\{(\w+)\}")


def test_every_string_has_both_languages_with_the_same_placeholders():
    for key, entry in STRINGS.items():
        assert entry.get("id") and entry.get("en"), key
        assert set(PLACEHOLDER.findall(entry["id"])) == set(PLACEHOLDER.findall(entry["en"])), key


def test_every_literal_key_used_in_the_code_is_defined():
    used = set()
    for path in (ROOT / "modules").rglob("*.py"):
        used |= set(re.findall(r"\bt\(\s*[\"']([a-z0-9_.\-]+[a-z0-9_\-])[\"']", path.read_text(encoding="utf-8")))
    assert sorted(key for key in used if key not in STRINGS) == []


@pytest.mark.parametrize(("language", "expected"), [("id", "Kata sandi"), ("en", "Password"), ("xx", "Kata sandi")])
def test_language_choice_with_indonesian_as_fallback(language, expected):
    set_language(language)
    try:
        assert t("field.password") == expected
    finally:
        set_language("id")
