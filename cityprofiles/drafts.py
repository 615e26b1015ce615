"""The content of a profile draft as plain data, and how a published version is written (what
changed between two versions is in cityprofiles.drafts_diff).

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

Pure reading here; `apply` writes, and only the publish service calls it.
"""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db.models import Prefetch
from django.utils import timezone

from cityprofiles.models import (
    Challenge,
    CityProfile,
    ContactPolicy,
    Practice,
    PreventionNetwork,
    Provenance,
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
        .prefetch_related(Prefetch("documents", queryset=document_model().objects.only("pk")))
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


# --- The documents content refers to -----------------------------------------------------------


def document_model() -> Any:
    """The library's Document model, imported when first needed (the library imports the
    profiles' models)."""
    from library.models import Document

    return Document


# --- Writing the published rows ---------------------------------------------------------------


def _themes_by_slug(content: dict[str, Any]) -> dict[str, Theme]:
    slugs = {
        s for part in ("challenges", "practices") for item in content[part] for s in item["themes"]
    }
    return {t.slug: t for t in Theme.objects.filter(slug__in=slugs)} if slugs else {}


def _existing_documents(ids: Iterable[Any]) -> set[int]:
    wanted = {pk for pk in ids if isinstance(pk, int)}
    if not wanted:
        return set()
    return set(document_model().objects.filter(pk__in=wanted).values_list("pk", flat=True))


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
