"""Certificates: asked for once a module is complete, made as PDF (Arabic shaped, in logical
order when read back), served to their learner only, verified publicly with nothing but
validity, name, module and date, revoked by staff."""

from __future__ import annotations

import threading
from datetime import timedelta

import pypdfium2
import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from hub.errors import NotAllowed
from hub.models import AuditEvent
from tests.conftest import login
from tests.hub.factories import UserFactory
from tests.kit.worker import Worker, running, wait_until
from tests.training.factories import EnrolmentFactory, ModuleFactory
from tests.training.matrix_certificates import issued_certificate
from training import audit
from training.certificates import (
    CODE_ALPHABET,
    CertificateText,
    certificate_pdf,
    code_new,
    code_parse,
)
from training.models import Certificate
from training.services.certificates import (
    MAX_ATTEMPTS,
    AlreadyRevoked,
    certificate_render,
    certificate_request,
    certificate_revoke,
    certificate_sweep,
)

ARABIC_NAME = "ليلى حداد"
ARABIC_TITLE = "حملات السرديات المضادة"


def _completed(user, **module_fields):
    module = ModuleFactory(**module_fields)
    return EnrolmentFactory(
        user=user, module=module, completed_at=timezone.now() - timedelta(hours=3)
    )


def _pdf_text(certificate: Certificate) -> str:
    with certificate.file.open("rb") as handle:
        document = pypdfium2.PdfDocument(handle.read())
    return "\n".join(page.get_textpage().get_text_range() for page in document)


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def learner(city_a):
    return UserFactory(city=city_a, name=ARABIC_NAME, language="ar", email="layla@city.example")


# --- Codes ------------------------------------------------------------------------------------


def test_code_new_is_four_groups_of_unambiguous_symbols():
    codes = {code_new() for _ in range(200)}
    assert len(codes) == 200
    for code in codes:
        groups = code.split("-")
        assert [len(group) for group in groups] == [4, 4, 4, 4]
        assert set("".join(groups)) <= set(CODE_ALPHABET)
    assert not set("01ILOU") & set(CODE_ALPHABET)


def test_code_parse_reads_what_people_type_and_refuses_the_rest():
    assert code_parse("7kqf 2mxr hd9c twpa") == "7KQF-2MXR-HD9C-TWPA"
    assert code_parse(" 7KQF2MXRHD9CTWPA ") == "7KQF-2MXR-HD9C-TWPA"
    # Arabic-Indic digits count as the digits they are.
    assert code_parse("٧KQF-٢MXR-HD٩C-TWPA") == "7KQF-2MXR-HD9C-TWPA"
    assert code_parse("7KQF-2MXR-HD9C-TWP") is None  # too short
    assert code_parse("7KQF-2MXR-HD9C-TWPO") is None  # O is not a symbol of codes
    assert code_parse("7KQF-2MXR-HD9C-TWPA-A") is None
    assert code_parse("7KQF<script>HD9CTWPA") is None
    assert code_parse("A" * 100_000) is None
    assert code_parse("") is None


# --- Asking for one ----------------------------------------------------------------------------


@pytest.mark.django_db
def test_request_snapshots_the_certificate_in_the_learners_language(learner, commit, mailoutbox):
    enrolment = _completed(learner, title_ar=ARABIC_TITLE)
    with commit():
        certificate = certificate_request(enrolment=enrolment, by=learner)
    certificate.refresh_from_db()
    assert certificate.learner_name == ARABIC_NAME
    assert certificate.module_title == ARABIC_TITLE
    assert certificate.language == "ar"
    assert certificate.completed_on == timezone.localdate(enrolment.completed_at)
    assert code_parse(certificate.code) == certificate.code
    # The PDF task ran after commit (eager here): made, stored, learner told in Arabic.
    assert certificate.status == Certificate.Status.DONE
    assert certificate.file.name.startswith("certificates/")
    assert certificate.attempts == 1
    assert [message.to for message in mailoutbox] == [[learner.email]]
    assert ARABIC_TITLE in mailoutbox[0].subject
    assert "شهادتك" in mailoutbox[0].subject
    assert (
        reverse("training:certificate-detail", args=[certificate.pk]).replace("/en/", "/ar/")
        in mailoutbox[0].body
    )
    assert AuditEvent.objects.filter(action=audit.CERTIFICATE_ISSUED).count() == 1


@pytest.mark.django_db
def test_request_is_refused_before_completion_and_for_someone_else(learner, member_b):
    enrolment = EnrolmentFactory(user=learner)
    with pytest.raises(ValidationError) as refused:
        certificate_request(enrolment=enrolment, by=learner)
    assert refused.value.code == "not_completed"
    completed = _completed(learner)
    with pytest.raises(ValidationError) as refused:
        certificate_request(enrolment=completed, by=member_b)
    assert refused.value.code == "not_yours"
    assert not Certificate.objects.exists()


