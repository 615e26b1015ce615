"""Services that change a row from a dict of field names: one check of what may be changed."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping


def refuse_unknown_fields(changes: Mapping[str, Any], *allowed: Iterable[str]) -> None:
    """Raise ValidationError (`unknown_field`) when `changes` names a field outside `allowed`.

    Each of `allowed` is a set of names (plain fields, relations, ...) the service may change.
    """
    unknown = set(changes).difference(*allowed)
    if unknown:
        raise ValidationError(
            _("These fields cannot be changed here: %(fields)s.")
            % {"fields": ", ".join(sorted(unknown))},
            code="unknown_field",
        )
