from django.utils import timezone

from balai.accounts.models import User
from balai.community_groups.models import Kim, Post
from balai.community_groups.selectors import kim_scope

MALANG_KIM = {"tlogomas", "bandungrejosari", "kedungkandang", "tunjungsekar", "purwantoro",
              "dinoyo", "pandanwangi", "cemorokandang"}


def test_demo_has_the_eight_malang_kim_with_their_sites(demo_city, client):
    assert set(Kim.objects.values_list("slug", flat=True)) == MALANG_KIM
    assert Post.objects.filter(kind="agenda").count() == 8
    page = client.get("/kim/tlogomas/")
    assert page.status_code == 200 and "Warga Tlogomas belajar" in page.content.decode()


def test_demo_kim_officer_keeps_kim_tlogomas_only(demo_city):
    officer = User.objects.get(email="kim.tlogomas@demo.balai.id")
    scope = kim_scope(officer)
    assert scope.kim_ids == {Kim.objects.get(slug="tlogomas").pk} and not scope.keeps_all


def test_demo_market_has_sellers_and_listings_in_all_eight_categories(demo_city, client):
    from balai.market.models import Category, Listing, Seller

    assert Seller.objects.count() == 60 and Listing.objects.count() == 200
    live = Listing.objects.live()
    assert set(live.values_list("category", flat=True)) == set(Category.values)
    assert set(Listing.objects.values_list("status", flat=True)) == set(Listing.Status.values)
    assert not live.filter(expires_on__lt=timezone.localdate()).exists()
    page = client.get("/pasar/?kim=tlogomas")
    assert page.status_code == 200 and "PSR-" in page.content.decode()


def test_demo_market_shows_a_listing_kelurahan_and_a_listing_hidden_by_reports(demo_city):
    from django.db.models import F

    from balai.market.models import Listing

    stalls = Listing.objects.filter(kelurahan__name="Sukoharjo").exclude(
        seller__kelurahan=F("kelurahan"))
    assert stalls.exists() and stalls.filter(status="live").exists()
    hidden = Listing.objects.filter(status="review", review_note__startswith="Disembunyikan")
    assert hidden.count() == 1
    assert hidden.get().reports.values("reporter_key").distinct().count() == 3


def test_demo_lomba_kim_results_are_published_for_the_eight_kim(demo_city, client):
    from balai.community_groups.models import Competition

    lomba = Competition.objects.get()
    assert lomba.status == "closed" and lomba.entries.count() == 8
    assert client.get(f"/kim/lomba/{lomba.pk}/").status_code == 200
