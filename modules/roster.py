"""Reading a roster (CSV or XLSX) the way Indonesian offices send them, and checking every row.

Pure functions: bytes in, people and refusals out. `plan_import` then compares the people with
what the database already holds (given as plain data) and says what an import would do.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import re
from collections import Counter
from dataclasses import dataclass, field, replace
from typing import Any

from modules import auth
from modules.i18n import t

COLUMNS = ("nip", "nama", "email", "instansi", "unit_kerja", "kabupaten_kota", "batch", "peran")
REQUIRED_COLUMNS = ("nip", "nama")
# Header spellings seen in real exports, mapped to the column they mean.
ALIASES = {
    "nama_lengkap": "nama", "name": "nama", "e_mail": "email", "surel": "email", "surat_elektronik": "email",
    "unit": "unit_kerja", "kab_kota": "kabupaten_kota", "kabupaten": "kabupaten_kota", "kota": "kabupaten_kota",
    "angkatan": "batch", "role": "peran", "nip_baru": "nip", "nama_pegawai": "nama", "nip_pegawai": "nip",
}
ROLE_BY_PERAN = {"peserta": "learner", "pelatih": "trainer", "manajer": "manager"}
PERAN_BY_ROLE = {role: peran for peran, role in ROLE_BY_PERAN.items()} | {"admin": "admin"}
MAX_LENGTH = {"nama": 120, "email": 254, "instansi": 150, "unit_kerja": 150, "kabupaten_kota": 100, "batch": 80}
MAX_BYTES = 20 * 1024 * 1024
MAX_ROWS = 100_000
MAX_TITLE_LINES = 5
# Bounds that keep an upload's cost small whatever the file: a roster has 8 columns (offices add a
# few of their own), a line of it a few hundred characters.
MAX_COLUMNS = 60
MAX_LINE_CHARS = 20_000
# Blank lines count in a sheet's extent; room for them above the data rows' limit.
MAX_SHEET_ROWS = MAX_ROWS + MAX_TITLE_LINES + 1 + 1_000

_SCIENTIFIC = re.compile(r"^\d+(?:[.,]\d+)?[eE][+]?\d+$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]{2,}$")
_APOSTROPHES = "'’‘`"  # a leading one is how Excel users force a cell to be text
_FORMULA_START = ("=", "+", "-", "@")
_DELIMITERS = (";", ",", "\t")


# ---------------------------------------------------------------- what comes out

@dataclass(frozen=True)
class Cell:
    """A NIP cell as found: its text, and whether the spreadsheet stored it as a number."""

    text: str
    number: int | float | None = None


@dataclass(frozen=True)
class RawRow:
    line: int
    values: dict[str, str]
    nip_number: int | float | None = None
    extra_cells: int = 0
    last_line: int = 0  # where a CSV record ended, when a quoted value ran over line breaks


@dataclass
class Sheet:
    """The rows of a file before any checking, with what was noticed while reading it."""

    rows: list[RawRow] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    header_columns: int = 0


@dataclass(frozen=True)
class Person:
    """One valid roster row, cleaned. `role` is None when the row left `peran` empty."""

    line: int
    nip: str
    nip_kind: str
    name: str
    email: str | None
    agency: str | None
    unit: str | None
    region: str | None
    batch: str | None
    role: str | None


@dataclass(frozen=True)
class Refusal:
    line: int
    nip: str
    name: str
    reasons: tuple[str, ...]


@dataclass
class Roster:
    people: list[Person] = field(default_factory=list)
    refusals: list[Refusal] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # about the whole file: nothing can be imported


# ---------------------------------------------------------------- reading files

def read_table(data: bytes) -> Sheet:
    """The rows of a CSV or XLSX file (told apart by content, not by the file name)."""
    if not data.strip():
        return Sheet(errors=[t("roster.file_empty")])
    if len(data) > MAX_BYTES:
        return Sheet(errors=[t("roster.file_too_big", mb=MAX_BYTES // (1024 * 1024))])
    if data.startswith(b"PK\x03\x04"):
        return _read_xlsx(data)
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        return Sheet(errors=[t("roster.old_excel")])
    text, notice = _decode(data)
    if text is None:
        return Sheet(errors=[t("roster.not_text")])
    sheet = _read_csv(text)
    if notice:
        sheet.notices.insert(0, notice)
    return sheet


def _decode(data: bytes) -> tuple[str | None, str | None]:
    """Text of a CSV file: UTF-8 (with or without BOM), UTF-16 with BOM, else an old Windows export."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), None
        except UnicodeDecodeError:
            return None, None
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    if b"\x00" in data:
        return None, None
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError:
        pass
    # Excel's plain "CSV" on Windows writes Windows-1252; five bytes are undefined there, and
    # Latin-1 reads those too, so every byte decodes and the admin checks names in the preview.
    try:
        return data.decode("cp1252"), t("roster.encoding_windows")
    except UnicodeDecodeError:
        return data.decode("latin-1"), t("roster.encoding_windows")