@pytest.mark.django_db
def test_request_again_returns_the_same_certificate_and_makes_nothing_more(
    learner, commit, mailoutbox
):
    enrolment = _completed(learner)
    with commit():
        first = certificate_request(enrolment=enrolment, by=learner)
    with commit():
        again = certificate_request(enrolment=enrolment, by=learner)
    assert again.pk == first.pk and again.code == first.code
    assert Certificate.objects.count() == 1
    assert len(mailoutbox) == 1
    assert AuditEvent.objects.filter(action=audit.CERTIFICATE_ISSUED).count() == 1
    # The task run again (a redelivered message) changes nothing either.
    stored = Certificate.objects.get().file.name
    certificate_render(certificate_id=first.pk)
    assert Certificate.objects.get().file.name == stored
    assert len(mailoutbox) == 1


@pytest.mark.django_db(transaction=True)
def test_two_requests_at_once_make_one_certificate(learner, settings, tmp_path):
    enrolment = _completed(learner)
    codes: list[str] = []
    barrier = threading.Barrier(2)

    def ask() -> None:
        try:
            barrier.wait()
            codes.append(certificate_request(enrolment=enrolment, by=learner).code)
        finally:
            connection.close()

    threads = [threading.Thread(target=ask) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(codes) == 2 and codes[0] == codes[1]
    assert Certificate.objects.count() == 1
    assert AuditEvent.objects.filter(action=audit.CERTIFICATE_ISSUED).count() == 1


@pytest.mark.django_db
def test_a_certificate_that_keeps_failing_stops_and_asking_again_makes_it(
    learner, commit, mailoutbox
):
    certificate = issued_certificate(learner, done=False, attempts=MAX_ATTEMPTS)
    certificate_render(certificate_id=certificate.pk)
    certificate.refresh_from_db()
    assert certificate.status == Certificate.Status.FAILED
    assert "attempts" in certificate.failure_reason
    assert not certificate.file
    with commit():
        certificate_request(enrolment=certificate.enrolment, by=learner)
    certificate.refresh_from_db()
    assert certificate.status == Certificate.Status.DONE
    assert certificate.failure_reason == ""
    assert len(mailoutbox) == 1


@pytest.mark.django_db
def test_sweep_sends_stuck_certificates_to_the_task_again(learner, commit):
    stuck = issued_certificate(learner, done=False, issued_at=timezone.now() - timedelta(hours=1))
    recent = issued_certificate(learner, done=False)
    with commit():
        assert certificate_sweep() == 1
    stuck.refresh_from_db()
    recent.refresh_from_db()
    assert stuck.status == Certificate.Status.DONE
    assert recent.status == Certificate.Status.PENDING


# --- The PDF ----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_pdf_in_arabic_reads_back_in_logical_order_with_its_code(learner, commit):
    enrolment = _completed(learner, title_ar=ARABIC_TITLE)
    with commit():
        certificate = certificate_request(enrolment=enrolment, by=learner)
    certificate.refresh_from_db()
    text = _pdf_text(certificate)
    assert ARABIC_NAME in text
    assert ARABIC_TITLE in text
    assert certificate.code in text
    assert "شهادة إتمام" in text  # the heading, translated and shaped


def test_pdf_in_english_and_french_say_the_same_in_their_language():
    from datetime import date

    english = CertificateText(
        learner_name="Amina Okafor",
        module_title="Individual interventions",
        completed_on=date(2026, 12, 1),
        language="en",
        code="7KQF-2MXR-HD9C-TWPA",
        verify_url="http://testserver/en/training/verify/7KQF-2MXR-HD9C-TWPA/",
    )
    text = _text_of(certificate_pdf(english))
    assert "Certificate of completion" in text
    assert "Amina Okafor" in text and "Individual interventions" in text
    assert "1 December 2026" in text
    assert "7KQF-2MXR-HD9C-TWPA" in text
    french = CertificateText(**{**english.__dict__, "language": "fr"})
    text = _text_of(certificate_pdf(french))
    assert "Amina Okafor" in text
    assert "1 décembre 2026" in text


def _text_of(pdf: bytes) -> str:
    document = pypdfium2.PdfDocument(pdf)
    return "\n".join(page.get_textpage().get_text_range() for page in document)


# --- Pages of the learner ----------------------------------------------------------------------


@pytest.mark.django_db
def test_post_asks_for_the_certificate_and_its_page_offers_the_download(client, learner, commit):
    enrolment = _completed(learner)
    login(client, learner)
    with commit():
        response = client.post(
            reverse("training:certificate-request", args=[enrolment.module.slug])
        )
    certificate = Certificate.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("training:certificate-detail", args=[certificate.pk])
    page = client.get(response["Location"]).content.decode()
    assert reverse("training:certificate-download", args=[certificate.pk]) in page
    assert certificate.code in page
    download = client.get(reverse("training:certificate-download", args=[certificate.pk]))
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert download["X-Content-Type-Options"] == "nosniff"
    assert download["Content-Disposition"].startswith('attachment; filename="')
    assert "filename*=UTF-8''" in download["Content-Disposition"]
    assert b"".join(download.streaming_content).startswith(b"%PDF")


@pytest.mark.django_db
def test_post_before_completion_is_a_400_with_the_reason(client, learner):
    enrolment = EnrolmentFactory(user=learner)
    login(client, learner)
    response = client.post(reverse("training:certificate-request", args=[enrolment.module.slug]))
    assert response.status_code == 400
    assert "Complete every lesson of the module first" in response.content.decode()
    assert not Certificate.objects.exists()


@pytest.mark.django_db
def test_the_panel_follows_the_certificate_from_request_to_download(client, learner):
    enrolment = _completed(learner)
    login(client, learner)
    certificate = issued_certificate(learner, done=False)
    status_url = reverse("training:certificate-status", args=[certificate.pk])
    pending = client.get(status_url).content.decode()
    assert f'data-certificate-poll="{status_url}"' in pending
    assert "training-certificate.js" not in pending  # the fragment brings no second script
    page = client.get(reverse("training:certificate-detail", args=[certificate.pk]))
    assert b'http-equiv="refresh"' in page.content  # without JavaScript the page refreshes
    assert (
        client.get(reverse("training:certificate-download", args=[certificate.pk])).status_code
        == 404
    )
    Certificate.objects.filter(pk=certificate.pk).update(status=Certificate.Status.DONE)
    done = client.get(status_url).content.decode()
    assert "data-certificate-poll" not in done
    assert reverse("training:certificate-download", args=[certificate.pk]) in done
    # A completed module without a certificate offers to make one.
    from django.template.loader import render_to_string

    panel = render_to_string("training/partials/_certificate_panel.html", {"enrolment": enrolment})
    assert reverse("training:certificate-request", args=[enrolment.module.slug]) in panel


@pytest.mark.django_db
def test_another_learners_certificate_does_not_exist_for_them(client, learner, member_b):
    certificate = issued_certificate(learner)
    login(client, member_b)
    for name in ("certificate-detail", "certificate-status", "certificate-download"):
        assert client.get(reverse(f"training:{name}", args=[certificate.pk])).status_code == 404
    # Nor can they ask for one on a module they did not take.
    url = reverse("training:certificate-request", args=[certificate.enrolment.module.slug])
    assert client.post(url).status_code == 404
    assert Certificate.objects.count() == 1


# --- Verification -------------------------------------------------------------------------------


@pytest.mark.django_db
def test_verification_shows_validity_name_module_and_date_and_nothing_else(client, learner):
    certificate = issued_certificate(learner, module=ModuleFactory(title_en="Safeguarding"))
    other = issued_certificate(learner, module=ModuleFactory(title_en="Another module"))
    response = client.get(reverse("training:certificate-verify-code", args=[certificate.code]))
    assert response.status_code == 200
    page = response.content.decode()
    assert ARABIC_NAME in page
    assert "Safeguarding" in page
    assert "This certificate is valid." in page
    assert str(certificate.completed_on.year) in page
    for secret in (learner.email, learner.city.name_en, other.module_title, other.code):
        assert secret not in page
    assert response["Cache-Control"] == "no-store"
    # The form's ?code= says the same, whatever case and spacing the code was typed in.
    typed = certificate.code.lower().replace("-", " ")
    form = client.get(reverse("training:certificate-verify"), {"code": typed})
    assert form.status_code == 200 and ARABIC_NAME in form.content.decode()


@pytest.mark.django_db
def test_verification_keeps_what_was_issued_when_the_module_is_renamed(client, learner):
    certificate = issued_certificate(learner, module=ModuleFactory(title_en="First title"))
    certificate.enrolment.module.title_en = "Renamed since"
    certificate.enrolment.module.save()
    page = client.get(reverse("training:certificate-verify-code", args=[certificate.code]))
    assert "First title" in page.content.decode()


@pytest.mark.django_db
def test_verification_of_unknown_malformed_empty_and_huge_codes(client):
    verify = reverse("training:certificate-verify")
    unknown = client.get(reverse("training:certificate-verify-code", args=["2345-6789-ABCD-EFGH"]))
    assert unknown.status_code == 404
    assert "No certificate has the code" in unknown.content.decode()
    assert client.get(verify, {"code": "not a code"}).status_code == 400
    assert client.get(verify, {"code": ""}).status_code == 400
    huge = client.get(verify, {"code": "7" * 100_000})
    assert huge.status_code == 400
    assert 'value="777' not in huge.content.decode()  # not echoed back into the form
    path = client.get(reverse("training:certificate-verify-code", args=["Z" * 3000]))
    assert path.status_code == 400
    assert client.get(verify).status_code == 200  # the empty form


@pytest.mark.django_db
def test_verification_is_in_the_visitors_language(client, learner):
    certificate = issued_certificate(learner)
    page = client.get(f"/ar/training/verify/{certificate.code}/").content.decode()
    assert 'dir="rtl"' in page
    assert "هذه الشهادة صالحة." in page


@pytest.mark.django_db
def test_verification_of_many_codes_from_one_address_is_limited(client):
    verify = reverse("training:certificate-verify")
    statuses = [client.get(verify, {"code": code_new()}).status_code for _ in range(31)]
    assert statuses[:30] == [404] * 30
    assert statuses[30] == 429
    assert client.get(verify).status_code == 200  # the form itself is never limited


# --- Revocation ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_staff_revoke_with_a_reason_and_verification_says_revoked_only(
    client, learner, staff, member_b, commit, mailoutbox
):
    certificate = issued_certificate(learner)
    with pytest.raises(NotAllowed):
        certificate_revoke(certificate=certificate, by=member_b, reason="No.")
    with pytest.raises(ValidationError) as refused:
        certificate_revoke(certificate=certificate, by=staff, reason="   ")
    assert refused.value.code == "reason_required"
    with commit():
        certificate_revoke(certificate=certificate, by=staff, reason="Completed by someone else.")
    certificate.refresh_from_db()
    assert certificate.revoked_by == staff and not certificate.is_valid
    event = AuditEvent.objects.get(action=audit.CERTIFICATE_REVOKED)
    assert event.actor == staff and event.subject == learner
    assert event.details["reason"] == "Completed by someone else."
    assert [message.to for message in mailoutbox] == [[learner.email]]
    assert "Completed by someone else." in mailoutbox[0].body
    with pytest.raises(AlreadyRevoked):
        certificate_revoke(certificate=certificate, by=staff, reason="Again.")

    response = client.get(reverse("training:certificate-verify-code", args=[certificate.code]))
    assert response.status_code == 200
    page = response.content.decode()
    assert "This certificate has been revoked." in page
    assert ARABIC_NAME not in page and certificate.module_title not in page
    assert "Completed by someone else." not in page
    # The learner sees it revoked and can no longer download it; staff still can.
    download = reverse("training:certificate-download", args=[certificate.pk])
    login(client, learner)
    assert client.get(download).status_code == 404
    detail = client.get(reverse("training:certificate-detail", args=[certificate.pk]))
    assert "This certificate has been revoked." in detail.content.decode()
    login(client, staff)
    assert client.get(download).status_code == 200


