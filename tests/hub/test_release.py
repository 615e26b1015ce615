"""hub.generations.release: a deploy that changes what renders a kept fragment (code, a
template, a translation, the static files) changes every fragment's key."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.test import override_settings

from hub.generations import fragment_key, release

if TYPE_CHECKING:
    from pathlib import Path


def _release(root: Path) -> str:
    with override_settings(BASE_DIR=root, STATIC_ROOT=root / "staticfiles"):
        return release.__wrapped__()


def _tree(root: Path) -> None:
    for name, text in {
        "hub/views.py": "x = 1\n",
        "templates/events/_grid.html": "<td>{{ day }}</td>\n",
        "locale/ar/LC_MESSAGES/django.mo": "mo",
        "staticfiles/staticfiles.json": '{"paths": {"hub.css": "hub.1.css"}}',
        "node_modules/axe-core/index.html": "a",
        "tests/test_x.py": "def test(): pass\n",
    }.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)


def test_the_release_follows_code_templates_translations_and_static_files(tmp_path):
    _tree(tmp_path)
    first = _release(tmp_path)
    assert _release(tmp_path) == first  # the same files, the same release
    for name, text in {
        "templates/events/_grid.html": "<td class='today'>{{ day }}</td>\n",
        "hub/views.py": "x = 2\n",
        "locale/ar/LC_MESSAGES/django.mo": "mo2",
        "staticfiles/staticfiles.json": '{"paths": {"hub.css": "hub.2.css"}}',
    }.items():
        before = _release(tmp_path)
        (tmp_path / name).write_text(text)
        assert _release(tmp_path) != before, name
    (tmp_path / "templates/events/_new.html").write_text("new")
    assert _release(tmp_path) != before


def test_what_does_not_render_pages_leaves_the_release(tmp_path):
    _tree(tmp_path)
    before = _release(tmp_path)
    (tmp_path / "node_modules/axe-core/index.html").write_text("b")
    (tmp_path / "tests/test_x.py").write_text("def test(): return None\n")
    (tmp_path / ".venv").mkdir()
    (tmp_path / ".venv/site.py").write_text("y = 1\n")
    assert _release(tmp_path) == before


def test_a_new_release_changes_every_fragment_key(tmp_path):
    _tree(tmp_path)
    try:
        with override_settings(BASE_DIR=tmp_path, STATIC_ROOT=tmp_path / "staticfiles"):
            release.cache_clear()
            old = fragment_key("events.month", [1, "ar"])
            assert fragment_key("events.month", [1, "ar"]) == old
            (tmp_path / "templates/events/_grid.html").write_text("<td>{{ day|date }}</td>\n")
            release.cache_clear()  # a new deploy's processes
            new = fragment_key("events.month", [1, "ar"])
    finally:
        release.cache_clear()
    assert new != old
    assert new.startswith("events.month:")


def test_a_new_release_keeps_every_data_key_and_a_models_columns_change_it(monkeypatch):
    """Rows' values are kept under data_key: the same across a deploy (the release is not in
    it), another for models of other columns."""
    from cityprofiles.models import Challenge, Practice
    from hub import generations
    from hub.models import Theme

    old_fragment = fragment_key("cityprofiles.city_rows", [1, 7])
    old = generations.data_key("cityprofiles.city_rows", [1, 7], [Challenge, Practice])
    monkeypatch.setattr(generations, "release", lambda: "a-new-deploy")
    assert fragment_key("cityprofiles.city_rows", [1, 7]) != old_fragment
    assert generations.data_key("cityprofiles.city_rows", [1, 7], [Challenge, Practice]) == old
    assert generations.data_key("cityprofiles.city_rows", [1, 8], [Challenge, Practice]) != old
    # The columns are the models' own: other models, or the same in another order, are
    # another shape.
    assert generations.model_shape(Challenge, Practice) != generations.model_shape(Challenge)
    assert generations.model_shape(Challenge, Theme) != generations.model_shape(Theme, Challenge)
    assert generations.model_shape(Practice) == generations.model_shape.__wrapped__(Practice)
