from datetime import timedelta
from zoneinfo import ZoneInfo

import feedparser
import icalendar
import pytest
from django.urls import reverse
from django.utils import timezone

from balai.public_services.tests.factories import service
from balai.publications.tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def posts(agency_pupr, agency_dlh, officer_pupr, editor):
    now = timezone.now()
    return {
        "old": factories.post(agency_pupr, officer_pupr, title="Perbaikan Jalan Soekarno Hatta",
                              publish_at=now - timedelta(days=3)),
        "dlh": factories.post(agency_dlh, editor, title="Bank sampah kelurahan",
                              kind="pengumuman", publish_at=now - timedelta(days=1)),
        "later": factories.post(agency_pupr, officer_pupr, title="Rahasia jadwal nanti",
                                publish_at=now + timedelta(hours=2)),
        "event": factories.event(agency_pupr, officer_pupr, title="Rapat koordinasi drainase"),
        "later_event": factories.event(agency_pupr, officer_pupr, title="Agenda belum terbit",
                                       publish_at=now + timedelta(days=1)),
    }


def test_news_lists_published_posts_filtered_by_opd_and_kind(client, posts):
    page = client.get(reverse("publications:news")).content.decode()
    assert "Perbaikan Jalan Soekarno Hatta" in page and "Bank sampah kelurahan" in page
    assert "Rapat koordinasi drainase" not in page  # agenda items are on /agenda/
    page = client.get(reverse("publications:news"), {"opd": "dlh"}).content.decode()
    assert "Bank sampah" in page and "Soekarno Hatta" not in page
    page = client.get(reverse("publications:news"), {"jenis": "berita"}).content.decode()
    assert "Soekarno Hatta" in page and "Bank sampah" not in page


def test_news_list_query_count(client, posts, django_assert_max_num_queries):
    with django_assert_max_num_queries(6):
        client.get(reverse("publications:news"))


def test_scheduled_post_is_invisible_everywhere_before_its_time(client, posts):
    hidden = ("Rahasia jadwal nanti", "Agenda belum terbit")
    pages = [reverse("publications:news"), reverse("publications:agency", args=["pupr"]),
             reverse("publications:rss"), reverse("publications:atom"),
             reverse("publications:agency_rss", args=["pupr"]),
             reverse("publications:agenda"), reverse("publications:ics"),
             reverse("publications:agency_ics", args=["pupr"]), "/sitemap.xml"]
    for url in pages:
        body = client.get(url).content.decode()
        assert not [t for t in hidden if t in body], url
    assert client.get(posts["later"].get_absolute_url()).status_code == 404
    assert posts["later"].slug not in client.get("/sitemap.xml").content.decode()
    assert posts["old"].slug in client.get("/sitemap.xml").content.decode()


def test_scheduled_post_appears_once_its_time_has_come(client, posts, time_machine):
    time_machine.move_to(timezone.now() + timedelta(hours=3))
    assert client.get(posts["later"].get_absolute_url()).status_code == 200
    assert "Rahasia jadwal nanti" in client.get(reverse("publications:rss")).content.decode()


def test_feeds_parse(client, posts):
    for name in ("rss", "atom"):
        feed = feedparser.parse(client.get(reverse(f"publications:{name}")).content)
        assert not feed.bozo, feed.bozo_exception
        titles = [e.title for e in feed.entries]
        assert titles == ["Bank sampah kelurahan", "Perbaikan Jalan Soekarno Hatta"]
    feed = feedparser.parse(client.get(reverse("publications:agency_atom",
                                               args=["dlh"])).content)
    assert [e.title for e in feed.entries] == ["Bank sampah kelurahan"]
    assert "<strong>" in feed.entries[0].summary or "<strong>" in feed.entries[0].content[0].value


