"""The course engine in the Wagtail admin, for training admins.

A course's edit page lists its modules in order, with buttons to move each one earlier or later,
to edit or delete it, and to add a module of any kind at the end. Each kind of module (reading,
video, quiz, reflection, live session) has its own form; a quiz's page lists its questions, each
edited with its choices. Deleting a course with enrolments, or a module learners worked on, is
refused with a message (the services say why)."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, Prefetch
from django.forms import inlineformset_factory
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from wagtail.admin.panels import FieldPanel
from wagtail.admin.ui.tables import BooleanColumn, Column, TitleColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet

from lms.forms import DatabaseBounds

from . import selectors, services
from .exceptions import CourseError
from .models import (
    Choice,
    Course,
    LiveSessionModule,
    Module,
    Question,
    QuizModule,
    ReadingModule,
    ReflectionModule,
    VideoModule,
)

# Module kind -> the URL namespace of its viewset (registered in wagtail_hooks.py).
MODULE_VIEWSETS = {
    ReadingModule: "course_readings",
    VideoModule: "course_videos",
    QuizModule: "course_quizzes",
    ReflectionModule: "course_reflections",
    LiveSessionModule: "course_live_sessions",
}


def _can_change(user, model=Course) -> bool:
    return user.has_perm(f"{model._meta.app_label}.change_{model._meta.model_name}")


def module_edit_url(module) -> str:
    return reverse(f"{MODULE_VIEWSETS[type(module)]}:edit", args=[module.pk])


def module_delete_url(module) -> str:
    return reverse(f"{MODULE_VIEWSETS[type(module)]}:delete", args=[module.pk])


# Courses ------------------------------------------------------------------------------------------


class CourseIndexView(generic.IndexView):
    default_ordering = "title"

    def get_base_queryset(self):
        return Course.objects.annotate(
            module_count=Count("modules", distinct=True), enrollment_count=Count("enrollments", distinct=True)
        )

    @cached_property
    def columns(self):
        return [
            self._get_title_column_class(TitleColumn)(
                "title", label=gettext_lazy("Title"), get_url=self.get_edit_url, sort_key="title"
            ),
            Column("format", label=gettext_lazy("Format"), accessor="get_format_display"),
            Column("module_count", label=gettext_lazy("Modules")),
            Column("enrollment_count", label=gettext_lazy("Enrolments")),
            BooleanColumn("is_published", label=gettext_lazy("Published")),
        ]


class CourseModulesMixin:
    """The course's modules in order, with their links, for the edit page."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        course = self.object
        context["modules"] = [
            {
                "module": module,
                "edit_url": module_edit_url(module),
                "delete_url": module_delete_url(module),
                "move_url": reverse("courses:move_module", args=[course.pk, module.pk]),
            }
            for module in selectors.course_modules(course)
        ]
        context["module_kinds"] = [
            (model._meta.verbose_name, reverse(f"{namespace}:add") + f"?course={course.pk}")
            for model, namespace in MODULE_VIEWSETS.items()
        ]
        return context


class CourseEditView(CourseModulesMixin, generic.EditView):
    template_name = "courses/admin/course_edit.html"


class CourseDeleteView(generic.DeleteView):
    def form_valid(self, form):
        try:
            services.course_delete(course=self.object)
        except CourseError as error:
            messages.error(self.request, str(error))
            return redirect(self.edit_url_name, self.object.pk)
        messages.success(self.request, self.get_success_message())
        return redirect(self.get_success_url())


@require_POST
def move_module(request, pk, module_pk):
    if not _can_change(request.user):
        raise PermissionDenied
    module = get_object_or_404(Module.objects.non_polymorphic(), pk=module_pk, course_id=pk)
    direction = request.POST.get("direction")
    if direction not in {"up", "down"}:
        messages.error(request, _("Choose to move the module up or down."))
    else:
        services.module_move(module=module, offset=-1 if direction == "up" else 1)
        messages.success(
            request,
            (_("“%(title)s” moved up.") if direction == "up" else _("“%(title)s” moved down."))
            % {"title": module.title},
        )
    return redirect(reverse("courses:edit", args=[pk]) + "#course-modules")


