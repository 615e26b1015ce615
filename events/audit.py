"""Events' actions in the audit log (hub.audit)."""

from django.utils.translation import gettext_lazy as _

from hub import audit

ATTENDEE_DATA_REMOVED = audit.action(
    "events.attendee_data_removed", _("attendee data of an event removed")
)
REGISTRATION_APPROVED = audit.action(
    "events.registration_approved", _("registration for an event approved")
)
REGISTRATION_REFUSED = audit.action(
    "events.registration_refused", _("registration for an event refused")
)
CAPACITY_CHANGED = audit.action("events.capacity_changed", _("places of an event changed"))
ATTENDANCE_MARKED = audit.action("events.attendance_marked", _("attendance at an event marked"))
TIME_OR_PLACE_CHANGED = audit.action(
    "events.time_or_place_changed", _("time or place of an event changed")
)
