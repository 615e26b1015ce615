"""The project's URLs: language-prefixed pages, plus health and admin."""

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from hub import views

hub_patterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("cities/", views.CityListView.as_view(), name="city-list"),
    path("search/", views.SearchView.as_view(), name="search"),
    path("profile/", views.ProfileView.as_view(), name="profile"),
    path("language/", views.LanguageSetView.as_view(), name="language-set"),
    path("request-access/", views.AccessRequestCreateView.as_view(), name="accessrequest-create"),
    path("request-access/sent/", views.AccessRequestSentView.as_view(), name="accessrequest-sent"),
    path("access-requests/", views.AccessRequestListView.as_view(), name="accessrequest-list"),
    path(
        "access-requests/<int:pk>/",
        views.AccessRequestDetailView.as_view(),
        name="accessrequest-detail",
    ),
    path(
        "access-requests/<int:pk>/approve/",
        views.AccessRequestApproveView.as_view(),
        name="accessrequest-approve",
    ),
    path(
        "access-requests/<int:pk>/reject/",
        views.AccessRequestRejectView.as_view(),
        name="accessrequest-reject",
    ),
]

urlpatterns = [
    path("health/", views.health, name="health"),
    path("admin/", admin.site.urls),
]
urlpatterns += i18n_patterns(
    path("accounts/", include("allauth.urls")),
    path("library/", include("library.urls")),
    path("", include((hub_patterns, "hub"))),
)
