from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from hub.models import AccessRequest, City, User
from tests.conftest import login
from tests.hub.factories import AccessRequestFactory

pytestmark = pytest.mark.django_db


def _valid(member_city, **overrides):
    return {
        "name": "Karim Haddad",
        "email": "karim@tripoli.example",
        "city": str(member_city.pk),
        "role": "official",
        "organisation": "Municipality",
        "reason": "Local prevention network coordinator.",
    } | overrides


def test_request_access_form_creates_request_in_the_page_language(
    client, city_a, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/ar/request-access/", _valid(city_a))
    assert response.status_code == 302
    assert response["Location"] == "/ar/request-access/sent/"
    access_request = AccessRequest.objects.get()
    assert access_request.language == "ar"
    assert mailoutbox[0].to == ["karim@tripoli.example"]


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"name": ""}, "name"),
        ({"email": ""}, "email"),
        ({"email": "not-an-email"}, "email"),
        ({"city": "999999"}, "city"),
        ({"city": "'; DROP TABLE hub_city; --"}, "city"),
        ({"role": "staff_curator"}, "role"),
        ({"name": "x" * 10_000}, "name"),
        ({"organisation": "x" * 10_000}, "organisation"),
        ({"reason": "x" * 10_000}, "reason"),
        ({"reason": ""}, "reason"),
    ],
)
def test_request_access_bad_input_is_a_400_with_a_message_and_stores_nothing(
    client, city_a, overrides, field
):
    response = client.post(reverse("hub:accessrequest-create"), _valid(city_a, **overrides))
    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert AccessRequest.objects.count() == 0
    assert City.objects.filter(pk=city_a.pk).exists()


def test_request_access_for_existing_account_is_a_400_with_a_message(client, city_a, member_a):
    response = client.post(
        reverse("hub:accessrequest-create"), _valid(city_a, email=member_a.email)
    )
    assert response.status_code == 400
    assert response.context["form"].errors.as_data()["email"][0].code == "email_exists"
    assert AccessRequest.objects.count() == 0
    assert User.objects.filter(email=member_a.email).count() == 1


def test_request_access_twice_is_a_400_and_keeps_the_first(client, city_a):
    client.post(reverse("hub:accessrequest-create"), _valid(city_a))
    response = client.post(reverse("hub:accessrequest-create"), _valid(city_a, name="Someone Else"))
    assert response.status_code == 400
    assert response.context["form"].errors.as_data()["email"][0].code == "duplicate_request"
    assert list(AccessRequest.objects.values_list("name", flat=True)) == ["Karim Haddad"]


def test_request_access_is_rate_limited_per_ip(client, city_a, settings):
    settings.ACCOUNT_RATE_LIMITS = {"request_access": "2/h/ip"}
    for n in range(2):
        client.post(reverse("hub:accessrequest-create"), _valid(city_a, email=f"r{n}@x.example"))
    response = client.post(
        reverse("hub:accessrequest-create"), _valid(city_a, email="r9@x.example")
    )
    assert response.status_code == 429
    assert AccessRequest.objects.count() == 2


def test_focal_point_rejects_with_reason_on_the_site(client, focal_point_a, city_a, mailoutbox):
    access_request = AccessRequestFactory(city=city_a)
    login(client, focal_point_a)
    url = reverse("hub:accessrequest-reject", kwargs={"pk": access_request.pk})
    response = client.post(url, {"reason": ""})
    assert response.status_code == 400
    access_request.refresh_from_db()
    assert access_request.is_pending
    response = client.post(url, {"reason": "Please ask your mayor's office first."})
    assert response.status_code == 302
    access_request.refresh_from_db()
    assert access_request.status == AccessRequest.Status.REJECTED


def test_access_request_detail_with_tampered_id_is_404(client, focal_point_a):
    login(client, focal_point_a)
    for pk in ["999999", "99999999999999999999"]:
        response = client.get(f"/en/access-requests/{pk}/")
        assert response.status_code == 404