@pytest.mark.django_db
def test_admin_action_revokes_with_the_reason_asked_for(client, learner, staff):
    certificate = issued_certificate(learner)
    login(client, staff)
    url = reverse("admin:training_certificate_changelist")
    selected = {"action": "revoke_selected", "_selected_action": [certificate.pk]}
    asked = client.post(url, selected)
    assert asked.status_code == 200 and b'name="reason"' in asked.content
    assert Certificate.objects.get().is_valid
    done = client.post(url, {**selected, "apply": "1", "reason": "Duplicate account."})
    assert done.status_code == 302
    certificate.refresh_from_db()
    assert certificate.revocation_reason == "Duplicate account."
    assert client.get(url).status_code == 200


# --- Through a real worker ----------------------------------------------------------------------


class CertificateWorker(Worker):
    """A worker on the default queue, where certificates are made."""


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_makes_the_arabic_and_the_english_pdf(tmp_path, settings, learner):
    english_learner = UserFactory(name="Amina Okafor", language="en")
    arabic = _completed(learner, title_ar=ARABIC_TITLE)
    english = _completed(english_learner, title_en="Counter-narrative campaigns")
    worker = CertificateWorker(settings.MEDIA_ROOT, tmp_path / "worker.log")
    with running(worker):
        first = certificate_request(enrolment=arabic, by=learner)
        second = certificate_request(enrolment=english, by=english_learner)

        def made() -> bool:
            return (
                Certificate.objects.filter(
                    pk__in=[first.pk, second.pk], status=Certificate.Status.DONE
                ).count()
                == 2
            )

        assert wait_until(made, 90), worker.log.read_text()[-3000:]
    first.refresh_from_db()
    second.refresh_from_db()
    arabic_text = _pdf_text(first)
    assert ARABIC_NAME in arabic_text and first.code in arabic_text
    english_text = _pdf_text(second)
    assert "Amina Okafor" in english_text and second.code in english_text
    assert "Counter-narrative campaigns" in english_text
    assert first.attempts == 1 and second.attempts == 1
