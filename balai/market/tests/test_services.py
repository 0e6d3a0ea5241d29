from datetime import date, timedelta

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from balai.core.models import AuditEntry
from balai.market import services
from balai.market.models import Listing, LoginCode
from balai.notifications.models import Outbox


def test_a_new_sellers_listing_waits_for_review_before_it_is_live(seller, listing_of,
                                                                  officer_tlogomas):
    listing = listing_of(seller)
    assert listing.status == Listing.Status.DRAFT
    listing = services.listing_submit(listing=listing, seller=seller)
    assert listing.status == Listing.Status.REVIEW
    assert not Listing.objects.live().exists()
    listing = services.listing_approve(listing=listing, actor=officer_tlogomas)
    assert listing.status == Listing.Status.LIVE
    assert listing.expires_on == timezone.localdate() + timedelta(days=30)
    assert {"halal", "nib"} <= set(listing.badges)


def test_a_trusted_sellers_listing_goes_live_directly(make_seller, tlogomas, petugas_kim,
                                                     listing_of):
    trusted = make_seller(kim=tlogomas, verified_by=petugas_kim, trusted=True)
    listing = services.listing_submit(listing=listing_of(trusted), seller=trusted)
    assert listing.status == Listing.Status.LIVE
    assert AuditEntry.objects.filter(action="market.listing_published").exists()


def test_an_unverified_seller_cannot_send_a_listing(make_seller, listing_of):
    fresh = make_seller()
    with pytest.raises(ValidationError) as exc:
        services.listing_submit(listing=listing_of(fresh), seller=fresh)
    assert exc.value.code == "unverified"
    assert Listing.objects.get().status == Listing.Status.DRAFT


def test_a_kim_officer_moderates_only_their_own_kims_sellers(make_seller, dinoyo, petugas_kim,
                                                             officer_tlogomas, listing_of):
    other = make_seller("dinoyo@contoh.id", kim=dinoyo, verified_by=petugas_kim)
    listing = services.listing_submit(listing=listing_of(other), seller=other)
    with pytest.raises(PermissionDenied):
        services.listing_approve(listing=listing, actor=officer_tlogomas)
    with pytest.raises(PermissionDenied):
        services.seller_verify(seller=make_seller("baru@contoh.id", kim=dinoyo),
                               actor=officer_tlogomas)
    listing.refresh_from_db()
    assert listing.status == Listing.Status.REVIEW


def test_a_seller_cannot_touch_another_sellers_listing(seller, make_seller, listing_of,
                                                       tlogomas, petugas_kim):
    other = make_seller("lain@contoh.id", kim=tlogomas, verified_by=petugas_kim)
    listing = listing_of(other)
    for call in (lambda: services.listing_submit(listing=listing, seller=seller),
                 lambda: services.listing_update(listing=listing, seller=seller, title="x"),
                 lambda: services.listing_remove(listing=listing, seller=seller)):
        with pytest.raises(PermissionDenied):
            call()


def test_a_live_listing_changed_by_a_new_seller_goes_back_to_review(seller, listing_of,
                                                                    petugas_kim):
    listing = services.listing_submit(listing=listing_of(seller), seller=seller)
    services.listing_approve(listing=listing, actor=petugas_kim)
    listing = services.listing_update(listing=listing, seller=seller, price=9000)
    assert listing.status == Listing.Status.REVIEW


def test_food_without_halal_cannot_go_live_after_17_october_2026(make_seller, tlogomas,
                                                                petugas_kim, listing_of):
    no_halal = make_seller(kim=tlogomas, verified_by=petugas_kim, trusted=True,
                           halal_number="")
    listing = listing_of(no_halal)
    with pytest.raises(ValidationError, match="PP 42/2024"):
        services.listing_submit(listing=listing, seller=no_halal,
                                now=timezone.make_aware(timezone.datetime(2026, 10, 20, 9)))
    crafts = listing_of(no_halal, category="kerajinan", title="Tas anyaman")
    assert services.listing_submit(listing=crafts, seller=no_halal).status == "live"


