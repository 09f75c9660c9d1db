from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from courses.people.roles import is_training_admin


class TrainingAdminMenuItem(MenuItem):
    def is_shown(self, request):
        return is_training_admin(request.user)


@hooks.register("register_admin_menu_item")
def register_training_requests_menu_item():
    """Decisions are taken on /requests/ (approving schedules a session); the admin links there."""
    return TrainingAdminMenuItem(
        _("Training requests"), reverse("training_requests:list"), name="training-requests", icon_name="mail", order=460
    )
