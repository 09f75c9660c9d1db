"""Settings shared by every environment. Everything deployment-specific comes from the environment."""

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF, UNSAFE_INLINE

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = os.environ.get("SECRET_KEY", "dev-only-insecure-key-change-me")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
SITE_URL = os.environ.get("SITE_URL", "http://localhost:8000").rstrip("/")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", SITE_URL)

INSTALLED_APPS = [
    # Project apps first so their templates and translations win.
    "courses.people",
    "courses.catalogue",
    "courses.scheduling",
    "courses.scheduling.requests",
    "courses.curricula",
    "courses.insights",
    "courses.evaluations",
    "certificates",
    "cms",
    "lms.demo",
    "lms.benchmark",
    "modeltranslation",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "polymorphic",
    "django_q",
    "axes",
    "csp",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.forms",
]
# Widget templates are looked up like every other template, so templates/wagtailadmin/widgets/ can give
# Wagtail's date and time pickers the request's CSP nonce (lms/security/headers.py).
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "lms.security.headers.ContentSecurityPolicyMiddleware",
    "lms.security.headers.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "courses.people.middleware.EmployeePreferencesMiddleware",
    "lms.i18n.middleware.PreferredLanguageMiddleware",
    # After the language is chosen, so its 400 page speaks the visitor's language.
    "lms.security.middleware.InputGuardMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes asks: it turns a locked-out sign-in into the lock-out page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "lms.urls"
WSGI_APPLICATION = "lms.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.tz",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "courses.people.context_processors.roles",
                "cms.context_processors.site_sections",
                "lms.context_processors.training_contact",
            ],
        },
    },
    {
        # Plain-text e-mails: the same templates, without HTML escaping (O'Brien & Co, not O&#x27;Brien
        # &amp; Co). Render them with render_to_string(name, context, using="text").
        "NAME": "text",
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {"autoescape": False},
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # SQLite: wait for locks instead of failing when the web server and the task worker write at once.
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].update({"timeout": 20, "transaction_mode": "IMMEDIATE"})
    DATABASES["default"]["CONN_MAX_AGE"] = 0

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = os.environ.get("REDIS_URL")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "lms_cache"}}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    # First, so a locked-out account or client is refused before its password is even checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "learn:dashboard"
LOGOUT_REDIRECT_URL = "/"

# Internationalisation: five interface languages, Arabic right-to-left.
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", "English"),
    ("es", "Español"),
    ("vi", "Tiếng Việt"),
    ("zh-hans", "简体中文"),
    ("ar", "العربية"),
]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_LANGUAGES = tuple(code for code, _name in LANGUAGES)
MODELTRANSLATION_FALLBACK_LANGUAGES = ("en",)
LOCALE_PATHS = [BASE_DIR / "locale"]
# Only where a locale's own formats are wrong (see each module); Django's are used for the rest.
FORMAT_MODULE_PATH = ["lms.formats"]
USE_I18N = True
TIME_ZONE = os.environ.get("TIME_ZONE", "America/Denver")
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# E-mail: EMAIL_URL (smtp://user:pass@host:port, or console:) or Django's own settings.
EMAIL_URL = os.environ.get("EMAIL_URL", "")
if EMAIL_URL.startswith("console:") or not EMAIL_URL:
    EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
else:
    from urllib.parse import unquote, urlparse

    _mail = urlparse(EMAIL_URL)
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = _mail.hostname or "localhost"
    EMAIL_PORT = _mail.port or 25
    EMAIL_HOST_USER = unquote(_mail.username or "")
    EMAIL_HOST_PASSWORD = unquote(_mail.password or "")
    EMAIL_USE_TLS = _mail.scheme in {"smtp+tls", "submission"}
    EMAIL_USE_SSL = _mail.scheme == "smtps"
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Common Ground <training@example.org>")
# Where learners write when they are stuck, e.g. after the last failed attempt at a final check.
TRAINING_CONTACT_EMAIL = os.environ.get("TRAINING_CONTACT_EMAIL", "training@example.org")

# Wagtail
WAGTAIL_SITE_NAME = "Common Ground"
WAGTAILADMIN_BASE_URL = SITE_URL
# The admin calls no outside service: no Gravatar (it would send a hash of each staff member's e-mail
# address to a third party) and no release check against releases.wagtail.org; both would also need
# holes in the admin's Content-Security-Policy.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "lms.security.search"}}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "epub", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]

