"""Events' part of the permission matrix (tests/kit/matrix.py): the event page, registration,
a member's events and the calendar files."""

from __future__ import annotations

from events.models import Event, EventCity, EventOutput, Invitation, Question, Registration
from events.services.feeds import feed_token_regenerate
from tests.events.factories import EventFactory, QuestionFactory
from tests.hub.factories import CityFactory, ThemeFactory, UserFactory
from tests.kit.matrix import Budget, R, codes
from tests.library.factories import DocumentFactory

Status = Registration.Status


def objects(personas):
    members = EventFactory(slug="ev-members", capacity=None)
    invited = EventFactory(slug="ev-invited-a", visibility=Event.Visibility.INVITED)
    Invitation.objects.create(event=invited, city=personas.city_a)
    EventFactory(slug="ev-staff", visibility=Event.Visibility.STAFF)
    EventFactory(
        slug="ev-year",
        starts_at=None,
        ends_at=None,
        year=2017,
        registration=Event.Registration.CLOSED,
    )
    # Member A is a confirmed participant of an online event with places.
    budget = EventFactory(
        slug="ev-budget", capacity=1000, is_online=True, online_url="https://meet.example/x"
    )
    Registration.objects.create(
        event=budget, user=personas.users["member_a"], city=personas.city_a, status=Status.CONFIRMED
    )
    EventFactory(slug="ev-questions", capacity=None)
    Registration.objects.create(
        event=members,
        user=personas.users["member_b"],
        city=personas.city_b,
        status=Status.CONFIRMED,
    )
    return {
        "ev_members": {"slug": "ev-members"},
        "ev_invited_a": {"slug": "ev-invited-a"},
        "ev_staff": {"slug": "ev-staff"},
        "ev_year": {"slug": "ev-year"},
        "ev_budget": {"slug": "ev-budget"},
        "ev_questions": {"slug": "ev-questions"},
        "ev_unknown": {"slug": "no-such-event"},
        "feed_a": {"token": feed_token_regenerate(user=personas.users["member_a"])},
        "feed_wrong": {"token": "0" * 64},
        "feed_malformed": {"token": "not-a-token"},
    }


def _page_rows(personas, objects, n):
    """n more of everything the event page shows: cities in each role, themes, outputs (and as
    many the reader may not see), other participants and people waiting."""
    event = Event.objects.get(slug="ev-budget")
    for i in range(n):
        role = (EventCity.Role.HOST, EventCity.Role.VISITOR, EventCity.Role.PARTICIPANT)[i % 3]
        EventCity.objects.create(event=event, city=CityFactory(), role=role)
        event.themes.add(ThemeFactory())
        EventOutput.objects.create(event=event, document=DocumentFactory(), position=i)
        EventOutput.objects.create(event=event, document=DocumentFactory(staff_only=True))
        Registration.objects.create(event=event, user=UserFactory(), status=Status.CONFIRMED)
        Registration.objects.create(event=event, user=UserFactory(), status=Status.WAITLISTED)


def _question_rows(personas, objects, n):
    event = Event.objects.get(slug="ev-questions")
    kinds = (Question.Kind.TEXT, Question.Kind.CHOICE, Question.Kind.YES_NO)
    for i in range(n):
        kind = kinds[i % 3]
        QuestionFactory(
            event=event,
            kind=kind,
            position=i,
            is_required=bool(i % 2),
            options_en="One\nTwo" if kind == Question.Kind.CHOICE else "",
            options_fr="Un\nDeux" if kind == Question.Kind.CHOICE else "",
        )


def _my_rows(personas, objects, n):
    """n more registrations of member A: upcoming and past events, each status."""
    member = personas.users["member_a"]
    statuses = (Status.CONFIRMED, Status.WAITLISTED, Status.PENDING, Status.REFUSED)
    for i in range(n):
        event = EventFactory(venue_city=CityFactory())
        if i % 2:
            event = EventFactory(starts_at=None, ends_at=None, year=2018, month=i % 12 + 1)
        Registration.objects.create(
            event=event, user=member, city=personas.city_a, status=statuses[i % 4]
        )


def _feed_rows(personas, objects, n):
    _my_rows(personas, objects, n)


def _ics_rows(personas, objects, n):
    event = Event.objects.get(slug="ev-budget")
    for _i in range(n):
        Registration.objects.create(event=event, user=UserFactory(), status=Status.CONFIRMED)


