"""The completion report: its figures by city and by region, its filters, who sees what, the
CSV export (safe to open in a spreadsheet), its query budget, and the count on the city page."""

from __future__ import annotations

import csv
import io

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from hub.city_facts import city_facts
from tests.conftest import login
from tests.hub.factories import CityFactory, CountryFactory, RegionFactory, UserFactory
from tests.kit.queries import assert_budget
from tests.training.factories import EnrolmentFactory, ModuleFactory
from tests.training.matrix_reports import FOCAL_BUDGETS
from training import city_facts as training_city_facts
from training import reports
from training.selectors_reports import report_get, report_modules

pytestmark = pytest.mark.django_db

REPORT = "training:report"


@pytest.fixture
def place():
    """Two regions: city A and city C in the first, city B in the second."""
    first = RegionFactory(name_en="Europe Test", slug="europe-test")
    second = RegionFactory(name_en="Africa Test", slug="africa-test")
    a = CityFactory(name_en="Aarhus Test", slug="aarhus-test", country=CountryFactory(region=first))
    c = CityFactory(name_en="Cork Test", slug="cork-test", country=CountryFactory(region=first))
    b = CityFactory(
        name_en="Mombasa Test", slug="mombasa-test", country=CountryFactory(region=second)
    )
    return {"first": first, "second": second, "a": a, "b": b, "c": c}


def _enrol(city, module, state: str):
    fields = {"not_started": {}, "started": {"completed_count": 1}}.get(state)
    if fields is None:
        fields = {"completed_count": 3, "completed_at": timezone.now()}
    return EnrolmentFactory(user=UserFactory(city=city), module=module, **fields)


@pytest.fixture
def figures(place):
    """Module one: city A 1 completed, 1 in progress, 2 not started; city C 1 completed;
    city B 1 completed, 1 in progress. Module two: city B 1 not started."""
    one = ModuleFactory(title_en="Module one", position=1)
    two = ModuleFactory(title_en="Module two", position=2)
    for state in ("completed", "started", "not_started", "not_started"):
        _enrol(place["a"], one, state)
    _enrol(place["c"], one, "completed")
    _enrol(place["b"], one, "completed")
    _enrol(place["b"], one, "started")
    _enrol(place["b"], two, "not_started")
    # A staff member without a city counts nowhere.
    EnrolmentFactory(user=UserFactory(staff=True), module=one)
    return {"one": one, "two": two}


def _table(report):
    return [
        (
            str(line.module.title),
            str(line.place.name),
            line.figures.enrolled,
            line.figures.in_progress,
            line.figures.completed,
            line.figures.rate,
        )
        for line in report.lines
    ]


def test_report_counts_by_module_and_city(staff, figures):
    report = report_get(user=staff, modules=report_modules(staff))
    assert _table(report) == [
        ("Module one", "Aarhus Test", 4, 1, 1, 25),
        ("Module one", "Cork Test", 1, 0, 1, 100),
        ("Module one", "Mombasa Test", 2, 1, 1, 50),
        ("Module two", "Mombasa Test", 1, 0, 0, 0),
    ]
    assert (report.total.enrolled, report.total.completed, report.total.rate) == (8, 3, 38)
    assert report.lines[0].figures.not_started == 2


def test_report_counts_by_module_and_region(staff, figures):
    report = report_get(user=staff, modules=report_modules(staff), by=reports.BY_REGION)
    assert _table(report) == [
        ("Module one", "Africa Test", 2, 1, 1, 50),
        ("Module one", "Europe Test", 5, 1, 2, 40),
        ("Module two", "Africa Test", 1, 0, 0, 0),
    ]


def test_report_page_filters_by_module_and_region(client, staff, figures, place):
    login(client, staff)
    response = client.get(
        reverse(REPORT), {"module": figures["one"].pk, "region": "europe-test", "by": "city"}
    )
    assert response.status_code == 200
    assert _table(response.context["report"]) == [
        ("Module one", "Aarhus Test", 4, 1, 1, 25),
        ("Module one", "Cork Test", 1, 0, 1, 100),
    ]


