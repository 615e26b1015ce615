"""The revision of an event's time and place (`Event.sequence`, the calendar files' SEQUENCE)
and the revision each participant knows (`Registration.told_sequence`), both kept by the
database: any write that changes one of `events.models.TIME_AND_PLACE` (the admin, a service, a
queryset update(), an import) adds one to the event's; a new registration knows the event's as
it is then. A registration that knows less than its event is owed an email
(events.services.notifications.changes_send)."""

from django.db import migrations, models

_COLUMNS = (
    "starts_at, ends_at, time_zone, venue_city_id, venue, location_note, location_note_en, location_note_fr, location_note_ar, is_online, online_url"
)

_CREATE = f"""
CREATE FUNCTION events_event_sequence() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    NEW.sequence := OLD.sequence + CASE
        WHEN ROW({", ".join(f"NEW.{c}" for c in _COLUMNS.split(", "))})
             IS DISTINCT FROM ROW({", ".join(f"OLD.{c}" for c in _COLUMNS.split(", "))})
        THEN 1 ELSE 0 END;
    RETURN NEW;
END;
$$;
CREATE TRIGGER events_event_sequence
BEFORE UPDATE ON events_event
FOR EACH ROW EXECUTE FUNCTION events_event_sequence();

CREATE FUNCTION events_registration_told_sequence() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    NEW.told_sequence := (SELECT sequence FROM events_event WHERE id = NEW.event_id);
    RETURN NEW;
END;
$$;
CREATE TRIGGER events_registration_told_sequence
BEFORE INSERT ON events_registration
FOR EACH ROW EXECUTE FUNCTION events_registration_told_sequence();
"""

_DROP = """
DROP TRIGGER IF EXISTS events_registration_told_sequence ON events_registration;
DROP FUNCTION IF EXISTS events_registration_told_sequence();
DROP TRIGGER IF EXISTS events_event_sequence ON events_event;
DROP FUNCTION IF EXISTS events_event_sequence();
"""


class Migration(migrations.Migration):
    dependencies = [("events", "0006_reminders_follow_the_start")]

    operations = [
        migrations.AddField(
            model_name="event",
            name="sequence",
            field=models.PositiveIntegerField(
                default=0, verbose_name="revision of its time and place"
            ),
        ),
        migrations.AddField(
            model_name="registration",
            name="told_sequence",
            field=models.PositiveIntegerField(
                default=0, verbose_name="revision of the time and place told"
            ),
        ),
        migrations.RunSQL(_CREATE, _DROP),
    ]
