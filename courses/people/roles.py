"""Who may do what. One place that recognises the roles of DESIGN.md."""

from django.conf import settings

from .models import Department


def _in_group(user, name):
    if not user.is_authenticated:
        return False
    cache = getattr(user, "_group_names", None)
    if cache is None:
        cache = set(user.groups.values_list("name", flat=True))
        user._group_names = cache
    return name in cache


def is_training_admin(user):
    return user.is_authenticated and (user.is_superuser or _in_group(user, settings.TRAINING_ADMINS_GROUP))


def is_facilitator(user):
    return _in_group(user, settings.FACILITATORS_GROUP)


def employee_of(user):
    """The user's Employee profile, or None."""
    if not user.is_authenticated:
        return None
    try:
        return user.employee
    except Exception:  # RelatedObjectDoesNotExist
        return None


def is_employee(user):
    employee = employee_of(user)
    return employee is not None and employee.active


def headed_departments(user):
    if not user.is_authenticated:
        return Department.objects.none()
    return Department.objects.filter(heads=user)


def is_department_head(user):
    return user.is_authenticated and headed_departments(user).exists()


def visible_departments(user):
    """Departments whose people the user may see: everything for a training admin, the subtrees they
    head for a department head, nothing for anyone else."""
    if is_training_admin(user):
        return Department.objects.all()
    paths = list(headed_departments(user).values_list("path", flat=True))
    if not paths:
        return Department.objects.none()
    from django.db.models import Q

    query = Q()
    for path in paths:
        query |= Q(path__startswith=path)
    return Department.objects.filter(query)
