"""Static files: the project's own and the npm packages', without what no page loads."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.contrib.staticfiles import utils
from django.contrib.staticfiles.finders import FileSystemFinder

# What pages load of each npm package (by its prefix in STATICFILES_DIRS); the rest a package
# ships is left out of collectstatic: the jQuery UI themes (12 MB; the admin's tabs bring their
# own styles) and unminified build, Tom Select's sources, plugins and other builds. A source
# map goes with its file: the manifest storage follows the `sourceMappingURL` comments.
PACKAGE_FILES = {
    "vendor/jquery-ui": ["jquery-ui.min.js"],
    "vendor/tom-select": ["js/tom-select.popular.min.js*", "css/tom-select.min.css*"],
}


class ProjectFinder(FileSystemFinder):
    """Django's finder of STATICFILES_DIRS, listing only PACKAGE_FILES of the npm packages."""

    def list(self, ignore_patterns: Any) -> Any:
        for prefix, root in self.locations:
            if not Path(root).is_dir():
                continue
            storage = self.storages[root]
            wanted = PACKAGE_FILES.get(prefix)
            for path in utils.get_files(storage, ignore_patterns):
                if wanted is None or utils.matches_patterns(path, wanted):
                    yield path, storage
