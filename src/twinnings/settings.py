"""Settings, read once from environment variables with laptop-safe defaults."""

import os
import re
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

PACKAGE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = PACKAGE_DIR.parent.parent


def env_str(name: str, default: str) -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value else default


def env_choice(name: str, default: str, choices: tuple[str, ...]) -> str:
    value = os.environ.get(name) or default
    if value not in choices:
        raise ImproperlyConfigured(f"{name}={value!r}: expected one of {', '.join(choices)}")
    return value


def env_rate(name: str, default: str) -> str:
    """A rate limit as `count/period` (`20/m`, `10/h`, `600/5m`)."""
    value = os.environ.get(name) or default
    if not re.fullmatch(r"\d+/\d*[smhd]", value):
        raise ImproperlyConfigured(f"{name}={value!r}: expected a rate such as 20/m, 10/h or 600/5m")
    return value


def default_data_dir() -> str:
    shared = PROJECT_DIR.parent / "shared" / "data"
    return str(shared) if shared.is_dir() else ""


VAR_DIR = Path(env_str("TWINNINGS_VAR_DIR", str(PROJECT_DIR / "var")))
DATA_DIR = env_str("TWINNINGS_DATA_DIR", default_data_dir())

DEBUG = env_bool("TWINNINGS_DEBUG", False)
SECRET_KEY = env_str("TWINNINGS_SECRET_KEY", "insecure-development-key-change-me-in-production")
ALLOWED_HOSTS = [h for h in env_str("TWINNINGS_ALLOWED_HOSTS", "127.0.0.1,localhost,[::1],testserver").split(",") if h]
CSRF_TRUSTED_ORIGINS = [o for o in env_str("TWINNINGS_CSRF_TRUSTED_ORIGINS", "").split(",") if o]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "ninja",
    "csp",
    "axes",
    "django_ratelimit",
    "twinnings.core",
    "twinnings.places",
    "twinnings.registry",
    "twinnings.insights",
    "twinnings.partners",
    "twinnings.audit",
    "twinnings.accounts",
    "twinnings.agreements",
    "twinnings.programme",
    "twinnings.challenges",
]

MIDDLEWARE = [
    "twinnings.core.logs.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
    "csp.middleware.CSPMiddleware",
    "twinnings.core.ratelimits.RateLimitMiddleware",
]

# No inline scripts or styles anywhere in the site; map tiles only from OpenStreetMap, and
# only when a visitor turns them on. The admin (Django's own templates) is left out.
CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": ["/admin/"],
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", "https://tile.openstreetmap.org", "https://*.tile.openstreetmap.org"],
        "connect-src": ["'self'"],
        "font-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}

ROOT_URLCONF = "twinnings.urls"
WSGI_APPLICATION = "twinnings.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "twinnings.core.context_processors.site",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("TWINNINGS_DATABASE_URL", f"sqlite:///{VAR_DIR / 'twinnings.sqlite3'}"),
        conn_max_age=env_int("TWINNINGS_DB_CONN_MAX_AGE", 60),
        # A kept connection is tested before a request uses it: after the server restarted or
        # dropped it, the worker connects again instead of failing the request.
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    sqlite_file = str(DATABASES["default"]["NAME"])
    if sqlite_file and sqlite_file != ":memory:":  # a fresh clone has no var/ yet
        Path(sqlite_file).parent.mkdir(parents=True, exist_ok=True)
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;",
        "transaction_mode": "IMMEDIATE",
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", _("English")),
    ("fr", _("French")),
    ("de", _("German")),
    ("es", _("Spanish")),
    ("it", _("Italian")),
    ("pl", _("Polish")),
]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
NODE_MODULES = Path(env_str("TWINNINGS_NODE_MODULES", str(PROJECT_DIR / "node_modules")))
STATICFILES_DIRS = [
    (prefix, NODE_MODULES / path)
    for prefix, path in [
        ("vendor/leaflet", "leaflet/dist"),
        ("vendor/htmx", "htmx.org/dist"),
        ("vendor/chartjs", "chart.js/dist"),
    ]
    if (NODE_MODULES / path).is_dir()
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = DEBUG

# "plain" lines for a terminal, or "json": one object per line (time, level, logger, message, and
# method, path, status and duration_ms for each request) for a log collector.
LOG_FORMAT = env_choice("TWINNINGS_LOG_FORMAT", "plain", ("plain", "json"))
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"},
        "json": {"()": "twinnings.core.logs.JsonFormatter"},
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": LOG_FORMAT}},
    "root": {"handlers": ["console"], "level": env_str("TWINNINGS_LOG_LEVEL", "WARNING")},
    # One line per request in JSON (gunicorn's access log gives them in plain format).
    "loggers": {"twinnings.request": {"level": "INFO" if LOG_FORMAT == "json" else "WARNING"}},
}

