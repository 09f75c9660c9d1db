from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page


class HomePage(Page):
    intro = RichTextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]

    class Meta:
        verbose_name = _("home page")


class CourseIndexPage(Page):
    intro = RichTextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    subpage_types = ["cms.CoursePage"]

    class Meta:
        verbose_name = _("course index page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["course_pages"] = CoursePage.objects.live().child_of(self).select_related("course").order_by("title")
        return context


class CoursePage(Page):
    """The public page of a course: what it is, its modules, and an enrol button."""

    course = models.ForeignKey(
        "courses.Course", null=True, on_delete=models.SET_NULL, related_name="pages", verbose_name=_("course")
    )
    body = StreamField(
        [
            ("heading", blocks.CharBlock(form_classname="title", label=_("Heading"))),
            ("paragraph", blocks.RichTextBlock(label=_("Paragraph"))),
            ("quote", blocks.BlockQuoteBlock(label=_("Quote"))),
        ],
        blank=True,
        use_json_field=True,
        verbose_name=_("body"),
    )

    content_panels = Page.content_panels + [FieldPanel("course"), FieldPanel("body")]
    parent_page_types = ["cms.CourseIndexPage"]

    class Meta:
        verbose_name = _("course page")

    def get_context(self, request, *args, **kwargs):
        from courses.models import Enrollment, Module

        context = super().get_context(request, *args, **kwargs)
        course = self.course
        context["modules"] = list(Module.objects.filter(course=course).order_by("position", "id")) if course else []
        context["enrollment"] = (
            Enrollment.objects.filter(user=request.user, course=course).first()
            if course and request.user.is_authenticated
            else None
        )
        return context
