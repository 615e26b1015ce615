"""City profiles' URLs: the city pages (included by cityprofiles.urls)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.urls import path

from cityprofiles.views import city

if TYPE_CHECKING:
    from django.urls import URLPattern, URLResolver

urlpatterns: list[URLPattern | URLResolver] = [
    path("cities/<slug:slug>/", city.CityDetailView.as_view(), name="city"),
]
