"""The hub's two modules (training.content) as loaded, and the demo training data of make demo."""

from __future__ import annotations

import copy
import uuid
from collections import deque
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.test import TestCase, override_settings
from modeltranslation.translator import translator

from cityprofiles.services.seed import programme_data_load
from hub.models import Theme
from hub.richtext import sanitize_html
from hub.services import scn_data_load
from library.models import Document
from tests.library.factories import DocumentFactory
from training.content import COUNTER_NARRATIVES, MODULES
from training.content.demo import ENROLMENTS, PREFIX
from training.languages import complete_languages
from training.models import (
    Choice,
    Enrolment,
    Lesson,
    LessonCompletion,
    Module,
    Option,
    Provenance,
    Question,
    Quiz,
    QuizAttempt,
    Scenario,
    ScenarioRun,
    Step,
    Toolkit,
    ToolkitItem,
    WorkingGroup,
)
from training.scenarios import validate_scenario
from training.services.content import module_content_load

# The content is loaded once per class (setUpTestData) and every test runs in a savepoint
# rolled back after it: loading the taxonomy and both modules takes seconds.
pytestmark = pytest.mark.django_db

CONTENT_MODELS = (Module, Lesson, Quiz, Question, Option, Scenario, Step, Choice)
LANGUAGES = ("en", "fr", "ar")


def _ids() -> dict[str, list[int]]:
    return {
        model.__name__: sorted(model.objects.values_list("pk", flat=True))
        for model in CONTENT_MODELS
    }


def _reachable_outcomes(scenario: Scenario) -> set[str]:
    edges: dict[int, set[int]] = {}
    for step_id, target in Choice.objects.filter(step__scenario=scenario).values_list(
        "step_id", "leads_to_id"
    ):
        edges.setdefault(step_id, set()).add(target)
    seen, queue = {scenario.start_id}, deque([scenario.start_id])
    while queue:
        for following in edges.get(queue.popleft(), ()):
            if following not in seen:
                seen.add(following)
                queue.append(following)
    return set(Step.objects.filter(pk__in=seen, is_ending=True).values_list("outcome", flat=True))


def _has_cycle(scenario: Scenario) -> bool:
    edges: dict[int, set[int]] = {}
    for step_id, target in Choice.objects.filter(step__scenario=scenario).values_list(
        "step_id", "leads_to_id"
    ):
        edges.setdefault(step_id, set()).add(target)

    def back_to(origin: int) -> bool:
        seen, queue = set(), deque(edges.get(origin, ()))
        while queue:
            step = queue.popleft()
            if step == origin:
                return True
            if step not in seen:
                seen.add(step)
                queue.extend(edges.get(step, ()))
        return False

    return any(back_to(step) for step in edges)


