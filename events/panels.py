"""Events' panels on other apps' pages (hub.object_panels): on a library document's page, the
events it came from; on a member city's page, the events it hosted and took part in and its
exchanges, with their outputs. Each one query, through events.selectors_outputs.

`register()` is called once, from the app's ready().
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from hub.object_panels import CITY_PAGE, DOCUMENT_PAGE, register_object_panel

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from hub.models import City, User
    from library.models import Document

DOCUMENT_KEY = "events-origin"
CITY_KEY = "events-of-city"


def document_origin_panel(document: Document, user: User | AnonymousUser) -> dict[str, Any] | None:
    """The events the document is an output of, that the reader may see; None for none."""
    from events.selectors_outputs import events_of_document

    origins = events_of_document(user=user, document_id=document.pk)
    return {"origins": origins} if origins else None


def city_events_panel(city: City, user: User | AnonymousUser) -> dict[str, Any] | None:
    """The city's events the reader may see, with their outputs; None for none."""
    from events.selectors_outputs import city_events

    events = city_events(user=user, city_id=city.pk)
    return {"events": events, "city": city} if events else None


def city_has_events() -> Any:
    """Whether the city (`OuterRef("pk")` of the city page's query) is any event's venue or
    one of its cities: a city without has nothing in the panel for anyone."""
    from django.db.models import BooleanField, Exists, ExpressionWrapper, OuterRef, Q

    from events.models import Event, EventCity

    return ExpressionWrapper(
        Q(Exists(Event.objects.filter(venue_city_id=OuterRef("pk"))))
        | Q(Exists(EventCity.objects.filter(city_id=OuterRef("pk")))),
        output_field=BooleanField(),
    )


def register() -> None:
    register_object_panel(
        DOCUMENT_PAGE,
        DOCUMENT_KEY,
        order=10,
        context=document_origin_panel,
        template_name="events/partials/_document_origin.html",
    )
    register_object_panel(
        CITY_PAGE,
        CITY_KEY,
        order=20,
        context=city_events_panel,
        template_name="events/partials/_city_events.html",
        present=city_has_events,
    )
