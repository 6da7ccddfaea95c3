"""The batch report as an A4 portrait PDF to print and sign: headline figures, bar charts drawn
with fpdf2's own lines and rectangles (no image renderer), every table, and a signature block for
the official named in the settings (modules/organiser.py).

Every chart's figures are also in a table of the same report, so nothing is only a picture.
"""

from __future__ import annotations

from fpdf import FPDF
from fpdf.fonts import FontFace

from modules.batch_report import Chart, Report, Table, _shown
from modules.certificate_pdf import FONTS
from modules.certificates import indonesian_date
from modules.i18n import t
from modules.organiser import Organiser

NAVY = (16, 52, 96)
BAR = (0, 114, 178)      # Okabe–Ito blue, as on the dashboards
INK = (33, 33, 33)
GREY = (96, 96, 96)
LIGHT = (230, 236, 243)
MARGIN = 18.0
WIDTH = 210.0 - 2 * MARGIN


class _ReportPDF(FPDF):
    def footer(self) -> None:
        self.set_y(-12)
        self.set_font("serif", "", 8)
        self.set_text_color(*GREY)
        self.cell(0, 5, t("report.pdf.page", n=self.page_no()), align="C")


def _heading(pdf: FPDF, text: str) -> None:
    if pdf.get_y() > 250:
        pdf.add_page()
    pdf.ln(3)
    pdf.set_font("serif", "B", 12)
    pdf.set_text_color(*NAVY)
    pdf.multi_cell(WIDTH, 6, text, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(1)


def _note(pdf: FPDF, text: str | None) -> None:
    if text:
        pdf.set_font("serif", "I", 8.5)
        pdf.set_text_color(*GREY)
        pdf.multi_cell(WIDTH, 4.2, text, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(1)


def _tiles(pdf: FPDF, table: Table) -> None:
    """The headline figures as six framed tiles, three to a row."""
    _heading(pdf, t("report.pdf.figures"))
    width, height, gap = (WIDTH - 8) / 3, 19.0, 4.0
    top = pdf.get_y()
    for index, row in enumerate(table.rows):
        x = MARGIN + (index % 3) * (width + gap)
        y = top + (index // 3) * (height + gap)
        pdf.set_draw_color(*NAVY)
        pdf.set_line_width(0.3)
        pdf.rect(x, y, width, height)
        pdf.set_xy(x + 2, y + 2)
        pdf.set_font("serif", "", 8.5)
        pdf.set_text_color(*GREY)
        pdf.cell(width - 4, 4, row["figure"])
        pdf.set_xy(x + 2, y + 8)
        pdf.set_font("serif", "B", 15)
        pdf.set_text_color(*INK)
        pdf.cell(width - 4, 8, str(row["value"]))
    pdf.set_y(top + 2 * (height + gap))
    _note(pdf, table.note)


def _chart(pdf: FPDF, chart: Chart) -> None:
    """Horizontal bars: label, bar to scale, value; a suppressed value is printed, not drawn."""
    rows = len(chart.labels)
    needed = 10 + rows * 7
    if pdf.get_y() + needed > 277:
        pdf.add_page()
    _heading(pdf, chart.title)
    label_width, value_width, bar_height = 52.0, 18.0, 4.6
    bar_area = WIDTH - label_width - value_width
    top = pdf.get_y()
    pdf.set_draw_color(*GREY)
    pdf.set_line_width(0.2)
    pdf.line(MARGIN + label_width, top - 1, MARGIN + label_width, top + rows * 7)
    for index, (label, value, shown) in enumerate(zip(chart.labels, chart.values, chart.shown, strict=True)):
        y = top + index * 7
        pdf.set_xy(MARGIN, y)
        pdf.set_font("serif", "", 9)
        pdf.set_text_color(*INK)
        pdf.cell(label_width - 2, bar_height + 1, label, align="R")
        length = 0.0 if value is None or chart.top <= 0 else max(0.0, min(1.0, value / chart.top)) * bar_area
        if length:
            pdf.set_fill_color(*BAR)
            pdf.rect(MARGIN + label_width, y + 0.5, length, bar_height, style="F")
        pdf.set_xy(MARGIN + label_width + length + 1.5, y)
        pdf.set_font("serif", "B", 9)
        pdf.cell(value_width, bar_height + 1, shown)
    pdf.set_y(top + rows * 7 + 2)


def _table(pdf: FPDF, table: Table) -> None:
    _heading(pdf, table.title)
    if not table.rows:
        _note(pdf, table.note or t("report.grad.none"))
        return
    wide = len(table.columns) > 6
    pdf.set_font("serif", "", 7.5 if wide else 8.5)
    pdf.set_text_color(*INK)
    pdf.set_draw_color(*GREY)
    pdf.set_fill_color(*LIGHT)  # every other row, for reading across
    pdf.set_line_width(0.15)
    heading_style = FontFace(emphasis="BOLD", color=(255, 255, 255), fill_color=NAVY)
    # The first column (a name or label) gets the room; numbers need little.
    widths = [2.4 if wide else 3] + [1.2] * (len(table.columns) - 1)
    if table.columns[0].key == "number":  # the graduates: name, NIP and certificate number in full
        widths = [0.7, 2.3, 3.3, 1.4, 4.9, 1.9, 0.5][:len(table.columns)]
    with pdf.table(col_widths=widths, headings_style=heading_style, line_height=4.2 if wide else 4.6, width=WIDTH,
                   cell_fill_mode="ROWS", text_align="LEFT", first_row_as_headings=True,
                   repeat_headings=1) as grid:
        grid.row([column.label for column in table.columns])
        for row in table.rows:
            grid.row([_shown(row.get(column.key), column.kind) for column in table.columns])
    pdf.ln(1)
    _note(pdf, table.note)


def _signature(pdf: FPDF, report: Report, organiser: Organiser) -> None:
    """Place and date, the official's position, room to sign, name and NIP, on the right."""
    if pdf.get_y() > 225:
        pdf.add_page()
    pdf.ln(8)
    x, width = MARGIN + WIDTH - 80, 80.0
    unset = t("report.pdf.unset")
    place = f"{organiser.place}, " if organiser.place else ""
    lines = [(t("report.pdf.signature", place=place, date=indonesian_date(report.made_on)), "", 6),
             (organiser.official_position or unset, "", 24),
             (organiser.official_name or unset, "B", 5),
             (t("report.pdf.nip", nip=organiser.official_nip or unset), "", 5)]
    pdf.set_text_color(*INK)
    for text, style, height in lines:
        pdf.set_x(x)
        pdf.set_font("serif", style, 10)
        pdf.multi_cell(width, 5, text, align="C", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(height - 5)


def render(report: Report, organiser: Organiser) -> bytes:
    pdf = _ReportPDF(orientation="P", unit="mm", format="A4")
    for style, file in (("", "DejaVuSerif.ttf"), ("B", "DejaVuSerif-Bold.ttf"), ("I", "DejaVuSerif-Italic.ttf")):
        pdf.add_font("serif", style, FONTS / file)
    pdf.set_margins(MARGIN, MARGIN, MARGIN)
    pdf.set_auto_page_break(True, margin=16)
    pdf.set_title(report.title)
    pdf.set_lang("id")
    pdf.add_page()
    pdf.set_font("serif", "", 10)
    pdf.set_text_color(*GREY)
    pdf.cell(WIDTH, 5, t("report.pdf.organiser", name=organiser.name or t("report.pdf.unset")),
             new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("serif", "B", 17)
    pdf.set_text_color(*NAVY)
    pdf.cell(WIDTH, 10, report.title, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("serif", "", 10)
    pdf.set_text_color(*INK)
    for line in report.scope:
        pdf.multi_cell(WIDTH, 5, line, new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(*GREY)
    pdf.cell(WIDTH, 5, t("report.pdf.made_on", date=indonesian_date(report.made_on)), new_x="LMARGIN", new_y="NEXT")
    pdf.set_draw_color(*NAVY)
    pdf.set_line_width(0.6)
    pdf.line(MARGIN, pdf.get_y() + 2, MARGIN + WIDTH, pdf.get_y() + 2)
    pdf.ln(4)
    headline, *tables = report.tables
    _tiles(pdf, headline)
    for chart in report.charts:
        _chart(pdf, chart)
    for table in tables:
        _table(pdf, table)
    _signature(pdf, report, organiser)
    return bytes(pdf.output())
