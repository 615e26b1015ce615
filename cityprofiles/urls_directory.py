"""City profiles' URLs: the directory pages (included by cityprofiles.urls)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.urls import path

from cityprofiles.views.directory import DirectoryView

if TYPE_CHECKING:
    from django.urls import URLPattern, URLResolver

urlpatterns: list[URLPattern | URLResolver] = [
    path("cities/", DirectoryView.as_view(), name="directory"),
]
