"""Enrolment in a module and the lessons a learner completes: a learner's own enrolment or a
whole city's, a lesson marked done, and the module's completion, counted from the lessons'
completions on the locked enrolment. The locking and counting helpers here are the ones the
quizzes and scenarios use too, so that every write that counts towards completion takes the
enrolment's lock first.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hub.errors import NotAllowed
from hub.models import User
from hub.services import audit_record
from training import audit
from training.models import Enrolment, Lesson, LessonCompletion
from training.permissions import can_learn, can_manage_training

from .errors import ModuleUnavailable, NotMarkable

if TYPE_CHECKING:
    from hub.models import City
    from training.models import Module

# Lessons a learner marks done themselves; a quiz is done when passed, a scenario at an ending.
MARKABLE_KINDS = frozenset({Lesson.Kind.READING, Lesson.Kind.VIDEO, Lesson.Kind.DOCUMENT})


# --- Enrolment ------------------------------------------------------------------------------


@transaction.atomic
def enrolment_create(*, user: User, module: Module, by: User) -> Enrolment:
    """`user`'s enrolment in `module`, made if it is not there yet (then audited). A learner
    enrols themselves; staff may enrol anyone. A draft module takes no enrolment but staff's."""
    if not can_learn(user) or (by.pk != user.pk and not can_manage_training(by)):
        raise NotAllowed
    if not module.is_published and not can_manage_training(user):
        raise ModuleUnavailable
    try:
        with transaction.atomic():
            enrolment, created = Enrolment.objects.get_or_create(
                user=user,
                module=module,
                defaults={"city_id": user.city_id, "enrolled_by": by},
            )
    except IntegrityError:  # the same enrolment made at the same moment by another request
        enrolment, created = Enrolment.objects.get(user=user, module=module), False
    if created:
        audit_record(
            action=audit.ENROLLED,
            actor=by,
            subject=user,
            target=module,
            details={"enrolment": enrolment.pk, "by_staff": by.pk != user.pk},
        )
    return enrolment


@transaction.atomic
def enrolment_create_for_city(*, city: City, module: Module, by: User) -> int:
    """Enrol every active account of `city` not yet enrolled in `module` (staff only); returns
    how many were enrolled. One audit event for the city."""
    if not can_manage_training(by):
        raise NotAllowed
    users = list(
        User.objects.filter(city=city, is_active=True)
        .exclude(enrolments__module=module)
        .values_list("pk", flat=True)
    )
    before = Enrolment.objects.filter(module=module).count()
    Enrolment.objects.bulk_create(
        [Enrolment(user_id=pk, module=module, city=city, enrolled_by=by) for pk in users],
        ignore_conflicts=True,  # a learner who enrolled themselves meanwhile
    )
    count = Enrolment.objects.filter(module=module).count() - before
    audit_record(
        action=audit.CITY_ENROLLED,
        actor=by,
        target=module,
        details={"city": city.pk, "enrolled": count},
    )
    return count


def enrolment_locked(enrolment: Enrolment) -> Enrolment:
    return Enrolment.objects.select_for_update().get(pk=enrolment.pk)


def enrolment_opened(locked: Enrolment, lesson: Lesson) -> None:
    """Remember `lesson` as where the learner left off (resume)."""
    if locked.last_lesson_id != lesson.pk:
        locked.last_lesson = lesson
        Enrolment.objects.filter(pk=locked.pk).update(last_lesson=lesson)


# --- Completion -----------------------------------------------------------------------------


@transaction.atomic
def lesson_complete(*, enrolment: Enrolment, lesson: Lesson) -> bool:
    """Record `lesson` as complete for `enrolment`; True when it was not yet.

    Idempotent: a lesson completes once (the enrolment is locked, and a unique constraint
    backs it). The enrolment's count is recomputed from its completions; the module completes
    (its date set, audited) when every required lesson is complete, and stays complete
    whatever is later added to the module.
    """
    if lesson.module_id != enrolment.module_id:
        raise ValidationError(_("This lesson is not part of the module."), code="wrong_module")
    locked = enrolment_locked(enrolment)
    created = _complete_locked(locked, lesson.pk)
    enrolment_refresh(enrolment, locked)
    return created


