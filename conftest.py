"""Personas shared by every app's tests (STYLE.md, Tests), and the browser fixtures.

A test that drives a program outside Python (Chromium, poppler's pdftotext/pdftoppm,
msgfmt, pg_dump) asks for it with `needs_program(name)` from balai/core/tests/programs.py:
where the program is missing the test is skipped with the reason and the Debian package
that provides it, never failed with FileNotFoundError. `make test` installs chromium and
poppler-utils when it runs as root with apt-get.
"""

import base64
import os
import re
from pathlib import Path

import pytest

from balai.accounts.models import Role, User
from balai.agencies.models import Agency, Membership
from balai.core.tests.programs import needs_program

PASSWORD = "rahasia-uji-123"  # noqa: S105


def make_user(email: str, role: str, **extra) -> User:
    user = User.objects.create_user(email=email, password=PASSWORD,
                                    full_name=extra.pop("full_name", email.split("@")[0]),
                                    role=role, **extra)
    return user


@pytest.fixture(autouse=True)
def _fresh_ratelimit_counts():
    """Rate limits live in a cache every process shares (files under var/): each test
    starts with no hits counted."""
    from django.core.cache import caches  # noqa: PLC0415

    caches["ratelimit"].clear()
    yield


@pytest.fixture(autouse=True)
def _installation_language(settings):
    """Each test starts in the installation's language (Bahasa Indonesia). A request in
    English (a test of the language switch) leaves English active in the thread, and a
    service message asserted in Indonesian by a later test then read in English."""
    from django.utils import translation  # noqa: PLC0415

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _fresh_work_calendar():
    """Each test starts with the working-day calendar rebuilt from its own database."""
    from balai.core.calendar import invalidate_work_calendar

    invalidate_work_calendar()
    yield
    invalidate_work_calendar()


@pytest.fixture(autouse=True)
def _staff_2fa_optional(settings):
    """The suite's staff log in with `force_login` and no code: STAFF_2FA=optional.

    Tests of two-step verification itself set "required" and use `verified_login`.
    """
    settings.STAFF_2FA = "optional"


@pytest.fixture
def verified_login(settings):
    """`verified_login(client, user)`: a staff session that has passed two-step verification
    (an authenticator app is set up for the user if needed). Sets STAFF_2FA=required."""
    from django_otp import DEVICE_ID_SESSION_KEY  # noqa: PLC0415
    from django_otp.plugins.otp_totp.models import TOTPDevice  # noqa: PLC0415

    settings.STAFF_2FA = "required"

    def login(client, user):
        device = (TOTPDevice.objects.filter(user=user, confirmed=True).first()
                  or TOTPDevice.objects.create(user=user, name="test", confirmed=True))
        client.force_login(user)
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
        return device

    return login


@pytest.fixture
def password():
    return PASSWORD


# --- Kota Malang: the city the complaint, Open311 and API tests report in ------------------
MALANG_AREA_FIELDS = ("code", "name", "level", "parent_code", "geometry",
                      "min_lng", "min_lat", "max_lng", "max_lat")


@pytest.fixture(scope="session")
def _malang_areas(django_db_setup, django_db_blocker):
    """Kota Malang's areas exactly as `import-areas` writes them, imported (read, checked,
    repaired) once per test run in a transaction rolled back at once; `malang` copies the
    rows into each test's own transaction, so every test still starts clean."""
    from django.db import transaction  # noqa: PLC0415

    from balai.demo.loader import BOUNDARIES  # noqa: PLC0415
    from balai.geo.models import Area  # noqa: PLC0415
    from balai.geo.services import areas_import  # noqa: PLC0415

    with django_db_blocker.unblock(), transaction.atomic():
        areas_import(BOUNDARIES, progress=False)
        rows = list(Area.objects.order_by("code").values(*MALANG_AREA_FIELDS))
        transaction.set_rollback(True)
    return rows


@pytest.fixture
def malang(db, tmp_path, _malang_areas):
    """Kota Malang's boundaries, the agencies and road-status rules of the complaint tests,
    and one made-up city road through the Alun-alun (Jalan Merdeka Selatan)."""
    from balai.complaints.tests import factories  # noqa: PLC0415
    from balai.geo.models import Area  # noqa: PLC0415

    rows = factories.agencies()
    areas = Area.objects.bulk_create(Area(**values) for values in _malang_areas)
    by_code = {area.code: area for area in areas}
    for area in areas:
        area.parent = by_code.get(area.parent_code)
    Area.objects.bulk_update([a for a in areas if a.parent], ["parent"])
    lat, lng = factories.ALUN_ALUN
    factories.load_malang(tmp_path, roads=[
        factories.road_through(lat, lng, code="T-KOTA", status="kota", agency="pupr",
                               offset_m=6, name="Jalan Merdeka Selatan"),
    ], areas=False)
    return rows


