"""The drafts' one write path: reading a draft and its editors, saving a part, sending it for
review, discarding it, publishing or returning it, and naming the editors."""

from __future__ import annotations

import copy
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from cityprofiles import drafts, drafts_diff
from cityprofiles.audit import (
    DRAFT_DISCARDED,
    DRAFT_RETURNED,
    DRAFT_SAVED,
    DRAFT_SUBMITTED,
    EDITORS_CHANGED,
    PROFILE_PUBLISHED,
)
from cityprofiles.models import CityProfile, ProfileDraft, ProfilePublication
from cityprofiles.permissions import can_edit_profile, can_name_editors, can_review_profiles
from hub.errors import NotAllowed
from hub.models import User
from hub.models.accounts import Role
from hub.services import audit_record, email_user, site_url

from .cleaning import PARTS, apply_part
from .errors import DraftWaiting, NothingToSubmit, NotSubmitted, StaleDraft

if TYPE_CHECKING:
    from collections.abc import Iterable

    from hub.models import City


def draft_peek(*, city: City) -> ProfileDraft:
    """The city's draft, or (unsaved) the one `draft_for_editing` would start: for pages that
    show the draft without writing anything."""
    draft = ProfileDraft.objects.filter(city=city).select_related("updated_by").first()
    if draft is None:
        draft = ProfileDraft(city=city, content=drafts.content_of_published(city), version=1)
    draft.content = drafts.normalised(draft.content)
    return draft


def draft_editors(*, city: City) -> list[User]:
    """The people who edit the city's profile: its focal points and the editors they named,
    active members of the city. One query."""
    return list(
        User.objects.filter(city=city, is_active=True)
        .filter(Q(roles__contains=[Role.FOCAL_POINT.value]) | Q(edited_profiles__city=city))
        .distinct()
        .order_by("name", "pk")
    )


# --- Writing ----------------------------------------------------------------------------------


def _check_editor(by: User, city: City) -> None:
    if not can_edit_profile(by, city):
        raise NotAllowed()


@transaction.atomic
def draft_for_editing(*, city: City, by: User) -> ProfileDraft:
    """The city's draft, started from the published content if it has none.

    Raises: NotAllowed (not an editor of the city).
    """
    _check_editor(by, city)
    draft, _created = ProfileDraft.objects.get_or_create(
        city=city,
        defaults={
            "content": drafts.content_of_published(city),
            "based_on": ProfilePublication.objects.filter(city=city).order_by("-number").first(),
        },
    )
    return draft


@transaction.atomic
def draft_save(
    *, draft: ProfileDraft, by: User, part: str, data: dict[str, Any], version: int
) -> ProfileDraft:
    """Save one part of the draft: the profile's fields, a challenge or practice (added when
    `data` has no "key", changed when it names one) or its removal, the network or its removal.

    `version` is the draft's version the editor's page was made from; `data` holds only the
    fields to change, as drafts.py names them (themes by slug, documents and people by id).
    Side effects: the version grows by one; audited with the part and the key.
    Raises: NotAllowed, StaleDraft (the draft was saved since `version`: nothing is stored),
    DraftWaiting (it waits for review), UnknownItem, ValidationError (a field's code).
    """
    city = draft.city
    _check_editor(by, city)
    if part not in PARTS:
        raise ValidationError(_("This part of the profile cannot be changed."), code="unknown_part")
    locked = ProfileDraft.objects.select_for_update().filter(city=city).first()
    if locked is None:  # published and reset, or never started: start it now
        locked = draft_for_editing(city=city, by=by)
        locked = ProfileDraft.objects.select_for_update().get(pk=locked.pk)
    if locked.version != version:
        raise StaleDraft()
    if locked.state == ProfileDraft.State.SUBMITTED:
        raise DraftWaiting()
    content = drafts.normalised(copy.deepcopy(locked.content))
    key = apply_part(content, part, data, by, city)
    locked.content = content
    locked.version += 1
    if locked.state == ProfileDraft.State.RETURNED:
        locked.state = ProfileDraft.State.EDITING
    locked.updated_at, locked.updated_by = timezone.now(), by
    locked.save(update_fields=["content", "version", "state", "updated_at", "updated_by"])
    audit_record(
        action=DRAFT_SAVED,
        actor=by,
        target=locked,
        details={"part": part, "key": key, "version": locked.version},
    )
    return locked


@transaction.atomic
def draft_submit(*, draft: ProfileDraft, by: User, version: int) -> ProfileDraft:
    """Send the draft to SCN staff for review.

    Side effects: audited. Raises: NotAllowed, StaleDraft, DraftWaiting, NothingToSubmit.
    """
    _check_editor(by, draft.city)
    locked = ProfileDraft.objects.select_for_update().filter(city=draft.city).first()
    if locked is None:
        raise NothingToSubmit()
    if locked.version != version:
        raise StaleDraft()
    if locked.state == ProfileDraft.State.SUBMITTED:
        raise DraftWaiting()
    if not drafts_diff.diff(drafts.content_of_published(draft.city), locked.content):
        raise NothingToSubmit()
    locked.state = ProfileDraft.State.SUBMITTED
    locked.submitted_at, locked.submitted_by = timezone.now(), by
    locked.return_comment = ""
    locked.save(update_fields=["state", "submitted_at", "submitted_by", "return_comment"])
    audit_record(
        action=DRAFT_SUBMITTED, actor=by, target=locked, details={"version": locked.version}
    )
    return locked


