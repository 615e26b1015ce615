"""Scenario validation: each refusal (by its code, naming the steps), and playable graphs."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from tests.training.factories import ModuleFactory, scenario_lesson
from training.models import Choice, Step
from training.scenarios import scenario_problems, validate_scenario

# start → (talk → good) | (ignore → harmful): the factories' scenario, as plain data.
STEPS = [("start", False), ("talk", False), ("good", True), ("harmful", True)]
CHOICES = [("start", "talk"), ("start", "harmful"), ("talk", "good")]


def codes(problems: list[ValidationError]) -> list[str]:
    return [problem.code for problem in problems]


def text(problem: ValidationError) -> str:
    return " ".join(problem.messages)


def test_scenario_problems_accepts_a_playable_graph():
    assert scenario_problems(STEPS, CHOICES, "start") == []


def test_scenario_problems_accepts_a_cycle_with_a_way_out():
    # start ⇄ talk, and talk can also end well.
    steps = [("start", False), ("talk", False), ("good", True)]
    choices = [("start", "talk"), ("talk", "start"), ("talk", "good")]
    assert scenario_problems(steps, choices, "start") == []


@pytest.mark.parametrize("start", [None, "", "nowhere"])
def test_scenario_problems_refuses_no_start(start):
    assert codes(scenario_problems(STEPS, CHOICES, start)) == ["no_start"]


def test_scenario_problems_refuses_an_unreachable_step_and_names_it():
    problems = scenario_problems([*STEPS, ("aside", True)], CHOICES, "start")
    assert codes(problems) == ["unreachable_step"]
    assert "aside" in text(problems[0])
    assert "good" not in text(problems[0])


def test_scenario_problems_refuses_a_step_without_a_choice():
    # "talk" is not an ending and leads nowhere; "good" is no longer reachable.
    problems = scenario_problems(STEPS, [("start", "talk"), ("start", "harmful")], "start")
    assert codes(problems) == ["unreachable_step", "no_choice"]
    assert "talk" in text(problems[1])
    assert "harmful" not in text(problems[1])


def test_scenario_problems_refuses_a_graph_without_a_reachable_ending():
    steps = [("start", False), ("talk", False), ("good", True)]
    choices = [("start", "talk"), ("talk", "start")]
    problems = scenario_problems(steps, choices, "start")
    assert codes(problems) == ["unreachable_step", "no_ending"]


def test_scenario_problems_refuses_a_graph_without_any_ending():
    steps = [("start", False), ("talk", False)]
    choices = [("start", "talk"), ("talk", "start")]
    assert codes(scenario_problems(steps, choices, "start")) == ["no_ending"]


def test_scenario_problems_refuses_a_cycle_without_a_way_out():
    # From "loop-a" the learner goes round loop-a ⇄ loop-b and never ends.
    steps = [*STEPS, ("loop-a", False), ("loop-b", False)]
    choices = [*CHOICES, ("start", "loop-a"), ("loop-a", "loop-b"), ("loop-b", "loop-a")]
    problems = scenario_problems(steps, choices, "start")
    assert codes(problems) == ["trapped_cycle"]
    assert "loop-a" in text(problems[0]) and "loop-b" in text(problems[0])
    assert "talk" not in text(problems[0])


def test_scenario_problems_ignores_choices_from_an_ending():
    # An ending offers no choice: what it "leads to" stays unreachable.
    steps = [*STEPS, ("after", True)]
    choices = [*CHOICES, ("good", "after")]
    assert codes(scenario_problems(steps, choices, "start")) == ["unreachable_step"]


def test_scenario_problems_messages_are_translated():
    from django.utils import translation

    with translation.override("fr"):
        problem = scenario_problems(STEPS, CHOICES, None)[0]
        assert text(problem) != "Choose the first step of the scenario among its steps."


@pytest.mark.django_db
def test_validate_scenario_accepts_the_saved_factory_scenario():
    lesson = scenario_lesson(ModuleFactory())
    validate_scenario(lesson.scenario)


@pytest.mark.django_db
def test_validate_scenario_refuses_a_saved_graph_with_a_trapped_cycle():
    scenario = scenario_lesson(ModuleFactory()).scenario
    start = Step.objects.get(scenario=scenario, key="start")
    loop = Step.objects.create(scenario=scenario, key="loop", situation_en="Round again.")
    Choice.objects.create(step=start, leads_to=loop, text_en="Wait")
    Choice.objects.create(step=loop, leads_to=loop, text_en="Wait more")
    with pytest.raises(ValidationError) as caught:
        validate_scenario(scenario)
    assert [e.code for e in caught.value.error_list] == ["trapped_cycle"]


@pytest.mark.django_db
def test_validate_scenario_refuses_a_first_step_of_another_scenario():
    scenario = scenario_lesson(ModuleFactory()).scenario
    other = scenario_lesson(ModuleFactory()).scenario
    scenario.start = other.start
    with pytest.raises(ValidationError) as caught:
        validate_scenario(scenario)
    assert [e.code for e in caught.value.error_list] == ["no_start"]
