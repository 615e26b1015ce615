"""Reads for the core app: access scoping, filtering and prefetching in one place."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING, Any

from django.db.models import Count, Q
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from hub import pending
from hub.models import AccessRequest, City, Theme, User
from hub.ordering import in_reader_order as in_reader_order  # re-exported for every app
from hub.permissions import can_review_access_requests, is_staff_curator
from hub.search import clean_query

if TYPE_CHECKING:
    from hub.models.accounts import AccessRequestQuerySet


def access_request_list_for_user(*, user: User) -> AccessRequestQuerySet:
    """Requests the user may review: all for staff, their city's for a focal point, else none."""
    qs: AccessRequestQuerySet = AccessRequest.objects.select_related("city", "decided_by")
    if is_staff_curator(user):
        return qs
    if can_review_access_requests(user) and user.city_id is not None:
        return qs.filter(city_id=user.city_id)
    return qs.none()


def access_request_get_for_user(*, user: User, pk: Any) -> AccessRequest:
    """One request the user may review. Raises Http404 otherwise, whether or not it exists."""
    try:
        return access_request_list_for_user(user=user).get(pk=int(pk))
    except (AccessRequest.DoesNotExist, ValueError, TypeError, OverflowError) as exc:
        raise Http404 from exc


def home_city(*, user: User, colleagues: int = 12) -> dict[str, Any]:
    """The member's city, with country and region, and some active colleagues from it (name,
    roles, organisation). SCN staff belong to no city: `city` is None. Two queries at most."""
    if not user.city_id:
        return {"city": None, "colleagues": []}
    city = City.objects.with_place().get(pk=user.city_id)
    people = list(
        User.objects.active()
        .filter(city_id=user.city_id)
        .exclude(pk=user.pk)
        .only("name", "roles", "organisation")
        .order_by("name")[:colleagues]
    )
    return {"city": city, "colleagues": people}


def home_network(*, newcomers: int = 8) -> dict[str, Any]:
    """The network at a glance: members who joined in the last 30 days, how many cities, how
    many on the International Steering Committee. Two queries."""
    since = timezone.now() - timedelta(days=30)
    joined = list(
        User.objects.active()
        .filter(date_joined__gte=since, city__isnull=False)
        .select_related("city")
        .only(
            "name", "date_joined", "city__name_en", "city__name_fr", "city__name_ar", "city__slug"
        )
        .order_by("-date_joined")[:newcomers]
    )
    counts = City.objects.aggregate(
        cities=Count("pk"), steering=Count("pk", filter=Q(is_steering_committee=True))
    )
    return {
        "newcomers": joined,
        "city_count": counts["cities"],
        "steering_count": counts["steering"],
    }


def home_waiting(*, user: User) -> dict[str, Any] | None:
    """What waits for this person to act on: access requests to review (focal points: their
    city's), and for SCN staff everything the apps count as pending (hub.pending). None for
    people who review nothing. One count query per counter."""
    if is_staff_curator(user):
        items = []
        for counter in pending.counters():
            count = counter.count()
            if count:
                url = reverse(counter.url_name)
                items.append(
                    {
                        "label": counter.label,
                        "count": count,
                        "url": f"{url}?{counter.query}" if counter.query else url,
                    }
                )
        return {"access_requests": None, "pending_items": items}
    if can_review_access_requests(user):
        count = access_request_list_for_user(user=user).pending().count()
        return {"access_requests": count, "pending_items": []}
    return None


MAX_QUERY_LENGTH = 200


def taxonomy_search(*, query: str, limit: int = 30) -> dict[str, list[Any]]:
    """Cities and themes whose name, in any of the three languages, contains the query."""
    query = clean_query(query, limit=MAX_QUERY_LENGTH)
    if not query:
        return {"cities": [], "themes": []}
    city_match = Q(name_en__unaccent__icontains=query) | Q(name_fr__unaccent__icontains=query)
    city_match |= Q(name_ar__icontains=query) | Q(country__name_en__unaccent__icontains=query)
    city_match |= Q(country__name_fr__unaccent__icontains=query) | Q(
        country__name_ar__icontains=query
    )
    theme_match = Q(name_en__unaccent__icontains=query) | Q(name_fr__unaccent__icontains=query)
    theme_match |= Q(name_ar__icontains=query)
    return {
        "cities": list(City.objects.with_place().filter(city_match).order_by("name_en")[:limit]),
        "themes": list(Theme.objects.filter(theme_match).select_related("parent")[:limit]),
    }
