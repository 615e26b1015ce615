"""Training's URLs, mounted at ``training/``: modules and lessons, toolkits, reports and
certificates. Each area keeps its own module."""

from __future__ import annotations

from training import urls_certificates, urls_learning, urls_reports, urls_toolkits

app_name = "training"

urlpatterns = [
    *urls_learning.urlpatterns,
    *urls_toolkits.urlpatterns,
    *urls_reports.urlpatterns,
    *urls_certificates.urlpatterns,
]
