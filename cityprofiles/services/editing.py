"""Editing a city's profile: the one write path to drafts, their review and publication.

Editors (the focal point and the users of the city they name) change a ProfileDraft one part at
a time — the profile, a challenge, the network, a practice — and send it for review; SCN staff
publish it (the published rows are written by cityprofiles.drafts.apply and a
ProfilePublication keeps who, when, what changed and what was published) or return it with a
comment. Every save names the version it was made from, and a save from an older version is
refused: two editors never silently overwrite each other.
"""

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
from cityprofiles.models import (
    WORKING_LANGUAGES,
    CityProfile,
    ContactPolicy,
    PopulationBand,
    Practice,
    ProfileDraft,
    ProfilePublication,
    Sector,
    TargetGroup,
)
from cityprofiles.permissions import can_edit_profile, can_name_editors, can_review_profiles
from hub.errors import HubError, NotAllowed
from hub.models import Theme, User
from hub.models.accounts import Role
from hub.services import audit_record, email_user, site_url

if TYPE_CHECKING:
    from collections.abc import Iterable

    from hub.models import City

# Bounds on what one profile holds: enough for any city, small enough for one page and one row.
MAX_CHALLENGES = 20
MAX_PRACTICES = 60
MAX_THEMES = 15
MAX_NETWORK_DOCUMENTS = 20
MAX_SECTOR_MEMBERS = 10_000
MIN_YEAR = 1950

PARTS = (
    "profile",
    "challenge",
    "challenge_remove",
    "network",
    "network_remove",
    "practice",
    "practice_remove",
)

# The longest text each field takes (the models' own max_length).
TEXT_LIMITS = {
    "overview": 5000,
    "approach": 5000,
    "contact_note": 1000,
    "text": 1000,
    "name": 200,
    "terms_of_reference": 5000,
    "activities": 5000,
    "title": 200,
    "summary": 3000,
    "partners": 1000,
    "results": 3000,
}
LANGUAGE_CODES = {code for code, _name in settings.LANGUAGES}


class StaleDraft(HubError):
    code = "stale_draft"
    message = _(
        "Someone else saved this profile since you opened it, so your changes were not saved. "
        "Reload the page to see their changes, then make yours again."
    )


class DraftWaiting(HubError):
    code = "draft_submitted"
    message = _(
        "This profile is waiting for review by SCN staff: it cannot be changed until they "
        "publish it or return it."
    )


class NotSubmitted(HubError):
    code = "not_submitted"
    message = _("This profile draft is not waiting for review.")


class NothingToSubmit(HubError):
    code = "no_changes"
    message = _("There is nothing to send: the draft is the same as the published profile.")


class UnknownItem(HubError):
    """A challenge or practice key the draft does not have (tampered, or removed meanwhile)."""

    code = "unknown_item"
    message = _("This item is not in the profile draft (it may have been removed).")


# --- Reading (no writes) ----------------------------------------------------------------------


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


def _error(field: str, message: Any, code: str) -> ValidationError:
    return ValidationError({field: ValidationError(message, code=code)})


def _clean_text(data: dict[str, Any], names: Iterable[str], errors: dict[str, Any]) -> None:
    for name in names:
        for code in drafts.LANGUAGES:
            field = f"{name}_{code}"
            if field not in data:
                continue
            value = data[field]
            if value is None:
                value = ""
            if not isinstance(value, str):
                errors[field] = ValidationError(_("Enter text."), code="invalid")
                continue
            value = value.replace("\x00", "").strip()
            if len(value) > TEXT_LIMITS[name]:
                errors[field] = ValidationError(
                    _("Keep this to %(limit)d characters at most (it has %(count)d).")
                    % {"limit": TEXT_LIMITS[name], "count": len(value)},
                    code="too_long",
                )
                continue
            data[field] = value


def _clean_choice(
    data: dict[str, Any], name: str, choices: Iterable[str], errors: dict[str, Any]
) -> None:
    if name in data and data[name] not in set(choices):
        errors[name] = ValidationError(
            _("Choose one of the options offered."), code="invalid_choice"
        )


def _clean_choices(
    data: dict[str, Any], name: str, choices: Iterable[str], errors: dict[str, Any]
) -> None:
    if name not in data:
        return
    values = data[name] or []
    allowed = set(choices)
    if not isinstance(values, list) or any(v not in allowed for v in values):
        errors[name] = ValidationError(
            _("Choose one of the options offered."), code="invalid_choice"
        )
    else:
        data[name] = sorted(set(values))


