"""What an editor may write into a draft: the bounds on a profile, and each part of the draft
checked and cleaned (`apply_part`) before the one write path (`workflow`) stores it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from cityprofiles import drafts
from cityprofiles.models import (
    WORKING_LANGUAGES,
    ContactPolicy,
    PopulationBand,
    Practice,
    Sector,
    TargetGroup,
)
from hub.models import Theme, User

from .errors import UnknownItem

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


def apply_part(
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
