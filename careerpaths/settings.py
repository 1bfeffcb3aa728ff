"""Settings for Care Career Paths, all from environment variables.

Defaults run locally on SQLite with debug off; `make run` supplies a local-only secret key.
"""

import os
import sys
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG")

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        # One plain line instead of a traceback: this is a configuration mistake, not a bug.
        sys.exit("DJANGO_SECRET_KEY is not set: set it, or set DJANGO_DEBUG=1 for local development.")
    SECRET_KEY = "insecure-local-development-key-never-use-in-production"

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # Django
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",  # /sitemap.xml (templates only: no models, no django.contrib.sites)
    # Third party
    "crispy_forms",
    "crispy_forms_gds",
    "csp",
    # Ours
    "qualifications",
    "roles",
]

MIDDLEWARE = [
    # Headers every response gets, cached or not (see "HTTPS, cookies and security headers" below).
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "careerpaths.middleware.PermissionsPolicyMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "careerpaths.middleware.RejectNullBytesMiddleware",
    # Anonymous pages come from the cache before sessions, CSRF or auth are touched ("Page cache").
    "careerpaths.caching.PageCacheMiddleware",
    # Pages drawn (not cached) run in one roomy block of CPython's frame stack: see careerpaths/frame_room.py.
    "careerpaths.middleware.FrameRoomMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
]

ROOT_URLCONF = "careerpaths.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "NAME": "django",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "careerpaths.context_processors.navigation",
                "careerpaths.context_processors.seo",
            ],
            "libraries": {"govuk": "careerpaths.templatetags.govuk", "seo": "careerpaths.templatetags.seo"},
        },
    },
]

WSGI_APPLICATION = "careerpaths.wsgi.application"

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DJANGO_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
# English only: without the translation machinery every number and string renders about a tenth faster
# (callgrind: role list 36.0M -> 32.8M instructions a request). British formats still come from LANGUAGE_CODE.
USE_I18N = False
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
# Serve straight from the static folders too, so `runserver` and tests need no collectstatic.
WHITENOISE_USE_FINDERS = True

CRISPY_ALLOWED_TEMPLATE_PACKS = ["gds"]
CRISPY_TEMPLATE_PACK = "gds"

# The folder load_content reads and export_content writes.
CONTENT_FIXTURES_DIR = Path(os.environ.get("CONTENT_FIXTURES_DIR", BASE_DIR / "fixtures"))
# An editor working on their own checkout may let the admin write published changes into that folder
# ("Write to fixtures" on /admin/content/changes/); otherwise the admin only offers them as a download.
CONTENT_FIXTURES_WRITABLE = env_bool("CONTENT_FIXTURES_WRITABLE")

# --- Page cache and conditional GET (issue 6) ------------------------------------------------
# Whole pages for anonymous visitors, keyed by the content version (bumped on every content change,
# see roles/content/signals.py), today's date and the URL: see careerpaths/caching.py. Redis when REDIS_URL is set,
# so several app servers share one cache; otherwise each worker keeps its own in memory.
PAGE_CACHE_ENABLED = env_bool("PAGE_CACHE_ENABLED", not DEBUG)  # off while developing with DEBUG
PAGE_CACHE_ALIAS = "default"
PAGE_CACHE_VERSION = "roles.content.version.content_version"  # () -> (token, changed_at) or None
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", str(24 * 60 * 60)))
PAGE_CACHE_SKIP_PREFIXES = ["/admin/", "/healthz", "/bench/"]
# Names the deployed code in cache keys and ETags (e.g. the git commit); hashed from the code if unset.
APP_RELEASE = os.environ.get("APP_RELEASE", "")
if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
            "KEY_PREFIX": "careerpaths",
            # If Redis is slow or gone, pages are drawn without it rather than waiting on it.
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "OPTIONS": {"MAX_ENTRIES": 2000},
        }
    }
# `make bench` only: routes /bench/baseline, a constant response to measure pages against.
BENCH_BASELINE_ENABLED = env_bool("BENCH_BASELINE")

# --- HTTPS, cookies and security headers (issue 7) --------------------------------------------
# Production-safe by default: `check --deploy` reports nothing. DJANGO_HTTPS=0 is for plain-http
# local runs only (`make run`, the tests); behind a TLS-terminating proxy keep it on, set
# DJANGO_SECURE_PROXY_SSL_HEADER=1 if the proxy sets X-Forwarded-Proto, and set
# DJANGO_SECURE_SSL_REDIRECT=0 if the proxy already redirects http to https.
HTTPS = env_bool("DJANGO_HTTPS", True)
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", HTTPS)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # load balancers probe over plain http
if env_bool("DJANGO_SECURE_PROXY_SSL_HEADER"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", str(365 * 24 * 60 * 60))) if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", True)
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# No inline script or style anywhere: a page that ever needs one must use request.csp_nonce (and is
# then never page-cached, since a nonce must not repeat). Inline SVG attributes (fill, x, ...) are fine.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
PERMISSIONS_POLICY = (
    "accelerometer=(), autoplay=(), camera=(), display-capture=(), geolocation=(), gyroscope=(), "
    "magnetometer=(), microphone=(), midi=(), payment=(), publickey-credentials-get=(), usb=()"
)
CSRF_FAILURE_VIEW = "careerpaths.views.csrf_failure"

# --- Request limits (issue 7) ------------------------------------------------------------------
# Public pages take a handful of GET parameters; the largest legitimate request is the admin form of
# a standard with every KSB inline (about 6 fields per KSB, 90 KSBs in the biggest standard: some 600
# fields), so 2,000 fields and 1 MB leave room for that. Beyond either, our 400 page says so.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 2000
DATA_UPLOAD_MAX_MEMORY_SIZE = 1024 * 1024

# --- Logging (issue 7) ---------------------------------------------------------------------------
# JSON lines on standard error (one object a line: time, level, logger, message, and method, path and status
# for requests, the traceback for errors); never query strings, headers, cookies or bodies.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "careerpaths.log_format.JsonLinesFormatter"}},
    # Standard error, so a management command's standard output carries only its own output (pipe it to a tool).
    "handlers": {"stderr": {"class": "logging.StreamHandler", "stream": "ext://sys.stderr", "formatter": "json"}},
    "root": {"handlers": ["stderr"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
}

# --- Admin sign-in throttling (django-axes) --------------------------------------------------
# Kept as one block: after AXES_FAILURE_LIMIT failed sign-ins from one address with one username,
# that pair is refused (even with the right password) until the cool-off passes. Other usernames and
# addresses are unaffected. The middleware stays last so it sees every response.
INSTALLED_APPS += ["axes"]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
MIDDLEWARE += ["axes.middleware.AxesMiddleware"]
AXES_FAILURE_LIMIT = 5
# Behind proxies, how many of them append to X-Forwarded-For: the visitor's address is read from there.
TRUSTED_PROXY_COUNT = int(os.environ.get("DJANGO_TRUSTED_PROXY_COUNT", "0"))
AXES_CLIENT_IP_CALLABLE = "careerpaths.proxies.client_ip"
AXES_LOCKOUT_PARAMETERS = [["ip_address", "username"]]
# Axes reads a plain number as hours; the environment gives minutes.
AXES_COOLOFF_TIME = int(os.environ.get("DJANGO_AXES_COOLOFF_MINUTES", "30")) / 60
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "admin/locked_out.html"