def _clean_themes(data: dict[str, Any], errors: dict[str, Any]) -> None:
    if "themes" not in data:
        return
    slugs = data["themes"] or []
    if not isinstance(slugs, list) or not all(isinstance(s, str) for s in slugs):
        errors["themes"] = ValidationError(_("Choose themes from the list."), code="unknown_theme")
        return
    slugs = sorted(set(slugs))
    if len(slugs) > MAX_THEMES:
        errors["themes"] = ValidationError(
            _("Choose at most %(limit)d themes.") % {"limit": MAX_THEMES}, code="too_many"
        )
        return
    if slugs and Theme.objects.filter(slug__in=slugs).count() != len(slugs):
        errors["themes"] = ValidationError(_("Choose themes from the list."), code="unknown_theme")
        return
    data["themes"] = slugs


def _visible_documents(by: User, ids: list[Any]) -> set[int]:
    from library.models import Document

    wanted = [pk for pk in ids if isinstance(pk, int) and not isinstance(pk, bool)]
    if not wanted:
        return set()
    return set(
        Document.objects.visible_to(by)
        .published()
        .filter(pk__in=wanted)
        .values_list("pk", flat=True)
    )


def _clean_document(
    data: dict[str, Any], name: str, by: User, current: Any, errors: dict[str, Any]
) -> None:
    """A library document the editor may see and that is published; the same refusal for one
    that does not exist, so an id never tells whether a restricted document is behind it."""
    if name not in data or data[name] in (None, ""):
        if name in data:
            data[name] = None
        return
    value = data[name]
    if value == current:  # kept as it was: nothing new is learnt by keeping it
        return
    if not isinstance(value, int) or isinstance(value, bool) or not _visible_documents(by, [value]):
        errors[name] = ValidationError(
            _("Choose a published document of the library."), code="unknown_document"
        )


def _clean_documents(
    data: dict[str, Any], by: User, current: list[Any], errors: dict[str, Any]
) -> None:
    if "documents" not in data:
        return
    ids = data["documents"] or []
    if not isinstance(ids, list) or len(ids) > MAX_NETWORK_DOCUMENTS:
        errors["documents"] = ValidationError(
            _("Choose at most %(limit)d documents.") % {"limit": MAX_NETWORK_DOCUMENTS},
            code="too_many",
        )
        return
    ids = sorted(set(ids), key=str)
    new = [pk for pk in ids if pk not in set(current)]
    if len(_visible_documents(by, new)) != len(new):
        errors["documents"] = ValidationError(
            _("Choose published documents of the library."), code="unknown_document"
        )
        return
    data["documents"] = ids


def _clean_year(data: dict[str, Any], name: str, errors: dict[str, Any]) -> None:
    if name not in data:
        return
    value = data[name]
    if value in (None, ""):
        data[name] = None
        return
    latest = timezone.now().year + 5
    if not isinstance(value, int) or isinstance(value, bool) or not MIN_YEAR <= value <= latest:
        errors[name] = ValidationError(
            _("Give a year between %(first)d and %(last)d.") % {"first": MIN_YEAR, "last": latest},
            code="invalid_year",
        )


def _refuse_unknown(data: dict[str, Any], allowed: Iterable[str]) -> None:
    unknown = set(data) - set(allowed)
    if unknown:
        raise ValidationError(
            _("These fields cannot be changed here: %(fields)s.")
            % {"fields": ", ".join(sorted(unknown))},
            code="unknown_field",
        )


def _raise(errors: dict[str, Any]) -> None:
    if errors:
        raise ValidationError(errors)


def _require_text(item: dict[str, Any], name: str, message: Any, code: str) -> None:
    if not any(item.get(f"{name}_{c}") for c in drafts.LANGUAGES):
        raise _error(f"{name}_{drafts.LANGUAGES[0]}", message, code)


def _clean_profile(data: dict[str, Any], by: User, current: dict[str, Any]) -> dict[str, Any]:
    _refuse_unknown(data, drafts.PROFILE_FIELDS)
    errors: dict[str, Any] = {}
    _clean_text(data, drafts.PROFILE_TEXTS, errors)
    _clean_choice(data, "source_language", LANGUAGE_CODES, errors)
    _clean_choice(data, "population_band", ["", *PopulationBand.values], errors)
    _clean_choices(data, "languages", [code for code, _name in WORKING_LANGUAGES], errors)
    _clean_choice(data, "contact_policy", ContactPolicy.values, errors)
    _clean_document(data, "local_action_plan", by, current.get("local_action_plan"), errors)
    _raise(errors)
    return current | data


def _clean_challenge(data: dict[str, Any], current: dict[str, Any]) -> dict[str, Any]:
    _refuse_unknown(data, drafts.CHALLENGE_FIELDS)
    errors: dict[str, Any] = {}
    _clean_text(data, drafts.CHALLENGE_TEXTS, errors)
    _clean_themes(data, errors)
    _raise(errors)
    item = current | data
    _require_text(item, "text", _("Describe the challenge in at least one language."), "required")
    return item


