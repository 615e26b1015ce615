"""City profiles' URLs: the introductions pages (included by cityprofiles.urls)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.urls import path

from cityprofiles.views import introductions as views

if TYPE_CHECKING:
    from django.urls import URLPattern, URLResolver

urlpatterns: list[URLPattern | URLResolver] = [
    path("introductions/", views.IntroductionListView.as_view(), name="introduction-list"),
    path("introductions/new/", views.IntroductionCreateView.as_view(), name="introduction-create"),
    path(
        "introductions/<int:pk>/",
        views.IntroductionDetailView.as_view(),
        name="introduction-detail",
    ),
    path(
        "introductions/<int:pk>/withdraw/",
        views.IntroductionWithdrawView.as_view(),
        name="introduction-withdraw",
    ),
    path(
        "introductions/<int:pk>/follow-up/",
        views.IntroductionFollowUpView.as_view(),
        name="introduction-follow-up",
    ),
    path(
        "introductions/offers/<int:pk>/",
        views.IntroductionOfferView.as_view(),
        name="introduction-offer",
    ),
    path(
        "introductions/offers/<int:pk>/accept/",
        views.IntroductionAcceptView.as_view(),
        name="introduction-accept",
    ),
    path(
        "introductions/offers/<int:pk>/decline/",
        views.IntroductionDeclineView.as_view(),
        name="introduction-decline",
    ),
    path(
        "introductions/offers/<int:pk>/delegate/",
        views.IntroductionDelegateView.as_view(),
        name="introduction-delegate",
    ),
]