def _sniff_delimiter(text: str) -> str:
    """`;` (Excel in the Indonesian locale), `,` or tab: whichever the header line uses most."""
    first = next((line for line in text.splitlines() if line.strip()), "")
    counts = {delimiter: first.count(delimiter) for delimiter in _DELIMITERS}
    best = max(_DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] else ","


def _long_line(text: str) -> tuple[int, int] | None:
    """(line number, length) of the first line longer than MAX_LINE_CHARS, or None (one linear pass)."""
    start = 0
    for number, match in enumerate(re.finditer(r"\r\n|\n|\r", text + "\n"), start=1):
        if match.start() - start > MAX_LINE_CHARS:
            return number, match.start() - start
        start = match.end()
    return None


def _read_csv(text: str) -> Sheet:
    too_long = _long_line(text)
    if too_long:
        return Sheet(errors=[t("roster.line_too_long", line=too_long[0], n=f"{too_long[1]:,}".replace(",", "."),
                               limit=f"{MAX_LINE_CHARS:,}".replace(",", "."))])
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_sniff_delimiter(text))
    records: list[tuple[int, list[str], int]] = []
    next_line = 1
    try:
        for record in reader:
            if len(record) > MAX_COLUMNS:
                # Trailing empty cells (a sheet once used far to the right) are harmless; more is not.
                while len(record) > MAX_COLUMNS and not record[-1].strip():
                    record.pop()
                if len(record) > MAX_COLUMNS:
                    return Sheet(errors=[t("roster.too_many_columns_at", line=next_line, n=len(record),
                                           limit=MAX_COLUMNS)])
            records.append((next_line, record, reader.line_num))
            next_line = reader.line_num + 1
            if len(records) > MAX_ROWS + MAX_TITLE_LINES + 1:
                return Sheet(errors=[t("roster.too_many_rows", n=MAX_ROWS)])
    except csv.Error as error:
        return Sheet(errors=[t("roster.csv_broken", line=next_line, error=str(error))])
    return _build_sheet((line, [Cell(value) for value in record], last) for line, record, last in records)


def _read_xlsx(data: bytes) -> Sheet:
    # calamine (Rust) reads 18,000 rows in a tenth of a second; openpyxl needs several seconds.
    # It builds the sheet's whole grid, so the grid's size and the zip's are checked first.
    from python_calamine import CalamineError, CalamineWorkbook

    from modules.xlsx_guard import XlsxRefused, checked_copy

    try:
        data, _ = checked_copy(data, max_rows=MAX_SHEET_ROWS, max_columns=MAX_COLUMNS)
    except XlsxRefused as refused:
        values = {key: f"{value:,}".replace(",", ".") if isinstance(value, int) else value
                  for key, value in refused.values.items()}
        return Sheet(errors=[t(refused.reason, **values)])
    try:
        book = CalamineWorkbook.from_filelike(io.BytesIO(data))
        sheet_names = book.sheet_names
        first = book.get_sheet_by_index(0)
        # Rows one at a time (the reading stops at the row limit). They count from row 1, but their
        # cells from the sheet's first used column: pad them, so that columns keep their places.
        pad = [""] * (first.start[1] if first.start else 0)
        sheet = _build_sheet((number, [_xlsx_cell(value) for value in (*pad, *row)], number)
                             for number, row in enumerate(first.iter_rows(), start=1))
    except (CalamineError, ValueError, OSError):
        return Sheet(errors=[t("roster.xlsx_broken")])
    if len(sheet_names) > 1:
        sheet.notices.append(t("roster.first_sheet_only", name=sheet_names[0], n=len(sheet_names)))
    return sheet


