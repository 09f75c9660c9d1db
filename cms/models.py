"""The public face: home page, course pages and the accessible anti-racism resource hub."""

from django.core.paginator import Paginator
from django.db import models
from django.db.models import Prefetch, Q, prefetch_related_objects
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Locale, Orderable, Page
from wagtail.search import index

from .blocks import DownloadBlock, body_blocks

COURSES_PER_PAGE = 12
RESOURCES_PER_PAGE = 10


def query_without_page(request):
    """The request's query string minus its page number, for pagination links."""
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


class HomePage(Page):
    intro = RichTextField(_("introduction"), blank=True)
    featured_courses = StreamField(
        [("course", blocks.PageChooserBlock(page_type="cms.CoursePage", label=_("Course page")))],
        blank=True,
        use_json_field=True,
        verbose_name=_("featured courses"),
        help_text=_("Shown first on the home page. Leave empty to show the first courses of the catalogue."),
    )
    body = StreamField(body_blocks(), blank=True, use_json_field=True, verbose_name=_("body"))

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("featured_courses"), FieldPanel("body")]
    parent_page_types = ["wagtailcore.Page"]
    search_fields = Page.search_fields + [index.SearchField("intro")]

    class Meta:
        verbose_name = _("home page")

    def route(self, request, path_components):
        """A page not translated into this home's language is served from the default language's tree
        under this language's prefix (/es/courses/foo/ shows the English page until it is translated),
        so the language switcher never leads to a missing page."""
        try:
            return super().route(request, path_components)
        except Http404:
            default = self.get_translation_or_none(Locale.get_default())
            if default is None or default.pk == self.pk or not path_components:
                raise
            return default.specific.route(request, path_components)

    def featured_course_pages(self):
        """The chosen course pages in this page's language where translated, in one query."""
        chosen = [block.value for block in self.featured_courses if block.value is not None]
        pages = (
            CoursePage.objects.live()
            .public()
            .filter(Q(course__isnull=True) | Q(course__is_published=True))
            .select_related("course", "locale")
            .prefetch_related("course__topics")
        )
        if not chosen:
            return list(pages.descendant_of(self).filter(locale_id=self.locale_id).order_by("path")[:3])
        keys = [page.translation_key for page in chosen]
        locales = {self.locale_id, *(page.locale_id for page in chosen)}
        found = {
            (page.translation_key, page.locale_id): page
            for page in pages.filter(translation_key__in=keys, locale_id__in=locales)
        }
        # Prefer this locale's version of each chosen page, else the very page the editor chose.
        result = [
            found.get((page.translation_key, self.locale_id)) or found.get((page.translation_key, page.locale_id))
            for page in chosen
        ]
        return [page for page in result if page is not None]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        children = self.get_children().live().public()
        # An untranslated section (e.g. the hub) is shown from the default language's home.
        default_home = self.get_translation_or_none(Locale.get_default()) or self
        fallback_children = default_home.get_children().live().public()
        context["featured"] = self.featured_course_pages()
        context["course_index"] = (
            children.type(CourseIndexPage).first() or fallback_children.type(CourseIndexPage).first()
        )
        context["resource_hub"] = (
            children.type(ResourceHubPage).first() or fallback_children.type(ResourceHubPage).first()
        )
        hub = context["resource_hub"]
        context["recent_resources"] = (
            ResourcePage.objects.live()
            .public()
            .descendant_of(hub if hub is not None else self)
            .select_related("locale")
            .order_by("-first_published_at")[:3]
        )
        return context


class CourseIndexPage(Page):
    intro = RichTextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    subpage_types = ["cms.CoursePage"]
    search_fields = Page.search_fields + [index.SearchField("intro")]

    class Meta:
        verbose_name = _("course index page")

    def course_pages_filter(self):
        """This catalogue's course pages; in a translated catalogue, also the default language's pages
        not translated yet, so every course can be found in every language."""
        own = CoursePage.objects.child_of(self)
        default = self.get_translation_or_none(Locale.get_default())
        if default is None or default.pk == self.pk:
            return Q(pk__in=own.values("pk"))
        untranslated = CoursePage.objects.child_of(default).exclude(translation_key__in=own.values("translation_key"))
        return Q(pk__in=own.values("pk")) | Q(pk__in=untranslated.values("pk"))

    def get_context(self, request, *args, **kwargs):
        from courses.catalogue.models import Course, Topic
        from courses.curricula.selectors import course_requirements

        context = super().get_context(request, *args, **kwargs)
        pages = (
            CoursePage.objects.live()
            .public()
            .filter(self.course_pages_filter())
            .filter(Q(course__isnull=True) | Q(course__is_published=True))
            .select_related("course", "locale")
            .prefetch_related("course__topics")
            .order_by("title")
        )
        topics = list(Topic.objects.filter(courses__pages__in=pages).distinct().order_by("name"))
        topic_slug = request.GET.get("topic", "")
        topic = next((t for t in topics if t.slug == topic_slug), None)
        if topic is not None:
            pages = pages.filter(course__topics=topic)
        format_value = request.GET.get("format", "")
        if format_value in Course.Format.values:
            pages = pages.filter(course__format=format_value)
        else:
            format_value = ""
        paginator = Paginator(pages, COURSES_PER_PAGE)
        course_pages = paginator.get_page(request.GET.get("page"))
        requirements = course_requirements(request.user, [course_page.course_id for course_page in course_pages])
        for course_page in course_pages:
            course_page.requirement = requirements.get(course_page.course_id)
        context.update(
            course_pages=course_pages,
            topics=topics,
            formats=Course.Format.choices,
            selected_topic=topic,
            selected_format=format_value,
            filtered=bool(topic or format_value),
            unknown_filter=bool(topic_slug and topic is None) or bool(request.GET.get("format") and not format_value),
            query_string=query_without_page(request),
        )
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
    search_fields = Page.search_fields + [
        index.SearchField("body"),
        index.RelatedFields("course", [index.SearchField("title"), index.SearchField("summary")]),
    ]

    class Meta:
        verbose_name = _("course page")

    def get_context(self, request, *args, **kwargs):
        from courses.catalogue.models import Enrollment, Module
        from courses.curricula.selectors import course_requirements

        context = super().get_context(request, *args, **kwargs)
        course = self.course
        context["modules"] = list(Module.objects.filter(course=course).order_by("position", "id")) if course else []
        context["enrollment"] = (
            Enrollment.objects.filter(user=request.user, course=course).first()
            if course and request.user.is_authenticated
            else None
        )
        context["requirement"] = course_requirements(request.user, [course.pk]).get(course.pk) if course else None
        return context


