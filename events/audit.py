"""Events' actions in the audit log (hub.audit)."""

from django.utils.translation import gettext_lazy as _

from hub import audit

ATTENDEE_DATA_REMOVED = audit.action(
    "events.attendee_data_removed", _("attendee data of an event removed")
)
