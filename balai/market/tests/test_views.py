import re

import pytest
from django.urls import reverse

from balai.market import services
from balai.market.models import Listing
from balai.market.tests.conftest import WHATSAPP
from balai.notifications.models import Outbox

NUMBER_FORMS = [WHATSAPP, "6281398765432", "81398765432", "0813-9876-5432", "0813 9876 5432"]


@pytest.fixture
def live(seller, listing_of, petugas_kim):
    listing = services.listing_submit(listing=listing_of(seller), seller=seller)
    return services.listing_approve(listing=listing, actor=petugas_kim)


def assert_no_number(html: str):
    digits = re.sub(r"[^0-9]", "", html)
    for form in NUMBER_FORMS:
        assert form not in html
    assert "81398765432" not in digits


def test_whatsapp_number_never_appears_in_any_public_page(client, live, settings):
    settings.MARKET_CONTACTS_PER_HOUR = 100
    pages = [reverse("market:search"), reverse("market:search") + "?q=keripik",
             reverse("market:listing", args=[live.code]),
             reverse("market:report", args=[live.code]), reverse("market:sitemap"),
             reverse("community_groups:site", args=["tlogomas"]),
             reverse("market:search") + "?kim=tlogomas", reverse("market:register"),
             # the public API gives the same listings and KIM (balai/api/market.py)
             "/api/v1/market/listings/", f"/api/v1/market/listings/{live.code}/",
             "/api/v1/market/listings/?kim=tlogomas", "/api/v1/kim/", "/api/v1/kim/tlogomas/"]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        assert_no_number(response.content.decode())


def test_contact_redirects_to_whatsapp_with_the_listing_code(client, live):
    response = client.get(reverse("market:contact", args=[live.code]))
    assert response.status_code == 302
    assert response["Location"].startswith("https://wa.me/6281398765432?text=")
    assert live.code in response["Location"]
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    live.refresh_from_db()
    assert live.contact_count == 1


def test_contact_is_rate_limited_per_connection(client, live, settings):
    settings.MARKET_CONTACTS_PER_HOUR = 2
    url = reverse("market:contact", args=[live.code])
    assert [client.get(url).status_code for _i in range(3)] == [302, 302, 429]
    assert_no_number(client.get(url).content.decode())


def test_a_new_sellers_listing_is_not_public_until_reviewed(client, seller, listing_of,
                                                           petugas_kim):
    listing = services.listing_submit(listing=listing_of(seller), seller=seller)
    assert client.get(reverse("market:listing", args=[listing.code])).status_code == 404
    assert client.get(reverse("market:contact", args=[listing.code])).status_code == 404
    assert listing.code not in client.get(reverse("market:search")).content.decode()
    assert listing.code not in client.get(reverse("market:sitemap")).content.decode()
    services.listing_approve(listing=listing, actor=petugas_kim)
    assert client.get(reverse("market:listing", args=[listing.code])).status_code == 200


def test_search_filters_by_category_price_badge_and_kim(client, make_seller, tlogomas, dinoyo,
                                                       petugas_kim, listing_of):
    a = make_seller("a@contoh.id", kim=tlogomas, verified_by=petugas_kim, trusted=True)
    b = make_seller("b@contoh.id", kim=dinoyo, verified_by=petugas_kim, trusted=True,
                    halal_number="", nib="")
    cheap = services.listing_submit(listing=listing_of(a, price=12000), seller=a)
    bag = services.listing_submit(listing=listing_of(b, category="kerajinan", title="Tas rotan",
                                                     price=150000), seller=b)

    def codes(query):
        page = client.get(reverse("market:search") + query).content.decode()
        return {code for code in (cheap.code, bag.code) if code in page}

    assert codes("") == {cheap.code, bag.code}
    assert codes("?kategori=kerajinan") == {bag.code}
    assert codes("?harga_min=100.000") == {bag.code}
    assert codes("?harga_max=Rp 20.000") == {cheap.code}
    assert codes("?izin=halal") == {cheap.code}
    assert codes("?kim=dinoyo") == {bag.code}
    assert codes("?q=rotan") == {bag.code}
    page = client.get(reverse("market:search") + "?urut=termahal").content.decode()
    assert page.index("Tas rotan") < page.index("Keripik tempe")
    assert "Rp150.000" in page


