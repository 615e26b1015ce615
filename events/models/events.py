"""The event itself: its kind, time (in its own time zone), place, cities, and outputs."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from hub.models import City, Region, Theme
from hub.timezones import validate_time_zone

if TYPE_CHECKING:
    from datetime import datetime

    from django.contrib.auth.models import AnonymousUser

    from hub.models import User


class Provenance(models.TextChoices):
    PROGRAMME_2019 = (
        "programme_2019",
        pgettext_lazy("provenance", "From the SCN Programme Summary (2019)"),
    )
    HUB = "hub", pgettext_lazy("provenance", "Entered on the hub")
    DEMO = "demo", pgettext_lazy("provenance", "Demo content")


class EventQuerySet(models.QuerySet["Event"]):
    def visible_to(self, user: User | AnonymousUser) -> EventQuerySet:
        """The one rule of who sees an event: staff see all; a member sees events for all
        members, and events for invited cities when their city (or they) are invited."""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        from hub.permissions import is_staff_curator

        if is_staff_curator(user):
            return self
        return self.filter(Q(visibility=Event.Visibility.MEMBERS) | _invited(user))

    def visibility_class(self, user: User | AnonymousUser) -> tuple[str, EventQuerySet | None]:
        """Who `user` is to visible_to, as what readers who see exactly the same events share:
        ("nobody", None), ("staff", None) (every event), or ("member", the restricted events
        they may see: those for invited cities their city or they are invited to). Two members
        with the same restricted events see the same events."""
        if not user.is_authenticated or not user.is_active:
            return "nobody", None
        from hub.permissions import is_staff_curator

        if is_staff_curator(user):
            return "staff", None
        return "member", self.filter(_invited(user))


def _invited(user: User) -> Q:
    """The events for invited cities `user`'s city or `user` is invited to. A member of no
    city is invited only in person (`city=None` would be every personal invitation's row)."""
    invitations = Q(user=user.pk)
    if user.city_id is not None:
        invitations |= Q(city=user.city_id)
    return Q(
        visibility=Event.Visibility.INVITED,
        pk__in=Invitation.objects.filter(invitations).values("event_id"),
    )


#: What participants are told about when it changes (events.services.notifications), and what
#: makes the event's revision (`Event.sequence`) go up: events 0007 lists the same columns, and
#: the untranslated `location_note` that modeltranslation keeps beside them.
TIME_AND_PLACE = (
    "starts_at",
    "ends_at",
    "time_zone",
    "venue_city_id",
    "venue",
    # The place's note is translated: its columns in each language.
    "location_note_en",
    "location_note_fr",
    "location_note_ar",
    "is_online",
    "online_url",
)


def not_over(now: datetime, *, prefix: str = "") -> Q:
    """Events not over at `now` (their end, or their start when they have none, not passed;
    none known only by their year): of Event, or through `prefix` (``"event__"``) of a model
    that points at one. The calendar's upcoming list, the boundary its cache keys hold
    (events.calendar_cache) and the participants told of a change all use this."""
    return Q(**{f"{prefix}starts_at__isnull": False}) & (
        Q(**{f"{prefix}ends_at__gte": now})
        | Q(**{f"{prefix}ends_at__isnull": True, f"{prefix}starts_at__gte": now})
    )


class Event(models.Model):
    class Kind(models.TextChoices):
        GLOBAL_SUMMIT = "global_summit", pgettext_lazy("event kind", "Global summit")
        REGIONAL_WORKSHOP = "regional_workshop", pgettext_lazy("event kind", "Regional workshop")
        CITY_EXCHANGE = "city_exchange", pgettext_lazy("event kind", "City exchange")
        CONSULTATION = "consultation", pgettext_lazy("event kind", "Consultation")
        UN_EVENT = "un_event", pgettext_lazy("event kind", "UN event")
        YOUTH_LAB = "youth_lab", pgettext_lazy("event kind", "Youth lab")
        TRAINING_WORKSHOP = "training_workshop", pgettext_lazy("event kind", "Training workshop")
        WEBINAR = "webinar", pgettext_lazy("event kind", "Webinar")
        # Two more the programme's own list holds (events.csv): launches and taskforce meetings.
        LAUNCH = "launch", pgettext_lazy("event kind", "Launch")
        TASKFORCE = "taskforce", pgettext_lazy("event kind", "Taskforce meeting")

    class Registration(models.TextChoices):
        OPEN = "open", pgettext_lazy("registration mode", "Open")
        APPROVAL = "approval", pgettext_lazy("registration mode", "On approval")
        INVITATION = "invitation", pgettext_lazy("registration mode", "By invitation only")
        CLOSED = "closed", pgettext_lazy("registration mode", "Closed")

    class Visibility(models.TextChoices):
        MEMBERS = "members", pgettext_lazy("event visibility", "All members")
        INVITED = "invited", pgettext_lazy("event visibility", "Invited cities")
        STAFF = "staff", pgettext_lazy("event visibility", "SCN staff")

    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=250)
    description = models.TextField(_("description"), blank=True, max_length=10000)
    # Stored in UTC; shown in `time_zone` (and in the reader's, when it differs).
    starts_at = models.DateTimeField(_("starts at"), null=True, blank=True)
    ends_at = models.DateTimeField(_("ends at"), null=True, blank=True)
    time_zone = models.CharField(
        _("time zone"), max_length=64, default="UTC", validators=[validate_time_zone]
    )
    # Past events known only by their year (and perhaps month): never an invented date.
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    month = models.PositiveSmallIntegerField(_("month"), null=True, blank=True)
    venue_city = models.ForeignKey(
        City,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="events_hosted_at",
        verbose_name=_("venue city"),
    )
    venue = models.CharField(_("venue"), max_length=300, blank=True)
    location_note = models.CharField(_("place"), max_length=300, blank=True)
    # The regions the event concerns: those of its cities, and the programme's own region for
    # the events it names no city of (the calendar filters by region).
    regions: models.ManyToManyField[Region, Any] = models.ManyToManyField(
        Region, blank=True, related_name="events", verbose_name=_("regions")
    )
    is_online = models.BooleanField(_("online"), default=False)
    # Shown only to confirmed participants.
    online_url = models.URLField(_("online meeting address"), blank=True, max_length=500)
    themes: models.ManyToManyField[Theme, Any] = models.ManyToManyField(
        Theme, blank=True, related_name="events", verbose_name=_("themes")
    )
    capacity = models.PositiveIntegerField(_("places"), null=True, blank=True)
    registration = models.CharField(
        _("registration"), max_length=12, choices=Registration.choices, default=Registration.CLOSED
    )
    registration_deadline = models.DateTimeField(_("registration deadline"), null=True, blank=True)
    visibility = models.CharField(
        _("visible to"), max_length=10, choices=Visibility.choices, default=Visibility.MEMBERS
    )
    participants_note = models.CharField(_("participants"), max_length=300, blank=True)
    report = models.TextField(_("short report"), blank=True, max_length=10000)
    provenance = models.CharField(
        _("provenance"), max_length=20, choices=Provenance.choices, default=Provenance.HUB
    )
    source_number = models.PositiveSmallIntegerField(
        _("number in the programme summary"), null=True, blank=True, unique=True
    )
    # Confirmed participants; kept by events.services under the event's row lock.
    confirmed_count = models.PositiveIntegerField(_("confirmed participants"), default=0)
    attendee_data_removed_at = models.DateTimeField(
        _("attendee data removed at"), null=True, blank=True
    )
    # The revision of its time and place (the calendar files' SEQUENCE, so calendars replace
    # the event they hold): the database adds one at every change of TIME_AND_PLACE, whatever
    # writes it (events 0007); anything written here is ignored.
    sequence = models.PositiveIntegerField(_("revision of its time and place"), default=0)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = EventQuerySet.as_manager()

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["-starts_at", "-year", "-month", "slug"]
        indexes = [
            models.Index(fields=["starts_at"], name="event_starts_at"),
            # When it is over: the calendar lists' next boundary (events.calendar_cache).
            models.Index(Coalesce("ends_at", "starts_at"), name="event_over_at"),
        ]
        constraints = [
            # The programme summary dates four of its events by no year at all.
            models.CheckConstraint(
                condition=Q(starts_at__isnull=False)
                | Q(year__isnull=False)
                | Q(provenance=Provenance.PROGRAMME_2019),
                name="event_has_a_time",
                violation_error_message=_("Give the event a start, or at least its year."),
            ),
            models.CheckConstraint(
                condition=Q(ends_at__isnull=True)
                | Q(starts_at__isnull=True)
                | Q(ends_at__gte=models.F("starts_at")),
                name="event_ends_after_start",
                violation_error_message=_("The event cannot end before it starts."),
            ),
            models.CheckConstraint(
                condition=Q(month__isnull=True) | (Q(month__gte=1) & Q(month__lte=12)),
                name="event_month_range",
            ),
            models.CheckConstraint(
                condition=Q(capacity__isnull=True) | Q(confirmed_count__lte=models.F("capacity")),
                name="event_never_over_capacity",
                violation_error_message=_("The event is full."),
            ),
        ]

    def __str__(self) -> str:
        return self.title


