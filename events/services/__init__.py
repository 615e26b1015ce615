"""Every write to events: the programme's past events (seed) and, in their own modules, the rest."""

from .seed import EventsLoadReport, programme_events_load

__all__ = ["EventsLoadReport", "programme_events_load"]
