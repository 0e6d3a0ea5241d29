"""The public market and KIM endpoints: no token needed, the public search's filters, keyset
pages in every order, only live listings and listed KIM, and no contact data at all."""

import re
from datetime import date

import pytest
from rest_framework.test import APIClient

from balai.community_groups import services as kim_services
from balai.market import services
from balai.market.tests.conftest import *  # noqa: F403
from balai.market.tests.conftest import WHATSAPP

LISTINGS = "/api/v1/market/listings/"
KIMS = "/api/v1/kim/"
OFFICER_PHONE = "085755511122"
MEMBER_CONTACT = "087766655544"


@pytest.fixture
def api():
    return APIClient()


@pytest.fixture
def market(make_seller, tlogomas, dinoyo, petugas_kim, listing_of):
    """Three live listings of two trusted sellers, a draft and one waiting for review."""
    a = make_seller("a@contoh.id", kim=tlogomas, verified_by=petugas_kim, trusted=True)
    b = make_seller("b@contoh.id", kim=dinoyo, verified_by=petugas_kim, trusted=True,
                    halal_number="", nib="", business_name="Rotan Dinoyo")
    new = make_seller("c@contoh.id", kim=tlogomas, verified_by=petugas_kim)
    made = {
        "cheap": services.listing_submit(listing=listing_of(a, price=12000), seller=a),
        "mid": services.listing_submit(listing=listing_of(a, price=40000, title="Sambal"),
                                       seller=a),
        "bag": services.listing_submit(listing=listing_of(
            b, category="kerajinan", title="Tas rotan", price=150000), seller=b),
        "draft": listing_of(a, title="Belum terbit"),
        "review": services.listing_submit(listing=listing_of(new, title="Menunggu"),
                                          seller=new),
    }
    return made


def codes(response):
    assert response.status_code == 200, response.content
    return [row["code"] for row in response.json()["results"]]


def test_anyone_reads_live_listings_without_a_token(api, market):
    found = codes(api.get(LISTINGS))
    assert sorted(found) == sorted(market[k].code for k in ("cheap", "mid", "bag"))
    for hidden in ("draft", "review"):
        assert market[hidden].code not in found
        assert api.get(f"{LISTINGS}{market[hidden].code}/").status_code == 404


def test_the_listing_filters_are_the_public_searchs(api, market):
    def find(**params):
        return sorted(codes(api.get(LISTINGS, params)))

    assert find(category="kerajinan") == [market["bag"].code]
    assert find(price_min=100000) == [market["bag"].code]
    assert find(price_max=20000) == [market["cheap"].code]
    assert find(badge="halal") == sorted([market["cheap"].code, market["mid"].code])
    assert find(kim="dinoyo") == [market["bag"].code]
    assert find(q="rotan") == [market["bag"].code]
    assert find(kelurahan=market["bag"].kelurahan.code) == sorted(
        market[k].code for k in ("cheap", "mid", "bag"))
    assert find(kelurahan="35.73.05.9999") == []
    response = api.get(LISTINGS, {"category": "senjata"})
    assert response.status_code == 400 and "category" in response.json()["fields"]


@pytest.mark.parametrize("sort, order", [("price", ["cheap", "mid", "bag"]),
                                         ("-price", ["bag", "mid", "cheap"])])
def test_pages_by_price_follow_each_other_without_gaps(api, market, sort, order):
    first = api.get(LISTINGS, {"sort": sort, "page_size": 2}).json()
    second = api.get(LISTINGS, {"sort": sort, "page_size": 2,
                                "cursor": first["next_cursor"]}).json()
    got = [r["code"] for r in first["results"] + second["results"]]
    assert got == [market[k].code for k in order]
    assert second["next"] is None
    assert api.get(LISTINGS, {"sort": sort, "cursor": "bm90LWEtY3Vyc29y"}).status_code == 400


def test_newest_first_by_default(api, market):
    assert codes(api.get(LISTINGS)) == [market[k].code for k in ("bag", "mid", "cheap")]


