"""The lesson pages' cached content (training.lesson_content): every way content changes — the
admin, the authoring services, a reload of the content files — shows on the next page, and a
module taken down is a 404 at once."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from hub.services import scn_data_load
from tests.conftest import login
from tests.training.factories import module_with_lessons
from training.lesson_content import GENERATION_KEY, content_generation
from training.models import Lesson, Module
from training.services import authoring
from training.services.content import module_content_load

pytestmark = pytest.mark.django_db


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


def test_a_lesson_page_is_built_once_then_read_from_the_cache(learner):
    lesson = _reading(module_with_lessons())
    assert lesson.title_en in learner.get(_url(lesson)).content.decode()
    generation = content_generation()
    # Behind the cache's back (a bulk update sends no signal): the page is still the cached one.
    Lesson.objects.filter(pk=lesson.pk).update(title_en="Changed behind the cache")
    page = learner.get(_url(lesson)).content.decode()
    assert lesson.title_en in page
    assert "Changed behind the cache" not in page
    assert content_generation() == generation


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
    # Changed in the database without a signal (as a bulk fix would): the page built from it.
    Lesson.objects.filter(pk=lesson.pk).update(title_fr="Un titre changé à la main")
    assert "Un titre changé à la main" in learner.get(_url(lesson, "fr")).content.decode()

    module_content_load()

    page = learner.get(_url(lesson, "fr")).content.decode()
    assert "Un titre changé à la main" not in page
    assert original.replace("'", "&#x27;") in page


def test_the_pages_are_built_from_the_database_when_the_cache_has_lost_the_generation(learner):
    from django.core.cache import cache

    lesson = _reading(module_with_lessons())
    learner.get(_url(lesson))
    cache.delete(GENERATION_KEY)
    Module.objects.filter(pk=lesson.module_id).update(title_en="A module renamed")
    assert "A module renamed" in learner.get(_url(lesson)).content.decode()