def course_participants(request, pk):
    """Training admins: everyone enrolled in the course, with progress and quiz attempts; grant a
    learner extra attempts at a quiz (with a reason, kept as the audit)."""
    from django.core.exceptions import ValidationError

    from courses.people import roles

    from .models import Enrollment

    if not roles.is_training_admin(request.user):
        raise PermissionDenied
    course = get_object_or_404(Course, pk=pk)
    url = reverse("courses:participants", args=[course.pk])
    if request.method == "POST":
        enrollment = get_object_or_404(Enrollment, pk=request.POST.get("enrollment") or 0, course=course)
        quiz = get_object_or_404(QuizModule, pk=request.POST.get("quiz") or 0, course=course)
        try:
            services.quiz_attempts_grant(
                enrollment=enrollment, quiz=quiz, granted_by=request.user, reason=request.POST.get("reason", "")
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            name = enrollment.user.get_full_name() or enrollment.user.get_username()
            messages.success(
                request, _("%(name)s has one more attempt at “%(quiz)s”.") % {"name": name, "quiz": quiz.title}
            )
        return redirect(url)
    participants, grants = selectors.course_participants(course)
    return TemplateResponse(
        request,
        "courses/admin/course_participants.html",
        {"course": course, "participants": participants, "grants": grants, "action": url},
    )


class CourseViewSet(ModelViewSet):
    model = Course
    icon = "list-ol"
    menu_label = gettext_lazy("Courses")
    menu_order = 310
    add_to_admin_menu = True
    index_view_class = CourseIndexView
    edit_view_class = CourseEditView
    delete_view_class = CourseDeleteView
    copy_view_enabled = False
    search_fields = ["title", "slug", "summary"]
    search_backend_name = None
    list_filter = ["format", "is_published", "topics"]
    panels = [
        FieldPanel("title"),
        FieldPanel("slug"),
        FieldPanel("summary"),
        FieldPanel("format"),
        FieldPanel("estimated_minutes"),
        FieldPanel("topics", widget=forms.CheckboxSelectMultiple),
        FieldPanel("modules_in_order"),
        FieldPanel("is_published"),
    ]

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("<int:pk>/modules/<int:module_pk>/move/", move_module, name="move_module"),
            path("<int:pk>/participants/", course_participants, name="participants"),
        ]


# Modules ------------------------------------------------------------------------------------------


class ModuleCourseMixin:
    """Module views return to their course's edit page; a new module needs ?course=<id>."""

    def course_edit_url(self, course_id):
        return reverse("courses:edit", args=[course_id]) + "#course-modules"

    def get_success_url(self):
        return self.course_edit_url(self.object.course_id)

    def get_breadcrumbs_items(self):
        course = self.get_course()
        return [
            {"url": reverse("courses:index"), "label": _("Courses")},
            {"url": self.course_edit_url(course.pk), "label": str(course)},
            {"url": "", "label": self.get_page_title()},
        ]


class ModuleCreateView(ModuleCourseMixin, generic.CreateView):
    def get_course(self):
        if not hasattr(self, "_course"):
            course_id = self.request.GET.get("course", "")
            if not course_id.isdigit():
                raise Http404(_("Add a module from its course's page."))
            self._course = get_object_or_404(Course, pk=int(course_id))
        return self._course

    def get_add_url(self):
        return super().get_add_url() + f"?course={self.get_course().pk}"

    def get_initial_form_instance(self):
        course = self.get_course()
        return self.model(course=course, position=services.module_next_position(course))

    def get_page_subtitle(self):
        return str(self.get_course())


class ModuleEditView(ModuleCourseMixin, generic.EditView):
    def get_course(self):
        return self.object.course


class QuizEditView(ModuleEditView):
    template_name = "courses/admin/quiz_edit.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        visible_choices = Prefetch("choices", queryset=Choice.objects.filter(hidden=False))
        context["questions"] = self.object.questions.filter(hidden=False).prefetch_related(visible_choices)
        context["add_question_url"] = reverse("course_quizzes:add_question", args=[self.object.pk])
        return context


class ModuleDeleteView(generic.DeleteView):
    def get_success_url(self):
        return reverse("courses:edit", args=[self.object.course_id]) + "#course-modules"

    def form_valid(self, form):
        course_id = self.object.course_id
        try:
            services.module_delete(module=self.object)
        except CourseError as error:
            messages.error(self.request, str(error))
            return redirect(reverse("courses:edit", args=[course_id]) + "#course-modules")
        messages.success(self.request, self.get_success_message())
        return redirect(reverse("courses:edit", args=[course_id]) + "#course-modules")


class ModuleViewSet(ModelViewSet):
    add_to_admin_menu = False
    add_view_class = ModuleCreateView
    edit_view_class = ModuleEditView
    delete_view_class = ModuleDeleteView
    copy_view_enabled = False
    inspect_view_enabled = False
    common_panels = [FieldPanel("title"), FieldPanel("required")]
    kind_panels = []

    @cached_property
    def panels(self):
        return [*self.common_panels, *self.kind_panels]

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(list_display=["title", "course", "position"], **kwargs)


class ReadingModuleViewSet(ModuleViewSet):
    model = ReadingModule
    icon = "doc-full"
    kind_panels = [FieldPanel("body"), FieldPanel("resource_page")]


class VideoModuleViewSet(ModuleViewSet):
    model = VideoModule
    icon = "media"
    kind_panels = [
        FieldPanel("video_url"),
        FieldPanel("video_file"),
        FieldPanel("captions"),
        FieldPanel("transcript"),
        FieldPanel("duration_minutes"),
    ]


