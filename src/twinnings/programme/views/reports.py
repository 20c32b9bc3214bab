"""Annual reports of an agreement, or of a place over its agreements: the page, its PDF, its XLSX
workbook and one CSV per section. Whoever may see the agreement may see its report (counts only,
never participants' names); a place's report covers the agreements the reader may see."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_safe

from twinnings.accounts.current import user_of
from twinnings.agreements.views.common import visible_agreement
from twinnings.places.models import Place
from twinnings.programme.reports import build, formats, page
from twinnings.programme.reports.data import Report
from twinnings.programme.reports.tables import SLUGS, table

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
}


def _links(prefix: str, pk: int, year: int) -> dict[str, Any]:
    """Where this report's other years and downloads are (`prefix` "report" or "place_report")."""

    def url(name: str, *args: object) -> str:
        return reverse(f"programme:{prefix}{name}", args=[pk, *args])

    return {
        "previous": url("", year - 1) if build.valid_year(year - 1) else "",
        "next": url("", year + 1) if build.valid_year(year + 1) else "",
        "pdf": url("_pdf", year),
        "xlsx": url("_xlsx", year),
        "csv": {slug: url("_csv", year, slug) for slug in SLUGS},
    }


def _answer(request: HttpRequest, report: Report, context: dict[str, Any], fmt: str, section: str) -> HttpResponse:
    if fmt == "html":
        return render(request, "programme/report.html", context)
    if fmt == "pdf":
        body = formats.pdf_bytes({**context, "pdf": True})
    elif fmt == "xlsx":
        body = formats.xlsx_bytes(report)
    else:
        found = table(report, section)
        if found is None:
            raise Http404("No such section")
        body = formats.csv_bytes(found)
    response = HttpResponse(body, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{formats.filename(report, fmt, section)}"'
    return response


def _year(year: int) -> int:
    if not build.valid_year(year):
        raise Http404("Year out of range")
    return year


@require_safe
@login_required
def agreement_report(request: HttpRequest, pk: int, year: int, fmt: str = "html", section: str = "") -> HttpResponse:
    agreement = visible_agreement(request, pk)
    report = build.agreement_report(agreement, _year(year))
    parties = agreement.parties.select_related("place")
    context = {**page.context(report, _links("report", pk, year)), "agreement": agreement, "parties": parties}
    return _answer(request, report, context, fmt, section)


@require_safe
@login_required
def agreement_report_now(request: HttpRequest, pk: int) -> HttpResponse:
    visible_agreement(request, pk)
    return redirect("programme:report", pk, timezone.localdate().year)


@require_safe
@login_required
def place_report(request: HttpRequest, pk: int, year: int, fmt: str = "html", section: str = "") -> HttpResponse:
    place = get_object_or_404(Place, pk=pk)
    agreements = build.visible_agreements(user_of(request), place)
    if not agreements:
        raise Http404("No agreement of this place is visible to you")
    report = build.place_report(place, agreements, _year(year))
    return _answer(request, report, page.context(report, _links("place_report", pk, year)), fmt, section)
