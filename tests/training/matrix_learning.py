"""Learning's part of the training matrix: every active account may learn; a draft module is a
404 to all but staff curators; a learner's attempt is theirs alone (anyone else's is a 404).

`module` is a published module of a reading, a quiz and a scenario; `draft` an unpublished
one. member_b submitted an attempt at the quiz (`attempt_b`), member_a too (`attempt_a`).
"""

from __future__ import annotations

from tests.kit.matrix import Budget, R, codes
from tests.training.factories import LessonFactory, ModuleFactory, module_with_lessons
from training.models import Lesson, Option, Question, QuizAnswer
from training.services import progress


def _lesson_kwargs(lesson):
    return {"slug": lesson.module.slug, "position": lesson.position}


def _submitted_attempt(user, lesson):
    enrolment = progress.enrolment_create(user=user, module=lesson.module, by=user)
    attempt = progress.quiz_attempt_start(enrolment=enrolment, quiz=lesson.quiz, by=user)
    return progress.quiz_attempt_submit(attempt=attempt, by=user)


def objects(personas):
    users = personas.users
    module = module_with_lessons()
    draft = module_with_lessons(is_published=False)
    lessons = {lesson.kind: lesson for lesson in module.lessons.all()}
    quiz = lessons[Lesson.Kind.QUIZ]
    attempts = {
        f"learning_attempt_{who}": {
            **_lesson_kwargs(quiz),
            "attempt": _submitted_attempt(users[f"member_{who}"], quiz).pk,
        }
        for who in ("a", "b")
    }
    return {
        "learning_module": {"slug": module.slug},
        "learning_draft": {"slug": draft.slug},
        "learning_reading": _lesson_kwargs(lessons[Lesson.Kind.READING]),
        "learning_quiz": _lesson_kwargs(quiz),
        "learning_scenario": _lesson_kwargs(lessons[Lesson.Kind.SCENARIO]),
        "learning_draft_lesson": _lesson_kwargs(draft.lessons.first()),
        "learning_quiz_lesson": quiz,
        **attempts,
    }


def _modules(personas, objects, n):
    """n more modules, each with a lesson, member_a enrolled in each."""
    member_a = personas.users["member_a"]
    for _ in range(n):
        module = ModuleFactory()
        lesson = LessonFactory(module=module)
        enrolment = progress.enrolment_create(user=member_a, module=module, by=member_a)
        progress.lesson_complete(enrolment=enrolment, lesson=lesson)


def _lessons(personas, objects, n):
    """n more lessons in the module, member_a enrolled and each of them complete."""
    from training.models import Module

    member_a = personas.users["member_a"]
    module = Module.objects.get(slug=objects["learning_module"]["slug"])
    enrolment = progress.enrolment_create(user=member_a, module=module, by=member_a)
    for _ in range(n):
        progress.lesson_complete(enrolment=enrolment, lesson=LessonFactory(module=module))
        prerequisite = ModuleFactory()
        module.prerequisites.add(prerequisite)


def _answers(personas, objects, n):
    """n more questions of the quiz, each answered in member_a's attempt."""
    quiz = objects["learning_quiz_lesson"].quiz
    attempt = quiz.attempts.get(enrolment__user=personas.users["member_a"])
    for _ in range(n):
        question = Question.objects.create(quiz=quiz, position=9, text_en="More?")
        right = Option.objects.create(question=question, text_en="Yes", is_correct=True)
        Option.objects.create(question=question, text_en="No", feedback_en="Not quite.")
        QuizAnswer.objects.create(
            attempt=attempt, question=question, option_ids=[right.pk], is_correct=True
        )


def _target(key):
    return lambda objects: objects[key]


LIST = "training:module-list"
MODULE = "training:module-detail"
LESSON = "training:lesson-detail"
ATTEMPT = "training:attempt-detail"

