"""Events' URLs, mounted at ``events/``: the event page, registration, a member's events and
the calendar files."""

from __future__ import annotations

from django.urls import path

from events.views import calendar, staff
from events.views import event as views

app_name = "events"

urlpatterns = [
    # The calendar (the events' landing page), before the event pages' "<slug>/".
    path("", calendar.CalendarListView.as_view(), name="calendar"),
    path("past/", calendar.CalendarListView.as_view(past=True), name="calendar-past"),
    path("<int:year>/<int:month>/", calendar.CalendarMonthView.as_view(), name="month"),
    path("mine/", views.MyEventsView.as_view(), name="my-events"),
    path(
        "mine/feed/regenerate/",
        views.FeedTokenRegenerateView.as_view(),
        name="feed-token-regenerate",
    ),
    path("mine/feed/revoke/", views.FeedTokenRevokeView.as_view(), name="feed-token-revoke"),
    path("feed/<str:token>.ics", views.FeedView.as_view(), name="feed"),
    path("<slug:slug>/", views.EventDetailView.as_view(), name="event-detail"),
    path(
        "<slug:slug>/register/",
        views.RegistrationCreateView.as_view(),
        name="registration-create",
    ),
    path("<slug:slug>/cancel/", views.RegistrationCancelView.as_view(), name="registration-cancel"),
    path("<slug:slug>/event.ics", views.EventIcsView.as_view(), name="event-ics"),
    # SCN staff's pages of an event.
    path("<slug:slug>/participants/", staff.ParticipantListView.as_view(), name="participants"),
    path(
        "<slug:slug>/participants.csv",
        staff.ParticipantCsvView.as_view(),
        name="participants-csv",
    ),
    path(
        "<slug:slug>/participants/attendance/",
        staff.AttendanceSetView.as_view(),
        name="attendance-set",
    ),
    path(
        "<slug:slug>/participants/remove-data/",
        staff.AttendeeDataRemoveView.as_view(),
        name="attendee-data-remove",
    ),
]
