"""The completion report's kept figures (CompletionSummary, kept by triggers on the enrolments):
after every way an enrolment is written, they are what a fresh count of the enrolments says, and
so is the report. Each test writes one way, then compares."""

from __future__ import annotations

import threading
from collections import Counter

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.utils import timezone

from hub.services.users import user_suspend, user_update
from tests.hub.factories import CityFactory, UserFactory
from tests.training.factories import EnrolmentFactory, ModuleFactory, module_with_lessons
from training.models import CompletionSummary, Enrolment, Lesson, Module
from training.reports import completion_summary_differences
from training.selectors_reports import report_get, report_modules
from training.services import progress
from training.services.authoring import module_publish
from training.services.reports import completion_summary_recount

pytestmark = pytest.mark.django_db


def _fresh() -> dict[tuple[int, int], tuple[int, int, int]]:
    """The figures of each (module, city), counted here from the enrolments."""
    counts: Counter[tuple[int, int, str]] = Counter()
    for module_id, city_id, done, completed_at in Enrolment.objects.filter(
        city__isnull=False
    ).values_list("module_id", "city_id", "completed_count", "completed_at"):
        counts[module_id, city_id, "enrolled"] += 1
        if completed_at is not None:
            counts[module_id, city_id, "completed"] += 1
        elif done > 0:
            counts[module_id, city_id, "in_progress"] += 1
    keys = {(m, c) for m, c, _what in counts}
    return {
        key: (
            counts[(*key, "enrolled")],
            counts[(*key, "in_progress")],
            counts[(*key, "completed")],
        )
        for key in keys
    }


def _kept() -> dict[tuple[int, int], tuple[int, int, int]]:
    return {
        (row.module_id, row.city_id): (row.enrolled, row.in_progress, row.completed)
        for row in CompletionSummary.objects.filter(enrolled__gt=0)
    }


def _report(user) -> dict[tuple[int, int], tuple[int, int, int]]:
    report = report_get(user=user, modules=report_modules(user))
    return {
        (line.module.pk, line.place.pk): (
            line.figures.enrolled,
            line.figures.in_progress,
            line.figures.completed,
        )
        for line in report.lines
    }


def _agree(staff, expected: dict[tuple[int, int], tuple[int, int, int]] | None = None) -> None:
    fresh = _fresh()
    assert _kept() == fresh
    assert completion_summary_differences() == []
    assert _report(staff) == fresh
    if expected is not None:
        assert fresh == expected


@pytest.fixture
def module():
    return module_with_lessons()


def test_enrolment_lessons_quiz_and_completion_move_the_figures(staff, member_a, city_a, module):
    key = (module.pk, city_a.pk)
    enrolment = progress.enrolment_create(user=member_a, module=module, by=member_a)
    _agree(staff, {key: (1, 0, 0)})
    reading = module.lessons.get(kind=Lesson.Kind.READING)
    progress.lesson_mark_done(enrolment=enrolment, lesson=reading, by=member_a)
    _agree(staff, {key: (1, 1, 0)})
    quiz = module.lessons.get(kind=Lesson.Kind.QUIZ).quiz
    attempt = progress.quiz_attempt_start(enrolment=enrolment, quiz=quiz, by=member_a)
    for question in quiz.questions.all():
        right = [o.pk for o in question.options.filter(is_correct=True)]
        progress.quiz_answer(attempt=attempt, question=question, option_ids=right, by=member_a)
    progress.quiz_attempt_submit(attempt=attempt, by=member_a)
    _agree(staff, {key: (1, 1, 0)})
    # Every other required lesson done: the module is complete.
    for lesson in module.lessons.filter(is_required=True).exclude(completions__enrolment=enrolment):
        progress.lesson_complete(enrolment=enrolment, lesson=lesson)
    enrolment.refresh_from_db()
    assert enrolment.completed_at is not None
    _agree(staff, {key: (1, 0, 1)})


def test_staff_enrolling_a_city_counts_each_learner(staff, city_a, module):
    UserFactory.create_batch(3, city=city_a)
    UserFactory(city=city_a, is_active=False)  # not enrolled
    assert progress.enrolment_create_for_city(city=city_a, module=module, by=staff) == 3
    _agree(staff, {(module.pk, city_a.pk): (3, 0, 0)})


def test_a_learner_changing_city_keeps_their_enrolments_where_they_enrolled(
    staff, member_a, city_a, city_b, module
):
    progress.enrolment_create(user=member_a, module=module, by=member_a)
    user_update(
        user=member_a,
        by=staff,
        name=member_a.name,
        email=member_a.email,
        language=member_a.language,
        organisation=member_a.organisation,
        city=city_b,
        roles=member_a.roles,
    )
    _agree(staff, {(module.pk, city_a.pk): (1, 0, 0)})
    # Enrolled after the move: counted in the new city.
    other = ModuleFactory()
    progress.enrolment_create(user=member_a, module=other, by=member_a)
    _agree(staff, {(module.pk, city_a.pk): (1, 0, 0), (other.pk, city_b.pk): (1, 0, 0)})


