"""Events: the calendar of summits, workshops and city exchanges, registration with approval and
waiting lists, calendar feeds, and what each event leaves behind.

Every write goes through :mod:`events.services`; the admin and the views call it.
"""

from .events import (
    TIME_AND_PLACE,
    Event,
    EventCity,
    EventOutput,
    Invitation,
    Provenance,
    not_over,
)
from .registrations import FeedToken, Question, Registration, RegistrationAnswer

__all__ = [
    "TIME_AND_PLACE",
    "Event",
    "EventCity",
    "EventOutput",
    "FeedToken",
    "Invitation",
    "Provenance",
    "Question",
    "Registration",
    "RegistrationAnswer",
    "not_over",
]
