"""Core models: the shared taxonomy, members and their access, the audit log."""

from .accounts import AccessRequest, User
from .audit import AuditEvent
from .taxonomy import City, Country, Region, Theme

__all__ = ["AccessRequest", "AuditEvent", "City", "Country", "Region", "Theme", "User"]
