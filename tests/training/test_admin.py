"""Building modules in the admin as staff: modules and their lessons, lessons of each kind,
quizzes and their answers, scenarios checked as a graph before anything is saved, and enrolling
a city's users."""

from __future__ import annotations

import pytest
from django.urls import reverse

from hub.models import AuditEvent
from tests.conftest import login
from tests.hub.factories import UserFactory
from tests.training.factories import (
    LessonFactory,
    ModuleFactory,
    module_with_lessons,
    quiz_lesson,
    scenario_lesson,
)
from training import audit
from training.models import Choice, Enrolment, Lesson, Module, Option, Scenario, Step

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client, staff):
    login(client, staff)
    return client


def _management(prefix: str, total: int, initial: int = 0) -> dict[str, str]:
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def _errors(response) -> list[str]:
    """The error codes of the admin form and its formsets on a refused page."""
    found = []
    context = response.context
    for error in context["adminform"].form.errors.as_data().values():
        found += [e.code for e in error]
    for inline in context["inline_admin_formsets"]:
        found += [e.code for e in inline.formset.non_form_errors().as_data()]
        for form_errors in inline.formset.errors:
            for errors in form_errors.values():
                found += [getattr(e, "code", None) for e in errors.as_data()]
    return found


# --------------------------------------------------------------------------------------------
# Scenarios
# --------------------------------------------------------------------------------------------


def _step(n: int, key: str, *, ending: str = "", pk: int | None = None, scenario=None) -> dict:
    prefix = f"steps-{n}"
    data = {
        f"{prefix}-key": key,
        f"{prefix}-position": str(n + 1),
        f"{prefix}-situation_en": f"Situation {key}",
        f"{prefix}-situation_fr": f"Situation {key} (fr)",
        f"{prefix}-situation_ar": f"الموقف {key}",
        f"{prefix}-outcome": ending,
        f"{prefix}-debrief_en": "What happened." if ending else "",
    }
    if ending:
        data[f"{prefix}-is_ending"] = "on"
    if pk:
        data[f"{prefix}-id"] = str(pk)
        data[f"{prefix}-scenario"] = str(scenario.pk)
    return data


def _choice(n: int, origin: str, target: str, *, score: int = 0) -> dict:
    prefix = f"choices-{n}"
    return {
        f"{prefix}-step_key": origin,
        f"{prefix}-leads_to_key": target,
        f"{prefix}-position": str(n + 1),
        f"{prefix}-score": str(score),
        f"{prefix}-text_en": f"Go to {target}",
        f"{prefix}-text_fr": f"Aller à {target}",
        f"{prefix}-text_ar": f"اذهب إلى {target}",
    }


def _scenario_post(lesson, steps, choices, start="start") -> dict:
    data = {"lesson": str(lesson.pk), "start_key": start}
    data |= _management("steps", len(steps))
    data |= _management("choices", len(choices))
    for n, step in enumerate(steps):
        data |= _step(n, *step[:1], ending=step[1] if len(step) > 1 else "")
    for n, (origin, target) in enumerate(choices):
        data |= _choice(n, origin, target)
    return data


PLAYABLE_STEPS = [("start",), ("talk",), ("good", "good"), ("harmful", "harmful")]
PLAYABLE_CHOICES = [("start", "talk"), ("start", "harmful"), ("talk", "good"), ("talk", "start")]


@pytest.fixture
def scenario_kind_lesson():
    return LessonFactory(kind=Lesson.Kind.SCENARIO, body_en="", body_fr="", body_ar="")


