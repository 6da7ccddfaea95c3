"""The certificate as an A4 landscape PDF, drawn only from the certificate's snapshot.

Fonts are embedded (DejaVu, in modules/assets/fonts with its licence) so that every name —
Nur'aini, Théresia, Ñoman — prints as written on any machine; the QR code is drawn as vector
squares, sharp at any print size. The same certificate always gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import importlib.machinery
import io
import os
import sys
import threading
import types
import zipfile
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from multiprocessing import get_context
from pathlib import Path

import qrcode
from fpdf import FPDF

from modules.auth import spaced_nip
from modules.certificates import (
    Certificate,
    indonesian,
    indonesian_date,
    verification_url,
)
from modules.course import PILLARS
from modules.store import parse_stamp
from modules.timefmt import DISPLAY_ZONE

FONTS = Path(__file__).resolve().parent / "assets" / "fonts"
NAVY = (16, 52, 96)
GOLD = (176, 141, 60)
INK = (33, 33, 33)
GREY = (96, 96, 96)
PAPER_TINT = (246, 243, 234)
PAGE_W, PAGE_H = 297.0, 210.0
NAME_MAX_WIDTH = 250.0
PARALLEL_FROM = 40  # below this many certificates a pool of processes costs more than it saves


def _fonts(pdf: FPDF) -> None:
    for family, style, file in (("serif", "", "DejaVuSerif.ttf"), ("serif", "B", "DejaVuSerif-Bold.ttf"),
                                ("serif", "I", "DejaVuSerif-Italic.ttf"), ("mono", "B", "DejaVuSansMono-Bold.ttf")):
        pdf.add_font(family, style, FONTS / file)


def _centred(pdf: FPDF, y: float, text: str, family: str, style: str, size: float,
             colour: tuple[int, int, int], spacing: float = 0) -> None:
    pdf.set_font(family, style, size)
    pdf.set_text_color(*colour)
    pdf.set_char_spacing(spacing)
    pdf.set_xy(0, y)
    pdf.cell(PAGE_W, size * 0.3528 * 1.2, text, align="C")
    pdf.set_char_spacing(0)


def _frame(pdf: FPDF) -> None:
    """A navy outer rule, a thin gold inner rule and gold corner ornaments."""
    pdf.set_fill_color(*PAPER_TINT)
    pdf.rect(0, 0, PAGE_W, PAGE_H, style="F")
    pdf.set_draw_color(*NAVY)
    pdf.set_line_width(2.2)
    pdf.rect(9, 9, PAGE_W - 18, PAGE_H - 18)
    pdf.set_draw_color(*GOLD)
    pdf.set_line_width(0.6)
    pdf.rect(13, 13, PAGE_W - 26, PAGE_H - 26)
    pdf.set_fill_color(*GOLD)
    for x, y in ((13, 13), (PAGE_W - 13, 13), (13, PAGE_H - 13), (PAGE_W - 13, PAGE_H - 13)):
        pdf.polygon([(x - 3.2, y), (x, y - 3.2), (x + 3.2, y), (x, y + 3.2)], style="F")


def _rule(pdf: FPDF, y: float, width: float) -> None:
    pdf.set_draw_color(*GOLD)
    pdf.set_line_width(0.5)
    pdf.line((PAGE_W - width) / 2, y, (PAGE_W + width) / 2, y)


def _name(pdf: FPDF, y: float, name: str) -> None:
    """The holder's name, as large as fits on one line."""
    size = 32.0
    pdf.set_font("serif", "B", size)
    while pdf.get_string_width(name) > NAME_MAX_WIDTH and size > 14:
        size -= 1
        pdf.set_font("serif", "B", size)
    _centred(pdf, y + (32 - size) * 0.18, name, "serif", "B", size, INK)


def _pillars(pdf: FPDF, y: float, scores: dict[str, int]) -> None:
    """Four panels, one per pillar, each with its best quiz score."""
    width, gap = 56.0, 5.0
    left = (PAGE_W - 4 * width - 3 * gap) / 2
    for index, pillar in enumerate(PILLARS):
        x = left + index * (width + gap)
        pdf.set_fill_color(255, 255, 255)
        pdf.set_draw_color(*GOLD)
        pdf.set_line_width(0.3)
        pdf.rect(x, y, width, 25, style="DF")
        pdf.set_fill_color(*NAVY)
        pdf.rect(x, y, width, 1.6, style="F")
        pdf.set_text_color(*NAVY)
        pdf.set_font("serif", "B", 8.5)
        pdf.set_xy(x, y + 4)
        pdf.cell(width, 4.5, indonesian(f"pillar.{pillar}.title"), align="C")
        score = scores.get(pillar)
        pdf.set_text_color(*INK)
        pdf.set_font("serif", "B", 20)
        pdf.set_xy(x, y + 10)
        pdf.cell(width, 9, "–" if score is None else str(score), align="C")
        pdf.set_text_color(*GREY)
        pdf.set_font("serif", "", 7.5)
        pdf.set_xy(x, y + 19)
        pdf.cell(width, 3.5, indonesian("cert.pdf.score_label"), align="C")


