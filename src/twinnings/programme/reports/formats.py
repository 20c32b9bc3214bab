"""The report written as downloads: PDF (WeasyPrint, from the page's own sections and charts), one
CSV per section, and an XLSX workbook with a sheet per section and native charts.

CSV: a spreadsheet opens one CSV as one sheet, and the sections have different columns, so each
section is its own flat table (a header row, then one row per line), offered beside its table on
the page; the whole report in one file is the XLSX. The CSV is UTF-8 with a byte-order mark (so
spreadsheets read "Köln" right), comma-separated, numbers with a decimal point, dates ISO 8601,
shares as fractions (0.25 = 25 %)."""

from __future__ import annotations

import csv
import io
from datetime import date
from typing import Any

from django.template.loader import render_to_string
from django.utils.text import slugify
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from twinnings.programme.reports.data import Report
from twinnings.programme.reports.tables import COUNT, DAY, MONEY, SHARE, Cell, Table, tables

NUMBER_FORMATS = {COUNT: "#,##0", MONEY: "#,##0.00", SHARE: "0.0%", DAY: "yyyy-mm-dd"}


def filename(report: Report, extension: str, section: str = "") -> str:
    """e.g. `stadtepartnerschaft-koln-lyon-report-2026-budget.csv`: ASCII, safe in a header."""
    stem = slugify(report.title)[:60].strip("-") or "twinnings"
    return f"{stem}-report-{report.year}{'-' + section if section else ''}.{extension}"


def _csv_cell(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:.4f}"
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def csv_bytes(table: Table) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(table.headers)
    for row in table.rows:
        writer.writerow([_csv_cell(value) for value in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def pdf_bytes(context: dict[str, Any]) -> bytes:
    """The report page's sections and charts on A4 (`context` as the page's, see views.reports)."""
    from weasyprint import CSS, HTML  # imported when used: it loads Pango

    html = render_to_string("programme/report_pdf.html", context)
    css = CSS(string=render_to_string("programme/report_pdf.css"))
    pdf: bytes = HTML(string=html, base_url="/").write_pdf(stylesheets=[css])
    return pdf


def _sheet_title(title: str, used: set[str]) -> str:
    """Excel's limits: at most 31 characters, none of []:*?/\\, unique in the workbook."""
    clean = "".join(" " if c in "[]:*?/\\" else c for c in title)[:31].strip()
    name, number = clean, 2
    while name in used:
        name = f"{clean[:28]} {number}"
        number += 1
    used.add(name)
    return name


def _fill(sheet: Worksheet, table: Table) -> None:
    sheet.append(table.headers)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in table.rows:
        sheet.append(list(row))
    for index, (header, kind) in enumerate(table.columns, start=1):
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = max(10, min(48, len(header) + 4))
        if kind in NUMBER_FORMATS:
            for (cell,) in sheet.iter_rows(min_row=2, min_col=index, max_col=index):
                cell.number_format = NUMBER_FORMATS[kind]
    sheet.freeze_panes = "A2"


def _participants_chart(sheet: Worksheet, rows: int) -> None:
    chart = BarChart()
    chart.type, chart.grouping, chart.overlap = "col", "stacked", 100
    chart.title = _("Participants per month")
    chart.y_axis.title = _("Participants")
    chart.add_data(Reference(sheet, min_col=2, max_col=3, min_row=1, max_row=rows + 1), titles_from_data=True)
    chart.set_categories(Reference(sheet, min_col=1, min_row=2, max_row=rows + 1))
    chart.width, chart.height = 18, 8
    sheet.add_chart(chart, "G2")


def _budget_chart(sheet: Worksheet, table: Table) -> None:
    headers = table.headers
    party = headers.index(_("Party")) + 1
    planned = headers.index(_("Planned share of allocation")) + 1
    rows = len(table.rows)
    chart = BarChart()
    chart.type = "bar"
    chart.title = _("Budget use per party (share of the allocation)")
    chart.x_axis.number_format = "0%"
    chart.add_data(
        Reference(sheet, min_col=planned, max_col=planned + 1, min_row=1, max_row=rows + 1), titles_from_data=True
    )
    chart.set_categories(Reference(sheet, min_col=party, min_row=2, max_row=rows + 1))
    chart.width, chart.height = 18, max(6, 2 + 1.2 * rows)
    sheet.add_chart(chart, f"A{rows + 4}")


def xlsx_bytes(report: Report) -> bytes:
    workbook = Workbook()
    summary = workbook.active
    assert summary is not None
    summary.title = _("Report")[:31]
    totals = report.totals
    for label, value in [
        (_("Report"), report.title),
        (_("Year"), report.year),
        (_("Activities held"), totals.activities_held),
        (_("Activities planned or confirmed"), totals.activities_not_held),
        (_("Participants"), totals.participants),
        (_("Invited"), totals.invited),
        (_("Local"), totals.local),
        (_("Generated"), report.generated_at.replace(tzinfo=None)),
    ]:
        summary.append([label, value])
    summary.column_dimensions["A"].width = 32
    summary.column_dimensions["B"].width = 60
    used = {summary.title}
    for table in tables(report):
        sheet = workbook.create_sheet(_sheet_title(table.title, used))
        _fill(sheet, table)
        if table.slug == "participants-months":
            _participants_chart(sheet, len(table.rows))
        if table.slug == "budget" and table.rows:
            _budget_chart(sheet, table)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
