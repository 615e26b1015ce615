"""Every write of training goes through these services, one module per area:
``progress`` (enrolment, lessons, quizzes, scenarios, completion), ``toolkits``,
``certificates``, ``content`` (the hub's own modules and the demo)."""
