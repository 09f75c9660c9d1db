"""Wagtail's rich text editor, refusing a posted value that is not the editor's JSON.

Wagtail's own widget hands whatever was posted to the Draft.js exporter, which crashes (a 500) on
anything but a well-formed content state. A browser never sends that; a hand-made request can."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from wagtail.admin.rich_text.editors.draftail import DraftailRichTextArea


class CheckedDraftailRichTextArea(DraftailRichTextArea):
    def value_from_datadict(self, data, files, name):
        try:
            return super().value_from_datadict(data, files, name)
        except (ValueError, TypeError, KeyError, AttributeError, IndexError) as error:
            raise ValidationError(_("The rich text field did not contain the editor's content.")) from error