@transaction.atomic
def draft_discard(*, draft: ProfileDraft, by: User, version: int) -> ProfileDraft:
    """Throw away the draft's changes: it starts again from the published profile.

    Side effects: the version grows by one; audited. Raises: NotAllowed, StaleDraft,
    DraftWaiting.
    """
    _check_editor(by, draft.city)
    locked = ProfileDraft.objects.select_for_update().filter(city=draft.city).first()
    if locked is None:  # nothing was ever saved: nothing to throw away
        return draft
    if locked.version != version:
        raise StaleDraft()
    if locked.state == ProfileDraft.State.SUBMITTED:
        raise DraftWaiting()
    locked.content = drafts.content_of_published(draft.city)
    locked.version += 1
    locked.state = ProfileDraft.State.EDITING
    locked.return_comment = ""
    locked.updated_at, locked.updated_by = timezone.now(), by
    locked.save(
        update_fields=["content", "version", "state", "return_comment", "updated_at", "updated_by"]
    )
    audit_record(
        action=DRAFT_DISCARDED, actor=by, target=locked, details={"version": locked.version}
    )
    return locked


def _notify_editors(city: City, template: str, **context: Any) -> None:
    def in_language() -> dict[str, Any]:
        return {
            "city": str(city.name),
            "edit_url": site_url("cityprofiles:draft-detail", slug=city.slug),
        }

    for user in draft_editors(city=city):
        email_user(user, template, in_language, **context)


@transaction.atomic
def draft_publish(*, draft: ProfileDraft, by: User) -> ProfilePublication:
    """Staff publish a submitted draft: members see it from now on.

    The published rows are rewritten from the draft (drafts.apply); a ProfilePublication keeps
    its number, who sent and who published it, the changes field by field and the content. The
    draft then starts again from what was published.
    Side effects: audited; the city's editors are emailed, each in their language.
    Raises: NotAllowed, NotSubmitted.
    """
    if not can_review_profiles(by):
        raise NotAllowed()
    locked = ProfileDraft.objects.select_for_update().get(pk=draft.pk)
    if locked.state != ProfileDraft.State.SUBMITTED:
        raise NotSubmitted()
    city = locked.city
    CityProfile.objects.select_for_update().get(city=city)  # one publication at a time
    before = drafts.content_of_published(city)
    content = drafts.normalised(locked.content)
    with translation.override(settings.LANGUAGE_CODE):
        changes = drafts_diff.diff(before, content)
    drafts.apply(city, content)
    number = (ProfilePublication.objects.filter(city=city).aggregate(n=Max("number"))["n"] or 0) + 1
    publication = ProfilePublication.objects.create(
        city=city,
        number=number,
        published_by=by,
        submitted_by=locked.submitted_by,
        changes=changes,
        snapshot=content,
    )
    locked.content = drafts.content_of_published(city)
    locked.version += 1
    locked.state = ProfileDraft.State.EDITING
    locked.based_on = publication
    locked.submitted_at = locked.submitted_by = None
    locked.return_comment = ""
    locked.updated_at, locked.updated_by = timezone.now(), by
    locked.save()
    audit_record(
        action=PROFILE_PUBLISHED,
        actor=by,
        subject=publication.submitted_by,
        target=publication,
        details={"number": number, "changes": len(changes)},
    )
    _notify_editors(city, "cityprofiles/profile_published", number=number, changes=len(changes))
    return publication


@transaction.atomic
def draft_return(*, draft: ProfileDraft, by: User, comment: str) -> ProfileDraft:
    """Staff return a submitted draft to its editors with a comment; they can change it and
    send it again.

    Side effects: audited; the editors are emailed the comment, each in their language.
    Raises: NotAllowed, NotSubmitted, ValidationError (`comment_required`).
    """
    if not can_review_profiles(by):
        raise NotAllowed()
    comment = (comment or "").strip()
    if not comment:
        raise ValidationError(_("Please write a comment for the editors."), code="comment_required")
    locked = ProfileDraft.objects.select_for_update().get(pk=draft.pk)
    if locked.state != ProfileDraft.State.SUBMITTED:
        raise NotSubmitted()
    locked.state = ProfileDraft.State.RETURNED
    locked.return_comment = comment[:2000]
    locked.version += 1
    locked.save(update_fields=["state", "return_comment", "version"])
    audit_record(
        action=DRAFT_RETURNED,
        actor=by,
        subject=locked.submitted_by,
        target=locked,
        details={"comment": locked.return_comment},
    )
    _notify_editors(locked.city, "cityprofiles/profile_returned", comment=locked.return_comment)
    return locked


@transaction.atomic
def editors_set(*, city: City, by: User, users: Iterable[User]) -> CityProfile:
    """The focal point names who edits the profile with them: users of the city.

    Side effects: audited with who was added and removed.
    Raises: NotAllowed, ValidationError (`not_of_city`).
    """
    if not can_name_editors(by, city):
        raise NotAllowed()
    chosen = {user.pk for user in users}
    valid = set(
        User.objects.filter(pk__in=chosen, city=city, is_active=True).values_list("pk", flat=True)
    )
    if valid != chosen:
        raise ValidationError(
            _("Choose editors among the people of your city who have an account."),
            code="not_of_city",
        )
    profile = CityProfile.objects.select_for_update().get(city=city)
    before = set(profile.editors.values_list("pk", flat=True))
    if before == chosen:
        return profile
    profile.editors.set(sorted(chosen))
    audit_record(
        action=EDITORS_CHANGED,
        actor=by,
        target=profile,
        details={"added": sorted(chosen - before), "removed": sorted(before - chosen)},
    )
    return profile
