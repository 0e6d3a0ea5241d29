"""The red-flag report, on a seeded case of each kind and a clean order beside them."""

from datetime import date

import pytest
from django.urls import reverse

from balai.agencies.models import Agency
from balai.media_partnerships import services
from balai.media_partnerships.models import Invoice, MediaOutlet, Order
from balai.media_partnerships.redflags import red_flags
from balai.media_partnerships.tests import factories

pytestmark = pytest.mark.django_db
TODAY = date(2026, 12, 15)


@pytest.fixture
def seeded(petugas_media, agency_pupr, agency_dlh):
    services.rate_card_save(year=2026, legal_basis="Perwal 12/2025", lines=[
        services.RateLine("online", "advertorial", "A", 2_000_000),
        services.RateLine("online", "news", "A", 1_000_000),
        services.RateLine("online", "banner", "A", 500_000)], actor=petugas_media)
    verified = {"tier": "A", "verified_until": date(2026, 12, 31)}
    clean = factories.outlet("Bersih", **verified)
    dear = factories.outlet("Mahal", **verified)
    lapsing = factories.outlet("Kedaluwarsa", press_council_valid_until=date(2026, 6, 30),
                               **verified)
    make = factories.contracted_order
    cases = {
        "clean": make(agency_pupr, clean, actor=petugas_media,
                      items=[("news", "Berita bersih", 1, 1_000_000)]),
        "above_card": make(agency_dlh, dear, actor=petugas_media,
                           items=[("advertorial", "Advertorial mahal", 1, 4_995_000)]),
        "spread_low": make(agency_pupr, clean, actor=petugas_media,
                           items=[("banner", "Banner PUPR", 1, 400_000)]),
        "spread_high": make(agency_dlh, dear, actor=petugas_media,
                            items=[("banner", "Banner DLH", 1, 500_000)]),
        "no_proof": make(agency_pupr, clean, actor=petugas_media, proven=False,
                         items=[("news", "Berita tanpa bukti", 1, 1_000_000)]),
        "unpaid": make(agency_pupr, clean, actor=petugas_media,
                       items=[("news", "Berita ditagih", 1, 1_000_000)]),
        "lapsed": make(agency_pupr, lapsing, actor=petugas_media,
                       items=[("news", "Berita media kedaluwarsa", 1, 1_000_000)]),
    }
    services.invoice_receive(order=cases["unpaid"], number="INV-LAMA",
                             received_on=date(2026, 11, 1), amount=1_000_000,
                             actor=petugas_media)
    recent = services.invoice_receive(order=cases["clean"], number="INV-BARU",
                                      received_on=date(2026, 12, 1), amount=1_000_000,
                                      actor=petugas_media)
    assert recent.status == Invoice.Status.RECEIVED
    return cases


def codes(flags, kind):
    return {f.order_code for f in flags if f.kind == kind}


def test_each_kind_of_flag_finds_its_seeded_case_and_not_the_clean_order(seeded):
    flags = red_flags(Order.objects.all(), today=TODAY)
    assert codes(flags, "above_card") == {seeded["above_card"].code}
    assert codes(flags, "price_spread") == {seeded["spread_high"].code}
    assert codes(flags, "no_proof") == {seeded["no_proof"].code}
    assert codes(flags, "unpaid") == {seeded["unpaid"].code}
    assert codes(flags, "lapsed") == {seeded["lapsed"].code}
    assert seeded["clean"].code not in {f.order_code for f in flags}


def test_an_order_still_running_without_proof_is_not_yet_flagged(seeded):
    flags = red_flags(Order.objects.all(), today=date(2026, 10, 1))
    assert not codes(flags, "no_proof")


def test_an_invoice_30_days_old_is_not_yet_flagged(seeded):
    flags = red_flags(Order.objects.all(), today=date(2026, 12, 1))
    assert not codes(flags, "unpaid")


