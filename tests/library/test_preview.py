"""First-page previews: drawn from the PDF by the worker in a limited child, stored beside the
file, served through the same access check as downloads."""

from __future__ import annotations

import base64
import hashlib
import io
import json
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from PIL import Image

from hub.celery import app
from library import samples
from library.extraction import ExtractionError, render_first_page, render_preview_limited
from library.extraction.limited import _preview_result
from library.extraction.preview import PREVIEW_MAX_HEIGHT, PREVIEW_WIDTH, is_webp
from library.models import Document
from library.services import document_delete, document_extract, document_reextract
from library.tasks import document_extract_task
from tests.conftest import login
from tests.hub.factories import UserFactory
from tests.library.extraction_helpers import HOSTILE_LIMITS, write
from tests.library.factories import DocumentFactory
from tests.library.test_worker import _wait_final, running_worker

PAGES = ["Community resilience plan of the city, first page.", "Second page."]


def _ink(data: bytes) -> int:
    """How many pixels of a preview are not (almost) white: the drawn text."""
    image = Image.open(io.BytesIO(data)).convert("L")
    return sum(image.histogram()[:160])


def _pdf_document(content: bytes, **fields) -> Document:
    return Document.objects.create(
        title_en=fields.pop("title_en", "Resilience plan"),
        language="en",
        kind=Document.Kind.REPORT,
        status=fields.pop("status", Document.Status.PUBLISHED),
        original_filename="plan.pdf",
        file_kind="pdf",
        file_size=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
        file=ContentFile(content, name="upload.pdf"),
        **fields,
    )


# --------------------------------------------------------------------------------------------
# The renderer and its limited child
# --------------------------------------------------------------------------------------------


def test_render_first_page_draws_the_page_as_a_small_webp(tmp_path: Path) -> None:
    path = write(tmp_path, "plan.pdf", samples.pdf_bytes(PAGES))
    preview = render_first_page(path)
    assert is_webp(preview.data)
    # A4 at 400 px wide keeps its proportions.
    assert (preview.width, preview.height) == (PREVIEW_WIDTH, 566)
    image = Image.open(io.BytesIO(preview.data))
    assert (image.format, image.size) == ("WEBP", (400, 566))
    assert _ink(preview.data) > 200  # the text is drawn, not a blank page


def test_render_first_page_keeps_a_tall_page_within_bounds(tmp_path: Path) -> None:
    # A strip ten times taller than wide: bounded by the height, not drawn 4,000 px tall.
    content = samples.pdf_bytes(PAGES).replace(
        b"/MediaBox [0 0 595.28 841.89]", b"/MediaBox [0 0 100 1000]"
    )
    assert b"/MediaBox [0 0 100 1000]" in content
    preview = render_first_page(write(tmp_path, "strip.pdf", content))
    assert preview.height == PREVIEW_MAX_HEIGHT
    assert preview.width == 80


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (samples.docx_bytes(["Not a PDF."]), "unsupported_type"),
        (samples.encrypted_pdf_bytes(), "encrypted"),
        (b"%PDF-1.7\n garbage that is no PDF at all", "malformed"),
    ],
)
def test_render_first_page_refuses_what_it_cannot_draw(tmp_path, content, code) -> None:
    with pytest.raises(ExtractionError) as caught:
        render_first_page(write(tmp_path, "file.pdf", content))
    assert caught.value.code == code


def test_render_preview_limited_draws_in_the_limited_child(tmp_path: Path) -> None:
    path = write(tmp_path, "plan.pdf", samples.pdf_bytes(PAGES))
    preview = render_preview_limited(path, **HOSTILE_LIMITS)
    assert preview is not None
    assert is_webp(preview.data)
    assert (preview.width, preview.height) == (400, 566)


def test_render_preview_limited_gives_none_when_the_child_runs_out(tmp_path: Path) -> None:
    path = write(tmp_path, "plan.pdf", samples.pdf_bytes(PAGES))
    assert render_preview_limited(path, cpu_seconds=10, memory_bytes=2**20, wall_seconds=30) is None
    assert render_preview_limited(path, cpu_seconds=10, memory_bytes=2**29, wall_seconds=0) is None
    # The server is usable again at once.
    assert render_preview_limited(path, **HOSTILE_LIMITS) is not None


def test_the_reply_of_a_preview_child_is_checked_like_input() -> None:
    webp = io.BytesIO()
    Image.new("RGB", (10, 14), "white").save(webp, format="WEBP")

    def reply(data: bytes, width: int = 10, height: int = 14) -> bytes:
        payload = {"ok": True, "preview": base64.b64encode(data).decode(), "width": width}
        return json.dumps(payload | {"height": height}).encode() + b"\n"

    assert _preview_result(reply(webp.getvalue()), width=400, max_height=800) is not None
    html = b"<html><script>alert(1)</script></html>"
    assert _preview_result(reply(html), width=400, max_height=800) is None  # not an image
    assert _preview_result(reply(webp.getvalue(), width=4000), width=400, max_height=800) is None
    assert _preview_result(b'{"ok": true, "preview": "%%%"}\n', width=400, max_height=800) is None
    assert _preview_result(b"", width=400, max_height=800) is None


# --------------------------------------------------------------------------------------------
# The extraction service (eager, in this process: the same limited child)
# --------------------------------------------------------------------------------------------


def test_document_extract_stores_the_preview_beside_the_file(db, settings) -> None:
    document = _pdf_document(samples.pdf_bytes(PAGES))
    assert document_extract(document_id=document.pk) == Document.Extraction.INDEXED
    document.refresh_from_db()
    assert document.has_preview
    assert (document.preview_width, document.preview_height) == (400, 566)
    # Beside the file, in the same private storage (never MEDIA_URL: there is none).
    assert Path(document.preview.name).parent == Path(document.file.name).parent
    assert Path(document.preview.name).name.startswith(Path(document.file.name).stem)
    stored = Path(settings.MEDIA_ROOT) / document.preview.name
    assert is_webp(stored.read_bytes())


