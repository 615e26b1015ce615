"""The member home page: panels gathered from every app through hub.home, each access-checked."""

from __future__ import annotations

import ast
import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from hub import home
from library.models import Document
from tests.conftest import login
from tests.hub.factories import AccessRequestFactory, CityFactory, UserFactory
from tests.library.factories import DocumentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def panel_registry():
    """The registry as it is, restored after a test that adds to it."""
    saved = dict(home._panels)
    yield
    home._panels.clear()
    home._panels.update(saved)


def _panel_keys(response) -> list[str]:
    return [panel.key for panel in response.context["panels"]]


def _panel(response, key: str) -> dict:
    return next(panel.context for panel in response.context["panels"] if panel.key == key)


def _section(response, heading_id: str) -> str:
    """The HTML of the home panel whose heading has `heading_id`."""
    html = response.content.decode()
    match = re.search(rf'<section[^>]*aria-labelledby="{heading_id}".*?</section>', html, re.S)
    assert match, heading_id
    return match[0]


def test_home_panels_are_shown_in_order_and_left_out_when_they_have_nothing(
    panel_registry, member_a
):
    request = RequestFactory().get("/")
    home.register_home_panel(
        "test-late", order=95, context=lambda user, request: {"n": 2}, template_name="x.html"
    )
    home.register_home_panel(
        "test-early", order=1, context=lambda user, request: {"n": 1}, template_name="x.html"
    )
    home.register_home_panel(
        "test-silent", order=2, context=lambda user, request: None, template_name="x.html"
    )
    shown = home.home_panels(user=member_a, request=request)
    keys = [panel.key for panel in shown]
    assert keys[0] == "test-early"
    assert keys[-1] == "test-late"
    assert "test-silent" not in keys
    assert shown[0].context == {"n": 1}


def test_home_panel_registered_twice_under_one_key_is_shown_once(panel_registry, member_a):
    for n in (1, 2):
        home.register_home_panel(
            "test-twice", order=5, context=lambda user, request, n=n: {"n": n}, template_name="x"
        )
    shown = [p for p in home.home_panels(user=member_a, request=None) if p.key == "test-twice"]
    assert [p.context for p in shown] == [{"n": 2}]


def test_home_page_renders_a_panel_an_app_registers(
    panel_registry, client, member_a, tmp_path, settings
):
    (tmp_path / "test_panel.html").write_text(
        '<section class="card" aria-labelledby="test-panel">'
        '<h2 id="test-panel">Test</h2>For {{ panel.who }}</section>'
    )
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "DIRS": [*settings.TEMPLATES[0]["DIRS"], tmp_path]}
    ]
    home.register_home_panel(
        "test-app",
        order=50,
        context=lambda user, request: {"who": user.name},
        template_name="test_panel.html",
    )
    login(client, member_a)
    response = client.get(reverse("hub:home"))
    keys = _panel_keys(response)
    assert keys.index("library-contributions") < keys.index("test-app") < keys.index("hub-network")
    assert f"For {member_a.name}" in _section(response, "test-panel")


def test_home_page_gathers_the_panels_of_hub_and_the_apps(client, focal_point_a):
    login(client, focal_point_a)
    response = client.get(reverse("hub:home"))
    assert _panel_keys(response) == [
        "hub-waiting",
        "library-new",
        "hub-city",
        "library-contributions",
        "cityprofiles-similar",
        "hub-network",
    ]


def test_hub_imports_no_other_app():
    # The home page gathers the apps' panels; hub's code never names an app.
    apps = {"library", "cityprofiles", "training", "events"}
    for path in (Path(settings.BASE_DIR) / "hub").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module:
                assert node.module.split(".")[0] not in apps, (path, node.module)
            elif isinstance(node, ast.Import):
                for alias in node.names:
                    assert alias.name.split(".")[0] not in apps, (path, alias.name)


def test_home_new_documents_are_only_those_the_member_may_see(client, member_a, city_b):
    visible = DocumentFactory(title_en="For every member")
    shared = DocumentFactory(
        title_en="Shared with A",
        for_cities=True,
        contributing_city=city_b,
        shared_with=[member_a.city],
    )
    DocumentFactory(title_en="Only city B", for_cities=True, contributing_city=city_b)
    DocumentFactory(title_en="Staff only", staff_only=True)
    DocumentFactory(title_en="Not yet reviewed", submitted=True)
    login(client, member_a)
    response = client.get(reverse("hub:home"))
    documents = _panel(response, "library-new")["documents"]
    assert {d.pk for d in documents} == {visible.pk, shared.pk}
    html = _section(response, "home-library-new")
    assert "For every member" in html
    assert "Only city B" not in html
    assert "Staff only" not in html
    assert "Not yet reviewed" not in html
    assert visible.get_absolute_url() in html


