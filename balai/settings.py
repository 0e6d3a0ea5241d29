"""One settings module, driven by environment variables (see .env.example).

With no environment at all it runs the demo: SQLite under var/, local-memory cache,
files under var/media, tasks in the database. Production differs only in values.
"""

import contextlib
import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent
VAR_DIR = Path(os.environ.get("BALAI_VAR_DIR", BASE_DIR.parent / "var"))


def envbool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def envint(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value else default


def envlist(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def envsigner(prefix: str) -> dict[str, str]:
    """An official named in the environment (`<prefix>_NAME`, `_POSITION`, `_NIP`, `_RANK`);
    an empty name means the officer who takes the action signs."""
    return {part: os.environ.get(f"{prefix}_{part.upper()}", "")
            for part in ("name", "position", "nip", "rank")}


DEBUG = envbool("DEBUG", False)
SECRET_KEY = os.environ.get("SECRET_KEY") or "insecure-demo-key-set-SECRET_KEY-in-production"
ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS")
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

# Other projects' apps that have models are named through balai.core.third_party_apps, so
# staff read their names in the installation's language.
INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "django_htmx",
    "balai.core.third_party_apps.AxesConfig",
    "django_otp",
    "balai.core.third_party_apps.OtpTotpConfig",
    "balai.core.third_party_apps.OtpStaticConfig",
    "django_tasks",
    "balai.core.third_party_apps.TasksDbConfig",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "balai.core",
    "balai.accounts",
    "balai.geo",
    "balai.agencies",
    "balai.notifications",
    "balai.documents",
    "balai.complaints",
    "balai.ppid",
    "balai.media_partnerships",
    "balai.community_groups",
    "balai.towers",
    "balai.budget",
    "balai.open_data",
    "balai.correspondence",
    "balai.market",
    "balai.public_services",
    "balai.publications",
    "balai.alerts",
    "balai.intake",
    "balai.forwarding",
    "balai.lapor",
    "balai.open311",
    "balai.api",
    "balai.dashboard",
    "balai.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "balai.core.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "balai.accounts.middleware.StaffTwoFactorMiddleware",
    "balai.core.middleware.ContentSecurityPolicyMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "balai.urls"
WSGI_APPLICATION = "balai.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "balai.core.context_processors.installation",
            ],
        },
    }
]

# Database: SQLite in WAL mode by default, PostgreSQL through DATABASE_URL.
DATABASE_URL = os.environ.get("DATABASE_URL", "")
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL,
                                                  conn_max_age=envint("CONN_MAX_AGE", 60))}
    if not envbool("PG_JIT", False):
        # PostgreSQL's JIT compiles a query whose estimated cost is high, as a capped count
        # over a million letters is, and that took 1.1 s of a 1.5 s search that runs in
        # 0.3 s without it (bench/correspondence.py): pages are short queries, not reports.
        DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off"
else:
    # The embedded default: the database file lives under var/, made on first use.
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": os.environ.get("SQLITE_PATH", str(VAR_DIR / "balai.sqlite3")),
            # Persistent connections, as for PostgreSQL: opening the file and running the
            # PRAGMAs on every request cost a third of a cached page's time.
            "CONN_MAX_AGE": envint("CONN_MAX_AGE", 60),
            "OPTIONS": {
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
            },
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = os.environ.get("REDIS_URL", "")
# Two installations (a city and its province) or two test runs may share one Redis: each
# names its keys, or one's rate-limit counts would block the other's citizens.
REDIS_KEY_PREFIX = os.environ.get("REDIS_KEY_PREFIX", "")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache",
                          "LOCATION": REDIS_URL, "KEY_PREFIX": REDIS_KEY_PREFIX},
              "ratelimit": {"BACKEND": "django.core.cache.backends.redis.RedisCache",
                            "LOCATION": REDIS_URL, "KEY_PREFIX": f"{REDIS_KEY_PREFIX}rl"}}
else:
    # Pages may be cached per process; rate limits may not: every gunicorn worker must
    # count the same hits (issue 12: 18 of 24 reports got through a limit of 10), so on one
    # host without Redis they are counted in files under var/.
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
              "ratelimit": {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
                            "LOCATION": os.environ.get(
                                "RATELIMIT_CACHE_DIR", str(VAR_DIR / "cache" / "ratelimit"))}}

