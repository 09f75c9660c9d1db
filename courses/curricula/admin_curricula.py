"""Curricula in the Wagtail admin, for training admins.

Creating or changing a curriculum goes through a preview: the form is checked, then shown again with
how many people it will assign and how many assignments would end, computed without writing
(courses.curricula.previews). Saving is only possible once the figures for exactly these audience and due
settings have been shown; any change to them asks for a new preview. Saving then applies the
curriculum to its audience (courses.curricula.admin_services)."""

import hashlib
import json

from django import forms
from django.contrib import messages
from django.db.models import Count, Q
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet

from lms.dates import long_date

from .admin_services import curriculum_apply
from .models import Curriculum
from .previews import SEARCH_MAX_LENGTH, curriculum_preview, curriculum_preview_people

# The fields that decide who is assigned and by when: changing any of them needs a fresh preview.
PREVIEWED_FIELDS = (
    "courses",
    "requirement",
    "min_courses",
    "audience_departments",
    "audience_job_titles",
    "audience_hired_within_days",
    "due_rule",
    "due_days",
    "due_date",
    "recert_period_months",
    "active",
)


class CurriculumForm(WagtailAdminModelForm):
    class Meta(WagtailAdminModelForm.Meta):  # keeps Wagtail's widgets and the database bounds (lms.forms)
        model = Curriculum
        fields = "__all__"
        widgets = {
            "courses": forms.CheckboxSelectMultiple,
            "audience_departments": forms.CheckboxSelectMultiple,
            "audience_job_titles": forms.Textarea(attrs={"rows": 3}),
            "description": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        departments = self.fields.get("audience_departments")
        if departments is not None:
            departments.queryset = departments.queryset.order_by("path")
            departments.label_from_instance = lambda d: "\u2003" * (d.depth - 1) + d.name

    def audience_fingerprint(self) -> str:
        """A digest of the settings the preview depends on, to tell a stale preview from a current one."""
        values = {}
        for name in PREVIEWED_FIELDS:
            value = self.cleaned_data.get(name)
            if hasattr(value, "values_list"):
                value = sorted(value.values_list("pk", flat=True))
            values[name] = str(value) if not isinstance(value, list) else value
        return hashlib.sha256(json.dumps(values, sort_keys=True).encode()).hexdigest()[:32]


edit_handler = ObjectList(
    [
        MultiFieldPanel(
            [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description"), FieldPanel("active")],
            heading=gettext_lazy("Curriculum"),
        ),
        MultiFieldPanel(
            [FieldPanel("courses"), FieldRowPanel([FieldPanel("requirement"), FieldPanel("min_courses")])],
            heading=gettext_lazy("Courses"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("audience_departments"),
                FieldPanel("audience_job_titles"),
                FieldPanel("audience_hired_within_days"),
            ],
            heading=gettext_lazy("Who must complete it"),
            help_text=gettext_lazy(
                "Active employees who match every criterion you set. Set none to assign every active employee."
            ),
        ),
        MultiFieldPanel(
            [FieldPanel("due_rule"), FieldRowPanel([FieldPanel("due_days"), FieldPanel("due_date")])],
            heading=gettext_lazy("Due date"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("recert_period_months"), FieldPanel("recert_window_days")]),
                FieldPanel("expiry_method"),
                FieldRowPanel([FieldPanel("expiry_month"), FieldPanel("expiry_day")]),
            ],
            heading=gettext_lazy("Recertification"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("reminder_days_before_due"),
                FieldPanel("overdue_notice"),
                FieldPanel("window_open_notice"),
                FieldPanel("head_digest_every_days"),
            ],
            heading=gettext_lazy("Reminders"),
        ),
    ],
    base_form_class=CurriculumForm,
)


def preview_message(preview, *, editing: bool) -> str:
    parts = [
        ngettext(
            "This curriculum will assign %(count)d person.",
            "This curriculum will assign %(count)d people.",
            preview.assigned,
        )
        % {"count": preview.assigned}
    ]
    if editing:
        parts.append(
            ngettext("%(count)d of them newly.", "%(count)d of them newly.", preview.new) % {"count": preview.new}
        )
    if preview.new:
        parts.append(_("New assignments are due on %(date)s.") % {"date": long_date(preview.due_on)})
    if preview.already_complete:
        parts.append(
            ngettext(
                "%(count)d of the new people has already completed it.",
                "%(count)d of the new people have already completed it.",
                preview.already_complete,
            )
            % {"count": preview.already_complete}
        )
    if preview.ending:
        parts.append(
            ngettext(
                "%(count)d current assignment will end (its history is kept).",
                "%(count)d current assignments will end (their history is kept).",
                preview.ending,
            )
            % {"count": preview.ending}
        )
    return " ".join(parts)


