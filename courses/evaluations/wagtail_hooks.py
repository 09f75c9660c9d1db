"""Evaluation forms in the Wagtail admin: training admins choose each course's "before / now" skills.
Responses and receipts are deliberately not registered: no admin screen lists them."""

from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.panels import FieldPanel
from wagtail.admin.viewsets.model import ModelViewSet

from .models import EvaluationForm


class EvaluationFormViewSet(ModelViewSet):
    model = EvaluationForm
    icon = "form"
    menu_label = gettext_lazy("Evaluation forms")
    menu_order = 320
    add_to_admin_menu = True
    copy_view_enabled = False
    inspect_view_enabled = False
    list_display = ["course", "skill_1", "skill_2", "skill_3"]
    panels = [FieldPanel("course"), FieldPanel("skill_1"), FieldPanel("skill_2"), FieldPanel("skill_3")]


@hooks.register("register_admin_viewset")
def register_evaluation_form_viewset():
    return EvaluationFormViewSet("evaluation_forms", url_prefix="evaluation-forms")
