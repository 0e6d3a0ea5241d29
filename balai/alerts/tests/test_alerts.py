"""Alerts: confirmed by link, matched by area/radius/category/OPD, sent through the outbox,
rate-limited, never a rahasia case and never a reporter; the Atom feeds."""

import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import feedparser
import pytest
import time_machine

from balai.alerts import services
from balai.alerts.models import AlertItem, Subscription
from balai.complaints import services as complaints
from balai.complaints.tests import factories
from balai.geo.models import Area
from balai.notifications.models import Outbox

WIB = ZoneInfo("Asia/Jakarta")
KIDULDALEM = "35.73.02.1004"  # the Alun-alun's kelurahan (kecamatan Klojen)


def at(d, hh=10):
    return datetime(2026, 11, d, hh, tzinfo=WIB)


@pytest.fixture(autouse=True)
def clock():
    """The audit entries the sweep reads are stamped by the clock: a frozen one, moved on
    by each test as the day goes."""
    with time_machine.travel(at(3, 10), tick=False) as traveller:
        yield traveller


def sweep():
    return services.alerts_sweep()


def _link(outbox: Outbox, name: str) -> str:
    return re.search(rf"https?://\S+/pengaduan/peringatan/{name}/\S+?/", outbox.body_text)[0]


def subscribe_confirmed(client, **fields) -> Subscription:
    sub = services.subscription_create(channel="email", **fields)
    confirmation = Outbox.objects.filter(template="peringatan_konfirmasi",
                                         recipient=sub.recipient).latest("id")
    path = _link(confirmation, "konfirmasi").split("://", 1)[1].split("/", 1)[1]
    assert client.get(f"/{path}").status_code == 200
    sub.refresh_from_db()
    assert sub.confirmed_at is not None
    return sub


def report(cats, verifikator, *, at_point=factories.ALUN_ALUN, key="jalan", verify=True,
           **extra):
    c, _ = complaints.complaint_submit(
        submission=factories.submission(cats[key], at=at_point, **extra))
    if verify:
        complaints.complaint_verify(complaint=c, actor=verifikator)
    return c


def alerts_to(recipient):
    return Outbox.objects.filter(template="peringatan", recipient=recipient)


@pytest.fixture
def followers(cats, client):
    kel = Area.objects.get(code=KIDULDALEM)
    return {
        "kel": subscribe_confirmed(client, recipient="kel@example.id", area=kel),
        "kec": subscribe_confirmed(client, recipient="kec@example.id", area=kel.parent,
                                   events="all"),
        "far": subscribe_confirmed(client, recipient="far@example.id",
                                   area=Area.objects.get(code="35.73.05.1005")),
        "near": subscribe_confirmed(client, recipient="near@example.id",
                                    lat=factories.ALUN_ALUN[0] + 0.002,
                                    lng=factories.ALUN_ALUN[1], radius_m=500),
        "sampah": subscribe_confirmed(client, recipient="cat@example.id",
                                      category=cats["sampah"]),
        "pupr": subscribe_confirmed(client, recipient="opd@example.id",
                                    agency=cats["jalan"].agency),
    }


def test_nothing_is_sent_before_the_link_is_opened(cats, verifikator):
    services.subscription_create(channel="email", recipient="Warga@Example.id",
                                 area=Area.objects.get(code=KIDULDALEM))
    report(cats, verifikator)
    sweep()
    assert not alerts_to("warga@example.id").exists()
    confirmation = Outbox.objects.get(template="peringatan_konfirmasi")
    assert "Kiduldalem" in confirmation.subject and "/peringatan/konfirmasi/" in \
        confirmation.body_text


def test_alerts_reach_only_the_followers_of_the_right_place_category_and_agency(
        cats, verifikator, followers):
    complaint = report(cats, verifikator, reporter_name="Budi Santoso",
                       reporter_email="budi@example.id", reporter_phone="081299990000",
                       is_anonymous=True)
    assert sweep()["sent"] == 4
    got = {r for r in ("kel@example.id", "kec@example.id", "far@example.id",
                       "near@example.id", "cat@example.id", "opd@example.id")
           if alerts_to(r).exists()}
    assert got == {"kel@example.id", "kec@example.id", "near@example.id", "opd@example.id"}
    for message in Outbox.objects.filter(template="peringatan"):
        assert complaint.code in message.body_text
        for secret in ("Budi", "budi@example.id", "081299990000", "6281299990000",
                       complaint.reporter_email):
            assert secret not in message.body_text and secret not in message.body_html
        assert "/pengaduan/peringatan/berhenti/" in message.body_text
    # Running again sends nothing twice.
    assert sweep()["sent"] == 0


def test_a_rahasia_or_unverified_case_is_never_alerted(cats, verifikator, followers):
    report(cats, verifikator, is_confidential=True)
    report(cats, verifikator, verify=False)
    sweep()
    assert not Outbox.objects.filter(template="peringatan").exists()
    assert not AlertItem.objects.exists()


def test_updates_reach_only_who_asked_for_them(cats, verifikator, operator_opd, followers,
                                              clock):
    complaint = report(cats, verifikator)
    sweep()
    clock.shift(timedelta(hours=1))
    complaints.complaint_accept(complaint=complaint, actor=operator_opd)
    sweep()
    assert alerts_to("kec@example.id").count() == 2
    assert alerts_to("kel@example.id").count() == 1
    update = alerts_to("kec@example.id").latest("id").body_text
    assert "OPD sedang menangani" in update and "Aduan baru" not in update


