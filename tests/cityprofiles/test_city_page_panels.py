"""The city page asks other apps' panels (hub.object_panels) only about a city they say, in the
city's own query, they have something about: a city that is no event's asks no query of the
events' panel, and one that becomes an event's city, by any write, shows it on the next page."""

from __future__ import annotations

import pytest
from django.urls import reverse

from events.models import Event, EventCity
from events.panels import CITY_KEY
from hub.object_panels import CITY_PAGE, registered_object_panels
from tests.cityprofiles.factories import profile_of
from tests.conftest import login
from tests.events.factories import EventFactory
from tests.hub.factories import CityFactory, UserFactory
from tests.kit.queries import page_queries

pytestmark = pytest.mark.django_db


def test_the_events_panel_says_which_cities_it_has_something_about():
    (panel,) = [p for p in registered_object_panels(CITY_PAGE) if p.key == CITY_KEY]
    assert panel.present is not None


def test_a_city_of_no_event_asks_nothing_of_the_events_panel_until_it_has_one(client):
    city = CityFactory(name_en="Kestrel")
    profile_of(city, overview_en="A port city.")
    login(client, UserFactory(city=CityFactory()))
    url = reverse("cityprofiles:city", kwargs={"slug": city.slug})
    without, response = page_queries(client, url)
    assert 'id="city-events-heading"' not in response.content.decode()
    # Another city's event changes nothing.
    EventFactory(slug="elsewhere", title_en="Elsewhere summit", venue_city=CityFactory())
    assert page_queries(client, url)[0] == without
    # Its venue (a plain save): the panel is asked, and shows it.
    venue = EventFactory(slug="summit", title_en="Kestrel summit", venue_city=city)
    with_venue, response = page_queries(client, url)
    assert with_venue == without + 1
    assert "Kestrel summit" in response.content.decode()
    # No longer its venue (a queryset update()): not asked again.
    Event.objects.filter(pk=venue.pk).update(venue_city=None)
    count, response = page_queries(client, url)
    assert (count, "Kestrel summit" in response.content.decode()) == (without, False)
    # One of its cities (a taking part): asked, and shown.
    workshop = EventFactory(slug="workshop", title_en="Kestrel workshop")
    EventCity.objects.create(event=workshop, city=city, role=EventCity.Role.PARTICIPANT)
    count, response = page_queries(client, url)
    assert (count, "Kestrel workshop" in response.content.decode()) == (without + 1, True)
    EventCity.objects.filter(event=workshop).delete()
    assert page_queries(client, url)[0] == without


def test_an_event_the_reader_may_not_see_is_asked_about_and_not_shown(client):
    city = CityFactory(name_en="Kestrel")
    profile_of(city, overview_en="A port city.")
    login(client, UserFactory(city=CityFactory()))
    url = reverse("cityprofiles:city", kwargs={"slug": city.slug})
    without, _response = page_queries(client, url)
    EventFactory(
        slug="closed", title_en="Kestrel closed meeting", venue_city=city, visibility="invited"
    )
    count, response = page_queries(client, url)
    assert count == without + 1
    assert "Kestrel closed meeting" not in response.content.decode()
    assert 'id="city-events-heading"' not in response.content.decode()