def test_listings_expire_after_their_days_and_only_once(seller, listing_of, petugas_kim):
    listing = services.listing_submit(listing=listing_of(seller), seller=seller)
    listing = services.listing_approve(listing=listing, actor=petugas_kim)
    assert services.listings_expire(today=listing.expires_on) == 0
    assert services.listings_expire(today=listing.expires_on + timedelta(days=1)) == 1
    assert services.listings_expire(today=listing.expires_on + timedelta(days=2)) == 0
    listing.refresh_from_db()
    assert listing.status == Listing.Status.EXPIRED
    assert AuditEntry.objects.filter(action="market.listing_expired").count() == 1
    later = timezone.make_aware(timezone.datetime.combine(
        listing.expires_on + timedelta(days=3), timezone.datetime.min.time().replace(hour=9)))
    renewed = services.listing_renew(listing=listing, seller=seller, now=later)
    assert renewed.status == Listing.Status.LIVE
    assert renewed.expires_on == listing.expires_on + timedelta(days=33)


def test_a_report_by_a_trusted_user_hides_the_listing_at_once(seller, listing_of, petugas_kim,
                                                              officer_tlogomas, warga):
    listing = services.listing_submit(listing=listing_of(seller), seller=seller)
    services.listing_approve(listing=listing, actor=petugas_kim)
    services.listing_report(listing=listing, reason="penipuan", reporter=warga)
    listing.refresh_from_db()
    assert listing.status == Listing.Status.LIVE  # an ordinary report waits for a moderator
    services.listing_report(listing=listing, reason="penipuan", details="Minta DP dulu",
                            reporter=officer_tlogomas)
    listing.refresh_from_db()
    assert listing.status == Listing.Status.REVIEW
    assert AuditEntry.objects.filter(action="market.listing_hidden").exists()
    assert Outbox.objects.filter(recipient="bu.sri@contoh.id",
                                 subject__contains=listing.code).exists()  # the seller told


def test_a_new_halal_number_rebadges_the_sellers_listings(make_seller, tlogomas, petugas_kim,
                                                          listing_of):
    s = make_seller(kim=tlogomas, verified_by=petugas_kim, trusted=True, halal_number="")
    crafts = services.listing_submit(listing=listing_of(s, category="kerajinan"), seller=s)
    assert "halal" not in crafts.badges
    services.seller_update(seller=s, halal_number="ID35110000999",
                           halal_expires_on=date(2030, 1, 1))
    crafts.refresh_from_db()
    assert "halal" in crafts.badges


@time_machine.travel("2026-12-04 10:00 +0700", tick=False)
def test_the_rebadge_sweep_hides_a_lapsed_halal_badge_on_its_day_and_only_then(
        make_seller, tlogomas, petugas_kim, listing_of):
    s = make_seller(kim=tlogomas, verified_by=petugas_kim, trusted=True,
                    halal_number="ID35110000999", halal_expires_on=date(2027, 3, 31),
                    pirt_number="2063573010123-29")
    food = services.listing_submit(listing=listing_of(s), seller=s)
    assert {"halal", "pirt"} <= set(food.badges)
    s.refresh_from_db()
    assert s.licences_change_on == date(2027, 4, 1)  # the day after the last valid day
    assert services.listings_rebadge_due(today=date(2027, 3, 31)) == 0  # nothing due yet
    food.refresh_from_db()
    assert "halal" in food.badges
    assert services.listings_rebadge_due(today=date(2027, 4, 1)) == 1
    food.refresh_from_db()
    assert "halal" not in food.badges and "pirt" in food.badges
    s.refresh_from_db()
    assert s.licences_change_on == date(2029, 1, 1)  # the P-IRT's last year begins
    assert services.listings_rebadge_due(today=date(2027, 4, 2)) == 0


def test_the_rebadge_sweep_is_in_the_workers_schedule(db):
    from balai.core.periodic import REGISTRY  # noqa: PLC0415
    from balai.market import tasks  # noqa: F401, PLC0415

    assert REGISTRY["market.listings_rebadge"].func() == 0  # nothing due, no error
    assert REGISTRY["market.listings_expire"].every.total_seconds() == 3600