def test_the_report_page_and_its_exports(client, seeded, petugas_media):
    client.force_login(petugas_media)
    page = client.get(reverse("media_partnerships:red_flags"))
    assert page.status_code == 200
    assert seeded["above_card"].code in page.content.decode()
    csv = client.get(reverse("media_partnerships:red_flags") + "?format=csv")
    assert seeded["above_card"].code in b"".join(csv.streaming_content).decode()
    xlsx = client.get(reverse("media_partnerships:red_flags") + "?format=xlsx")
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")


def test_an_opd_sees_only_its_own_orders_flags(client, seeded, operator_opd):
    client.force_login(operator_opd)
    body = client.get(reverse("media_partnerships:red_flags")).content.decode()
    assert seeded["no_proof"].code in body
    assert seeded["above_card"].code not in body  # DLH's order


def test_the_transparency_page_lists_partners_and_amounts_and_can_be_switched_off(
        client, seeded, settings):
    MediaOutlet.objects.create(name="Tidak Terverifikasi", secret_hash="x", media_type="online",
                               legal_form="pt", company_name="PT X", deed_number="1",
                               nib="1", npwp="1", address="-", email="a@b.id", phone="1",
                               bank_name="-", bank_account_number="-", bank_account_name="-")
    url = reverse("media_partnerships:transparency") + "?tahun=2026"
    body = client.get(url).content.decode()
    assert "Mahal" in body and "Tidak Terverifikasi" not in body
    dlh = Agency.objects.get(code="dlh").name
    assert dlh in body
    csv = client.get(url + "&format=csv")
    assert "Mahal" in b"".join(csv.streaming_content).decode()
    settings.MEDIA_PARTNERSHIP_TRANSPARENCY = False
    body = client.get(url).content.decode()
    assert "Mahal" in body and dlh not in body


def _renew(outlet, number, until):
    data = services.OutletData(**{name: getattr(outlet, name)
                                  for name in services.OutletData.__dataclass_fields__})
    data.press_council_certificate, data.press_council_valid_until = number, until
    return services.outlet_update(outlet=outlet, data=data)


def test_a_lapse_renewed_later_is_still_flagged_and_a_seamless_renewal_is_not(seeded):
    lapsed = MediaOutlet.objects.get(name="Kedaluwarsa")
    # Renewed on 15 October: the current row now looks valid, the history keeps the gap.
    _renew(lapsed, "77/DP-Terverifikasi/K/X/2026", date(2031, 10, 14))
    assert lapsed.certificates.count() == 2
    [flag] = [f for f in red_flags(Order.objects.all(), today=TODAY) if f.kind == "lapsed"]
    assert flag.order_code == seeded["lapsed"].code
    assert "2026-07-01" in flag.detail  # the first day without a certificate
    # A renewal that starts the day after the old one ends leaves no gap.
    lapsed.certificates.exclude(valid_until=date(2026, 6, 30)).update(
        valid_from=date(2026, 7, 1))
    assert not codes(red_flags(Order.objects.all(), today=TODAY), "lapsed")


def test_first_uncovered_day_on_the_days_around_an_expiry():
    from types import SimpleNamespace as C

    from balai.media_partnerships.redflags import first_uncovered_day

    old = C(valid_from=date(2021, 7, 1), valid_until=date(2026, 6, 30))
    assert first_uncovered_day([old], date(2026, 3, 1), date(2026, 6, 30)) is None
    assert first_uncovered_day([old], date(2026, 3, 1), date(2026, 7, 1)) == date(2026, 7, 1)
    late = C(valid_from=date(2026, 7, 2), valid_until=date(2031, 7, 1))
    assert first_uncovered_day([late, old], date(2026, 3, 1), date(2026, 11, 30)) == \
        date(2026, 7, 1)
    seamless = C(valid_from=date(2026, 7, 1), valid_until=date(2031, 6, 30))
    assert first_uncovered_day([seamless, old], date(2026, 3, 1), date(2026, 11, 30)) is None
    assert first_uncovered_day([late], date(2026, 3, 1), date(2026, 11, 30)) == \
        date(2026, 3, 1)
