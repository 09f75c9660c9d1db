"""Arabic: Django's locale has no DATETIME_FORMAT, so a date with its time fell back to the American
"N j, Y, P". This one is the Arabic date followed by the Arabic time. Every other format is Django's."""

DATETIME_FORMAT = "j F، Y، g:i A"
