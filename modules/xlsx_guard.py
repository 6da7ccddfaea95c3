"""Bounds an uploaded XLSX before any spreadsheet reader sees it.

An XLSX is a zip of XML files. Two cheap files take a reader down: a zip whose members inflate
to gigabytes (a "zip bomb"), and a sheet with one cell far away (`XFD1048576`), for which readers
build the whole grid in between. This module checks the zip's declared sizes and ratios, reads
every member through Python's zipfile (which never inflates past a member's declared size), scans
the first sheet's cell references without building anything, and hands back a re-packed copy that
holds exactly the bytes it checked. Pure: bytes in, bytes or a reason out.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from dataclasses import dataclass
from xml.etree import ElementTree

MAX_MEMBERS = 500
MAX_UNCOMPRESSED = 80 * 1024 * 1024  # a 100,000-row roster is about 25 MB of XML
MAX_RATIO = 150  # XML of a real roster deflates 5–20×; a bomb deflates ~1000×
RATIO_CHECKED_ABOVE = 1024 * 1024  # tiny members can have any ratio
_CHUNK = 1024 * 1024

_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?(row|c|dimension)\b([^>]*)>")
_R = re.compile(rb"""\br\s*=\s*["']\$?([A-Za-z]*)\$?(\d*)["']""")
# One pass over every row and cell tag with its reference, if it has one (the usual case).
_REFERENCED = re.compile(rb"""<(?:[A-Za-z_][\w.-]*:)?(row|c)\b(?:[^>]*?\br\s*=\s*["']\$?([A-Za-z]*)\$?(\d*)["'])?""")
_REF = re.compile(rb"""\bref\s*=\s*["']([^"']*)["']""")
_CELL = re.compile(r"^\$?([A-Za-z]+)\$?(\d+)$")
_FAR = 10**9  # what an absurdly long reference counts as
_NS_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"


class XlsxRefused(Exception):
    """The file is refused before reading; `reason` is an i18n key, `values` its fields."""

    def __init__(self, reason: str, **values: int | str) -> None:
        super().__init__(reason)
        self.reason = reason
        self.values = values


@dataclass(frozen=True)
class Extent:
    """How far the first sheet reaches: its last row and column (1-based), declared and actual."""

    rows: int
    columns: int


def column_number(letters: str) -> int:
    """`A` → 1, `Z` → 26, `AA` → 27, `XFD` → 16384."""
    if len(letters) > 4:
        return _FAR
    number = 0
    for char in letters.upper():
        number = number * 26 + ord(char) - 64
    return number


def checked_copy(data: bytes, *, max_rows: int, max_columns: int) -> tuple[bytes, Extent]:
    """A re-packed copy of the workbook and its first sheet's extent; raises XlsxRefused."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise XlsxRefused("roster.xlsx_broken") from error
    if len(members) > MAX_MEMBERS:
        raise XlsxRefused("roster.xlsx_broken")
    total = sum(member.file_size for member in members)
    if total > MAX_UNCOMPRESSED:
        raise XlsxRefused("roster.xlsx_too_big", mb=MAX_UNCOMPRESSED // (1024 * 1024))
    for member in members:
        if member.file_size > RATIO_CHECKED_ABOVE and member.file_size > MAX_RATIO * max(member.compress_size, 1):
            raise XlsxRefused("roster.xlsx_bomb")
    contents: dict[str, bytes] = {}
    try:
        for member in members:
            if not member.is_dir():
                contents[member.filename] = _read_member(archive, member)
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError, RuntimeError, EOFError) as error:
        raise XlsxRefused("roster.xlsx_broken") from error
    sheet = contents.get(_first_sheet_path(contents))
    if sheet is None:
        raise XlsxRefused("roster.xlsx_broken")
    extent = sheet_extent(sheet)
    if extent.rows > max_rows:
        raise XlsxRefused("roster.xlsx_too_many_rows", rows=extent.rows, limit=max_rows)
    if extent.columns > max_columns:
        raise XlsxRefused("roster.too_many_columns", n=extent.columns, limit=max_columns)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as copy:
        for name, content in contents.items():
            copy.writestr(name, content)
    return out.getvalue(), extent


def _read_member(archive: zipfile.ZipFile, member: zipfile.ZipInfo) -> bytes:
    """A member's bytes, never more than it declares (zipfile stops there and checks the CRC)."""
    parts, size = [], 0
    with archive.open(member) as stream:
        while chunk := stream.read(_CHUNK):
            size += len(chunk)
            if size > member.file_size:
                raise ValueError("member larger than declared")
            parts.append(chunk)
    return b"".join(parts)


def _first_sheet_path(contents: dict[str, bytes]) -> str:
    """The zip path of the workbook's first sheet, from workbook.xml and its relationships."""
    try:
        workbook = ElementTree.fromstring(contents["xl/workbook.xml"])
        first = next(element for element in workbook.iter() if element.tag.endswith("}sheet"))
        rel_id = first.get(_NS_REL)
        rels = ElementTree.fromstring(contents["xl/_rels/workbook.xml.rels"])
        target = next(element.get("Target", "") for element in rels.iter()
                      if element.tag.endswith("}Relationship") and element.get("Id") == rel_id)
    except (KeyError, StopIteration, ElementTree.ParseError):
        return ""
    return target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))


