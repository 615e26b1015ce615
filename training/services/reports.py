"""The completion report's figures (``CompletionSummary``): recounted from the enrolments.

The figures are kept by the database's triggers on ``training_enrolment`` (migration 0004); this
recount is for an operator who wants to be sure (``manage.py training_completion_summary``) and
gives the same rows the triggers keep.
"""

from __future__ import annotations

from django.db import connection, transaction

from training.models import CompletionSummary, Enrolment
from training.reports import SUMMARY_COUNT


@transaction.atomic
def completion_summary_recount() -> int:
    """Count the figures of every (module, city) again from the enrolments, replacing the kept
    ones; returns the number of rows. The enrolments are locked against writes meanwhile (a
    write waits, then its trigger counts on the recounted figures)."""
    summary, enrolment = CompletionSummary._meta.db_table, Enrolment._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f"LOCK TABLE {enrolment} IN SHARE MODE")
        cursor.execute(f"DELETE FROM {summary}")  # noqa: S608  (table names of the models)
        cursor.execute(
            f"INSERT INTO {summary} (module_id, city_id, enrolled, in_progress, completed) "  # noqa: S608
            f"{SUMMARY_COUNT}"
        )
        return cursor.rowcount
