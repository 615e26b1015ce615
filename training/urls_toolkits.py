"""Training's URLs for working groups and their toolkits (included by training.urls)."""

from __future__ import annotations

from django.urls import path

from training.views import toolkits

urlpatterns = [
    path("groups/", toolkits.WorkingGroupListView.as_view(), name="workinggroup-list"),
    path("groups/<slug:slug>/", toolkits.ToolkitDetailView.as_view(), name="toolkit-detail"),
    path(
        "groups/<slug:slug>/archive/",
        toolkits.ToolkitArchiveRequestView.as_view(),
        name="toolkit-archive-request",
    ),
    path(
        "toolkit-archives/<int:pk>/",
        toolkits.ToolkitArchiveStatusView.as_view(),
        name="toolkit-archive-status",
    ),
    path(
        "toolkit-archives/<int:pk>/download/",
        toolkits.ToolkitArchiveDownloadView.as_view(),
        name="toolkit-archive-download",
    ),
]
