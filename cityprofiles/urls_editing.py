"""City profiles' URLs: the editing pages (included by cityprofiles.urls)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.urls import path

from cityprofiles.views import editing as views

if TYPE_CHECKING:
    from django.urls import URLPattern, URLResolver

urlpatterns: list[URLPattern | URLResolver] = [
    path("cities/<slug:slug>/edit/", views.DraftDetailView.as_view(), name="draft-detail"),
    path(
        "cities/<slug:slug>/edit/profile/",
        views.DraftProfileView.as_view(),
        name="draft-profile",
    ),
    path(
        "cities/<slug:slug>/edit/challenges/new/",
        views.DraftChallengeView.as_view(),
        name="draft-challenge-create",
    ),
    path(
        "cities/<slug:slug>/edit/challenges/<uuid:key>/",
        views.DraftChallengeView.as_view(),
        name="draft-challenge-update",
    ),
    path(
        "cities/<slug:slug>/edit/challenges/<uuid:key>/remove/",
        views.DraftChallengeDeleteView.as_view(),
        name="draft-challenge-delete",
    ),
    path(
        "cities/<slug:slug>/edit/network/",
        views.DraftNetworkView.as_view(),
        name="draft-network",
    ),
    path(
        "cities/<slug:slug>/edit/network/remove/",
        views.DraftNetworkDeleteView.as_view(),
        name="draft-network-delete",
    ),
    path(
        "cities/<slug:slug>/edit/practices/new/",
        views.DraftPracticeView.as_view(),
        name="draft-practice-create",
    ),
    path(
        "cities/<slug:slug>/edit/practices/<uuid:key>/",
        views.DraftPracticeView.as_view(),
        name="draft-practice-update",
    ),
    path(
        "cities/<slug:slug>/edit/practices/<uuid:key>/remove/",
        views.DraftPracticeDeleteView.as_view(),
        name="draft-practice-delete",
    ),
    path("cities/<slug:slug>/edit/submit/", views.DraftSubmitView.as_view(), name="draft-submit"),
    path(
        "cities/<slug:slug>/edit/discard/",
        views.DraftDiscardView.as_view(),
        name="draft-discard",
    ),
    path(
        "cities/<slug:slug>/edit/editors/", views.DraftEditorsView.as_view(), name="draft-editors"
    ),
]
