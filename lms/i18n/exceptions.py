from django.utils.translation import gettext_lazy as _


class UnknownLanguage(ValueError):
    def __init__(self, code):
        self.code = code
        super().__init__(_("“%(code)s” is not one of the site's languages.") % {"code": code})
