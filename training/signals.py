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


def on_training_content_saved_or_deleted(sender: type, **kwargs: object) -> None:
    """A module, lesson, quiz, question, answer, scenario, step or choice changed: the cached
    lesson pages are out of date (training.lesson_content)."""
    from training.lesson_content import content_changed

    content_changed()


def register_content_invalidation() -> None:
    """Learning: any save or delete of training's content replaces the cached lessons'
    generation, whoever writes it (the admin, the authoring services, the content loader)."""
    from django.db.models.signals import post_delete, post_save

    from training.models import Choice, Lesson, Module, Option, Question, Quiz, Scenario, Step

    for model in (Module, Lesson, Quiz, Question, Option, Scenario, Step, Choice):
        uid = f"training-content-{model.__name__}"
        post_save.connect(on_training_content_saved_or_deleted, sender=model, dispatch_uid=uid)
        post_delete.connect(
            on_training_content_saved_or_deleted, sender=model, dispatch_uid=f"{uid}-delete"
        )


def connect() -> None:
    register_learning_panel()
    register_completions_fact()
    register_content_invalidation()