def test_scenario_add_saves_steps_choices_and_start_in_one_go(staff_client, scenario_kind_lesson):
    url = reverse("admin:training_scenario_add")
    data = _scenario_post(scenario_kind_lesson, PLAYABLE_STEPS, PLAYABLE_CHOICES)
    response = staff_client.post(url, data)
    assert response.status_code == 302, _errors(response)
    scenario = Scenario.objects.get(lesson=scenario_kind_lesson)
    assert scenario.start.key == "start"
    assert set(scenario.steps.values_list("key", flat=True)) == {"start", "talk", "good", "harmful"}
    assert Choice.objects.filter(step__scenario=scenario).count() == 4
    assert Step.objects.get(scenario=scenario, key="good").situation_ar == "الموقف good"
    assert AuditEvent.objects.filter(action=audit.SCENARIO_SAVED).count() == 1
    # The change page shows the graph as a list: step → choice → where it leads.
    page = staff_client.get(reverse("admin:training_scenario_change", args=[scenario.pk]))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Go to talk</bdi> → <bdi>talk" in html


@pytest.mark.parametrize(
    ("steps", "choices", "start", "code"),
    [
        (PLAYABLE_STEPS + [("aside", "good")], PLAYABLE_CHOICES, "start", "unreachable_step"),
        (PLAYABLE_STEPS, [("start", "talk"), ("start", "harmful")], "start", "no_choice"),
        ([("start",), ("talk",)], [("start", "talk"), ("talk", "start")], "start", "no_ending"),
        (
            PLAYABLE_STEPS + [("loop",)],
            PLAYABLE_CHOICES + [("start", "loop"), ("loop", "loop")],
            "start",
            "trapped_cycle",
        ),
        (PLAYABLE_STEPS, PLAYABLE_CHOICES, "nowhere", "no_start"),
        (
            PLAYABLE_STEPS,
            PLAYABLE_CHOICES + [("talk", "elsewhere")],
            "start",
            "choice_unknown_step",
        ),
        # Django's own check of the steps' unique keys refuses it first (without a code).
        (PLAYABLE_STEPS + [("talk",)], PLAYABLE_CHOICES, "start", None),
    ],
)
def test_scenario_add_refuses_a_graph_that_cannot_be_played_and_saves_nothing(
    staff_client, scenario_kind_lesson, steps, choices, start, code
):
    url = reverse("admin:training_scenario_add")
    response = staff_client.post(url, _scenario_post(scenario_kind_lesson, steps, choices, start))
    assert response.status_code == 200
    assert code in _errors(response)
    assert not Scenario.objects.exists()
    assert not Step.objects.exists()
    assert not Choice.objects.exists()


def test_scenario_add_refuses_an_ending_without_an_outcome(staff_client, scenario_kind_lesson):
    data = _scenario_post(scenario_kind_lesson, PLAYABLE_STEPS, PLAYABLE_CHOICES)
    data["steps-2-outcome"] = ""
    response = staff_client.post(reverse("admin:training_scenario_add"), data)
    assert response.status_code == 200
    assert not Scenario.objects.exists()


def _change_data(scenario) -> dict:
    """The change page's form as it is shown (every step and choice as saved)."""
    steps = list(scenario.steps.order_by("position", "pk"))
    choices = list(Choice.objects.filter(step__scenario=scenario).order_by("pk"))
    data = {"lesson": str(scenario.lesson_id), "start_key": scenario.start.key}
    data |= _management("steps", len(steps), len(steps))
    data |= _management("choices", len(choices), len(choices))
    for n, step in enumerate(steps):
        data |= _step(n, step.key, ending=step.outcome, pk=step.pk, scenario=scenario)
    for n, choice in enumerate(choices):
        data |= _choice(n, choice.step.key, choice.leads_to.key, score=choice.score)
        data[f"choices-{n}-id"] = str(choice.pk)
    return data, steps, choices


def test_scenario_change_refuses_removing_the_only_way_to_an_ending(staff_client):
    scenario = scenario_lesson(ModuleFactory()).scenario
    data, _steps, choices = _change_data(scenario)
    # Delete both choices of "start": it is no longer an ending and has no choice.
    data["choices-0-DELETE"] = "on"
    data["choices-1-DELETE"] = "on"
    url = reverse("admin:training_scenario_change", args=[scenario.pk])
    response = staff_client.post(url, data)
    assert response.status_code == 200
    assert {"no_choice", "unreachable_step"} <= set(_errors(response))
    assert Choice.objects.filter(step__scenario=scenario).count() == len(choices)


