"""The permission matrix: every URL of every project app, requested as every kind of person.

An app declares, in ``tests/<app>/matrix.py``, a module-level ``MATRIX = AppMatrix(...)``: the
expected status of each (URL name, object, method) for each persona, the objects its URLs need
(built from the personas), and the query budget of each page. ``tests/test_matrix.py`` finds
these modules by itself, runs them, and fails for any URL of a project app (or admin page of one
of its models) that no matrix covers.
"""

from __future__ import annotations

import importlib
import importlib.util
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.apps import apps
from django.conf import settings
from django.contrib import admin
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.conftest import login

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

PERSONAS = ("anonymous", "applicant", "member_a", "member_b", "focal_point_a", "staff")
R = "redirect"  # 302 to somewhere else (the login page for anonymous people)

Expected = dict[str, "int | str"]
Key = tuple[str, "str | None", str]  # (URL name, object key or None, method)


def codes(
    anonymous: int | str,
    applicant: int | str,
    member_a: int | str,
    member_b: int | str,
    focal_point_a: int | str,
    staff: int | str,
) -> Expected:
    """The expected status per persona, in PERSONAS order; R for a redirect."""
    return dict(
        zip(PERSONAS, (anonymous, applicant, member_a, member_b, focal_point_a, staff), strict=True)
    )


@dataclass(frozen=True)
class Personas:
    """The people of the matrix (anonymous and applicant have no account) and their cities."""

    users: dict[str, Any]
    city_a: Any
    city_b: Any


@dataclass(frozen=True)
class Budget:
    """The query budget of one page, the same at 1 row and at 50.

    `rows(personas, objects, n)` adds n rows of what the page lists (called with 1, then with
    49); `target(objects)` gives the URL's kwargs; `query` is appended to the URL.
    """

    queries: int
    rows: Callable[[Personas, dict[str, Any], int], object]
    persona: str = "member_a"
    target: Callable[[dict[str, Any]], dict[str, Any]] | None = None
    query: str = ""


@dataclass(frozen=True)
class AppMatrix:
    """One app's part of the matrix.

    `objects(personas)` builds what the URLs point at, by key (e.g. "doc_b": a document only
    city B may see). `data` holds the POST data of a URL name. `budgets` maps URL names of
    pages to their query budget.
    """

    app: str
    entries: dict[Key, Expected]
    objects: Callable[[Personas], dict[str, Any]] = lambda personas: {}
    data: dict[str, dict[str, str]] = field(default_factory=dict)
    budgets: dict[str, Budget] = field(default_factory=dict)
    # URL names outside the app's namespace that it answers for (allauth's, the admin's).
    also_covers: frozenset[str] = frozenset()


def project_apps() -> list[str]:
    """The project's own apps: those whose code lives in the repository."""
    root = str(settings.BASE_DIR)
    return [
        config.label
        for config in apps.get_app_configs()
        if str(config.path).startswith(root) and ".venv" not in str(config.path)
    ]


def matrices() -> dict[str, AppMatrix]:
    """Every ``tests/<app>/matrix.py`` of the project apps, by app."""
    found = {}
    for app in project_apps():
        name = f"tests.{app}.matrix"
        if importlib.util.find_spec(f"tests.{app}") and importlib.util.find_spec(name):
            found[app] = importlib.import_module(name).MATRIX
    return found


def _walk(patterns: list[Any], namespace: str = "") -> Iterator[tuple[str, URLPattern]]:
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _walk(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}{pattern.name}", pattern


def url_names_of(app: str) -> set[str]:
    """The names of the URLs whose views an app's code defines, and the admin pages (lists) of
    the app's models: found from the URL configuration, never listed by hand."""
    names = set()
    for name, pattern in _walk(get_resolver().url_patterns):
        view = getattr(pattern.callback, "view_class", pattern.callback)
        if view.__module__.split(".")[0] == app:
            names.add(name)
    for model in admin.site._registry:
        if model._meta.app_label == app:
            names.add(f"admin:{app}_{model._meta.model_name}_changelist")
    return names


def client_for(persona: str, personas: Personas) -> Client:
    """A test client logged in as `persona`; the applicant (who has asked for access and has
    no account yet) and the anonymous visitor are not logged in."""
    client = Client()
    if persona not in {"anonymous", "applicant"}:
        login(client, personas.users[persona])
    return client


def run(matrix: AppMatrix, personas: Personas, objects: dict[str, Any], persona: str) -> list[str]:
    """Request every entry of `matrix` as `persona`; returns what did not go as expected."""
    failures = []
    for (name, obj, method), expected in matrix.entries.items():
        client = client_for(persona, personas)
        # An object is a row (its pk is the URL's `pk`) or a dict of the URL's kwargs ({"slug"}).
        target = objects[obj] if obj else None
        kwargs = target if isinstance(target, dict) else {"pk": target.pk} if target else {}
        url = reverse(name, kwargs=kwargs)
        response = getattr(client, method)(url, matrix.data.get(name, {}))
        want, got = expected[persona], response.status_code
        ok = got == 302 if want == R else got == want
        if ok and want == R:
            location = response["Location"]
            if name.startswith("admin:") and persona != "staff":
                ok = location.startswith(("/en/admin/login/", "/en/accounts/login/"))
            elif persona in {"anonymous", "applicant"} and name != "hub:language-set":
                ok = "/accounts/login/" in location
        if not ok:
            failures.append(f"{method.upper()} {url}: expected {want}, got {got}")
    return failures


def gathered(app: str, areas: tuple[str, ...]) -> AppMatrix:
    """An app's matrix gathered from its areas: each keeps its entries in
    ``tests/<app>/matrix_<area>.py`` with ``objects(personas)`` (a dict; keys prefixed by the
    area), ``ENTRIES``, ``BUDGETS`` and ``DATA``. An area not written yet is skipped."""
    parts = [
        importlib.import_module(f"tests.{app}.matrix_{area}")
        for area in areas
        if importlib.util.find_spec(f"tests.{app}.matrix_{area}")
    ]

    def objects(personas: Personas) -> dict[str, Any]:
        found: dict[str, Any] = {}
        for part in parts:
            found.update(part.objects(personas))
        return found

    return AppMatrix(
        app=app,
        objects=objects,
        entries={key: value for part in parts for key, value in part.ENTRIES.items()},
        data={key: value for part in parts for key, value in getattr(part, "DATA", {}).items()},
        budgets={key: value for part in parts for key, value in part.BUDGETS.items()},
    )
