"""A learner's progress: enrolment, lessons done, quiz attempts and scenario plays, and the
completion of a module. The one write path of these rows, one module per part: ``enrolment``
(enrolment, lessons done, the module's completion), ``quizzes``, ``scenarios``, and the domain
errors (``errors``) a page answers with its HTTP status.

Every write that counts towards completion locks the learner's enrolment first
(``select_for_update``), then the attempt or play it changes, always in that order (a quiz's
answer and submission lock the attempt and its enrolment together, in one statement); the
unique constraints of the models stop what a lock cannot (two first enrolments, two open
attempts).
Repeating a step changes nothing; two requests racing count once. Anything a browser posts is
checked against the server's state: an answer to a question of another quiz, an option of
another question, a choice of another step, a step that is not the current one, an attempt
already submitted — refused, never counted. Scores and grades are worked out here, never read
from a request.
"""

from .enrolment import (
    MARKABLE_KINDS,
    enrolment_create,
    enrolment_create_for_city,
    lesson_complete,
    lesson_mark_done,
)
from .errors import (
    AttemptSubmitted,
    Conflict,
    ModuleUnavailable,
    NoAttemptsLeft,
    NotEnrolled,
    NotMarkable,
    RunEnded,
    StaleStep,
)
from .quizzes import (
    quiz_answer,
    quiz_answer_own,
    quiz_attempt_start,
    quiz_attempt_submit,
    quiz_attempt_submit_own,
)
from .scenarios import scenario_choose, scenario_run_start

__all__ = [
    "MARKABLE_KINDS",
    "AttemptSubmitted",
    "Conflict",
    "ModuleUnavailable",
    "NoAttemptsLeft",
    "NotEnrolled",
    "NotMarkable",
    "RunEnded",
    "StaleStep",
    "enrolment_create",
    "enrolment_create_for_city",
    "lesson_complete",
    "lesson_mark_done",
    "quiz_answer",
    "quiz_answer_own",
    "quiz_attempt_start",
    "quiz_attempt_submit",
    "quiz_attempt_submit_own",
    "scenario_choose",
    "scenario_run_start",
]