def sheet_extent(xml: bytes) -> Extent:
    """The last row and column a sheet declares (`<dimension ref>`) or holds a cell in, whichever is
    further; cells without an `r` attribute count from the one before, as readers place them."""
    tags = _REFERENCED.findall(xml)
    if all((digits if tag == b"row" else letters) for tag, letters, digits in tags):
        # Every row and cell names its place: the furthest ones, without walking the sheet.
        rows = {digits for tag, _, digits in tags if digits}
        columns = {letters for tag, letters, _ in tags if tag == b"c"}
        declared = _declared(xml)
        return Extent(max([declared.rows, *(_number(r) for r in rows)]),
                      max([declared.columns, *(column_number(c.decode()) for c in columns)]))
    return _walked_extent(xml)


def _declared(xml: bytes) -> Extent:
    """What `<dimension ref="A1:H18001">` says (0, 0 when the sheet has none)."""
    max_row = max_column = 0
    for match in re.finditer(rb"<(?:[A-Za-z_][\w.-]*:)?dimension\b([^>]*)>", xml):
        ref = _REF.search(match.group(1))
        for part in (ref.group(1).decode("ascii", "replace").split(":") if ref else ()):
            cell = _CELL.match(part.strip())
            if cell:
                max_row = max(max_row, _number(cell.group(2)))
                max_column = max(max_column, column_number(cell.group(1)))
    return Extent(max_row, max_column)


def _walked_extent(xml: bytes) -> Extent:
    """sheet_extent for sheets with unreferenced cells: follow the reader's placing, tag by tag."""
    max_row = max_column = 0
    row = column = 0
    for match in _TAG.finditer(xml):
        tag, attributes = match.group(1), match.group(2)
        if tag == b"dimension":
            ref = _REF.search(attributes)
            for part in (ref.group(1).decode("ascii", "replace").split(":") if ref else ()):
                cell = _CELL.match(part.strip())
                if cell:
                    max_row = max(max_row, _number(cell.group(2)))
                    max_column = max(max_column, column_number(cell.group(1)))
            continue
        reference = _R.search(attributes)
        if tag == b"row":
            row = _number(reference.group(2)) if reference and reference.group(2) else row + 1
            column = 0
        else:
            if reference and reference.group(1):
                column = column_number(reference.group(1).decode())
                if reference.group(2):
                    row = _number(reference.group(2))
            else:
                column += 1
        max_row, max_column = max(max_row, row), max(max_column, column)
    return Extent(max_row, max_column)


def _number(digits: bytes | str) -> int:
    return int(digits) if len(digits) <= 9 else _FAR
