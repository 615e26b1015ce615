"""What city profiles connect at start-up: search source, home panels, pending counters.

Each area adds its registration function here and calls it from `connect()`.
"""

from __future__ import annotations


def register_introduction_counters() -> None:
    """Introductions: the requests waiting for SCN staff, on the admin index."""
    from django.utils.translation import gettext_lazy as _

    from hub import pending

    def waiting() -> int:
        from cityprofiles.selectors_introductions import introduction_waiting_count

        return introduction_waiting_count()

    pending.register(
        pending.PendingCounter(
            label=_("introduction requests waiting"),
            url_name="admin:cityprofiles_introduction_changelist",
            query="status__exact=requested",
            count=waiting,
        )
    )


def register_similar_cities_panel() -> None:
    """The city page: "cities like yours" on a member's home page (cityprofiles.home_similar)."""
    from cityprofiles.home_similar import register_panel

    register_panel()


def register_directory_search() -> None:
    """The directory: the member cities as a source of the shared search (cityprofiles.search)."""
    from cityprofiles.search import CITIES
    from hub.search import register

    register(CITIES)


def register_draft_counter() -> None:
    """Editing: the profile drafts waiting for review by SCN staff, on the admin index."""
    from django.utils.translation import gettext_lazy as _

    from hub import pending

    def waiting() -> int:
        from cityprofiles.models import ProfileDraft

        return ProfileDraft.objects.filter(state=ProfileDraft.State.SUBMITTED).count()

    pending.register(
        pending.PendingCounter(
            label=_("profile drafts waiting for review"),
            url_name="admin:cityprofiles_profiledraft_changelist",
            query="state__exact=submitted",
            count=waiting,
        )
    )


def connect() -> None:
    """Called once from CityprofilesConfig.ready()."""
    register_draft_counter()
    register_directory_search()
    register_similar_cities_panel()
    register_introduction_counters()


connect()
