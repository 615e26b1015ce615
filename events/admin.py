"""Admin of events: each area registers its models in its own module (the event with its text
in language tabs, its cities, questions, invitations and outputs; the approval queue of
registrations)."""

from events import admin_events, admin_registrations  # noqa: F401
