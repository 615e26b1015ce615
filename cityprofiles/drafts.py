"""The content of a profile draft as plain data, what changed between two versions, and how a
published version is written.

A draft's ``content`` (and a publication's ``snapshot``) is JSON of this shape::

    {
      "profile": {"overview_en": "...", "overview_fr": "...", "overview_ar": "...",
                  "approach_*": "...", "contact_note_*": "...", "source_language": "en",
                  "population_band": "", "languages": ["ar", "en"], "contact_policy": "open",
                  "local_action_plan": 12 | None},
      "challenges": [{"key": "<uuid>", "text_en": "...", "text_fr": "", "text_ar": "",
                      "themes": ["mentoring", ...]}],
      "network": None | {"name_*": "...", "terms_of_reference_*": "...", "activities_*": "...",
                         "source_language": "en", "members_by_sector": {"education": 3},
                         "documents": [4, 9]},
      "practices": [{"key": "<Practice.key>", "title_*": "...", "summary_*": "...",
                     "partners_*": "...", "results_*": "...", "source_language": "en",
                     "kind": "programme", "themes": [...], "target_groups": [...],
                     "status": "running", "start_year": 2017, "end_year": None,
                     "evidence_level": "described", "evaluation": 7 | None,
                     "contact": 31 | None}],
    }

Themes are named by slug, documents and the contact by id. A published challenge has no key of
its own in the database: its key is derived from its id (`challenge_key`), so a draft can name
it and publication updates it in place.

Pure reading and comparison here; `apply` writes, and only the publish service calls it.
"""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from cityprofiles.models import (
    WORKING_LANGUAGES,
    Challenge,
    CityProfile,
    ContactPolicy,
    PopulationBand,
    Practice,
    PreventionNetwork,
    Provenance,
    Sector,
    TargetGroup,
)
from hub.models import Theme, User

if TYPE_CHECKING:
    from collections.abc import Iterable

    from django.db.models import Model

    from hub.models import City

LANGUAGES: tuple[str, ...] = tuple(code for code, _name in settings.LANGUAGES)

PROFILE_TEXTS = ("overview", "approach", "contact_note")
CHALLENGE_TEXTS = ("text",)
NETWORK_TEXTS = ("name", "terms_of_reference", "activities")
PRACTICE_TEXTS = ("title", "summary", "partners", "results")

PROFILE_FIELDS = (
    *(f"{name}_{code}" for name in PROFILE_TEXTS for code in LANGUAGES),
    "source_language",
    "population_band",
    "languages",
    "contact_policy",
    "local_action_plan",
)
CHALLENGE_FIELDS = (*(f"text_{code}" for code in LANGUAGES), "themes")
NETWORK_FIELDS = (
    *(f"{name}_{code}" for name in NETWORK_TEXTS for code in LANGUAGES),
    "source_language",
    "members_by_sector",
    "documents",
)
PRACTICE_FIELDS = (
    *(f"{name}_{code}" for name in PRACTICE_TEXTS for code in LANGUAGES),
    "source_language",
    "kind",
    "themes",
    "target_groups",
    "status",
    "start_year",
    "end_year",
    "evidence_level",
    "evaluation",
    "contact",
)

# Derives the key of a published challenge from its id (stable, so a draft can name it).
_CHALLENGE_NAMESPACE = uuid.UUID("6f1d3c2e-5a0b-4a51-9d0e-2c8b7e4f9a10")


def challenge_key(challenge_id: int) -> str:
    return str(uuid.uuid5(_CHALLENGE_NAMESPACE, f"challenge:{challenge_id}"))


def new_key() -> str:
    return str(uuid.uuid4())


def empty_profile() -> dict[str, Any]:
    data: dict[str, Any] = {f"{n}_{c}": "" for n in PROFILE_TEXTS for c in LANGUAGES}
    data |= {
        "source_language": "en",
        "population_band": "",
        "languages": [],
        "contact_policy": ContactPolicy.OPEN.value,
        "local_action_plan": None,
    }
    return data


def empty_challenge() -> dict[str, Any]:
    return {"key": "", **{f"text_{c}": "" for c in LANGUAGES}, "themes": []}


def empty_network() -> dict[str, Any]:
    data: dict[str, Any] = {f"{n}_{c}": "" for n in NETWORK_TEXTS for c in LANGUAGES}
    return data | {"source_language": "en", "members_by_sector": {}, "documents": []}