def _qr(pdf: FPDF, x: float, y: float, size: float, data: str) -> None:
    """The QR code as vector squares (runs of dark modules merged into one rectangle)."""
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=0)
    code.add_data(data)
    code.make(fit=True)
    matrix = code.get_matrix()
    module = size / len(matrix)
    pdf.set_fill_color(255, 255, 255)
    pdf.rect(x - 3, y - 3, size + 6, size + 6, style="F")  # a quiet zone of about three modules
    pdf.set_fill_color(0, 0, 0)
    for row, cells in enumerate(matrix):
        col = 0
        while col < len(cells):
            if not cells[col]:
                col += 1
                continue
            start = col
            while col < len(cells) and cells[col]:
                col += 1
            # A hair of overlap so that no white seams show between neighbouring squares.
            pdf.rect(x + start * module, y + row * module, (col - start) * module + 0.02, module + 0.02, style="F")


def _seal(pdf: FPDF, cx: float, cy: float, jp: int) -> None:
    """A round gold seal that states the training hours credited."""
    pdf.set_draw_color(*GOLD)
    pdf.set_fill_color(255, 255, 255)
    pdf.set_line_width(1.4)
    pdf.circle(cx, cy, 17, style="DF")
    pdf.set_line_width(0.35)
    pdf.circle(cx, cy, 14.5)
    pdf.set_text_color(*NAVY)
    pdf.set_font("serif", "B", 24)
    pdf.set_xy(cx - 14, cy - 9.5)
    pdf.cell(28, 11, str(jp), align="C")
    pdf.set_font("serif", "B", 10)
    pdf.set_xy(cx - 14, cy + 1.5)
    pdf.cell(28, 4.5, indonesian("cert.pdf.jp_unit"), align="C")
    pdf.set_font("serif", "", 6)
    pdf.set_text_color(*GREY)
    pdf.set_xy(cx - 14, cy + 6)
    pdf.cell(28, 3, indonesian("cert.pdf.jp_words"), align="C")


def _signature(pdf: FPDF, x: float, y: float, issuer: dict[str, str], completed: str) -> None:
    """The official who signs: place and date, position, a marked space for an electronic signature
    (TTE, to be stamped on later), then name and NIP."""
    width = 66.0
    pdf.set_text_color(*INK)
    pdf.set_font("serif", "", 8.5)
    pdf.set_xy(x, y)
    place = issuer.get("place")
    pdf.cell(width, 4, f"{place}, {completed}" if place else completed, align="C")
    pdf.set_xy(x, y + 4.5)
    pdf.multi_cell(width, 3.8, issuer.get("official_position") or "", align="C")
    pdf.set_draw_color(*GREY)
    pdf.set_line_width(0.2)
    pdf.set_dash_pattern(dash=1, gap=1)
    pdf.rect(x + 8, y + 13.5, width - 16, 11)
    pdf.set_dash_pattern()
    pdf.set_text_color(*GREY)
    pdf.set_font("serif", "I", 6.5)
    pdf.set_xy(x + 8, y + 17)
    pdf.cell(width - 16, 3, indonesian("cert.pdf.tte_space"), align="C")
    pdf.set_text_color(*INK)
    pdf.set_font("serif", "B", 9.5)
    pdf.set_xy(x, y + 26)
    pdf.cell(width, 4.5, issuer["official_name"], align="C")
    if issuer.get("official_nip"):
        pdf.set_font("serif", "", 8.5)
        pdf.set_xy(x, y + 30.5)
        pdf.cell(width, 4, f"NIP {spaced_nip(issuer['official_nip'])}", align="C")


