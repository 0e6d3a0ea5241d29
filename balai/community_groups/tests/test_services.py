from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from balai.community_groups import services
from balai.community_groups.models import Activity, Kim, Member, Officer, Post
from balai.community_groups.tests.conftest import jpeg
from balai.core.models import AuditEntry


def test_kim_officer_cannot_change_another_kim_through_any_service(
        officer_tlogomas, dinoyo, kim_files):
    member = Member.objects.create(kim=dinoyo, name="Sari", contact="0812")
    officer = Officer.objects.create(kim=dinoyo, name="Budi", position=Officer.Position.KETUA)
    post = Post.objects.create(kim=dinoyo, title="Kerja bakti", slug="kerja-bakti", body="x",
                               body_html="<p>x</p>", published_at="2026-11-01T08:00Z")
    calls = [
        lambda: services.kim_profile_update(kim=dinoyo, actor=officer_tlogomas, about="diubah"),
        lambda: services.kim_registry_update(kim=dinoyo, actor=officer_tlogomas,
                                             status=Kim.Status.DORMANT),
        lambda: services.officer_add(kim=dinoyo, name="X", position="seksi",
                                     actor=officer_tlogomas),
        lambda: services.officer_remove(officer=officer, actor=officer_tlogomas),
        lambda: services.member_add(kim=dinoyo, name="Y", actor=officer_tlogomas),
        lambda: services.member_remove(member=member, actor=officer_tlogomas),
        lambda: services.cooperation_add(kim=dinoyo, partner="KIM Cibeunying",
                                         partner_region="Kota Bandung",
                                         started_on=date(2026, 1, 5), actor=officer_tlogomas),
        lambda: services.activity_record(kim=dinoyo, held_on=date(2026, 11, 2),
                                         kind="liputan", title="Liputan",
                                         evidence_link="https://example.id/a",
                                         actor=officer_tlogomas),
        lambda: services.post_publish(kim=dinoyo, kind="berita", title="Palsu", body="x",
                                      actor=officer_tlogomas),
        lambda: services.post_update(post=post, title="Diubah", body="y",
                                     actor=officer_tlogomas),
        lambda: services.post_remove(post=post, actor=officer_tlogomas),
        lambda: services.kim_decree_opened(kim=dinoyo, actor=officer_tlogomas),
    ]
    for call in calls:
        with pytest.raises(PermissionDenied):
            call()
    dinoyo.refresh_from_db()
    post.refresh_from_db()
    assert (dinoyo.about, dinoyo.status) == ("", Kim.Status.ACTIVE)
    assert (post.title, post.removed_at) == ("Kerja bakti", None)
    assert dinoyo.officers.count() == 1 and dinoyo.members.count() == 1
    assert not dinoyo.cooperations.exists() and not dinoyo.activities.exists()


def test_kim_officer_keeps_their_own_kim_and_each_change_is_audited(officer_tlogomas,
                                                                    tlogomas):
    services.kim_profile_update(kim=tlogomas, actor=officer_tlogomas,
                                about="Komunitas informasi warga Tlogomas.")
    services.member_add(kim=tlogomas, name="Rina", contact="081300001111",
                        actor=officer_tlogomas)
    post = services.post_publish(kim=tlogomas, kind="berita", title="Pelatihan video",
                                 body="Warga belajar **menyunting** video.",
                                 actor=officer_tlogomas)
    assert "<strong>menyunting</strong>" in post.body_html
    codes = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"community_groups.updated", "community_groups.member_added",
            "community_groups.post_published"} <= codes


def test_only_diskominfo_registers_a_kim_or_gives_an_officer_an_account(
        officer_tlogomas, tlogomas, kelurahan):
    with pytest.raises(PermissionDenied):
        services.kim_register(name="KIM Jatimulyo", slug="jatimulyo",
                              kelurahan=kelurahan["Jatimulyo"], actor=officer_tlogomas)
    with pytest.raises(PermissionDenied):
        services.officer_add(kim=tlogomas, name="Teman", position="seksi",
                             user=officer_tlogomas, actor=officer_tlogomas)
    with pytest.raises(PermissionDenied):
        services.kim_registry_update(kim=tlogomas, actor=officer_tlogomas,
                                     status=Kim.Status.DORMANT)


def test_an_active_kim_needs_its_decree_number(petugas_kim, kelurahan):
    with pytest.raises(ValidationError) as exc:
        services.kim_register(name="KIM Jatimulyo", slug="jatimulyo",
                              kelurahan=kelurahan["Jatimulyo"], status=Kim.Status.ACTIVE,
                              actor=petugas_kim)
    assert "sk_number" in exc.value.message_dict


def test_a_kim_cannot_take_an_address_the_pages_use(petugas_kim, kelurahan):
    with pytest.raises(ValidationError) as exc:
        services.kim_register(name="Kelola", slug="kelola", kelurahan=kelurahan["Jatimulyo"],
                              actor=petugas_kim)
    assert "slug" in exc.value.message_dict


def test_status_change_is_audited_with_before_and_after(petugas_kim, tlogomas):
    services.kim_registry_update(kim=tlogomas, actor=petugas_kim, status=Kim.Status.DORMANT)
    entry = AuditEntry.objects.get(action="community_groups.status_changed")
    assert entry.data == {"from": "active", "to": "dormant"}


def test_an_activity_needs_evidence_and_cannot_be_in_the_future(officer_tlogomas, tlogomas):
    with pytest.raises(ValidationError) as exc:
        services.activity_record(kim=tlogomas, held_on=date(2026, 12, 10), kind="rapat",
                                 title="Rapat", actor=officer_tlogomas, today=date(2026, 12, 4))
    assert set(exc.value.message_dict) == {"held_on", "evidence_link"}
    assert not Activity.objects.exists()


def test_evidence_photo_is_reencoded_without_its_metadata(officer_tlogomas, tlogomas,
                                                          kim_files):
    from PIL import Image

    activity = services.activity_record(kim=tlogomas, held_on=date(2026, 11, 30),
                                        kind="pelatihan", title="Bimtek jurnalistik",
                                        organiser="Diskominfo", actor=officer_tlogomas,
                                        evidence_photo=jpeg(size=(4000, 3000), exif_gps=True))
    with Image.open(activity.evidence_photo.path) as img:
        assert max(img.size) == 1600
        assert not img.getexif()


def test_a_file_that_is_not_an_image_is_refused_by_name(officer_tlogomas, tlogomas,
                                                        kim_files):
    from django.core.files.uploadedfile import SimpleUploadedFile

    fake = SimpleUploadedFile("poster.jpg", b"<svg onload=alert(1)>", "image/jpeg")
    with pytest.raises(ValidationError, match="poster.jpg"):
        services.post_publish(kim=tlogomas, kind="berita", title="Poster", body="x",
                              image=fake, actor=officer_tlogomas)
    assert not Post.objects.exists()


def test_an_agenda_entry_needs_its_day(officer_tlogomas, tlogomas):
    with pytest.raises(ValidationError) as exc:
        services.post_publish(kim=tlogomas, kind="agenda", title="Rapat", body="x",
                              actor=officer_tlogomas)
    assert "event_on" in exc.value.message_dict


def test_two_posts_with_one_title_get_their_own_addresses(officer_tlogomas, tlogomas):
    first = services.post_publish(kim=tlogomas, kind="berita", title="Kerja bakti", body="a",
                                  actor=officer_tlogomas)
    second = services.post_publish(kim=tlogomas, kind="berita", title="Kerja bakti", body="b",
                                   actor=officer_tlogomas)
    assert (first.slug, second.slug) == ("kerja-bakti", "kerja-bakti-2")
