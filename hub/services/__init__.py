"""Everything in hub that writes: one function per use case, each owning its transaction."""

from .access import access_request_approve, access_request_create, access_request_reject
from .audit import audit_record
from .email import email_send, email_user, site_url
from .taxonomy import scn_data_load, taxonomy_item_delete, taxonomy_item_save
from .users import (
    user_reactivate,
    user_set_language,
    user_suspend,
    user_update,
    user_update_profile,
)

__all__ = [
    "access_request_approve",
    "access_request_create",
    "access_request_reject",
    "audit_record",
    "email_send",
    "email_user",
    "scn_data_load",
    "site_url",
    "taxonomy_item_delete",
    "taxonomy_item_save",
    "user_reactivate",
    "user_set_language",
    "user_suspend",
    "user_update",
    "user_update_profile",
]
