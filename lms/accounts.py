"""Password reset that writes to each person in their own language, with links built from SITE_URL
(never from the request's Host header, which a stranger controls)."""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth import forms as auth_forms
from django.contrib.auth import views as auth_views
from django.http import HttpResponseRedirect
from django.utils import translation
from django.utils.translation import gettext as _

from lms.security import ratelimit


class PasswordResetForm(auth_forms.PasswordResetForm):
    def send_mail(self, subject_template_name, email_template_name, context, *args, **kwargs):
        employee = getattr(context["user"], "employee", None)
        language = getattr(employee, "preferred_language", "") or translation.get_language()
        with translation.override(language):
            super().send_mail(subject_template_name, email_template_name, context, *args, **kwargs)


class PasswordResetView(auth_views.PasswordResetView):
    form_class = PasswordResetForm

    def form_valid(self, form):
        # Per client, and per address asked for (so nobody's inbox can be flooded from many clients).
        address = form.cleaned_data["email"].strip().lower()
        for group, key in (
            ("accounts.password_reset", "ip"),
            ("accounts.password_reset.address", lambda g, r: address),
        ):
            allowed, retry_after = ratelimit.hit(self.request, group=group, rate=settings.PASSWORD_RESET_RATE, key=key)
            if not allowed:
                message = _("Too many password reset e-mails were asked for.")
                return ratelimit.too_many(self.request, message, retry_after)
        site = urlsplit(settings.SITE_URL)
        form.save(
            domain_override=site.netloc,
            use_https=site.scheme == "https",
            token_generator=self.token_generator,
            from_email=self.from_email,
            email_template_name=self.email_template_name,
            subject_template_name=self.subject_template_name,
            request=self.request,
            html_email_template_name=self.html_email_template_name,
            extra_email_context=self.extra_email_context,
        )
        return HttpResponseRedirect(self.get_success_url())
