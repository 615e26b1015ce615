"""Introductions ("Put me in touch"): the one write path of an :class:`Introduction`.

A member asks to be put in touch with a city (or with the people behind one of its practices);
SCN staff decline the request or forward it to a counterpart (the practice's contact, else the
city's focal point, who may pass it to a colleague); the counterpart accepts or declines.
Neither side learns the other's name or email before the counterpart accepts: the emails and
pages before that name only the city and the role that asks. Every step is audited, and each
email is written in its recipient's own language.
"""

from __future__ import annotations

from datetime import timedelta
from functools import partial
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cityprofiles import audit
from cityprofiles.models import CityProfile, ContactPolicy, Introduction, Practice
from cityprofiles.permissions import can_review_profiles, is_focal_point_of, is_member
from hub.errors import HubError, NotAllowed
from hub.models import User
from hub.services import audit_record, email_user, site_url

if TYPE_CHECKING:
    from collections.abc import Callable
    from datetime import datetime

    from hub.models import City

MESSAGE_MAX_LENGTH = 2000
REASON_MAX_LENGTH = 2000


# --- Domain errors --------------------------------------------------------------------------


class OwnCity(HubError):
    code = "own_city"
    message = _("You cannot ask for an introduction to your own city.")


class ContactPaused(HubError):
    code = "contact_paused"
    message = _("This city is not taking introduction requests at present.")


class PracticeRequired(HubError):
    code = "practice_required"
    message = _(
        "This city takes introduction requests about its listed practices only: choose one of them."
    )


class TooManyOpen(HubError):
    code = "too_many_open"
    message = _(
        "You already have as many open introduction requests as you may: wait for an answer "
        "or withdraw one of them first."
    )


class NotOpen(HubError):
    code = "not_open"
    message = _("This introduction request is no longer open.")


class NotForwardable(HubError):
    code = "not_forwardable"
    message = _("Only a request that waits for SCN staff can be forwarded or declined by them.")


class NoCounterpart(HubError):
    code = "no_counterpart"
    message = _(
        "There is nobody to forward this request to: the practice has no active contact and "
        "the city has no active focal point."
    )


class NotFollowedUp(HubError):
    code = "not_followed_up"
    message = _("Only an introduction that was made can be followed up.")


# --- Helpers --------------------------------------------------------------------------------


def _locked(introduction: Introduction) -> Introduction:
    return Introduction.objects.select_for_update().get(pk=introduction.pk)


def _text(value: str, *, max_length: int, required: ValidationError | None) -> str:
    text = (value or "").strip()
    if not text and required is not None:
        raise required
    if len(text) > max_length:
        raise ValidationError(
            _("Please keep it to %(max)d characters.") % {"max": max_length}, code="too_long"
        )
    return text


def _reason(reason: str) -> str:
    return _text(
        reason,
        max_length=REASON_MAX_LENGTH,
        required=ValidationError(_("Please give a reason."), code="reason_required"),
    )


def _declined(
    locked: Introduction, *, by: User, status: str, reason: str, action: str, template: str
) -> Introduction:
    """`locked` declined (by staff or the counterpart) with `reason`, which the requester is
    sent; audited as `action`."""
    locked.status = status
    locked.decline_reason = reason
    locked.decided_at = timezone.now()
    locked.save(update_fields=["status", "decline_reason", "decided_at"])
    audit_record(
        action=action,
        actor=by,
        subject=locked.requester,
        target=locked,
        details={"reason": reason},
    )
    _tell_requester(locked, template, reason=reason)
    return locked


def _city_of(other: User) -> dict[str, str]:
    return {"other_city": _name(other.city)}


def _roles(user: User) -> str:
    return ", ".join(user.role_labels())


def _name(obj: Any) -> str:
    return str(obj) if obj is not None else ""


def _about(introduction: Introduction) -> dict[str, str]:
    """What every email says about a request, in the active language, without naming anyone."""
    return {
        "city": _name(introduction.city),
        "requester_city": _name(introduction.requester_city),
        "practice": _name(introduction.practice),
        "message": introduction.message,
    }


def _tell(
    user: User | None,
    introduction: Introduction,
    template: str,
    page: str,
    written: Callable[[], dict[str, Any]] | None = None,
    **context: Any,
) -> None:
    """One email about `introduction` to `user`, in their language, linking to its `page`;
    `written()` gives more of what is written in that language."""
    email_user(
        user,
        f"cityprofiles/{template}",
        lambda: {
            "url": site_url(f"cityprofiles:{page}", pk=introduction.pk),
            **_about(introduction),
            **(written() if written is not None else {}),
        },
        **context,
    )


