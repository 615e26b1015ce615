"""Admin of introduction requests: the queue, the pipeline and its export.

Staff broker introductions: the queue lists requests by state; a request's change page shows
what was asked and has Forward (with a note for the counterpart) and Decline (with a reason for
the requester), each posting to a view of its own that calls the service. The pipeline page
counts requests per state, per region and per theme; its CSV export holds no names, emails or
message text (what staff need to report on the programme, and no more).
"""

from __future__ import annotations

import csv
from collections import Counter, defaultdict
from typing import TYPE_CHECKING, Any

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import HttpResponse, HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from cityprofiles.models import Introduction, Practice
from cityprofiles.permissions import can_review_profiles
from cityprofiles.services import introductions as services
from hub.admin_actions import apply_to_each, apply_with_reason, error_text
from hub.errors import HubError
from hub.http import authenticated_user
from hub.models import Region, Theme
from hub.ordering import sorted_by_name

if TYPE_CHECKING:
    from django.db.models import QuerySet
    from django.http import HttpRequest
    from django.urls import URLPattern

# The pipeline's stages, in the order a request goes through them.
PIPELINE = (
    Introduction.Status.REQUESTED,
    Introduction.Status.FORWARDED,
    Introduction.Status.STAFF_DECLINED,
    Introduction.Status.DECLINED,
    Introduction.Status.EXPIRED,
    Introduction.Status.WITHDRAWN,
    Introduction.Status.INTRODUCED,
)


class NoteForm(forms.Form):
    note = forms.CharField(
        label=_("Note for the counterpart (optional)"),
        max_length=services.REASON_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason (sent to the member who asked)"),
        max_length=services.REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


def _forwarded(count: int) -> str:
    return ngettext("%(count)d request forwarded.", "%(count)d requests forwarded.", count) % {
        "count": count
    }


def _declined(count: int) -> str:
    return ngettext("%(count)d request declined.", "%(count)d requests declined.", count) % {
        "count": count
    }


class FollowedUpFilter(admin.SimpleListFilter):
    title = _("follow-up")
    parameter_name = "followed_up"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, Any]]:
        return [
            ("asked", _("Asked, no answer yet")),
            ("answered", _("Answered")),
        ]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> QuerySet[Any]:
        if self.value() == "asked":
            return queryset.filter(follow_up_sent_at__isnull=False, followed_up_at__isnull=True)
        if self.value() == "answered":
            return queryset.filter(followed_up_at__isnull=False)
        return queryset


