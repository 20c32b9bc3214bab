"""Attaching files to an agreement: PDF and images only, recognised by their content (not their
name), within a size limit, stored under a random name outside the web root."""

from __future__ import annotations

import hashlib
import io
import unicodedata
import uuid
from pathlib import PurePath

from django.conf import settings
from django.contrib.auth.models import User
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from twinnings.accounts.permissions import Action, can
from twinnings.agreements.models import Agreement, Attachment
from twinnings.audit.services import record, scope_of, snapshot
from twinnings.core.errors import Forbidden, Refused

EXTENSIONS = {"application/pdf": ".pdf", "image/png": ".png", "image/jpeg": ".jpg"}
IMAGE_FORMATS = {"PNG": "image/png", "JPEG": "image/jpeg"}


def content_type_of(data: bytes) -> str | None:
    """The type the bytes really have, or None when they are not a whole PDF, PNG or JPEG."""
    if data.startswith(b"%PDF-"):
        return "application/pdf" if b"%%EOF" in data[-2048:] else None
    if data.startswith((b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff")):
        from PIL import Image

        try:
            with Image.open(io.BytesIO(data)) as image:
                image.verify()
                return IMAGE_FORMATS.get(str(image.format))
        except Exception:  # Pillow raises many kinds of error for a damaged image
            return None
    return None


def safe_name(name: str) -> str:
    base = PurePath(name.replace("\\", "/")).name
    cleaned = "".join(c for c in unicodedata.normalize("NFC", base) if c.isprintable() and c not in '"<>')
    return cleaned.strip()[:150] or "attachment"


def attach(actor: User, agreement: Agreement, upload: UploadedFile, description: str = "") -> Attachment:
    if not can(actor, Action.EDIT, agreement):
        raise Forbidden(_("Only an administrator or editor of a party can attach files."))
    limit = settings.ATTACHMENT_MAX_BYTES
    if upload.size is None or upload.size > limit:
        raise Refused(_("The file is larger than %(mb)s MB.") % {"mb": limit // (1024 * 1024)})
    data = upload.read(limit + 1)
    if len(data) > limit:
        raise Refused(_("The file is larger than %(mb)s MB.") % {"mb": limit // (1024 * 1024)})
    content_type = content_type_of(data)
    if content_type is None:
        raise Refused(_("Only PDF documents and PNG or JPEG images can be attached."))
    with transaction.atomic():
        attachment = Attachment(
            agreement=agreement,
            original_name=safe_name(upload.name or ""),
            content_type=content_type,
            size=len(data),
            sha256=hashlib.sha256(data).hexdigest(),
            description=description.strip()[:300],
            uploaded_by=actor,
        )
        attachment.file.save(
            f"{agreement.pk}/{uuid.uuid4().hex}{EXTENSIONS[content_type]}", ContentFile(data), save=False
        )
        attachment.save()
        fields = ["original_name", "content_type", "size", "sha256", "description"]
        record(
            actor, "agreement.attachment_add", attachment, after=snapshot(attachment, fields), scope=scope_of(agreement)
        )
    return attachment