class PreviewBeforeSaveMixin:
    """Create and edit views: "Preview" re-renders the form with the figures; "Save" only saves when
    the figures shown were for exactly these settings."""

    template_name = "curricula/admin/curriculum_form.html"
    editing = False

    def form_valid(self, form):
        preview = curriculum_preview(
            curriculum=form.instance,
            course_ids=[course.pk for course in form.cleaned_data.get("courses", [])],
            department_ids=[d.pk for d in form.cleaned_data.get("audience_departments", [])],
        )
        token = form.audience_fingerprint()
        wants_save = self.request.POST.get("action") == "save"
        if not wants_save or self.request.POST.get("preview_token") != token:
            self.form = form
            query = self.request.POST.get("preview_q", "").replace("\x00", "").strip()[:SEARCH_MAX_LENGTH]
            people = curriculum_preview_people(
                curriculum=form.instance,
                department_ids=[d.pk for d in form.cleaned_data.get("audience_departments", [])],
                query=query,
                page=self.request.POST.get("preview_page") or 1,
            )
            context = self.get_context_data(
                form=form,
                preview=preview,
                preview_people=people,
                preview_query=query,
                preview_text=preview_message(preview, editing=self.editing),
                preview_token=token,
                preview_was_stale=wants_save,
            )
            return self.render_to_response(context)
        return super().form_valid(form)

    def save_instance(self):
        instance = super().save_instance()
        self.applied = curriculum_apply(curriculum=instance)
        return instance

    def get_success_message(self, *args):
        saved = _("Curriculum “%(name)s” saved.") % {"name": self.object.name}
        applied = getattr(self, "applied", None)
        if applied is None:
            return saved
        if applied.queued:
            return saved + " " + _("Assignments are being updated in the background.")
        return (
            saved
            + " "
            + ngettext("%(count)d person newly assigned,", "%(count)d people newly assigned,", applied.created)
            % {"count": applied.created}
            + " "
            + ngettext("%(count)d assignment ended.", "%(count)d assignments ended.", applied.ended)
            % {"count": applied.ended}
        )


class CurriculumCreateView(PreviewBeforeSaveMixin, generic.CreateView):
    pass


class CurriculumEditView(PreviewBeforeSaveMixin, generic.EditView):
    editing = True


class CurriculumDeleteView(generic.DeleteView):
    """A curriculum that ever assigned anyone cannot be deleted: its assignments and certifications
    are the training office's evidence. The page says so and offers to deactivate it instead."""

    template_name = "curricula/admin/curriculum_delete.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        counts = self.object.assignments.aggregate(
            total=Count("pk"), current=Count("pk", filter=Q(ended_at__isnull=True))
        )
        context["assignment_total"] = counts["total"]
        context["assignment_current"] = counts["current"]
        return context

    def form_valid(self, form):
        if self.object.assignments.exists():
            messages.error(
                self.request,
                _("“%(name)s” has assignments and cannot be deleted. Make it inactive instead.")
                % {"name": self.object.name},
            )
            return redirect(self.get_edit_url())
        return super().form_valid(form)

    def get_edit_url(self):
        return reverse(self.edit_url_name, args=[self.object.pk])


class CurriculumIndexView(generic.IndexView):
    def get_base_queryset(self):
        return (
            super()
            .get_base_queryset()
            .annotate(current_assignments=Count("assignments", filter=Q(assignments__ended_at__isnull=True)))
        )


class CurriculumViewSet(ModelViewSet):
    model = Curriculum
    icon = "list-ul"
    menu_label = gettext_lazy("Curricula")
    menu_order = 310
    add_to_admin_menu = False
    edit_handler = edit_handler
    index_view_class = CurriculumIndexView
    add_view_class = CurriculumCreateView
    edit_view_class = CurriculumEditView
    delete_view_class = CurriculumDeleteView
    copy_view_enabled = False
    search_fields = ["name", "description"]
    list_filter = ["active", "requirement", "due_rule"]
    list_display = [
        "name",
        Column("current_assignments", label=gettext_lazy("Assigned now")),
        Column("recert_period_months", label=gettext_lazy("Recertify (months)")),
        "active",
        "updated_at",
    ]
