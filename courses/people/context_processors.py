from django.utils.functional import SimpleLazyObject

from . import roles as role_rules


def roles(request):
    """Role flags for navigation; lazy so that pages that do not show them run no query."""
    user = request.user
    return {
        "is_training_admin": SimpleLazyObject(lambda: role_rules.is_training_admin(user)),
        "is_facilitator": SimpleLazyObject(lambda: role_rules.is_facilitator(user)),
        "is_department_head": SimpleLazyObject(lambda: role_rules.is_department_head(user)),
        "can_use_admin": SimpleLazyObject(lambda: role_rules.can_use_admin(user)),
        "is_equity_analyst": SimpleLazyObject(lambda: role_rules.is_equity_analyst(user)),
        "current_employee": SimpleLazyObject(lambda: role_rules.employee_of(user)),
    }