def empty_practice() -> dict[str, Any]:
    data: dict[str, Any] = {"key": ""}
    data |= {f"{n}_{c}": "" for n in PRACTICE_TEXTS for c in LANGUAGES}
    return data | {
        "source_language": "en",
        "kind": Practice.Kind.PROGRAMME.value,
        "themes": [],
        "target_groups": [],
        "status": Practice.Status.RUNNING.value,
        "start_year": None,
        "end_year": None,
        "evidence_level": Practice.Evidence.DESCRIBED.value,
        "evaluation": None,
        "contact": None,
    }


def _texts(obj: Model, names: Iterable[str]) -> dict[str, str]:
    return {f"{n}_{c}": getattr(obj, f"{n}_{c}") or "" for n in names for c in LANGUAGES}


def _slugs(themes: Iterable[Theme]) -> list[str]:
    return sorted(theme.slug for theme in themes)


def content_of_published(city: City) -> dict[str, Any]:
    """The published profile of `city`, its challenges, network and practices, as draft content.

    Six queries (profile, challenges and their themes, network and its documents, practices and
    their themes), whatever their number.
    """
    profile = CityProfile.objects.get(city=city)
    themes = Prefetch("themes", queryset=Theme.objects.only("pk", "slug"))
    challenges = [
        {
            "key": challenge_key(ch.pk),
            **_texts(ch, CHALLENGE_TEXTS),
            "themes": _slugs(ch.themes.all()),
        }
        for ch in Challenge.objects.filter(profile=profile).prefetch_related(themes)
    ]
    network_row = (
        PreventionNetwork.objects.filter(profile=profile)
        .prefetch_related(Prefetch("documents", queryset=_document_model().objects.only("pk")))
        .first()
    )
    network = None
    if network_row is not None:
        network = {
            **_texts(network_row, NETWORK_TEXTS),
            "source_language": network_row.source_language,
            "members_by_sector": dict(network_row.members_by_sector or {}),
            "documents": sorted(d.pk for d in network_row.documents.all()),
        }
    practices = [
        {
            "key": str(pr.key),
            **_texts(pr, PRACTICE_TEXTS),
            "source_language": pr.source_language,
            "kind": pr.kind,
            "themes": _slugs(pr.themes.all()),
            "target_groups": list(pr.target_groups),
            "status": pr.status,
            "start_year": pr.start_year,
            "end_year": pr.end_year,
            "evidence_level": pr.evidence_level,
            "evaluation": pr.evaluation_id,
            "contact": pr.contact_id,
        }
        for pr in Practice.objects.filter(profile=profile).prefetch_related(themes)
    ]
    return {
        "profile": {
            **_texts(profile, PROFILE_TEXTS),
            "source_language": profile.source_language,
            "population_band": profile.population_band,
            "languages": list(profile.languages),
            "contact_policy": profile.contact_policy,
            "local_action_plan": profile.local_action_plan_id,
        },
        "challenges": challenges,
        "network": network,
        "practices": practices,
    }


def normalised(content: dict[str, Any] | None) -> dict[str, Any]:
    """`content` with every part and field present (what an older or partial draft lacks)."""
    content = content or {}
    network = content.get("network")
    return {
        "profile": empty_profile() | dict(content.get("profile") or {}),
        "challenges": [empty_challenge() | dict(c) for c in content.get("challenges") or []],
        "network": None if network is None else empty_network() | dict(network),
        "practices": [empty_practice() | dict(p) for p in content.get("practices") or []],
    }


def shown_text(item: dict[str, Any], name: str, language: str | None = None) -> str:
    """`item`'s text `name` in `language` (default: the active one), else in any language."""
    from django.utils import translation

    wanted = (language or translation.get_language() or "en").split("-")[0]
    for code in dict.fromkeys([wanted, item.get("source_language") or "en", *LANGUAGES]):
        value = item.get(f"{name}_{code}")
        if value:
            return str(value)
    return ""


# --- What changed ----------------------------------------------------------------------------


def _document_model() -> Any:
    from library.models import Document

    return Document


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
            rows = _document_model().objects.filter(pk__in=documents)
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


# --- Writing the published rows ---------------------------------------------------------------

_CHANGE_LABELS = {
    "added": _("added"),
    "removed": _("removed"),
    "changed": _("changed"),
}


def change_label(change: str) -> str:
    return str(_CHANGE_LABELS.get(change, change))


def _themes_by_slug(content: dict[str, Any]) -> dict[str, Theme]:
    slugs = {
        s for part in ("challenges", "practices") for item in content[part] for s in item["themes"]
    }
    return {t.slug: t for t in Theme.objects.filter(slug__in=slugs)} if slugs else {}