def _tell_requester(introduction: Introduction, template: str, **context: Any) -> None:
    _tell(introduction.requester, introduction, template, "introduction-detail", **context)


def _tell_counterpart(introduction: Introduction, template: str) -> None:
    """The counterpart learns what is asked and by which city and role; never by whom."""
    _tell(
        introduction.counterpart,
        introduction,
        template,
        "introduction-offer",
        lambda: {"requester_role": _roles(introduction.requester)},
        staff_note=introduction.staff_note,
    )


# --- The member asks ------------------------------------------------------------------------


@transaction.atomic
def introduction_request(
    *,
    by: User,
    message: str,
    city: City | None = None,
    practice: Practice | None = None,
) -> Introduction:
    """A member asks to be put in touch with another city, or about one of its practices.

    The city's contact policy is respected, and a member has at most
    settings.HUB_INTRODUCTION_MAX_OPEN requests open. The request waits for SCN staff and
    expires after settings.HUB_INTRODUCTION_EXPIRY_DAYS.
    Side effects: audited.
    Raises: NotAllowed (not a member), OwnCity, ContactPaused, PracticeRequired, TooManyOpen,
    ValidationError (`message_required`, `too_long`, `city_required`).
    """
    if not is_member(by) or by.city_id is None:
        raise NotAllowed()
    if practice is not None:
        city = practice.profile.city
    if city is None:
        raise ValidationError(
            _("Choose the city you would like to be put in touch with."), code="city_required"
        )
    text = _text(
        message,
        max_length=MESSAGE_MAX_LENGTH,
        required=ValidationError(
            _("Please say what you would like to learn from them."), code="message_required"
        ),
    )
    if city.pk == by.city_id:
        raise OwnCity()
    policy = (
        CityProfile.objects.filter(city=city).values_list("contact_policy", flat=True).first()
        or ContactPolicy.OPEN
    )
    if policy == ContactPolicy.PAUSED:
        raise ContactPaused()
    if policy == ContactPolicy.PRACTICES and practice is None:
        raise PracticeRequired()
    # The member's row is the lock: two requests sent at once cannot both pass the count.
    User.objects.select_for_update().filter(pk=by.pk).first()
    if Introduction.objects.open().filter(requester=by).count() >= (
        settings.HUB_INTRODUCTION_MAX_OPEN
    ):
        raise TooManyOpen()
    now = timezone.now()
    introduction = Introduction(
        requester=by,
        requester_city_id=by.city_id,
        city=city,
        practice=practice,
        message=text,
        created_at=now,
        expires_at=now + timedelta(days=settings.HUB_INTRODUCTION_EXPIRY_DAYS),
    )
    introduction.full_clean()
    introduction.save()
    audit_record(
        action=audit.INTRODUCTION_REQUESTED,
        actor=by,
        subject=by,
        target=introduction,
        details={"city": city.pk, "practice": practice.pk if practice else None},
    )
    return introduction


@transaction.atomic
def introduction_withdraw(*, introduction: Introduction, by: User) -> Introduction:
    """The requester withdraws an open request; a counterpart it was forwarded to is told.

    Side effects: audited; email to the counterpart. Raises: NotAllowed, NotOpen.
    """
    locked = _locked(introduction)
    if locked.requester_id != by.pk:
        raise NotAllowed()
    if locked.status not in Introduction.OPEN_STATUSES:
        raise NotOpen()
    was_forwarded = locked.status == Introduction.Status.FORWARDED
    locked.status = Introduction.Status.WITHDRAWN
    locked.decided_at = timezone.now()
    locked.save(update_fields=["status", "decided_at"])
    audit_record(action=audit.INTRODUCTION_WITHDRAWN, actor=by, subject=by, target=locked)
    if was_forwarded:
        _tell_counterpart(locked, "introduction_withdrawn")
    return locked


# --- SCN staff ------------------------------------------------------------------------------


@transaction.atomic
def introduction_staff_decline(
    *, introduction: Introduction, by: User, reason: str
) -> Introduction:
    """Staff decline a request with a reason, which the requester receives by email.

    Side effects: audited; email to the requester.
    Raises: NotAllowed, NotForwardable, ValidationError (`reason_required`, `too_long`).
    """
    if not can_review_profiles(by):
        raise NotAllowed()
    text = _reason(reason)
    locked = _locked(introduction)
    if locked.status != Introduction.Status.REQUESTED:
        raise NotForwardable()
    return _declined(
        locked,
        by=by,
        status=Introduction.Status.STAFF_DECLINED,
        reason=text,
        action=audit.INTRODUCTION_STAFF_DECLINED,
        template="introduction_staff_declined",
    )


