"""City profiles' actions in the audit log (hub.audit)."""

from django.utils.translation import gettext_lazy as _

from hub import audit

# Editing and publication
DRAFT_SAVED = audit.action("cityprofiles.draft_saved", _("profile draft saved"))
DRAFT_SUBMITTED = audit.action("cityprofiles.draft_submitted", _("profile draft sent for review"))
DRAFT_RETURNED = audit.action("cityprofiles.draft_returned", _("profile draft returned"))
DRAFT_DISCARDED = audit.action("cityprofiles.draft_discarded", _("profile draft discarded"))
PROFILE_PUBLISHED = audit.action("cityprofiles.profile_published", _("city profile published"))
EDITORS_CHANGED = audit.action("cityprofiles.editors_changed", _("profile editors changed"))

# Introductions
INTRODUCTION_REQUESTED = audit.action(
    "cityprofiles.introduction_requested", _("introduction requested")
)
INTRODUCTION_STAFF_DECLINED = audit.action(
    "cityprofiles.introduction_staff_declined", _("introduction declined by staff")
)
INTRODUCTION_FORWARDED = audit.action(
    "cityprofiles.introduction_forwarded", _("introduction forwarded")
)
INTRODUCTION_DELEGATED = audit.action(
    "cityprofiles.introduction_delegated", _("introduction passed to a colleague")
)
INTRODUCTION_ACCEPTED = audit.action(
    "cityprofiles.introduction_accepted", _("introduction accepted")
)
INTRODUCTION_DECLINED = audit.action(
    "cityprofiles.introduction_declined", _("introduction declined")
)
INTRODUCTION_EXPIRED = audit.action("cityprofiles.introduction_expired", _("introduction expired"))
INTRODUCTION_WITHDRAWN = audit.action(
    "cityprofiles.introduction_withdrawn", _("introduction withdrawn")
)
INTRODUCTION_FOLLOW_UP_SENT = audit.action(
    "cityprofiles.introduction_follow_up_sent", _("introduction follow-up asked")
)
INTRODUCTION_FOLLOWED_UP = audit.action(
    "cityprofiles.introduction_followed_up", _("introduction follow-up answered")
)
