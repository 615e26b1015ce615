"""The lesson pages' cached content (training.lesson_content), kept under a generation the
database keeps (migration training 0005): every way content changes — the admin, the authoring
services, a reload of the content files, a queryset update() or delete(), raw SQL — shows on
the next page, and a module taken down is a 404 at once; a transaction that rolls back leaves
nothing behind in the cache."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from hub.services import scn_data_load
from tests.conftest import login
from tests.kit.pages import stable_page
from tests.training.factories import module_with_lessons
from training.lesson_content import GENERATION, content_generation, lesson_content
from training.models import (
    Choice,
    Lesson,
    Module,
    Option,
    Question,
    Quiz,
    QuizAttempt,
    Scenario,
    Step,
)
from training.services import authoring
from training.services.content import module_content_load

# The cache is read outside a transaction only (a test's own transaction would turn it off).
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def learner(member_a):
    client = Client()
    login(client, member_a)
    return client


@pytest.fixture
def staff_client(staff):
    client = Client()
    login(client, staff)
    return client


def _url(lesson, language="en"):
    kwargs = {"slug": lesson.module.slug, "position": lesson.position}
    return f"/{language}" + reverse("training:lesson-detail", kwargs=kwargs)[3:]


def _reading(module):
    return module.lessons.get(kind=Lesson.Kind.READING)


def _generation() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT n FROM hub_search_generation WHERE rows_table = %s", [GENERATION])
        return int(cursor.fetchone()[0])


def _page(client, lesson, language="en") -> tuple[str, int]:
    """The lesson page's HTML (without the nonce and token new on every response) and its
    number of queries."""
    return stable_page(client, _url(lesson, language))


def _html(client, lesson, language="en") -> str:
    return _page(client, lesson, language)[0]


def test_a_lesson_page_is_built_once_then_read_from_the_cache(learner):
    lesson = _reading(module_with_lessons())
    first = _html(learner, lesson)  # the session's first page also writes it
    kept, hit = _page(learner, lesson)
    assert lesson.title_en in first
    # The same page; a hit reads the user, and the enrolment with the generation: no more.
    assert kept == first
    assert hit == 2
    generation = _generation()
    # A queryset update() sends no signal: the database bumps the generation all the same.
    Lesson.objects.filter(pk=lesson.pk).update(title_en="Changed by an update")
    assert _generation() == generation + 1
    page, missed = _page(learner, lesson)
    assert "Changed by an update" in page
    # A miss adds the lesson with its module, and the module's lessons.
    assert missed == 4
    assert _page(learner, lesson) == (page, 2)


def test_a_submitted_attempt_s_page_reads_the_content_from_the_cache(learner, member_a):
    module = module_with_lessons()
    quiz = _quiz_started(learner, module)
    attempt = QuizAttempt.objects.get(quiz__lesson=quiz, enrolment__user=member_a)
    kwargs = {"slug": module.slug, "position": quiz.position, "attempt": attempt.pk}
    submitted = learner.post(reverse("training:quiz-submit", kwargs=kwargs))
    assert submitted.status_code == 302
    url = reverse("training:attempt-detail", kwargs=kwargs)
    first = learner.get(url)
    with CaptureQueriesContext(connection) as queries:
        kept = learner.get(url)
    assert kept.status_code == first.status_code == 200
    # The user, the lesson with its module, the attempt; the enrolment with the generation,
    # the attempts in figures; the answers, the questions and their options.
    assert len(queries) == 8
    Question.objects.filter(quiz__lesson=quiz, position=1).update(text_en="Renamed question?")
    assert "Renamed question?" in learner.get(url).content.decode()


def test_the_kept_page_is_the_page_built_from_the_rows_byte_for_byte(learner):
    module = module_with_lessons()
    quiz = module.lessons.get(kind=Lesson.Kind.QUIZ)
    learner.post(
        reverse("training:quiz-start", kwargs={"slug": module.slug, "position": quiz.position})
    )
    for lesson in module.lessons.all():
        for language in ("en", "fr", "ar"):
            cache.clear()  # the session is in the database: only the content goes
            built = _html(learner, lesson, language)
            assert _html(learner, lesson, language) == built, (lesson.kind, language)


def test_each_language_has_its_own_cached_content(learner):
    lesson = _reading(module_with_lessons())
    english = learner.get(_url(lesson, "en")).content.decode()
    arabic = learner.get(_url(lesson, "ar")).content.decode()
    assert lesson.title_en in english
    assert lesson.title_ar in arabic
    assert lesson.title_ar not in english


def test_an_admin_edit_of_a_lesson_shows_on_the_next_page(learner, staff_client):
    lesson = _reading(module_with_lessons())
    assert "A new first paragraph." not in learner.get(_url(lesson)).content.decode()
    data = {
        "module": str(lesson.module_id),
        "position": str(lesson.position),
        "title_en": "Listening, revised",
        "title_fr": lesson.title_fr,
        "title_ar": lesson.title_ar,
        "is_required": "on",
        "minutes": "7",
        "body_en": "<p>A new first paragraph.</p><script>alert(1)</script>",
        "body_fr": lesson.body_fr,
        "body_ar": lesson.body_ar,
    }
    response = staff_client.post(reverse("admin:training_lesson_change", args=[lesson.pk]), data)
    assert response.status_code == 302
    page = learner.get(_url(lesson)).content.decode()
    assert "<p>A new first paragraph.</p>" in page
    assert "Listening, revised" in page
    assert "alert(1)" not in page


def test_an_admin_edit_of_a_quiz_answer_shows_on_the_question_page(learner, staff_client):
    module = module_with_lessons()
    quiz = module.lessons.get(kind=Lesson.Kind.QUIZ)
    learner.post(
        reverse("training:quiz-start", kwargs={"slug": module.slug, "position": quiz.position})
    )
    assert "Listen" in learner.get(_url(quiz)).content.decode()
    question = quiz.quiz.questions.get(position=1)
    options = list(question.options.order_by("position"))
    data = {
        "quiz": str(question.quiz_id),
        "position": "1",
        "kind": question.kind,
        "text_en": "What do you do first?",
        "text_fr": question.text_fr,
        "text_ar": question.text_ar,
        "options-TOTAL_FORMS": "2",
        "options-INITIAL_FORMS": "2",
        "options-MIN_NUM_FORMS": "0",
        "options-MAX_NUM_FORMS": "1000",
    }
    for n, (option, text) in enumerate(zip(options, ["Listen closely", "Report"], strict=True)):
        data |= {
            f"options-{n}-id": str(option.pk),
            f"options-{n}-question": str(question.pk),
            f"options-{n}-position": str(n + 1),
            f"options-{n}-text_en": text,
            f"options-{n}-text_fr": option.text_fr,
            f"options-{n}-text_ar": option.text_ar,
            f"options-{n}-feedback_en": "",
        }
        if option.is_correct:
            data[f"options-{n}-is_correct"] = "on"
    url = reverse("admin:training_question_change", args=[question.pk])
    assert staff_client.post(url, data).status_code == 302
    page = learner.get(_url(quiz)).content.decode()
    assert "What do you do first?" in page
    assert "Listen closely" in page


def test_a_module_taken_down_is_a_404_at_once_though_its_lessons_were_cached(learner, staff):
    module = module_with_lessons()
    lesson = _reading(module)
    assert learner.get(_url(lesson)).status_code == 200
    authoring.module_publish(module=module, by=staff, published=False)
    assert learner.get(_url(lesson)).status_code == 404
    staff_client = Client()
    login(staff_client, staff)
    assert staff_client.get(_url(lesson)).status_code == 200  # staff still see drafts


def test_a_reload_of_the_content_files_shows_on_the_next_page(learner):
    scn_data_load()
    module_content_load()
    lesson = Lesson.objects.filter(
        module__slug="counter-narrative-campaigns", kind=Lesson.Kind.READING
    ).order_by("position")[0]
    original = lesson.title_fr
    assert original.replace("'", "&#x27;") in _html(learner, lesson, "fr")
    # Changed in the database without a signal (as a bulk fix would): shown at once.
    Lesson.objects.filter(pk=lesson.pk).update(title_fr="Un titre changé à la main")
    assert "Un titre changé à la main" in _html(learner, lesson, "fr")

    module_content_load()

    page = _html(learner, lesson, "fr")
    assert "Un titre changé à la main" not in page
    assert original.replace("'", "&#x27;") in page


def test_the_pages_are_built_from_the_database_when_the_cache_is_away(learner):
    lesson = _reading(module_with_lessons())
    _html(learner, lesson)
    cache.clear()
    Module.objects.filter(pk=lesson.module_id).update(title_en="A module renamed")
    assert "A module renamed" in _html(learner, lesson)


def _quiz_started(learner, module) -> Lesson:
    quiz = module.lessons.get(kind=Lesson.Kind.QUIZ)
    kwargs = {"slug": module.slug, "position": quiz.position}
    assert learner.post(reverse("training:quiz-start", kwargs=kwargs)).status_code == 302
    return quiz


def _sql(statement: str, params: list) -> None:
    with connection.cursor() as cursor:
        cursor.execute(statement, params)


# Each table the cached content reads, changed by a queryset update() and by raw SQL (psql, a
# fix by hand): (the lesson's kind, the change, what the page then shows).
WRITES = {
    "module": (
        Lesson.Kind.READING,
        lambda m: Module.objects.filter(pk=m.pk).update(title_en="Module by update"),
        "Module by update",
    ),
    "module-sql": (
        Lesson.Kind.READING,
        lambda m: _sql("UPDATE training_module SET title_en = %s WHERE id = %s", ["Raw m", m.pk]),
        "Raw m",
    ),
    "lesson-body": (
        Lesson.Kind.READING,
        lambda m: Lesson.objects.filter(module=m, kind=Lesson.Kind.READING).update(
            body_en="<p>A body by update.</p>"
        ),
        "<p>A body by update.</p>",
    ),
    "lesson-sql": (
        Lesson.Kind.READING,
        lambda m: _sql(
            "UPDATE training_lesson SET body_en = %s WHERE module_id = %s",
            ["<p>Raw body.</p>", m.pk],
        ),
        "<p>Raw body.</p>",
    ),
    "quiz": (
        Lesson.Kind.QUIZ,
        lambda m: Quiz.objects.filter(lesson__module=m).update(pass_mark=77),
        "pass mark 77%",
    ),
    "question": (
        Lesson.Kind.QUIZ,
        lambda m: Question.objects.filter(quiz__lesson__module=m).update(text_en="Asked anew?"),
        "Asked anew?",
    ),
    "question-sql": (
        Lesson.Kind.QUIZ,
        lambda m: _sql(
            "UPDATE training_question SET text_en = %s WHERE quiz_id IN (SELECT q.id FROM "
            "training_quiz q JOIN training_lesson l ON l.id = q.lesson_id WHERE l.module_id = %s)",
            ["Raw question?", m.pk],
        ),
        "Raw question?",
    ),
    "option": (
        Lesson.Kind.QUIZ,
        lambda m: Option.objects.filter(question__quiz__lesson__module=m, position=1).update(
            text_en="Answer by update"
        ),
        "Answer by update",
    ),
    "option-sql": (
        Lesson.Kind.QUIZ,
        lambda m: _sql("UPDATE training_option SET text_en = %s WHERE position = 1", ["Raw a"]),
        "Raw a",
    ),
    "scenario": (
        Lesson.Kind.SCENARIO,
        lambda m: Scenario.objects.filter(lesson__module=m).update(
            start=Step.objects.get(scenario__lesson__module=m, key="good")
        ),
        "He talks.",
    ),
    "step": (
        Lesson.Kind.SCENARIO,
        lambda m: Step.objects.filter(key="start").update(situation_en="A new situation."),
        "A new situation.",
    ),
    "step-sql": (
        Lesson.Kind.SCENARIO,
        lambda m: _sql("UPDATE training_step SET situation_en = %s", ["Raw situation."]),
        "Raw situation.",
    ),
    "choice": (
        Lesson.Kind.SCENARIO,
        lambda m: Choice.objects.filter(position=1).update(text_en="Choice by update"),
        "Choice by update",
    ),
    "choice-sql": (
        Lesson.Kind.SCENARIO,
        lambda m: _sql("UPDATE training_choice SET text_en = %s", ["Raw choice"]),
        "Raw choice",
    ),
}


@pytest.mark.parametrize("write", sorted(WRITES))
def test_a_write_to_any_content_table_that_sends_no_signal_shows_at_once(learner, write):
    kind, change, shown = WRITES[write]
    module = module_with_lessons()
    if kind == Lesson.Kind.QUIZ:
        _quiz_started(learner, module)
    lesson = module.lessons.get(kind=kind)
    before = _html(learner, lesson)
    assert _html(learner, lesson) == before  # kept
    assert shown not in before
    generation = _generation()
    change(module)
    assert _generation() > generation
    assert shown in _html(learner, lesson)


def test_a_question_deleted_by_a_queryset_delete_is_gone_at_once(learner):
    module = module_with_lessons()
    quiz = _quiz_started(learner, module)
    page = _html(learner, quiz)
    assert "Listen" in page
    assert "2 questions" in page
    Question.objects.filter(quiz__lesson=quiz, position=1).delete()
    page = _html(learner, quiz)
    assert "Listen" not in page
    assert "1 question;" in page
    assert "Who are partners?" in page


def test_a_transaction_that_rolls_back_leaves_nothing_in_the_cache(learner):
    lesson = _reading(module_with_lessons())
    assert lesson.title_en in _html(learner, lesson)
    generation = _generation()
    with transaction.atomic():
        Lesson.objects.filter(pk=lesson.pk).update(title_en="Never committed")
        # Inside the transaction: the generation it bumped is not used, the rows are read.
        assert content_generation() is None
        with translation.override("en"):
            inside = lesson_content(
                slug=lesson.module.slug, position=lesson.position, generation=generation + 1
            )
        assert inside is not None
        assert inside.lesson.title == "Never committed"
        assert inside.generation is None
        transaction.set_rollback(True)
    assert _generation() == generation
    # Another transaction commits the number the rolled back one had: its rows are shown.
    Lesson.objects.filter(pk=lesson.pk).update(title_en="Committed")
    assert _generation() == generation + 1
    page = _html(learner, lesson)
    assert "Committed" in page
    assert "Never committed" not in page


def test_lessons_trading_places_in_the_module_s_list_show_at_once(learner, staff):
    """lessons_save moves the lessons by a queryset update() first, then saves each."""
    module = module_with_lessons()
    reading = _reading(module)
    quiz = module.lessons.get(kind=Lesson.Kind.QUIZ)
    first_url = _url(reading)
    assert f"<title>{reading.title_en} · " in learner.get(first_url).content.decode()
    reading.position, quiz.position = quiz.position, reading.position
    authoring.lessons_save(lessons=[reading, quiz], by=staff)
    assert f"<title>{quiz.title_en} · " in learner.get(first_url).content.decode()
    assert f"<title>{reading.title_en} · " in _html(learner, reading)
