"""Who may do what: the one module that recognises the roles of DESIGN.md and guards views by them.

Predicates (`is_training_admin`, `can_facilitate`, …) answer for a user; guards (`training_admin_required`,
`facilitator_required`, …) wrap a view: anonymous visitors are sent to log in, the wrong person gets a
403 with a sentence that says who the page is for. Services ask `require_training_admin`. Rules about
one object (may this user manage this session?) live beside that object's app and are built on these.
"""

import functools

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from .models import Department


def _in_group(user, name):
    if not user.is_authenticated:
        return False
    cache = getattr(user, "_group_names", None)
    if cache is None:
        cache = set(user.groups.values_list("name", flat=True))
        user._group_names = cache
    return name in cache


# Predicates -------------------------------------------------------------------------------------------


def is_training_admin(user) -> bool:
    return user.is_authenticated and (user.is_superuser or _in_group(user, settings.TRAINING_ADMINS_GROUP))


def is_facilitator(user) -> bool:
    return _in_group(user, settings.FACILITATORS_GROUP)


def can_facilitate(user) -> bool:
    """The facilitator pages: facilitators and training admins."""
    return is_facilitator(user) or is_training_admin(user)


def can_use_admin(user) -> bool:
    """The Wagtail admin: editors and training admins (anyone given access to it)."""
    return user.is_authenticated and user.has_perm("wagtailadmin.access_admin")


def employee_of(user):
    """The user's Employee profile, or None."""
    if not user.is_authenticated:
        return None
    try:
        return user.employee
    except ObjectDoesNotExist:
        return None


def is_employee(user) -> bool:
    employee = employee_of(user)
    return employee is not None and employee.active


def headed_departments(user):
    if not user.is_authenticated:
        return Department.objects.none()
    return Department.objects.filter(heads=user)


def is_department_head(user) -> bool:
    return user.is_authenticated and headed_departments(user).exists()


def is_head_or_training_admin(user) -> bool:
    """Compliance reports and training requests: department heads (their subtrees) and training admins."""
    return is_training_admin(user) or is_department_head(user)


def is_equity_analyst(user) -> bool:
    return _in_group(user, settings.EQUITY_ANALYSTS_GROUP)


def can_view_insights(user) -> bool:
    """Equity insights (aggregates only): equity analysts and training admins see the organisation,
    department heads their subtrees."""
    return is_equity_analyst(user) or is_training_admin(user) or is_department_head(user)


def sees_whole_organisation_insights(user) -> bool:
    return is_equity_analyst(user) or is_training_admin(user)


def visible_departments(user):
    """Departments whose people the user may see: everything for a training admin, the subtrees they
    head for a department head, nothing for anyone else."""
    if is_training_admin(user):
        return Department.objects.all()
    paths = list(headed_departments(user).values_list("path", flat=True))
    if not paths:
        return Department.objects.none()
    query = Q()
    for path in paths:
        query |= Q(path__startswith=path)
    return Department.objects.filter(query)


# Guards -----------------------------------------------------------------------------------------------


def role_required(predicate, message: str = ""):
    """A view decorator: log in first, then `predicate(user)` or a 403 saying `message` (translated
    when the view runs)."""

    def decorator(view):
        @login_required
        @functools.wraps(view)
        def wrapper(request, *args, **kwargs):
            if not predicate(request.user):
                raise PermissionDenied(_(message) if message else None)
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


# The messages are marked for translation here and translated when a request is refused.
training_admin_required = role_required(is_training_admin, gettext_noop("Only training admins can do this."))
facilitator_required = role_required(
    can_facilitate, gettext_noop("These pages are for facilitators and training admins.")
)
compliance_viewer_required = role_required(
    is_head_or_training_admin, gettext_noop("Compliance reports are for department heads and training admins.")
)
request_viewer_required = role_required(
    is_head_or_training_admin, gettext_noop("Training requests are for department heads and training admins.")
)
employee_required = role_required(is_employee, gettext_noop("This page is for employees of the city."))
insights_viewer_required = role_required(
    can_view_insights, gettext_noop("Equity insights are for equity analysts, training admins and department heads.")
)
request_decider_required = role_required(
    is_training_admin, gettext_noop("Only a training admin can decide on a request.")
)


def require_training_admin(user) -> None:
    """For services: PermissionDenied unless `user` is a training admin."""
    if user is None or not is_training_admin(user):
        raise PermissionDenied(_("Only training admins can do this."))
