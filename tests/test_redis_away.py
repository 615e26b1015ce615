"""Redis away (cache, sessions' copies, rate limits and the Celery broker): the site stays up.

The cache and the broker are pointed at a port where nothing listens, as when Redis stops.
Members with a session keep reading, searching and downloading; the pages kept rendered in the
cache (the calendar, the directory, a city page) are rendered from the rows; logging in works;
an upload is stored and left to the sweeper; an email is sent from the web process.
"""

from __future__ import annotations

import socket
import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from hub.cache import breaker
from hub.celery import app
from library import samples
from library.models import Document
from library.services import document_sweep
from tests.conftest import login
from tests.library.factories import DocumentFactory

pytestmark = pytest.mark.django_db


def _dead_redis_url() -> str:
    with socket.socket() as probe:  # a port that was free a moment ago: nothing listens
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"redis://127.0.0.1:{port}/0"


def _use_broker(url: str, *, eager: bool) -> None:
    app.conf.broker_url = url
    app.conf.task_always_eager = eager
    app._pool = None  # the next task opens a connection to `url`
    app.amqp._producer_pool = None


@pytest.fixture
def redis_away(settings):
    dead = _dead_redis_url()
    live_broker = app.conf.broker_url
    breaker.reset()
    settings.CACHES = {"default": {**settings.CACHES["default"], "LOCATION": dead}}
    _use_broker(dead, eager=False)
    yield
    _use_broker(live_broker, eager=True)
    breaker.reset()


@pytest.fixture
def published(db):
    return DocumentFactory(title_en="Youth mentoring handbook", pages=["Mentoring in schools."])


def test_a_member_keeps_reading_and_searching(client, member_a, published, settings, request):
    login(client, member_a)  # before Redis goes: the session is in the database too
    client.get(reverse("hub:home"))
    request.getfixturevalue("redis_away")
    started = time.monotonic()
    pages = [
        reverse("hub:home"),
        reverse("cityprofiles:directory"),
        reverse("library:document-list") + "?q=mentoring",
        reverse("library:document-list") + "?q=mentoring&page=2",
        published.get_absolute_url(),
        reverse("hub:profile"),
    ]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
    assert response.context["user"] == member_a
    search = client.get(reverse("library:document-list"), {"q": "mentoring"})
    assert [d.pk for d in search.context["result"].items] == [published.pk]
    download = client.get(reverse("library:document-download", kwargs={"pk": published.pk}))
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == b"plain text"
    assert time.monotonic() - started < 10  # no request waits out a timeout per cache call


def test_logging_in_and_out_works_without_redis(redis_away, member_a):
    client = Client()
    wrong = client.post(reverse("account_login"), {"login": member_a.email, "password": "nope"})
    assert wrong.status_code == 200  # the form again, with its error
    response = client.post(
        reverse("account_login"),
        {"login": member_a.email, "password": "correct horse battery staple"},
    )
    assert response.status_code == 302
    assert client.get(reverse("hub:home")).status_code == 200
    client.post(reverse("account_logout"))
    assert client.get(reverse("hub:home")).status_code == 302  # to the login page


def test_an_upload_is_stored_and_queued_later_by_the_sweeper(
    client, member_a, settings, django_capture_on_commit_callbacks, request
):
    login(client, member_a)
    request.getfixturevalue("redis_away")
    pdf = samples.pdf_bytes(["The referral pathway of the quokkaville youth council."])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("library:document-create"),
            {
                "file": SimpleUploadedFile("plan.pdf", pdf, content_type="application/pdf"),
                "title_en": "Referral pathway",
                "language": "en",
                "kind": "report",
                "visibility": "members",
            },
        )
    assert response.status_code == 302
    document = Document.objects.get()
    assert document.extraction_state == Document.Extraction.PENDING
    assert document.file.storage.exists(document.file.name)  # stored whole

    # Redis is back: the beat's sweeper sends what waited.
    _use_broker(app.conf.broker_url, eager=True)
    settings.HUB_EXTRACTION_PENDING_GRACE_SECONDS = 0
    with django_capture_on_commit_callbacks(execute=True):
        assert document_sweep() == 1
    document.refresh_from_db()
    assert document.extraction_state == Document.Extraction.INDEXED


def test_an_email_is_sent_from_the_web_process(
    redis_away, mailoutbox, city_a, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = Client().post(
            reverse("hub:accessrequest-create"),
            {
                "name": "Amina Haddad",
                "email": "amina@city.example",
                "city": str(city_a.pk),
                "role": "official",
                "organisation": "Municipality",
                "reason": "I coordinate the youth programme.",
            },
        )
    assert response.status_code == 302
    assert [m.to for m in mailoutbox] == [["amina@city.example"]]


@pytest.mark.django_db(transaction=True)
def test_the_pages_kept_in_the_cache_are_rendered_from_the_rows_while_it_is_away(
    client, member_a, request
):
    """Outside a transaction, where the city page, the directory and the calendar read and keep
    their rendered parts in the cache: with Redis away they are rendered from the rows, at once."""
    from cityprofiles.models import CityProfile
    from tests.events.factories import EventFactory

    event = EventFactory(title_en="Lakes summit")
    slug = CityProfile.objects.select_related("city").get(city=member_a.city).city.slug
    login(client, member_a)
    client.get(reverse("hub:home"))
    request.getfixturevalue("redis_away")
    started = time.monotonic()
    pages = {
        reverse("events:calendar"): "Lakes summit",
        reverse("events:calendar-past"): "",
        reverse(
            "events:month", kwargs={"year": event.starts_at.year, "month": event.starts_at.month}
        ): "Lakes summit",
        reverse("cityprofiles:directory") + "?q=mentoring": "",
        reverse("cityprofiles:city", kwargs={"slug": slug}): "Aarhus Test",
    }
    for url, text in pages.items():
        response = client.get(url)
        assert response.status_code == 200, url
        assert text in response.content.decode(), url
    assert time.monotonic() - started < 10
