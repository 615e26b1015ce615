"""What changed between two versions of a profile's content (cityprofiles.drafts describes its
shape), field by field, as SCN staff read it when they review a draft and in a publication's
history."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from cityprofiles.drafts import (
    CHALLENGE_FIELDS,
    NETWORK_FIELDS,
    PRACTICE_FIELDS,
    PROFILE_FIELDS,
    document_model,
    normalised,
    shown_text,
)
from cityprofiles.models import (
    WORKING_LANGUAGES,
    Challenge,
    CityProfile,
    ContactPolicy,
    PopulationBand,
    Practice,
    PreventionNetwork,
    Sector,
    TargetGroup,
)
from hub.models import Theme, User

if TYPE_CHECKING:
    from django.db.models import Model


_MODELS: dict[str, type[Model]] = {
    "profile": CityProfile,
    "challenge": Challenge,
    "network": PreventionNetwork,
    "practice": Practice,
}
_LANGUAGE_NAMES = dict(settings.LANGUAGES)


def _verbose_name(kind: str, name: str) -> str:
    field = _MODELS[kind]._meta.get_field(name)
    return str(capfirst(getattr(field, "verbose_name", name)))


def field_label(kind: str, name: str) -> str:
    """The name of a field as a reviewer reads it: "Overview (Arabic)", "Evidence level"."""
    base, _sep, code = name.rpartition("_")
    if code in _LANGUAGE_NAMES and base:
        return gettext("%(field)s (%(language)s)") % {
            "field": _verbose_name(kind, base),
            "language": str(_LANGUAGE_NAMES[code]),
        }
    return _verbose_name(kind, name)


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, list) or isinstance(b, list):
        return sorted(map(str, a or [])) == sorted(map(str, b or []))
    if isinstance(a, dict) or isinstance(b, dict):
        return {k: v for k, v in (a or {}).items() if v} == {
            k: v for k, v in (b or {}).items() if v
        }
    return (a if a not in (None, "") else "") == (b if b not in (None, "") else "")


_CHOICES: dict[str, dict[str, Any]] = {
    "population_band": dict(PopulationBand.choices),
    "contact_policy": dict(ContactPolicy.choices),
    "source_language": dict(settings.LANGUAGES),
    "languages": dict(WORKING_LANGUAGES),
    "kind": dict(Practice.Kind.choices),
    "status": dict(Practice.Status.choices),
    "evidence_level": dict(Practice.Evidence.choices),
    "target_groups": dict(TargetGroup.choices),
}


class _Names:
    """The names of what content refers to (themes, documents, people), read in three queries."""

    def __init__(self, pairs: list[tuple[dict[str, Any], dict[str, Any]]], viewer: Any) -> None:
        slugs: set[str] = set()
        documents: set[int] = set()
        people: set[int] = set()
        for before, after in pairs:
            for item in (before, after):
                slugs.update(item.get("themes") or [])
                documents.update(item.get("documents") or [])
                for name in ("local_action_plan", "evaluation"):
                    if isinstance(item.get(name), int):
                        documents.add(item[name])
                if isinstance(item.get("contact"), int):
                    people.add(item["contact"])
        self.themes = (
            {t.slug: str(t.name) for t in Theme.objects.filter(slug__in=slugs)} if slugs else {}
        )
        self.documents: dict[int, str] = {}
        if documents:
            rows = document_model().objects.filter(pk__in=documents)
            if viewer is not None:
                rows = rows.visible_to(viewer)
            self.documents = {d.pk: str(d.title) for d in rows}
        self.people = (
            {u.pk: u.name for u in User.objects.filter(pk__in=people).only("pk", "name")}
            if people
            else {}
        )

    def document(self, pk: int) -> str:
        return self.documents.get(pk) or gettext("a document you cannot see")

    def shown(self, name: str, value: Any) -> str:
        if value in (None, "", [], {}):
            return ""
        if name == "themes":
            return ", ".join(sorted(self.themes.get(s, s) for s in value))
        if name in ("local_action_plan", "evaluation"):
            return self.document(value)
        if name == "documents":
            return ", ".join(self.document(pk) for pk in value)
        if name == "contact":
            return self.people.get(value, "—")
        if name == "members_by_sector":
            sectors = dict(Sector.choices)
            return ", ".join(
                f"{sectors.get(code, code)}: {count}"
                for code, count in sorted(value.items())
                if count
            )
        if name in _CHOICES:
            labels = _CHOICES[name]
            if isinstance(value, list):
                return ", ".join(str(labels.get(v, v)) for v in value)
            return str(labels.get(value, value))
        return str(value)


def _object_label(kind: str, before: dict[str, Any], after: dict[str, Any]) -> str:
    if kind == "profile":
        return gettext("Profile")
    if kind == "network":
        return gettext("Local prevention network")
    item = after or before
    if kind == "challenge":
        text = shown_text(item, "text")
        return gettext("Challenge “%(text)s”") % {
            "text": text[:60] + ("…" if len(text) > 60 else "")
        }
    return gettext("Practice “%(title)s”") % {"title": shown_text(item, "title")}


def diff(
    before: dict[str, Any] | None, after: dict[str, Any] | None, *, viewer: Any = None
) -> list[dict[str, str]]:
    """What changed from `before` to `after`, field by field, in the active language:
    ``[{"object", "field", "before", "after", "change", "kind", "key", "name"}]``.

    `object` and `field` are labels a reviewer reads ("Practice “Washwasha”", "Summary
    (Arabic)"), `before`/`after` the values as shown (theme names, document titles, choice
    labels); `change` is "changed", or "added"/"removed" for a whole challenge, network or
    practice. With a `viewer`, documents they may not see are not named. At most three queries.
    """
    old, new = normalised(before), normalised(after)
    pairs: list[tuple[str, str, dict[str, Any], dict[str, Any], tuple[str, ...]]] = [
        ("profile", "", old["profile"], new["profile"], PROFILE_FIELDS)
    ]

    def keyed(kind: str, fields: tuple[str, ...], a: list[dict], b: list[dict]) -> None:
        was = {item["key"]: item for item in a}
        now = {item["key"]: item for item in b}
        for key, item in now.items():
            pairs.append((kind, key, was.get(key, {}), item, fields))
        for key, item in was.items():
            if key not in now:
                pairs.append((kind, key, item, {}, fields))

    keyed("challenge", CHALLENGE_FIELDS, old["challenges"], new["challenges"])
    pairs.append(("network", "", old["network"] or {}, new["network"] or {}, NETWORK_FIELDS))
    keyed("practice", PRACTICE_FIELDS, old["practices"], new["practices"])

    names = _Names([(a, b) for _k, _key, a, b, _f in pairs], viewer)
    changes: list[dict[str, str]] = []
    for kind, key, a, b, fields in pairs:
        if not a and not b:
            continue
        change = "added" if not a else "removed" if not b else "changed"
        label = _object_label(kind, a, b)
        for name in fields:
            if _same(a.get(name), b.get(name)):
                continue
            changes.append(
                {
                    "object": label,
                    "field": field_label(kind, name),
                    "before": names.shown(name, a.get(name)),
                    "after": names.shown(name, b.get(name)),
                    "change": change,
                    "kind": kind,
                    "key": key,
                    "name": name,
                }
            )
    return changes


_CHANGE_LABELS = {
    "added": _("added"),
    "removed": _("removed"),
    "changed": _("changed"),
}


def change_label(change: str) -> str:
    return str(_CHANGE_LABELS.get(change, change))
