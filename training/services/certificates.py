"""Certificates: asked for by the learner who completed a module, made as PDF by a Celery task,
revoked by staff. The one write path of ``Certificate`` rows.

A certificate keeps what it says as it was issued (the learner's name, the module's title in the
learner's language, the date of completion): renaming the learner or the module later changes
neither the PDF nor what the public verification page says. The row is the truth about the PDF
(``pending`` → ``done`` | ``failed`` with a reason); a task that dies is redelivered (acks late),
a poison counter (``attempts``) stops a certificate that kills workers, and the sweeper or the
learner asking again sends a stuck or failed one back to the task.
"""

from __future__ import annotations

import logging
import secrets
from datetime import timedelta
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, OperationalError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from hub.bidi import isolate
from hub.errors import HubError, NotAllowed
from hub.queueing import enqueue_on_commit
from hub.services import audit_record, email_user, site_url
from training import audit
from training.certificates import CertificateText, FontsMissing, certificate_pdf, code_new
from training.models import Certificate, Enrolment
from training.permissions import can_learn, can_manage_training

if TYPE_CHECKING:
    from django.http import HttpRequest

    from hub.models import User

logger = logging.getLogger(__name__)

#: A certificate still pending this long after it was asked for is sent to the task again.
STALE_AFTER = timedelta(minutes=10)
#: Rendering a certificate this many times without finishing (a worker killed each time) stops.
MAX_ATTEMPTS = 5


class AlreadyRevoked(HubError):
    code = "already_revoked"
    message = _("This certificate has already been revoked.")


# --- Asking for one ---------------------------------------------------------------------------


@transaction.atomic
def certificate_request(*, enrolment: Enrolment, by: User) -> Certificate:
    """The certificate of `by`'s completed `enrolment`: made (and its PDF enqueued) the first
    time, the same one every time after. One per enrolment, even for requests at once.

    A failed or stuck certificate is sent to the task again. Side effects: an audit event and
    the PDF task after commit, the first time. Raises ValidationError (``not_yours``,
    ``not_completed``).
    """
    if not can_learn(by) or enrolment.user_id != by.pk:
        raise ValidationError(
            _("Only the learner can ask for their certificate."), code="not_yours"
        )
    # The enrolment's lock orders two requests at once (and completion, which takes it too):
    # the second sees the first one's certificate.
    enrolment = Enrolment.objects.select_for_update().select_related("module").get(pk=enrolment.pk)
    existing = Certificate.objects.filter(enrolment=enrolment).first()
    if existing is not None:
        _send_again_if_stuck(existing)
        return existing
    if enrolment.completed_at is None:
        raise ValidationError(
            _("Complete every lesson of the module first: the certificate comes after."),
            code="not_completed",
        )
    with translation.override(by.language):
        module_title = str(enrolment.module.title)
    certificate = Certificate(
        enrolment=enrolment,
        learner_name=by.name or by.email,
        module_title=module_title,
        language=by.language,
        completed_on=timezone.localdate(enrolment.completed_at),
    )
    for _attempt in range(3):
        certificate.code = code_new()
        try:
            with transaction.atomic():
                certificate.full_clean(exclude=["file"])
                certificate.save()
            break
        except IntegrityError:  # a code already issued: 1 in 10^23, draw another
            continue
    else:
        raise RuntimeError("no unused certificate code after three draws")
    audit_record(
        action=audit.CERTIFICATE_ISSUED,
        actor=by,
        subject=by,
        target=certificate,
        details={"enrolment": enrolment.pk, "module": enrolment.module_id},
    )
    _enqueue(certificate)
    return certificate


def _send_again_if_stuck(certificate: Certificate) -> None:
    if not certificate.is_valid:
        return
    if certificate.status == Certificate.Status.FAILED:
        certificate.status = Certificate.Status.PENDING
        certificate.failure_reason = ""
        certificate.attempts = 0
        certificate.save(update_fields=["status", "failure_reason", "attempts"])
        _enqueue(certificate)
    elif certificate.status == Certificate.Status.PENDING and _is_stale(certificate):
        _enqueue(certificate)


def _is_stale(certificate: Certificate) -> bool:
    return certificate.issued_at < timezone.now() - STALE_AFTER


def _enqueue(certificate: Certificate) -> None:
    from training.tasks.certificates import certificate_render_task

    # A certificate is a second's work: with the broker away, it is made in this process.
    enqueue_on_commit(certificate_render_task, certificate.pk, when_broker_down="inline")


# --- Making the PDF -------------------------------------------------------------------------


