"""The hub's own training modules, loaded from the content files (``training.content``).

This is an import (like the programme data on the city profiles): it writes the modules, their
lessons, quizzes and scenarios directly, idempotently, in one transaction. A module is matched
by its slug, a lesson by its key, a question or an answer by its position, a step by its key
and a choice by its position in its step; a row whose values have not changed is not written
again, so loading twice changes nothing. Rows the content file no longer has are removed
(a learner's completion of the module stays: it is kept on the enrolment).

The demo (:func:`demo_training_seed`, `make demo`) adds demo working groups and toolkits
through the toolkit services and demo learners' progress through the learners' own services.

Reading text is sanitised with nh3 (hub.richtext; the content files hold clean HTML already),
every row is ``full_clean``-ed, and every scenario is checked by
:func:`training.scenarios.validate_scenario` before the transaction commits, so a broken file
changes nothing.

The loader is in ``loader``, the demo in ``demo``; both are re-exported here.
"""

from .demo import DemoReport, demo_training_seed
from .loader import ContentReport, module_content_load

__all__ = ["ContentReport", "DemoReport", "demo_training_seed", "module_content_load"]
