import re
from datetime import date

import pytest
from django.urls import reverse

from balai.community_groups import services
from balai.community_groups.models import Kim, Member, Officer, Post
from balai.community_groups.tests.conftest import jpeg

MANAGE_PAGES = ["manage", "profile_edit", "post_new", "activity_new", "officer_new",
                "member_new", "cooperation_new", "registry_edit", "decree_file"]


@pytest.fixture
def dinoyo_rows(dinoyo):
    return {
        "post": Post.objects.create(kim=dinoyo, title="Kerja bakti", slug="kerja-bakti",
                                    body="x", body_html="<p>x</p>",
                                    published_at="2026-11-01T08:00Z"),
        "officer": Officer.objects.create(kim=dinoyo, name="Budi", position="ketua"),
        "member": Member.objects.create(kim=dinoyo, name="Sari", contact="0812"),
    }


def test_kim_officer_gets_not_found_on_every_page_of_another_kim(
        client, officer_tlogomas, dinoyo, dinoyo_rows):
    client.force_login(officer_tlogomas)
    for name in MANAGE_PAGES:
        url = reverse(f"community_groups:{name}", args=["dinoyo"])
        assert client.get(url).status_code == 404, name
        assert client.post(url, {"title": "x", "body": "x", "name": "x"}).status_code == 404
    for name, row in [("post_edit", "post"), ("post_remove", "post"),
                      ("officer_remove", "officer"), ("member_remove", "member")]:
        url = reverse(f"community_groups:{name}", args=["dinoyo", dinoyo_rows[row].pk])
        assert client.post(url, {"title": "Diubah", "body": "y"}).status_code == 404, name
    dinoyo_rows["post"].refresh_from_db()
    assert dinoyo_rows["post"].title == "Kerja bakti" and dinoyo_rows["post"].removed_at is None
    assert Member.objects.filter(pk=dinoyo_rows["member"].pk).exists()
    assert Officer.objects.filter(pk=dinoyo_rows["officer"].pk).exists()


def test_kim_officer_lists_only_their_own_kim(client, officer_tlogomas, dinoyo):
    client.force_login(officer_tlogomas)
    page = client.get(reverse("community_groups:manage_index")).content.decode()
    assert "KIM Tlogomas" in page and "KIM Dinoyo" not in page


def test_a_citizen_without_a_kim_is_refused_the_keepers_pages(client, warga, tlogomas):
    client.force_login(warga)
    assert client.get(reverse("community_groups:manage_index")).status_code == 403
    assert client.get(reverse("community_groups:manage", args=["tlogomas"])).status_code == 404
    assert client.get(reverse("community_groups:register")).status_code == 403


def test_kim_officer_is_not_offered_the_registry_record(client, officer_tlogomas, tlogomas):
    client.force_login(officer_tlogomas)
    assert client.get(reverse("community_groups:registry_edit",
                              args=["tlogomas"])).status_code == 403


def test_officer_writes_a_post_that_appears_on_the_site_and_in_the_feeds(
        client, officer_tlogomas, tlogomas, kim_files):
    client.force_login(officer_tlogomas)
    response = client.post(reverse("community_groups:post_new", args=["tlogomas"]), {
        "kind": "berita", "title": "Pelatihan video warga",
        "body": "Warga belajar **menyunting** video.<script>alert(1)</script>",
        "image": jpeg()})
    assert response.status_code == 302
    site = client.get(reverse("community_groups:site", args=["tlogomas"])).content.decode()
    assert "Pelatihan video warga" in site
    post = client.get(reverse("community_groups:post", args=["tlogomas",
                                                             "pelatihan-video-warga"]))
    assert b"<strong>menyunting</strong>" in post.content and b"<script>alert" not in post.content
    rss = client.get(reverse("community_groups:rss", args=["tlogomas"]))
    atom = client.get(reverse("community_groups:atom", args=["tlogomas"]))
    assert rss["Content-Type"].startswith("application/rss+xml")
    assert atom["Content-Type"].startswith("application/atom+xml")
    assert b"Pelatihan video warga" in rss.content and b"Pelatihan video warga" in atom.content