class QuestionForm(DatabaseBounds, forms.ModelForm):
    class Meta:
        model = Question
        fields = ["text", "explanation"]
        widgets = {"text": forms.Textarea(attrs={"rows": 3}), "explanation": forms.Textarea(attrs={"rows": 3})}


class ChoiceFormSet(forms.BaseInlineFormSet):
    def clean(self):
        super().clean()
        kept = [
            form
            for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE") and form.cleaned_data.get("text")
        ]
        if len(kept) < 2:
            raise forms.ValidationError(_("A question needs at least two choices."))
        if not any(form.cleaned_data.get("is_correct") for form in kept):
            raise forms.ValidationError(_("Mark at least one choice as correct."))


class ChoiceForm(DatabaseBounds, forms.ModelForm):
    pass


ChoiceFormSetFactory = inlineformset_factory(
    Question,
    Choice,
    form=ChoiceForm,
    formset=ChoiceFormSet,
    fields=["text", "is_correct", "explanation"],
    extra=2,
    can_delete=True,
    widgets={"explanation": forms.TextInput()},
)


def question_edit(request, quiz_pk, pk=None):
    """Add or edit one question of a quiz with its choices (one form, saved together)."""
    quiz = get_object_or_404(QuizModule, pk=quiz_pk)
    if not _can_change(request.user, QuizModule):
        raise PermissionDenied
    question = get_object_or_404(Question, pk=pk, quiz=quiz) if pk else Question(quiz=quiz)
    form = QuestionForm(request.POST or None, instance=question)
    formset = ChoiceFormSetFactory(
        request.POST or None, instance=question, prefix="choices", queryset=Choice.objects.filter(hidden=False)
    )
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        _question_save(form=form, formset=formset, quiz=quiz)
        messages.success(request, _("Question saved."))
        return redirect(reverse("course_quizzes:edit", args=[quiz.pk]) + "#quiz-questions")
    return TemplateResponse(
        request,
        "courses/admin/question_edit.html",
        {
            "quiz": quiz,
            "question": question,
            "form": form,
            "formset": formset,
            "quiz_url": reverse("course_quizzes:edit", args=[quiz.pk]),
        },
        status=400 if request.method == "POST" else 200,
    )


def _question_save(*, form, formset, quiz):
    """Save a question and its choices together; a new question goes last in the quiz."""
    with transaction.atomic():
        question = form.save(commit=False)
        if question.pk is None:
            last = quiz.questions.order_by("-position").first()
            question.position = 0 if last is None else last.position + 1
        question.save()
        formset.instance = question
        choices = formset.save(commit=False)
        answered = quiz.attempts.exists()
        for choice in formset.deleted_objects:
            if answered:  # learners' attempts keep showing it; new attempts no longer offer it
                choice.hidden = True
                choice.save(update_fields=["hidden"])
            else:
                choice.delete()
        for position, choice in enumerate(choices, start=question.choices.count()):
            if choice.pk is None:
                choice.position = position
            choice.save()


@require_POST
def question_delete(request, quiz_pk, pk):
    quiz = get_object_or_404(QuizModule, pk=quiz_pk)
    if not _can_change(request.user, QuizModule):
        raise PermissionDenied
    question = get_object_or_404(Question, pk=pk, quiz=quiz)
    if quiz.attempts.exists():
        question.hidden = True
        question.save(update_fields=["hidden"])
        messages.success(
            request,
            _("Learners have answered this question, so it is hidden from new attempts; their attempts still show it."),
        )
    else:
        question.delete()
        messages.success(request, _("Question deleted."))
    return redirect(reverse("course_quizzes:edit", args=[quiz.pk]) + "#quiz-questions")


class QuizModuleViewSet(ModuleViewSet):
    model = QuizModule
    icon = "help"
    edit_view_class = QuizEditView
    kind_panels = [
        FieldPanel("quiz_kind"),
        FieldPanel("pass_mark"),
        FieldPanel("attempt_limit"),
        FieldPanel("instructions"),
    ]

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("<int:quiz_pk>/questions/new/", question_edit, name="add_question"),
            path("<int:quiz_pk>/questions/<int:pk>/", question_edit, name="edit_question"),
            path("<int:quiz_pk>/questions/<int:pk>/delete/", question_delete, name="delete_question"),
        ]


class ReflectionModuleViewSet(ModuleViewSet):
    model = ReflectionModule
    icon = "edit"
    kind_panels = [FieldPanel("prompt"), FieldPanel("min_length")]


class LiveSessionModuleViewSet(ModuleViewSet):
    model = LiveSessionModule
    icon = "calendar"
    kind_panels = [FieldPanel("description"), FieldPanel("required_attendances")]
