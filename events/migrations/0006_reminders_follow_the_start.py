"""An event moved later: a reminder that no longer reminds of it, sent more than twice its lead
before the new start (two weeks for the week's, two days for the day's), is forgotten, so the
participant is reminded again a week and a day before the new start (events.services.
notifications.reminders_send); a move of a few hours keeps it. In the database, so the admin,
a service, a queryset update() or an import that moves an event all leave the markers right.
An event moved earlier keeps them: a reminder already sent was sent early enough."""

from django.db import migrations

_CREATE = """
CREATE FUNCTION events_event_reminders_follow_the_start() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    UPDATE events_registration
       SET reminded_week_at = CASE
               WHEN reminded_week_at < NEW.starts_at - interval '14 days' THEN NULL
               ELSE reminded_week_at END,
           reminded_day_at = CASE
               WHEN reminded_day_at < NEW.starts_at - interval '2 days' THEN NULL
               ELSE reminded_day_at END
     WHERE event_id = NEW.id
       AND (reminded_week_at < NEW.starts_at - interval '14 days'
            OR reminded_day_at < NEW.starts_at - interval '2 days');
    RETURN NULL;
END;
$$;
CREATE TRIGGER events_event_reminders_follow_the_start
AFTER UPDATE OF starts_at ON events_event
FOR EACH ROW WHEN (NEW.starts_at > OLD.starts_at)
EXECUTE FUNCTION events_event_reminders_follow_the_start();
"""

_DROP = """
DROP TRIGGER IF EXISTS events_event_reminders_follow_the_start ON events_event;
DROP FUNCTION IF EXISTS events_event_reminders_follow_the_start();
"""


class Migration(migrations.Migration):
    dependencies = [("events", "0005_evc_calendar_generation")]

    operations = [migrations.RunSQL(_CREATE, _DROP)]