def test_scenario_change_renames_a_step_and_adds_one(staff_client):
    scenario = scenario_lesson(ModuleFactory()).scenario
    data, steps, choices = _change_data(scenario)
    # "good" becomes "listened", and a new step "ask" sits between start and it.
    n_good = next(n for n, s in enumerate(steps) if s.key == "good")
    data[f"steps-{n_good}-key"] = "listened"
    data |= _step(len(steps), "ask")
    data["steps-TOTAL_FORMS"] = str(len(steps) + 1)
    for n, choice in enumerate(choices):
        if choice.leads_to.key == "good":
            data[f"choices-{n}-leads_to_key"] = "ask"
    data |= _choice(len(choices), "ask", "listened")
    data["choices-TOTAL_FORMS"] = str(len(choices) + 1)
    response = staff_client.post(
        reverse("admin:training_scenario_change", args=[scenario.pk]), data
    )
    assert response.status_code == 302, _errors(response)
    assert set(scenario.steps.values_list("key", flat=True)) == {
        "start",
        "ask",
        "listened",
        "harmful",
    }
    # The renamed step is the same row (learners' paths keep pointing at it).
    assert Step.objects.get(scenario=scenario, key="listened").pk == steps[n_good].pk


# --------------------------------------------------------------------------------------------
# Modules and lessons
# --------------------------------------------------------------------------------------------


def _module_post(**extra) -> dict:
    data = {
        "title_en": "Listening first",
        "title_fr": "Écouter d'abord",
        "title_ar": "الاستماع أولاً",
        "slug": "listening-first",
        "summary_en": "How to listen.",
        "summary_fr": "",
        "summary_ar": "",
        "estimated_minutes": "30",
        "position": "1",
        "provenance": "hub",
    }
    data |= _management("lessons", 0)
    return data | extra


def test_module_add_and_change_pages_work(staff_client):
    assert staff_client.get(reverse("admin:training_module_add")).status_code == 200
    response = staff_client.post(reverse("admin:training_module_add"), _module_post())
    assert response.status_code == 302
    module = Module.objects.get(slug="listening-first")
    assert module.title_ar == "الاستماع أولاً"
    assert AuditEvent.objects.filter(action=audit.MODULE_SAVED, target_id=str(module.pk)).exists()
    module_with_lessons()  # another module, with lessons
    assert (
        staff_client.get(reverse("admin:training_module_change", args=[module.pk])).status_code
        == 200
    )
    assert staff_client.get(reverse("admin:training_module_changelist")).status_code == 200


def test_module_change_refuses_itself_as_prerequisite(staff_client):
    module = ModuleFactory()
    data = _module_post(slug=module.slug, prerequisites=[str(module.pk)])
    response = staff_client.post(reverse("admin:training_module_change", args=[module.pk]), data)
    assert response.status_code == 200
    assert "prerequisite_self" in _errors(response)
    assert not module.prerequisites.exists()


def test_module_page_reorders_its_lessons_by_swapping_places(staff_client):
    module = module_with_lessons()
    lessons = list(module.lessons.order_by("position"))
    data = _module_post(slug=module.slug, title_en=module.title_en)
    data |= _management("lessons", len(lessons), len(lessons))
    for n, lesson in enumerate(lessons):
        data |= {
            f"lessons-{n}-id": str(lesson.pk),
            f"lessons-{n}-module": str(module.pk),
            # The first and the last trade places.
            f"lessons-{n}-position": str(len(lessons) - n),
            f"lessons-{n}-title_en": lesson.title_en,
            f"lessons-{n}-title_fr": lesson.title_fr,
            f"lessons-{n}-title_ar": lesson.title_ar,
            f"lessons-{n}-is_required": "on",
            f"lessons-{n}-minutes": "5",
        }
    response = staff_client.post(reverse("admin:training_module_change", args=[module.pk]), data)
    assert response.status_code == 302, _errors(response)
    assert list(module.lessons.order_by("position")) == lessons[::-1]