# The completion, unless the lesson is already complete (one statement; the enrolment is locked).
_COMPLETION_INSERT = f"""
    INSERT INTO {LessonCompletion._meta.db_table} (enrolment_id, lesson_id, completed_at)
    VALUES (%(enrolment)s, %(lesson)s, %(now)s)
    ON CONFLICT (enrolment_id, lesson_id) DO NOTHING
    RETURNING id
"""  # noqa: S608  (table names of the models; every value a parameter)

# The enrolment's count of completed lessons of its module, and its completion date when every
# required lesson is complete and it had none yet (kept once set), in one statement.
_ENROLMENT_COUNT = f"""
    UPDATE {Enrolment._meta.db_table} e
       SET completed_count = (
               SELECT count(*) FROM {LessonCompletion._meta.db_table} c
                 JOIN {Lesson._meta.db_table} l ON l.id = c.lesson_id
                WHERE c.enrolment_id = e.id AND l.module_id = e.module_id),
           completed_at = CASE
               WHEN e.completed_at IS NULL AND NOT EXISTS (
                   SELECT 1 FROM {Lesson._meta.db_table} l
                    WHERE l.module_id = e.module_id AND l.is_required
                      AND NOT EXISTS (
                          SELECT 1 FROM {LessonCompletion._meta.db_table} c
                           WHERE c.enrolment_id = e.id AND c.lesson_id = l.id))
               THEN %(now)s ELSE e.completed_at END
     WHERE e.id = %(enrolment)s
    RETURNING e.completed_count, e.completed_at
"""  # noqa: S608


def _complete_locked(locked: Enrolment, lesson_id: int) -> bool:
    """`lesson_complete` on an enrolment already locked by the caller's transaction."""
    with connection.cursor() as cursor:
        cursor.execute(
            _COMPLETION_INSERT,
            {"enrolment": locked.pk, "lesson": lesson_id, "now": timezone.now()},
        )
        created = cursor.fetchone() is not None
    if created:
        enrolment_count_completions(locked)
    return created


def enrolment_count_completions(locked: Enrolment) -> None:
    """A lesson of the locked enrolment was just completed: its count again, and the module's
    completion (audited) when that was the last required lesson."""
    was_complete = locked.completed_at is not None
    with connection.cursor() as cursor:
        cursor.execute(_ENROLMENT_COUNT, {"enrolment": locked.pk, "now": timezone.now()})
        locked.completed_count, locked.completed_at = cursor.fetchone()
    if not was_complete and locked.completed_at is not None:
        audit_record(
            action=audit.MODULE_COMPLETED,
            actor=locked.user,
            subject=locked.user,
            target=locked.module,
            details={"enrolment": locked.pk},
        )


def enrolment_refresh(enrolment: Enrolment, locked: Enrolment) -> None:
    enrolment.completed_count = locked.completed_count
    enrolment.completed_at = locked.completed_at
    enrolment.last_lesson_id = locked.last_lesson_id


@transaction.atomic
def lesson_mark_done(*, enrolment: Enrolment, lesson: Lesson, by: User) -> bool:
    """A reading seen, a video watched, a document read: marked by the learner. A quiz or a
    scenario is refused (NotMarkable)."""
    if enrolment.user_id != by.pk:
        raise NotAllowed
    if lesson.kind not in MARKABLE_KINDS:
        raise NotMarkable
    if lesson.module_id != enrolment.module_id:
        raise ValidationError(_("This lesson is not part of the module."), code="wrong_module")
    locked = enrolment_locked(enrolment)
    enrolment_opened(locked, lesson)
    created = _complete_locked(locked, lesson.pk)
    enrolment_refresh(enrolment, locked)
    return created
