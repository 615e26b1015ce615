"""Training's report pages (included by training.urls)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.urls import path

from training.views import reports as views

if TYPE_CHECKING:
    from django.urls import URLPattern, URLResolver

urlpatterns: list[URLPattern | URLResolver] = [
    path("reports/", views.ReportView.as_view(), name="report"),
    path("reports/csv/", views.ReportCsvView.as_view(), name="report-csv"),
]