def _xlsx_cell(value: Any) -> Cell:
    if value is None or value == "":
        return Cell("")
    if isinstance(value, bool):
        return Cell(str(value))
    if isinstance(value, int):
        return Cell(str(value), value)
    if isinstance(value, float):
        return Cell(str(int(value)) if value.is_integer() else str(value), value)
    if isinstance(value, dt.datetime | dt.date | dt.time | dt.timedelta):
        return Cell(str(value)[:10] if isinstance(value, dt.date) else str(value))
    return Cell(str(value))


def normalise_header(name: str) -> str:
    """`" Unit Kerja "` → `unit_kerja`, `Kabupaten/Kota` → `kabupaten_kota`, aliases to their column."""
    key = re.sub(r"[\s/\-.]+", "_", name.replace("\ufeff", "").strip().lower()).strip("_")
    return ALIASES.get(key, key)


def _build_sheet(records) -> Sheet:
    """Find the header, map its columns, and turn each non-blank record into a RawRow.

    Title lines above the header ("DAFTAR PESERTA ANGKATAN 1", a date) are common in office
    spreadsheets: up to MAX_TITLE_LINES of them are skipped, and the admin is told.
    """
    sheet = Sheet()
    columns: list[str | None] | None = None
    nip_index = -1
    titles: list[tuple[int, list[Cell]]] = []
    for line, cells, last_line in records:
        if not any(cell.text.strip() for cell in cells):
            continue
        if columns is None:
            if not any(normalise_header(cell.text) in COLUMNS for cell in cells):
                if any(_looks_like_nip(cell) for cell in cells) or len(titles) == MAX_TITLE_LINES:
                    # Data before any header: the last line above it was meant as the header, if any.
                    if titles:
                        _header(titles[-1][1], titles[-1][0], sheet)
                    else:
                        sheet.errors.append(t("roster.header_missing", line=line, columns=", ".join(COLUMNS)))
                    return sheet
                titles.append((line, cells))
                continue
            columns = _header(cells, line, sheet)
            if sheet.errors:
                return sheet
            if titles:
                sheet.notices.append(t("roster.title_lines_skipped", first=titles[0][0], last=titles[-1][0]))
            nip_index = columns.index("nip")
            sheet.header_columns = len(cells)
            continue
        values = {name: cells[i].text.strip() for i, name in enumerate(columns) if name and i < len(cells)}
        extra = sum(1 for cell in cells[len(columns):] if cell.text.strip())
        number = cells[nip_index].number if nip_index < len(cells) else None
        sheet.rows.append(RawRow(line, values, number, extra, last_line))
        if len(sheet.rows) > MAX_ROWS:
            return Sheet(errors=[t("roster.too_many_rows", n=MAX_ROWS)])
    if columns is None and titles:
        _header(titles[-1][1], titles[-1][0], sheet)
    elif columns is None:
        sheet.errors.append(t("roster.file_empty"))
    elif not sheet.rows:
        sheet.errors.append(t("roster.no_rows"))
    return sheet


def _header(cells: list[Cell], line: int, sheet: Sheet) -> list[str | None]:
    names = [normalise_header(cell.text) for cell in cells]
    if "nip" not in names and any(_looks_like_nip(cell) for cell in cells):
        sheet.errors.append(t("roster.header_missing", line=line, columns=", ".join(COLUMNS)))
        return []
    missing = [column for column in REQUIRED_COLUMNS if column not in names]
    if missing:
        found = ", ".join(cell.text.strip() for cell in cells if cell.text.strip())
        sheet.errors.append(t("roster.columns_missing", missing=", ".join(missing), found=found,
                              columns=", ".join(COLUMNS)))
        return []
    if len(names) > MAX_COLUMNS:
        sheet.errors.append(t("roster.too_many_columns_at", line=line, n=len(names), limit=MAX_COLUMNS))
        return []
    counts = Counter(name for name in names if name)
    doubled = sorted(name for name, n in counts.items() if n > 1)
    if doubled:
        sheet.errors.append(t("roster.columns_doubled", columns=", ".join(doubled)))
        return []
    unknown = [cell.text.strip() for cell, name in zip(cells, names, strict=True) if name and name not in COLUMNS]
    if unknown:
        sheet.notices.append(t("roster.columns_ignored", columns=", ".join(unknown)))
    return [name if name in COLUMNS else None for name in names]


def _looks_like_nip(cell: Cell) -> bool:
    digits = auth.clean_nip(cell.text.lstrip(_APOSTROPHES))
    return cell.number is not None or (len(digits) >= 15 and digits.isdigit()) or bool(_SCIENTIFIC.match(digits))


# ---------------------------------------------------------------- checking rows

