"""Access requests: a visitor asks to join; a focal point of the city or SCN staff decides."""

from __future__ import annotations

from typing import TYPE_CHECKING

from allauth.account.forms import default_token_generator
from allauth.account.models import EmailAddress
from allauth.account.utils import user_pk_to_url_str
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from hub.errors import AlreadyDecided, NotAllowed
from hub.models import AccessRequest, AuditEvent, City, User
from hub.permissions import can_decide_access_request

from .audit import audit_record
from .email import email_send

if TYPE_CHECKING:
    from django.http import HttpRequest
    from django.utils.functional import _StrOrPromise as StrOrPromise


DUPLICATE_REQUEST = _("A request for this email address is already waiting for review.")


def _field_error(field: str, message: StrOrPromise, code: str) -> ValidationError:
    return ValidationError({field: ValidationError(message, code=code)})


def _check_email_free(email: str, *, exclude_request: AccessRequest | None = None) -> None:
    if User.objects.filter(email__iexact=email).exists():
        raise _field_error(
            "email",
            _(
                "An account already exists for this email address. Use “Forgot your "
                "password?” on the login page to get back in."
            ),
            "email_exists",
        )
    pending = AccessRequest.objects.pending().filter(email__iexact=email)
    if exclude_request is not None:
        pending = pending.exclude(pk=exclude_request.pk)
    if pending.exists():
        raise _field_error("email", DUPLICATE_REQUEST, "duplicate_request")


@transaction.atomic
def access_request_create(
    *,
    name: str,
    email: str,
    city: City,
    role: str,
    organisation: str,
    reason: str,
    language: str,
    request: HttpRequest | None = None,
) -> AccessRequest:
    """Record a request for access and tell the applicant and the city's focal points.

    Side effects: an audit event; an acknowledgement email to the applicant and a notice to
    each active focal point of the city, after commit.
    Raises: ValidationError (codes `email_exists`, `duplicate_request`, field errors).
    """
    email = email.strip().lower()
    _check_email_free(email)
    access_request = AccessRequest(
        name=name.strip(),
        email=email,
        city=city,
        role=role,
        organisation=organisation.strip(),
        reason=reason.strip(),
        language=language,
    )
    access_request.full_clean()
    try:
        # A savepoint, so that losing a race with an identical request leaves the outer
        # transaction usable for the error message.
        with transaction.atomic():
            access_request.save()
    except IntegrityError as exc:
        raise _field_error("email", DUPLICATE_REQUEST, "duplicate_request") from exc
    audit_record(
        action=AuditEvent.Action.ACCESS_REQUESTED,
        request=request,
        details={"access_request": access_request.pk, "city": city.slug, "role": role},
    )
    email_send(
        to=access_request.email,
        template="hub/access_request_received",
        context={"name": access_request.name, "city": city.name},
        language=access_request.language,
    )
    review_path = reverse("hub:accessrequest-detail", kwargs={"pk": access_request.pk})
    for focal_point in User.objects.focal_points_of(city).only("email", "name", "language"):
        with translation.override(focal_point.language):
            city_name = City.objects.get(pk=city.pk).name
            url = settings.HUB_SITE_URL + reverse(
                "hub:accessrequest-detail", kwargs={"pk": access_request.pk}
            )
        email_send(
            to=focal_point.email,
            template="hub/access_request_new",
            context={
                "recipient": focal_point.name,
                "applicant": access_request.name,
                "organisation": access_request.organisation,
                "city": city_name,
                "review_url": url or review_path,
            },
            language=focal_point.language,
        )
    return access_request


def _locked_pending(access_request: AccessRequest, by: User) -> AccessRequest:
    locked = (
        AccessRequest.objects.select_for_update().select_related("city").get(pk=access_request.pk)
    )
    if not locked.is_pending:
        raise AlreadyDecided()
    if not can_decide_access_request(by, locked):
        raise NotAllowed()
    return locked


def password_set_url(user: User) -> str:
    """An absolute link to allauth's set-password page for `user`, in their language."""
    key = default_token_generator.make_token(user)
    with translation.override(user.language):
        path = reverse(
            "account_reset_password_from_key",
            kwargs={"uidb36": user_pk_to_url_str(user), "key": key},
        )
    return f"{settings.HUB_SITE_URL}{path}"


@transaction.atomic
def access_request_approve(
    *, access_request: AccessRequest, by: User, request: HttpRequest | None = None
) -> User:
    """Create the member's account and email them a link to set their password.

    Side effects: a new User with a verified email address; audit event; email after commit.
    Raises: AlreadyDecided, NotAllowed, ValidationError (`email_exists`).
    """
    locked = _locked_pending(access_request, by)
    if User.objects.filter(email__iexact=locked.email).exists():
        raise ValidationError(
            _("An account already exists for this email address."), code="email_exists"
        )
    user = User(
        email=locked.email.lower(),
        name=locked.name,
        language=locked.language,
        city=locked.city,
        roles=[locked.role],
        organisation=locked.organisation,
    )
    user.set_unusable_password()
    user.full_clean(exclude=["password"])
    user.save()
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)

    locked.status = AccessRequest.Status.APPROVED
    locked.decided_at = timezone.now()
    locked.decided_by = by
    locked.user = user
    locked.save(update_fields=["status", "decided_at", "decided_by", "user"])
    audit_record(
        action=AuditEvent.Action.ACCESS_APPROVED,
        actor=by,
        subject=user,
        request=request,
        details={"access_request": locked.pk, "city": locked.city.slug, "role": locked.role},
    )
    with translation.override(user.language):
        city_name = str(City.objects.get(pk=locked.city_id).name)
    email_send(
        to=user.email,
        template="hub/access_approved",
        context={"name": user.name, "city": city_name, "set_password_url": password_set_url(user)},
        language=user.language,
    )
    access_request.refresh_from_db()
    return user


@transaction.atomic
def access_request_reject(
    *,
    access_request: AccessRequest,
    by: User,
    reason: str,
    request: HttpRequest | None = None,
) -> AccessRequest:
    """Turn a request down with a reason, which the applicant receives by email.

    Raises: AlreadyDecided, NotAllowed, ValidationError (`reason_required`).
    """
    reason = reason.strip()
    if not reason:
        raise _field_error(
            "reason", _("Please give a reason; the applicant will receive it."), "reason_required"
        )
    locked = _locked_pending(access_request, by)
    locked.status = AccessRequest.Status.REJECTED
    locked.decided_at = timezone.now()
    locked.decided_by = by
    locked.rejection_reason = reason
    locked.full_clean()
    locked.save(update_fields=["status", "decided_at", "decided_by", "rejection_reason"])
    audit_record(
        action=AuditEvent.Action.ACCESS_REJECTED,
        actor=by,
        request=request,
        details={"access_request": locked.pk, "city": locked.city.slug},
    )
    email_send(
        to=locked.email,
        template="hub/access_rejected",
        context={"name": locked.name, "reason": reason},
        language=locked.language,
    )
    access_request.refresh_from_db()
    return locked
