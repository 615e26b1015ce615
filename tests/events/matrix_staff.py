"""Staff's part of the events matrix: an event's participant list (and its CSV), attendance,
removing the attendee data early, and the admin of events and registrations. A participant
list is staff-only: everyone else is told it does not exist (404)."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from events.models import Event, Question, Registration, RegistrationAnswer
from tests.events.factories import EventFactory, QuestionFactory
from tests.hub.factories import CityFactory, UserFactory
from tests.kit.matrix import Budget, R, codes

Status = Registration.Status


def objects(personas):
    users = personas.users
    upcoming = EventFactory(
        slug="staff-upcoming", registration=Event.Registration.APPROVAL, capacity=None
    )
    question = QuestionFactory(event=upcoming)
    pending = Registration.objects.create(
        event=upcoming, user=users["member_a"], city=personas.city_a, status=Status.PENDING
    )
    RegistrationAnswer.objects.create(registration=pending, question=question, value="=1+1")
    started = timezone.now() - timedelta(days=2)
    past = EventFactory(slug="staff-past", starts_at=started, ends_at=started + timedelta(hours=3))
    Registration.objects.create(
        event=past, user=users["member_b"], city=personas.city_b, status=Status.CONFIRMED
    )
    EventFactory(slug="staff-remove", capacity=None)
    # An event for invited cities: its participant list is staff's all the same.
    EventFactory(slug="staff-invited", visibility=Event.Visibility.INVITED)
    refused = Registration.objects.create(
        event=upcoming, user=users["member_b"], city=personas.city_b, status=Status.PENDING
    )
    return {
        "staff_upcoming": {"slug": "staff-upcoming"},
        "staff_past": {"slug": "staff-past"},
        "staff_remove": {"slug": "staff-remove"},
        "staff_invited": {"slug": "staff-invited"},
        "staff_unknown": {"slug": "no-such-event"},
        "staff_pending": pending,
        "staff_pending_page": {"object_id": pending.pk},
        "staff_refused": refused,
    }


def _participant_rows(personas, objects, n):
    """n more registrations of the upcoming event, each with an answer to every question, of
    people of new cities, in every status."""
    event = Event.objects.get(slug="staff-upcoming")
    questions = list(Question.objects.filter(event=event))
    statuses = (Status.PENDING, Status.CONFIRMED, Status.WAITLISTED, Status.REFUSED)
    for i in range(n):
        city = CityFactory()
        registration = Registration.objects.create(
            event=event,
            user=UserFactory(city=city),
            city=city,
            roles=["official"],
            status=statuses[i % 4],
        )
        RegistrationAnswer.objects.bulk_create(
            RegistrationAnswer(registration=registration, question=q, value=f"Answer {i}")
            for q in questions
        )


def _remove_rows(personas, objects, n):
    event = Event.objects.get(slug="staff-remove")
    for _i in range(n):
        Registration.objects.create(event=event, user=UserFactory(), status=Status.CONFIRMED)


LIST = "events:participants"
CSV = "events:participants-csv"
ATTENDANCE = "events:attendance-set"
REMOVE = "events:attendee-data-remove"
APPROVE = "admin:events_registration_approve"
REFUSE = "admin:events_registration_refuse"

STAFF = codes(R, R, 404, 404, 404, 200)
NOT_FOUND = codes(R, R, 404, 404, 404, 404)
NO_GET = codes(R, R, 405, 405, 405, 405)
ADMIN = codes(R, R, R, R, R, 200)

ENTRIES = {
    (LIST, "staff_upcoming", "get"): STAFF,
    (LIST, "staff_past", "get"): STAFF,
    (LIST, "staff_invited", "get"): STAFF,
    (LIST, "staff_unknown", "get"): NOT_FOUND,
    (LIST, "staff_upcoming", "post"): NO_GET,
    (CSV, "staff_upcoming", "get"): STAFF,
    (CSV, "staff_invited", "get"): STAFF,
    (CSV, "staff_unknown", "get"): NOT_FOUND,
    (ATTENDANCE, "staff_past", "get"): NO_GET,
    # Before the event: a conflict with a message; after it started: saved, back to the list.
    (ATTENDANCE, "staff_upcoming", "post"): codes(R, R, 404, 404, 404, 409),
    (ATTENDANCE, "staff_past", "post"): codes(R, R, 404, 404, 404, R),
    (REMOVE, "staff_remove", "get"): STAFF,
    (REMOVE, "staff_unknown", "get"): NOT_FOUND,
    (REMOVE, "staff_remove", "post"): codes(R, R, 404, 404, 404, R),
    # The admin: staff only (others go to the admin's login page).
    ("admin:events_event_changelist", None, "get"): ADMIN,
    ("admin:events_registration_changelist", None, "get"): ADMIN,
    ("admin:events_registration_change", "staff_pending_page", "get"): ADMIN,
    (APPROVE, "staff_pending", "get"): codes(R, R, R, R, R, 405),
    (REFUSE, "staff_refused", "get"): codes(R, R, R, R, R, 405),
    (APPROVE, "staff_pending", "post"): codes(R, R, R, R, R, R),
    (REFUSE, "staff_refused", "post"): codes(R, R, R, R, R, R),
}

DATA = {REFUSE: {"reason": "The workshop is for prevention coordinators."}}

# Staff's pages read the user (the session comes from Redis); then:
BUDGETS = {
    # + the event; its questions; the registrations with their people and cities; their answers
    LIST: Budget(
        5, _participant_rows, persona="staff", target=lambda objects: objects["staff_upcoming"]
    ),
    CSV: Budget(
        5, _participant_rows, persona="staff", target=lambda objects: objects["staff_upcoming"]
    ),
    # + the event
    REMOVE: Budget(
        2, _remove_rows, persona="staff", target=lambda objects: objects["staff_remove"]
    ),
}