# Background work: django-q2 with its ORM broker unless a Redis broker is configured. Ordinary tasks
# may run 120 s; the long ones (import jobs, the insights figures) are queued with their own timeout,
# and "retry" (when an unfinished task is handed to another worker) waits longer than any of them.
IMPORT_JOB_TIMEOUT = int(os.environ.get("IMPORT_JOB_TIMEOUT", "900"))  # seconds a task worker may spend on one
INSIGHTS_TASK_TIMEOUT = int(os.environ.get("INSIGHTS_TASK_TIMEOUT", "1800"))  # the nightly figures
Q_CLUSTER = {
    "name": "commonground",
    "workers": int(os.environ.get("Q_WORKERS", "2")),
    "timeout": 120,
    "retry": max(IMPORT_JOB_TIMEOUT, INSIGHTS_TASK_TIMEOUT) + 60,
    "max_attempts": 3,
    "queue_limit": 50,
    "bulk": 10,
    "catch_up": False,
}
if os.environ.get("Q_REDIS_URL"):
    Q_CLUSTER["redis"] = os.environ["Q_REDIS_URL"]
else:
    Q_CLUSTER["orm"] = "default"

# Roles (group names) and privacy thresholds.
FACILITATORS_GROUP = "Facilitators"
TRAINING_ADMINS_GROUP = "Training admins"
EDITORS_GROUP = "Editors"
EQUITY_ANALYSTS_GROUP = "Equity analysts"
AGGREGATE_MIN_CELL = max(5, int(os.environ.get("AGGREGATE_MIN_CELL", "10")))
# The insights' disclosure control takes time that grows much faster than the number of counts below
# AGGREGATE_MIN_CELL: past this many, the departments with the fewest people who answered lose their
# rows of group figures (their people count in their parent's), so that the nightly snapshot ends well
# within INSIGHTS_TASK_TIMEOUT (courses/insights/tables.py, rows_from).
INSIGHTS_MAX_HIDDEN_CELLS = int(os.environ.get("INSIGHTS_MAX_HIDDEN_CELLS", "2000"))
# Self-identification: the race and ethnicity standard ("omb_spd15_2024" or "bc_racial_identity") and any
# further dimensions (data files in courses/insights/standards/, e.g. "gender_identity", or paths).
INSIGHTS_IDENTITY_STANDARD = os.environ.get("INSIGHTS_IDENTITY_STANDARD", "omb_spd15_2024")
INSIGHTS_EXTRA_DIMENSIONS = env_list("INSIGHTS_EXTRA_DIMENSIONS", "")

# Compliance exports with more rows than this are built by a background job (a request never
# streams longer than a web worker may live); the file is kept for its owner this many days.
COMPLIANCE_EXPORT_ASYNC_ROWS = int(os.environ.get("COMPLIANCE_EXPORT_ASYNC_ROWS", "50000"))
EXPORT_JOB_KEEP_DAYS = 7
# An import file with more rows than this is applied by a django-q2 job after its preview (lms/import_jobs.py).
IMPORT_JOB_THRESHOLD = int(os.environ.get("IMPORT_JOB_THRESHOLD", "2000"))
# The largest import file (HR, completions): rows and bytes. A city of 300,000 fits in one file.
IMPORT_MAX_ROWS = int(os.environ.get("IMPORT_MAX_ROWS", "500000"))
IMPORT_MAX_BYTES = int(os.environ.get("IMPORT_MAX_BYTES", str(100 * 1024 * 1024)))
# An import is checked and written this many rows at a time (one transaction for the whole file).
IMPORT_CHUNK_ROWS = int(os.environ.get("IMPORT_CHUNK_ROWS", "1000"))
# A large file previewed but never applied (and its job's kept file) is deleted after this many hours.
IMPORT_PREVIEW_KEEP_HOURS = int(os.environ.get("IMPORT_PREVIEW_KEEP_HOURS", "48"))
# A file larger than this (bytes) is previewed streaming (flat memory, counts and a sample) and kept
# in storage until "Apply"; a smaller one is previewed by a dry run of the import, kept in the session.
IMPORT_STREAM_PREVIEW_BYTES = int(os.environ.get("IMPORT_STREAM_PREVIEW_BYTES", str(1024 * 1024)))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django": {"handlers": ["console"], "level": "INFO", "propagate": False},
        # Wagtail's reference-index tasks, run at once: a line per task started and per task done.
        "django_tasks": {"level": os.environ.get("TASKS_LOG_LEVEL", "WARNING")},
    },
}

