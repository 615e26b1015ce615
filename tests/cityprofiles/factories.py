"""Factories for city profiles. Every city has its profile already (the database creates it);
these write published content directly, as a publication would leave it."""

from __future__ import annotations

import uuid
from datetime import timedelta

import factory
from django.utils import timezone

from cityprofiles.models import (
    Challenge,
    CityExchange,
    CityProfile,
    Introduction,
    PartnerCity,
    Practice,
    PreventionNetwork,
)
from tests.hub.factories import CityFactory, CountryFactory, ThemeFactory, UserFactory


def profile_of(city, **fields) -> CityProfile:
    """The city's profile, with `fields` (overview_en=..., population_band=...) saved."""
    profile = CityProfile.objects.get(city=city)
    for name, value in fields.items():
        setattr(profile, name, value)
    if fields:
        profile.save()
    return profile


class PracticeFactory(factory.django.DjangoModelFactory):
    """A published English practice of a new city (or of `profile=`); `themes=[...]`."""

    class Meta:
        model = Practice
        skip_postgeneration_save = True

    profile = factory.LazyFunction(lambda: profile_of(CityFactory()))
    key = factory.LazyFunction(uuid.uuid4)
    title_en = factory.Sequence(lambda n: f"Practice {n}")
    summary_en = "Mentoring for young people at risk, run with schools and youth workers."
    source_language = "en"
    kind = Practice.Kind.PROGRAMME
    status = Practice.Status.RUNNING
    start_year = 2017
    evidence_level = Practice.Evidence.DESCRIBED
    target_groups = factory.LazyFunction(lambda: ["young_people"])

    @factory.post_generation
    def themes(self, create: bool, extracted: list | None, **kwargs: object) -> None:
        if create and extracted:
            self.themes.set(extracted)


class ChallengeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Challenge
        skip_postgeneration_save = True

    profile = factory.LazyFunction(lambda: profile_of(CityFactory()))
    text_en = factory.Sequence(lambda n: f"Challenge {n}: polarisation among young people")

    @factory.post_generation
    def themes(self, create: bool, extracted: list | None, **kwargs: object) -> None:
        if create and extracted:
            self.themes.set(extracted)


class NetworkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PreventionNetwork

    profile = factory.LazyFunction(lambda: profile_of(CityFactory()))
    name_en = factory.Sequence(lambda n: f"Local prevention network {n}")
    terms_of_reference_en = "Meets monthly; coordinated with the municipality."
    members_by_sector = factory.LazyFunction(lambda: {"municipality": 4, "education": 3})


class PartnerCityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PartnerCity

    name_en = factory.Sequence(lambda n: f"Partner city {n}")
    slug = factory.Sequence(lambda n: f"partner-city-{n}")
    country = factory.SubFactory(CountryFactory)


class ExchangeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CityExchange

    host = factory.SubFactory(CityFactory)
    visitor = factory.SubFactory(CityFactory)
    year = 2018
    summary_en = "A delegation visited to swap lessons on prevention."


class IntroductionFactory(factory.django.DjangoModelFactory):
    """A request from a member of one city to another city, waiting for SCN staff."""

    class Meta:
        model = Introduction

    requester = factory.LazyFunction(lambda: UserFactory(city=CityFactory()))
    requester_city = factory.LazyAttribute(lambda o: o.requester.city)
    city = factory.SubFactory(CityFactory)
    message = "We would like to learn how you set up your mentoring scheme with schools."
    expires_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=21))


# --- Introductions (appended by the introductions area) -------------------------------------


class ForwardedIntroductionFactory(IntroductionFactory):
    """A request SCN staff forwarded to a focal point of the city asked (or `counterpart=`)."""

    status = Introduction.Status.FORWARDED
    counterpart = factory.LazyAttribute(lambda o: UserFactory(city=o.city, focal_point=True))
    forwarded_at = factory.LazyFunction(timezone.now)
    staff_note = "They run the city's mentoring scheme."


class IntroducedFactory(ForwardedIntroductionFactory):
    """An introduction the counterpart accepted (`introduced_at=` to date it)."""

    status = Introduction.Status.INTRODUCED
    introduced_at = factory.LazyFunction(timezone.now)
    decided_at = factory.LazyAttribute(lambda o: o.introduced_at)


def cities_with_practices(n: int) -> None:
    """n more steering cities, each with a practice on a theme of its own and a matching word
    (the directory's rows at 1 and 50 cities)."""
    for _ in range(n):
        city = CityFactory(steering=True)
        PracticeFactory(
            profile=CityProfile.objects.get(city=city),
            summary_en="Prevention with young people.",
            themes=[ThemeFactory()],
        )
