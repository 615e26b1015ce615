"""Factories for the library; documents are indexed from given page texts, no worker needed."""

from __future__ import annotations

import hashlib
import io
import itertools

import factory
from django.core.files.base import ContentFile
from django.http import QueryDict
from django.utils import timezone

from library.models import Document

_counter = itertools.count()


class DocumentFactory(factory.django.DjangoModelFactory):
    """A published, members-visible English report; `pages=[...]` indexes its text."""

    class Meta:
        model = Document
        skip_postgeneration_save = True

    title_en = factory.Sequence(lambda n: f"Report {n}")
    language = "en"
    kind = Document.Kind.REPORT
    year = 2018
    visibility = Document.Visibility.MEMBERS
    status = Document.Status.PUBLISHED
    published_at = factory.LazyFunction(timezone.now)
    original_filename = "report.txt"
    file_kind = "txt"
    file_size = 10
    sha256 = factory.LazyFunction(lambda: hashlib.sha256(str(next(_counter)).encode()).hexdigest())
    file = factory.LazyAttribute(lambda o: ContentFile(b"plain text", name="f"))
    extraction_state = Document.Extraction.INDEXED

    class Params:
        staff_only = factory.Trait(visibility=Document.Visibility.STAFF)
        for_cities = factory.Trait(visibility=Document.Visibility.CITIES)
        submitted = factory.Trait(status=Document.Status.SUBMITTED, published_at=None)
        rejected = factory.Trait(
            status=Document.Status.REJECTED,
            published_at=None,
            rejection_reason="The summary does not say which city this is about.",
        )
        draft = factory.Trait(status=Document.Status.DRAFT, published_at=None)

    @factory.post_generation
    def pages(self, create: bool, extracted: list[str] | None, **kwargs: object) -> None:
        from library.services import document_index

        if create:
            document_index(document=self, pages=extracted or [])

    @factory.post_generation
    def preview(self, create: bool, extracted: bool | None, **kwargs: object) -> None:
        """`preview=True`: a stored first-page image (WebP, 400 x 566), as the worker makes."""
        if create and extracted:
            from PIL import Image

            buffer = io.BytesIO()
            Image.new("RGB", (400, 566), "white").save(buffer, format="WEBP")
            self.preview.save("preview.webp", ContentFile(buffer.getvalue()), save=False)
            self.preview_width, self.preview_height = 400, 566
            self.save(update_fields=["preview", "preview_width", "preview_height"])

    @factory.post_generation
    def themes(self, create: bool, extracted: list | None, **kwargs: object) -> None:
        if create and extracted:
            self.themes.set(extracted)

    @factory.post_generation
    def cities(self, create: bool, extracted: list | None, **kwargs: object) -> None:
        if create and extracted:
            self.cities.set(extracted)

    @factory.post_generation
    def shared_with(self, create: bool, extracted: list | None, **kwargs: object) -> None:
        if create and extracted:
            self.shared_with.set(extracted)


def search_querydict(query: str = "", **filters: list[str]) -> QueryDict:
    """The GET data of a library search: `q` and each filter's values (theme=[...], ...)."""
    data = QueryDict(mutable=True)
    data["q"] = query
    for key, values in filters.items():
        data.setlist(key, values)
    return data
