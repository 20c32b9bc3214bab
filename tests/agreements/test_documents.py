from __future__ import annotations

import io
import stat
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from PIL import Image
from pytest_django.fixtures import Settings

from tests.agreements.conftest import sign_all
from tests.workspace import People
from twinnings.agreements.models import Agreement, Attachment

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "navy").save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture(autouse=True)
def attachments_dir(settings: Settings, tmp_path: Path) -> Path:
    settings.ATTACHMENTS_DIR = tmp_path / "attachments"
    return settings.ATTACHMENTS_DIR


def client_for(people: People, who: str) -> Client:
    client = Client()
    client.force_login(people.by_name(who))
    return client


@pytest.mark.parametrize(("who", "status"), [("officer", 200), ("partner", 200), ("outsider", 404)])
def test_the_bilingual_pdf_of_a_signed_version(approved: Agreement, people: People, who: str, status: int) -> None:
    signed = sign_all(approved, people)
    response = client_for(people, who).get(reverse("agreements:pdf", args=[signed.pk, 1]))
    assert response.status_code == status
    if status == 200:
        assert response["Content-Type"] == "application/pdf"
        assert response["Content-Disposition"].startswith("attachment; filename=")
        assert response.content.startswith(b"%PDF-")


def test_the_pdf_has_both_languages_side_by_side_and_the_signing_record(approved: Agreement, people: People) -> None:
    from pypdf import PdfReader

    signed = sign_all(approved, people)
    response = client_for(people, "officer").get(reverse("agreements:pdf", args=[signed.pk, 1]))
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "Die Städte arbeiten zusammen." in text and "Les villes coopèrent." in text
    assert "Ratsbeschluss 12/2026" in text and "Délibération 2026-45" in text
    assert signed.signed_version is not None and signed.signed_version.hash[:16] in text


@pytest.mark.parametrize(("who", "status"), [("officer", 302), ("partner", 302), ("outsider", 404)])
def test_attaching_a_pdf(proposed: Agreement, people: People, who: str, status: int) -> None:
    upload = SimpleUploadedFile("Ratsbeschluss.pdf", PDF, content_type="application/pdf")
    response = client_for(people, who).post(reverse("agreements:attach", args=[proposed.pk]), {"file": upload})
    assert response.status_code == status
    assert Attachment.objects.count() == (1 if status == 302 else 0)


def test_an_attachment_is_stored_outside_the_web_root_and_downloaded_as_a_file(
    proposed: Agreement, people: People, attachments_dir: Path
) -> None:
    client = client_for(people, "officer")
    client.post(reverse("agreements:attach", args=[proposed.pk]), {"file": SimpleUploadedFile("scan.png", png())})
    attachment = Attachment.objects.get()
    assert attachment.content_type == "image/png"
    assert Path(attachment.file.path).is_relative_to(attachments_dir)
    assert "scan" not in attachment.file.name
    response = client.get(reverse("agreements:attachment", args=[proposed.pk, attachment.pk]))
    assert response["Content-Disposition"] == 'attachment; filename="scan.png"'
    assert b"".join(response.streaming_content) == png()  # type: ignore[attr-defined]
    assert (
        client_for(people, "outsider")
        .get(reverse("agreements:attachment", args=[proposed.pk, attachment.pk]))
        .status_code
        == 404
    )


def test_an_attachment_and_its_folders_are_readable_by_the_service_user_only(
    proposed: Agreement, people: People, attachments_dir: Path
) -> None:
    upload = SimpleUploadedFile("Ratsbeschluss.pdf", PDF, content_type="application/pdf")
    client_for(people, "officer").post(reverse("agreements:attach", args=[proposed.pk]), {"file": upload})
    path = Path(Attachment.objects.get().file.path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert {stat.S_IMODE(folder.stat().st_mode) for folder in (path.parent, attachments_dir)} == {0o700}


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("minutes.pdf", b"<html><script>alert(1)</script></html>"),
        ("photo.png", b"\x89PNG\r\n\x1a\n" + b"not really a png"),
        ("truncated.pdf", b"%PDF-1.4\n1 0 obj"),
        ("program.exe", b"MZ\x90\x00"),
    ],
)
def test_files_that_are_not_what_they_claim_are_refused(
    proposed: Agreement, people: People, name: str, data: bytes
) -> None:
    response = client_for(people, "officer").post(
        reverse("agreements:attach", args=[proposed.pk]), {"file": SimpleUploadedFile(name, data)}, follow=True
    )
    assert "Only PDF documents and PNG or JPEG images can be attached." in response.content.decode()
    assert not Attachment.objects.exists()


def test_files_over_the_limit_are_refused(proposed: Agreement, people: People, settings: Settings) -> None:
    settings.ATTACHMENT_MAX_BYTES = 1024
    big = PDF[:-6] + b" " * 2000 + b"%%EOF\n"
    response = client_for(people, "officer").post(
        reverse("agreements:attach", args=[proposed.pk]), {"file": SimpleUploadedFile("big.pdf", big)}, follow=True
    )
    assert "The file is larger than" in response.content.decode()
    assert not Attachment.objects.exists()
