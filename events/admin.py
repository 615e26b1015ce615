"""Admin of events: the event with its text in language tabs, its cities, questions, invitations
and outputs; and the approval queue of registrations. Writes of places and of registrations go
to the services (events.services.staff: the registration services, audited).

Staff enter an event's start, end and registration deadline as the clock shows them where the
event takes place (its time zone); they are stored in UTC. A time the clocks skip in that zone
(the spring change) is refused, not shifted.
"""

from __future__ import annotations

import zoneinfo
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.widgets import AdminSplitDateTime
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.http import HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import formats, timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin, TranslationStackedInline

from events.models import Event, EventCity, EventOutput, Invitation, Question, Registration
from events.services import staff as staff_services
from hub.admin_actions import (
    NoSaveButtonsMixin,
    ReasonForm,
    apply_to_each,
    apply_with_reason,
    error_text,
)
from hub.errors import HubError
from hub.http import authenticated_user
from hub.models.accounts import Role
from hub.permissions import is_staff_curator
from hub.timezones import time_zone_names

if TYPE_CHECKING:
    from django.db.models import QuerySet
    from django.http import HttpRequest, HttpResponse
    from django.urls import URLPattern

Status = Registration.Status
LOCAL_FIELDS = ("starts_at", "ends_at", "registration_deadline")


class WallClockField(forms.SplitDateTimeField):
    """A date and a time as a clock shows them, without a zone: the form places them in the
    event's time zone (the admin's usual field would place them in the site's)."""

    widget = AdminSplitDateTime

    def compress(self, data_list: Any) -> datetime | None:
        if not data_list:
            return None
        day, time = data_list
        if day in self.empty_values or time in self.empty_values:
            raise ValidationError(self.error_messages["invalid_date"], code="invalid_date")
        return datetime.combine(day, time)


def _zone_choices() -> list[tuple[str, str]]:
    return [(name, name) for name in sorted(time_zone_names())]


def _wall_clock(value: datetime | None, zone: zoneinfo.ZoneInfo) -> datetime | None:
    return timezone.localtime(value, zone).replace(tzinfo=None) if value else None


def _in_zone(value: datetime, zone: zoneinfo.ZoneInfo) -> datetime | None:
    """`value` (a wall-clock time) in `zone`, or None when the clocks skip it there. Of a time
    that happens twice (the autumn change), the first."""
    aware = value.replace(tzinfo=zone, fold=0)
    back = aware.astimezone(UTC).astimezone(zone).replace(tzinfo=None)
    return aware if back == value else None