def _existing_documents(ids: Iterable[Any]) -> set[int]:
    wanted = {pk for pk in ids if isinstance(pk, int)}
    if not wanted:
        return set()
    return set(_document_model().objects.filter(pk__in=wanted).values_list("pk", flat=True))


def _set_texts(obj: Model, item: dict[str, Any], names: Iterable[str]) -> list[str]:
    fields = []
    for name in names:
        for code in LANGUAGES:
            field = f"{name}_{code}"
            setattr(obj, field, item.get(field) or "")
            fields.append(field)
    return fields


def apply(city: City, content: dict[str, Any]) -> CityProfile:
    """Write `content` as the published profile of `city`: the profile's fields, its challenges
    (updated by key, added, removed), its network (created, updated or removed) and its
    practices (by Practice.key), their themes, documents and contacts; `published_at` is now.

    Only the publish service calls this, inside its transaction. References that no longer
    exist (a deleted document or theme, a contact who left the city) are dropped.
    Raises ValueError when a practice key belongs to another city's practice.
    """
    content = normalised(content)
    profile = CityProfile.objects.select_for_update().get(city=city)
    themes = _themes_by_slug(content)
    item = content["profile"]
    documents = _existing_documents(
        [
            item["local_action_plan"],
            *((content["network"] or {}).get("documents") or []),
            *(p["evaluation"] for p in content["practices"]),
        ]
    )
    contacts = set(
        User.objects.filter(
            city=city,
            is_active=True,
            pk__in=[p["contact"] for p in content["practices"] if isinstance(p["contact"], int)],
        ).values_list("pk", flat=True)
    )

    fields = _set_texts(profile, item, PROFILE_TEXTS)
    profile.source_language = item["source_language"]
    profile.population_band = item["population_band"]
    profile.languages = list(item["languages"])
    profile.contact_policy = item["contact_policy"]
    plan = item["local_action_plan"]
    profile.local_action_plan_id = plan if plan in documents else None
    profile.published_at = timezone.now()
    fields += [
        "source_language",
        "population_band",
        "languages",
        "contact_policy",
        "local_action_plan",
        "published_at",
    ]
    profile.save(update_fields=fields)

    existing = {challenge_key(ch.pk): ch for ch in Challenge.objects.filter(profile=profile)}
    kept = set()
    for position, entry in enumerate(content["challenges"]):
        challenge = existing.get(entry["key"]) or Challenge(profile=profile)
        _set_texts(challenge, entry, CHALLENGE_TEXTS)
        challenge.position = position
        challenge.save()
        kept.add(challenge.pk)
        challenge.themes.set([themes[s] for s in entry["themes"] if s in themes])
    Challenge.objects.filter(profile=profile).exclude(pk__in=kept).delete()

    net = content["network"]
    if net is None:
        PreventionNetwork.objects.filter(profile=profile).delete()
    else:
        network = PreventionNetwork.objects.filter(profile=profile).first() or PreventionNetwork(
            profile=profile, provenance=Provenance.CITY
        )
        _set_texts(network, net, NETWORK_TEXTS)
        network.source_language = net["source_language"]
        network.members_by_sector = {k: v for k, v in net["members_by_sector"].items() if v}
        network.save()
        network.documents.set([pk for pk in net["documents"] if pk in documents])

    practices = {str(p.key): p for p in Practice.objects.filter(profile=profile)}
    keys = [entry["key"] for entry in content["practices"]]
    if Practice.objects.filter(key__in=keys).exclude(profile=profile).exists():
        raise ValueError("a practice key of another city")
    for position, entry in enumerate(content["practices"]):
        practice = practices.get(entry["key"]) or Practice(
            profile=profile, key=uuid.UUID(entry["key"]), provenance=Provenance.CITY
        )
        _set_texts(practice, entry, PRACTICE_TEXTS)
        for name in ("source_language", "kind", "status", "start_year", "end_year"):
            setattr(practice, name, entry[name])
        practice.evidence_level = entry["evidence_level"]
        practice.target_groups = list(entry["target_groups"])
        practice.evaluation_id = entry["evaluation"] if entry["evaluation"] in documents else None
        practice.contact_id = entry["contact"] if entry["contact"] in contacts else None
        practice.position = position
        practice.save()
        practice.themes.set([themes[s] for s in entry["themes"] if s in themes])
    Practice.objects.filter(profile=profile).exclude(key__in=keys).delete()
    return profile
