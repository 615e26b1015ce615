"""What training connects at start-up (called from TrainingConfig.ready()). Each area adds its
registration function here and calls it from `connect()`."""

from __future__ import annotations


def register_learning_panel() -> None:
    """Learning: the learner's modules in progress on the home page (training.home)."""
    from training.home import register_panel

    register_panel()


def register_completions_fact() -> None:
    """Reports: the modules completed by a city's members, as a count on its city page."""
    from training.city_facts import register

    register()


def connect() -> None:
    register_learning_panel()
    register_completions_fact()