def test_seller_logs_in_with_a_one_time_code_sent_by_email(seller):
    assert services.login_code_send(email="BU.SRI@contoh.id")
    message = Outbox.objects.get(template="kode_pasar")
    assert message.channel == "email" and message.recipient == "bu.sri@contoh.id"
    code = next(w for w in message.body_text.split() if w.isdigit() and len(w) == 6)
    assert services.login_code_check(email="bu.sri@contoh.id", code=code) == seller
    with pytest.raises(ValidationError):  # used once
        services.login_code_check(email="bu.sri@contoh.id", code=code)


def test_seller_logs_in_with_a_code_sent_through_whatsapp(seller, whatsapp_provider):
    """The code goes out through the real WhatsApp transport (to a local server standing in
    for the Cloud API), to the seller's number, and logs them in once."""
    from balai.notifications.services import outbox_deliver  # noqa: PLC0415

    whatsapp_provider.reply(200, {"messages": [{"id": "wamid.HBgM"}]})
    assert services.login_code_send(email="bu.sri@contoh.id", channel="whatsapp")
    message = Outbox.objects.get(template="kode_pasar")
    assert (message.channel, message.recipient) == ("whatsapp", "6281398765432")
    assert outbox_deliver(outbox_id=message.pk).status == Outbox.Status.SENT
    (request,) = whatsapp_provider.requests
    assert request.path == "/v21.0/1098765/messages"
    assert request.headers["authorization"] == "Bearer wa-secret-token"
    assert request.json["to"] == "6281398765432"
    code = next(w.strip(".,:") for w in request.json["text"]["body"].split()
                if w.strip(".,:").isdigit() and len(w.strip(".,:")) == 6)
    assert services.login_code_check(email="bu.sri@contoh.id", code=code) == seller
    with pytest.raises(ValidationError):
        services.login_code_check(email="bu.sri@contoh.id", code=code)


def test_without_a_whatsapp_transport_the_code_goes_by_email(seller, settings):
    settings.WHATSAPP_TOKEN = ""
    assert services.login_code_send(email="bu.sri@contoh.id", channel="whatsapp")
    message = Outbox.objects.get(template="kode_pasar")
    assert (message.channel, message.recipient) == ("email", "bu.sri@contoh.id")


def test_five_wrong_codes_use_the_code_up(seller):
    services.login_code_send(email=seller.email)
    code = next(w for w in Outbox.objects.get().body_text.split() if w.isdigit() and len(w) == 6)
    wrong = "000000" if code != "000000" else "111111"
    for _i in range(5):
        with pytest.raises(ValidationError):
            services.login_code_check(email=seller.email, code=wrong)
    assert LoginCode.objects.get().attempts == 5
    with pytest.raises(ValidationError):
        services.login_code_check(email=seller.email, code=code)


def test_no_code_is_sent_to_an_unknown_address(db):
    assert services.login_code_send(email="siapa@contoh.id") is False
    assert not Outbox.objects.exists()


def test_listing_photos_are_reencoded_and_limited_to_five(seller, listing_of, kim_files):
    from PIL import Image

    from balai.market.tests.conftest import jpeg

    listing = listing_of(seller, photos=[jpeg(size=(3000, 2000)) for _i in range(2)])
    photo = listing.photos.first()
    with Image.open(photo.image.path) as img:
        assert max(img.size) == 1200 and not img.getexif()
    with pytest.raises(ValidationError):
        services.listing_update(listing=listing, seller=seller,
                                photos=[jpeg() for _i in range(4)])


def test_a_listing_is_in_the_kelurahan_its_seller_chooses(seller, listing_of, kelurahan):
    """The seller's kelurahan by default, another of the installation's on request; moving
    the seller moves only the listings that followed the seller's kelurahan."""
    own = listing_of(seller)
    assert own.kelurahan == kelurahan["Tlogomas"]
    stall = listing_of(seller, title="Di pasar Dinoyo", kelurahan=kelurahan["Dinoyo"])
    assert stall.kelurahan == kelurahan["Dinoyo"]
    services.seller_update(seller=seller, kelurahan=kelurahan["Jatimulyo"])
    own.refresh_from_db()
    stall.refresh_from_db()
    assert (own.kelurahan, stall.kelurahan) == (kelurahan["Jatimulyo"], kelurahan["Dinoyo"])
    services.listing_update(listing=stall, seller=seller, kelurahan=kelurahan["Tlogomas"])
    stall.refresh_from_db()
    assert stall.kelurahan == kelurahan["Tlogomas"]


