"""Documents of an agreement: the PDF of a version, and attachments (uploaded and downloaded)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from twinnings.accounts.current import user_of
from twinnings.agreements import attachments
from twinnings.agreements.documents import pdf_filename, version_pdf
from twinnings.agreements.models import AgreementVersion, Attachment
from twinnings.agreements.views.common import refused, visible_agreement
from twinnings.core.errors import Refused


@require_safe
@login_required
def pdf(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    agreement = visible_agreement(request, pk)
    version = get_object_or_404(AgreementVersion, agreement=agreement, number=number)
    response = HttpResponse(version_pdf(agreement, version), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{pdf_filename(agreement, version)}"'
    return response


@require_POST
@login_required
def upload(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = visible_agreement(request, pk)
    upload = request.FILES.get("file")
    if upload is None:
        return refused(request, Refused(_("Choose a file.")), agreement)
    try:
        attachments.attach(user_of(request), agreement, upload, request.POST.get("description", ""))
    except Refused as error:
        return refused(request, error, agreement)
    messages.success(request, _("The file is attached."))
    return redirect(agreement)


@require_safe
@login_required
def download(request: HttpRequest, pk: int, attachment_id: int) -> FileResponse:
    agreement = visible_agreement(request, pk)
    attachment = get_object_or_404(Attachment, agreement=agreement, pk=attachment_id)
    return FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        filename=attachment.original_name,
        content_type=attachment.content_type,
    )