class EventAdminForm(forms.ModelForm):
    starts_at = WallClockField(label=_("Starts at"), required=False)
    ends_at = WallClockField(label=_("Ends at"), required=False)
    registration_deadline = WallClockField(label=_("Registration deadline"), required=False)
    online_url = forms.URLField(
        label=_("Online meeting address"), required=False, max_length=500, assume_scheme="https"
    )
    time_zone = forms.ChoiceField(
        label=_("Time zone"),
        choices=_zone_choices,
        initial="UTC",
        error_messages={
            "invalid_choice": _("%(value)s is not a time zone. Choose one from the list.")
        },
        help_text=_("The start, the end and the deadline are times in this zone."),
    )

    class Meta:
        model = Event
        # The admin asks for the fields of its fieldsets (one per language for the translated
        # ones); the counts the database keeps are never among them.
        fields = [
            "title",
            "slug",
            "kind",
            "description",
            "time_zone",
            "starts_at",
            "ends_at",
            "year",
            "month",
            "venue_city",
            "venue",
            "location_note",
            "is_online",
            "online_url",
            "regions",
            "themes",
            "visibility",
            "registration",
            "registration_deadline",
            "capacity",
            "participants_note",
            "report",
            "provenance",
            "source_number",
        ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        instance: Event = self.instance
        if instance.pk:
            zone = zoneinfo.ZoneInfo(instance.time_zone)
            for name in LOCAL_FIELDS:
                self.initial[name] = _wall_clock(getattr(instance, name), zone)

    def clean_capacity(self) -> int | None:
        capacity: int | None = self.cleaned_data.get("capacity")
        confirmed = self.instance.confirmed_count if self.instance.pk else 0
        if capacity is not None and capacity < confirmed:
            raise ValidationError(
                _("%(confirmed)s participants are confirmed: the event cannot have fewer places."),
                code="capacity_below_confirmed",
                params={"confirmed": confirmed},
            )
        return capacity

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        name = data.get("time_zone")
        if not name:
            # Without a zone the times cannot be placed: they are left out (the form is
            # refused for the zone anyway).
            for field in LOCAL_FIELDS:
                data.pop(field, None)
            return data
        zone = zoneinfo.ZoneInfo(name)
        for field in LOCAL_FIELDS:
            value = data.get(field)
            if value is None:
                continue
            placed = _in_zone(value, zone)
            if placed is None:
                self.add_error(
                    field,
                    ValidationError(
                        _("%(time)s does not exist in %(zone)s: the clocks change then."),
                        code="time_skipped",
                        params={"time": formats.localize(value), "zone": name},
                    ),
                )
            else:
                data[field] = placed
        starts, ends = data.get("starts_at"), data.get("ends_at")
        deadline = data.get("registration_deadline")
        if starts and ends and ends < starts:
            self.add_error(
                "ends_at",
                ValidationError(
                    _("The event cannot end before it starts."), code="ends_before_start"
                ),
            )
        if ends and not starts:
            self.add_error(
                "starts_at",
                ValidationError(_("Give the start as well as the end."), code="end_without_start"),
            )
        if deadline and starts and deadline > starts:
            self.add_error(
                "registration_deadline",
                ValidationError(
                    _("The registration deadline must come before the event starts."),
                    code="deadline_after_start",
                ),
            )
        if data.get("registration") not in (None, Event.Registration.CLOSED) and not starts:
            self.add_error(
                "starts_at",
                ValidationError(
                    _("An event people register for needs its start."),
                    code="registration_needs_start",
                ),
            )
        if data.get("is_online") is False and data.get("online_url"):
            self.add_error(
                "online_url",
                ValidationError(
                    _("Only an online event has a meeting address."), code="url_not_online"
                ),
            )
        return data


class EventCityInline(admin.TabularInline):
    model = EventCity
    fields = ["city", "role"]
    autocomplete_fields = ["city"]
    extra = 0


class QuestionInline(TranslationStackedInline):
    model = Question
    fields = ["position", "kind", "text", "options", "is_required"]
    ordering = ["position", "pk"]
    extra = 0


class InvitationInline(admin.TabularInline):
    model = Invitation
    fields = ["city", "user"]
    autocomplete_fields = ["city", "user"]
    extra = 0


class EventOutputInline(admin.TabularInline):
    model = EventOutput
    fields = ["document", "kind", "position"]
    autocomplete_fields = ["document"]
    ordering = ["position", "pk"]
    extra = 0


@admin.register(Event)
class EventAdmin(TabbedTranslationAdmin):
    form = EventAdminForm
    list_display = [
        "title",
        "kind",
        "when",
        "registration",
        "capacity",
        "confirmed_count",
        "pending_count",
    ]
    list_filter = ["kind", "registration", "visibility", "provenance", "regions"]
    search_fields = ["title_en", "title_fr", "title_ar", "slug"]
    list_select_related = ["venue_city"]
    prepopulated_fields = {"slug": ["title_en"]}
    filter_horizontal = ["themes", "regions"]
    autocomplete_fields = ["venue_city"]
    inlines = [EventCityInline, QuestionInline, InvitationInline, EventOutputInline]
    readonly_fields = ["confirmed_count", "attendee_data_removed_at", "staff_links"]

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # An event people registered for is kept (its counts by city and role, its outputs):
        # close its registration instead. One at a time, so the check is per event.
        if obj is not None and obj.registrations.exists():
            return False
        return super().has_delete_permission(request, obj)

    def get_actions(self, request: HttpRequest) -> dict[str, Any]:
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    fieldsets = [
        (None, {"fields": ["title", "slug", "kind", "description", "staff_links"]}),
        (
            _("When"),
            {"fields": ["time_zone", "starts_at", "ends_at", "year", "month"]},
        ),
        (
            _("Where"),
            {
                "fields": [
                    "venue_city",
                    "venue",
                    "location_note",
                    "is_online",
                    "online_url",
                    "regions",
                ]
            },
        ),
        (_("Themes"), {"fields": ["themes"]}),
        (
            _("Registration"),
            {
                "fields": [
                    "visibility",
                    "registration",
                    "registration_deadline",
                    "capacity",
                    "confirmed_count",
                ]
            },
        ),
        (
            _("After the event"),
            {"fields": ["participants_note", "report", "attendee_data_removed_at"]},
        ),
        (_("Provenance"), {"classes": ["collapse"], "fields": ["provenance", "source_number"]}),
    ]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Event]:
        return (
            super()
            .get_queryset(request)
            .annotate(
                n_pending=Count("registrations", filter=Q(registrations__status=Status.PENDING))
            )
        )

    @admin.display(description=_("when"), ordering="starts_at")
    def when(self, obj: Event) -> str:
        if obj.starts_at is None:
            return str(obj.year or "—")
        local = timezone.localtime(obj.starts_at, zoneinfo.ZoneInfo(obj.time_zone))
        return f"{formats.date_format(local, 'j M Y, H:i')} ({obj.time_zone})"

    @admin.display(description=_("awaiting approval"), ordering="n_pending")
    def pending_count(self, obj: Event) -> int:
        return int(getattr(obj, "n_pending", 0))

    @admin.display(description=_("staff pages"))
    def staff_links(self, obj: Event) -> str:
        if not obj.pk:
            return "—"
        queue = reverse("admin:events_registration_changelist")
        return format_html(
            '<a href="{}">{}</a> · <a href="{}?event__id__exact={}">{}</a>',
            reverse("events:participants", kwargs={"slug": obj.slug}),
            gettext("Participants, attendance and attendee data"),
            queue,
            obj.pk,
            gettext("Registrations"),
        )

    def save_model(self, request: HttpRequest, obj: Event, form: Any, change: bool) -> None:
        # The places go through the registration service (the waiting list is promoted, fewer
        # places than confirmed participants refused); everything else is saved here, without
        # the counts the database keeps.
        by = authenticated_user(request)
        capacity = obj.capacity
        if change:
            obj.capacity = Event.objects.filter(pk=obj.pk).values_list("capacity", flat=True)[0]
            fields = [
                f.attname
                for f in Event._meta.concrete_fields
                if not f.primary_key
                and f.attname not in {"capacity", "confirmed_count", "created_at"}
            ]
            obj.save(update_fields=fields)
        else:
            obj.capacity = None
            obj.save()
        if capacity == obj.capacity:
            return
        try:
            promoted = staff_services.event_capacity_change(event=obj, capacity=capacity, by=by)
        except (HubError, ValidationError) as exc:
            self.message_user(
                request,
                gettext("The places are unchanged: %(error)s") % {"error": error_text(exc)},
                messages.ERROR,
            )
            return
        obj.capacity = capacity
        if promoted:
            self.message_user(
                request,
                ngettext(
                    "%(count)d person was promoted from the waiting list.",
                    "%(count)d people were promoted from the waiting list.",
                    len(promoted),
                )
                % {"count": len(promoted)},
                messages.SUCCESS,
            )