def test_document_extract_indexes_a_pdf_whose_preview_cannot_be_drawn(db, settings) -> None:
    settings.HUB_PREVIEW_WALL_SECONDS = 0  # the drawing child never answers in time
    document = _pdf_document(samples.pdf_bytes(PAGES))
    assert document_extract(document_id=document.pk) == Document.Extraction.INDEXED
    document.refresh_from_db()
    assert (document.extraction_state, document.page_count) == ("indexed", 2)
    assert document.chunks.filter(text__contains="Community resilience").exists()
    assert not document.has_preview


def test_a_docx_gets_no_preview(db) -> None:
    content = samples.docx_bytes(["The referral pathway of the city."])
    document = DocumentFactory(
        file=ContentFile(content, name="upload.docx"),
        file_kind="docx",
        extraction_state=Document.Extraction.PENDING,
    )
    assert document_extract(document_id=document.pk) == Document.Extraction.INDEXED
    document.refresh_from_db()
    assert not document.has_preview
    assert document.preview.name == ""


def test_extracting_again_replaces_the_preview_and_deleting_removes_it(
    db, settings, django_capture_on_commit_callbacks
) -> None:
    staff = UserFactory(staff=True)
    document = _pdf_document(samples.pdf_bytes(PAGES))
    document_extract(document_id=document.pk)
    document.refresh_from_db()
    first = Path(settings.MEDIA_ROOT) / document.preview.name
    with django_capture_on_commit_callbacks(execute=True):
        document_reextract(document=document, by=staff)  # eager: extracted again at once
    document.refresh_from_db()
    second = Path(settings.MEDIA_ROOT) / document.preview.name
    assert second != first
    assert second.exists()
    assert not first.exists()
    with django_capture_on_commit_callbacks(execute=True):
        document_delete(document=document, by=staff)
    assert not second.exists()


# --------------------------------------------------------------------------------------------
# Serving it
# --------------------------------------------------------------------------------------------


def test_preview_is_served_like_a_download_to_who_may_see_the_document(
    client, member_a, member_b, city_a
) -> None:
    shared = DocumentFactory(for_cities=True, shared_with=[city_a], preview=True)
    url = reverse("library:document-preview", kwargs={"pk": shared.pk})

    login(client, member_a)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/webp"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"].startswith("private")
    assert is_webp(b"".join(response.streaming_content))

    client.logout()
    login(client, member_b)  # another city's member: as if it did not exist
    assert client.get(url).status_code == 404
    client.logout()
    anonymous = client.get(url)
    assert anonymous.status_code == 302
    assert "/accounts/login/" in anonymous["Location"]


def test_preview_is_404_for_a_document_without_one(client, member_a) -> None:
    document = DocumentFactory()
    login(client, member_a)
    response = client.get(reverse("library:document-preview", kwargs={"pk": document.pk}))
    assert response.status_code == 404


def test_preview_can_be_handed_to_nginx(client, member_a, settings) -> None:
    settings.HUB_X_ACCEL_REDIRECT_PREFIX = "/protected/"
    document = DocumentFactory(preview=True)
    login(client, member_a)
    response = client.get(reverse("library:document-preview", kwargs={"pk": document.pk}))
    assert response["X-Accel-Redirect"] == "/protected/" + document.preview.name
    assert response["Content-Type"] == "image/webp"
    assert response.content == b""


def test_preview_fragment_sizes_the_image_for_the_page_and_the_results(db) -> None:
    from django.template.loader import render_to_string

    with_preview = DocumentFactory(preview=True)
    large = render_to_string(
        "library/partials/_preview.html", {"document": with_preview, "size": "large"}
    )
    thumb = render_to_string(
        "library/partials/_preview.html", {"document": with_preview, "size": "thumb"}
    )
    assert 'width="400" height="566"' in large
    assert 'alt="The first page of the document"' in large
    assert with_preview.preview_url in large
    assert 'width="80" height="113"' in thumb
    assert 'alt=""' in thumb
    without = DocumentFactory(file_kind="docx")
    assert (
        render_to_string(
            "library/partials/_preview.html", {"document": without, "size": "large"}
        ).strip()
        == ""
    )
    box = render_to_string("library/partials/_preview.html", {"document": without, "size": "thumb"})
    assert "<img" not in box
    assert "DOCX" in box


# --------------------------------------------------------------------------------------------
# Through a real Celery worker
# --------------------------------------------------------------------------------------------


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_the_worker_renders_the_preview_of_a_contributed_pdf(settings, tmp_path, client) -> None:
    with running_worker(settings, tmp_path) as worker:
        document = _pdf_document(samples.pdf_bytes(PAGES), title_en="Worker preview")
        document_extract_task.delay(document.pk)
        docs = _wait_final([document.pk], seconds=90)
        assert docs[document.pk].extraction_state == "indexed", worker.log.read_text()[-2000:]
    assert app.conf.task_always_eager
    document.refresh_from_db()
    assert document.has_preview
    member = UserFactory()
    login(client, member)
    response = client.get(reverse("library:document-preview", kwargs={"pk": document.pk}))
    assert response.status_code == 200
    data = b"".join(response.streaming_content)
    assert Image.open(io.BytesIO(data)).size == (400, 566)
    assert _ink(data) > 200
    page = client.get(document.get_absolute_url()).content.decode()
    assert f'src="{document.preview_url}"' in page
