from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib.auth import views as auth_views
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from lms.i18n.views import set_language

from . import accounts, views

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("i18n/setlang/", set_language, name="set_language"),
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(redirect_authenticated_user=True),
        name="login",
    ),
    path("accounts/password_reset/", accounts.PasswordResetView.as_view(), name="password_reset"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("learn/", include("courses.catalogue.urls")),
    path("", include("courses.scheduling.urls")),
    path("", include("courses.scheduling.requests.urls")),
    path("", include("courses.curricula.urls")),
    path("", include("courses.insights.urls")),
    path("", include("courses.evaluations.urls")),
    path("", include("certificates.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# CMS pages last: they catch every other path. Non-default languages carry a prefix (/es/…).
urlpatterns += i18n_patterns(path("", include(wagtail_urls)), prefix_default_language=False)

handler500 = "lms.security.views.server_error"
