"""The city page keeps its documents from the library, rendered, outside transactions
(cityprofiles.views.city.documents_section), under a key exact for what the reader may see:
readers who see different documents never share an entry, and every write to what the list
shows, by any path, shows at once."""

from __future__ import annotations

import csv

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cityprofiles import selectors
from cityprofiles.views.city import _documents_key, documents_section
from hub.models import City
from library import samples, services
from library.models import DOCUMENT_LANGUAGES, Document
from library.selectors import document_list_about_city_key
from tests.cityprofiles.factories import profile_of
from tests.cityprofiles.test_city_page_cache import _get
from tests.conftest import login
from tests.hub.factories import CityFactory, UserFactory
from tests.library.factories import DocumentFactory
from tests.library.test_import import HEADER
from tests.library.test_write_paths import _admin_form_data

pytestmark = pytest.mark.django_db(transaction=True)

SECTION = '<section aria-labelledby="documents-heading">'


@pytest.fixture
def town():
    city = CityFactory(name_en="Kestrel", name_fr="Crécerelle")
    profile_of(city, overview_en="A port city.")
    neighbour = CityFactory(name_en="Osprey")
    reader = UserFactory(city=neighbour, name="Reader of Osprey")
    plan = DocumentFactory(
        title_en="Kestrel youth plan",
        title_fr="Plan jeunesse de Kestrel",
        cities=[city, neighbour],
        year=2019,
    )
    return {"city": city, "neighbour": neighbour, "reader": reader, "plan": plan}


def _documents(client, city, language: str = "en") -> str:
    """The documents section of the city's page as the logged-in reader gets it."""
    html = _get(client, city, language)
    start = html.index(SECTION)
    return html[start : html.index("</section>", start)]


def test_documents_are_read_from_the_cache_the_second_time(client, town, settings):
    login(client, town["reader"])
    settings.HUB_CITY_PAGE_CACHE_SECONDS = 0
    _get(client, town["city"])
    off = _get(client, town["city"])
    uncached = _get.queries  # type: ignore[attr-defined]
    settings.HUB_CITY_PAGE_CACHE_SECONDS = 3600
    assert _get(client, town["city"]) == off  # fills the cache
    second = _get(client, town["city"])
    # The challenges and practices (two queries: there is no theme to read) and the library's
    # four (the documents, their rows, cities, languages) are not read; whether the reader has
    # a published contribution (the key) is.
    assert _get.queries == uncached - 2 - 4 + 1  # type: ignore[attr-defined]
    assert second == off
    assert "Kestrel youth plan" in second


def test_pages_are_the_same_with_the_cache_as_without_for_every_reader_and_language(
    client, town, settings, staff
):
    city = town["city"]
    DocumentFactory(title_en="Kestrel schools report", cities=[city], preview=True)
    DocumentFactory(title_fr="Rapport de Kestrel", language="fr", cities=[city], for_cities=True)
    author = UserFactory(city=CityFactory(name_en="Heron"), name="Author")
    DocumentFactory(
        title_en="Kestrel notes of the author",
        cities=[city],
        staff_only=True,
        contributed_by=author,
    )
    readers = [town["reader"], UserFactory(city=city), author, staff]
    for reader in readers:
        login(client, reader)
        for language in ("en", "fr", "ar"):
            settings.HUB_CITY_PAGE_CACHE_SECONDS = 0
            off = _get(client, city, language)
            settings.HUB_CITY_PAGE_CACHE_SECONDS = 3600
            assert _get(client, city, language) == off
            assert _get(client, city, language) == off  # from the cache
    login(client, author)
    assert "Kestrel notes of the author" in _documents(client, city)
    assert 'class="preview preview--thumb"' in _documents(client, city)


