"""The KIM and market pages people use most, in Chromium at 390×844: a KIM's site with
its products, and a buyer finding a listing and reaching its seller through the
WhatsApp redirect (never a number in the page)."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from balai.community_groups import services as kim_services
from balai.market import services
from balai.market.tests.conftest import WHATSAPP

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_a_citizen_reads_a_kim_site_and_its_products_on_a_phone(
        e2e_page, screenshot, seller, listing_of, petugas_kim, tlogomas):
    kim_services.kim_profile_update(kim=tlogomas, actor=petugas_kim,
                                    tagline="Warga Tlogomas melek informasi",
                                    about="KIM Tlogomas menyebarkan informasi kelurahan.")
    listing = services.listing_approve(
        listing=services.listing_submit(listing=listing_of(seller), seller=seller),
        actor=petugas_kim)
    page = e2e_page(390, 844)
    page.goto("/kim/tlogomas/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("KIM Tlogomas")
    expect(page.locator("body")).to_contain_text(listing.title)
    screenshot(page, "kim-site-390")
    page.goto("/kim/cakupan/")
    expect(page.get_by_role("img", name="Peta kelurahan yang sudah dan belum memiliki KIM")
           ).to_be_visible()
    expect(page.locator("svg path.has-kim")).to_have_count(1)
    expect(page.locator("table").first).to_contain_text("Belum ada KIM")
    screenshot(page, "kim-coverage-390")
    page.goto(reverse("market:register"))
    page.get_by_role("textbox", name="NIK").fill("3573 0532 0790 0001")  # no 32nd day
    page.get_by_role("button", name="Daftar").click()
    expect(page.locator("body")).to_contain_text("320790 bukan tanggal")
    screenshot(page, "market-seller-form-390")
    assert page.evaluate("window.__cspViolations || []") == []
    assert page.balai_errors == [], page.balai_errors


def test_a_buyer_searches_opens_a_listing_and_is_sent_to_whatsapp(
        e2e_page, screenshot, seller, listing_of, petugas_kim, settings):
    settings.MARKET_CONTACTS_PER_HOUR = 100
    listing = services.listing_submit(listing=listing_of(seller), seller=seller)
    page = e2e_page(390, 844)
    page.goto("/pasar/?q=keripik")
    expect(page.locator("body")).not_to_contain_text(listing.title)  # waiting for review
    services.listing_approve(listing=listing, actor=petugas_kim)
    page.goto("/pasar/?q=keripik")
    screenshot(page, "market-search-390")
    page.get_by_role("link", name=listing.title).first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(listing.title)
    expect(page.locator("body")).to_contain_text(listing.code)
    assert WHATSAPP[1:] not in page.content()
    screenshot(page, "market-listing-390")
    seen = []
    page.context.route("https://wa.me/**", lambda route: (
        seen.append(route.request.url),
        route.fulfill(status=200, content_type="text/html", body="<p>WhatsApp</p>")))
    page.get_by_role("link", name="WhatsApp").first.click()
    page.wait_for_url("https://wa.me/**")
    assert seen and "6281398765432" in seen[0] and listing.code in seen[0]
    assert page.balai_errors == [], page.balai_errors
