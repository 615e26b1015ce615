"""Expiry and follow-up: idempotent (run twice, one email each), and through a real worker."""

from __future__ import annotations

import threading
import time
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from cityprofiles import audit
from cityprofiles.models import Introduction
from cityprofiles.services.introductions import introductions_expire, introductions_follow_up
from cityprofiles.tasks import introductions_expire_task, introductions_follow_up_task
from hub.models import AuditEvent
from tests.cityprofiles.factories import (
    ForwardedIntroductionFactory,
    IntroducedFactory,
    IntroductionFactory,
)
from tests.kit.worker import Worker, running, wait_until


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


def _past(days: int):
    return timezone.now() - timedelta(days=days)


@pytest.mark.django_db
def test_expiry_expires_open_requests_past_their_date_once(commit, mailoutbox):
    waiting = IntroductionFactory(expires_at=_past(1))
    forwarded = ForwardedIntroductionFactory(expires_at=_past(1))
    not_yet = IntroductionFactory()
    answered = IntroducedFactory(expires_at=_past(1))
    with commit():
        assert introductions_expire() == 2
    with commit():
        assert introductions_expire() == 0
    states = dict(Introduction.objects.values_list("pk", "status"))
    assert states == {
        waiting.pk: "expired",
        forwarded.pk: "expired",
        not_yet.pk: "requested",
        answered.pk: "introduced",
    }
    assert sorted(m.to[0] for m in mailoutbox) == sorted(
        [waiting.requester.email, forwarded.requester.email]
    )
    assert AuditEvent.objects.filter(action=audit.INTRODUCTION_EXPIRED).count() == 2


@pytest.mark.django_db
def test_follow_up_asks_both_once_after_the_configured_days(commit, mailoutbox, settings):
    settings.HUB_INTRODUCTION_FOLLOW_UP_DAYS = 30
    due = IntroducedFactory(introduced_at=_past(31))
    recent = IntroducedFactory(introduced_at=_past(29))
    with commit():
        assert introductions_follow_up() == 1
    with commit():
        assert introductions_follow_up() == 0
    assert sorted(m.to[0] for m in mailoutbox) == sorted(
        [due.requester.email, due.counterpart.email]
    )
    due.refresh_from_db()
    recent.refresh_from_db()
    assert due.follow_up_sent_at is not None and recent.follow_up_sent_at is None
    assert AuditEvent.objects.filter(action=audit.INTRODUCTION_FOLLOW_UP_SENT).count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_follow_up_runs_at_once_send_each_email_once(mailoutbox):
    due = [IntroducedFactory(introduced_at=_past(40)) for _ in range(6)]
    results: list[int] = []

    def run() -> None:
        try:
            results.append(introductions_follow_up())
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sum(results) == len(due)
    assert len(mailoutbox) == 2 * len(due)
    assert Introduction.objects.filter(follow_up_sent_at__isnull=True).count() == 0


class EmailFileWorker(Worker):
    """A worker on the default queue (beat tasks and emails go there), writing emails to files."""

    settings_module = "tests.cityprofiles.worker_settings"


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_beat_tasks_through_a_real_worker_send_one_email_each(tmp_path, settings):
    mail_dir = tmp_path / "mail"
    mail_dir.mkdir()
    expiring = IntroductionFactory(expires_at=_past(1))
    followed = IntroducedFactory(introduced_at=_past(40))
    worker = EmailFileWorker(
        tmp_path / "media", tmp_path / "worker.log", HUB_TEST_EMAIL_DIR=str(mail_dir)
    )
    with running(worker):
        # The beat would send each every hour; twice here, the second finds nothing to do.
        for _ in range(2):
            introductions_expire_task.delay()
            introductions_follow_up_task.delay()

        def emails() -> list[str]:
            return sorted(path.read_text() for path in mail_dir.glob("*.log"))

        assert wait_until(lambda: len(emails()) >= 3, 60), worker.log.read_text()[-3000:]
        time.sleep(3)  # anything a second run wrongly sent would have arrived by now
        sent = emails()
    expiring.refresh_from_db()
    followed.refresh_from_db()
    assert expiring.status == "expired"
    assert followed.follow_up_sent_at is not None
    # One email to the requester whose request expired, one to each side of the introduction.
    assert len(sent) == 3, sent
    recipients = sorted(
        line.split(": ", 1)[1]
        for text in sent
        for line in text.splitlines()
        if line.startswith("To: ")
    )
    assert recipients == sorted(
        [expiring.requester.email, followed.requester.email, followed.counterpart.email]
    )
