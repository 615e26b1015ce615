"""`manage.py seed_demo_profiles`: demo profiles of the demo cities, and demo introductions.

Demo only: refused unless DEBUG is on; run after seed_demo (the demo accounts). The profiles of
Montréal and Mombasa (cityprofiles.demo_profiles, every text marked DEMO) go through the real
path: the demo focal point edits a draft and submits it, the demo curator publishes it, so the
history, the search rows and "cities like mine" come from a publication like any other. Then
demo introduction requests between the two cities, in several states. Idempotent: a city that
already has a publication, and introductions that already exist, are left alone.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from cityprofiles.demo_profiles import PROFILES
from cityprofiles.models import CityProfile, Introduction, Practice, ProfilePublication, Provenance
from cityprofiles.services import editing, introductions
from hub.models import City, User

DEMO_DOMAIN = "demo.scn.invalid"


def _user(local: str) -> User:
    try:
        return User.objects.get(email=f"{local}@{DEMO_DOMAIN}")
    except User.DoesNotExist as exc:
        raise CommandError("Create the demo accounts first: manage.py seed_demo") from exc


def _texts(name: str, texts: dict[str, str]) -> dict[str, str]:
    return {f"{name}_{code}": text for code, text in texts.items()}


class Command(BaseCommand):
    help = "Demo profiles for the demo cities and demo introductions (refused when DEBUG is off)."

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEBUG:
            raise CommandError("seed_demo_profiles writes demo content: DEBUG only.")
        curator = _user("curator")
        published = 0
        for slug, profile in PROFILES.items():
            city = City.objects.get(slug=slug)
            if ProfilePublication.objects.filter(city=city).exists():
                continue
            with transaction.atomic():
                self._publish(city, profile, curator)
            published += 1
        made = self._introductions(curator)
        self.stdout.write(f"Demo profiles published: {published}; demo introductions: {made}")

    def _publish(self, city: City, profile: dict[str, Any], curator: User) -> None:
        focal = _user(f"focal.{city.slug}")
        practitioner = _user(f"practitioner.{city.slug}")
        draft = editing.draft_for_editing(city=city, by=focal)

        def save(part: str, data: dict[str, Any]) -> None:
            nonlocal draft
            draft = editing.draft_save(
                draft=draft, by=focal, part=part, data=data, version=draft.version
            )

        save(
            "profile",
            {
                **_texts("overview", profile["overview"]),
                **_texts("approach", profile["approach"]),
                "source_language": profile["source_language"],
                "population_band": profile["population_band"],
                "languages": profile["languages"],
                "contact_policy": profile["contact_policy"],
            },
        )
        for texts, themes in profile["challenges"]:
            save("challenge", {**_texts("text", texts), "themes": themes})
        for practice in profile["practices"]:
            save(
                "practice",
                {
                    **_texts("title", practice["title"]),
                    **_texts("summary", practice["summary"]),
                    **_texts("partners", practice["partners"]),
                    **_texts("results", practice["results"]),
                    "source_language": profile["source_language"],
                    "kind": practice["kind"],
                    "status": practice["status"],
                    "start_year": practice["start_year"],
                    "evidence_level": practice["evidence_level"],
                    "themes": practice["themes"],
                    "target_groups": practice["target_groups"],
                    "contact": practitioner.pk,
                },
            )
        draft = editing.draft_submit(draft=draft, by=focal, version=draft.version)
        editing.draft_publish(draft=draft, by=curator)
        # Marked as demo content wherever it shows (the words already start with "DEMO").
        CityProfile.objects.filter(city=city).update(provenance=Provenance.DEMO)
        Practice.objects.filter(profile__city=city).exclude(
            provenance=Provenance.PROGRAMME_2019
        ).update(provenance=Provenance.DEMO)

    def _introductions(self, curator: User) -> int:
        if Introduction.objects.filter(requester__email__endswith=f"@{DEMO_DOMAIN}").exists():
            return 0
        montreal, mombasa = City.objects.get(slug="montreal"), City.objects.get(slug="mombasa")

        def practice(city: City, title_start: str) -> Practice | None:
            return Practice.objects.filter(
                profile__city=city, title_en__contains=title_start
            ).first()

        with transaction.atomic():
            # Introduced: Montréal's official asked about Mombasa's mentoring; it was accepted.
            done = introductions.introduction_request(
                by=_user("official.montreal"),
                practice=practice(mombasa, "Youth mentoring"),
                city=mombasa,
                message="DEMO — We would like to compare how you pair mentors with young people "
                "and how you followed the first cohorts.",
            )
            done = introductions.introduction_forward(introduction=done, by=curator)
            if done.counterpart is not None:
                introductions.introduction_accept(introduction=done, by=done.counterpart)
            # Forwarded: Mombasa's practitioner asks about Montréal's advice line.
            waiting = introductions.introduction_request(
                by=_user("practitioner.mombasa"),
                practice=practice(montreal, "Advice line"),
                city=montreal,
                message="DEMO — How do you decide when a call to the advice line becomes a "
                "referral, and who follows it up?",
            )
            introductions.introduction_forward(introduction=waiting, by=curator)
            # Waiting for SCN staff: Montréal's practitioner asks Mombasa about its forums.
            introductions.introduction_request(
                by=_user("practitioner.montreal"),
                city=mombasa,
                message="DEMO — We are starting dialogue forums with the police and would value "
                "an hour with whoever runs yours.",
            )
            # Declined by staff: too vague to forward.
            vague = introductions.introduction_request(
                by=_user("official.mombasa"),
                city=montreal,
                message="DEMO — Anything you have.",
            )
            introductions.introduction_staff_decline(
                introduction=vague,
                by=curator,
                reason="DEMO — Please say what you would like to learn, so we can find the "
                "right person.",
            )
        return 4