# Production over TLS (TWINNINGS_HTTPS=1): cookies only over HTTPS, HTTP redirected to HTTPS
# (except /healthz, which monitors call on the local port), Strict-Transport-Security.
HTTPS = env_bool("TWINNINGS_HTTPS", False)
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = LANGUAGE_COOKIE_SECURE = HTTPS
SECURE_SSL_REDIRECT = HTTPS
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = env_int("TWINNINGS_HSTS_SECONDS", 31_536_000 if HTTPS else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("TWINNINGS_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("TWINNINGS_HSTS_PRELOAD", True)
# Reverse proxies in front of the app (1 for nginx on the same machine): each appends the
# address it saw to X-Forwarded-For and says in X-Forwarded-Proto whether TLS was used.
PROXY_COUNT = env_int("TWINNINGS_PROXY_COUNT", 0)
if PROXY_COUNT:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"

# A cache shared by every worker and app server (redis://host:6379/0), else one per process.
CACHE_URL = env_str("TWINNINGS_CACHE_URL", "")
SHARED_CACHE = {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": CACHE_URL}
CACHES = {
    "default": SHARED_CACHE if CACHE_URL else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "ratelimit": (
        {**SHARED_CACHE, "KEY_PREFIX": "ratelimit"}
        if CACHE_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "ratelimit"}
    ),
}
# Rate limits per client address (see core/ratelimits.py); TWINNINGS_RATE_LIMITS=0 lifts them
# (the benchmarks do). Counts live in the "ratelimit" cache: per process unless TWINNINGS_CACHE_URL
# is set, so with N workers a client may reach N times a limit.
RATELIMIT_ENABLE = env_bool("TWINNINGS_RATE_LIMITS", True)
RATELIMIT_USE_CACHE = "ratelimit"
RATELIMIT_FAIL_OPEN = True  # a cache that does not answer must not lock everyone out
RATE_LIMITS = {
    "login": env_rate("TWINNINGS_RATE_LOGIN", "20/m"),  # login form posts
    "password_reset": env_rate("TWINNINGS_RATE_PASSWORD_RESET", "20/h"),  # reset emails asked for
    "search": env_rate("TWINNINGS_RATE_SEARCH", "300/m"),  # search box (a request per keystroke) and ?q=
    "api": env_rate("TWINNINGS_RATE_API", "1200/m"),  # every /api/ request
}
# django-ratelimit does not list Django's own RedisCache (its incr is Redis' atomic INCRBY), and
# calls a per-process cache an error: here a deliberate choice for one worker or a laptop (above).
SILENCED_SYSTEM_CHECKS = ["django_ratelimit.W001"] + ([] if CACHE_URL else ["django_ratelimit.E003"])

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "accounts:home"
LOGOUT_REDIRECT_URL = "places:home"

AXES_FAILURE_LIMIT = env_int("TWINNINGS_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = env_int("TWINNINGS_LOGIN_COOLOFF_HOURS", 1)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_CLIENT_IP_CALLABLE = "twinnings.core.ratelimits.client_ip"  # behind proxies too

# Email: printed on the console by default, written to files under var/ with "file", sent with "smtp".
EMAIL_BACKEND = {
    "console": "django.core.mail.backends.console.EmailBackend",
    "file": "django.core.mail.backends.filebased.EmailBackend",
    "smtp": "django.core.mail.backends.smtp.EmailBackend",
}[env_str("TWINNINGS_EMAIL_BACKEND", "console")]
EMAIL_FILE_PATH = VAR_DIR / "email"
EMAIL_HOST = env_str("TWINNINGS_EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("TWINNINGS_EMAIL_PORT", 587)
EMAIL_HOST_USER = env_str("TWINNINGS_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = env_str("TWINNINGS_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = env_bool("TWINNINGS_EMAIL_USE_TLS", True)
DEFAULT_FROM_EMAIL = env_str("TWINNINGS_EMAIL_FROM", "Twinnings <noreply@localhost>")
SITE_URL = env_str("TWINNINGS_SITE_URL", "http://127.0.0.1:8000")  # links in emails sent by daily jobs

ATTACHMENTS_DIR = Path(env_str("TWINNINGS_ATTACHMENTS_DIR", str(VAR_DIR / "attachments")))  # outside the web root
ATTACHMENT_MAX_BYTES = env_int("TWINNINGS_ATTACHMENT_MAX_MB", 10) * 1024 * 1024
BACKUP_DIR = Path(env_str("TWINNINGS_BACKUP_DIR", str(VAR_DIR / "backups")))  # `twinnings backup` writes here