def test_home_new_documents_are_the_newest_five(client, member_a):
    now = timezone.now()
    documents = [
        DocumentFactory(title_en=f"Doc {i}", published_at=now - timedelta(days=i)) for i in range(7)
    ]
    login(client, member_a)
    shown = _panel(client.get(reverse("hub:home")), "library-new")["documents"]
    assert [d.pk for d in shown] == [d.pk for d in documents[:5]]


def test_home_new_documents_are_not_the_drafts_staff_may_see(client, staff):
    DocumentFactory(title_en="Waiting", submitted=True)
    published = DocumentFactory(title_en="Out")
    login(client, staff)
    shown = _panel(client.get(reverse("hub:home")), "library-new")["documents"]
    assert [d.pk for d in shown] == [published.pk]


def test_home_focal_point_sees_the_requests_of_their_city_waiting(client, focal_point_a, city_b):
    AccessRequestFactory(city=focal_point_a.city)
    AccessRequestFactory(city=focal_point_a.city)
    AccessRequestFactory(city=city_b)
    login(client, focal_point_a)
    response = client.get(reverse("hub:home"))
    assert _panel(response, "hub-waiting")["access_requests"] == 2
    html = _section(response, "home-waiting")
    assert reverse("hub:accessrequest-list") in html
    assert "2 access requests are waiting for your review." in html


def test_home_focal_point_is_told_when_nothing_waits(client, focal_point_a):
    login(client, focal_point_a)
    response = client.get(reverse("hub:home"))
    assert _panel(response, "hub-waiting")["access_requests"] == 0


def test_home_member_without_reviews_has_no_waiting_panel(client, member_a):
    AccessRequestFactory(city=member_a.city)
    login(client, member_a)
    response = client.get(reverse("hub:home"))
    assert "hub-waiting" not in _panel_keys(response)
    assert 'aria-labelledby="home-waiting"' not in response.content.decode()


def test_home_staff_see_documents_waiting_for_review(client, staff):
    DocumentFactory(submitted=True)
    DocumentFactory(submitted=True)
    login(client, staff)
    response = client.get(reverse("hub:home"))
    items = _panel(response, "hub-waiting")["pending_items"]
    waiting = [item for item in items if "status__exact=submitted" in item["url"]]
    assert [item["count"] for item in waiting] == [2]
    assert waiting[0]["url"] in _section(response, "home-waiting").replace("&amp;", "&")


def test_home_colleagues_show_their_role(client, member_a):
    UserFactory(city=member_a.city, name="Amal Focal", focal_point=True)
    UserFactory(city=member_a.city, name="Bruno Practitioner", practitioner=True)
    UserFactory(city=CityFactory(), name="Other City Person")
    login(client, member_a)
    response = client.get(reverse("hub:home"))
    html = _section(response, "home-city")
    names = [c.name for c in _panel(response, "hub-city")["colleagues"]]
    assert names == ["Amal Focal", "Bruno Practitioner"]
    assert re.search(
        r"Amal Focal</bdi>\s*<span class=\"badge colleague__role\">City focal point", html
    )
    assert re.search(
        r"Bruno Practitioner</bdi>\s*<span class=\"badge colleague__role\">Practitioner", html
    )
    assert "Other City Person" not in html


def test_home_city_links_to_the_city_page(client, member_a):
    login(client, member_a)
    html = _section(client.get(reverse("hub:home")), "home-city")
    url = reverse("cityprofiles:city", kwargs={"slug": member_a.city.slug})
    assert f'href="{url}"' in html


def test_home_contributions_count_the_members_documents_by_state(client, member_a):
    DocumentFactory(contributed_by=member_a, submitted=True)
    DocumentFactory(contributed_by=member_a, submitted=True)
    DocumentFactory(
        contributed_by=member_a, status=Document.Status.REJECTED, rejection_reason="Off topic."
    )
    DocumentFactory(contributed_by=UserFactory(city=member_a.city), submitted=True)
    login(client, member_a)
    response = client.get(reverse("hub:home"))
    panel = _panel(response, "library-contributions")
    assert [(status, count) for status, _label, count in panel["counts"]] == [
        ("submitted", 2),
        ("rejected", 1),
    ]
    assert panel["total"] == 3
    assert reverse("library:document-mine") in _section(response, "home-contributions")


def test_home_contributions_panel_is_left_out_for_who_may_not_contribute(client, db):
    translator = UserFactory(translator=True)
    login(client, translator)
    assert "library-contributions" not in _panel_keys(client.get(reverse("hub:home")))
