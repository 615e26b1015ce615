from django.urls import path

from library import views

app_name = "library"

urlpatterns = [
    path("", views.DocumentSearchView.as_view(), name="document-list"),
    path("contribute/", views.DocumentCreateView.as_view(), name="document-create"),
    path("mine/", views.DocumentMineView.as_view(), name="document-mine"),
    path("documents/<int:pk>/", views.DocumentDetailView.as_view(), name="document-detail"),
    path("documents/<int:pk>/status/", views.DocumentStatusView.as_view(), name="document-status"),
    path("documents/<int:pk>/sent/", views.DocumentSentView.as_view(), name="document-sent"),
    path("documents/<int:pk>/edit/", views.DocumentUpdateView.as_view(), name="document-update"),
    path(
        "documents/<int:pk>/download/",
        views.DocumentDownloadView.as_view(),
        name="document-download",
    ),
    path(
        "documents/<int:pk>/preview/",
        views.DocumentPreviewView.as_view(),
        name="document-preview",
    ),
]