MEMBERS = codes(R, R, 200, 200, 200, 200)
INVITED_A = codes(R, R, 200, 404, 200, 200)
STAFF_ONLY = codes(R, R, 404, 404, 404, 200)
NOT_FOUND = codes(R, R, 404, 404, 404, 404)
NO_GET = codes(R, R, 405, 405, 405, 405)
REDIRECTS = codes(R, R, R, R, R, R)

ENTRIES = {
    # The event page: an event for invited cities is not found by others, a staff event by
    # members.
    ("events:event-detail", "ev_members", "get"): MEMBERS,
    ("events:event-detail", "ev_invited_a", "get"): INVITED_A,
    ("events:event-detail", "ev_staff", "get"): STAFF_ONLY,
    ("events:event-detail", "ev_year", "get"): MEMBERS,
    ("events:event-detail", "ev_unknown", "get"): NOT_FOUND,
    ("events:event-detail", "ev_members", "post"): NO_GET,
    # The registration form.
    ("events:registration-create", "ev_members", "get"): MEMBERS,
    ("events:registration-create", "ev_invited_a", "get"): INVITED_A,
    ("events:registration-create", "ev_staff", "get"): STAFF_ONLY,
    ("events:registration-create", "ev_staff", "post"): codes(R, R, 404, 404, 404, R),
    ("events:registration-create", "ev_invited_a", "post"): codes(R, R, R, 404, R, R),
    # A closed event: a clear refusal, not a registration.
    ("events:registration-create", "ev_year", "post"): codes(R, R, 409, 409, 409, 409),
    # Member B is registered already: a conflict; the others are registered and sent back.
    ("events:registration-create", "ev_members", "post"): codes(R, R, R, 409, R, R),
    # Cancelling (POST only): back to the event page, whether there was something to cancel.
    ("events:registration-cancel", "ev_members", "post"): REDIRECTS,
    ("events:registration-cancel", "ev_staff", "post"): codes(R, R, 404, 404, 404, R),
    ("events:registration-cancel", "ev_members", "get"): NO_GET,
    # One event's calendar file; none for an event known only by its year.
    ("events:event-ics", "ev_members", "get"): MEMBERS,
    ("events:event-ics", "ev_invited_a", "get"): INVITED_A,
    ("events:event-ics", "ev_staff", "get"): STAFF_ONLY,
    ("events:event-ics", "ev_year", "get"): NOT_FOUND,
    # A member's events and feed.
    ("events:my-events", None, "get"): MEMBERS,
    # The feed is public, opened by its token alone: the same answer for everyone, a plain 404
    # for a wrong or malformed token. Before the token POSTs below (they change member A's).
    ("events:feed", "feed_a", "get"): codes(200, 200, 200, 200, 200, 200),
    ("events:feed", "feed_wrong", "get"): codes(404, 404, 404, 404, 404, 404),
    ("events:feed", "feed_malformed", "get"): codes(404, 404, 404, 404, 404, 404),
    ("events:feed", "feed_a", "post"): codes(405, 405, 405, 405, 405, 405),
    ("events:feed-token-regenerate", None, "post"): REDIRECTS,
    ("events:feed-token-regenerate", None, "get"): NO_GET,
    ("events:feed-token-revoke", None, "post"): REDIRECTS,
    ("events:feed-token-revoke", None, "get"): NO_GET,
}

BUDGETS = {
    # Member A, a confirmed participant: the session's user; the event with its venue city;
    # its cities; themes; outputs; the visible documents among them; the reader's
    # registration; the waiting list's size.
    "events:event-detail": Budget(8, _page_rows, target=lambda objects: objects["ev_budget"]),
    # The event; its questions; the reader's registration; the waiting list's size.
    "events:registration-create": Budget(
        5, _question_rows, target=lambda objects: objects["ev_questions"]
    ),
    # The user; the event; the reader's registration (for the online link).
    "events:event-ics": Budget(3, _ics_rows, target=lambda objects: objects["ev_budget"]),
    # The user; the registrations with their events; the feed's token.
    "events:my-events": Budget(3, _my_rows),
    # Anonymous, by the token: the token's row and its member; its use noted; the
    # registrations with their events.
    "events:feed": Budget(
        3, _feed_rows, persona="anonymous", target=lambda objects: objects["feed_a"]
    ),
}
