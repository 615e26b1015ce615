"""Certificates' URLs (under training/): a learner's own certificates, and the public
verification of a code (the one public page of training)."""

from __future__ import annotations

from django.urls import path

from training.views import certificates as views

urlpatterns = [
    path(
        "modules/<slug:slug>/certificate/",
        views.CertificateRequestView.as_view(),
        name="certificate-request",
    ),
    path(
        "certificates/<int:pk>/", views.CertificateDetailView.as_view(), name="certificate-detail"
    ),
    path(
        "certificates/<int:pk>/status/",
        views.CertificateStatusView.as_view(),
        name="certificate-status",
    ),
    path(
        "certificates/<int:pk>/download/",
        views.CertificateDownloadView.as_view(),
        name="certificate-download",
    ),
    path("verify/", views.CertificateVerifyView.as_view(), name="certificate-verify"),
    path(
        "verify/<str:code>/", views.CertificateVerifyView.as_view(), name="certificate-verify-code"
    ),
]
