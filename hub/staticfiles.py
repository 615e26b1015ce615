"""Static files: the project's own and the npm packages', without what no page loads."""

from __future__ import annotations

from typing import Any

from django.contrib.staticfiles.finders import FileSystemFinder

# What the npm packages ship besides the one build a page loads: the jQuery UI themes (12 MB;
# the admin's tabs bring their own styles) and the unminified build.
PACKAGE_EXTRAS = ["themes/*", "jquery-ui.js"]


class ProjectFinder(FileSystemFinder):
    """Django's finder of STATICFILES_DIRS, leaving out PACKAGE_EXTRAS from collectstatic."""

    def list(self, ignore_patterns: Any) -> Any:
        return super().list([*(ignore_patterns or []), *PACKAGE_EXTRAS])