def certificate_render(*, certificate_id: int) -> Certificate | None:
    """Make the certificate's PDF, store it and tell the learner; idempotent.

    Returns quietly when the certificate is gone or already made. A rendering that fails
    (missing fonts, a WeasyPrint error) marks the certificate failed with its reason; a
    database error propagates (the task retries). Side effects: the file under
    MEDIA_ROOT/certificates/, the "certificate ready" email after commit.
    """
    with transaction.atomic():
        certificate = Certificate.objects.select_for_update().filter(pk=certificate_id).first()
        if certificate is None or certificate.status == Certificate.Status.DONE:
            return certificate
        if certificate.attempts >= MAX_ATTEMPTS:
            return _fail(
                certificate,
                f"gave up after {certificate.attempts} attempts that did not finish",
            )
        certificate.attempts += 1
        certificate.save(update_fields=["attempts"])
        text = CertificateText(
            learner_name=certificate.learner_name,
            module_title=certificate.module_title,
            completed_on=certificate.completed_on,
            language=certificate.language,
            code=certificate.code,
            verify_url=_verify_url(certificate),
        )
    # Drawn outside any transaction: no row stays locked for the second it takes.
    try:
        pdf = certificate_pdf(text)
    except OperationalError:
        raise
    except FontsMissing as exc:
        return _fail(certificate, str(exc))
    except Exception as exc:  # a certificate WeasyPrint cannot draw: say why, do not loop
        logger.exception("Certificate %s could not be drawn.", certificate_id)
        return _fail(certificate, f"{type(exc).__name__}: {str(exc)[:300]}")
    return _store(certificate_id, pdf)


def _verify_url(certificate: Certificate) -> str:
    with translation.override(certificate.language):
        return site_url("training:certificate-verify-code", code=certificate.code)


@transaction.atomic
def _store(certificate_id: int, pdf: bytes) -> Certificate | None:
    certificate = (
        Certificate.objects.select_for_update()
        .select_related("enrolment__user")
        .filter(pk=certificate_id)
        .first()
    )
    if certificate is None or certificate.status == Certificate.Status.DONE:
        return certificate  # made meanwhile by a redelivered task: keep that one
    # The stored name is ours: the row's id and a random part (nothing a learner typed).
    name = f"{certificate.pk}-{secrets.token_hex(8)}.pdf"
    certificate.file.save(name, ContentFile(pdf), save=False)
    certificate.status = Certificate.Status.DONE
    certificate.failure_reason = ""
    certificate.save(update_fields=["file", "status", "failure_reason"])
    if certificate.is_valid:
        email_user(
            certificate.enrolment.user,
            "training/certificate_ready",
            in_language=lambda: {
                "certificate_url": site_url("training:certificate-detail", pk=certificate.pk),
            },
            # A Latin title inside an Arabic sentence (or the reverse) keeps its own direction.
            module_title=isolate(certificate.module_title),
        )
    return certificate


@transaction.atomic
def _fail(certificate: Certificate, reason: str) -> Certificate:
    Certificate.objects.filter(pk=certificate.pk).exclude(status=Certificate.Status.DONE).update(
        status=Certificate.Status.FAILED, failure_reason=reason[:1000]
    )
    certificate.refresh_from_db()
    logger.warning("Certificate %s not made: %s", certificate.pk, reason)
    return certificate


def certificate_sweep() -> int:
    """Send certificates pending for longer than STALE_AFTER to the task again (beat);
    returns how many."""
    stuck = list(
        Certificate.objects.filter(
            status=Certificate.Status.PENDING, issued_at__lt=timezone.now() - STALE_AFTER
        ).values_list("pk", flat=True)[:500]
    )
    for pk in stuck:
        _enqueue(Certificate(pk=pk))
    return len(stuck)


# --- Revoking -------------------------------------------------------------------------------


@transaction.atomic
def certificate_revoke(
    *, certificate: Certificate, by: User, reason: str, request: HttpRequest | None = None
) -> Certificate:
    """Revoke `certificate` (staff only): verification then says it is revoked, and nothing
    more; its PDF is no longer served to the learner.

    Side effects: an audit event with the reason; an email to the learner. Raises NotAllowed,
    ValidationError (``reason_required``), AlreadyRevoked.
    """
    if not can_manage_training(by):
        raise NotAllowed
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Say why the certificate is revoked."), code="reason_required")
    certificate = (
        Certificate.objects.select_for_update()
        .select_related("enrolment__user")
        .get(pk=certificate.pk)
    )
    if certificate.revoked_at is not None:
        raise AlreadyRevoked
    certificate.revoked_at = timezone.now()
    certificate.revoked_by = by
    certificate.revocation_reason = reason
    certificate.full_clean(exclude=["file"])
    certificate.save(update_fields=["revoked_at", "revoked_by", "revocation_reason"])
    learner = certificate.enrolment.user
    audit_record(
        action=audit.CERTIFICATE_REVOKED,
        actor=by,
        subject=learner,
        target=certificate,
        request=request,
        details={"reason": reason, "module_title": certificate.module_title},
    )
    email_user(
        learner,
        "training/certificate_revoked",
        module_title=isolate(certificate.module_title),
        reason=reason,
    )
    return certificate
