"""Dashboard tables as people see them and as files (CSV, XLSX), safe to open in a spreadsheet.

A spreadsheet runs a cell that starts with `=`, `+`, `-` or `@` as a formula, so a learner named
`=HYPERLINK(...)` could attack whoever opens the export. Every such text is written as text:
in CSV with a leading apostrophe (the spreadsheet convention for "this is text"), in XLSX as a
string cell, which a spreadsheet never evaluates.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import TYPE_STRING

# Also tab and carriage return (a spreadsheet skips them, then reads the formula after them) and the
# full-width forms ＝＋－＠ that some spreadsheets read as their ASCII twins.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")
SHEET_NAME_LIMIT = 31


@dataclass(frozen=True)
class Column:
    """One column of a table: the row key, its (translated) heading, and how to show the value."""

    key: str
    label: str
    kind: str = "text"  # text | count | share (0–1, shown as %) | score (already a %) | gain


def csv_safe(value: Any) -> Any:
    """Text that a spreadsheet would run as a formula, made inert with a leading apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def file_value(value: Any, kind: str) -> Any:
    """The value written to a file: shares as percentages with one decimal, other numbers as they are."""
    if isinstance(value, float) and kind == "share":
        return round(100 * value, 1)
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value)
    return value


def display_value(value: Any, kind: str) -> str | int | float:
    """The value shown on screen, Indonesian style (comma decimals); "< 5" and text pass through."""
    if value is None:
        return "–"
    if isinstance(value, str):
        return value
    if kind == "share":
        return f"{100 * value:.1f}%".replace(".", ",")
    if kind == "score":
        return f"{value:.1f}".replace(".", ",")
    if kind == "gain":
        return f"{value:.2f}".replace(".", ",")
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value)
    return value


def display_table(rows: Sequence[Mapping[str, Any]], columns: Sequence[Column]) -> list[dict[str, Any]]:
    """Rows keyed by column headings, values formatted for the screen.

    A column that mixes numbers with text ("< 5", "–") becomes all text, so a table widget never
    meets two types in one column.
    """
    table = [{c.label: display_value(row.get(c.key), c.kind) for c in columns} for row in rows]
    for column in columns:
        values = [shown[column.label] for shown in table]
        if any(isinstance(v, str) for v in values) and not all(isinstance(v, str) for v in values):
            for shown in table:
                shown[column.label] = str(shown[column.label])
    return table


def markdown_table(table: Sequence[Mapping[str, Any]]) -> str:
    """A display_table as one Markdown table, every cell literal text; numbers aligned right."""
    from modules.safetext import plain

    if not table:
        return ""
    labels = list(table[0])
    numeric = [all(isinstance(row[label], int | float) for row in table) for label in labels]
    lines = ["| " + " | ".join(plain(label) for label in labels) + " |",
             "|" + "|".join("---:" if right else "---" for right in numeric) + "|"]
    lines += ["| " + " | ".join(plain(row[label]) for label in labels) + " |" for row in table]
    return "\n".join(lines)


# Every CSV the product writes follows one convention, the one Excel set to Indonesian opens as
# columns: `;` between fields, a decimal comma, CRLF line ends, UTF-8 with a byte-order mark.
CSV_DELIMITER = ";"


def csv_cell(value: Any) -> Any:
    """A value as a CSV cell: decimals with a comma, formula-like text made inert."""
    if isinstance(value, float):
        return f"{value:g}".replace(".", ",")
    return csv_safe(value)


def csv_bytes(header: Sequence[Any], rows: Iterable[Sequence[Any]]) -> bytes:
    """A CSV file in the product's one convention (see CSV_DELIMITER)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=CSV_DELIMITER, lineterminator="\r\n")
    writer.writerow([csv_cell(value) for value in header])
    writer.writerows([csv_cell(value) for value in row] for row in rows)
    return buffer.getvalue().encode("utf-8-sig")


def to_csv(rows: Sequence[Mapping[str, Any]], columns: Sequence[Column]) -> bytes:
    """A dashboard table as CSV, values as in the XLSX export."""
    return csv_bytes([c.label for c in columns],
                     ([file_value(row.get(c.key), c.kind) for c in columns] for row in rows))


def to_xlsx(sheets: Mapping[str, tuple[Sequence[Mapping[str, Any]], Sequence[Column]]]) -> bytes:
    """One workbook, a sheet per table (sheet name → (rows, columns)); every text cell is a string cell."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    used: set[str] = set()
    for name, (rows, columns) in sheets.items():
        sheet = workbook.create_sheet(_sheet_name(name, used))
        sheet.append([c.label for c in columns])
        for row in rows:
            sheet.append([file_value(row.get(c.key), c.kind) for c in columns])
        for line in sheet.iter_rows():
            for cell in line:
                if isinstance(cell.value, str):
                    # openpyxl would store "=..." as a formula; a string cell is never run.
                    cell.data_type = TYPE_STRING
        for index, column in enumerate(columns, start=1):
            sheet.column_dimensions[sheet.cell(1, index).column_letter].width = max(10, min(48, len(column.label) + 4))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _sheet_name(name: str, used: set[str]) -> str:
    """Excel sheet names: at most 31 characters, none of []:*?/\\, unique in the workbook."""
    clean = "".join("-" if ch in "[]:*?/\\" else ch for ch in name)[:SHEET_NAME_LIMIT] or "Sheet"
    candidate, number = clean, 2
    while candidate in used:
        suffix = f" ({number})"
        candidate, number = clean[:SHEET_NAME_LIMIT - len(suffix)] + suffix, number + 1
    used.add(candidate)
    return candidate
