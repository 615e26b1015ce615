"""Toolkit.version is derived in the database: whatever writes a toolkit's items, its own
content or its working group's name and description (the admin, a queryset update(), an import,
raw SQL), the version grows and changed_at moves, so every cached ZIP of the older version is
out of date at once.

- training_toolkititem: after each inserted, changed or deleted row, its toolkit (both toolkits
  when an item moves from one to another) gets version + 1. An update that changes nothing
  does not count.
- training_toolkit: an update of its content columns (introduction in every language, the
  working group; an empty text and none are the same) counts; any other update keeps version and changed_at as they were, so the
  application cannot write them (a form saving a stale version cannot take it back). Updates
  made by the two other triggers (pg_trigger_depth() > 1) pass as they are.
- training_workinggroup: a change of its name or description (shown in the ZIP's index)
  counts for its toolkit.
"""

from django.db import migrations

FORWARD = """
CREATE FUNCTION training_toolkititem_bump() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND OLD IS NOT DISTINCT FROM NEW THEN
        RETURN NULL;
    END IF;
    UPDATE training_toolkit SET version = version + 1, changed_at = clock_timestamp()
     WHERE id = ANY (ARRAY[
        CASE WHEN TG_OP <> 'INSERT' THEN OLD.toolkit_id END,
        CASE WHEN TG_OP <> 'DELETE' THEN NEW.toolkit_id END]);
    RETURN NULL;
END $$;

CREATE TRIGGER training_toolkititem_bump
AFTER INSERT OR UPDATE OR DELETE ON training_toolkititem
FOR EACH ROW EXECUTE FUNCTION training_toolkititem_bump();

CREATE FUNCTION training_toolkit_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF pg_trigger_depth() > 1 THEN
        RETURN NEW;
    END IF;
    IF (OLD.introduction, coalesce(OLD.introduction_en, ''), coalesce(OLD.introduction_fr, ''),
        coalesce(OLD.introduction_ar, ''), OLD.working_group_id)
       IS DISTINCT FROM
       (NEW.introduction, coalesce(NEW.introduction_en, ''), coalesce(NEW.introduction_fr, ''),
        coalesce(NEW.introduction_ar, ''), NEW.working_group_id) THEN
        NEW.version := OLD.version + 1;
        NEW.changed_at := clock_timestamp();
    ELSE
        NEW.version := OLD.version;
        NEW.changed_at := OLD.changed_at;
    END IF;
    RETURN NEW;
END $$;

CREATE TRIGGER training_toolkit_version
BEFORE UPDATE ON training_toolkit
FOR EACH ROW EXECUTE FUNCTION training_toolkit_version();

CREATE FUNCTION training_workinggroup_bump() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE training_toolkit SET version = version + 1, changed_at = clock_timestamp()
     WHERE working_group_id = NEW.id;
    RETURN NULL;
END $$;

CREATE TRIGGER training_workinggroup_bump
AFTER UPDATE ON training_workinggroup
FOR EACH ROW WHEN (
    (OLD.name, coalesce(OLD.name_en, ''), coalesce(OLD.name_fr, ''), coalesce(OLD.name_ar, ''),
     OLD.description, coalesce(OLD.description_en, ''), coalesce(OLD.description_fr, ''),
     coalesce(OLD.description_ar, ''))
    IS DISTINCT FROM
    (NEW.name, coalesce(NEW.name_en, ''), coalesce(NEW.name_fr, ''), coalesce(NEW.name_ar, ''),
     NEW.description, coalesce(NEW.description_en, ''), coalesce(NEW.description_fr, ''),
     coalesce(NEW.description_ar, ''))
) EXECUTE FUNCTION training_workinggroup_bump();
"""

REVERSE = """
DROP TRIGGER IF EXISTS training_workinggroup_bump ON training_workinggroup;
DROP FUNCTION IF EXISTS training_workinggroup_bump();
DROP TRIGGER IF EXISTS training_toolkit_version ON training_toolkit;
DROP FUNCTION IF EXISTS training_toolkit_version();
DROP TRIGGER IF EXISTS training_toolkititem_bump ON training_toolkititem;
DROP FUNCTION IF EXISTS training_toolkititem_bump();
"""


class Migration(migrations.Migration):
    dependencies = [("training", "0001_initial")]

    operations = [migrations.RunSQL(FORWARD, REVERSE)]