def test_search_page_answers_in_a_fixed_number_of_queries(client, seller, listing_of,
                                                         petugas_kim,
                                                         django_assert_max_num_queries):
    for n in range(6):
        item = services.listing_submit(listing=listing_of(seller, title=f"Produk {n}"),
                                       seller=seller)
        services.listing_approve(listing=item, actor=petugas_kim)
    with django_assert_max_num_queries(7):
        client.get(reverse("market:search"))


def test_anyone_can_report_a_listing(client, live):
    response = client.post(reverse("market:report", args=[live.code]),
                           {"reason": "penipuan", "details": "Minta transfer DP dulu"})
    assert response.status_code == 302
    assert live.reports.get().details == "Minta transfer DP dulu"


def test_a_report_without_a_reason_comes_back_with_the_text_kept(client, live):
    response = client.post(reverse("market:report", args=[live.code]),
                           {"details": "Harga terlalu murah"})
    assert response.status_code == 200 and b"Harga terlalu murah" in response.content
    assert not live.reports.exists()


def test_seller_logs_in_by_code_and_sees_only_their_listings(client, seller, listing_of,
                                                            make_seller):
    mine = listing_of(seller)
    other = listing_of(make_seller("lain@contoh.id"), title="Batik tulis")
    client.post(reverse("market:login"), {"email": seller.email})
    code = next(w for w in Outbox.objects.get().body_text.split() if w.isdigit()
                and len(w) == 6)
    response = client.post(reverse("market:login_code"), {"code": code})
    assert response.status_code == 302
    home = client.get(reverse("market:seller_home")).content.decode()
    assert mine.code in home and other.code not in home
    assert client.get(reverse("market:listing_edit", args=[other.code])).status_code == 404
    assert client.post(reverse("market:listing_action",
                               args=[other.code, "remove"])).status_code == 404
    other.refresh_from_db()
    assert other.status == Listing.Status.DRAFT


def test_seller_pages_need_the_code_log_in(client, db):
    response = client.get(reverse("market:seller_home"))
    assert response.status_code == 302 and reverse("market:login") in response["Location"]


def test_seller_writes_a_listing_with_indonesian_price(client, seller, kim_files):
    session = client.session
    session["market_seller"] = seller.pk
    session.save()
    from balai.market.tests.conftest import jpeg

    response = client.post(reverse("market:listing_new"), {
        "category": "makanan_minuman", "title": "Sambal bawang", "description": "Pedas.",
        "price": "25.000", "stock_note": "", "photos": [jpeg(), jpeg()]})
    assert response.status_code == 302
    listing = Listing.objects.get(title="Sambal bawang")
    assert listing.price == 25000 and listing.photos.count() == 2
    assert listing.kelurahan == seller.kelurahan  # no choice posted: the seller's


def test_the_listing_form_offers_the_sellers_kelurahan_first_and_the_search_uses_the_listings(
        client, seller, kelurahan, petugas_kim):
    session = client.session
    session["market_seller"] = seller.pk
    session.save()
    form = client.get(reverse("market:listing_new")).content.decode()
    chosen = re.search(r'<option value="(\d+)" selected>', form)
    assert chosen and int(chosen.group(1)) == kelurahan["Tlogomas"].pk
    response = client.post(reverse("market:listing_new"), {
        "category": "kerajinan", "title": "Anyaman bambu", "description": "Rapi.",
        "price": "75.000", "kelurahan": kelurahan["Dinoyo"].pk})
    assert response.status_code == 302
    listing = Listing.objects.get(title="Anyaman bambu")
    assert listing.kelurahan == kelurahan["Dinoyo"]
    services.listing_approve(listing=services.listing_submit(listing=listing, seller=seller),
                             actor=petugas_kim)
    search = reverse("market:search")
    dinoyo = client.get(search, {"kelurahan": kelurahan["Dinoyo"].code}).content.decode()
    tlogomas = client.get(search, {"kelurahan": kelurahan["Tlogomas"].code}).content.decode()
    assert listing.code in dinoyo and listing.code not in tlogomas


def test_seller_registration_form_refuses_a_bad_number_in_indonesian(client, kelurahan):
    response = client.post(reverse("market:register"), {
        "name": "Sri", "business_name": "Keripik", "email": "sri@contoh.id",
        "whatsapp": "12345", "kelurahan": kelurahan["Tlogomas"].pk, "size": "mikro"})
    assert response.status_code == 200
    assert "081234567890" in response.content.decode()  # the message shows the right shape