class ResourceHubPage(Page):
    """The accessible anti-racism resource hub: search, filter by topic and type, paginate."""

    intro = RichTextField(_("introduction"), blank=True)
    help_text = RichTextField(
        _("help with formats"),
        blank=True,
        help_text=_("How to ask for large print, Braille, audio or another language."),
    )

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("help_text")]
    subpage_types = ["cms.ResourcePage"]
    search_fields = Page.search_fields + [index.SearchField("intro")]

    class Meta:
        verbose_name = _("resource hub")

    def get_context(self, request, *args, **kwargs):
        from courses.catalogue.models import Topic

        context = super().get_context(request, *args, **kwargs)
        resources = ResourcePage.objects.live().public().child_of(self).select_related("locale")
        topics = list(Topic.objects.filter(resource_links__page__in=resources.values("pk")).distinct().order_by("name"))
        topic_slug = request.GET.get("topic", "")
        topic = next((t for t in topics if t.slug == topic_slug), None)
        type_value = request.GET.get("type", "")
        if type_value not in ResourcePage.ResourceType.values:
            type_value = ""
        query = request.GET.get("q", "").strip()[:200]

        if topic is not None:
            # Search backends filter only on indexed fields: narrow by primary key instead.
            resources = resources.filter(
                pk__in=list(ResourcePageTopic.objects.filter(topic=topic).values_list("page_id", flat=True))
            )
        if type_value:
            resources = resources.filter(resource_type=type_value)
        results = resources.search(query) if query else resources.order_by("title")

        page_of_results = Paginator(results, RESOURCES_PER_PAGE).get_page(request.GET.get("page"))
        prefetch_related_objects(
            page_of_results.object_list,
            Prefetch("topic_links", queryset=ResourcePageTopic.objects.select_related("topic")),
        )
        context.update(
            resources=page_of_results,
            query=query,
            topics=topics,
            selected_topic=topic,
            resource_types=ResourcePage.ResourceType.choices,
            selected_type=type_value,
            filtered=bool(query or topic or type_value),
            unknown_topic=bool(topic_slug and topic is None),
            query_string=query_without_page(request),
        )
        return context


class ResourcePage(Page):
    class ResourceType(models.TextChoices):
        ARTICLE = "article", _("Article")
        GUIDE = "guide", _("Guide")
        TOOLKIT = "toolkit", _("Toolkit")
        CHECKLIST = "checklist", _("Checklist")
        GLOSSARY = "glossary", _("Glossary")
        VIDEO = "video", _("Video")
        POLICY = "policy", _("Policy")
        TEMPLATE = "template", _("Template")

    resource_type = models.CharField(
        _("resource type"), max_length=20, choices=ResourceType.choices, default=ResourceType.ARTICLE
    )
    summary = models.TextField(_("summary"), help_text=_("One or two sentences shown in lists and search results."))
    body = StreamField(body_blocks(), blank=True, use_json_field=True, verbose_name=_("body"))
    downloads = StreamField(
        [("download", DownloadBlock())],
        blank=True,
        use_json_field=True,
        verbose_name=_("downloadable files"),
    )
    accessible_formats = RichTextField(
        _("accessible formats"),
        blank=True,
        features=["bold", "italic", "link", "ul"],
        help_text=_("Formats and languages available (large print, plain text, Braille, audio) and how to ask."),
    )
    last_reviewed = models.DateField(_("last reviewed"), null=True, blank=True)

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [FieldPanel("resource_type"), InlinePanel("topic_links", label=_("Topics")), FieldPanel("last_reviewed")],
            heading=_("Classification"),
        ),
        FieldPanel("summary"),
        FieldPanel("body"),
        FieldPanel("downloads"),
        FieldPanel("accessible_formats"),
    ]
    parent_page_types = ["cms.ResourceHubPage"]
    subpage_types = []
    search_fields = Page.search_fields + [
        index.SearchField("summary", boost=2),
        index.SearchField("body"),
        index.SearchField("accessible_formats"),
        index.AutocompleteField("summary"),
        index.FilterField("resource_type"),
        index.RelatedFields("topic_links", [index.RelatedFields("topic", [index.SearchField("name")])]),
    ]

    class Meta:
        verbose_name = _("resource")
        verbose_name_plural = _("resources")

    @property
    def topics(self):
        return [link.topic for link in self.topic_links.all()]

    def get_context(self, request, *args, **kwargs):
        from courses.catalogue.models import Course

        context = super().get_context(request, *args, **kwargs)
        context["hub"] = self.get_parent().specific
        courses = Course.objects.filter(
            is_published=True, modules__readingmodule__resource_page__translation_key=self.translation_key
        )
        context["course_pages"] = (
            CoursePage.objects.live().public().filter(course__in=courses, locale_id=self.locale_id).order_by("title")
        )
        return context


