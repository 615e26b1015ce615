"""City profiles' URLs, mounted at the site's root: ``cities/...`` and ``introductions/...``.

Each area keeps its own module: the directory and its search, the city page, the profile
editor, introductions.
"""

from __future__ import annotations

from cityprofiles import urls_city, urls_directory, urls_editing, urls_introductions

app_name = "cityprofiles"

urlpatterns = [
    *urls_directory.urlpatterns,
    *urls_editing.urlpatterns,
    *urls_introductions.urlpatterns,
    *urls_city.urlpatterns,  # last: cities/<slug>/ would catch the others' cities/... paths
]