def render(certificate: Certificate, base_url: str) -> bytes:
    """The certificate as PDF bytes; the same certificate and base URL always give the same bytes."""
    snap = certificate.snapshot
    completed = indonesian_date(certificate.completed_on)
    pdf = FPDF(orientation="L", unit="mm", format="A4")
    pdf.set_auto_page_break(False)
    pdf.set_margin(0)
    issued = parse_stamp(certificate.issued_at) or dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
    pdf.set_creation_date(issued)
    pdf.set_title(indonesian("cert.pdf.doc_title", name=snap["name"]))
    pdf.set_subject(snap["course"])
    pdf.set_author(snap["course"])
    pdf.set_creator(snap["course"])
    pdf.set_keywords(certificate.code)
    pdf.set_lang("id-ID")
    _fonts(pdf)
    pdf.add_page()
    _frame(pdf)

    _centred(pdf, 24, snap["course"].upper(), "serif", "B", 11, NAVY, spacing=2.2)
    _rule(pdf, 31.5, 46)
    _centred(pdf, 36, indonesian("cert.pdf.title"), "serif", "B", 34, NAVY, spacing=4)
    _centred(pdf, 55, indonesian("cert.pdf.given_to"), "serif", "I", 13, GREY)
    _name(pdf, 63, snap["name"])
    _rule(pdf, 79, 150)
    _centred(pdf, 82, f"NIP {spaced_nip(snap['nip'])}", "serif", "", 11.5, INK, spacing=0.6)

    pdf.set_font("serif", "", 12.5)
    pdf.set_text_color(*INK)
    pdf.set_xy((PAGE_W - 215) / 2, 93)
    pdf.multi_cell(215, 6.2, indonesian("cert.pdf.body", course=snap["course"], jp=snap["jp"]), align="C")

    _pillars(pdf, 111, snap["scores"])
    _centred(pdf, 142, indonesian("cert.pdf.completed", date=completed), "serif", "", 12.5, INK)

    qr_size, qr_x, qr_y = 30.0, 26.0, 158.0
    _qr(pdf, qr_x, qr_y, qr_size, verification_url(base_url, certificate.code))
    text_x = qr_x + qr_size + 6
    pdf.set_xy(text_x, qr_y + 1)
    pdf.set_text_color(*GREY)
    pdf.set_font("serif", "", 8.5)
    pdf.cell(120, 4, indonesian("cert.pdf.code_label"))
    pdf.set_xy(text_x, qr_y + 6)
    pdf.set_text_color(*NAVY)
    pdf.set_font("mono", "B", 13)
    pdf.cell(120, 6, certificate.code)
    pdf.set_xy(text_x, qr_y + 14)
    pdf.set_text_color(*GREY)
    pdf.set_font("serif", "", 8.5)
    note = indonesian("cert.pdf.verify_note", url=f"{base_url.rstrip('/')}/verifikasi")
    issuer = snap.get("issuer") or {}
    pdf.multi_cell(95 if issuer.get("official_name") else 125, 4.2, note, align="L")
    if issuer.get("organiser"):
        _centred(pdf, 148, indonesian("cert.pdf.organiser", organiser=issuer["organiser"]), "serif", "", 10, GREY)
    if issuer.get("official_name"):
        _signature(pdf, 160.0, 154.0, issuer, completed)

    _seal(pdf, PAGE_W - 46, qr_y + qr_size / 2, snap["jp"])
    return bytes(pdf.output())


def _render_entry(job: tuple[str, Certificate, str]) -> tuple[str, Certificate, bytes]:
    path, certificate, base_url = job
    return path, certificate, render(certificate, base_url)


_spawn_lock = threading.Lock()


@contextmanager
def _spawned_without_the_page() -> Iterator[None]:
    """While workers start: a spawned worker first re-runs the parent's `__main__`, which inside a
    Streamlit script run is the page script itself (the whole app, in every worker). A stand-in
    `__main__` named like a package's `__main__` is one multiprocessing never re-runs."""
    with _spawn_lock:
        main = sys.modules["__main__"]
        stand_in = types.ModuleType("__main__")
        stand_in.__spec__ = importlib.machinery.ModuleSpec("kelas.__main__", None)
        sys.modules["__main__"] = stand_in
        try:
            yield
        finally:
            sys.modules["__main__"] = main


def default_workers() -> int:
    return max(1, min(4, os.cpu_count() or 1))


def zip_certificates(entries: Sequence[tuple[str, Certificate]], base_url: str, workers: int = 1,
                     on_progress: Callable[[int, int], None] | None = None) -> bytes:
    """A ZIP with one PDF per (path in the archive, certificate); `on_progress(done, total)` is called
    after each certificate is in the archive.

    With `workers` > 1, large sets are drawn in separate processes: that uses more cores and
    keeps a long job from holding the web server's interpreter lock. Entries are dated by the
    certificate's issue, so the same set gives the same archive.
    """
    jobs = [(path, certificate, base_url) for path, certificate in entries]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
        if workers > 1 and len(jobs) >= PARALLEL_FROM:
            with ProcessPoolExecutor(workers, mp_context=get_context("spawn")) as pool:
                with _spawned_without_the_page():
                    results = pool.map(_render_entry, jobs, chunksize=8)  # starts the workers
                for done, (path, certificate, data) in enumerate(results, start=1):
                    archive.writestr(_zip_info(path, certificate), data)
                    if on_progress is not None:
                        on_progress(done, len(jobs))
        else:
            for done, job in enumerate(jobs, start=1):
                path, certificate, data = _render_entry(job)
                archive.writestr(_zip_info(path, certificate), data)
                if on_progress is not None:
                    on_progress(done, len(jobs))
    return buffer.getvalue()


def seconds_left(done: int, total: int, elapsed: float) -> int | None:
    """What remains of a job at the pace measured so far (None until one item is done)."""
    if done <= 0:
        return None
    return max(0, round(elapsed / done * (total - done)))


def _zip_info(path: str, certificate: Certificate) -> zipfile.ZipInfo:
    issued = parse_stamp(certificate.issued_at) or dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
    info = zipfile.ZipInfo(path, date_time=issued.astimezone(DISPLAY_ZONE).timetuple()[:6])
    info.compress_type = zipfile.ZIP_DEFLATED
    return info