def test_a_refused_post_comes_back_with_what_was_typed(client, officer_tlogomas, tlogomas):
    client.force_login(officer_tlogomas)
    response = client.post(reverse("community_groups:post_new", args=["tlogomas"]), {
        "kind": "agenda", "title": "Rapat pengurus", "body": "Agenda rapat bulanan."})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Agenda rapat bulanan." in page and "Rapat pengurus" in page
    assert "An agenda entry needs the day it happens." in page or "hari" in page


def test_public_site_shows_the_structure_but_never_contacts(client, petugas_kim, tlogomas):
    services.officer_add(kim=tlogomas, name="Dewi Sekretaris", position="sekretaris",
                         phone="081211112222", actor=petugas_kim)
    services.member_add(kim=tlogomas, name="Rina Anggota", contact="rina@contoh.id",
                        actor=petugas_kim)
    page = client.get(reverse("community_groups:site", args=["tlogomas"])).content.decode()
    assert "Dewi Sekretaris" in page
    assert "081211112222" not in page and "rina@contoh.id" not in page
    assert "Rina Anggota" not in page  # members are counted, not named


def test_keeper_sees_members_contacts(client, officer_tlogomas, tlogomas, petugas_kim):
    services.member_add(kim=tlogomas, name="Rina Anggota", contact="rina@contoh.id",
                        actor=petugas_kim)
    client.force_login(officer_tlogomas)
    page = client.get(reverse("community_groups:manage", args=["tlogomas"])).content.decode()
    assert "rina@contoh.id" in page


def test_a_forming_kim_without_a_decree_has_no_public_site_yet(client, petugas_kim,
                                                               kelurahan):
    services.kim_register(name="KIM Jatimulyo", slug="jatimulyo",
                          kelurahan=kelurahan["Jatimulyo"], actor=petugas_kim)
    assert client.get(reverse("community_groups:site", args=["jatimulyo"])).status_code == 404


def test_coverage_map_and_its_table_show_kelurahan_with_and_without_a_kim(client, tlogomas,
                                                                          dinoyo):
    page = client.get(reverse("community_groups:coverage")).content.decode()
    assert "2 dari 3" in page or "2 of 3" in page
    assert "2 dari 3 memiliki KIM (67%)" in page or "2 of 3 with a KIM (67%)" in page
    svg = page[page.index("<svg"):page.index("</figure>")]
    # one labelled shape per kelurahan, filled by whether it has a KIM, and a legend
    assert svg.count('class="has-kim"') == 2 and svg.count('class="no-kim"') == 1
    assert "<title>Jatimulyo: " in svg
    # The fixture's three kelurahan share one square: the KIM's name takes it, once per
    # screen size, and the others' names (which would overlap it) are left to the table.
    assert svg.count(">Dinoyo</text>") == 2 and ">Jatimulyo</text>" not in svg
    # coordinates in the SVG keep a decimal point in the Indonesian locale (x="431,1"
    # would place each letter apart)
    assert not re.search(r'(x|y|viewBox)="[^"]*\d,\d', svg)
    assert 'role="img"' in svg and "coverage-legend" in svg
    table = page[page.index("<table"):page.index("</table>")]
    rows = {row.split("</th>")[0].rsplit(">", 1)[-1]: row for row in table.split("<tr")[2:]}
    assert "KIM Tlogomas" in rows["Tlogomas"] and "KIM Dinoyo" in rows["Dinoyo"]
    assert "KIM" not in rows["Jatimulyo"].replace("Belum ada KIM", "").replace(
        "No KIM yet", "")


