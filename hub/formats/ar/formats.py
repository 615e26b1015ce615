"""Arabic: "1 ديسمبر 2026". Arabic has no abbreviated month names (Django's M is the full
name too), and Django's own "j F، Y" puts a comma where Arabic writers do not."""

DATE_FORMAT = "j F Y"
SHORT_DATE_FORMAT = "j F Y"
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "j F Y، H:i"
SHORT_DATETIME_FORMAT = "j F Y، H:i"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j F"