def test_report_page_refuses_a_bad_filter_with_a_message(client, staff, figures):
    login(client, staff)
    response = client.get(reverse(REPORT), {"module": "nope", "region": "atlantis"})
    assert response.status_code == 400
    errors = response.context["form"].errors.as_data()
    assert errors["module"][0].code == "invalid_choice"
    assert errors["region"][0].code == "invalid_choice"


def test_focal_point_sees_only_their_city_whatever_the_filters(client, figures, place):
    focal = UserFactory(city=place["b"], focal_point=True)
    login(client, focal)
    response = client.get(reverse(REPORT), {"region": "europe-test", "by": "region"})
    assert response.status_code == 200
    assert _table(response.context["report"]) == [
        ("Module one", "Mombasa Test", 2, 1, 1, 50),
        ("Module two", "Mombasa Test", 1, 0, 0, 0),
    ]
    assert "region" not in response.context["form"].fields
    csv_response = client.get(reverse("training:report-csv"), {"by": "region"})
    rows = list(csv.reader(io.StringIO(csv_response.content.decode())))
    assert [row[2] for row in rows[1:]] == ["Mombasa Test", "Mombasa Test"]


def test_members_who_are_not_focal_points_get_no_report(client, figures, place):
    login(client, UserFactory(city=place["a"]))
    assert client.get(reverse(REPORT)).status_code == 404
    assert client.get(reverse("training:report-csv")).status_code == 404


def test_report_csv_has_every_row_and_is_safe_in_a_spreadsheet(client, staff, place):
    module = ModuleFactory(title_en='=HYPERLINK("http://evil.example")', slug="formula")
    _enrol(place["a"], module, "completed")
    _enrol(place["a"], module, "started")
    login(client, staff)
    response = client.get(reverse("training:report-csv"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == list(
        (
            "module",
            "module_slug",
            "place",
            "place_slug",
            "enrolled",
            "not_started",
            "in_progress",
            "completed",
            "completion_rate_percent",
        )
    )
    assert rows[1] == [
        '\'=HYPERLINK("http://evil.example")',
        "formula",
        "Aarhus Test",
        "aarhus-test",
        "2",
        "0",
        "1",
        "1",
        "50",
    ]


@pytest.mark.parametrize("value", ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"])
def test_csv_cell_quotes_what_a_spreadsheet_would_run(value):
    assert reports.csv_cell(value) == "'" + value
    assert reports.csv_cell("Aarhus") == "Aarhus"
    assert reports.csv_cell(-3) == -3


def test_report_page_in_arabic_names_cities_in_arabic(client, staff, figures, place):
    login(client, staff)
    with translation.override("ar"):
        url = reverse(REPORT)
    response = client.get(url)
    assert response.status_code == 200
    assert place["a"].name_ar in response.content.decode()


def test_focal_point_report_query_budget_is_the_same_at_1_and_50_rows(client, personas_for_budget):
    personas, budget = personas_for_budget
    login(client, personas.users["focal_point_a"])
    assert_budget(
        client,
        lambda: reverse(REPORT),
        rows=lambda n: budget.rows(personas, {}, n),
        queries=budget.queries,
    )


@pytest.fixture
def personas_for_budget(city_a, city_b, member_a, member_b, focal_point_a, staff):
    from tests.kit.matrix import Personas

    users = {
        "member_a": member_a,
        "member_b": member_b,
        "focal_point_a": focal_point_a,
        "staff": staff,
    }
    return Personas(users=users, city_a=city_a, city_b=city_b), FOCAL_BUDGETS[REPORT]


def test_city_page_fact_counts_modules_completed_by_the_citys_learners(figures, place):
    training_city_facts.register()
    facts = {fact.key: fact for fact in city_facts(city=place["b"])}
    fact = facts[training_city_facts.KEY]
    assert fact.count == 1
    assert fact.label == "1 training module completed by members of this city"
    assert {f.key: f.count for f in city_facts(city=place["a"])}[training_city_facts.KEY] == 1
    _enrol(place["a"], figures["two"], "completed")
    assert {f.key: f.count for f in city_facts(city=place["a"])}[training_city_facts.KEY] == 2
