"""What the tests of the profile editor share: the editor's URLs, the data its forms post and
the city's draft as stored."""

from __future__ import annotations

from django.urls import reverse

from cityprofiles.models import ProfileDraft


def editor_url(name: str, city, **kwargs) -> str:
    return reverse(f"cityprofiles:{name}", kwargs={"slug": city.slug, **kwargs})


def profile_data(version: int, language: str = "en", **changes) -> dict:
    data = {
        "version": version,
        f"overview_{language}": "",
        f"approach_{language}": "",
        f"contact_note_{language}": "",
        "source_language": "en",
        "population_band": "",
        "contact_policy": "open",
        "local_action_plan": "",
    }
    return data | changes


def practice_data(version: int, **changes) -> dict:
    data = {
        "version": version,
        "title_en": "Mentors for young people",
        "summary_en": "Older students mentor pupils at risk.",
        "partners_en": "",
        "results_en": "",
        "source_language": "en",
        "kind": "programme",
        "status": "running",
        "start_year": "2017",
        "end_year": "",
        "evidence_level": "described",
        "evaluation": "",
        "contact": "",
    }
    return data | changes


def draft_of(city) -> ProfileDraft:
    return ProfileDraft.objects.get(city=city)
