"""What the real server sends: the page in the course language, and Streamlit's scripts gzipped
(compressed once, identical bytes after), fonts and plain requests untouched."""

from __future__ import annotations

import gzip
import re
import urllib.request
from pathlib import Path

import streamlit

STATIC = Path(streamlit.__file__).parent / "static"


def _get(url: str, gzip_ok: bool) -> tuple[dict[str, str], bytes]:
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"} if gzip_ok else {})
    with urllib.request.urlopen(request, timeout=30) as response:
        return {k.lower(): v for k, v in response.headers.items()}, response.read()


def test_index_declares_the_course_language(served_app):
    url, _ = served_app
    for gzip_ok in (True, False):
        headers, body = _get(url + "/", gzip_ok)
        page = gzip.decompress(body) if headers.get("content-encoding") == "gzip" else body
        assert b'<html lang="id">' in page and b'lang="en"' not in page
        assert int(headers["content-length"]) == len(body)


def test_scripts_are_gzipped_and_fonts_are_not(served_app):
    url, _ = served_app
    _, index = _get(url + "/", False)
    script = re.search(rb'src="\.?/?(static/js/[^"]+\.js)"', index).group(1).decode()
    first_headers, first = _get(f"{url}/{script}", True)
    assert first_headers["content-encoding"] == "gzip" and "accept-encoding" in first_headers["vary"].lower()
    assert gzip.decompress(first) == (STATIC / script).read_bytes()
    assert len(first) < (STATIC / script).stat().st_size / 2
    _, again = _get(f"{url}/{script}", True)
    assert again == first  # compressed once, kept
    plain_headers, plain = _get(f"{url}/{script}", False)
    assert "content-encoding" not in plain_headers and plain == (STATIC / script).read_bytes()
    font = next((STATIC / "static" / "media").glob("*.woff2")).relative_to(STATIC).as_posix()
    font_headers, font_body = _get(f"{url}/{font}", True)
    assert "content-encoding" not in font_headers and font_body == (STATIC / font).read_bytes()