def test_kim_officer_gets_not_found_for_another_kims_seller_and_listing(
        client, make_seller, dinoyo, petugas_kim, officer_tlogomas, listing_of):
    other = make_seller("dinoyo@contoh.id", kim=dinoyo, verified_by=petugas_kim)
    listing = services.listing_submit(listing=listing_of(other), seller=other)
    client.force_login(officer_tlogomas)
    assert client.get(reverse("market:staff_seller", args=[other.pk])).status_code == 404
    assert client.post(reverse("market:staff_seller_action",
                               args=[other.pk, "trust"])).status_code == 404
    assert client.get(reverse("market:staff_listing", args=[listing.code])).status_code == 404
    assert client.post(reverse("market:staff_listing_action",
                               args=[listing.code, "approve"])).status_code == 404
    assert listing.code not in client.get(reverse("market:staff_queue")).content.decode()


def test_a_citizen_is_refused_the_moderation_queue(client, warga):
    client.force_login(warga)
    assert client.get(reverse("market:staff_queue")).status_code == 403


def test_moderator_approves_from_the_listing_page(client, seller, listing_of,
                                                  officer_tlogomas):
    listing = services.listing_submit(listing=listing_of(seller), seller=seller)
    client.force_login(officer_tlogomas)
    assert client.get(reverse("market:staff_listing", args=[listing.code])).status_code == 200
    client.post(reverse("market:staff_listing_action", args=[listing.code, "approve"]))
    listing.refresh_from_db()
    assert listing.status == Listing.Status.LIVE


def test_a_kim_site_shows_its_sellers_live_products(client, live):
    site = client.get(reverse("community_groups:site", args=["tlogomas"])).content.decode()
    assert reverse("market:kim_products", args=["tlogomas"]) in site
    products = client.get(reverse("market:kim_products", args=["tlogomas"])).content.decode()
    assert live.title in products
    assert_no_number(products)
    assert live.title not in client.get(reverse("market:kim_products",
                                                args=["dinoyo"])).content.decode()


def test_the_kim_officers_workdesk_shows_what_waits_for_moderation(client, seller, listing_of,
                                                                   petugas_kim, make_seller):
    services.listing_submit(listing=listing_of(seller), seller=seller)
    make_seller("baru@contoh.id")  # waits for verification
    client.force_login(petugas_kim)
    page = client.get(reverse("dashboard:workdesk")).content.decode()
    assert reverse("market:staff_queue") in page
    assert reverse("community_groups:manage_index") in page
    queue = client.get(reverse("market:staff_queue")).content.decode()
    assert "Keripik tempe pedas" in queue and "baru@contoh.id" not in queue


NIK = "3573054107900001"  # Kota Malang, a woman born 1 July 1990


def test_seller_registers_with_her_nik_which_only_moderators_see(client, kelurahan, tlogomas,
                                                                  petugas_kim, settings,
                                                                  listing_of):
    from balai.market.models import Seller  # noqa: PLC0415

    settings.MARKET_CONTACTS_PER_HOUR = 100
    form = {"name": "Sri Wahyuni", "business_name": "Keripik Bu Sri",
            "email": "sri@contoh.id", "whatsapp": "081398765432",
            "kelurahan": kelurahan["Tlogomas"].pk, "kim": "tlogomas", "size": "mikro"}
    page = client.post(reverse("market:register"), form).content.decode()
    assert "16 digit" in page and not Seller.objects.exists()  # the NIK is asked for
    page = client.post(reverse("market:register"), {**form, "nik": "3573053207900001"}
                       ).content.decode()
    assert "320790" in page and not Seller.objects.exists()  # no 32nd day
    client.post(reverse("market:register"), {**form, "nik": "3573 0541 0790 0001"})
    seller = Seller.objects.get(email="sri@contoh.id")
    assert seller.nik == NIK
    services.seller_verify(seller=seller, actor=petugas_kim)
    services.seller_trust(seller=seller, actor=petugas_kim)
    listing = services.listing_submit(listing=listing_of(seller, category="kerajinan"),
                                      seller=seller)
    assert listing.status == Listing.Status.LIVE
    for url in [reverse("market:listing", args=[listing.code]), reverse("market:search"),
                reverse("community_groups:site", args=["tlogomas"])]:
        assert NIK not in client.get(url).content.decode(), url
    client.force_login(petugas_kim)
    assert NIK in client.get(reverse("market:staff_seller", args=[seller.pk])).content.decode()
