"""Training: working-group toolkits, modules of lessons (readings, videos, documents, quizzes and
branching scenarios), the learners' progress and their certificates.

Every write goes through :mod:`training.services`; the admin and the views call it.
"""

from .modules import Choice, Lesson, Module, Option, Question, Quiz, Scenario, Step
from .progress import (
    Certificate,
    CompletionSummary,
    Enrolment,
    LessonCompletion,
    QuizAnswer,
    QuizAttempt,
    ScenarioMove,
    ScenarioRun,
)
from .toolkits import Provenance, Toolkit, ToolkitArchive, ToolkitItem, WorkingGroup

__all__ = [
    "Certificate",
    "Choice",
    "CompletionSummary",
    "Enrolment",
    "Lesson",
    "LessonCompletion",
    "Module",
    "Option",
    "Provenance",
    "Question",
    "Quiz",
    "QuizAnswer",
    "QuizAttempt",
    "Scenario",
    "ScenarioMove",
    "ScenarioRun",
    "Step",
    "Toolkit",
    "ToolkitArchive",
    "ToolkitItem",
    "WorkingGroup",
]