def test_module_publish_action_refuses_an_empty_module(staff_client):
    empty = ModuleFactory(is_published=False)
    full = module_with_lessons(is_published=False)
    staff_client.post(
        reverse("admin:training_module_changelist"),
        {"action": "publish", "_selected_action": [str(empty.pk), str(full.pk)]},
    )
    empty.refresh_from_db()
    full.refresh_from_db()
    assert (empty.is_published, full.is_published) == (False, True)


def _lesson_post(module, kind, **extra) -> dict:
    return {
        "module": str(module.pk),
        "position": "9",
        "kind": kind,
        "title_en": "A lesson",
        "title_fr": "Une leçon",
        "title_ar": "درس",
        "is_required": "on",
        "minutes": "5",
        "body_en": "",
        "body_fr": "",
        "body_ar": "",
        "video_url": "",
        "transcript_en": "",
        "transcript_fr": "",
        "transcript_ar": "",
    } | extra


def test_lesson_add_sanitises_a_reading(staff_client):
    module = ModuleFactory()
    data = _lesson_post(
        module,
        "reading",
        body_en=(
            '<p onclick="steal()">Listen <script>alert(1)</script><a href="javascript:x">x</a></p>'
        ),
        body_ar="<p>استمع</p><iframe src='https://evil.example'></iframe>",
    )
    response = staff_client.post(reverse("admin:training_lesson_add"), data)
    assert response.status_code == 302
    lesson = Lesson.objects.get(module=module)
    assert "script" not in lesson.body_en and "onclick" not in lesson.body_en
    assert "javascript" not in lesson.body_en
    assert lesson.body_ar == "<p>استمع</p>"
    # The change page shows only what a reading holds.
    page = staff_client.get(reverse("admin:training_lesson_change", args=[lesson.pk]))
    assert page.status_code == 200
    assert "video_url" not in page.content.decode()


@pytest.mark.parametrize(
    ("kind", "extra", "code"),
    [
        ("reading", {"body_en": "<script>only a script</script>"}, "reading_without_text"),
        ("video", {"transcript_en": "Words."}, "video_without_url"),
        (
            "video",
            {"video_url": "https://videos.example/v/1", "transcript_en": "Words."},
            "video_host_not_allowed",
        ),
        (
            "video",
            {"video_url": "https://www.youtube-nocookie.com/embed/abc"},
            "video_without_transcript",
        ),
        ("document", {}, "document_missing"),
    ],
)
def test_lesson_add_refuses_what_its_kind_lacks(staff_client, kind, extra, code):
    module = ModuleFactory()
    response = staff_client.post(
        reverse("admin:training_lesson_add"), _lesson_post(module, kind, **extra)
    )
    assert response.status_code == 200
    assert code in _errors(response)
    assert not Lesson.objects.filter(module=module).exists()


def test_lesson_add_accepts_a_video_with_its_transcript(staff_client):
    module = ModuleFactory()
    data = _lesson_post(
        module,
        "video",
        video_url="https://www.youtube-nocookie.com/embed/abc",
        transcript_en="Everything said in the video.",
    )
    assert staff_client.post(reverse("admin:training_lesson_add"), data).status_code == 302
    assert Lesson.objects.get(module=module).kind == Lesson.Kind.VIDEO


# --------------------------------------------------------------------------------------------
# Quizzes
# --------------------------------------------------------------------------------------------