class EventCity(models.Model):
    """A city involved in an event: the host, a visiting city (exchanges), or a participant."""

    class Role(models.TextChoices):
        HOST = "host", pgettext_lazy("event city", "Host")
        VISITOR = "visitor", pgettext_lazy("event city", "Visiting city")
        PARTICIPANT = "participant", pgettext_lazy("event city", "Took part")

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="cities", verbose_name=_("event")
    )
    city = models.ForeignKey(
        City, on_delete=models.CASCADE, related_name="event_roles", verbose_name=_("city")
    )
    role = models.CharField(_("role"), max_length=12, choices=Role.choices)

    class Meta:
        verbose_name = _("city of an event")
        verbose_name_plural = _("cities of an event")
        constraints = [
            models.UniqueConstraint(fields=["event", "city", "role"], name="eventcity_once"),
        ]

    def __str__(self) -> str:
        return f"{self.city} ({self.get_role_display()})"


class Invitation(models.Model):
    """Who is invited to an invitation-only event, or may see an event for invited cities."""

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="invitations", verbose_name=_("event")
    )
    city = models.ForeignKey(
        City,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("city"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="event_invitations",
        verbose_name=_("person"),
    )

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        constraints = [
            models.CheckConstraint(
                condition=(Q(city__isnull=False) & Q(user__isnull=True))
                | (Q(city__isnull=True) & Q(user__isnull=False)),
                name="invitation_city_or_person",
                violation_error_message=_("Invite either a city or a person."),
            ),
            models.UniqueConstraint(fields=["event", "city"], name="invitation_city_once"),
            models.UniqueConstraint(fields=["event", "user"], name="invitation_user_once"),
        ]

    def __str__(self) -> str:
        return str(self.city or self.user)


class EventOutput(models.Model):
    """What an event left behind: a library document (summary, presentation, communiqué)."""

    class Kind(models.TextChoices):
        SUMMARY = "summary", pgettext_lazy("event output", "Summary")
        PRESENTATION = "presentation", pgettext_lazy("event output", "Presentation")
        COMMUNIQUE = "communique", pgettext_lazy("event output", "Communiqué")
        OTHER = "other", pgettext_lazy("event output", "Other")

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="outputs", verbose_name=_("event")
    )
    document = models.ForeignKey(
        "library.Document",
        on_delete=models.CASCADE,
        related_name="event_outputs",
        verbose_name=_("document"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.SUMMARY)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("event output")
        verbose_name_plural = _("event outputs")
        ordering = ["event", "position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["event", "document"], name="eventoutput_once"),
        ]

    def __str__(self) -> str:
        return str(self.document)
