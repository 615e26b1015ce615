"""The generation training's cached lesson content and quiz answer keys are kept under
(training.lesson_content): bumped in the same transaction as any write to the modules, the
lessons, the quizzes with their questions and answers, and the scenarios with their steps and
choices — whatever makes the write (the admin, a service, a queryset update(), psql)."""

from django.db import migrations

from hub.generations import generation_triggers

_create, _drop = generation_triggers(
    "training_content",
    [
        "training_module",
        "training_lesson",
        "training_quiz",
        "training_question",
        "training_option",
        "training_scenario",
        "training_step",
        "training_choice",
    ],
    updates_ignoring={},
)


class Migration(migrations.Migration):
    dependencies = [
        ("training", "0004_trq_completion_summary"),
        ("hub", "0004_search_generations"),
    ]

    operations = [migrations.RunSQL(_create, _drop)]