def test_language_switch_keeps_the_page_and_is_remembered(client, member_a):
    login(client, member_a)
    response = client.post(
        reverse("hub:language-set"), {"language": "ar", "next": "/en/cities/?region=europe"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/ar/cities/?region=europe"
    member_a.refresh_from_db()
    assert member_a.language == "ar"
    page = client.get(response["Location"])
    assert b'<html lang="ar" dir="rtl">' in page.content


def test_language_switch_refuses_unknown_language_and_foreign_next(client, member_a):
    login(client, member_a)
    assert client.post(reverse("hub:language-set"), {"language": "xx"}).status_code == 400
    response = client.post(
        reverse("hub:language-set"), {"language": "fr", "next": "https://evil.example/"}
    )
    assert response["Location"] == "/fr/"
    member_a.refresh_from_db()
    assert member_a.language == "fr"


def test_profile_update_and_bad_input(client, member_a):
    login(client, member_a)
    response = client.post(
        reverse("hub:profile"), {"name": "", "organisation": "", "language": "fr"}
    )
    assert response.status_code == 400
    member_a.refresh_from_db()
    assert member_a.name != ""
    response = client.post(
        reverse("hub:profile"), {"name": "Nadia", "organisation": "Town hall", "language": "fr"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/fr/profile/"
    member_a.refresh_from_db()
    assert (member_a.name, member_a.language) == ("Nadia", "fr")


def test_login_lands_in_the_login_pages_language_not_the_profiles(client, member_a):
    # The language of the login page is the member's latest choice (tests/hub/test_languages.py).
    member_a.language = "ar"
    member_a.save()
    response = client.post(
        "/en/accounts/login/",
        {"login": member_a.email, "password": "correct horse battery staple"},
    )
    assert response.status_code == 302
    assert response["Location"] == "/en/"


def test_session_ends_after_the_idle_period(client, member_a, settings):
    from importlib import import_module

    login(client, member_a)
    engine = import_module(settings.SESSION_ENGINE)
    session = engine.SessionStore(client.session.session_key)
    session.set_expiry(-1)  # as if the idle period had passed
    session.save()
    response = client.get(reverse("hub:home"))
    assert response.status_code == 302


def test_logout_ends_the_session_server_side(client, member_a):
    from django.contrib.sessions.models import Session

    login(client, member_a)
    key = client.session.session_key
    client.post(reverse("account_logout"))
    assert not Session.objects.filter(session_key=key).exists()
    stolen = Client()
    stolen.cookies["sessionid"] = key
    assert stolen.get(reverse("hub:home")).status_code == 302


def test_session_idle_timeout_defaults_to_eight_hours(settings):
    assert settings.SESSION_COOKIE_AGE == 8 * 60 * 60


def test_search_finds_cities_in_every_language_and_survives_garbage(client, member_a):
    login(client, member_a)
    city = member_a.city
    for query in [city.name_en.upper(), city.name_fr, city.name_ar]:
        response = client.get(reverse("hub:search"), {"q": query})
        assert city in response.context["cities"], query
    for query in ["' OR 1=1 --", "%", "x" * 10_000, "\x00", '"unbalanced']:
        assert client.get(reverse("hub:search"), {"q": query}).status_code == 200


def test_health_reports_each_service(client):
    response = client.get("/health/")
    assert response.status_code == 200
    assert response.json() == {"database": "ok", "redis": "ok", "celery": "ok"}


def test_health_is_503_when_redis_is_down(client, settings):
    settings.REDIS_URL = "redis://127.0.0.1:1/0"
    response = client.get("/health/")
    assert response.status_code == 503
    assert response.json()["redis"] == "down"
    assert set(response.json()) == {"database", "redis", "celery"}


def test_health_is_503_when_no_worker_answers(client, settings):
    from hub.celery import app

    app.conf.task_always_eager = False
    try:
        response = client.get("/health/")
    finally:
        app.conf.task_always_eager = True
    assert response.status_code == 503
    assert response.json()["celery"] == "down"