def introduction_counterpart_for(introduction: Introduction) -> User | None:
    """Who a request goes to: the practice's contact if active and of the city, else the
    city's first active focal point."""
    practice = introduction.practice
    if practice is not None and practice.contact_id is not None:
        contact = User.objects.filter(
            pk=practice.contact_id, is_active=True, city_id=introduction.city_id
        ).first()
        if contact is not None:
            return contact
    return User.objects.focal_points_of(introduction.city).order_by("date_joined", "pk").first()


@transaction.atomic
def introduction_forward(*, introduction: Introduction, by: User, note: str = "") -> Introduction:
    """Staff forward a request to its counterpart (see introduction_counterpart_for), with an
    optional note the counterpart reads. The counterpart has the full expiry time to answer.

    Side effects: audited; email to the counterpart, naming the requester's city and role only.
    Raises: NotAllowed, NotForwardable, NoCounterpart, ValidationError (`too_long`).
    """
    if not can_review_profiles(by):
        raise NotAllowed()
    text = _text(note, max_length=REASON_MAX_LENGTH, required=None)
    locked = _locked(introduction)
    if locked.status != Introduction.Status.REQUESTED:
        raise NotForwardable()
    counterpart = introduction_counterpart_for(locked)
    if counterpart is None:
        raise NoCounterpart()
    now = timezone.now()
    locked.status = Introduction.Status.FORWARDED
    locked.counterpart = counterpart
    locked.forwarded_at, locked.forwarded_by = now, by
    locked.staff_note = text
    locked.expires_at = max(
        locked.expires_at, now + timedelta(days=settings.HUB_INTRODUCTION_EXPIRY_DAYS)
    )
    locked.save(
        update_fields=[
            "status",
            "counterpart",
            "forwarded_at",
            "forwarded_by",
            "staff_note",
            "expires_at",
        ]
    )
    audit_record(
        action=audit.INTRODUCTION_FORWARDED,
        actor=by,
        subject=counterpart,
        target=locked,
        details={"counterpart": counterpart.pk},
    )
    _tell_counterpart(locked, "introduction_forwarded")
    return locked


# --- The counterpart ------------------------------------------------------------------------


def _forwarded_to(introduction: Introduction, by: User) -> Introduction:
    locked = _locked(introduction)
    if locked.counterpart_id != by.pk or not is_member(by):
        raise NotAllowed()
    if locked.status != Introduction.Status.FORWARDED:
        raise NotOpen()
    return locked


@transaction.atomic
def introduction_delegate(*, introduction: Introduction, by: User, colleague: User) -> Introduction:
    """The city's focal point, as counterpart, passes the request to a colleague of the city.

    Side effects: audited; email to the colleague (as a forwarded request).
    Raises: NotAllowed, NotOpen, ValidationError (`not_a_colleague`).
    """
    locked = _forwarded_to(introduction, by)
    if not is_focal_point_of(by, locked.city):
        raise NotAllowed()
    if colleague.pk == by.pk or not colleague.is_active or colleague.city_id != locked.city_id:
        raise ValidationError(_("Choose an active colleague of your city."), code="not_a_colleague")
    locked.counterpart = colleague
    locked.save(update_fields=["counterpart"])
    audit_record(
        action=audit.INTRODUCTION_DELEGATED,
        actor=by,
        subject=colleague,
        target=locked,
        details={"from": by.pk, "to": colleague.pk},
    )
    _tell_counterpart(locked, "introduction_forwarded")
    return locked


def _introducing(other: User) -> dict[str, Any]:
    """Who the other person is, as the introduction email says it (in the active language)."""
    return {
        "other": {
            "name": other.name,
            "role": _roles(other),
            "city": _name(other.city),
            "organisation": other.organisation,
            "email": other.email,
        }
    }


@transaction.atomic
def introduction_accept(*, introduction: Introduction, by: User) -> Introduction:
    """The counterpart accepts: both are introduced, each by email in their own language with
    the other's name, role, city and email and what the request said.

    Side effects: audited; two emails. Raises: NotAllowed, NotOpen.
    """
    locked = _forwarded_to(introduction, by)
    now = timezone.now()
    locked.status = Introduction.Status.INTRODUCED
    locked.decided_at = locked.introduced_at = now
    locked.save(update_fields=["status", "decided_at", "introduced_at"])
    audit_record(
        action=audit.INTRODUCTION_ACCEPTED,
        actor=by,
        subject=locked.requester,
        target=locked,
    )
    requester = locked.requester
    for recipient, other, page, asked in (
        (requester, by, "introduction-detail", True),
        (by, requester, "introduction-offer", False),
    ):
        _tell(
            recipient,
            locked,
            "introduction_made",
            page,
            partial(_introducing, other),
            asked=asked,
        )
    return locked


