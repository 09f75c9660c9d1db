"""Pages of scheduling. Thin: parse, call a service (courses.scheduling.services) or a selector, render.

- sessions: /sessions/ and the calendars, for employees and guests
- facilitate: /facilitate/ overview, series and sessions (facilitate_common holds their guard)
- roster: attendance in bulk, walk-ins, the rotating QR check-in screen
- checkin: self check-in at /checkin/
- circles: signing up for every meeting of a series (reading circles)
"""
