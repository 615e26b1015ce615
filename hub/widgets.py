"""Form widgets shared by every app."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

#: The template that loads what a picker needs (Tom Select and static/js/pickers.js), with the
#: page's CSP nonce; every page whose forms use a picker includes it in its `head` block.
PICKER_ASSETS_TEMPLATE = "hub/partials/_picker_assets.html"


class PickerSelectMultiple(forms.SelectMultiple):
    """A plain ``<select multiple>`` that static/js/pickers.js turns into a searchable picker.

    Without JavaScript it stays a native list, so the form still works. The picker's own
    texts travel as data attributes, translated in the language of the page. Pages load the
    picker with ``{% include "hub/partials/_picker_assets.html" %}`` (PICKER_ASSETS_TEMPLATE)
    rather than through the form's Media, whose script tags could not carry the CSP nonce.
    """

    def __init__(self, attrs: dict[str, Any] | None = None, choices: Any = ()) -> None:
        super().__init__({"size": 8, **(attrs or {})}, choices)

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        texts = {
            "data-picker": "",
            "data-picker-placeholder": str(_("Type to search")),
            "data-picker-no-results": str(_("No results")),
            # %(item)s: the name of the chosen entry the button removes (pickers.js fills it in).
            "data-picker-remove": str(_("Remove %(item)s")),
        }
        return super().get_context(name, value, {**texts, **(attrs or {})})
