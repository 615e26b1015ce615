"""Factories for events: an upcoming open event for all members, by default."""

from __future__ import annotations

from datetime import timedelta

import factory
from django.utils import timezone

from events.models import Event, Question


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event

    slug = factory.Sequence(lambda n: f"event-{n}")
    kind = Event.Kind.REGIONAL_WORKSHOP
    title_en = factory.Sequence(lambda n: f"Regional workshop {n}")
    title_fr = factory.Sequence(lambda n: f"Atelier régional {n}")
    title_ar = factory.Sequence(lambda n: f"ورشة عمل إقليمية {n}")
    starts_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=30))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + timedelta(hours=8))
    time_zone = "Europe/Paris"
    registration = Event.Registration.OPEN
    capacity = 10


class QuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Question

    event = factory.SubFactory(EventFactory)
    text_en = "What would you like to learn?"
    text_fr = "Que souhaitez-vous apprendre ?"
    text_ar = "ماذا تودّ أن تتعلم؟"
