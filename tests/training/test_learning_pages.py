"""The learner's pages: the module list, a module, each kind of lesson; what they show, who
sees them, their weight on a slow connection, and their query budgets (the same at 1 and 50)."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from hub.models import AuditEvent
from tests.conftest import login
from tests.hub.factories import ThemeFactory
from tests.kit.queries import assert_budget
from tests.library.factories import DocumentFactory
from tests.training.factories import (
    LessonFactory,
    ModuleFactory,
    WorkingGroupFactory,
    module_with_lessons,
    quiz_lesson,
    scenario_lesson,
)
from training.languages import module_languages
from training.models import Choice, Enrolment, Lesson, Option, Question, Step
from training.services import progress

pytestmark = pytest.mark.django_db

MAX_LESSON_PAGE_BYTES = 60 * 1024


@pytest.fixture
def client_a(member_a):
    client = Client()
    login(client, member_a)
    return client


def _lesson_url(lesson, language="en"):
    with translation.override(language):
        return reverse(
            "training:lesson-detail",
            kwargs={"slug": lesson.module.slug, "position": lesson.position},
        )


def _module_url(module, language="en"):
    with translation.override(language):
        return reverse("training:module-detail", kwargs={"slug": module.slug})


# --- Languages ------------------------------------------------------------------------------


def test_a_module_is_offered_in_the_languages_all_its_lessons_are_translated_into():
    module = module_with_lessons()
    assert module_languages([module.pk])[module.pk].complete == ("en", "fr", "ar")
    option = Option.objects.filter(question__quiz__lesson__module=module).first()
    option.text_ar = ""
    option.save()
    languages = module_languages([module.pk])[module.pk]
    assert (languages.complete, languages.missing) == (("en", "fr"), ("ar",))
    step = Step.objects.filter(scenario__lesson__module=module).first()
    step.situation_fr = ""
    step.save()
    assert module_languages([module.pk])[module.pk].complete == ("en",)


def test_a_text_empty_in_every_language_is_missing_nowhere():
    module = ModuleFactory()
    LessonFactory(module=module, kind=Lesson.Kind.VIDEO, transcript_en="", video_url="")
    assert module_languages([module.pk])[module.pk].complete == ("en", "fr", "ar")
    LessonFactory(module=module, transcript_en="Words.", transcript_fr="Mots.")
    assert module_languages([module.pk])[module.pk].missing == ("ar",)


# --- The module list and a module -----------------------------------------------------------


def test_the_module_list_shows_each_module_with_its_facts_and_progress(client_a, member_a):
    group = WorkingGroupFactory(name_en="Youth workers")
    module = module_with_lessons(working_group=group, estimated_minutes=45)
    module.themes.add(ThemeFactory(name_en="Online harms"))
    incomplete = module_with_lessons(title_en="Half translated")
    Question.objects.filter(quiz__lesson__module=incomplete).update(text_fr="")
    ModuleFactory(title_en="Still a draft", is_published=False)
    enrolment = progress.enrolment_create(user=member_a, module=module, by=member_a)
    progress.lesson_complete(enrolment=enrolment, lesson=module.lessons.first())
    text = client_a.get(reverse("training:module-list")).content.decode()
    assert module.title_en in text and "Youth workers" in text and "Online harms" in text
    assert "45 minutes" in text
    assert '<progress id="progress-' + module.slug + '" max="100" value="33">' in text
    assert "1 of 3 lessons done" in text
    assert "Still a draft" not in text
    half = text[text.index("Half translated") :]
    assert "Not yet translated into:" in half[: half.find("</li>")]


def test_a_module_page_shows_lessons_prerequisites_and_the_way_to_enrol(client_a, member_a):
    first = module_with_lessons(title_en="Foundations")
    module = module_with_lessons()
    module.prerequisites.add(first)
    text = client_a.get(_module_url(module)).content.decode()
    assert "Recommended first" in text and "Foundations" in text and "not completed yet" in text
    assert "Enrol in this module" in text
    for lesson in module.lessons.all():
        assert lesson.title_en in text
    response = client_a.post(reverse("training:enrol", kwargs={"slug": module.slug}))
    assert response.status_code == 302
    assert Enrolment.objects.filter(user=member_a, module=module).exists()
    text = client_a.get(_module_url(module)).content.decode()
    assert "Enrol in this module" not in text and "Start the first lesson" in text


def test_resume_where_you_left_off_and_the_completion_date(client_a, member_a):
    module = module_with_lessons()
    reading, quiz, scenario = module.lessons.order_by("position")
    client_a.post(reverse("training:enrol", kwargs={"slug": module.slug}))
    client_a.post(
        reverse("training:lesson-done", kwargs={"slug": module.slug, "position": reading.position})
    )
    client_a.post(
        reverse("training:quiz-start", kwargs={"slug": module.slug, "position": quiz.position})
    )
    text = client_a.get(_module_url(module)).content.decode()
    assert "Resume where you left off" in text
    assert f'href="{_lesson_url(quiz)}"' in text
    enrolment = Enrolment.objects.get(user=member_a, module=module)
    for lesson in (quiz, scenario):
        progress.lesson_complete(enrolment=enrolment, lesson=lesson)
    enrolment.refresh_from_db()
    enrolment.completed_at = enrolment.completed_at.replace(year=2026, month=12, day=3, hour=12)
    enrolment.save()
    assert "Module complete — 3 December 2026" in client_a.get(_module_url(module)).content.decode()
    arabic = client_a.get(_module_url(module, "ar")).content.decode()
    assert "ديسمبر" in arabic or "كانون" in arabic
    french = client_a.get(_module_url(module, "fr")).content.decode()
    assert "3 décembre 2026" in french


def test_unpublished_modules_are_404_to_learners_but_staff_see_them(client_a, staff):
    module = module_with_lessons(is_published=False)
    assert client_a.get(_module_url(module)).status_code == 404
    assert client_a.get(_lesson_url(module.lessons.first())).status_code == 404
    assert client_a.post(reverse("training:enrol", kwargs={"slug": module.slug})).status_code == 404
    staff_client = Client()
    login(staff_client, staff)
    assert staff_client.get(_module_url(module)).status_code == 200


def test_anonymous_visitors_are_sent_to_log_in():
    module = module_with_lessons()
    for url in (reverse("training:module-list"), _module_url(module)):
        response = Client().get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_a_lesson_that_does_not_exist_is_404(client_a):
    module = module_with_lessons()
    url = reverse("training:lesson-detail", kwargs={"slug": module.slug, "position": 99})
    assert client_a.get(url).status_code == 404


def test_getting_pages_changes_nothing(client_a, member_a):
    module = module_with_lessons()
    client_a.get(_module_url(module))
    for lesson in module.lessons.all():
        client_a.get(_lesson_url(lesson))
    assert not Enrolment.objects.exists()
    assert not AuditEvent.objects.filter(action__startswith="training.").exists()


def test_a_post_action_on_a_lesson_enrols_the_learner(client_a, member_a):
    module = module_with_lessons()
    reading = module.lessons.get(kind=Lesson.Kind.READING)
    response = client_a.post(
        reverse("training:lesson-done", kwargs={"slug": module.slug, "position": reading.position})
    )
    assert response.status_code == 302
    assert response["Location"] == _lesson_url(module.lessons.get(kind=Lesson.Kind.QUIZ))
    enrolment = Enrolment.objects.get(user=member_a, module=module)
    assert (enrolment.completed_count, enrolment.last_lesson_id) == (1, reading.pk)


# --- Lesson kinds ---------------------------------------------------------------------------


def test_a_reading_is_sanitised_when_shown(client_a):
    module = ModuleFactory()
    lesson = LessonFactory(
        module=module,
        body_en=(
            '<h2>Why</h2><p onclick="x()">Text <a href="https://example.org">a link</a>'
            '<a href="javascript:alert(1)">bad</a></p><script>alert(1)</script>'
            '<img src="x" onerror="y()"><iframe src="https://evil.example"></iframe>'
        ),
    )
    text = client_a.get(_lesson_url(lesson)).content.decode()
    assert "<h2>Why</h2>" in text
    assert '<a href="https://example.org" rel="noopener noreferrer nofollow">a link</a>' in text
    assert "javascript:" not in text and "onclick" not in text and "onerror" not in text
    assert "alert(1)" not in text and "evil.example" not in text
    assert "I have read this" in text


def test_a_video_is_embedded_only_from_an_allowed_host_with_its_transcript(client_a, settings):
    module = ModuleFactory()
    allowed = LessonFactory(
        module=module,
        kind=Lesson.Kind.VIDEO,
        video_url="https://www.youtube-nocookie.com/embed/abc123",
        transcript_en="Every word that is said.",
    )
    other = LessonFactory(
        module=module,
        kind=Lesson.Kind.VIDEO,
        video_url="https://videos.example.com/embed/abc",
        transcript_en="Words.",
    )
    response = client_a.get(_lesson_url(allowed))
    text = response.content.decode()
    assert 'data-video-embed="https://www.youtube-nocookie.com/embed/abc123"' in text
    assert "Every word that is said." in text and "I have watched the video" in text
    assert "<iframe" not in text  # a link first: nothing heavy loads before it is asked for
    csp = response["Content-Security-Policy"]
    assert "frame-src https://www.youtube-nocookie.com https://player.vimeo.com" in csp
    text = client_a.get(_lesson_url(other)).content.decode()
    assert "data-video-embed" not in text
    assert 'href="https://videos.example.com/embed/abc"' in text


def test_a_document_lesson_shows_the_document_only_to_those_who_may_see_it(
    client_a, city_b, member_b
):
    module = ModuleFactory()
    public = DocumentFactory(title_en="Shared guide")
    restricted = DocumentFactory(title_en="City B only", for_cities=True, contributing_city=city_b)
    seen = LessonFactory(module=module, kind=Lesson.Kind.DOCUMENT, document=public)
    hidden = LessonFactory(module=module, kind=Lesson.Kind.DOCUMENT, document=restricted)
    text = client_a.get(_lesson_url(seen)).content.decode()
    assert "Shared guide" in text and "I have read the document" in text
    text = client_a.get(_lesson_url(hidden)).content.decode()
    assert "City B only" not in text and "not available to you" in text
    other = Client()
    login(other, member_b)
    assert "City B only" in other.get(_lesson_url(hidden)).content.decode()


@pytest.mark.parametrize("kind", ["reading", "video", "document", "quiz", "scenario"])
def test_lesson_pages_weigh_less_than_60_kb_and_need_no_script(client_a, member_a, kind):
    lesson = _lesson_of_kind(kind, member_a)
    for language in ("en", "ar"):
        response = client_a.get(_lesson_url(lesson, language))
        assert response.status_code == 200
        assert len(response.content) < MAX_LESSON_PAGE_BYTES, len(response.content)
        text = response.content.decode()
        # Every action is a plain form; no inline script (CSP).
        assert not re.search(r"<script(?![^>]*\bsrc=)", text)
        assert "<form" in text


def _lesson_of_kind(kind, user):
    module = ModuleFactory()
    if kind == "quiz":
        lesson = quiz_lesson(module)
    elif kind == "scenario":
        lesson = scenario_lesson(module)
    elif kind == "document":
        lesson = LessonFactory(
            module=module, kind=Lesson.Kind.DOCUMENT, document=DocumentFactory(title_en="A guide")
        )
    elif kind == "video":
        lesson = LessonFactory(
            module=module,
            kind=Lesson.Kind.VIDEO,
            video_url="https://player.vimeo.com/video/1",
            transcript_en="What is said.",
            transcript_fr="Ce qui est dit.",
            transcript_ar="ما يقال.",
        )
    else:
        lesson = LessonFactory(module=module, body_en="<p>" + "Words to read. " * 2000 + "</p>")
    progress.enrolment_create(user=user, module=module, by=user)
    return lesson


# --- The home page --------------------------------------------------------------------------


def test_the_home_page_shows_modules_in_progress_with_a_resume_link(client_a, member_a):
    module = module_with_lessons(title_en="Talking with pupils")
    done = module_with_lessons(title_en="Already done")
    assert "Your training" not in client_a.get(reverse("hub:home")).content.decode()
    reading = module.lessons.get(kind=Lesson.Kind.READING)
    client_a.post(
        reverse("training:lesson-done", kwargs={"slug": module.slug, "position": reading.position})
    )
    enrolment = progress.enrolment_create(user=member_a, module=done, by=member_a)
    for lesson in done.lessons.all():
        progress.lesson_complete(enrolment=enrolment, lesson=lesson)
    text = client_a.get(reverse("hub:home")).content.decode()
    assert "Your training" in text and "Talking with pupils" in text
    assert "Already done" not in text
    assert f'href="{_lesson_url(reading)}"' in text
    assert "1 of 3 lessons done" in text


# --- Query budgets of each kind of lesson page ----------------------------------------------


def _more_lessons(module):
    def rows(n):
        for _ in range(n):
            LessonFactory(module=module)

    return rows


def _more_questions(lesson):
    def rows(n):
        for _ in range(n):
            question = Question.objects.create(quiz=lesson.quiz, position=9, text_en="More?")
            Option.objects.create(question=question, text_en="Yes", is_correct=True)
            Option.objects.create(question=question, text_en="No")
            LessonFactory(module=lesson.module)

    return rows


def _more_moves(lesson, user, client):
    """n more plays of the scenario (the page shows the last play's path)."""

    def rows(n):
        start = Step.objects.get(scenario=lesson.scenario, key="start")
        for _ in range(n):
            client.post(_url("scenario-replay", lesson))
            LessonFactory(module=lesson.module)
            Choice.objects.create(step=start, position=5, leads_to=start, text_en="Wait", score=0)

    return rows


def _url(name, lesson):
    return reverse(
        f"training:{name}", kwargs={"slug": lesson.module.slug, "position": lesson.position}
    )


LESSON_BUDGETS = {
    # the user, the enrolment with the lessons it completed and the content generation (the
    # lesson, its module's lessons, its quiz or scenario come from the cache kept under it:
    # training.lesson_content, read outside a transaction only); per kind:
    "reading": 2,
    "video": 2,
    "document": 3,  # + the document, if the learner may see it
    # + the attempts in figures, the answers kept in the attempt in progress
    "quiz": 4,
    # + the last play with its moves
    "scenario": 3,
}


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("kind", sorted(LESSON_BUDGETS))
def test_lesson_page_query_budget_is_the_same_at_1_and_50_rows(client_a, member_a, kind):
    lesson = _lesson_of_kind(kind, member_a)
    if kind == "quiz":
        client_a.post(_url("quiz-start", lesson))
        rows = _more_questions(lesson)
    elif kind == "scenario":
        rows = _more_moves(lesson, member_a, client_a)
    else:
        rows = _more_lessons(lesson.module)
    assert_budget(client_a, lambda: _lesson_url(lesson), rows=rows, queries=LESSON_BUDGETS[kind])


def test_the_home_panel_runs_one_query_whatever_the_number_of_modules(member_a, rf):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from training.home import learning_panel

    for count in (1, 49):
        for _ in range(count):
            progress.enrolment_create(user=member_a, module=ModuleFactory(), by=member_a)
        with CaptureQueriesContext(connection) as captured:
            panel = learning_panel(member_a, rf.get("/"))
        assert len(captured.captured_queries) == 1
        assert len(panel["enrolments"]) == min(5, Enrolment.objects.filter(user=member_a).count())