@transaction.atomic
def introduction_decline(*, introduction: Introduction, by: User, reason: str) -> Introduction:
    """The counterpart declines with a reason; the requester is told, without learning who.

    Side effects: audited; email to the requester.
    Raises: NotAllowed, NotOpen, ValidationError (`reason_required`, `too_long`).
    """
    text = _reason(reason)
    return _declined(
        _forwarded_to(introduction, by),
        by=by,
        status=Introduction.Status.DECLINED,
        reason=text,
        action=audit.INTRODUCTION_DECLINED,
        template="introduction_declined",
    )


# --- The beat -------------------------------------------------------------------------------


def introductions_expire(*, now: datetime | None = None) -> int:
    """Requests still open past their `expires_at` expire; each requester is told once.

    Each row changes in a conditional UPDATE of its own transaction, so two runs at once (or a
    request answered meanwhile) never expire, audit or email twice. Returns how many expired.
    """
    now = now or timezone.now()
    due = list(Introduction.objects.open().filter(expires_at__lte=now).values_list("pk", flat=True))
    expired = 0
    for pk in due:
        with transaction.atomic():
            changed = Introduction.objects.filter(
                pk=pk, status__in=Introduction.OPEN_STATUSES, expires_at__lte=now
            ).update(status=Introduction.Status.EXPIRED, decided_at=now)
            if not changed:
                continue
            introduction = Introduction.objects.select_related(
                "requester", "city", "requester_city", "practice"
            ).get(pk=pk)
            audit_record(
                action=audit.INTRODUCTION_EXPIRED,
                subject=introduction.requester,
                target=introduction,
            )
            _tell_requester(introduction, "introduction_expired")
            expired += 1
    return expired


def introductions_follow_up(*, now: datetime | None = None) -> int:
    """Ask both sides of introductions made settings.HUB_INTRODUCTION_FOLLOW_UP_DAYS ago,
    once, whether it helped.

    The marker `follow_up_sent_at` is set by a conditional UPDATE in the same transaction as
    the emails are enqueued (after commit): a second run, or two at once, sends nothing more.
    Returns how many introductions were followed up.
    """
    now = now or timezone.now()
    cutoff = now - timedelta(days=settings.HUB_INTRODUCTION_FOLLOW_UP_DAYS)
    due = list(
        Introduction.objects.filter(
            status=Introduction.Status.INTRODUCED,
            introduced_at__lte=cutoff,
            follow_up_sent_at__isnull=True,
        ).values_list("pk", flat=True)
    )
    sent = 0
    for pk in due:
        with transaction.atomic():
            changed = Introduction.objects.filter(
                pk=pk, status=Introduction.Status.INTRODUCED, follow_up_sent_at__isnull=True
            ).update(follow_up_sent_at=now)
            if not changed:
                continue
            introduction = Introduction.objects.select_related(
                "requester", "counterpart", "city", "requester_city", "practice"
            ).get(pk=pk)
            audit_record(action=audit.INTRODUCTION_FOLLOW_UP_SENT, target=introduction)
            for recipient, other in (
                (introduction.requester, introduction.counterpart),
                (introduction.counterpart, introduction.requester),
            ):
                if recipient is None or other is None:
                    continue
                _tell(
                    recipient,
                    introduction,
                    "introduction_follow_up",
                    "introduction-follow-up",
                    partial(_city_of, other),
                    other_name=other.name,
                )
            sent += 1
    return sent


@transaction.atomic
def introduction_follow_up_answer(
    *, introduction: Introduction, by: User, helped: bool, outcome: str
) -> Introduction:
    """Either side says whether the introduction helped and what came of it (for staff).

    Side effects: audited. Raises: NotAllowed, NotFollowedUp, ValidationError
    (`invalid_outcome`).
    """
    locked = _locked(introduction)
    if by.pk not in (locked.requester_id, locked.counterpart_id):
        raise NotAllowed()
    if locked.status != Introduction.Status.INTRODUCED:
        raise NotFollowedUp()
    if outcome and outcome not in Introduction.Outcome.values:
        raise ValidationError(_("Choose one of the outcomes offered."), code="invalid_outcome")
    fields = (
        ("requester_helped", "requester_outcome")
        if by.pk == locked.requester_id
        else ("counterpart_helped", "counterpart_outcome")
    )
    setattr(locked, fields[0], bool(helped))
    setattr(locked, fields[1], outcome)
    locked.followed_up_at = timezone.now()
    locked.save(update_fields=[*fields, "followed_up_at"])
    audit_record(
        action=audit.INTRODUCTION_FOLLOWED_UP,
        actor=by,
        target=locked,
        details={"side": fields[0].split("_")[0], "helped": bool(helped), "outcome": outcome},
    )
    return locked