def parse_roster(data: bytes, *, today: dt.date | None = None) -> Roster:
    """Read a roster file and check every row; each refusal carries its line and reasons."""
    sheet = read_table(data)
    roster = Roster(notices=list(sheet.notices), errors=list(sheet.errors))
    if roster.errors:
        return roster
    refused: list[tuple[RawRow, list[str]]] = []
    lines_of: dict[str, list[int]] = {}
    for row in sheet.rows:
        person, reasons = check_row(row, sheet.header_columns, today=today)
        nip = person.nip if person else _readable_nip(row)
        if nip:
            lines_of.setdefault(nip, []).append(row.line)
        if person:
            roster.people.append(person)
        else:
            refused.append((row, reasons))
    # A NIP on several lines is refused on each of them, naming the others, even where one of
    # those lines is refused for another reason too: which line is right is for the admin to say.
    doubled = {nip: lines for nip, lines in lines_of.items() if len(lines) > 1}

    def duplicate_reason(nip: str | None, line: int) -> list[str]:
        if nip not in doubled:
            return []
        return [t("roster.nip_duplicate", lines=", ".join(str(n) for n in doubled[nip] if n != line))]

    for row, reasons in refused:
        roster.refusals.append(Refusal(row.line, row.values.get("nip", ""), row.values.get("nama", ""),
                                       (*reasons, *duplicate_reason(_readable_nip(row), row.line))))
    roster.refusals += [Refusal(p.line, p.nip, p.name, tuple(duplicate_reason(p.nip, p.line)))
                        for p in roster.people if p.nip in doubled]
    roster.people = [person for person in roster.people if person.nip not in doubled]
    roster.refusals.sort(key=lambda refusal: refusal.line)
    return roster


def _readable_nip(row: RawRow) -> str | None:
    """The row's NIP as 18 digits when it can be read at all, whatever else is wrong with the row."""
    if row.nip_number is not None:
        return None
    nip = auth.clean_nip(row.values.get("nip", "").strip().lstrip(_APOSTROPHES))
    return nip if len(nip) == 18 and nip.isdigit() else None


def check_row(row: RawRow, header_columns: int = 0, *, today: dt.date | None = None) -> tuple[Person | None, list[str]]:
    """The person in one row, or every reason it cannot be imported (in Indonesian)."""
    reasons: list[str] = []
    nip, kind = _check_nip_cell(row, reasons, today)
    name = _clean(row.values.get("nama", ""))
    if not name:
        reasons.append(t("roster.name_missing"))
    elif name.startswith(_FORMULA_START) or not any(char.isalpha() for char in name):
        reasons.append(t("roster.name_invalid", value=_shorten(name)))
    email = _clean(row.values.get("email", "")).lower() or None
    if email and not _EMAIL.match(email):
        reasons.append(t("roster.email_invalid", value=_shorten(email)))
    peran = _clean(row.values.get("peran", "")).lower()
    role = ROLE_BY_PERAN.get(peran) if peran else None
    if peran and role is None:
        reasons.append(t("roster.peran_unknown", value=_shorten(peran)))
    fields = {column: _clean(row.values.get(column, "")) for column in MAX_LENGTH}
    fields["email"] = email or ""
    fields["nama"] = name
    for column, limit in MAX_LENGTH.items():
        if len(fields[column]) > limit:
            reasons.append(t("roster.too_long", column=column, n=len(fields[column]), limit=limit))
    if row.last_line > row.line:
        reasons.append(t("roster.unclosed_quote", first=row.line, last=row.last_line))
    if row.extra_cells:
        reasons.append(t("roster.extra_cells", n=row.extra_cells, header=header_columns))
    if reasons:
        return None, reasons
    return Person(line=row.line, nip=nip, nip_kind=kind, name=name, email=email,
                  agency=fields["instansi"] or None, unit=fields["unit_kerja"] or None,
                  region=fields["kabupaten_kota"] or None, batch=fields["batch"] or None, role=role), []


