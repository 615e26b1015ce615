"""Scenario plays: starting a play from the scenario's first step (or again), and the
learner's choices, each checked against the play's current step; an ending ends the play with
its outcome and completes the scenario's lesson.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hub.errors import NotAllowed
from training.models import Choice, ScenarioMove, ScenarioRun

from .enrolment import enrolment_locked, enrolment_opened, enrolment_refresh, lesson_complete
from .errors import RunEnded, StaleStep

if TYPE_CHECKING:
    from hub.models import User
    from training.models import Enrolment, Scenario, Step


@transaction.atomic
def scenario_run_start(
    *, enrolment: Enrolment, scenario: Scenario, by: User, again: bool = False
) -> ScenarioRun:
    """The learner's play of `scenario` in progress, or a new one from its first step. With
    `again`, a play in progress is left (ended without an outcome) and a new one starts."""
    if enrolment.user_id != by.pk:
        raise NotAllowed
    if scenario.lesson.module_id != enrolment.module_id:
        raise ValidationError(_("This scenario is not part of the module."), code="wrong_module")
    if scenario.start_id is None:
        raise ValidationError(_("This scenario has no first step yet."), code="no_start")
    locked = enrolment_locked(enrolment)
    enrolment_opened(locked, scenario.lesson)
    runs = ScenarioRun.objects.filter(enrolment=locked, scenario=scenario)
    current = runs.filter(ended_at__isnull=True).first()
    if current is not None:
        if not again:
            return current
        current.ended_at = timezone.now()
        current.save(update_fields=["ended_at"])
    number = (runs.aggregate(n=Max("number"))["n"] or 0) + 1
    return ScenarioRun.objects.create(
        enrolment=locked, scenario=scenario, number=number, current_step_id=scenario.start_id
    )


@transaction.atomic
def scenario_choose(
    *, run: ScenarioRun, step_id: object, choice_id: object, by: User
) -> ScenarioMove:
    """The learner takes `choice_id` at `step_id`, which must be the play's current step
    (a form of an earlier or later step is stale: StaleStep) and the choice one of that step's
    (else ValidationError). The move is recorded, its score added, the play moves on; at an
    ending the play ends with its outcome and the lesson is complete."""
    enrolment = run.enrolment
    if enrolment.user_id != by.pk:
        raise NotAllowed
    locked_enrolment = enrolment_locked(enrolment)
    locked = ScenarioRun.objects.select_for_update().get(pk=run.pk)
    if locked.ended_at is not None:
        raise RunEnded
    try:
        step_pk, choice_pk = int(str(step_id)), int(str(choice_id))
    except ValueError as exc:
        raise ValidationError(_("Choose one of the options."), code="bad_choice") from exc
    if step_pk != locked.current_step_id:
        raise StaleStep
    choice = Choice.objects.select_related("leads_to").filter(pk=choice_pk, step_id=step_pk).first()
    if choice is None:
        raise ValidationError(
            _("That choice is not one of this step's choices."), code="foreign_choice"
        )
    position = locked.moves.count() + 1
    move = ScenarioMove.objects.create(
        run=locked, position=position, step_id=step_pk, choice=choice
    )
    target: Step = choice.leads_to
    locked.score += choice.score
    locked.current_step = target
    fields = ["score", "current_step"]
    if target.is_ending:
        locked.ended_at = timezone.now()
        locked.outcome = target.outcome
        fields += ["ended_at", "outcome"]
    locked.save(update_fields=fields)
    if target.is_ending:
        lesson_complete(enrolment=locked_enrolment, lesson=locked.scenario.lesson)
    enrolment_refresh(enrolment, locked_enrolment)
    run.refresh_from_db()
    return move
