"""The project's URLs: language-prefixed pages (the admin too: /ar/admin/), plus health."""

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import URLPattern, URLResolver, include, path, re_path

from hub import views
from hub.admin_site import admin_redirect

hub_patterns = [
    path("", views.HomeView.as_view(), name="home"),
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

urlpatterns: list[URLPattern | URLResolver] = [
    path("health/", views.health, name="health"),
    # The admin's addresses before it followed the language: sent on to /<language>/admin/.
    re_path(r"^admin(?:/(?P<rest>.*))?\Z", admin_redirect),
]
urlpatterns += i18n_patterns(
    path("admin/", admin.site.urls),
    path("accounts/", include("allauth.urls")),
    path("library/", include("library.urls")),
    path("training/", include("training.urls")),
    path("events/", include("events.urls")),
    path("", include("cityprofiles.urls")),
    path("", include((hub_patterns, "hub"))),
)