def test_one_link_unsubscribes(cats, verifikator, client, followers):
    report(cats, verifikator)
    sweep()
    message = alerts_to("kel@example.id").get()
    path = "/" + _link(message, "berhenti").split("://", 1)[1].split("/", 1)[1]
    page = client.get(path)
    assert page.status_code == 200 and "tidak akan menerima" in page.content.decode().lower()
    assert client.get(path).status_code == 200  # twice is harmless
    report(cats, verifikator)
    sweep()
    assert alerts_to("kel@example.id").count() == 1
    assert client.get("/pengaduan/peringatan/berhenti/palsu/").status_code == 400


def test_too_many_alerts_an_hour_wait_for_the_digest(cats, verifikator, settings, client,
                                                      clock):
    settings.ALERT_MAX_PER_HOUR = 2
    sub = subscribe_confirmed(client, recipient="rame@example.id",
                              area=Area.objects.get(code=KIDULDALEM))
    for _minute in range(4):
        report(cats, verifikator)
        sweep()
        clock.shift(timedelta(minutes=5))
    assert alerts_to("rame@example.id").count() == 2
    sub.refresh_from_db()
    assert sub.digest_on == at(4).date()
    # The next morning's digest carries the two that waited, in one message.
    clock.move_to(at(4, 6))
    sweep()
    assert alerts_to("rame@example.id").count() == 2
    clock.move_to(at(4, 7))
    sweep()
    digest = alerts_to("rame@example.id").latest("id")
    assert "Ringkasan harian" in digest.subject
    assert len(re.findall(r"^- ADU-", digest.body_text, re.M)) == 2


def test_a_daily_digest_subscription_gets_one_message_a_day(cats, verifikator, client, clock):
    subscribe_confirmed(client, recipient="harian@example.id", frequency="daily",
                        category=cats["jalan"])
    report(cats, verifikator)
    report(cats, verifikator)
    sweep()
    assert not alerts_to("harian@example.id").exists()
    clock.move_to(at(4, 8))
    sweep()
    clock.move_to(at(4, 9))
    sweep()
    assert alerts_to("harian@example.id").count() == 1


def test_the_sign_up_refuses_what_it_cannot_follow_and_keeps_what_was_typed(client, cats):
    page = client.post("/pengaduan/peringatan/", {
        "events": "new", "frequency": "immediate", "channel": "email",
        "recipient": "bukan-email"})
    body = page.content.decode()
    assert page.status_code == 400 and "bukan-email" in body
    assert "Pilih wilayah, radius di peta, kategori atau OPD" in body
    assert not Subscription.objects.exists()


def test_the_sign_up_is_offered_after_reporting_with_the_place_filled_in(cats, client):
    page = client.get(f"/pengaduan/peringatan/?wilayah={KIDULDALEM}&kategori=jalan-rusak")
    body = page.content.decode()
    assert page.status_code == 200
    assert f'<option value="{KIDULDALEM}" selected>' in body
    assert '<option value="jalan-rusak" selected>' in body


def test_the_atom_feeds_list_public_cases_only_and_no_reporter(cats, verifikator, client):
    shown = report(cats, verifikator, reporter_name="Budi Santoso", is_anonymous=True)
    hidden = report(cats, verifikator, is_confidential=True, title="Rahasia sekali")
    new = report(cats, verifikator, verify=False, title="Belum diverifikasi")
    for path in (f"/pengaduan/peringatan/feed/wilayah/{KIDULDALEM}.atom",
                 "/pengaduan/peringatan/feed/wilayah/35.73.02.atom",
                 "/pengaduan/peringatan/feed/kategori/jalan-rusak.atom",
                 "/pengaduan/peringatan/feed/opd/pupr.atom"):
        response = client.get(path)
        assert response.status_code == 200, path
        feed = feedparser.parse(response.content)
        assert not feed.bozo, (path, feed.bozo_exception)
        assert feed.version == "atom10"
        titles = [e.title for e in feed.entries]
        assert titles == [f"{shown.code}: {shown.title}"], path
        assert feed.entries[0].link.endswith(f"/pengaduan/lacak/{shown.code}/")
        assert "Budi" not in response.content.decode()
        assert hidden.code not in titles and new.code not in titles
    assert client.get("/pengaduan/peringatan/feed/opd/tidak-ada.atom").status_code == 404
    assert client.get("/pengaduan/peringatan/feed/lain/pupr.atom").status_code == 404


def test_the_report_confirmation_offers_an_alert_for_its_place(cats, verifikator, client):
    from django.template.loader import render_to_string

    complaint = report(cats, verifikator, verify=False)
    page = render_to_string("complaints/submitted.html", {"complaint": complaint, "link": "x"})
    link = re.search(r'href="(/pengaduan/peringatan/\?[^"]+)"', page)[1].replace("&amp;", "&")
    body = client.get(link).content.decode()
    assert f'<option value="{KIDULDALEM}" selected>' in body
    assert f'value="{complaint.lat:.6f}"' in body or f'value="{complaint.lat}"' in body
    assert "Lokasi aduan Anda menjadi pusat radius." in body