@admin.register(Introduction)
class IntroductionAdmin(admin.ModelAdmin[Introduction]):
    change_form_template = "admin/cityprofiles/introduction/change_form.html"
    change_list_template = "admin/cityprofiles/introduction/change_list.html"
    list_display = ("__str__", "practice", "status", "created_at", "expires_at")
    list_filter = ("status", FollowedUpFilter, "city__country__region")
    list_select_related = ("requester_city", "city", "practice")
    date_hierarchy = "created_at"
    search_fields = ("city__name_en", "requester_city__name_en")
    actions = ("forward_selected", "decline_selected")
    readonly_fields = (
        "requester",
        "requester_city",
        "city",
        "practice",
        "message",
        "status",
        "created_at",
        "expires_at",
        "counterpart",
        "forwarded_at",
        "forwarded_by",
        "staff_note",
        "decline_reason",
        "decided_at",
        "introduced_at",
        "follow_up_sent_at",
        "requester_helped",
        "requester_outcome",
        "counterpart_helped",
        "counterpart_outcome",
        "followed_up_at",
    )
    fields = readonly_fields

    # Requests are made by members and change only through the services.
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return can_review_profiles(request.user)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return can_review_profiles(request.user)

    def has_module_permission(self, request: HttpRequest) -> bool:
        return can_review_profiles(request.user)

    # --- List actions ------------------------------------------------------------------------

    @admin.action(description=_("Forward to the counterpart (without a note)"))
    def forward_selected(self, request: HttpRequest, queryset: QuerySet[Introduction]) -> None:
        user = authenticated_user(request)
        apply_to_each(
            self,
            request,
            queryset,
            lambda obj: services.introduction_forward(introduction=obj, by=user),
            done_message=_forwarded,
        )

    @admin.action(description=_("Decline with a reason"))
    def decline_selected(
        self, request: HttpRequest, queryset: QuerySet[Introduction]
    ) -> HttpResponse | None:
        user = authenticated_user(request)
        return apply_with_reason(
            self,
            request,
            queryset,
            title=gettext("Decline introduction requests"),
            apply=lambda obj, reason: services.introduction_staff_decline(
                introduction=obj, by=user, reason=reason
            ),
            done_message=_declined,
        )

    # --- Change page: Forward and Decline ----------------------------------------------------

    def get_urls(self) -> list[URLPattern]:
        def view(route: str, function: Any, name: str) -> URLPattern:
            return path(route, self.admin_site.admin_view(function), name=name)

        return [
            view("pipeline/", self.pipeline_view, "cityprofiles_introduction_pipeline"),
            view("pipeline/export/", self.export_view, "cityprofiles_introduction_export"),
            view("<int:pk>/forward/", self.forward_view, "cityprofiles_introduction_forward"),
            view("<int:pk>/decline/", self.decline_view, "cityprofiles_introduction_decline"),
            *super().get_urls(),
        ]

    def render_change_form(
        self,
        request: HttpRequest,
        context: dict[str, Any],
        add: bool = False,
        change: bool = False,
        form_url: str = "",
        obj: Any = None,
    ) -> Any:
        if obj is not None and obj.status == Introduction.Status.REQUESTED:
            context["introduction_actions"] = {
                "counterpart": services.introduction_counterpart_for(obj),
                "forward_url": reverse("admin:cityprofiles_introduction_forward", args=[obj.pk]),
                "decline_url": reverse("admin:cityprofiles_introduction_decline", args=[obj.pk]),
                "note_form": NoteForm(auto_id="intro-forward-%s"),
                "decline_form": DeclineForm(auto_id="intro-decline-%s"),
            }
        return super().render_change_form(request, context, add, change, form_url, obj)

    def _target(self, request: HttpRequest, pk: int) -> Introduction:
        if request.method != "POST":
            raise _MethodNotAllowed
        if not self.has_change_permission(request):
            raise PermissionDenied
        obj: Introduction = get_object_or_404(Introduction, pk=pk)
        return obj

    def _decide(self, request: HttpRequest, pk: int, form_class: Any, decide: Any) -> HttpResponse:
        try:
            obj = self._target(request, pk)
        except _MethodNotAllowed:
            return HttpResponseNotAllowed(["POST"])
        form = form_class(request.POST)
        try:
            if not form.is_valid():
                raise ValidationError(
                    [error for errors in form.errors.values() for error in errors],
                    code="invalid",
                )
            message = decide(obj, form.cleaned_data)
        except (HubError, ValidationError) as exc:
            self.message_user(request, error_text(exc), messages.ERROR)
        else:
            self.message_user(request, message, messages.SUCCESS)
        return HttpResponseRedirect(reverse("admin:cityprofiles_introduction_change", args=[pk]))

    def forward_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        user = authenticated_user(request)

        def forward(obj: Introduction, data: dict[str, Any]) -> str:
            services.introduction_forward(introduction=obj, by=user, note=data["note"])
            return gettext("The request is forwarded to the counterpart.")

        return self._decide(request, pk, NoteForm, forward)

    def decline_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        user = authenticated_user(request)

        def decline(obj: Introduction, data: dict[str, Any]) -> str:
            services.introduction_staff_decline(introduction=obj, by=user, reason=data["reason"])
            return gettext("The request is declined; the member who asked is told.")

        return self._decide(request, pk, DeclineForm, decline)

    # --- Pipeline and export -----------------------------------------------------------------

    def pipeline_view(self, request: HttpRequest) -> HttpResponse:
        if not self.has_view_permission(request):
            raise PermissionDenied
        context = {
            **self.admin_site.each_context(request),
            "title": gettext("Introductions pipeline"),
            "opts": self.model._meta,
            **pipeline_counts(),
        }
        return TemplateResponse(request, "admin/cityprofiles/introduction/pipeline.html", context)

    def export_view(self, request: HttpRequest) -> HttpResponse:
        if not self.has_view_permission(request):
            raise PermissionDenied
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        stamp = timezone.now().strftime("%Y-%m-%d")
        response["Content-Disposition"] = f'attachment; filename="introductions-{stamp}.csv"'
        response["Cache-Control"] = "private, no-store"
        write_export(response)
        return response


class _MethodNotAllowed(Exception):
    pass


