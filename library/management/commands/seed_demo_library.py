"""`manage.py seed_demo_library`: the demo library, about 200 real PDF and DOCX files in three
languages (library.demo_library), and a few contributions from the demo accounts to review.

Demo only: refused unless DEBUG is on. Every title starts with "DEMO" and every file opens with
a notice that it is not a real document. Files are generated at seed time into the media
storage, imported through the same services as real documents and extracted by the worker.
Idempotent: documents already there (by their demo file name, or the same file) are skipped
without generating their file again.
"""

from __future__ import annotations

import logging
import os
import time
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from hub.models import City, Region, Theme, User
from library.demo_library import (
    COUNT,
    FILENAME_PREFIX,
    DemoCity,
    DemoDocument,
    demo_file,
    demo_plan,
)
from library.models import Document
from library.services import (
    DuplicateDocument,
    document_contribute,
    document_import,
    document_reject,
)

if TYPE_CHECKING:
    from collections.abc import Iterator

DEMO_DOMAIN = "demo.scn.invalid"  # hub's seed_demo accounts
# Fewer files than this are made here: starting other processes would cost more.
_POOL_FROM = 12


class Command(BaseCommand):
    help = "Create the clearly-marked demo library in English, French and Arabic (DEBUG only)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--count",
            type=int,
            default=COUNT,
            help=f"how many library documents (default {COUNT}), besides the contributions",
        )

    def handle(self, *args: Any, count: int = COUNT, **options: Any) -> None:
        if not settings.DEBUG:
            raise CommandError("seed_demo_library is for development only: DEBUG is off.")
        if count < 0:
            raise CommandError("--count cannot be negative.")
        # fontTools logs a line per font table it subsets: noise in `make run`'s output.
        logging.getLogger("fontTools").setLevel(logging.WARNING)
        started = time.monotonic()
        cities = [
            DemoCity(slug=slug, names=(name_en, name_fr or "", name_ar or ""), region=r, country=c)
            for slug, name_en, name_fr, name_ar, r, c in City.objects.order_by("slug").values_list(
                "slug",
                "name_en",
                "name_fr",
                "name_ar",
                "country__region__slug",
                "country__iso_code",
            )
        ]
        if not cities:
            raise CommandError("Load the SCN data first: manage.py load_scn_data")
        themes = {theme.slug: theme for theme in Theme.objects.all()}
        plan = demo_plan(cities=cities, themes=list(themes), now=timezone.now(), count=count)
        present = set(
            Document.objects.filter(original_filename__startswith=FILENAME_PREFIX).values_list(
                "original_filename", flat=True
            )
        )
        accounts = {
            user.email.split("@")[0]: user
            for user in User.objects.filter(email__endswith=f"@{DEMO_DOMAIN}")
        }
        curator = accounts.get("curator")
        city_objects = {city.slug: city for city in City.objects.all()}
        regions = {region.slug: region for region in Region.objects.all()}
        todo = [
            item
            for item in plan
            if item.filename not in present
            # Without the demo accounts (seed_demo not run) there is no one to contribute.
            and (item.contribution is None or item.contribution.contributor in accounts)
        ]
        created = contributed = 0
        for item, content in zip(todo, _files(todo), strict=True):
            data = _data(item, themes=themes, cities=city_objects, regions=regions)
            upload = SimpleUploadedFile(item.filename, content)
            try:
                if item.contribution is None:
                    document_import(uploaded_file=upload, data=data, added_at=item.added_at)
                    created += 1
                    continue
                document = document_contribute(
                    by=accounts[item.contribution.contributor], uploaded_file=upload, data=data
                )
            except DuplicateDocument:
                continue
            if item.contribution.reason and curator is not None:
                document_reject(document=document, by=curator, reason=item.contribution.reason)
            contributed += 1
        self.stdout.write(
            f"Demo library: {created} documents and {contributed} contributions created "
            f"({len(plan) - created - contributed} already there) in "
            f"{time.monotonic() - started:.1f} s"
            + ("; the worker extracts them." if created or contributed else ".")
        )


def _files(items: list[DemoDocument]) -> Iterator[bytes]:
    """The files of `items`, in order, made in other processes while this one stores them.

    Pure work (library.demo_library needs no Django), so the children start fresh ("spawn")
    rather than forking this process and its database connection.
    """
    if len(items) < _POOL_FROM:
        yield from map(demo_file, items)
        return
    workers = max(1, min(4, os.cpu_count() or 1))
    with ProcessPoolExecutor(max_workers=workers, mp_context=get_context("spawn")) as pool:
        yield from pool.map(demo_file, items, chunksize=4)


def _data(
    item: DemoDocument,
    *,
    themes: dict[str, Theme],
    cities: dict[str, City],
    regions: dict[str, Region],
) -> dict[str, Any]:
    """What the library's services take of a planned document."""
    return {
        **{f"title_{code}": title for code, title in item.titles.items()},
        **{f"summary_{code}": summary for code, summary in item.summaries.items()},
        "language": item.language,
        "kind": item.kind,
        "year": item.year,
        "publisher": item.publisher,
        "visibility": item.visibility,
        "work": item.work,
        "themes": [themes[slug] for slug in item.themes if slug in themes],
        "cities": [cities[slug] for slug in item.cities if slug in cities],
        "regions": [regions[slug] for slug in item.regions if slug in regions],
        "shared_with": [cities[slug] for slug in item.shared_with if slug in cities],
    }