def test_readers_who_may_see_different_documents_never_share_an_entry(client, town, staff):
    city, neighbour = town["city"], town["neighbour"]
    # For the named cities only: the neighbour contributed it (its members see it).
    DocumentFactory(
        title_en="Kestrel exchange notes",
        cities=[city],
        for_cities=True,
        contributing_city=neighbour,
    )
    # Staff only, but the author's own: the author sees it, nobody else of their city does.
    author = UserFactory(city=neighbour, name="Author of Osprey")
    DocumentFactory(
        title_en="Kestrel draft of the author",
        cities=[city],
        staff_only=True,
        contributed_by=author,
    )
    DocumentFactory(title_en="Kestrel staff review", cities=[city], staff_only=True)
    stranger = UserFactory(city=CityFactory(name_en="Heron"))
    colleague = UserFactory(city=neighbour)
    seen = {}
    # Each fills its entry or reads one, in turn, twice: the first reader's entry never
    # answers a reader who may see less.
    for _round in range(2):
        for name, user in (
            ("reader", town["reader"]),
            ("stranger", stranger),
            ("author", author),
            ("colleague", colleague),
            ("staff", staff),
        ):
            login(client, user)
            html = _documents(client, city)
            assert seen.setdefault(name, html) == html
    has = {name: {t for t in TITLES if t in html} for name, html in seen.items()}
    assert has["reader"] == has["colleague"] == {"Kestrel youth plan", "Kestrel exchange notes"}
    assert has["stranger"] == {"Kestrel youth plan"}
    assert has["author"] == {
        "Kestrel youth plan",
        "Kestrel exchange notes",
        "Kestrel draft of the author",
    }
    assert has["staff"] == set(TITLES)


TITLES = (
    "Kestrel youth plan",
    "Kestrel exchange notes",
    "Kestrel draft of the author",
    "Kestrel staff review",
)


def test_the_key_is_shared_exactly_by_readers_who_see_the_same_documents(town, staff):
    city, neighbour = town["city"], town["neighbour"]

    def key(user, generation=7):
        return document_list_about_city_key(user=user, city_id=city.pk, generation=generation)

    colleague = UserFactory(city=neighbour)
    author = UserFactory(city=neighbour)
    assert key(town["reader"]) == key(colleague) == key(author)
    assert key(town["reader"]) != key(UserFactory(city=CityFactory()))
    assert key(staff) == key(UserFactory(staff=True, with_totp=True))
    assert key(staff) != key(town["reader"])
    assert key(town["reader"]) != key(town["reader"], generation=8)
    # Once a contribution of theirs is published, the author's own; not before.
    waiting = DocumentFactory(contributed_by=author, submitted=True)
    assert key(author) == key(colleague)
    services.document_publish(document=waiting, by=staff)
    assert key(author) != key(colleague)
    assert key(colleague) == key(town["reader"])


def _section_context(page) -> dict:
    return {
        "page": page,
        "city": page.city,
        "library_url": "/library/",
        "document_language_names": dict(DOCUMENT_LANGUAGES),
    }


def test_a_list_read_after_a_write_is_not_kept_under_the_generation_before_it(town, settings):
    settings.HUB_CITY_PAGE_CACHE_SECONDS = 3600
    reader, city = town["reader"], town["city"]
    page = selectors.city_page(user=reader, slug=city.slug)
    key = _documents_key(page, reader)
    assert key is not None
    documents_section(page, _section_context(page), reader)
    assert cache.get(key) is not None  # kept: nothing was written in between
    cache.clear()  # the section, and the list's values it was rendered from
    page, again = (selectors.city_page(user=reader, slug=city.slug) for _ in range(2))
    key = _documents_key(page, reader)
    # Written after the city (and its generation) was read, before the list is: what is read
    # shows it, and is kept neither as the section nor as the list's values under the
    # generation before it (another page read under it reads the documents again).
    DocumentFactory(title_en="Kestrel late report", cities=[city])
    assert "Kestrel late report" in documents_section(page, _section_context(page), reader)
    assert cache.get(key) is None
    with CaptureQueriesContext(connection) as captured:
        assert "Kestrel late report" in documents_section(again, _section_context(again), reader)
    assert [q for q in captured.captured_queries if '"library_document"."id"' in q["sql"]]