class ResourcePageTopic(Orderable):
    """A topic of a resource. A child object, so translations keep their topics in step."""

    page = ParentalKey(ResourcePage, on_delete=models.CASCADE, related_name="topic_links")
    topic = models.ForeignKey(
        "courses.Topic", on_delete=models.CASCADE, related_name="resource_links", verbose_name=_("topic")
    )

    panels = [FieldPanel("topic")]

    class Meta(Orderable.Meta):
        verbose_name = _("topic")
        verbose_name_plural = _("topics")

    def __str__(self):
        return str(self.topic)


class ReadingCirclesIndexPage(Page):
    """Lists the reading circles (book groups)."""

    intro = RichTextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.ReadingCirclePage"]
    search_fields = Page.search_fields + [index.SearchField("intro")]

    class Meta:
        verbose_name = _("reading circles index page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["circles"] = (
            ReadingCirclePage.objects.live()
            .public()
            .child_of(self)
            .select_related("cover", "series", "series__course", "locale")
            .order_by("title")
        )
        return context


class ReadingCirclePage(Page):
    """A reading circle: a book read together over the meetings of a session series. Signing up on
    the page books the person into every upcoming meeting of the series."""

    book_title = models.CharField(_("book title"), max_length=255)
    book_author = models.CharField(_("author"), max_length=255)
    cover = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("cover image"),
    )
    cover_alt = models.CharField(
        _("cover description"),
        max_length=255,
        blank=True,
        help_text=_("Alternative text for the cover. Leave empty to use “Cover of <book title>”."),
    )
    description = RichTextField(_("description"), blank=True)
    series = models.ForeignKey(
        "scheduling.SessionSeries",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reading_circle_pages",
        verbose_name=_("meetings"),
        help_text=_("The session series whose meetings this circle holds. Its seats are the circle's seats."),
    )
    discussion_guide = StreamField(
        [
            (
                "meeting",
                blocks.StructBlock(
                    [
                        ("title", blocks.CharBlock(label=_("Meeting"), help_text=_("For example “Meeting 1”."))),
                        ("reading", blocks.CharBlock(label=_("Read before"), required=False)),
                        ("questions", blocks.RichTextBlock(label=_("Questions to discuss"))),
                    ],
                    label=_("Meeting"),
                    icon="list-ol",
                ),
            )
        ],
        blank=True,
        use_json_field=True,
        verbose_name=_("discussion guide"),
    )

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [FieldPanel("book_title"), FieldPanel("book_author"), FieldPanel("cover"), FieldPanel("cover_alt")],
            heading=_("Book"),
        ),
        FieldPanel("description"),
        FieldPanel("series"),
        FieldPanel("discussion_guide"),
    ]
    parent_page_types = ["cms.ReadingCirclesIndexPage"]
    subpage_types = []
    search_fields = Page.search_fields + [
        index.SearchField("book_title", boost=2),
        index.SearchField("book_author"),
        index.SearchField("description"),
    ]

    class Meta:
        verbose_name = _("reading circle")
        verbose_name_plural = _("reading circles")

    def get_context(self, request, *args, **kwargs):
        from courses.scheduling import facilitation, permissions

        context = super().get_context(request, *args, **kwargs)
        series = self.series
        meetings = facilitation.series_upcoming_sessions(series, request.user) if series else []
        user = request.user
        context.update(
            meetings=meetings,
            signed_up=any(getattr(m, "my_state", None) in ("booked", "waitlisted") for m in meetings),
            can_register=bool(meetings) and permissions.can_register(user, meetings[0]),
            open_meetings=[m for m in meetings if m.registration_closes_at > facilitation.timezone.now()],
            required=facilitation.required_attendances(series) if series else None,
            attended=(
                facilitation.series_attendance(series, [user.pk]).get(user.pk, 0)
                if series and user.is_authenticated
                else 0
            ),
            total_meetings=facilitation.meeting_count(series) if series else 0,
        )
        return context