class TestLoadedContent(TestCase):
    @classmethod
    def setUpTestData(cls):
        scn_data_load()
        cls.report = module_content_load()

    def test_loading_again_changes_nothing(self):
        assert self.report.modules == ["counter-narrative-campaigns", "individual-interventions"]
        assert self.report.created > 0
        ids = _ids()
        stamps = dict(Module.objects.values_list("slug", "updated_at"))
        out = StringIO()

        again = module_content_load()
        call_command("load_training_modules", stdout=out)

        assert (again.created, again.updated, again.deleted) == (0, 0, 0)
        assert "(0 rows created, 0 updated, 0 removed)" in out.getvalue()
        assert _ids() == ids
        assert dict(Module.objects.values_list("slug", "updated_at")) == stamps

    def test_module_content_load_brings_changed_content_back_and_keeps_ids(self):
        ids = _ids()
        option = Option.objects.filter(
            question__quiz__lesson__module__slug="individual-interventions"
        )
        option = option.order_by("pk").first()
        text = option.text_fr
        Option.objects.filter(pk=option.pk).update(
            text_fr="changé", is_correct=not option.is_correct
        )
        quiz = option.question.quiz
        stray = Question.objects.create(quiz=quiz, position=99, text_en="Not in the file")
        Module.objects.filter(slug="individual-interventions").update(is_published=False)
        lessons = Lesson.objects.filter(module__slug="counter-narrative-campaigns").order_by("pk")
        first, second = lessons[0], lessons[1]
        # Two lessons swapped round (their positions are unique in the module).
        Lesson.objects.filter(pk=first.pk).update(position=50)
        Lesson.objects.filter(pk=second.pk).update(position=first.position)
        Lesson.objects.filter(pk=first.pk).update(position=second.position)

        report = module_content_load()

        assert report.deleted == 1
        option.refresh_from_db()
        assert option.text_fr == text
        assert not Question.objects.filter(pk=stray.pk).exists()
        # Taken down by staff: it stays down.
        assert not Module.objects.get(slug="individual-interventions").is_published
        assert list(lessons.values_list("key", flat=True).order_by("position")) == [
            uuid.UUID(lesson["key"]) for lesson in COUNTER_NARRATIVES["lessons"]
        ]
        assert _ids() == ids

    def test_every_text_is_in_english_french_and_arabic(self):
        for model in CONTENT_MODELS:
            registered = model in translator.get_registered_models()
            fields = translator.get_options_for_model(model).fields if registered else ()
            for row in model.objects.all():
                for name in fields:
                    texts = [getattr(row, f"{name}_{code}") or "" for code in LANGUAGES]
                    if any(texts):
                        assert all(text.strip() for text in texts), (model.__name__, row.pk, name)
        for module in Module.objects.all():
            assert complete_languages(module).complete == LANGUAGES
            for code in LANGUAGES:
                assert getattr(module, f"title_{code}") and getattr(module, f"summary_{code}")
            for lesson in module.lessons.all():
                for code in LANGUAGES:
                    assert getattr(lesson, f"title_{code}") and getattr(lesson, f"body_{code}")

    def test_the_modules_are_the_hubs_own_published_and_on_the_taxonomy(self):
        for module in Module.objects.prefetch_related("themes", "lessons"):
            assert module.provenance == Provenance.HUB
            assert module.is_published
            assert module.themes.count() >= 3
            kinds = [lesson.kind for lesson in module.lessons.all()]
            assert kinds.count(Lesson.Kind.READING) in (3, 4)
            assert kinds.count(Lesson.Kind.QUIZ) == 1
            assert kinds.count(Lesson.Kind.SCENARIO) == 1
            assert Lesson.Kind.VIDEO not in kinds
            assert all(lesson.minutes > 0 for lesson in module.lessons.all())
            assert module.estimated_minutes >= sum(
                lesson.minutes for lesson in module.lessons.all()
            )
        assert set(
            Theme.objects.filter(training_modules__slug="counter-narrative-campaigns").values_list(
                "slug", flat=True
            )
        ) >= {"counter-narrative-campaigns", "youth-engagement"}
        assert "individual-interventions" in Theme.objects.filter(
            training_modules__slug="individual-interventions"
        ).values_list("slug", flat=True)

    def test_each_quiz_has_right_answers_and_feedback_per_option(self):
        quizzes = Quiz.objects.all()
        assert quizzes.count() == 2
        for quiz in quizzes:
            assert (quiz.pass_mark, quiz.max_attempts) == (70, 3)
            questions = list(quiz.questions.prefetch_related("options"))
            assert 6 <= len(questions) <= 8
            assert {q.kind for q in questions} == {Question.Kind.SINGLE, Question.Kind.MULTIPLE}
            for question in questions:
                options = list(question.options.all())
                right = [o for o in options if o.is_correct]
                assert len(options) >= 3
                assert len(right) < len(options)
                if question.kind == Question.Kind.SINGLE:
                    assert len(right) == 1
                else:
                    assert len(right) >= 1
                for option in options:
                    for code in LANGUAGES:
                        assert getattr(option, f"feedback_{code}").strip()

    def test_each_scenario_is_valid_and_every_outcome_can_be_reached(self):
        scenarios = Scenario.objects.select_related("lesson__module")
        assert scenarios.count() == 2
        for scenario in scenarios:
            validate_scenario(scenario)  # raises if the graph cannot be played
            steps = list(scenario.steps.prefetch_related("choices"))
            assert 6 <= len(steps) <= 9
            assert _reachable_outcomes(scenario) == {"good", "partial", "harmful"}
            for step in steps:
                if step.is_ending:
                    assert not step.choices.exists()
                    for code in LANGUAGES:
                        assert getattr(step, f"debrief_{code}").strip()
                else:
                    assert step.choices.count() >= 2
                    for choice in step.choices.all():
                        for code in LANGUAGES:
                            assert getattr(choice, f"feedback_{code}").strip()
            scores = set(
                Choice.objects.filter(step__scenario=scenario).values_list("score", flat=True)
            )
            assert max(scores) > 0 > min(scores)
        counter = scenarios.get(lesson__module__slug="counter-narrative-campaigns")
        assert _has_cycle(counter)  # and validate_scenario says every cycle has a way out

    def test_the_reading_html_survives_sanitising_unchanged(self):
        bodies = 0
        for spec in MODULES:
            for lesson in spec["lessons"]:
                stored = Lesson.objects.get(key=lesson["key"])
                for code in LANGUAGES:
                    body = lesson["body"][code]
                    assert body.startswith("<")
                    assert sanitize_html(body) == body
                    assert getattr(stored, f"body_{code}") == body
                    bodies += 1
        assert bodies == 3 * sum(len(spec["lessons"]) for spec in MODULES)
        assert "<h2>" in Lesson.objects.filter(kind=Lesson.Kind.READING).first().body_ar

    def test_french_texts_keep_their_spaces_before_signs_unbreakable(self):
        for row in Option.objects.all():
            for text in (row.text_fr, row.feedback_fr):
                assert " :" not in text and " ;" not in text and " ?" not in text
        assert "\u202f:" in Lesson.objects.filter(kind=Lesson.Kind.READING).first().body_fr

    def test_a_scenario_that_cannot_be_played_is_refused_and_nothing_is_written(self):
        ids = _ids()
        broken = copy.deepcopy(COUNTER_NARRATIVES)
        broken["title"] = {code: "Changed" for code in LANGUAGES}
        scenario = next(lesson for lesson in broken["lessons"] if lesson["kind"] == "scenario")
        for step in scenario["scenario"]["steps"]:
            for choice in step.get("choices", []):
                if choice["to"] == "too_wide":
                    choice["to"] = "cocreate"  # too_wide can no longer be reached

        with pytest.raises(ValidationError) as refused:
            module_content_load(modules=[broken])

        assert [e.code for e in refused.value.error_list] == ["unreachable_step"]
        assert _ids() == ids
        assert Module.objects.get(slug=broken["slug"]).title_en == COUNTER_NARRATIVES["title"]["en"]
        listening = Choice.objects.get(step__key="listening", position=1)
        assert listening.leads_to.key == "too_wide"

    def test_a_question_without_a_right_answer_is_refused(self):
        broken = copy.deepcopy(COUNTER_NARRATIVES)
        quiz = next(lesson for lesson in broken["lessons"] if lesson["kind"] == "quiz")
        for option in quiz["quiz"]["questions"][0]["options"]:
            option["correct"] = False

        with pytest.raises(ValidationError) as refused:
            module_content_load(modules=[broken])

        assert refused.value.code == "question_without_right_answer"
        assert (
            Option.objects.filter(
                question__quiz__lesson__module__slug=broken["slug"], question__position=1
            )
            .filter(is_correct=True)
            .exists()
        )

    def test_a_theme_the_taxonomy_does_not_have_is_refused(self):
        broken = copy.deepcopy(COUNTER_NARRATIVES)
        broken["themes"] = [*broken["themes"], "no-such-theme"]

        with pytest.raises(ValidationError) as refused:
            module_content_load(modules=[broken])

        assert refused.value.code == "unknown_theme"


