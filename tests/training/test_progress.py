"""Enrolment and completion (training.services.progress): idempotent, counted once under two
concurrent requests (real Postgres, two connections), and kept when the module changes."""

from __future__ import annotations

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from hub.errors import NotAllowed
from hub.models import AuditEvent
from tests.hub.factories import UserFactory
from tests.training.factories import LessonFactory, ModuleFactory, module_with_lessons
from training import audit
from training.models import Enrolment, Lesson, LessonCompletion
from training.services import progress

pytestmark = pytest.mark.django_db


def test_enrolment_is_made_once_and_audited(member_a):
    module = module_with_lessons()
    first = progress.enrolment_create(user=member_a, module=module, by=member_a)
    again = progress.enrolment_create(user=member_a, module=module, by=member_a)
    assert first.pk == again.pk
    assert first.city_id == member_a.city_id
    assert AuditEvent.objects.filter(action=audit.ENROLLED, subject=member_a).count() == 1


def test_a_draft_module_takes_no_learner(member_a):
    module = module_with_lessons(is_published=False)
    with pytest.raises(progress.ModuleUnavailable):
        progress.enrolment_create(user=member_a, module=module, by=member_a)


def test_a_member_cannot_enrol_someone_else(member_a, member_b):
    module = module_with_lessons()
    with pytest.raises(NotAllowed):
        progress.enrolment_create(user=member_b, module=module, by=member_a)


def test_staff_enrol_a_citys_members(city_a, member_a, staff):
    module = module_with_lessons()
    colleague = UserFactory(city=city_a)
    UserFactory(city=city_a, is_active=False)
    progress.enrolment_create(user=member_a, module=module, by=member_a)
    count = progress.enrolment_create_for_city(city=city_a, module=module, by=staff)
    assert count == 1  # the colleague; member_a was enrolled already, the inactive one is not
    enrolment = Enrolment.objects.get(user=colleague, module=module)
    assert (enrolment.enrolled_by, enrolment.city) == (staff, city_a)
    assert progress.enrolment_create_for_city(city=city_a, module=module, by=staff) == 0
    assert AuditEvent.objects.filter(action=audit.CITY_ENROLLED).count() == 2
    with pytest.raises(NotAllowed):
        progress.enrolment_create_for_city(city=city_a, module=module, by=member_a)


def test_completion_is_idempotent_and_completes_the_module(member_a):
    module = module_with_lessons()
    enrolment = progress.enrolment_create(user=member_a, module=module, by=member_a)
    lessons = list(module.lessons.order_by("position"))
    assert progress.lesson_complete(enrolment=enrolment, lesson=lessons[0]) is True
    assert progress.lesson_complete(enrolment=enrolment, lesson=lessons[0]) is False
    enrolment.refresh_from_db()
    assert (enrolment.completed_count, enrolment.completed_at) == (1, None)
    for lesson in lessons[1:]:
        progress.lesson_complete(enrolment=enrolment, lesson=lesson)
    enrolment.refresh_from_db()
    assert enrolment.completed_count == 3
    assert enrolment.completed_at is not None
    assert AuditEvent.objects.filter(action=audit.MODULE_COMPLETED, subject=member_a).count() == 1


def test_optional_lessons_are_not_needed_for_completion(member_a):
    module = ModuleFactory()
    required = LessonFactory(module=module)
    LessonFactory(module=module, is_required=False)
    enrolment = progress.enrolment_create(user=member_a, module=module, by=member_a)
    progress.lesson_complete(enrolment=enrolment, lesson=required)
    enrolment.refresh_from_db()
    assert enrolment.completed_at is not None
    assert enrolment.completed_count == 1


def test_a_module_changed_after_completion_keeps_the_completion(member_a):
    module = ModuleFactory()
    lesson = LessonFactory(module=module)
    enrolment = progress.enrolment_create(user=member_a, module=module, by=member_a)
    progress.lesson_complete(enrolment=enrolment, lesson=lesson)
    enrolment.refresh_from_db()
    completed_at = enrolment.completed_at
    new = LessonFactory(module=module)  # a lesson added afterwards
    enrolment.refresh_from_db()
    assert enrolment.completed_at == completed_at
    progress.lesson_complete(enrolment=enrolment, lesson=new)
    enrolment.refresh_from_db()
    assert (enrolment.completed_at, enrolment.completed_count) == (completed_at, 2)


def test_a_lesson_of_another_module_is_refused(member_a):
    enrolment = progress.enrolment_create(user=member_a, module=ModuleFactory(), by=member_a)
    other = LessonFactory()
    with pytest.raises(ValidationError) as caught:
        progress.lesson_complete(enrolment=enrolment, lesson=other)
    assert caught.value.code == "wrong_module"


def test_a_quiz_is_not_marked_done_by_hand(member_a):
    module = module_with_lessons()
    enrolment = progress.enrolment_create(user=member_a, module=module, by=member_a)
    quiz = module.lessons.get(kind=Lesson.Kind.QUIZ)
    with pytest.raises(progress.NotMarkable):
        progress.lesson_mark_done(enrolment=enrolment, lesson=quiz, by=member_a)
    assert not LessonCompletion.objects.exists()


def _race(target, count=2):
    """Run `target` in `count` threads at once, each with its own database connection."""
    barrier = threading.Barrier(count)
    errors = []

    def run():
        try:
            barrier.wait()
            target()
        except Exception as exc:  # noqa: BLE001  (reported below)
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_completions_count_once(member_a):
    module = ModuleFactory()
    lesson = LessonFactory(module=module)
    LessonFactory(module=module)
    enrolment = progress.enrolment_create(user=member_a, module=module, by=member_a)

    def complete():
        progress.lesson_complete(enrolment=Enrolment.objects.get(pk=enrolment.pk), lesson=lesson)

    assert _race(complete) == []
    enrolment.refresh_from_db()
    assert enrolment.completed_count == 1
    assert LessonCompletion.objects.filter(enrolment=enrolment).count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_last_lessons_complete_the_module_once(member_a):
    module = ModuleFactory()
    first, second = LessonFactory(module=module), LessonFactory(module=module)
    enrolment = progress.enrolment_create(user=member_a, module=module, by=member_a)
    lessons = iter([first, second])
    lock = threading.Lock()

    def complete():
        with lock:
            lesson = next(lessons)
        progress.lesson_complete(enrolment=Enrolment.objects.get(pk=enrolment.pk), lesson=lesson)

    assert _race(complete) == []
    enrolment.refresh_from_db()
    assert enrolment.completed_count == 2
    assert enrolment.completed_at is not None
    assert AuditEvent.objects.filter(action=audit.MODULE_COMPLETED).count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_first_enrolments_make_one(member_a):
    module = ModuleFactory()
    assert _race(lambda: progress.enrolment_create(user=member_a, module=module, by=member_a)) == []
    assert Enrolment.objects.filter(user=member_a, module=module).count() == 1
    assert AuditEvent.objects.filter(action=audit.ENROLLED).count() == 1
