"""StreamField blocks of the public pages. Each renders accessible HTML through its own template."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock


class HeadingBlock(blocks.CharBlock):
    """A section heading inside a page body: always an <h2>, under the page's single <h1>."""

    class Meta:
        template = "cms/blocks/heading.html"
        icon = "title"
        form_classname = "title"
        label = _("Heading")


class SubheadingBlock(blocks.CharBlock):
    class Meta:
        template = "cms/blocks/subheading.html"
        icon = "title"
        label = _("Subheading")


class CalloutBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"))
    text = blocks.RichTextBlock(label=_("Text"), features=["bold", "italic", "link", "ul", "ol"])

    class Meta:
        template = "cms/blocks/callout.html"
        icon = "info-circle"
        label = _("Callout")


class DefinitionBlock(blocks.StructBlock):
    term = blocks.CharBlock(label=_("Term"))
    definition = blocks.RichTextBlock(label=_("Definition"), features=["bold", "italic", "link"])

    class Meta:
        icon = "doc-full"
        label = _("Definition")


class DefinitionListBlock(blocks.ListBlock):
    """Glossary entries, rendered as a <dl>."""

    def __init__(self, **kwargs):
        super().__init__(DefinitionBlock(), **kwargs)

    class Meta:
        template = "cms/blocks/definitions.html"
        icon = "list-ul"
        label = _("Glossary terms")


class ChecklistBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), required=False)
    items = blocks.ListBlock(blocks.CharBlock(label=_("Item")), label=_("Items"))

    class Meta:
        template = "cms/blocks/checklist.html"
        icon = "tasks"
        label = _("Checklist")


class VideoBlock(blocks.StructBlock):
    """A video is only accepted with a transcript; captions are strongly expected."""

    title = blocks.CharBlock(label=_("Title"))
    url = blocks.URLBlock(label=_("Video URL"))
    captions = DocumentChooserBlock(label=_("Captions (WebVTT)"), required=False)
    transcript = blocks.RichTextBlock(label=_("Transcript"))

    class Meta:
        template = "cms/blocks/video.html"
        icon = "media"
        label = _("Video with transcript")


def body_blocks():
    """The blocks of a page body, shared by the pages of this app."""
    return [
        ("heading", HeadingBlock()),
        ("subheading", SubheadingBlock()),
        ("paragraph", blocks.RichTextBlock(label=_("Paragraph"))),
        ("quote", blocks.BlockQuoteBlock(label=_("Quote"))),
        ("callout", CalloutBlock()),
        ("definitions", DefinitionListBlock()),
        ("checklist", ChecklistBlock()),
        ("video", VideoBlock()),
    ]


class DownloadBlock(blocks.StructBlock):
    """A downloadable file. A block rather than a child object so translators can swap in the
    document of their language."""

    document = DocumentChooserBlock(label=_("Document"))
    description = blocks.CharBlock(
        label=_("Description"), required=False, help_text=_("For example: large print, plain text, Spanish version.")
    )

    class Meta:
        icon = "doc-full-inverse"
        label = _("Download")