@pytest.fixture
def cats(malang):
    """The complaint categories: jalan (PUPR, a road category), sampah (DLH), banjir (BPBD,
    urgent)."""
    from balai.complaints.tests import factories  # noqa: PLC0415

    return factories.categories(malang)


@pytest.fixture
def complaint_files(settings, tmp_path):
    """Complaint photos (public copies and the private originals) under the test's tmp."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.COMPLAINT_ORIGINALS_ROOT = tmp_path / "private"


@pytest.fixture
def agency_pupr(db):
    agency, _ = Agency.objects.get_or_create(
        code="pupr", defaults={"name": "Dinas Pekerjaan Umum dan Penataan Ruang",
                               "short_name": "Dinas PUPR", "level": Agency.Level.KOTA})
    return agency


@pytest.fixture
def agency_dlh(db):
    agency, _ = Agency.objects.get_or_create(
        code="dlh", defaults={"name": "Dinas Lingkungan Hidup", "short_name": "DLH",
                              "level": Agency.Level.KOTA})
    return agency


@pytest.fixture
def warga(db):
    return make_user("warga@example.id", Role.WARGA, full_name="Siti Warga",
                     phone="081234567890")


@pytest.fixture
def verifikator(db):
    return make_user("verifikator@example.id", Role.VERIFIKATOR)


@pytest.fixture
def operator_opd(db, agency_pupr):
    user = make_user("operator.pupr@example.id", Role.OPERATOR_OPD)
    Membership.objects.create(user=user, agency=agency_pupr, role=Membership.Role.OPERATOR)
    return user


@pytest.fixture
def operator_other_opd(db, agency_dlh):
    user = make_user("operator.dlh@example.id", Role.OPERATOR_OPD)
    Membership.objects.create(user=user, agency=agency_dlh, role=Membership.Role.OPERATOR)
    return user


@pytest.fixture
def petugas_ppid(db):
    return make_user("ppid@example.id", Role.PETUGAS_PPID)


@pytest.fixture
def atasan_ppid(db):
    return make_user("atasan.ppid@example.id", Role.ATASAN_PPID)


@pytest.fixture
def kepala_dinas(db):
    return make_user("kadis@example.id", Role.KEPALA_DINAS)


@pytest.fixture
def admin(db):
    return User.objects.create_superuser(email="admin@example.id", password=PASSWORD)


# --- letters: the demo signing identity and the BSrE service ---------------------------

@pytest.fixture(scope="session")
def _demo_signer_ca(tmp_path_factory):
    from balai.documents.signing import demo_ca_create

    directory = tmp_path_factory.mktemp("demo-ca")
    demo_ca_create(directory=directory)
    return directory


@pytest.fixture
def signing(settings, tmp_path, _demo_signer_ca):
    """Letters signed by a demo CA (one per session) and stored under tmp."""
    settings.DOCUMENTS_DEMO_DIR = str(_demo_signer_ca)
    settings.DOCUMENTS_STORAGE_ROOT = str(tmp_path / "pdf")
    settings.DOCUMENTS_SIGNING_P12 = ""
    settings.DOCUMENTS_PDF_STANDARD = ""  # plain PDF: faster, same text


@pytest.fixture
def bsre(settings):
    """A local server playing the BSrE v2 API, configured as the installation's service
    (balai/documents/tests/bsre_server.py: NIK/PASSPHRASE sign, EXPIRED_NIK is refused)."""
    from balai.documents.tests.bsre_server import APP_SECRET, APP_USER, running_bsre

    with running_bsre() as service:
        settings.DOCUMENTS_BSRE_URL = service.url
        settings.DOCUMENTS_BSRE_USER = APP_USER
        settings.DOCUMENTS_BSRE_PASSWORD = APP_SECRET
        settings.DOCUMENTS_BSRE_TIMEOUT = 10
        yield service


# --- browser fixtures (balai/e2e) -----------------------------------------------------
# Playwright's own browser download is not used: tests drive Debian's Chromium.

# BALAI_TEST_ARTIFACTS: where tests leave files for a person to look at (.ci/run gives the
# PostgreSQL suite its own, as it runs beside the SQLite one).
TEST_ARTIFACTS = Path(os.environ.get("BALAI_TEST_ARTIFACTS",
                                     Path(__file__).resolve().parent / "test-artifacts"))
SCREENSHOTS = TEST_ARTIFACTS / "screenshots"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
# Records CSP violations in the page, so tests see them even when the console is quiet.
_CSP_RECORDER = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", function (e) {
  window.__cspViolations.push(e.violatedDirective + " " + (e.blockedURI || "inline"));
});
"""


