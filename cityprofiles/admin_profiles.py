"""Admin of profiles, practices, drafts and their publications.

Staff review a submitted draft on its change page: what changed since the published version,
field by field, and Publish / Return with a comment (hub.admin_review), which call
cityprofiles.services.editing. The published rows change only by publication, so their pages
are read-only; partner cities and city exchanges are kept by staff directly.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib import admin
from django.db.models import Case, F, IntegerField, Value, When
from django.template.loader import render_to_string
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin

from cityprofiles import drafts, drafts_diff
from cityprofiles.models import (
    CityExchange,
    CityProfile,
    PartnerCity,
    Practice,
    PreventionNetwork,
    ProfileDraft,
    ProfilePublication,
)
from cityprofiles.services import editing as services
from hub.admin import ReadOnlyAdmin
from hub.admin_actions import NoSaveButtonsMixin
from hub.admin_review import ReviewAdminMixin
from hub.http import authenticated_user

if TYPE_CHECKING:
    from django.http import HttpRequest


def _changes_table(changes: list[dict[str, Any]]) -> str:
    if not changes:
        return gettext("No change.")
    rows = [
        change | {"change_label": drafts_diff.change_label(change.get("change", ""))}
        for change in changes
    ]
    return render_to_string("admin/cityprofiles/partials/_changes.html", {"changes": rows})


DRAFT_FIELDS = (
    "city",
    "state",
    "submitted_at",
    "submitted_by",
    "updated_at",
    "updated_by",
    "version",
    "return_comment",
    "changes",
)
PUBLICATION_FIELDS = (
    "city",
    "number",
    "published_at",
    "published_by",
    "submitted_by",
    "changes_table",
)


@admin.register(ProfileDraft)
class ProfileDraftAdmin(NoSaveButtonsMixin, ReviewAdminMixin, admin.ModelAdmin):
    list_display = ["city", "state", "submitted_at", "submitted_by", "updated_at", "updated_by"]
    list_filter = ["state"]
    list_select_related = ["city", "submitted_by", "updated_by"]
    search_fields = ["city__name_en", "city__name_fr", "city__name_ar"]
    fields = readonly_fields = DRAFT_FIELDS
    # Drafts waiting for review first, the longest waiting at the top.
    # Django takes expressions in `ordering`; the stubs know only names.
    ordering = [
        Case(
            When(state=ProfileDraft.State.SUBMITTED, then=Value(0)),
            default=Value(1),
            output_field=IntegerField(),
        ).asc(),  # type: ignore[list-item]
        F("submitted_at").asc(nulls_last=True),  # type: ignore[list-item]
        "city__name",
    ]
    review_reason_label = _("Comment for the editors (sent to them by email)")
    review_reject_button = _("Return with this comment")
    review_reason_required = _("Please write a comment for the editors.")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def save_model(self, request: HttpRequest, obj: ProfileDraft, form: Any, change: bool) -> None:
        """Nothing is saved from this page (every field is read-only)."""

    @admin.display(description=_("what changed since the published version"))
    def changes(self, obj: ProfileDraft) -> str:
        return _changes_table(drafts_diff.diff(drafts.content_of_published(obj.city), obj.content))

    # --- Publish / return from the change page ---------------------------------------------

    def review_status(self, obj: ProfileDraft) -> tuple[str, str]:
        return str(obj.get_state_display()), obj.return_comment

    def review_can_publish(self, obj: ProfileDraft) -> bool:
        return obj.state == ProfileDraft.State.SUBMITTED

    def review_can_reject(self, obj: ProfileDraft) -> bool:
        return obj.state == ProfileDraft.State.SUBMITTED

    def review_publish(self, request: HttpRequest, obj: ProfileDraft) -> str:
        publication = services.draft_publish(draft=obj, by=authenticated_user(request))
        return gettext(
            "The profile of %(city)s is published (publication no. %(number)d); its editors are "
            "told by email."
        ) % {"city": obj.city, "number": publication.number}

    def review_reject(self, request: HttpRequest, obj: ProfileDraft, reason: str) -> str:
        services.draft_return(draft=obj, by=authenticated_user(request), comment=reason)
        return gettext(
            "The draft of %(city)s is returned; its editors are sent your comment by email."
        ) % {"city": obj.city}


@admin.register(ProfilePublication)
class ProfilePublicationAdmin(ReadOnlyAdmin):
    list_display = ["city", "number", "published_at", "published_by", "submitted_by", "n_changes"]
    list_select_related = ["city", "published_by", "submitted_by"]
    list_filter = ["published_at"]
    search_fields = ["city__name_en", "city__name_fr", "city__name_ar"]
    date_hierarchy = "published_at"
    fields = readonly_fields = PUBLICATION_FIELDS

    @admin.display(description=_("changes"))
    def n_changes(self, obj: ProfilePublication) -> int:
        return len(obj.changes or [])

    @admin.display(description=_("what changed"))
    def changes_table(self, obj: ProfilePublication) -> str:
        return _changes_table(obj.changes or [])


@admin.register(CityProfile)
class CityProfileAdmin(ReadOnlyAdmin):
    list_display = ["city", "population_band", "contact_policy", "provenance", "published_at"]
    list_filter = ["provenance", "contact_policy", "population_band"]
    list_select_related = ["city"]
    search_fields = ["city__name_en", "city__name_fr", "city__name_ar"]


@admin.register(Practice)
class PracticeAdmin(ReadOnlyAdmin):
    list_display = ["title", "profile", "kind", "status", "evidence_level", "provenance"]
    list_filter = ["evidence_level", "kind", "status", "provenance"]
    list_select_related = ["profile__city"]
    search_fields = ["title_en", "title_fr", "title_ar"]


@admin.register(PreventionNetwork)
class PreventionNetworkAdmin(ReadOnlyAdmin):
    list_display = ["name", "profile", "partner_city", "provenance"]
    list_select_related = ["profile__city", "partner_city"]
    search_fields = ["name_en", "name_fr", "name_ar"]


@admin.register(PartnerCity)
class PartnerCityAdmin(TabbedTranslationAdmin):
    list_display = ["name", "country", "provenance"]
    list_select_related = ["country"]
    search_fields = ["name_en", "name_fr", "name_ar"]
    prepopulated_fields = {"slug": ["name_en"]}


@admin.register(CityExchange)
class CityExchangeAdmin(TabbedTranslationAdmin):
    list_display = ["visitor", "host", "year", "month", "provenance"]
    list_select_related = ["visitor", "host"]
    list_filter = ["year", "provenance"]
    autocomplete_fields = ["host", "visitor"]