def test_documents_are_rendered_again_after_every_write_to_what_they_show(
    client, town, staff, settings, tmp_path
):
    city, neighbour, plan = town["city"], town["neighbour"], town["plan"]
    reader = town["reader"]
    login(client, reader)
    assert "Kestrel youth plan" in _documents(client, city)
    # A plain save, a queryset update(): the title.
    DocumentFactory(title_en="Kestrel football league", cities=[city])
    assert "Kestrel football league" in _documents(client, city)
    Document.objects.filter(pk=plan.pk).update(title_en="Kestrel plan for young people")
    html = _documents(client, city)
    assert "Kestrel plan for young people" in html
    assert "Kestrel youth plan" not in html
    # The thumbnail (not in the search rows): appears, and goes.
    Document.objects.filter(pk=plan.pk).update(
        preview="documents/preview.webp", preview_width=400, preview_height=566
    )
    assert 'class="preview preview--thumb"' in _documents(client, city)
    Document.objects.filter(pk=plan.pk).update(preview="", preview_width=None, preview_height=None)
    assert 'class="preview preview--thumb"' not in _documents(client, city)
    # Another language version of its work (`work`, not in the search rows either).
    version = DocumentFactory(title_fr="Plan pour les jeunes", language="fr")
    assert 'lang="fr"' not in _documents(client, city)
    Document.objects.filter(pk=version.pk).update(work=plan.work)
    assert 'lang="fr"' in _documents(client, city)
    # A city it is about, renamed (the taxonomy).
    City.objects.filter(pk=neighbour.pk).update(name_en="Osprey Bay")
    assert "Osprey Bay" in _documents(client, city)
    # No longer about the city; about it again.
    plan.cities.remove(city)
    assert "Kestrel plan for young people" not in _documents(client, city)
    plan.cities.add(city)
    assert "Kestrel plan for young people" in _documents(client, city)
    # Shared with the reader's city only: shown to them once shared.
    shared = DocumentFactory(title_en="Kestrel shared notes", cities=[city], for_cities=True)
    assert "Kestrel shared notes" not in _documents(client, city)
    shared.shared_with.add(neighbour)
    assert "Kestrel shared notes" in _documents(client, city)
    # For staff only now: gone for the member.
    Document.objects.filter(pk=shared.pk).update(visibility=Document.Visibility.STAFF)
    assert "Kestrel shared notes" not in _documents(client, city)
    # The services: published, deleted.
    waiting = DocumentFactory(title_en="Kestrel waiting report", cities=[city], submitted=True)
    assert "Kestrel waiting report" not in _documents(client, city)
    services.document_publish(document=waiting, by=staff)
    assert "Kestrel waiting report" in _documents(client, city)
    services.document_delete(document=Document.objects.get(pk=waiting.pk), by=staff)
    assert "Kestrel waiting report" not in _documents(client, city)
    # The admin.
    login(client, staff)
    document = Document.objects.get(pk=plan.pk)
    response = client.post(
        reverse("admin:library_document_change", args=[plan.pk]),
        _admin_form_data(document, staff, title_en="Kestrel plan, revised"),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    login(client, reader)
    assert "Kestrel plan, revised" in _documents(client, city)
    # The import command.
    (tmp_path / "strategy.pdf").write_bytes(samples.pdf_bytes(["Kestrel strategy."]))
    manifest = tmp_path / "manifest.csv"
    with manifest.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(HEADER)
        writer.writerow(
            [
                "strategy.pdf",
                "Kestrel imported strategy",
                "",
                "",
                "en",
                "strategy",
                "2020",
                "",
                city.slug,
                "members",
            ]
        )
    call_command("import_documents", str(manifest))
    assert "Kestrel imported strategy" in _documents(client, city)
    # In another language: the French titles.
    assert "Plan jeunesse de Kestrel" in _documents(client, city, "fr")


def test_after_a_deploy_the_documents_are_rendered_again_from_the_kept_list(
    client, town, monkeypatch
):
    """A deploy (a new release) finds no rendered section, but the list's values it was
    rendered from (library.selectors.document_list_about_city, kept under the model's
    columns): the same section in every language without reading the library, and a write to
    the library is shown at once."""
    from hub import generations

    login(client, town["reader"])
    first = {language: _get(client, town["city"], language) for language in ("en", "fr", "ar")}
    monkeypatch.setattr(generations, "release", lambda: "the-next-deploy")
    for language, html in first.items():
        with CaptureQueriesContext(connection) as captured:
            assert _get(client, town["city"], language) == html
        # Neither their ids, nor the documents, their cities or their languages.
        lists = ('SELECT "library_document".', "SELECT dc.document_id", "SELECT DISTINCT d.work")
        read = [q["sql"] for q in captured.captured_queries]
        assert not [sql for sql in read if sql.startswith(lists)], language
    DocumentFactory(title_en="Kestrel report after the deploy", cities=[town["city"]])
    monkeypatch.setattr(generations, "release", lambda: "and-the-one-after")
    assert "Kestrel report after the deploy" in _get(client, town["city"])