def test_a_kelurahan_outside_the_installation_is_refused(seller, listing_of, kecamatan):
    from balai.community_groups.tests.conftest import area  # noqa: PLC0415
    from balai.geo.models import Area  # noqa: PLC0415

    surabaya = area("35.78.01.1001", "Genteng", Area.Level.KELURAHAN)
    with pytest.raises(ValidationError) as refused:
        listing_of(seller, kelurahan=surabaya)
    assert "kelurahan" in refused.value.message_dict
    listing = listing_of(seller)
    with pytest.raises(ValidationError):
        services.listing_update(listing=listing, seller=seller, kelurahan=surabaya)


@pytest.fixture
def live_listing(seller, listing_of, petugas_kim, settings):
    settings.MARKET_REPORT_HIDE_REPORTERS = 3
    settings.MARKET_REPORT_HIDE_DAYS = 7
    listing = services.listing_submit(listing=listing_of(seller), seller=seller)
    return services.listing_approve(listing=listing, actor=petugas_kim)


def test_reports_by_enough_different_people_hide_the_listing_and_tell_the_seller(
        live_listing, warga):
    services.listing_report(listing=live_listing, reason="penipuan", reporter=warga)
    services.listing_report(listing=live_listing, reason="penipuan", reporter_ip="10.0.0.2")
    live_listing.refresh_from_db()
    assert live_listing.status == Listing.Status.LIVE
    assert not Outbox.objects.filter(recipient="bu.sri@contoh.id").exists()
    services.listing_report(listing=live_listing, reason="keliru", reporter_ip="10.0.0.3")
    live_listing.refresh_from_db()
    assert live_listing.status == Listing.Status.REVIEW
    assert "moderator" in live_listing.review_note.lower()
    entry = AuditEntry.objects.get(action="market.listing_hidden_by_reports")
    assert (entry.data["reporters"], entry.data["days"]) == (3, 7)
    message = Outbox.objects.get(recipient="bu.sri@contoh.id")
    assert live_listing.code in message.subject and live_listing.title in message.body_text
    assert "10.0.0" not in str(list(live_listing.reports.values_list("reporter_key",
                                                                     flat=True)))


def test_one_person_reporting_again_and_again_counts_once(live_listing, warga):
    for _n in range(4):
        services.listing_report(listing=live_listing, reason="penipuan", reporter=warga)
        services.listing_report(listing=live_listing, reason="penipuan",
                                reporter_ip="10.0.0.9")
    live_listing.refresh_from_db()
    assert live_listing.status == Listing.Status.LIVE
    assert live_listing.reports.count() == 8


def test_reports_older_than_the_window_do_not_add_up(live_listing):
    start = timezone.now()
    with time_machine.travel(start - timedelta(days=8)):
        services.listing_report(listing=live_listing, reason="penipuan", reporter_ip="10.0.0.1")
        services.listing_report(listing=live_listing, reason="penipuan", reporter_ip="10.0.0.2")
    services.listing_report(listing=live_listing, reason="penipuan", reporter_ip="10.0.0.3")
    live_listing.refresh_from_db()
    assert live_listing.status == Listing.Status.LIVE
    services.listing_report(listing=live_listing, reason="penipuan", reporter_ip="10.0.0.4")
    services.listing_report(listing=live_listing, reason="penipuan", reporter_ip="10.0.0.5")
    live_listing.refresh_from_db()
    assert live_listing.status == Listing.Status.REVIEW


def test_a_moderator_puts_a_reported_listing_back_and_the_reports_are_settled(
        live_listing, petugas_kim):
    for n in range(3):
        services.listing_report(listing=live_listing, reason="penipuan",
                                reporter_ip=f"10.0.1.{n}")
    services.listing_approve(listing=Listing.objects.get(pk=live_listing.pk),
                             actor=petugas_kim)
    live_listing.refresh_from_db()
    assert live_listing.status == Listing.Status.LIVE and live_listing.review_note == ""
    assert not live_listing.reports.filter(resolved_at__isnull=True).exists()
    services.listing_report(listing=live_listing, reason="penipuan", reporter_ip="10.0.1.0")
    live_listing.refresh_from_db()
    assert live_listing.status == Listing.Status.LIVE  # settled reports count no more