# Rich text: Wagtail's Draftail editor, refusing posted values that are not its content (see the module).
WAGTAILADMIN_RICH_TEXT_EDITORS = {"default": {"WIDGET": "lms.security.richtext.CheckedDraftailRichTextArea"}}

# Client addresses behind reverse proxies (lms/security/client.py): how many proxies in front of the
# site append to X-Forwarded-For. 0 (the default) trusts only REMOTE_ADDR.
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))

# Sign-in throttling and lock-out (django-axes): after AXES_FAILURE_LIMIT wrong passwords for one
# account (from anywhere) or from one client (for any account), sign-in is refused, even with the right
# password, until the cool-off ends or a training admin lifts it (Admin > People > Sign-in lock-outs).
AXES_FAILURE_LIMIT = int(os.environ.get("SIGNIN_FAILURE_LIMIT", "50"))
AXES_COOLOFF_TIME = float(os.environ.get("SIGNIN_LOCKOUT_HOURS", "1"))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_CLIENT_IP_CALLABLE = "lms.security.client.axes_client_ip"
# Our page (lms/security/lockout.py) says how many minutes are left, in the visitor's language.
AXES_LOCKOUT_CALLABLE = "lms.security.lockout.locked_out"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False

# Rate limits (django-ratelimit) count per client address, the same one as above.
RATELIMIT_IP_META_KEY = "lms.security.client.client_ip"
# Password-reset e-mails: per client and per address asked for.
PASSWORD_RESET_RATE = os.environ.get("PASSWORD_RESET_RATE", "5/h")
# Guest sign-up for public sessions: per client, and per session from everyone.
GUEST_SIGNUP_RATE = os.environ.get("GUEST_SIGNUP_RATE", "5/h")
GUEST_SIGNUP_SESSION_RATE = os.environ.get("GUEST_SIGNUP_SESSION_RATE", "60/h")
# Accommodation requests are deleted this many days after their session (courses.scheduling).
ACCOMMODATION_KEEP_DAYS = int(os.environ.get("ACCOMMODATION_KEEP_DAYS", "30"))
# Typed check-in codes, per client.
CHECKIN_CODE_RATE = os.environ.get("CHECKIN_CODE_RATE", "20/m")
# Counters live in the default cache: the database cache counts well enough (two requests at the same
# instant may share a count); set REDIS_URL for exact counting.

# Content-Security-Policy (django-csp; lms/security/headers.py). The site's pages run no inline script:
# scripts come from this origin only (a template that needs one inline script gives it
# nonce="{{ request.csp_nonce }}"). Style attributes remain in a few templates, hence 'unsafe-inline'
# for styles only. CSP_REPORT_URI (environment) adds a report-uri to both policies.
_CSP_REPORT_URI = [os.environ["CSP_REPORT_URI"]] if os.environ.get("CSP_REPORT_URI") else None
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:"],
        "media-src": [SELF, "https:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-src": [NONE],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "report-uri": _CSP_REPORT_URI,
    }
}
# The Wagtail admin: no 'unsafe-inline' for scripts either; the inline scripts of Wagtail's date pickers
# and inline panels carry the nonce (templates/wagtailadmin/). What it still needs is in the README.
CONTENT_SECURITY_POLICY_ADMIN = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:", "blob:"],
        "media-src": [SELF, "https:"],
        "font-src": [SELF, "data:"],
        "connect-src": [SELF],
        "frame-src": [SELF],
        "worker-src": [SELF, "blob:"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [SELF],
        "report-uri": _CSP_REPORT_URI,
    }
}
PERMISSIONS_POLICY = os.environ.get(
    "PERMISSIONS_POLICY",
    "camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), bluetooth=(), "
    "magnetometer=(), gyroscope=(), accelerometer=(), browsing-topics=(), fullscreen=(self)",
)
