"""Admin of the event: its text in language tabs, its cities, questions, invitations and
outputs. A change of its places goes to the registration services
(events.services.staff.event_capacity_change, audited: the waiting list is promoted); the rest
is saved here.

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
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.html import format_html
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin, TranslationStackedInline

from events.models import Event, EventCity, EventOutput, Invitation, Question, Registration
from events.selectors import has_ended
from events.services import staff as staff_services
from hub.admin_actions import error_text
from hub.errors import HubError
from hub.http import authenticated_user
from hub.timezones import time_zone_names

if TYPE_CHECKING:
    from django.db.models import QuerySet
    from django.http import HttpRequest

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
    # Not a column: what the save does when the time or the place changes (events.services.
    # staff.event_time_or_place_changed). On the change page only.
    tell_participants = forms.BooleanField(
        label=_("Email the participants if the time or the place changes"),
        required=False,
        initial=True,
        help_text=_(
            "Everyone registered (confirmed, on the waiting list or awaiting approval) receives "
            "the new details and the calendar file, in their language. Untick it to correct a "
            "detail without writing to them."
        ),
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
        (_("Participants"), {"fields": ["tell_participants"]}),
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

    def get_fieldsets(self, request: HttpRequest, obj: Any = None) -> Any:
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None:
            # A new event has nobody to tell.
            return [fs for fs in fieldsets if fs[1]["fields"] != ["tell_participants"]]
        return fieldsets

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

    def _time_or_place_changed(
        self, request: HttpRequest, obj: Event, before: dict[str, Any], data: dict[str, Any]
    ) -> None:
        tell = bool(data.get("tell_participants"))
        changed = staff_services.event_time_or_place_changed(
            event=obj, before=before, by=authenticated_user(request), tell=tell
        )
        obj.refresh_from_db(fields=["sequence"])
        if not changed:
            return
        participants = obj.registrations.filter(status__in=Registration.ACTIVE_STATUSES).count()
        if not participants:
            return
        if tell and not has_ended(obj):
            text = ngettext(
                "The time or place changed: %(count)d participant will be emailed the new details.",
                "The time or place changed: %(count)d participants will be emailed the new "
                "details.",
                participants,
            )
        else:
            text = ngettext(
                "The time or place changed: %(count)d participant was not emailed.",
                "The time or place changed: %(count)d participants were not emailed.",
                participants,
            )
        self.message_user(request, text % {"count": participants}, messages.INFO)

    def save_model(self, request: HttpRequest, obj: Event, form: Any, change: bool) -> None:
        # The places go through the registration service (the waiting list is promoted, fewer
        # places than confirmed participants refused); everything else is saved here, without
        # the counts the database keeps.
        by = authenticated_user(request)
        capacity = obj.capacity
        if change:
            before = staff_services.time_and_place(obj)
            obj.capacity = Event.objects.filter(pk=obj.pk).values_list("capacity", flat=True)[0]
            fields = [
                f.attname
                for f in Event._meta.concrete_fields
                if not f.primary_key
                and f.attname not in {"capacity", "confirmed_count", "created_at", "sequence"}
            ]
            obj.save(update_fields=fields)
            self._time_or_place_changed(request, obj, before, form.cleaned_data)
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
