"""Event.confirmed_count kept by the database: whatever changes a registration (the services,
the admin, a queryset update(), an import), the count follows, and the capacity constraint on
the event then refuses any change that would overfill it."""

from django.db import migrations

FORWARD = """
CREATE FUNCTION events_recount_confirmed(event bigint) RETURNS void AS $$
    UPDATE events_event
       SET confirmed_count = (
           SELECT count(*) FROM events_registration
            WHERE event_id = event AND status = 'confirmed')
     WHERE id = event;
$$ LANGUAGE sql;

CREATE FUNCTION events_registration_recount() RETURNS trigger AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        PERFORM events_recount_confirmed(OLD.event_id);
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') AND (TG_OP = 'INSERT' OR NEW.event_id <> OLD.event_id) THEN
        PERFORM events_recount_confirmed(NEW.event_id);
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER events_registration_recount
AFTER INSERT OR DELETE OR UPDATE OF status, event_id ON events_registration
FOR EACH ROW EXECUTE FUNCTION events_registration_recount();
"""

BACKWARD = """
DROP TRIGGER IF EXISTS events_registration_recount ON events_registration;
DROP FUNCTION IF EXISTS events_registration_recount();
DROP FUNCTION IF EXISTS events_recount_confirmed(bigint);
"""


class Migration(migrations.Migration):
    dependencies = [("events", "0001_initial")]

    operations = [migrations.RunSQL(FORWARD, BACKWARD)]
