"""Reads of working groups and their toolkits, with the reader's access applied.

A toolkit's documents pass through the library's access rule (library.selectors): an item whose
document the reader may not see is left out as if it did not exist, title and note included.
Practices are published city profile content, seen by every active account.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db.models import Prefetch
from django.http import Http404
from django.urls import NoReverseMatch, reverse
from django.utils import translation

from hub.models import City, Theme
from hub.ordering import sorted_by_name
from hub.translated import Shown, in_reader_language
from training.models import Module, Toolkit, ToolkitArchive, ToolkitItem, WorkingGroup
from training.permissions import can_learn
from training.toolkits import access_key

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from cityprofiles.models import Practice
    from hub.models import User
    from library.models import Document

MAX_SLUG_LENGTH = 80


@dataclass(frozen=True)
class ItemRow:
    """One item as the reader gets it: a document they may see, or a practice."""

    item: ToolkitItem
    note: Shown
    document: Document | None = None
    practice: Practice | None = None

    @property
    def city(self) -> City | None:
        return self.practice.profile.city if self.practice else None

    @property
    def title(self) -> Shown:
        if self.practice is not None:
            return in_reader_language(self.practice, "title")
        assert self.document is not None
        shown = in_reader_language(self.document, "title")
        return shown if shown else Shown(str(self.document.title), "", False)

    @property
    def url(self) -> str:
        """The item on the hub: the document's page, or the practice on its city's page."""
        if self.practice is not None:
            city = reverse("cityprofiles:city", kwargs={"slug": self.practice.profile.city.slug})
            return f"{city}#practice-{self.practice.key}"
        assert self.document is not None
        return reverse("library:document-detail", kwargs={"pk": self.document.pk})


@dataclass(frozen=True)
class Section:
    code: str
    label: str
    rows: list[ItemRow]


@dataclass(frozen=True)
class ToolkitPage:
    group: WorkingGroup
    toolkit: Toolkit | None
    name: Shown
    description: Shown
    introduction: Shown
    themes: list[Theme]
    lead_cities: list[City]
    sections: list[Section]
    modules: list[tuple[Module, str]]
    document_ids: list[int]
    access_key: str
    archive: ToolkitArchive | None

    @property
    def is_empty(self) -> bool:
        return not any(section.rows for section in self.sections)


def _groups() -> Any:
    # Themes and lead cities in the reader's alphabetical order (ICU collation, in the query).
    themes: Any = Prefetch("themes", queryset=sorted_by_name(Theme.objects.all()))
    cities: Any = Prefetch("lead_cities", queryset=sorted_by_name(City.objects.all()))
    return WorkingGroup.objects.prefetch_related(themes, cities)


def working_group_list(*, user: User | AnonymousUser) -> list[WorkingGroup]:
    """Every working group, in the curators' order, with its themes and lead cities (reader's
    alphabetical order) and `item_count` (0 without a toolkit). Three queries; none for
    someone who may not read toolkits."""
    from django.db.models import Count

    if not can_learn(user):
        return []
    return list(_groups().annotate(item_count=Count("toolkit__items")))


def working_group_get_for_user(*, user: User | AnonymousUser, slug: Any) -> WorkingGroup:
    """The working group of `slug` with its toolkit (or None), themes and lead cities.
    Http404 when there is none or the reader may not read toolkits."""
    if not can_learn(user) or not isinstance(slug, str) or len(slug) > MAX_SLUG_LENGTH:
        raise Http404
    try:
        group: WorkingGroup = _groups().select_related("toolkit").get(slug=slug)
    except WorkingGroup.DoesNotExist as exc:
        raise Http404 from exc
    return group


def toolkit_of(group: WorkingGroup) -> Toolkit | None:
    try:
        return group.toolkit
    except Toolkit.DoesNotExist:
        return None


def toolkit_visible_documents(
    *, user: User | AnonymousUser, toolkit: Toolkit, document_ids: list[int] | None = None
) -> dict[int, Document]:
    """The published documents of `toolkit` that `user` may see, by id (library's access rule).
    `document_ids`: the ids its items point at, when the caller has read them already. One
    query (two without `document_ids`; none when the toolkit has no document)."""
    from library import selectors as library

    if document_ids is None:
        document_ids = list(
            ToolkitItem.objects.filter(toolkit=toolkit, document__isnull=False).values_list(
                "document_id", flat=True
            )
        )
    return library.document_list_visible_among(user=user, ids=sorted(set(document_ids)))


def toolkit_access_key(*, user: User | AnonymousUser, toolkit: Toolkit) -> tuple[str, list[int]]:
    """The reader's access key for `toolkit` now, and the sorted ids it is made of."""
    ids = sorted(toolkit_visible_documents(user=user, toolkit=toolkit))
    return access_key(ids), ids


def _module_url(module: Module) -> str:
    # The module pages belong to the learning area; until it is mounted, a module is listed
    # without a link.
    try:
        return reverse("training:module-detail", kwargs={"slug": module.slug})
    except NoReverseMatch:
        return ""


def _items(*, user: User | AnonymousUser, toolkit: Toolkit) -> tuple[list[Section], list[int]]:
    """The four sections in order with the items the reader may see; the visible ids."""
    from cityprofiles.models import Practice

    items = list(ToolkitItem.objects.filter(toolkit=toolkit).order_by("section", "position", "pk"))
    documents = toolkit_visible_documents(
        user=user,
        toolkit=toolkit,
        document_ids=[item.document_id for item in items if item.document_id],
    )
    practice_ids = [item.practice_id for item in items if item.practice_id]
    practices = (
        {
            practice.pk: practice
            for practice in Practice.objects.visible_to(user)
            .filter(pk__in=practice_ids)
            .select_related("profile__city")
            .only(
                "pk",
                "key",
                "source_language",
                *(f"title_{code}" for code in ("en", "fr", "ar")),
                "title",
                "profile__city__slug",
                "profile__city__name",
                "profile__city__name_en",
                "profile__city__name_fr",
                "profile__city__name_ar",
            )
        }
        if practice_ids
        else {}
    )
    by_section: dict[str, list[ItemRow]] = {
        code: [] for code, _label in ToolkitItem.Section.choices
    }
    for item in items:
        note = in_reader_language(item, "note")
        if item.document_id and item.document_id in documents:
            row = ItemRow(item=item, note=note, document=documents[item.document_id])
        elif item.practice_id and item.practice_id in practices:
            row = ItemRow(item=item, note=note, practice=practices[item.practice_id])
        else:
            continue
        by_section.setdefault(item.section, []).append(row)
    sections = [
        Section(code=code, label=str(label), rows=by_section[code])
        for code, label in ToolkitItem.Section.choices
    ]
    return sections, sorted(documents)


def toolkit_page(*, user: User | AnonymousUser, slug: Any) -> ToolkitPage:
    """The working group's page: its translated name, description, themes, lead cities, the
    toolkit's four sections with the items the reader may see, the group's published modules,
    and the reader's archive of the current version in their language, if they asked for one.
    Http404 as working_group_get_for_user. A fixed number of queries, whatever the items."""
    group = working_group_get_for_user(user=user, slug=slug)
    toolkit = toolkit_of(group)
    if toolkit is not None:
        sections, ids = _items(user=user, toolkit=toolkit)
    else:
        sections = [
            Section(code=code, label=str(label), rows=[])
            for code, label in ToolkitItem.Section.choices
        ]
        ids = []
    key = access_key(ids)
    archive = None
    if toolkit is not None:
        archive = ToolkitArchive.objects.filter(
            toolkit=toolkit,
            version=toolkit.version,
            language=translation.get_language(),
            access_key=key,
        ).first()
    modules = [
        (module, _module_url(module))
        for module in Module.objects.visible_to(user)
        .published()
        .filter(working_group=group)
        .only("pk", "slug", "title", "title_en", "title_fr", "title_ar", "position")
    ]
    return ToolkitPage(
        group=group,
        toolkit=toolkit,
        name=in_reader_language(group, "name"),
        description=in_reader_language(group, "description"),
        introduction=in_reader_language(toolkit, "introduction")
        if toolkit
        else Shown("", "", False),
        themes=list(group.themes.all()),
        lead_cities=list(group.lead_cities.all()),
        sections=sections,
        modules=modules,
        document_ids=ids,
        access_key=key,
        archive=archive,
    )


def toolkit_archive_get_for_user(*, user: User | AnonymousUser, pk: Any) -> ToolkitArchive:
    """An archive `user` may follow and download: one of a toolkit whose documents they may see
    exactly as the archive holds them (its access key is the reader's current key). Http404
    otherwise, as for an archive that does not exist: another reader class's archive is not
    theirs to know about."""
    if not can_learn(user):
        raise Http404
    try:
        archive: ToolkitArchive = ToolkitArchive.objects.select_related(
            "toolkit__working_group"
        ).get(pk=int(pk))
    except (ToolkitArchive.DoesNotExist, ValueError, TypeError, OverflowError) as exc:
        raise Http404 from exc
    key, _ids = toolkit_access_key(user=user, toolkit=archive.toolkit)
    if key != archive.access_key:
        raise Http404
    return archive


def archive_documents(ids: list[int]) -> list[Document]:
    """The documents of an archive that are still published, with what the build reads: their
    files, kinds and titles. The ids were checked against the reader's access when the archive
    was asked for, and a download checks the reader's key again. One query."""
    from library.models import Document

    return list(
        Document.objects.published()
        .filter(pk__in=ids)
        .only("pk", "title", "title_en", "title_fr", "title_ar", "file", "file_kind", "file_size")
        .order_by("pk")
    )


def archive_practices(ids: list[int]) -> dict[int, Practice]:
    """The practices of an archive's toolkit by id, with their city. One query."""
    from cityprofiles.models import Practice

    return {
        practice.pk: practice
        for practice in Practice.objects.filter(pk__in=ids).select_related("profile__city")
    }