ENTRIES = {
    (LIST, None, "get"): codes(R, R, 200, 200, 200, 200),
    (MODULE, "learning_module", "get"): codes(R, R, 200, 200, 200, 200),
    (MODULE, "learning_draft", "get"): codes(R, R, 404, 404, 404, 200),
    (LESSON, "learning_reading", "get"): codes(R, R, 200, 200, 200, 200),
    (LESSON, "learning_quiz", "get"): codes(R, R, 200, 200, 200, 200),
    (LESSON, "learning_scenario", "get"): codes(R, R, 200, 200, 200, 200),
    (LESSON, "learning_draft_lesson", "get"): codes(R, R, 404, 404, 404, 200),
    (ATTEMPT, "learning_attempt_a", "get"): codes(R, R, 200, 404, 404, 404),
    (ATTEMPT, "learning_attempt_b", "get"): codes(R, R, 404, 200, 404, 404),
    # Every action is a POST; a GET of one is refused.
    ("training:enrol", "learning_module", "get"): codes(R, R, 405, 405, 405, 405),
    ("training:quiz-submit", "learning_attempt_a", "get"): codes(R, R, 405, 405, 405, 405),
    # Writes, last.
    ("training:enrol", "learning_module", "post"): codes(R, R, R, R, R, R),
    ("training:enrol", "learning_draft", "post"): codes(R, R, 404, 404, 404, R),
    ("training:lesson-done", "learning_reading", "post"): codes(R, R, R, R, R, R),
    # A quiz is not marked done by hand.
    ("training:lesson-done", "learning_quiz", "post"): codes(R, R, 400, 400, 400, 400),
    ("training:lesson-done", "learning_draft_lesson", "post"): codes(R, R, 404, 404, 404, R),
    ("training:quiz-start", "learning_quiz", "post"): codes(R, R, R, R, R, R),
    # Nothing chosen (no DATA): the learner's own attempt says so; anyone else's is a 404.
    ("training:quiz-answer", "learning_attempt_a", "post"): codes(R, R, 400, 404, 404, 404),
    ("training:quiz-answer", "learning_attempt_b", "post"): codes(R, R, 404, 400, 404, 404),
    ("training:quiz-submit", "learning_attempt_a", "post"): codes(R, R, R, 404, 404, 404),
    ("training:quiz-submit", "learning_attempt_b", "post"): codes(R, R, 404, R, 404, 404),
    # No choice (no DATA): refused with a message.
    ("training:scenario-choose", "learning_scenario", "post"): codes(R, R, 400, 400, 400, 400),
    ("training:scenario-replay", "learning_scenario", "post"): codes(R, R, R, R, R, R),
}

DATA: dict[str, dict[str, str]] = {}

# Every member page reads the user (the session comes from Redis); then, per page:
BUDGETS = {
    # + the modules with their working groups and lesson counts, their themes, the learner's
    # enrolments, the languages of every module (one statement)
    LIST: Budget(5, _modules),
    # + the module, its themes, its lessons, the enrolment (with its certificate and the
    # lessons it completed), the prerequisites with whether each is met, the languages
    MODULE: Budget(7, _lessons, target=_target("learning_module")),
    # + the enrolment with the lessons it completed and the content generation; the lesson
    # with its module, the module's lessons (inside the test's transaction the content is not
    # cached, training.lesson_content; outside one it is, and a hit is two queries for every
    # kind: tests/training/test_learning_pages.py, test_lesson_content.py)
    LESSON: Budget(4, _lessons, target=_target("learning_reading")),
    # + the lesson with its module, the attempt; the lesson page's reads (the enrolment with
    # its completions and the content generation, the attempts in figures); the answers, the
    # questions and their options; and, not cached inside the test's transaction, the lesson
    # content's four (the lesson with its module, the module's lessons, the quiz's options
    # and questions): eight outside one (tests/training/test_lesson_content.py)
    ATTEMPT: Budget(8 + 4, _answers, target=_target("learning_attempt_a")),
}