def test_ics_opens_with_local_times_and_stable_uid(client, posts):
    response = client.get(reverse("publications:agency_ics", args=["pupr"]))
    assert response["Content-Type"].startswith("text/calendar")
    cal = icalendar.Calendar.from_ical(response.content)
    events = list(cal.walk("VEVENT"))
    assert len(events) == 1
    event = events[0]
    start = event.decoded("dtstart")
    assert start.tzinfo is not None and start.utcoffset() == timedelta(hours=7)
    assert str(event["DTSTART"].params["TZID"]) == "Asia/Jakarta"
    assert start.replace(tzinfo=None).hour == 9 and start.date() == posts["event"].event_date
    assert event.decoded("dtend").astimezone(ZoneInfo("Asia/Jakarta")).strftime("%H:%M") == "11:30"
    assert str(event["SUMMARY"]) == "Rapat koordinasi drainase"
    assert str(event["LOCATION"]) == "Ruang Sidang Balai Kota Malang"
    again = icalendar.Calendar.from_ical(client.get(reverse("publications:ics")).content)
    assert [str(e["UID"]) for e in again.walk("VEVENT")] == [str(event["UID"])]


def test_agenda_lists_upcoming_then_past(client, agency_pupr, officer_pupr):
    today = timezone.localdate()
    factories.event(agency_pupr, officer_pupr, title="Sudah lewat", day=today - timedelta(days=2))
    factories.event(agency_pupr, officer_pupr, title="Minggu depan", day=today + timedelta(days=7))
    factories.event(agency_pupr, officer_pupr, title="Besok", day=today + timedelta(days=1))
    page = client.get(reverse("publications:agenda")).content.decode()
    upcoming, past = page.split('id="past"')
    assert upcoming.index("Besok") < upcoming.index("Minggu depan")
    assert "Sudah lewat" in past and "Sudah lewat" not in upcoming


def test_empty_pages_say_so(client, db):
    assert "Belum ada berita" in client.get(reverse("publications:news")).content.decode()
    assert "Belum ada agenda" in client.get(reverse("publications:agenda")).content.decode()
    assert "Belum ada skor" in client.get(reverse("publications:ranking")).content.decode()


def test_staff_creates_a_scheduled_agenda_item(client, agency_pupr, officer_pupr):
    client.force_login(officer_pupr)
    day = timezone.localdate() + timedelta(days=10)
    response = client.post(reverse("publications:staff_create"), {
        "agency": agency_pupr.pk, "kind": "agenda", "title": "Musrenbang kelurahan",
        "body": "Terbuka untuk warga.", "publish_at": (timezone.localtime() + timedelta(
            days=1)).strftime("%Y-%m-%dT%H:%M"), "event_date": day.isoformat(),
        "start_time": "13:00", "end_time": "15:00", "place": "Kantor Kelurahan Oro-oro Dowo",
        "lat": "-7.9700", "lng": "112.6300"})
    assert response.status_code == 302
    listing = client.get(reverse("publications:staff_list")).content.decode()
    assert "Musrenbang kelurahan" in listing and "terjadwal" in listing
    assert "Musrenbang" not in client.get(reverse("publications:agenda")).content.decode()


def test_staff_form_refuses_end_before_start(client, agency_pupr, officer_pupr):
    client.force_login(officer_pupr)
    response = client.post(reverse("publications:staff_create"), {
        "agency": agency_pupr.pk, "kind": "agenda", "title": "Rapat", "body": "x",
        "publish_at": "2026-01-01T08:00", "event_date": "2026-01-05",
        "start_time": "13:00", "end_time": "12:00"})
    assert response.status_code == 200
    assert "Jam selesai tidak boleh sebelum jam mulai" in response.content.decode()


def test_warga_cannot_open_staff_pages(client, warga):
    client.force_login(warga)
    assert client.get(reverse("publications:staff_list")).status_code == 403


def test_sitemap_covers_the_public_pages(client, posts, agency_pupr, admin):
    service(agency_pupr, admin)
    body = client.get("/sitemap.xml").content.decode()
    for path in ("/layanan/pupr/ktp-el/", "/layanan/pupr/", "/berita/pupr/", "/agenda/",
                 "/berita/peringkat/", posts["event"].get_absolute_url()):
        assert f"{path}</loc>" in body, path


def test_agenda_query_count(client, posts, django_assert_max_num_queries):
    with django_assert_max_num_queries(6):
        client.get(reverse("publications:agenda"))
