"""Template context every page needs: sections, languages."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.utils import translation

if TYPE_CHECKING:
    from django.http import HttpRequest


def hub(request: HttpRequest) -> dict[str, Any]:
    current = translation.get_language() or settings.LANGUAGE_CODE
    return {
        "hub_languages": [
            {"code": code, "name": translation.get_language_info(code)["name_local"]}
            for code, _name in settings.LANGUAGES
        ],
        "hub_current_language": current,
        "hub_text_direction": "rtl" if translation.get_language_bidi() else "ltr",
    }
