"""django-q2 tasks. They take ids and are idempotent: running one twice sends nothing twice."""


def send_registration_email(registration_id: int, kind: str) -> bool:
    """E-mail one person about their registration (see courses.scheduling.notifications)."""
    from .notifications import registration_email_send

    return registration_email_send(registration_id=registration_id, kind=kind)


def employee_departure(user_id: int) -> int:
    """An employee was deactivated: end their feed and upcoming places (see services.departures)."""
    from .services import employee_departure as depart

    return len(depart(user_id=user_id))


def fill_series_horizons() -> int:
    """Daily: create the sessions of every active series up to the horizon."""
    from .services import series_materialize_all

    return series_materialize_all()


def send_reminders() -> int:
    """Daily: remind everyone booked for a session that takes place tomorrow (local date)."""
    from .notifications import reminders_send

    return reminders_send()


def forget_accommodations() -> int:
    """Daily: delete the accommodation requests of sessions that ended some days ago."""
    from .services import accommodations_forget

    return accommodations_forget()