def _clean_sectors(data: dict[str, Any], errors: dict[str, Any]) -> None:
    if "members_by_sector" not in data:
        return
    value = data["members_by_sector"] or {}
    ok = isinstance(value, dict) and all(
        code in Sector.values
        and isinstance(n, int)
        and not isinstance(n, bool)
        and 0 <= n <= MAX_SECTOR_MEMBERS
        for code, n in value.items()
    )
    if not ok:
        errors["members_by_sector"] = ValidationError(
            _("Give the number of members of each sector, between 0 and %(limit)d.")
            % {"limit": MAX_SECTOR_MEMBERS},
            code="invalid_members",
        )
        return
    data["members_by_sector"] = {code: n for code, n in sorted(value.items()) if n}


def _clean_network(data: dict[str, Any], by: User, current: dict[str, Any]) -> dict[str, Any]:
    _refuse_unknown(data, drafts.NETWORK_FIELDS)
    errors: dict[str, Any] = {}
    _clean_text(data, drafts.NETWORK_TEXTS, errors)
    _clean_choice(data, "source_language", LANGUAGE_CODES, errors)
    _clean_sectors(data, errors)
    _clean_documents(data, by, current.get("documents") or [], errors)
    _raise(errors)
    item = current | data
    _require_text(item, "name", _("Give the network's name in at least one language."), "required")
    return item


def _clean_practice(
    data: dict[str, Any], by: User, city: City, current: dict[str, Any]
) -> dict[str, Any]:
    _refuse_unknown(data, drafts.PRACTICE_FIELDS)
    errors: dict[str, Any] = {}
    _clean_text(data, drafts.PRACTICE_TEXTS, errors)
    _clean_choice(data, "source_language", LANGUAGE_CODES, errors)
    _clean_choice(data, "kind", Practice.Kind.values, errors)
    _clean_choice(data, "status", Practice.Status.values, errors)
    _clean_choice(data, "evidence_level", Practice.Evidence.values, errors)
    _clean_choices(data, "target_groups", TargetGroup.values, errors)
    _clean_themes(data, errors)
    _clean_year(data, "start_year", errors)
    _clean_year(data, "end_year", errors)
    _clean_document(data, "evaluation", by, current.get("evaluation"), errors)
    if "contact" in data and data["contact"] not in (None, ""):
        contact = data["contact"]
        if (
            not isinstance(contact, int)
            or isinstance(contact, bool)
            or not User.objects.filter(pk=contact, city=city, is_active=True).exists()
        ):
            errors["contact"] = ValidationError(
                _("Choose a person of your city who has an account."), code="unknown_contact"
            )
    elif "contact" in data:
        data["contact"] = None
    _raise(errors)
    item = current | data
    start, end = item.get("start_year"), item.get("end_year")
    if start and end and end < start:
        raise _error(
            "end_year", _("The year it ended cannot be before the year it began."), "years_order"
        )
    _require_text(item, "title", _("Give a title in at least one language."), "required")
    _require_text(item, "summary", _("Give a summary in at least one language."), "required")
    return item


def _index_of(items: list[dict[str, Any]], key: Any) -> int:
    for index, item in enumerate(items):
        if item.get("key") == str(key or ""):
            return index
    raise UnknownItem()


def _apply_part(
    content: dict[str, Any], part: str, data: dict[str, Any], by: User, city: City
) -> str:
    """Change `content` in place as `part` says; returns the key of the item changed, or ""."""
    data = dict(data)
    key = str(data.pop("key", "") or "")
    if part == "profile":
        content["profile"] = _clean_profile(data, by, content["profile"])
        return ""
    if part in ("challenge", "practice"):
        items = content[f"{part}s"]
        limit = MAX_CHALLENGES if part == "challenge" else MAX_PRACTICES
        if key:
            index = _index_of(items, key)
            current = items[index]
        else:
            if len(items) >= limit:
                raise ValidationError(
                    _("A profile can list at most %(limit)d of these.") % {"limit": limit},
                    code="too_many",
                )
            current = (drafts.empty_challenge if part == "challenge" else drafts.empty_practice)()
            current["key"] = key = drafts.new_key()
            if part == "practice" and "source_language" not in data:
                current["source_language"] = translation.get_language() or "en"
            index = len(items)
            items.append(current)
        if part == "challenge":
            items[index] = _clean_challenge(data, current)
        else:
            items[index] = _clean_practice(data, by, city, current)
        return key
    if part in ("challenge_remove", "practice_remove"):
        items = content[f"{part.split('_')[0]}s"]
        del items[_index_of(items, key)]
        return key
    if part == "network":
        content["network"] = _clean_network(data, by, content["network"] or drafts.empty_network())
        return ""
    if part == "network_remove":
        content["network"] = None
        return ""
    raise ValidationError(_("This part of the profile cannot be changed."), code="unknown_part")


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
    key = _apply_part(content, part, data, by, city)
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