def _theme_map(rows: list[Any]) -> dict[int, set[int]]:
    """Each request's themes: its practice's, else those of its city's practices."""
    practice_ids = {r["practice_id"] for r in rows if r["practice_id"]}
    city_ids = {r["city_id"] for r in rows if not r["practice_id"]}
    by_practice: dict[int, set[int]] = defaultdict(set)
    by_city: dict[int, set[int]] = defaultdict(set)
    links = Practice.themes.through.objects.filter(
        Q(practice_id__in=practice_ids) | Q(practice__profile__city_id__in=city_ids)
    ).values_list("practice_id", "practice__profile__city_id", "theme_id")
    for practice_id, city_id, theme_id in links:
        by_practice[practice_id].add(theme_id)
        by_city[city_id].add(theme_id)
    return {
        r["pk"]: by_practice[r["practice_id"]] if r["practice_id"] else by_city[r["city_id"]]
        for r in rows
    }


def _stage(row: Any) -> list[str]:
    """The columns a request counts in: its status, and "followed up" once answered."""
    stages = [row["status"]]
    if row["followed_up_at"] is not None:
        stages.append("followed_up")
    return stages


def pipeline_counts() -> dict[str, Any]:
    """Requests per stage, overall and per region (of the city asked) and per theme."""
    rows = list(
        Introduction.objects.values(
            "pk", "status", "practice_id", "city_id", "city__country__region_id", "followed_up_at"
        )
    )
    themes_of = _theme_map(rows)
    total: Counter[str] = Counter()
    per_region: dict[int, Counter[str]] = defaultdict(Counter)
    per_theme: dict[int, Counter[str]] = defaultdict(Counter)
    for row in rows:
        for stage in _stage(row):
            total[stage] += 1
            per_region[row["city__country__region_id"]][stage] += 1
            for theme_id in themes_of[row["pk"]]:
                per_theme[theme_id][stage] += 1
    labels = dict(Introduction.Status.choices)
    stages = [(code, labels[code]) for code in PIPELINE] + [("followed_up", _("Followed up"))]

    def table(objects: Any, counts: dict[int, Counter[str]]) -> list[dict[str, Any]]:
        return [
            {"name": obj.name, "counts": [counts[obj.pk][code] for code, _label in stages]}
            for obj in sorted_by_name(objects)
        ]

    return {
        "stages": stages,
        "total": [total[code] for code, _label in stages],
        "request_count": len(rows),
        "regions": table(Region.objects.filter(pk__in=per_region), per_region),
        "themes": table(Theme.objects.filter(pk__in=per_theme), per_theme),
    }


EXPORT_COLUMNS = (
    "id",
    "requested_on",
    "status",
    "requester_city",
    "requester_region",
    "city_asked",
    "region_asked",
    "practice",
    "themes",
    "forwarded_on",
    "answered_on",
    "introduced_on",
    "follow_up_asked_on",
    "requester_helped",
    "requester_outcome",
    "counterpart_helped",
    "counterpart_outcome",
)


def _day(value: Any) -> str:
    return value.date().isoformat() if value else ""


def _yes_no(value: bool | None) -> str:
    return "" if value is None else ("yes" if value else "no")


def write_export(out: Any) -> None:
    """The pipeline as CSV rows: dates, states, cities, regions, themes and outcomes; no names,
    emails, messages, notes or reasons (those stay in the admin, per request)."""
    writer = csv.writer(out)
    writer.writerow(EXPORT_COLUMNS)
    introductions = list(
        Introduction.objects.select_related(
            "requester_city__country__region", "city__country__region", "practice"
        ).order_by("created_at", "pk")
    )
    rows = [{"pk": i.pk, "practice_id": i.practice_id, "city_id": i.city_id} for i in introductions]
    themes_of = _theme_map(rows)
    theme_slugs = dict(
        Theme.objects.filter(pk__in={t for ts in themes_of.values() for t in ts}).values_list(
            "pk", "slug"
        )
    )
    for i in introductions:
        writer.writerow(
            [
                i.pk,
                _day(i.created_at),
                i.status,
                getattr(i.requester_city, "name_en", ""),
                i.requester_city.country.region.slug,
                getattr(i.city, "name_en", ""),
                i.city.country.region.slug,
                getattr(i.practice, "title_en", "") if i.practice else "",
                " ".join(sorted(theme_slugs[t] for t in themes_of[i.pk])),
                _day(i.forwarded_at),
                _day(i.decided_at),
                _day(i.introduced_at),
                _day(i.follow_up_sent_at),
                _yes_no(i.requester_helped),
                i.requester_outcome,
                _yes_no(i.counterpart_helped),
                i.counterpart_outcome,
            ]
        )


__all__ = ["IntroductionAdmin", "pipeline_counts", "write_export"]