def _question_post(question, rows) -> dict:
    data = {
        "quiz": str(question.quiz_id),
        "position": str(question.position),
        "kind": question.kind,
        "text_en": question.text_en,
        "text_fr": question.text_fr,
        "text_ar": question.text_ar,
    }
    options = list(question.options.order_by("position"))
    data |= _management("options", len(rows), len(options))
    for n, (text, right, *delete) in enumerate(rows):
        data |= {
            f"options-{n}-position": str(n + 1),
            f"options-{n}-text_en": text,
            f"options-{n}-text_fr": text,
            f"options-{n}-text_ar": text,
            f"options-{n}-feedback_en": "",
            f"options-{n}-question": str(question.pk),
        }
        if n < len(options):
            data[f"options-{n}-id"] = str(options[n].pk)
        if right:
            data[f"options-{n}-is_correct"] = "on"
        if delete:
            data[f"options-{n}-DELETE"] = "on"
    return data


@pytest.mark.parametrize(
    ("rows", "code"),
    [
        ([("Listen", False), ("Report", False)], "question_without_correct"),
        ([("Listen", True), ("Report", True)], "single_with_many_correct"),
        ([("Listen", True), ("Report", False, "delete")], "too_few_options"),
    ],
)
def test_question_change_refuses_answers_without_one_right_answer(staff_client, rows, code):
    quiz = quiz_lesson(ModuleFactory()).quiz
    question = quiz.questions.get(position=1)
    data = _question_post(question, rows)
    url = reverse("admin:training_question_change", args=[question.pk])
    response = staff_client.post(url, data)
    assert response.status_code == 200
    assert code in _errors(response)
    assert list(question.options.order_by("position").values_list("is_correct", flat=True)) == [
        True,
        False,
    ]


def test_question_change_saves_answers_through_the_service(staff_client):
    quiz = quiz_lesson(ModuleFactory()).quiz
    question = quiz.questions.get(position=1)
    data = _question_post(question, [("Listen", False), ("Report", True)])
    url = reverse("admin:training_question_change", args=[question.pk])
    assert staff_client.post(url, data).status_code == 302
    assert Option.objects.get(question=question, is_correct=True).text_en == "Report"
    assert AuditEvent.objects.filter(action=audit.QUIZ_SAVED).exists()
    assert (
        staff_client.get(reverse("admin:training_quiz_change", args=[quiz.pk])).status_code == 200
    )


# --------------------------------------------------------------------------------------------
# Enrol a city's users
# --------------------------------------------------------------------------------------------


def test_enrol_city_enrols_every_active_member_of_the_city_once(staff_client, city_a, city_b):
    module = module_with_lessons()
    members = [UserFactory(city=city_a) for _ in range(3)]
    UserFactory(city=city_a, suspended=True)
    UserFactory(city=city_b)
    url = reverse("admin:training_module_enrol_city", args=[module.pk])
    assert staff_client.get(url).status_code == 200
    response = staff_client.post(url, {"city": city_a.slug})
    assert response.status_code == 302
    enrolled = set(Enrolment.objects.filter(module=module).values_list("user_id", flat=True))
    assert enrolled == {m.pk for m in members}
    # Again: nobody twice.
    staff_client.post(url, {"city": city_a.slug})
    assert Enrolment.objects.filter(module=module).count() == 3


def test_enrol_city_refuses_no_city_with_a_message(staff_client):
    module = ModuleFactory()
    url = reverse("admin:training_module_enrol_city", args=[module.pk])
    response = staff_client.post(url, {"city": "no-such-city"})
    assert response.status_code == 400
    assert response.context["form"].errors.as_data()["city"][0].code == "invalid_choice"
    assert not Enrolment.objects.exists()


def test_admin_pages_are_not_for_members(client, member_a, focal_point_a):
    module = ModuleFactory()
    for user in (member_a, focal_point_a):
        login(client, user)
        for url in (
            reverse("admin:training_module_changelist"),
            reverse("admin:training_module_enrol_city", args=[module.pk]),
            reverse("admin:training_scenario_add"),
        ):
            response = client.get(url)
            assert response.status_code == 302
            assert "/login/" in response["Location"]
