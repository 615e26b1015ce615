"""Whether a branching scenario's graph can be played: a pure check over plain data.

A scenario is playable when it has a first step, every step can be reached from it, every step
that is not an ending offers a choice, an ending can be reached, and no step the learner can
reach leaves them with no way to an ending (a cycle without a way out). The admin checks the
submitted forms with :func:`scenario_problems` before anything is saved; the authoring service
checks the saved rows with :func:`validate_scenario`.
"""

from __future__ import annotations

from collections import defaultdict, deque
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from collections.abc import Iterable

    from training.models import Scenario

# Steps are named by key in the messages; a long list is cut after this many.
NAMED_AT_MOST = 10


def _names(keys: Iterable[str]) -> str:
    keys = sorted(keys)
    shown = ", ".join(keys[:NAMED_AT_MOST])
    return f"{shown}, …" if len(keys) > NAMED_AT_MOST else shown


def _walk(start: Iterable[str], edges: dict[str, set[str]]) -> set[str]:
    seen = set(start)
    queue = deque(seen)
    while queue:
        for following in edges.get(queue.popleft(), ()):
            if following not in seen:
                seen.add(following)
                queue.append(following)
    return seen


def scenario_problems(
    steps: Iterable[tuple[str, bool]],
    choices: Iterable[tuple[str, str]],
    start: str | None,
) -> list[ValidationError]:
    """What stops a scenario from being played, one error per kind of problem.

    `steps` are (key, is_ending) pairs; `choices` (from step key, to step key) pairs; `start`
    the key of the first step. A choice from an ending is never offered, so it leads nowhere.
    Returns an empty list for a playable scenario.
    """
    ending = dict(steps)
    if not start or start not in ending:
        return [
            ValidationError(
                _("Choose the first step of the scenario among its steps."), code="no_start"
            )
        ]
    forward: dict[str, set[str]] = defaultdict(set)
    backward: dict[str, set[str]] = defaultdict(set)
    for origin, target in choices:
        if origin in ending and target in ending and not ending[origin]:
            forward[origin].add(target)
            backward[target].add(origin)
    problems = []
    reachable = _walk([start], forward)
    unreachable = set(ending) - reachable
    if unreachable:
        problems.append(
            ValidationError(
                _("These steps cannot be reached from the first step: %(steps)s."),
                code="unreachable_step",
                params={"steps": _names(unreachable)},
            )
        )
    stuck = {key for key, is_ending in ending.items() if not is_ending and not forward[key]}
    if stuck:
        problems.append(
            ValidationError(
                _("These steps are not endings and offer no choice: %(steps)s."),
                code="no_choice",
                params={"steps": _names(stuck)},
            )
        )
    endings = {key for key, is_ending in ending.items() if is_ending}
    if not endings & reachable:
        problems.append(
            ValidationError(_("No ending can be reached from the first step."), code="no_ending")
        )
        return problems
    can_end = _walk(endings, backward)
    # Steps without a choice are reported above; the others lead only round in circles.
    trapped = (reachable - can_end) - stuck
    if trapped:
        problems.append(
            ValidationError(
                _(
                    "From these steps the learner can never reach an ending (a cycle with no "
                    "way out): %(steps)s."
                ),
                code="trapped_cycle",
                params={"steps": _names(trapped)},
            )
        )
    return problems


def validate_scenario(scenario: Scenario) -> None:
    """Raise ValidationError (with every problem's code) when `scenario`'s saved graph cannot be
    played; two queries. A first step of another scenario counts as no first step."""
    from training.models import Choice

    rows = list(scenario.steps.values_list("pk", "key", "is_ending"))
    choices = Choice.objects.filter(step__scenario=scenario).values_list(
        "step__key", "leads_to__key"
    )
    start = next((key for pk, key, _ending in rows if pk == scenario.start_id), None)
    problems = scenario_problems([(key, ending) for _pk, key, ending in rows], choices, start)
    if problems:
        raise ValidationError(problems)