# --- The approval queue ---------------------------------------------------------------------


def _approved(count: int) -> str:
    return ngettext(
        "%(count)d registration approved.", "%(count)d registrations approved.", count
    ) % {"count": count}


def _refused(count: int) -> str:
    return ngettext(
        "%(count)d registration refused.", "%(count)d registrations refused.", count
    ) % {"count": count}


class RefuseForm(ReasonForm):
    """The reason of a refusal, sent to the person refused."""

    reason = forms.CharField(
        label=_("Reason for the refusal (sent to the person)"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Give the reason for the refusal.")},
    )


@admin.register(Registration)
class RegistrationAdmin(NoSaveButtonsMixin, admin.ModelAdmin[Registration]):
    change_form_template = "admin/events/registration/change_form.html"
    list_display = ["participant", "event", "city", "role_list", "status", "requested_at"]
    list_filter = ["status", "event__registration", ("event", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["user", "event", "city"]
    search_fields = ["user__email", "user__name", "event__title_en", "event__slug"]
    date_hierarchy = "requested_at"
    actions = ["approve_selected", "refuse_selected"]
    readonly_fields = [
        "event",
        "participant",
        "city",
        "role_list",
        "status",
        "requested_at",
        "decided_at",
        "answer_list",
        "refusal_reason",
        "cancelled_at",
        "attended",
        "anonymised_at",
    ]
    fields = list(readonly_fields)
    # The longest waiting first.
    ordering = ["requested_at", "pk"]

    # Registrations are made by members and change only through the services: no add, no
    # delete, no field edited here.
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_module_permission(self, request: HttpRequest) -> bool:
        return is_staff_curator(request.user)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_staff_curator(request.user)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_staff_curator(request.user)

    def save_model(self, request: HttpRequest, obj: Registration, form: Any, change: bool) -> None:
        """Nothing is saved from this page (every field is read-only)."""

    @admin.display(description=_("participant"), ordering="user__name")
    def participant(self, obj: Registration) -> str:
        if obj.user is None:
            return gettext("(attendee data removed)")
        return f"{obj.user.name} <{obj.user.email}>" if obj.user.name else obj.user.email

    @admin.display(description=_("roles"))
    def role_list(self, obj: Registration) -> str:
        labels = dict(Role.choices)
        return ", ".join(str(labels.get(role, role)) for role in obj.roles) or "—"

    @admin.display(description=_("answers"))
    def answer_list(self, obj: Registration) -> str:
        answers = obj.answers.select_related("question").order_by(
            "question__position", "question__pk"
        )
        rows = format_html_join(
            "",
            "<dt><bdi>{}</bdi></dt><dd><bdi>{}</bdi></dd>",
            ((answer.question.text, answer.value) for answer in answers),
        )
        return format_html("<dl>{}</dl>", rows) if rows else "—"

    # --- List actions ------------------------------------------------------------------------

    @admin.action(description=_("Approve the selected registrations"))
    def approve_selected(self, request: HttpRequest, queryset: QuerySet[Registration]) -> None:
        by = authenticated_user(request)
        apply_to_each(
            self,
            request,
            queryset,
            lambda r: staff_services.registration_approve_by_staff(registration=r, by=by),
            done_message=_approved,
        )

    @admin.action(description=_("Refuse the selected registrations (with a reason)"))
    def refuse_selected(
        self, request: HttpRequest, queryset: QuerySet[Registration]
    ) -> HttpResponse | None:
        by = authenticated_user(request)
        response = apply_with_reason(
            self,
            request,
            queryset,
            title=gettext("Refuse registrations"),
            apply=lambda r, reason: staff_services.registration_refuse_by_staff(
                registration=r, by=by, reason=reason
            ),
            done_message=_refused,
        )
        if response is not None and "apply" in request.POST:
            response.status_code = 400  # sent without a reason
        return response

    # --- The change page: Approve and Refuse -------------------------------------------------

    def get_urls(self) -> list[URLPattern]:
        def view(route: str, function: Any, name: str) -> URLPattern:
            return path(route, self.admin_site.admin_view(function), name=name)

        return [
            view("<int:pk>/approve/", self.approve_view, "events_registration_approve"),
            view("<int:pk>/refuse/", self.refuse_view, "events_registration_refuse"),
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
        if obj is not None and obj.status in Registration.ACTIVE_STATUSES:
            context["registration_actions"] = {
                "approve_url": reverse("admin:events_registration_approve", args=[obj.pk])
                if obj.status == Status.PENDING
                else "",
                "refuse_url": reverse("admin:events_registration_refuse", args=[obj.pk]),
                "refuse_form": context.get("refuse_form") or RefuseForm(auto_id="reg-refuse-%s"),
            }
        return super().render_change_form(request, context, add, change, form_url, obj)

    def _target(self, request: HttpRequest, pk: int) -> Registration:
        if not self.has_change_permission(request):
            raise PermissionDenied
        obj: Registration = get_object_or_404(Registration.objects.select_related("event"), pk=pk)
        return obj

    def _back(self, obj: Registration) -> HttpResponseRedirect:
        return HttpResponseRedirect(reverse("admin:events_registration_change", args=[obj.pk]))

    def approve_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        obj = self._target(request, pk)
        try:
            registration = staff_services.registration_approve_by_staff(
                registration=obj, by=authenticated_user(request)
            )
        except (HubError, ValidationError) as exc:
            self.message_user(request, error_text(exc), messages.ERROR)
        else:
            text = (
                gettext("The registration is confirmed.")
                if registration.status == Status.CONFIRMED
                else gettext(
                    "The registration is approved; the event is full, so it is on the waiting list."
                )
            )
            self.message_user(request, text, messages.SUCCESS)
        return self._back(obj)

    def refuse_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        obj = self._target(request, pk)
        form = RefuseForm(request.POST, auto_id="reg-refuse-%s")
        if not form.is_valid():
            context = {
                **self.admin_site.each_context(request),
                "title": gettext("Refuse a registration"),
                "opts": self.model._meta,
                "registration": obj,
                "form": form,
            }
            return TemplateResponse(
                request, "admin/events/registration/refuse.html", context, status=400
            )
        try:
            staff_services.registration_refuse_by_staff(
                registration=obj, by=authenticated_user(request), reason=form.cleaned_data["reason"]
            )
        except (HubError, ValidationError) as exc:
            self.message_user(request, error_text(exc), messages.ERROR)
        else:
            self.message_user(request, gettext("The registration is refused."), messages.SUCCESS)
        return self._back(obj)