AUTH_USER_MODEL = "accounts.User"
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
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
     "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "dashboard:workdesk"
LOGOUT_REDIRECT_URL = "core:home"

# django-axes: lock a username+IP pair after repeated failed logins.
AXES_FAILURE_LIMIT = envint("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_FORM_FIELD = "username"
# Every spelling of an address counts against one account (log-in matches it ignoring case).
AXES_USERNAME_CALLABLE = "balai.accounts.lockout.lockout_username"
AXES_CLIENT_IP_CALLABLE = "balai.core.ratelimit.client_ip"  # proxies as TRUSTED_PROXIES says
AXES_ENABLED = envbool("AXES_ENABLED", True)
AXES_LOCKOUT_TEMPLATE = "accounts/locked.html"

# Staff log in with a second step, a code from an authenticator app (TOTP, DESIGN.md §7).
# "required": every officer sets up an app at the first log-in; "optional" (the demo,
# `make run`): only officers who set one up are asked. Citizens are never asked.
STAFF_2FA = (os.environ.get("STAFF_2FA") or "required").strip().lower()

# Language and time: Bahasa Indonesia first, English second.
LANGUAGE_CODE = "id"
LANGUAGES = [("id", _("Bahasa Indonesia")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = os.environ.get("TIME_ZONE", "Asia/Jakarta")

# Files.
STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", VAR_DIR / "static"))
if "STATIC_ROOT" not in os.environ:
    # whitenoise serves from the finders in the embedded setup but expects the folder.
    with contextlib.suppress(OSError):
        STATIC_ROOT.mkdir(parents=True, exist_ok=True)
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
AWS_STORAGE_BUCKET_NAME = os.environ.get("AWS_STORAGE_BUCKET_NAME", "")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG and envbool("STATIC_MANIFEST", False)
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
# Private uploads (photo originals before the worker re-encodes them, letter scans, PPID
# files, SK decrees...) go to the bucket too, each under its own prefix: on several hosts no
# file may live on one host's disk (issue 21: the complaint photo sent to web A is
# re-encoded by whichever worker takes it). Credentials: the standard AWS variables.
PRIVATE_STORAGE_ALIASES = {
    "complaints_private": "private/complaints", "ppid_private": "private/ppid",
    "media_partnerships_private": "private/media_partnerships",
    "correspondence_private": "private/correspondence", "towers_private": "private/towers",
    "kim_private": "private/kim", "budget_files": "private/budget",
    "open_data_files": "private/open_data",
}
if AWS_STORAGE_BUCKET_NAME:
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": AWS_STORAGE_BUCKET_NAME,
            "endpoint_url": os.environ.get("AWS_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("AWS_S3_REGION_NAME") or None,
            "access_key": os.environ.get("AWS_ACCESS_KEY_ID") or None,
            "secret_key": os.environ.get("AWS_SECRET_ACCESS_KEY") or None,
            "default_acl": None,
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }
    # Issued letters go to the same bucket under documents/ (content-addressed, private).
    STORAGES["documents"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {**STORAGES["default"]["OPTIONS"], "location": "documents"},
    }
    for _alias, _prefix in PRIVATE_STORAGE_ALIASES.items():
        STORAGES[_alias] = {"BACKEND": "storages.backends.s3.S3Storage",
                            "OPTIONS": {**STORAGES["default"]["OPTIONS"], "location": _prefix}}
WHITENOISE_USE_FINDERS = True
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# Images above this many pixels are refused from their header, before any decode: a 20 KB
# PNG can claim 13000 x 13000 pixels and cost gigabytes to open (issue 23). 64 MP is more
# than a phone's ordinary photo (12-50 MP).
IMAGE_MAX_PIXELS = envint("IMAGE_MAX_PIXELS", 64_000_000)
DATA_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024

# Background tasks: django-tasks with the database backend; `balai worker` runs them.
TASKS = {
    "default": {
        "BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": [],
    }
}
# A task still RUNNING after this long lost its worker (killed mid-task): the worker's
# sweep marks it failed with the reason and queues it again (balai's tasks are idempotent).
TASKS_RUNNING_LIMIT_S = envint("TASKS_RUNNING_LIMIT_S", 600)
# Periodic sweeps run once per period (their interval × this) across all workers. Below 1
# only for the scale-out scenario (`make demo-cluster`), which must not wait minutes.
PERIODIC_INTERVAL_SCALE = float(os.environ.get("PERIODIC_INTERVAL_SCALE") or 1.0)

# E-mail (SMTP).
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
EMAIL_PORT = envint("EMAIL_PORT", 25)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = envbool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = envbool("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = envint("EMAIL_TIMEOUT", 20)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "balai <noreply@localhost>")
# Without an SMTP host (the demo), messages are written as files under var/mail/ so that
# they can be read without flooding the terminal.
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND") or (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.filebased.EmailBackend"
)
EMAIL_FILE_PATH = os.environ.get("EMAIL_FILE_PATH", str(VAR_DIR / "mail"))

# Providers for the other notification transports (empty = transport disabled).
WHATSAPP_API_URL = os.environ.get("WHATSAPP_API_URL", "https://graph.facebook.com/v21.0")
WHATSAPP_PHONE_NUMBER_ID = os.environ.get("WHATSAPP_PHONE_NUMBER_ID", "")
WHATSAPP_TOKEN = os.environ.get("WHATSAPP_TOKEN", "")
# WhatsApp intake (balai.intake): the webhook's verify token (GET challenge) and the Meta
# app secret that signs every event (X-Hub-Signature-256); empty = the webhook refuses.
# A report conversation left half-way is closed after this many idle minutes.
WHATSAPP_VERIFY_TOKEN = os.environ.get("WHATSAPP_VERIFY_TOKEN", "")
WHATSAPP_APP_SECRET = os.environ.get("WHATSAPP_APP_SECRET", "")
INTAKE_WHATSAPP_IDLE_MINUTES = envint("INTAKE_WHATSAPP_IDLE_MINUTES", 120)
# E-mail intake over IMAP (balai.intake.imap): the worker reads the folder's unread
# messages every minute and keeps each as a draft. Empty host = not read (the MTA hook
# `balai complaints_mail` is the other way in). Implicit TLS (993) unless
# INTAKE_IMAP_SSL=0.
INTAKE_IMAP_HOST = os.environ.get("INTAKE_IMAP_HOST", "")
INTAKE_IMAP_SSL = envbool("INTAKE_IMAP_SSL", True)
INTAKE_IMAP_PORT = envint("INTAKE_IMAP_PORT", 993 if INTAKE_IMAP_SSL else 143)
INTAKE_IMAP_USER = os.environ.get("INTAKE_IMAP_USER", "")
INTAKE_IMAP_PASSWORD = os.environ.get("INTAKE_IMAP_PASSWORD", "")
INTAKE_IMAP_FOLDER = os.environ.get("INTAKE_IMAP_FOLDER", "INBOX")
TELEGRAM_API_URL = os.environ.get("TELEGRAM_API_URL", "https://api.telegram.org")
TELEGRAM_BOT_TOKEN = os.environ.get("TELEGRAM_BOT_TOKEN", "")
SMS_GATEWAY_URL = os.environ.get("SMS_GATEWAY_URL", "")
SMS_GATEWAY_TOKEN = os.environ.get("SMS_GATEWAY_TOKEN", "")
SMS_GATEWAY_SENDER = os.environ.get("SMS_GATEWAY_SENDER", "")
NOTIFICATION_WEBHOOK_SECRET = os.environ.get("NOTIFICATION_WEBHOOK_SECRET", "")
NOTIFICATION_MAX_ATTEMPTS = envint("NOTIFICATION_MAX_ATTEMPTS", 6)
# Complaint alerts (balai.alerts): at most this many messages an hour to one subscription
# (the rest waits for the next daily digest), and the local hour the digests go out.
ALERT_MAX_PER_HOUR = envint("ALERT_MAX_PER_HOUR", 4)
ALERT_DIGEST_HOUR = envint("ALERT_DIGEST_HOUR", 7)
NOTIFICATION_HTTP_TIMEOUT = envint("NOTIFICATION_HTTP_TIMEOUT", 15)
NOTIFICATION_RETRY_BASE_SECONDS = envint("NOTIFICATION_RETRY_BASE_SECONDS", 60)
NOTIFICATION_RETRY_MAX_SECONDS = envint("NOTIFICATION_RETRY_MAX_SECONDS", 3600)
# A message still "sending" after this many seconds lost its worker and is queued again,
# once the grace has passed since its last attempt.
NOTIFICATION_SENDING_TIMEOUT = envint("NOTIFICATION_SENDING_TIMEOUT", 600)
NOTIFICATION_REQUEUE_GRACE = envint("NOTIFICATION_REQUEUE_GRACE", 120)
# The domain of e-mail Message-IDs (unset: this host's name).
NOTIFICATION_EMAIL_DOMAIN = os.environ.get("NOTIFICATION_EMAIL_DOMAIN") or None
# A telegram chat (group) that receives urgent complaints at once, e.g. -1001234567890.
RAPID_RESPONSE_TELEGRAM_CHAT = os.environ.get("RAPID_RESPONSE_TELEGRAM_CHAT", "")

# The installation: who runs this balai (letterhead, header, territory).
BALAI_INSTALLATION = {
    "pemda_name": os.environ.get("BALAI_PEMDA_NAME", "Pemerintah Kota Malang"),
    "office_name": os.environ.get("BALAI_OFFICE_NAME", "Dinas Komunikasi dan Informatika"),
    "short_name": os.environ.get("BALAI_SHORT_NAME", "Diskominfo Kota Malang"),
    "territory_code": os.environ.get("BALAI_TERRITORY_CODE", "35.73"),
    "primary_colour": os.environ.get("BALAI_PRIMARY_COLOUR", "#0b5394"),
    "address": os.environ.get("BALAI_ADDRESS", "Jl. Tugu No. 1, Malang"),
    # The office's own number, shown as its contact; never an emergency number (the pages
    # name 112 for emergencies themselves).
    "phone": os.environ.get("BALAI_PHONE", "(0341) 751550"),
    "email": os.environ.get("BALAI_EMAIL", "diskominfo@malangkota.go.id"),
    # URL of the pemda's logo (e.g. under /media/ or a static path); empty = our placeholder.
    "logo": os.environ.get("BALAI_LOGO_URL", ""),
}
# Official letters (DESIGN.md §3 Documents). With no P12 configured, letters are signed by a
# demo CA made on first use and marked "SPESIMEN / DEMO" (a deploy check warns about it).
DOCUMENTS_SIGNING_P12 = os.environ.get("DOCUMENTS_SIGNING_P12", "")
DOCUMENTS_SIGNING_PASSPHRASE = os.environ.get("DOCUMENTS_SIGNING_PASSPHRASE", "")
# PEM/DER roots a signature must chain to (e.g. the BSrE root), comma-separated paths.
DOCUMENTS_TRUST_ROOTS = envlist("DOCUMENTS_TRUST_ROOTS")
DOCUMENTS_DEMO_DIR = os.environ.get("DOCUMENTS_DEMO_DIR", "")  # default var/documents/demo
DOCUMENTS_STORAGE_ROOT = os.environ.get("DOCUMENTS_STORAGE_ROOT", "")  # default var/documents
DOCUMENTS_PDF_STANDARD = os.environ.get("DOCUMENTS_PDF_STANDARD", "a-2b")  # "" = plain PDF
# A local PNG/JPG/SVG file for the letterhead (defaults to BALAI_LOGO_URL when it is local;
# with neither, letters carry a logo marked DEMO and `check --deploy` says so).
DOCUMENTS_LOGO_PATH = os.environ.get("DOCUMENTS_LOGO_PATH", "")
# BSrE (BSSN) v2 signing service: officials sign with their own certificate (the NIK on
# their account) and the passphrase they type at signing, never stored. Empty URL: the
# server key (the institutional seal) signs, and the letter says so. One flow for every
# service that issues letters (documents.bsre.backend_for).
DOCUMENTS_BSRE_URL = os.environ.get("DOCUMENTS_BSRE_URL", "")
DOCUMENTS_BSRE_USER = os.environ.get("DOCUMENTS_BSRE_USER", "")
DOCUMENTS_BSRE_PASSWORD = os.environ.get("DOCUMENTS_BSRE_PASSWORD", "")
DOCUMENTS_BSRE_TIMEOUT = envint("DOCUMENTS_BSRE_TIMEOUT", 60)  # seconds per request
# Office hours for the working-day clock: after the cut-off a request counts from the
# next working day (DESIGN.md §3).
OFFICE_HOURS_START = os.environ.get("OFFICE_HOURS_START", "08:00")
OFFICE_HOURS_END = os.environ.get("OFFICE_HOURS_END", "16:00")
# Cuti bersama (collective leave, SKB of the ministers) count as non-working days; a region
# whose offices stay open on them can switch this off.
WORKDAYS_CUTI_BERSAMA = envbool("WORKDAYS_CUTI_BERSAMA", True)
# Map tiles for the complaint maps: OpenStreetMap's standard tiles unless set (a busy site
# should use its own or a commercial tile server, per the OSM tile usage policy); set empty
# for kelurahan outlines and the imported roads only, with no tile server at all.
MAP_TILE_URL = os.environ.get("MAP_TILE_URL", "https://tile.openstreetmap.org/{z}/{x}/{y}.png")
# Public complaint form: reports per hour from one connection (rate limit).
COMPLAINT_REPORTS_PER_HOUR = envint("COMPLAINT_REPORTS_PER_HOUR", 10)
# Satisfaction survey (SKM): questionnaires per hour from one connection. A counter's
# tablet at the MPP is one connection: 30 is one every two minutes.
SKM_ANSWERS_PER_HOUR = envint("SKM_ANSWERS_PER_HOUR", 30)
# Complaint photos as uploaded, waiting for the worker to re-encode them: never under
# MEDIA_ROOT, never served (default var/private; web and worker hosts must share it, or
# define STORAGES["complaints_private"]).
COMPLAINT_ORIGINALS_ROOT = os.environ.get("COMPLAINT_ORIGINALS_ROOT", "")
# The weekly performance report (PDF) for the head of region: e-mail addresses it goes to
# every Monday (the week before, Monday to Sunday); unset, no report is made.
COMPLAINT_WEEKLY_REPORT_TO = envlist("COMPLAINT_WEEKLY_REPORT_TO")

# PPID (UU 14/2008): the OPD of the PPID utama (agency code), the officials who sign the
# notices and the objection decisions (unset: the officer who decides signs), the letter
# number's unit and classification code, and the body a dispute goes to.
PPID_MAIN_AGENCY = os.environ.get("PPID_MAIN_AGENCY", "diskominfo")
# The OPD whose publication officers edit every OPD's public pages (the Diskominfo editor).
PORTAL_EDITOR_AGENCY = os.environ.get("PORTAL_EDITOR_AGENCY", "diskominfo")
PPID_SIGNER = envsigner("PPID_SIGNER")
PPID_ATASAN_SIGNER = envsigner("PPID_ATASAN_SIGNER")
PPID_LETTER_UNIT = os.environ.get("PPID_LETTER_UNIT", "PPID")
# The archive classification code (Kode Klasifikasi Arsip, Permendagri 83/2022) of each
# kind of PPID letter, "kind=code,kind=code", chosen by the office's archivist; a kind
# without a code stops start-up (check ppid.E001). The demo files both under 500.12
# "Komunikasi dan Informatika", the affairs of the public-information service, as listed
# in the annex of Permendagri 83/2022 (not 000.8.3.3, which the annex gives to SOPs); the
# archivist picks the sub-code of the region's own classification rule.
PPID_LETTER_CLASSIFICATIONS = dict(
    item.partition("=")[::2] for item in envlist(
        "PPID_LETTER_CLASSIFICATIONS", "ppid_notice=500.12,objection_decision=500.12"))
PPID_INFORMATION_COMMISSION = os.environ.get("PPID_INFORMATION_COMMISSION",
                                             "Komisi Informasi Provinsi")
# Requesters' identity scans and the files given: never under MEDIA_ROOT (default
# var/private; or STORAGES["ppid_private"]).
PPID_PRIVATE_ROOT = os.environ.get("PPID_PRIVATE_ROOT", "")
# Public request form: requests per hour from one connection (rate limit).
PPID_REQUESTS_PER_HOUR = envint("PPID_REQUESTS_PER_HOUR", 10)
# Working days the PPID has to carry out a keberatan the atasan upheld (a new or revised
# written notice), counted from the atasan's decision. The law sets no number of its own;
# the default applies the 10 working days of UU 14/2008 Pasal 22(7) again.
PPID_CARRY_OUT_WORKDAYS = envint("PPID_CARRY_OUT_WORKDAYS", 10)
# How many PPID requests `balai demo` makes.
DEMO_PPID_REQUESTS = envint("DEMO_PPID_REQUESTS", 60)
# Media partnerships: the outlets' papers and the proof snapshots (never under MEDIA_ROOT;
# default var/private/media_partnerships, or STORAGES["media_partnerships_private"]); the
# letters' unit, classification code and signer; the bounded proof fetcher (loopback and
# private addresses are refused unless MEDIA_PARTNERSHIP_FETCH_ALLOW_LOOPBACK, for tests);
# the tax lines an invoice carries ("name=percent", negative for a withholding); whether
# the public transparency page shows partners and amounts; how many registrations one
# connection may send in an hour.
MEDIA_PARTNERSHIP_PRIVATE_ROOT = os.environ.get("MEDIA_PARTNERSHIP_PRIVATE_ROOT", "")
MEDIA_PARTNERSHIP_LETTER_UNIT = os.environ.get("MEDIA_PARTNERSHIP_LETTER_UNIT", "KOMINFO")
MEDIA_PARTNERSHIP_LETTER_CLASSIFICATION = os.environ.get(
    "MEDIA_PARTNERSHIP_LETTER_CLASSIFICATION", "500.12")
MEDIA_PARTNERSHIP_SIGNER = envsigner("MEDIA_PARTNERSHIP_SIGNER")
MEDIA_PARTNERSHIP_FETCH_TIMEOUT_S = envint("MEDIA_PARTNERSHIP_FETCH_TIMEOUT_S", 10)
MEDIA_PARTNERSHIP_FETCH_MAX_BYTES = envint("MEDIA_PARTNERSHIP_FETCH_MAX_BYTES", 3_000_000)
MEDIA_PARTNERSHIP_FETCH_ALLOW_LOOPBACK = envbool("MEDIA_PARTNERSHIP_FETCH_ALLOW_LOOPBACK",
                                                 False)
MEDIA_PARTNERSHIP_CHROMIUM = os.environ.get("MEDIA_PARTNERSHIP_CHROMIUM", "/usr/bin/chromium")
MEDIA_PARTNERSHIP_TAX_LINES = envlist("MEDIA_PARTNERSHIP_TAX_LINES", "PPN 11%=11,PPh 23=-2")
MEDIA_PARTNERSHIP_TRANSPARENCY = envbool("MEDIA_PARTNERSHIP_TRANSPARENCY", True)
MEDIA_PARTNERSHIP_REGISTRATIONS_PER_HOUR = envint("MEDIA_PARTNERSHIP_REGISTRATIONS_PER_HOUR",
                                                  10)
# KIM decree files (SK): never under MEDIA_ROOT (default var/private/kim).
KIM_PRIVATE_ROOT = os.environ.get("KIM_PRIVATE_ROOT", "")
# The UMKM market: days a listing stays live unless renewed; per hour, from one connection,
# the contact redirects to WhatsApp and the reports; per hour, for one address, the
# sellers' log-in codes.
MARKET_LISTING_DAYS = envint("MARKET_LISTING_DAYS", 60)
MARKET_CONTACTS_PER_HOUR = envint("MARKET_CONTACTS_PER_HOUR", 20)
MARKET_REPORTS_PER_HOUR = envint("MARKET_REPORTS_PER_HOUR", 10)
MARKET_CODES_PER_HOUR = envint("MARKET_CODES_PER_HOUR", 5)
# Reports by this many different people (accounts or connections) within this many days
# hide a live listing until a moderator looks (a moderator's own report hides it at once).
MARKET_REPORT_HIDE_REPORTERS = envint("MARKET_REPORT_HIDE_REPORTERS", 3)
MARKET_REPORT_HIDE_DAYS = envint("MARKET_REPORT_HIDE_DAYS", 7)
# Towers (DESIGN.md §5a): a request within this many metres of a standing tower is sent to
# share it first; how long a siting recommendation is valid; the letters' unit, archive
# classification and signer (unset name: the officer who decides signs); where permit
# scans and inspection originals are kept (default var/private/towers, or
# STORAGES["towers_private"]).
TOWERS_SHARE_DISTANCE_M = envint("TOWERS_SHARE_DISTANCE_M", 500)
TOWERS_RECOMMENDATION_VALID_MONTHS = envint("TOWERS_RECOMMENDATION_VALID_MONTHS", 12)
TOWERS_LETTER_UNIT = os.environ.get("TOWERS_LETTER_UNIT", "MENARA")
TOWERS_LETTER_CLASSIFICATION = os.environ.get("TOWERS_LETTER_CLASSIFICATION", "500.12")
TOWERS_SIGNER = envsigner("TOWERS_SIGNER")
TOWERS_PRIVATE_ROOT = os.environ.get("TOWERS_PRIVATE_ROOT", "")
# Budget transparency: where the published budget documents' PDFs are kept (default
# var/private/budget, or STORAGES["budget_files"]).
BUDGET_FILES_ROOT = os.environ.get("BUDGET_FILES_ROOT", "")
# Open data: where the datasets' files are kept (default var/private/open_data, or
# STORAGES["open_data_files"]).
OPEN_DATA_FILES_ROOT = os.environ.get("OPEN_DATA_FILES_ROOT", "")
# Public "cek titik" page: checks per hour from one connection (rate limit).
TOWERS_CHECKS_PER_HOUR = envint("TOWERS_CHECKS_PER_HOUR", 60)
# Inspections: a tower not inspected for this many months comes first in a round; the
# working days an owner is given to put a finding right.
TOWERS_INSPECTION_MONTHS = envint("TOWERS_INSPECTION_MONTHS", 12)
TOWERS_NOTICE_WORKDAYS = envint("TOWERS_NOTICE_WORKDAYS", 14)
# The legacy tower levy: new assessments (SKRD) are refused unless this names the article
# of a Perda still in force that levies it (UU 1/2022 dropped the levy; old Perdas lapsed
# around 5 January 2024). Arrears of earlier assessments are kept either way.
TOWERS_LEVY_PERDA_ARTICLE = os.environ.get("TOWERS_LEVY_PERDA_ARTICLE", "")
# Scans of incoming letters: never under MEDIA_ROOT (default var/private/correspondence;
# or STORAGES["correspondence_private"]).
CORRESPONDENCE_PRIVATE_ROOT = os.environ.get("CORRESPONDENCE_PRIVATE_ROOT", "")
# Letters citizens send through the public form: per hour from one connection.
CORRESPONDENCE_LETTERS_PER_HOUR = envint("CORRESPONDENCE_LETTERS_PER_HOUR", 5)
# How many letters `balai demo` makes.
DEMO_CORRESPONDENCE_LETTERS = envint("DEMO_CORRESPONDENCE_LETTERS", 300)
# Prometheus scrapes /metrics with "Authorization: Bearer <token>"; unset = loopback only.
METRICS_TOKEN = os.environ.get("METRICS_TOKEN", "")
# Nearest-road threshold for locate(), in metres (DESIGN.md §3).
GEO_ROAD_THRESHOLD_M = float(os.environ.get("GEO_ROAD_THRESHOLD_M", "15"))

# REST API for staff clients (DESIGN.md §6): token auth, JSON only, throttled in the cache.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["balai.api.authentication.StaffTokenAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["balai.api.permissions.IsOfficer"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "balai.api.pagination.KeysetPagination",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_THROTTLE_CLASSES": ["balai.api.throttling.StaffTokenRateThrottle",
                                 "balai.api.throttling.AnonymousRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {"token": os.environ.get("API_THROTTLE_TOKEN", "3600/hour"),
                               "anon": os.environ.get("API_THROTTLE_ANON", "300/hour")},
    "EXCEPTION_HANDLER": "balai.api.errors.exception_handler",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
# Requests with a wrong token from one address per hour before 429 (key guessing).
API_BAD_TOKENS_PER_HOUR = envint("API_BAD_TOKENS_PER_HOUR", 60)
# Open311 GeoReport v2 (/open311/v2/): the jurisdiction_id this endpoint answers to (unset:
# any), how integrators get an api_key (unset: ask the office by e-mail), and the endpoint
# type discovery announces ("production", "test").
OPEN311_JURISDICTION_ID = os.environ.get("OPEN311_JURISDICTION_ID", "")
OPEN311_KEY_SERVICE = os.environ.get("OPEN311_KEY_SERVICE", "")
OPEN311_ENDPOINT_TYPE = os.environ.get("OPEN311_ENDPOINT_TYPE", "production")
# Forwarding to outside bodies over Open311 (balai.forwarding): HTTP timeout, how long the
# signed photo links the receiving side fetches stay valid, how often a forwarded case is
# read back, how many send attempts before staff must retry by hand.
FORWARDING_HTTP_TIMEOUT = envint("FORWARDING_HTTP_TIMEOUT", 15)
FORWARDING_PHOTO_LINK_HOURS = envint("FORWARDING_PHOTO_LINK_HOURS", 72)
FORWARDING_CHECK_MINUTES = envint("FORWARDING_CHECK_MINUTES", 30)
FORWARDING_MAX_ATTEMPTS = envint("FORWARDING_MAX_ATTEMPTS", 12)
# The contact sent with a forward whose reporter's identity stays here (anonim, or no
# consent): the receiving side's news then reaches our complaint desk (a balai server
# requires an e-mail or a WhatsApp number). Unset: the address of DEFAULT_FROM_EMAIL.
FORWARDING_CONTACT_EMAIL = os.environ.get("FORWARDING_CONTACT_EMAIL", "")
# Fernet keys for secrets kept encrypted in the database (balai.core.crypto), first one
# encrypts; unset: derived from SECRET_KEY.
FIELD_ENCRYPTION_KEYS = [k for k in os.environ.get("FIELD_ENCRYPTION_KEYS", "").split(",") if k]
SPECTACULAR_SETTINGS = {
    "TITLE": "balai REST API",
    "DESCRIPTION": "Staff API of balai: complaints (pengaduan) and PPID requests, scoped "
                   "exactly like the staff pages. Authenticate with a token issued in the "
                   "admin (API tokens): `Authorization: Bearer <key>`.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    # /api/docs/ works offline: Swagger UI comes from the sidecar package's static files.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # No validator badge: it would load an image from validator.swagger.io.
    "SWAGGER_UI_SETTINGS": {"deepLinking": True, "persistAuthorization": False,
                            "validatorUrl": None},
    "ENUM_NAME_OVERRIDES": {
        "ComplaintStatusEnum": "balai.complaints.models.Complaint.Status",
        "ComplaintChannelEnum": "balai.complaints.models.Complaint.Channel",
        "InformationRequestStatusEnum": "balai.ppid.models.InformationRequest.Status",
        "InformationRequestChannelEnum": "balai.ppid.models.InformationRequest.Channel",
        "TowerStatusEnum": "balai.towers.models.Tower.Status",
        "TowerSiteTypeEnum": "balai.towers.models.SiteType",
        "IncomingLetterStatusEnum": "balai.correspondence.models.IncomingLetter.Status",
        "IncomingLetterChannelEnum": "balai.correspondence.models.IncomingLetter.Channel",
        "KimStatusEnum": "balai.community_groups.models.Kim.Status",
    },
    "POSTPROCESSING_HOOKS": ["drf_spectacular.hooks.postprocess_schema_enums",
                             "balai.api.schema.add_error_responses"],
}

# Security: secure defaults when DEBUG is off and the site is served over HTTPS.
SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", False)
SESSION_COOKIE_SECURE = envbool("SESSION_COOKIE_SECURE", SITE_URL.startswith("https://"))
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SESSION_COOKIE_HTTPONLY = True
# A site served over https says so for a year (HSTS), with Secure cookies; over plain http
# (the demo) neither is possible.
SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS",
                             31_536_000 if SITE_URL.startswith("https://") else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = envbool("SECURE_HSTS_INCLUDE_SUBDOMAINS", False)
SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD", False)
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https") if envbool("BEHIND_PROXY", False) else None
)
# The reverse proxies (addresses or networks) whose X-Forwarded-For is believed; the client
# is the right-most address that is not one of them. Empty: the connection's own address.
TRUSTED_PROXIES = envlist("TRUSTED_PROXIES")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "filters": {"forbidden_one_line": {"()": "balai.core.logging.PermissionDeniedOneLine"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain",
                             "filters": ["forbidden_one_line"]}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {"django_tasks_db": {"level": "WARNING"}, "django_tasks": {"level": "WARNING"},
                "axes": {"level": "WARNING"},
                # 403s are logged as one line by the filter, wherever the record goes.
                "django.request": {"filters": ["forbidden_one_line"]}},
}
