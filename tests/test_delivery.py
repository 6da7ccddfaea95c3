"""What the real server sends: the page in the course language, and Streamlit's scripts gzipped
(compressed once, identical bytes after), fonts and plain requests untouched."""

from __future__ import annotations

import gzip
import re
import urllib.error
import urllib.request
from pathlib import Path

import streamlit

STATIC = Path(streamlit.__file__).parent / "static"


def _get(url: str, gzip_ok: bool) -> tuple[dict[str, str], bytes]:
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"} if gzip_ok else {})
    with urllib.request.urlopen(request, timeout=30) as response:
        return {k.lower(): v for k, v in response.headers.items()}, response.read()


def _main_script(url: str) -> str:
    """Streamlit's main script, as the front page names it (the plain first screen starts it)."""
    _, index = _get(url + "/", False)
    return re.search(rb'\./(static/js/index\.[\w-]+\.js)', index).group(1).decode()


def test_index_declares_the_course_language(served_app):
    url, _ = served_app
    for gzip_ok in (True, False):
        headers, body = _get(url + "/", gzip_ok)
        page = gzip.decompress(body) if headers.get("content-encoding") == "gzip" else body
        assert b'<html lang="id">' in page and b'lang="en"' not in page
        assert int(headers["content-length"]) == len(body)


def test_scripts_are_gzipped_and_fonts_are_not(served_app):
    url, _ = served_app
    script = _main_script(url)
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


def test_a_repeated_script_is_answered_from_memory_with_the_same_headers(served_app):
    url, _ = served_app
    script = _main_script(url)
    first_headers, first = _get(f"{url}/{script}", True)
    again_headers, again = _get(f"{url}/{script}", True)
    assert again == first and int(again_headers["content-length"]) == len(again)
    for name in ("content-type", "etag", "cache-control", "content-encoding", "vary"):
        assert again_headers[name] == first_headers[name]
    # Hashed names: a browser keeps them for a year and never asks again.
    assert "immutable" in again_headers["cache-control"] and "max-age=31536000" in again_headers["cache-control"]
    # A conditional request still reaches the file handler, which answers "not modified".
    request = urllib.request.Request(f"{url}/{script}", headers={"Accept-Encoding": "gzip",
                                                                 "If-None-Match": first_headers["etag"]})
    try:
        urllib.request.urlopen(request, timeout=30)
        status = 200
    except urllib.error.HTTPError as error:
        status = error.code
    assert status == 304


def test_the_index_preloads_the_first_screens_widget_code(served_app):
    url, _ = served_app
    _, index = _get(url + "/aktivasi", False)  # the front page hands them to the plain first screen's script
    _, front = _get(url + "/", False)
    head = index.split(b"</head>")[0]
    preloaded = re.findall(rb'<link rel="modulepreload" crossorigin href="\./(static/js/[^"]+\.js)">', head)
    names = {Path(p.decode()).name.split(".")[0] for p in preloaded}
    assert {"PageLink", "TextInput", "ButtonGroup", "Html"} <= names
    assert len(preloaded) == len(set(preloaded))
    for path in preloaded:
        assert (STATIC / path.decode()).is_file()
        assert b"./" + path in front
