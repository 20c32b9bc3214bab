"""The report rendered four ways from the same data: the page, a PDF with pages and charts, an
XLSX workbook (a sheet per section, real numbers, native charts) and a CSV per section. None of
them ever shows a participant's name."""

from __future__ import annotations

import csv
import io
from datetime import date
from decimal import Decimal

import pytest
from django.test import Client
from openpyxl import load_workbook
from pypdf import PdfReader

from tests.programme.reporting import NAMED, YEAR, Programme
from tests.web.test_content_security_policy import INLINE_HANDLER, INLINE_SCRIPT, STYLE_ATTRIBUTE
from tests.workspace import People
from twinnings.programme.reports.build import agreement_report
from twinnings.programme.reports.tables import SLUGS
from twinnings.programme.services.budget import budget_table


def url(programme: Programme, suffix: str = "/") -> str:
    return f"/workspace/agreements/{programme.agreement.pk}/report/{YEAR}{suffix}"


@pytest.fixture
def reader(client: Client, people: People) -> Client:
    client.force_login(people.partner)
    return client


def test_page_shows_sections_and_svg_charts_within_the_policy(reader: Client, programme: Programme) -> None:
    response = reader.get(url(programme))
    assert response.status_code == 200
    page = response.content.decode()
    assert page.count('class="report-chart"') == 2 and "<title>Participants per month, 2026</title>" in page
    for text in ["Lyon at the Cologne festival", "Düsseldorf", "8,850.50", "CERV town twinning", "Kraków"]:
        assert text in page
    assert NAMED not in page
    assert not INLINE_SCRIPT.search(response.content) and not INLINE_HANDLER.search(response.content)
    assert not STYLE_ATTRIBUTE.search(response.content)
    assert "unsafe-inline" not in response["Content-Security-Policy"]
    for slug in SLUGS:
        assert f"/report/{YEAR}/{slug}.csv" in page


def test_pdf_has_pages_text_and_charts(reader: Client, programme: Programme) -> None:
    response = reader.get(url(programme, ".pdf"))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        f'attachment; filename="stadtepartnerschaft-koln-lyon-report-{YEAR}.pdf"'
    )
    assert response.content.startswith(b"%PDF")
    pdf = PdfReader(io.BytesIO(response.content))
    assert len(pdf.pages) >= 2
    text = " ".join(page.extract_text() for page in pdf.pages)
    chart_texts = ["Sep", "8,850.50 of 10,000.00 EUR spent", "no money allocated"]  # drawn in the SVG charts
    for expected in ["Lyon at the Cologne festival", "CERV networks of towns", "141", *chart_texts]:
        assert expected in text
    assert NAMED not in text


def test_xlsx_has_a_sheet_per_section_with_numbers_matching_the_services(
    reader: Client,
    programme: Programme,
) -> None:
    response = reader.get(url(programme, ".xlsx"))
    assert response.status_code == 200 and response["Content-Disposition"].endswith(f'report-{YEAR}.xlsx"')
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == [
        "Report", "Activities held", "Activities by type", "Activities by area", "Participants by town",
        "Participants by country", "Participants by month", "Participants by age", "Budget per party",
        "Indicators against targets", "Grant readiness (CERV)",
    ]  # fmt: skip
    budget = book["Budget per party"]
    assert [c.value for c in budget[1]][:6] == ["Party", "Country", "Currency", "Allocated", "Planned", "Spent"]
    sheet_rows = [tuple(c.value for c in row[:6]) for row in budget.iter_rows(min_row=2)]
    expected = [
        (r.party.place.name, r.party.place.country_id, r.row.currency, r.row.allocated, r.row.planned, r.row.spent)
        for r in budget_table(programme.agreement, {YEAR})
    ]
    assert [(*row[:3], *(Decimal(str(v)) for v in row[3:])) for row in sheet_rows] == expected
    assert isinstance(budget["F2"].value, float | int) and budget["D2"].number_format == "#,##0.00"
    months = book["Participants by month"]
    assert [months.cell(row=r, column=4).value for r in range(2, 14)] == [0, 0, 0, 0, 0, 55, 0, 0, 83, 3, 0, 0]
    assert len(months._charts) == 1 and len(budget._charts) == 1
    activities = book["Activities held"]
    assert activities["D2"].value.date() == date(YEAR, 6, 8)
    assert all(NAMED not in str(cell.value) for sheet in book for row in sheet.iter_rows() for cell in row)


def test_csv_per_section_parses_as_one_flat_table(reader: Client, programme: Programme) -> None:
    response = reader.get(url(programme, "/participants-towns.csv"))
    assert response.status_code == 200 and response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].endswith(f'report-{YEAR}-participants-towns.csv"')
    assert response.content.startswith("\ufeff".encode())
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == {"Town": "Cologne", "Country": "DE", "Invited": "30", "Local": "40", "Total": "70"}
    assert sum(int(row["Total"]) for row in rows) == agreement_report(programme.agreement, YEAR).totals.participants
    budget = list(csv.reader(io.StringIO(reader.get(url(programme, "/budget.csv")).content.decode("utf-8-sig"))))
    assert budget[1][:7] == ["Cologne", "DE", "EUR", "10000.00", "9000.00", "8850.50", "1149.50"]
    assert budget[3][2] == "USD" and budget[3][-1] == ""  # no allocation: no share
    for slug in SLUGS:
        body = reader.get(url(programme, f"/{slug}.csv")).content.decode("utf-8-sig")
        assert NAMED not in body and len(list(csv.reader(io.StringIO(body)))) >= 1
    assert reader.get(url(programme, "/nothing.csv")).status_code == 404


def test_place_report_downloads(reader: Client, programme: Programme, people: People) -> None:
    base = f"/workspace/places/{people.away.pk}/report/{YEAR}"
    page = reader.get(base + "/")
    assert page.status_code == 200 and "Twinnings of Lyon" in page.content.decode()
    pdf = reader.get(base + ".pdf")
    assert (
        pdf.content.startswith(b"%PDF") and 'filename="twinnings-of-lyon-report-2026.pdf"' in pdf["Content-Disposition"]
    )
    book = load_workbook(io.BytesIO(reader.get(base + ".xlsx").content))
    assert book["Budget per party"]["A1"].value == "Agreement"
    rows = list(csv.reader(io.StringIO(reader.get(base + "/activities.csv").content.decode("utf-8-sig"))))
    assert rows[0][0] == "Agreement" and rows[1][0] == programme.agreement.title
