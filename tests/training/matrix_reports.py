"""Reports' and the admin's part of the training matrix.

The completion report is for staff (every city) and a city's focal point (their city); other
members get a 404 (their progress is on their own pages). The admin of modules, lessons,
quizzes and scenarios is for staff only.
"""

from __future__ import annotations

from tests.hub.factories import CityFactory, UserFactory
from tests.kit.matrix import Budget, R, codes
from tests.training.factories import EnrolmentFactory, ModuleFactory, module_with_lessons


def objects(personas):
    users = personas.users
    module = module_with_lessons(slug="reports-module")
    EnrolmentFactory(user=users["member_a"], module=module)
    EnrolmentFactory(user=users["member_b"], module=module)
    return {"reports_module": module}


def _city_rows(personas, objects, n):
    """n more (module, city) rows: a learner of a new city in a new module each."""
    for _ in range(n):
        EnrolmentFactory(user=UserFactory(city=CityFactory()), module=ModuleFactory())


def _own_city_rows(personas, objects, n):
    """n more rows of the focal point's city: its members in n new modules."""
    for _ in range(n):
        EnrolmentFactory(user=UserFactory(city=personas.city_a), module=ModuleFactory())


REPORT = "training:report"
CSV = "training:report-csv"
ENROL = "admin:training_module_enrol_city"
ADMIN = R  # not staff: the admin's login page

ENTRIES = {
    (REPORT, None, "get"): codes(R, R, 404, 404, 200, 200),
    (CSV, None, "get"): codes(R, R, 404, 404, 200, 200),
    ("admin:training_module_changelist", None, "get"): codes(R, R, R, R, R, 200),
    ("admin:training_lesson_changelist", None, "get"): codes(R, R, R, R, R, 200),
    ("admin:training_quiz_changelist", None, "get"): codes(R, R, R, R, R, 200),
    ("admin:training_question_changelist", None, "get"): codes(R, R, R, R, R, 200),
    ("admin:training_scenario_changelist", None, "get"): codes(R, R, R, R, R, 200),
    (ENROL, "reports_module", "get"): codes(R, R, R, R, R, 200),
    # Writes, last: city A's members are enrolled (DATA), then staff are sent to the module.
    (ENROL, "reports_module", "post"): codes(R, R, R, R, R, R),
}

DATA = {ENROL: {"city": "aarhus-test"}}

# Every member page reads the user (the session comes from Redis); then, per page:
BUDGETS = {
    # + the modules, the regions (filter), the cities (their order), one page of the grouped
    # figures with their number and totals
    REPORT: Budget(5, _city_rows, persona="staff"),
    # + the modules, the cities, every grouped figure
    CSV: Budget(4, _city_rows, persona="staff"),
}
FOCAL_BUDGETS = {
    # + the focal point's city, the modules, their city's figures (no region filter)
    REPORT: Budget(4, _own_city_rows, persona="focal_point_a"),
}