def test_an_enrolment_moved_to_another_city_or_module_moves_its_figures(staff, city_a, city_b):
    one, two = ModuleFactory(), ModuleFactory()
    enrolment = EnrolmentFactory(
        user=UserFactory(city=city_a), module=one, completed_count=2, completed_at=timezone.now()
    )
    Enrolment.objects.filter(pk=enrolment.pk).update(city=city_b)  # a queryset update()
    _agree(staff, {(one.pk, city_b.pk): (1, 0, 1)})
    Enrolment.objects.filter(pk=enrolment.pk).update(module=two, completed_at=None)
    _agree(staff, {(two.pk, city_b.pk): (1, 1, 0)})
    Enrolment.objects.filter(pk=enrolment.pk).update(city=None)  # no city: counted nowhere
    _agree(staff, {})
    Enrolment.objects.filter(pk=enrolment.pk).update(city=city_a, completed_count=0)
    _agree(staff, {(two.pk, city_a.pk): (1, 0, 0)})


def test_a_suspended_learner_still_counts_and_a_deleted_one_no_longer(
    staff, member_a, member_b, city_a, city_b, module
):
    progress.enrolment_create(user=member_a, module=module, by=member_a)
    progress.enrolment_create(user=member_b, module=module, by=member_b)
    user_suspend(user=member_a, by=staff, reason="Left the service.")
    _agree(staff, {(module.pk, city_a.pk): (1, 0, 0), (module.pk, city_b.pk): (1, 0, 0)})
    member_b.delete()  # the enrolments go with the account
    _agree(staff, {(module.pk, city_a.pk): (1, 0, 0)})


def test_a_deleted_city_takes_its_figures(staff, city_b, module):
    city = CityFactory()
    learner = UserFactory(city=city)
    EnrolmentFactory(user=learner, module=module)
    _agree(staff, {(module.pk, city.pk): (1, 0, 0)})
    learner.city = city_b  # its members moved elsewhere first (an account protects its city)
    learner.save(update_fields=["city"])
    city.delete()  # the enrolments stay, without a city (SET_NULL): counted nowhere
    assert Enrolment.objects.filter(module=module, city__isnull=True).count() == 1
    _agree(staff, {})


def test_a_deleted_or_withdrawn_module(staff, member_a, city_a, focal_point_a):
    kept, withdrawn, deleted = ModuleFactory(), module_with_lessons(), ModuleFactory()
    for module in (kept, withdrawn, deleted):
        progress.enrolment_create(user=member_a, module=module, by=member_a)
    module_publish(module=withdrawn, by=staff, published=False)
    deleted.delete()
    expected = {(kept.pk, city_a.pk): (1, 0, 0), (withdrawn.pk, city_a.pk): (1, 0, 0)}
    _agree(staff, expected)  # staff see drafts, and their figures
    # The city's focal point sees the published modules only, as before.
    assert _report(focal_point_a) == {(kept.pk, city_a.pk): (1, 0, 0)}
    assert not CompletionSummary.objects.filter(module_id=deleted.pk).exists()
    assert not Module.objects.filter(pk=deleted.pk).exists()


def test_a_bulk_load_without_foreign_key_checks_is_counted(staff, city_a, city_b):
    """As the benchmark's seeding writes them: bulk_create under session_replication_role
    replica (which turns ordinary triggers off; these run ALWAYS)."""
    module = ModuleFactory()
    users = UserFactory.create_batch(4, city=city_a) + UserFactory.create_batch(2, city=city_b)
    now = timezone.now()
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL session_replication_role = replica")
        Enrolment.objects.bulk_create(
            [
                Enrolment(
                    user=user,
                    module=module,
                    city_id=user.city_id,
                    completed_count=n % 3,
                    completed_at=now if n % 3 == 2 else None,
                )
                for n, user in enumerate(users)
            ]
        )
        cursor.execute("SET LOCAL session_replication_role = origin")
    _agree(staff, {(module.pk, city_a.pk): (4, 1, 1), (module.pk, city_b.pk): (2, 1, 1)})
    Enrolment.objects.filter(module=module, city=city_a).delete()
    _agree(staff, {(module.pk, city_b.pk): (2, 1, 1)})


def test_the_command_finds_figures_written_around_the_triggers_and_recounts(staff, city_a):
    module = ModuleFactory()
    for _ in range(2):
        EnrolmentFactory(user=UserFactory(city=city_a), module=module)
    _agree(staff)
    CompletionSummary.objects.filter(module=module).update(enrolled=7)
    assert completion_summary_differences() == [(module.pk, city_a.pk, (7, 0, 0), (2, 0, 0))]
    with pytest.raises(CommandError, match="1 \\(module, city\\) figures differ"):
        call_command("training_completion_summary")
    call_command("training_completion_summary", "--recount")
    _agree(staff, {(module.pk, city_a.pk): (2, 0, 0)})
    assert completion_summary_recount() == 1
    call_command("training_completion_summary")  # agrees: no error


def test_truncating_the_enrolments_empties_the_figures(staff, city_a):
    EnrolmentFactory(user=UserFactory(city=city_a), module=ModuleFactory())
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # no check left pending
        cursor.execute(
            "TRUNCATE training_certificate, training_scenariomove, training_scenariorun, "
            "training_quizanswer, training_quizattempt, training_lessoncompletion, "
            "training_enrolment"
        )
    assert not CompletionSummary.objects.exists()
    _agree(staff, {})


@pytest.mark.django_db(transaction=True)
def test_concurrent_enrolments_in_one_city_count_each(city_a):
    module = ModuleFactory()
    users = UserFactory.create_batch(4, city=city_a)
    barrier = threading.Barrier(len(users))
    errors = []

    def enrol(user):
        try:
            barrier.wait()
            progress.enrolment_create(user=user, module=module, by=user)
        except Exception as exc:  # noqa: BLE001  (reported below)
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=enrol, args=(user,)) for user in users]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert _kept() == _fresh() == {(module.pk, city_a.pk): (4, 0, 0)}