def test_decree_file_is_private_and_opened_only_by_keepers(client, petugas_kim, kelurahan,
                                                          officer_tlogomas, kim_files):
    from django.core.files.uploadedfile import SimpleUploadedFile

    kim = services.kim_register(
        name="KIM Jatimulyo", slug="jatimulyo", kelurahan=kelurahan["Jatimulyo"],
        status=Kim.Status.ACTIVE, sk_number="188/1/2025", sk_date=date(2025, 3, 1),
        sk_file=SimpleUploadedFile("sk.pdf", b"%PDF-1.4 sk"), actor=petugas_kim)
    url = reverse("community_groups:decree_file", args=["jatimulyo"])
    client.force_login(officer_tlogomas)
    assert client.get(url).status_code == 404
    client.force_login(petugas_kim)
    response = client.get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == b"%PDF-1.4 sk"
    assert kim.sk_file.name not in client.get(
        reverse("community_groups:site", args=["jatimulyo"])).content.decode()


def test_registering_a_kim_through_its_form(client, petugas_kim, kelurahan):
    client.force_login(petugas_kim)
    response = client.post(reverse("community_groups:register"), {
        "name": "KIM Jatimulyo Sejahtera", "slug": "", "kelurahan": kelurahan["Jatimulyo"].pk,
        "status": "forming"})
    assert response.status_code == 302
    assert Kim.objects.get(slug="kim-jatimulyo-sejahtera").kelurahan.name == "Jatimulyo"


def test_public_kim_list_answers_in_a_fixed_number_of_queries(client, tlogomas, dinoyo,
                                                              django_assert_max_num_queries):
    with django_assert_max_num_queries(4):
        assert client.get(reverse("community_groups:index")).status_code == 200


def test_keepers_kim_list_does_not_query_per_kim(client, petugas_kim, tlogomas, dinoyo,
                                                 kelurahan):
    """The activity scores of a page of KIM are read in two queries, not two per KIM."""
    from django.db import connection  # noqa: PLC0415
    from django.test.utils import CaptureQueriesContext  # noqa: PLC0415

    client.force_login(petugas_kim)
    url = reverse("community_groups:manage_index")
    client.get(url)  # session, permissions and translations warmed
    with CaptureQueriesContext(connection) as two:
        assert client.get(url).status_code == 200
    services.kim_register(name="KIM Jatimulyo", slug="jatimulyo",
                          kelurahan=kelurahan["Jatimulyo"], actor=petugas_kim)
    with CaptureQueriesContext(connection) as three:
        page = client.get(url).content.decode()
    assert "KIM Jatimulyo" in page
    assert len(three) == len(two)


def test_forum_kim_page_lists_its_kim_and_their_cooperation_with_other_regions(
        client, tlogomas, dinoyo, kecamatan, petugas_kim, django_assert_max_num_queries):
    from balai.community_groups.models import Cooperation, Forum  # noqa: PLC0415

    forum = Forum.objects.create(name="Forum KIM Kota Malang", area=kecamatan.parent,
                                 chair_name="Hadi Santoso", sk_number="188.45/77/35.73.112/2024")
    Kim.objects.filter(pk=tlogomas.pk).update(forum=forum)
    Cooperation.objects.create(kim=tlogomas, partner="KIM Sumber Makmur",
                               partner_region="Kabupaten Malang", started_on=date(2025, 3, 1),
                               about="Pelatihan jurnalistik warga")
    with django_assert_max_num_queries(8):
        page = client.get(reverse("community_groups:forum", args=[forum.pk])).content.decode()
    assert "Forum KIM Kota Malang" in page and "Hadi Santoso" in page
    assert "KIM Tlogomas" in page and "KIM Dinoyo" not in page  # Dinoyo has not joined
    assert "KIM Sumber Makmur" in page and "Kabupaten Malang" in page
    assert reverse("community_groups:forum", args=[forum.pk]) in client.get(
        reverse("community_groups:site", args=["tlogomas"])).content.decode()
    assert "Forum KIM Kota Malang" in client.get(
        reverse("community_groups:index")).content.decode()
    assert client.get(reverse("community_groups:forum", args=[forum.pk + 1])).status_code == 404
