"""French: "1 déc. 2026" (N: the abbreviations French writes, with their full stops)."""

DATE_FORMAT = "j N Y"
SHORT_DATE_FORMAT = "j N Y"
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "j N Y à H:i"
SHORT_DATETIME_FORMAT = "j N Y, H:i"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j F"