# --- The demo ---------------------------------------------------------------------------------


def test_seed_demo_training_is_refused_without_debug(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError):
        call_command("seed_demo_training")


@override_settings(DEBUG=True)
class TestDemo(TestCase):
    @classmethod
    def setUpTestData(cls):
        scn_data_load()
        programme_data_load()  # the youth campaigns, as practices of Saida and Tripoli
        call_command("seed_demo", stdout=StringIO())
        themes = {theme.slug: theme for theme in Theme.objects.all()}
        for number, (kind, slug) in enumerate(
            [
                (Document.Kind.RESEARCH, "youth-engagement"),
                (Document.Kind.CASE_STUDY, "counter-narrative-campaigns"),
                (Document.Kind.STRATEGY, "referral-mechanisms"),
                (Document.Kind.EVALUATION, "monitoring-and-evaluation"),
            ]
        ):
            document = DocumentFactory(kind=kind, original_filename=f"demo-{number:03d}-test.pdf")
            document.themes.set([themes[slug]])
        # Not a demo document: never in a demo toolkit.
        DocumentFactory(kind=Document.Kind.RESEARCH, original_filename="report.pdf").themes.set(
            [themes["youth-engagement"]]
        )
        call_command("load_training_modules", stdout=StringIO())
        call_command("seed_demo_training", stdout=StringIO())

    def test_the_working_groups_and_toolkits_are_marked_as_demo(self):
        groups = WorkingGroup.objects.all()
        assert groups.count() == 3
        for group in groups:
            assert group.provenance == Provenance.DEMO
            for code in LANGUAGES:
                assert getattr(group, f"name_{code}").startswith(PREFIX)
                assert getattr(group, f"description_{code}").startswith(PREFIX)
                assert getattr(group.toolkit, f"introduction_{code}").startswith(PREFIX)
            assert group.themes.exists() and group.lead_cities.exists()
        items = ToolkitItem.objects.select_related("document", "practice")
        assert items.exists()
        for item in items:
            if item.document is not None:
                assert item.document.original_filename.startswith("demo-")
            assert item.note_ar.startswith(PREFIX)
        youth = Toolkit.objects.get(working_group__slug="demo-youth-and-communications")
        assert set(youth.items.values_list("section", flat=True)) == {
            ToolkitItem.Section.BACKGROUND,
            ToolkitItem.Section.CASE_STUDIES,
            ToolkitItem.Section.MEMBER_CITIES,
        }
        campaigns = youth.items.filter(practice__isnull=False).values_list(
            "practice__title_en", flat=True
        )
        assert "Washwasha (Whispers)" in campaigns
        module = Module.objects.get(slug="counter-narrative-campaigns")
        assert module.working_group.slug == "demo-youth-and-communications"
        assert module.provenance == Provenance.HUB

    def test_the_demo_learners_are_in_several_states(self):
        enrolments = {
            (e.user.email.split("@")[0], e.module.slug): e
            for e in Enrolment.objects.select_related("user", "module", "enrolled_by")
        }
        assert set(enrolments) == {(local, slug) for local, slug, _state in ENROLMENTS}
        assert all(e.user.email.endswith("@demo.scn.invalid") for e in enrolments.values())

        done = enrolments["practitioner.montreal", "counter-narrative-campaigns"]
        assert done.completed_at is not None
        assert done.completed_count == 6
        assert done.scenario_runs.get().outcome == "good"
        assert done.quiz_attempts.get().passed

        partial = enrolments["official.mombasa", "individual-interventions"]
        assert partial.completed_at is not None
        assert partial.scenario_runs.get().outcome == "partial"

        started = enrolments["practitioner.montreal", "individual-interventions"]
        assert (started.completed_count, started.completed_at) == (2, None)
        assert started.last_lesson.position == 2

        failed = enrolments["practitioner.mombasa", "counter-narrative-campaigns"]
        attempt = failed.quiz_attempts.get()
        assert (attempt.score, attempt.passed) == (57, False)
        assert failed.completed_count == 1

        assert enrolments["practitioner.mombasa", "individual-interventions"].completed_count == 0
        staff = enrolments["focal.montreal", "counter-narrative-campaigns"]
        assert staff.enrolled_by.email == "curator@demo.scn.invalid"
        assert staff.completed_count == 0

    def test_seeding_twice_changes_nothing(self):
        counted = (
            WorkingGroup,
            Toolkit,
            ToolkitItem,
            Enrolment,
            LessonCompletion,
            QuizAttempt,
            ScenarioRun,
        )

        def rows():
            return {m.__name__: sorted(m.objects.values_list("pk", flat=True)) for m in counted}

        before = rows()
        versions = dict(Toolkit.objects.values_list("pk", "version"))
        out = StringIO()

        call_command("seed_demo_training", stdout=out)
        call_command("load_training_modules", stdout=StringIO())

        assert "0 working groups, 0 toolkit items, 0 enrolments" in out.getvalue()
        assert rows() == before
        assert dict(Toolkit.objects.values_list("pk", "version")) == versions
