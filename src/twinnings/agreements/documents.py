"""The bilingual PDF of a version (WeasyPrint): the texts in parallel columns, the programme, the
term, signature blocks and, once signed, the record of approvals and signatures."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils import timezone

from twinnings.agreements.models import Agreement, AgreementVersion


def version_pdf(agreement: Agreement, version: AgreementVersion) -> bytes:
    from weasyprint import CSS, HTML  # imported when used: it loads Pango

    context = {
        "agreement": agreement,
        "version": version,
        "content": version.content,
        "approvals": version.approvals.select_related("party__place"),
        "signatures": version.signatures.select_related("party__place"),
        "generated_at": timezone.now(),
    }
    html = render_to_string("agreements/pdf/version.html", context)
    css = CSS(string=render_to_string("agreements/pdf/version.css"))
    pdf: bytes = HTML(string=html, base_url="/").write_pdf(stylesheets=[css])
    return pdf


def pdf_filename(agreement: Agreement, version: AgreementVersion) -> str:
    stem = "".join(c if c.isascii() and c.isalnum() else "-" for c in agreement.title).strip("-")[:60] or "agreement"
    return f"{stem}-v{version.number}.pdf"