def _check_nip_cell(row: RawRow, reasons: list[str], today: dt.date | None) -> tuple[str, str]:
    """Check the NIP with the same rules as registration, plus what spreadsheets do to long numbers."""
    text = row.values.get("nip", "").strip().lstrip(_APOSTROPHES).strip()
    number = row.nip_number
    if number is not None:
        exact = isinstance(number, int) and len(str(number)) == 18 and not str(number).endswith("000")
        if not exact:
            # Excel keeps 15 significant digits: an 18-digit NIP stored as a number has lost its end.
            reasons.append(t("roster.nip_scientific", value=f"{float(number):.5E}"))
            return "", "pns"
    elif _SCIENTIFIC.match(text.replace(" ", "")):
        reasons.append(t("roster.nip_scientific", value=text))
        return "", "pns"
    if not text:
        reasons.append(t("roster.nip_missing"))
        return "", "pns"
    check = auth.check_nip(text, today=today)
    reasons.extend(check.errors)
    if len(check.nip) == 18 and check.nip.isdigit() and check.nip.endswith("000"):
        reasons.append(t("roster.nip_rounded"))
    return check.nip, check.kind


def _clean(value: str) -> str:
    """Collapse runs of spaces, tabs and line breaks inside a cell into one space."""
    return " ".join(value.split())


def _shorten(value: str, limit: int = 40) -> str:
    return value if len(value) <= limit else value[:limit] + "…"


# ---------------------------------------------------------------- what an import would do

# Columns compared with the database, as (roster column, Person attribute = users column).
COMPARED = (("nama", "name"), ("email", "email"), ("instansi", "agency"), ("unit_kerja", "unit"),
            ("kabupaten_kota", "region"))


@dataclass(frozen=True)
class Change:
    column: str  # the roster's column name, shown to the admin
    before: str
    after: str


@dataclass(frozen=True)
class Planned:
    person: Person
    user_id: int | None = None
    changes: tuple[Change, ...] = ()


@dataclass
class ImportPlan:
    creates: list[Planned] = field(default_factory=list)
    updates: list[Planned] = field(default_factory=list)
    # Self-registered accounts the roster names: handed to the roster's person with a new code.
    claims: list[Planned] = field(default_factory=list)
    unchanged: list[Planned] = field(default_factory=list)
    refusals: list[Refusal] = field(default_factory=list)
    new_batches: list[str] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    @property
    def has_work(self) -> bool:
        return not self.errors and bool(self.creates or self.updates or self.claims)


def plan_import(roster: Roster, existing: dict[str, dict[str, Any]], batch_names: list[str]) -> ImportPlan:
    """Sort the roster's people into create, update, unchanged or refused against the database.

    `existing` maps NIP → the person's row with `batch` (name) and `trained_batches` (names);
    `batch_names` are the batches that exist. An empty cell never erases what is stored, and an
    empty `peran` keeps an existing person's role (new people become peserta).
    """
    plan = ImportPlan(refusals=list(roster.refusals), notices=list(roster.notices), errors=list(roster.errors))
    known = {name.casefold(): name for name in batch_names}
    new_batches: dict[str, str] = {}
    for person in roster.people:
        batch = person.batch
        if batch:
            folded = batch.casefold()
            if folded not in known and folded not in new_batches:
                new_batches[folded] = batch
            batch = known.get(folded) or new_batches[folded]
            person = replace(person, batch=batch)
        row = existing.get(person.nip)
        if row is None:
            plan.creates.append(Planned(replace(person, role=person.role or "learner")))
            continue
        if row["role"] == "admin" and person.role not in (None, "admin"):
            plan.refusals.append(Refusal(person.line, person.nip, person.name, (t("roster.admin_untouched"),)))
            continue
        changes = _changes(person, row)
        planned = Planned(person, row["id"], tuple(changes))
        if row.get("self_registered"):
            plan.claims.append(planned)
            continue
        (plan.updates if changes else plan.unchanged).append(planned)
    plan.refusals.sort(key=lambda refusal: refusal.line)
    plan.new_batches = list(new_batches.values())
    return plan


def _changes(person: Person, row: dict[str, Any]) -> list[Change]:
    changes = []
    for column, attribute in COMPARED:
        new = getattr(person, attribute)
        old = row.get(attribute) or ""
        if new and new != old:
            changes.append(Change(column, old, new))
    role = person.role or row["role"]
    if role != row["role"]:
        changes.append(Change("peran", PERAN_BY_ROLE[row["role"]], PERAN_BY_ROLE[role]))
    if person.batch:
        if role == "trainer":
            trained = row.get("trained_batches") or []
            if person.batch not in trained:
                changes.append(Change("batch_dilatih", ", ".join(trained), ", ".join([*trained, person.batch])))
        elif person.batch != (row.get("batch") or ""):
            changes.append(Change("batch", row.get("batch") or "", person.batch))
    return changes