_OFF_SITE = re.compile(r"^https?://(?!(127\.0\.0\.1|localhost)[:/])")
_BLANK_PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==")


@pytest.fixture(scope="session")
def e2e_browser():
    chromium = needs_program("chromium")
    # The sync API runs an event loop in this thread; Django's ORM (fixtures, live
    # server setup) would otherwise refuse to run next to it.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright  # noqa: PLC0415

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, headless=True,
                                             args=CHROMIUM_ARGS)
        yield browser
        browser.close()


_FITS_WIDTH = ("document.documentElement.scrollWidth"
               " <= document.documentElement.clientWidth")


def _assert_fits_width(page):
    """The page does not scroll sideways, measured once it has loaded and settled.

    Measured straight after a click, a loaded machine can read the page mid-layout (before
    its stylesheet applies), so this waits up to five seconds for the page to fit and only
    then fails, naming the widths."""
    page.wait_for_load_state("load")
    try:
        page.wait_for_function(_FITS_WIDTH, timeout=5000)
    except Exception:  # noqa: BLE001 - playwright's TimeoutError; report the widths instead
        widths = page.evaluate("[document.documentElement.scrollWidth,"
                               " document.documentElement.clientWidth]")
        raise AssertionError(f"{page.url} scrolls sideways: content {widths[0]} px wide"
                             f" in a {widths[1]} px viewport") from None


def _assert_clean(page):
    """No Content-Security-Policy violation, console error or uncaught exception so far."""
    violations = page.evaluate("window.__cspViolations || []")
    assert violations == [], violations
    assert page.balai_errors == [], page.balai_errors


@pytest.fixture
def e2e_page(e2e_browser, live_server):
    """A factory: `e2e_page(390, 844)` opens a fresh context at that viewport.

    Each page collects console errors, uncaught exceptions and CSP violations in
    `page.balai_errors`; `page.assert_clean()` asserts there were none (and no CSP
    violation), `page.assert_fits_width()` that the page does not scroll sideways.
    """
    contexts = []

    def open_page(width: int = 390, height: int = 844, locale: str = "id-ID"):
        context = e2e_browser.new_context(viewport={"width": width, "height": height},
                                          locale=locale, base_url=live_server.url)
        context.add_init_script(_CSP_RECORDER)
        # Nothing leaves the machine: map tiles from outside (OpenStreetMap by default) are
        # answered with a blank tile, so pages render as they would offline-but-tiled and no
        # test depends on the internet. A test may route a host itself (page routes win).
        context.route(_OFF_SITE, lambda route: route.fulfill(
            status=200, content_type="image/png", body=_BLANK_PNG))
        contexts.append(context)
        page = context.new_page()
        page.balai_errors = []
        page.on("console", lambda msg: msg.type == "error" and page.balai_errors.append(
            f"console: {msg.text}"))
        page.on("pageerror", lambda exc: page.balai_errors.append(f"pageerror: {exc}"))
        page.assert_fits_width = lambda: _assert_fits_width(page)
        page.assert_clean = lambda: _assert_clean(page)
        return page

    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture
def e2e_log_in(password):
    """`e2e_log_in(page, user)`: the login form filled in as a person would, landing on
    the workdesk."""

    def log_in(page, user):
        page.goto("/akun/masuk/")
        page.get_by_label("Alamat e-mail").fill(user.email)
        page.get_by_label("Kata sandi").fill(password)
        page.get_by_role("button", name="Masuk").click()
        page.wait_for_url("**/meja-kerja/")

    return log_in


@pytest.fixture
def screenshot():
    """Save a full-page screenshot under test-artifacts/screenshots/ (gitignored)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def save(page, name: str) -> Path:
        path = SCREENSHOTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return save
