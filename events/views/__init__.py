"""Events' views, by area: the event page and registration (event.py), the calendar
(calendar.py), staff's work on registrations (staff.py)."""