def test_a_listing_in_detail_links_the_contact_redirect_not_the_number(api, market):
    body = api.get(f"{LISTINGS}{market['bag'].code}/").json()
    assert body["title"] == "Tas rotan" and body["business_name"] == "Rotan Dinoyo"
    assert body["kim"] == {"slug": "dinoyo", "name": "KIM Dinoyo"}
    assert body["contact_url"] == f"http://testserver/pasar/{market['bag'].code}/hubungi/"
    assert "whatsapp" not in body and "email" not in body


def test_listed_kim_and_their_detail(api, tlogomas, dinoyo, petugas_kim, kelurahan):
    kim_services.kim_register(name="KIM Jatimulyo", slug="jatimulyo",
                              kelurahan=kelurahan["Jatimulyo"], actor=petugas_kim)  # forming
    rows = api.get(KIMS).json()
    assert [r["slug"] for r in rows] == ["dinoyo", "tlogomas"]
    assert api.get(f"{KIMS}jatimulyo/").status_code == 404
    assert [r["slug"] for r in api.get(KIMS, {"q": "dinoyo"}).json()] == ["dinoyo"]
    assert [r["slug"] for r in api.get(KIMS, {"kecamatan": "35.73.05"}).json()] == [
        "dinoyo", "tlogomas"]
    kim_services.officer_add(kim=tlogomas, name="Budi Sekretaris", position="sekretaris",
                             phone=OFFICER_PHONE, actor=petugas_kim)
    kim_services.cooperation_add(kim=tlogomas, partner="KIM Cibeunying",
                                 partner_region="Kota Bandung", started_on=date(2025, 3, 1),
                                 actor=petugas_kim)
    body = api.get(f"{KIMS}tlogomas/").json()
    assert body["officers"] == [{"name": "Budi Sekretaris", "position": "sekretaris",
                                 "position_label": "Sekretaris", "section": ""}]
    assert body["kelurahan"]["kecamatan"]["name"] == "Lowokwaru"
    assert body["cooperations"][0]["partner_region"] == "Kota Bandung"
    assert body["listings_url"].endswith(f"{LISTINGS}?kim=tlogomas")


def test_no_contact_number_or_address_in_any_api_output(api, market, tlogomas, petugas_kim,
                                                       settings):
    """The sellers' WhatsApp and e-mail, an officer's phone and a member's contact: none of
    them in any list, detail or schema the market and KIM endpoints give."""
    kim_services.officer_add(kim=tlogomas, name="Budi Sekretaris", position="sekretaris",
                             phone=OFFICER_PHONE, actor=petugas_kim)
    kim_services.member_add(kim=tlogomas, name="Wati", contact=MEMBER_CONTACT,
                            actor=petugas_kim)
    urls = [LISTINGS, f"{LISTINGS}?kim=tlogomas", f"{LISTINGS}?sort=price",
            *[f"{LISTINGS}{market[k].code}/" for k in ("cheap", "mid", "bag")],
            KIMS, f"{KIMS}tlogomas/", f"{KIMS}dinoyo/", "/api/v1/schema/?format=json"]
    secrets = [WHATSAPP, WHATSAPP[1:], OFFICER_PHONE[1:], MEMBER_CONTACT[1:],
               "a@contoh.id", "b@contoh.id", "c@contoh.id"]
    for url in urls:
        response = api.get(url)
        assert response.status_code == 200, url
        text = response.content.decode()
        digits = re.sub(r"[^0-9]", "", text)
        for secret in secrets:
            assert secret not in text and secret not in digits, (url, secret)


def test_the_listing_list_answers_in_a_fixed_number_of_queries(
        api, market, make_seller, listing_of, tlogomas, petugas_kim,
        django_assert_max_num_queries):
    seller = make_seller("d@contoh.id", kim=tlogomas, verified_by=petugas_kim, trusted=True)
    for n in range(6):
        services.listing_submit(listing=listing_of(seller, title=f"Produk {n}"),
                                seller=seller)
    with django_assert_max_num_queries(3):
        assert len(codes(api.get(LISTINGS))) == 9
