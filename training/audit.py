"""Training's actions in the audit log (hub.audit)."""

from django.utils.translation import gettext_lazy as _

from hub import audit

# Learning (training.services.progress)
ENROLLED = audit.action("training.enrolled", _("enrolled in a training module"))
CITY_ENROLLED = audit.action("training.city_enrolled", _("city's members enrolled in a module"))
MODULE_COMPLETED = audit.action("training.module_completed", _("training module completed"))

# Authoring (the admin)
MODULE_SAVED = audit.action("training.module_saved", _("training module saved"))
LESSON_SAVED = audit.action("training.lesson_saved", _("training lesson saved"))
QUIZ_SAVED = audit.action("training.quiz_saved", _("training quiz saved"))
SCENARIO_SAVED = audit.action("training.scenario_saved", _("training scenario saved"))
CONTENT_DELETED = audit.action("training.content_deleted", _("training content deleted"))

# Certificates (training.services.certificates)
CERTIFICATE_ISSUED = audit.action("training.certificate_issued", _("training certificate issued"))
CERTIFICATE_REVOKED = audit.action(
    "training.certificate_revoked", _("training certificate revoked")
)

# Working groups and toolkits
WORKING_GROUP_CREATED = audit.action("training.working_group_created", _("working group created"))
WORKING_GROUP_CHANGED = audit.action("training.working_group_changed", _("working group changed"))
TOOLKIT_ITEM_ADDED = audit.action("training.toolkit_item_added", _("toolkit item added"))
TOOLKIT_ITEM_REMOVED = audit.action("training.toolkit_item_removed", _("toolkit item removed"))
TOOLKIT_CURATED = audit.action("training.toolkit_curated", _("toolkit curated"))
