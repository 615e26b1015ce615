"""Text of one direction inside text of the other, where no HTML can isolate it (flash messages,
which are escaped): Unicode's first-strong isolate, the plain-text twin of <bdi>.

    _("%(name)s now has an account.") % {"name": isolate(user.name)}

Without it a Latin name at the end of an Arabic sentence, or an Arabic one in English, drags
the sentence's full stop to the wrong side. Templates use <bdi>, `|bdi` or dir="auto" instead.
"""

from __future__ import annotations

FIRST_STRONG_ISOLATE = "\u2068"
POP_DIRECTIONAL_ISOLATE = "\u2069"


def isolate(text: object) -> str:
    """`text` between FSI and PDI: laid out in its own direction, neutral to what surrounds it."""
    value = str(text)
    return f"{FIRST_STRONG_ISOLATE}{value}{POP_DIRECTIONAL_ISOLATE}" if value else value
