"""What every response carries: compression of pages, the favicon."""

from __future__ import annotations

import gzip

import pytest
from django.test import Client
from django.urls import reverse

from tests.conftest import login
from tests.library.factories import DocumentFactory

pytestmark = pytest.mark.django_db


def test_pages_are_compressed_for_browsers_that_accept_it(client, member_a):
    login(client, member_a)
    plain = client.get(reverse("hub:home"))
    packed = client.get(reverse("hub:home"), headers={"accept-encoding": "gzip, br"})
    assert "Content-Encoding" not in plain
    assert packed["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in packed["Vary"]
    html = gzip.decompress(packed.content)
    assert html.startswith(b"<!DOCTYPE html>")
    assert len(packed.content) * 2 < len(html)
    # Django's BREACH mitigation: a gzip header (FNAME) of random length in each response.
    lengths = set()
    for _ in range(5):
        body = client.get(reverse("hub:home"), headers={"accept-encoding": "gzip"}).content
        assert body[3] & 0x08
        lengths.add(body.index(b"\x00", 10) - 10)
    assert len(lengths) > 1


def test_downloads_are_sent_as_they_are(client, member_a):
    document = DocumentFactory(file_kind="pdf", original_filename="plan.pdf")
    login(client, member_a)
    response = client.get(
        reverse("library:document-download", kwargs={"pk": document.pk}),
        headers={"accept-encoding": "gzip"},
    )
    assert response.status_code == 200
    assert "Content-Encoding" not in response
    assert b"".join(response.streaming_content) == b"plain text"


def test_the_favicon_is_served_to_anyone():
    response = Client().get("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"] in {"image/x-icon", "image/vnd.microsoft.icon"}
    assert b"".join(response.streaming_content)[:4] == b"\x00\x00\x01\x00"  # an ICO file
