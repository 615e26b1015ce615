"""The completion report's figures per module and city (CompletionSummary), kept by triggers on
training_enrolment, then counted once from the enrolments already there.

An enrolment counts in (module, city) when it has a city: enrolled; "in progress" when it has a
lesson done and the module is not completed; "completed" when the module is. After each inserted
or deleted enrolment, and each update that moves it to another module or city or changes its
state, the counts of the rows it left and joined change by one; an update of anything else (the
lesson to resume, say) does not run the trigger at all. TRUNCATE empties the figures.

The triggers are ENABLE ALWAYS: they run even under ``session_replication_role = replica``
(a bulk load that turns foreign-key checks off, as the benchmark's seeding does).
"""

import django.db.models.deletion
from django.db import migrations, models


FORWARD = """
CREATE FUNCTION training_enrolment_summary() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' AND OLD.city_id IS NOT NULL THEN
        UPDATE training_completionsummary
           SET enrolled = enrolled - 1,
               in_progress = in_progress
                   - (OLD.completed_at IS NULL AND OLD.completed_count > 0)::int,
               completed = completed - (OLD.completed_at IS NOT NULL)::int
         WHERE module_id = OLD.module_id AND city_id = OLD.city_id;
    END IF;
    IF TG_OP <> 'DELETE' AND NEW.city_id IS NOT NULL THEN
        INSERT INTO training_completionsummary AS s
               (module_id, city_id, enrolled, in_progress, completed)
        VALUES (NEW.module_id, NEW.city_id, 1,
                (NEW.completed_at IS NULL AND NEW.completed_count > 0)::int,
                (NEW.completed_at IS NOT NULL)::int)
        ON CONFLICT (module_id, city_id) DO UPDATE
           SET enrolled = s.enrolled + 1,
               in_progress = s.in_progress + EXCLUDED.in_progress,
               completed = s.completed + EXCLUDED.completed;
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER training_enrolment_summary_insert_delete
AFTER INSERT OR DELETE ON training_enrolment
FOR EACH ROW EXECUTE FUNCTION training_enrolment_summary();

CREATE TRIGGER training_enrolment_summary_update
AFTER UPDATE ON training_enrolment
FOR EACH ROW WHEN (
    (OLD.module_id, OLD.city_id, OLD.completed_at IS NULL, OLD.completed_count > 0)
    IS DISTINCT FROM
    (NEW.module_id, NEW.city_id, NEW.completed_at IS NULL, NEW.completed_count > 0)
) EXECUTE FUNCTION training_enrolment_summary();

CREATE FUNCTION training_enrolment_summary_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM training_completionsummary;
    RETURN NULL;
END $$;

CREATE TRIGGER training_enrolment_summary_truncate
AFTER TRUNCATE ON training_enrolment
FOR EACH STATEMENT EXECUTE FUNCTION training_enrolment_summary_truncate();

ALTER TABLE training_enrolment ENABLE ALWAYS TRIGGER training_enrolment_summary_insert_delete;
ALTER TABLE training_enrolment ENABLE ALWAYS TRIGGER training_enrolment_summary_update;
ALTER TABLE training_enrolment ENABLE ALWAYS TRIGGER training_enrolment_summary_truncate;

-- The enrolments already there (no write in between: the triggers count from here on).
LOCK TABLE training_enrolment IN SHARE MODE;
INSERT INTO training_completionsummary (module_id, city_id, enrolled, in_progress, completed)
SELECT module_id, city_id, count(*),
       count(*) FILTER (WHERE completed_at IS NULL AND completed_count > 0),
       count(*) FILTER (WHERE completed_at IS NOT NULL)
  FROM training_enrolment
 WHERE city_id IS NOT NULL
 GROUP BY module_id, city_id;
"""

REVERSE = """
DROP TRIGGER IF EXISTS training_enrolment_summary_truncate ON training_enrolment;
DROP FUNCTION IF EXISTS training_enrolment_summary_truncate();
DROP TRIGGER IF EXISTS training_enrolment_summary_update ON training_enrolment;
DROP TRIGGER IF EXISTS training_enrolment_summary_insert_delete ON training_enrolment;
DROP FUNCTION IF EXISTS training_enrolment_summary();
"""


class Migration(migrations.Migration):
    dependencies = [
        ("hub", "0007_user_time_zone"),
        ("training", "0003_choice_leads_to_restrict"),
    ]

    operations = [
        migrations.CreateModel(
            name="CompletionSummary",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("enrolled", models.IntegerField(default=0, verbose_name="enrolled")),
                ("in_progress", models.IntegerField(default=0, verbose_name="in progress")),
                ("completed", models.IntegerField(default=0, verbose_name="completed")),
                (
                    "city",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="hub.city",
                        verbose_name="city",
                    ),
                ),
                (
                    "module",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="training.module",
                        verbose_name="module",
                    ),
                ),
            ],
            options={
                "verbose_name": "completion summary",
                "verbose_name_plural": "completion summaries",
                "constraints": [
                    models.UniqueConstraint(
                        fields=("module", "city"), name="completionsummary_once"
                    )
                ],
            },
        ),
        migrations.RunSQL(FORWARD, REVERSE),
    ]
