"""The hub's own training modules, as data: one Python module per training module.

Each holds ``MODULE``, a dict the loader (:mod:`training.services.content.loader`) writes to
the database: texts in English, French and Arabic (``t(en, fr, ar)``), reading text as simple
HTML, stable keys for lessons (UUIDs) and scenario steps (slugs). Questions, answers and choices
are matched by their order.
"""

from .counter_narratives import MODULE as COUNTER_NARRATIVES
from .individual_interventions import MODULE as INDIVIDUAL_INTERVENTIONS

MODULES = [COUNTER_NARRATIVES, INDIVIDUAL_INTERVENTIONS]

__all__ = ["COUNTER_NARRATIVES", "INDIVIDUAL_INTERVENTIONS", "MODULES"]
