"""The actions the audit log knows, named by the app that owns them.

hub imports no other app: each app declares its actions (``library.audit``) with :func:`action`,
and the admin lists and labels them from here. An action's code is namespaced by its app
(``library.document_published``); hub's own actions (``AuditEvent.Action``) keep their short
codes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from django.utils.functional import Promise

MAX_CODE_LENGTH = 80
_labels: dict[str, str | Promise] = {}


def action(code: str, label: str | Promise) -> str:
    """Declare an action of the audit log; returns its code, to pass to ``audit_record``."""
    if len(code) > MAX_CODE_LENGTH:
        raise ValueError(f"audit action code longer than {MAX_CODE_LENGTH}: {code}")
    if _labels.get(code, label) != label:
        raise ValueError(f"audit action {code} declared twice with different labels")
    _labels[code] = label
    return code


def label(code: str) -> str:
    """The action's label in the active language; its code if no app declares it (any more)."""
    return str(_labels.get(code, code))


def is_declared(code: str) -> bool:
    return code in _labels


def choices() -> list[tuple[str, str]]:
    """Every declared action as (code, label), sorted by label in the active language."""
    return sorted(
        ((code, str(text)) for code, text in _labels.items()), key=lambda c: c[1].casefold()
    )
