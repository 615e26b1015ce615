"""Password rules in the reader's language.

Django 5.2 reworded the "too short" message; its Arabic catalogue still has only the old
wording, so Arabic pages showed it in English. The hub words it itself (translated in
locale/), with the same rule.
"""

from __future__ import annotations

from django.contrib.auth.password_validation import MinimumLengthValidator as DjangoMinimumLength
from django.utils.translation import ngettext


class MinimumLengthValidator(DjangoMinimumLength):
    def get_error_message(self) -> str:
        return ngettext(
            "This password is too short. It must contain at least %(min_length)d character.",
            "This password is too short. It must contain at least %(min_length)d characters.",
            self.min_length,
        ) % {"min_length": self.min_length}
