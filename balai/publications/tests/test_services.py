import io
import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from balai.core.models import AuditEntry
from balai.publications.models import Publication, PublicationVersion
from balai.publications.services import (
    publication_correct,
    publication_save,
    publication_unpublish,
)
from balai.publications.tests import factories

pytestmark = pytest.mark.django_db


def test_officer_writes_for_own_opd_only(agency_pupr, agency_dlh, officer_pupr):
    factories.post(agency_pupr, officer_pupr)
    with pytest.raises(PermissionDenied):
        factories.post(agency_dlh, officer_pupr, title="Bukan OPD saya")


def test_officer_cannot_move_a_post_to_another_opd(agency_pupr, agency_dlh, officer_pupr,
                                                   editor):
    post = factories.post(agency_dlh, editor, publish_at=timezone.now() + timedelta(days=2))
    post.agency = agency_pupr
    with pytest.raises(PermissionDenied):
        publication_save(publication=post, actor=officer_pupr)


def test_officer_gets_404_for_another_opds_post(client, agency_pupr, agency_dlh,
                                               officer_pupr, officer_dlh):
    theirs = factories.post(agency_dlh, officer_dlh,
                            publish_at=timezone.now() + timedelta(days=1))
    client.force_login(officer_pupr)
    for name in ("staff_edit", "staff_correct", "staff_unpublish"):
        assert client.get(reverse(f"publications:{name}", args=[theirs.pk])).status_code == 404
        assert client.post(reverse(f"publications:{name}", args=[theirs.pk]), {
            "title": "x", "body": "x", "note": "x", "reason": "x"}).status_code == 404
    assert Publication.objects.get(pk=theirs.pk).unpublished_at is None
    listing = client.get(reverse("publications:staff_list")).content.decode()
    assert theirs.title not in listing


def test_editor_writes_for_every_opd(agency_pupr, agency_dlh, editor):
    factories.post(agency_pupr, editor)
    factories.post(agency_dlh, editor)
    assert Publication.objects.count() == 2


def test_script_tags_are_stripped(agency_pupr, officer_pupr):
    post = factories.post(agency_pupr, officer_pupr,
                          body='Halo <script>alert("x")</script> [a](javascript:alert(1))')
    tags = re.findall(r"<[^>]+>", post.body_html)
    assert tags and not [t for t in tags if "script" in t or "javascript:" in t]
    assert "&lt;script&gt;" in post.body_html  # shown as the text that was typed


def test_published_wording_changes_only_by_correction(agency_pupr, officer_pupr):
    post = factories.post(agency_pupr, officer_pupr)
    post.body = "Isi baru diam-diam"
    with pytest.raises(ValidationError):
        publication_save(publication=post, actor=officer_pupr)


def test_correction_keeps_the_original_and_is_shown(client, agency_pupr, officer_pupr):
    post = factories.post(agency_pupr, officer_pupr, body="Kerja bakti pukul 07.00.")
    publication_correct(publication=post, title=post.title, body="Kerja bakti pukul 08.00.",
                        note="Jam semula tertulis 07.00, yang benar 08.00.",
                        actor=officer_pupr)
    old = PublicationVersion.objects.get(publication=post)
    assert old.body == "Kerja bakti pukul 07.00." and old.number == 1
    page = client.get(post.get_absolute_url()).content.decode()
    local = timezone.localdate()
    assert "Jam semula tertulis 07.00, yang benar 08.00." in page
    assert f"Koreksi {local.day} " in page and "pukul 08.00" in page
    assert AuditEntry.objects.filter(action="publications.corrected").count() == 1


def test_unpublished_post_disappears(client, agency_pupr, officer_pupr):
    post = factories.post(agency_pupr, officer_pupr)
    publication_unpublish(publication=post, reason="Salah OPD", actor=officer_pupr)
    assert client.get(post.get_absolute_url()).status_code == 404


def test_agenda_correction_moves_the_time_and_keeps_the_old_one(client, agency_pupr,
                                                              officer_pupr):
    event = factories.event(agency_pupr, officer_pupr, title="Rapat drainase")
    client.force_login(officer_pupr)
    url = reverse("publications:staff_correct", args=[event.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {
        "title": event.title, "body": event.body, "note": "Jam mundur ke 10.00.",
        "event_date": event.event_date.isoformat(), "start_time": "10:00",
        "end_time": "12:00", "place": event.place})
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.start_time.hour == 10 and event.corrected_at is not None
    entry = AuditEntry.objects.get(action="publications.corrected")
    assert entry.data["was"] == {"start_time": "09:00:00", "end_time": "11:30:00"}
    assert "10.00–12.00" in client.get(event.get_absolute_url()).content.decode()


def _photo(size=(3000, 2000)) -> SimpleUploadedFile:
    """A phone photo as it comes: large, with the camera and a GPS position in its EXIF."""
    exif = Image.Exif()
    exif[0x010F] = "KameraHP"  # Make
    exif[0x8825] = {1: "S", 2: (7.0, 58.0, 0.0), 3: "E", 4: (112.0, 37.0, 0.0)}  # GPS IFD
    buffer = io.BytesIO()
    Image.new("RGB", size, (30, 120, 200)).save(buffer, "JPEG", exif=exif)
    return SimpleUploadedFile("IMG_0001.jpg", buffer.getvalue(), content_type="image/jpeg")


def test_an_image_is_stored_re_encoded_without_its_exif(agency_pupr, officer_pupr, settings,
                                                       tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    post = publication_save(publication=Publication(
        agency=agency_pupr, kind=Publication.Kind.NEWS, title="Perbaikan jembatan",
        body="Jembatan diperbaiki.", publish_at=timezone.now()),
        actor=officer_pupr, image=_photo())
    with Image.open(post.image.path) as stored:
        assert stored.format == "JPEG"
        assert max(stored.size) <= 1600  # re-drawn smaller, not the camera's 3000 px
        assert not stored.getexif()  # no camera, no position
    assert b"KameraHP" not in Path(post.image.path).read_bytes()


def test_a_file_that_is_not_an_image_is_refused_and_nothing_is_saved(agency_pupr,
                                                                    officer_pupr, settings,
                                                                    tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    fake = SimpleUploadedFile("foto.jpg", b"%PDF-1.7 bukan gambar", content_type="image/jpeg")
    with pytest.raises(ValidationError):
        publication_save(publication=Publication(
            agency=agency_pupr, kind=Publication.Kind.NEWS, title="Foto rusak",
            body="Isi.", publish_at=timezone.now()), actor=officer_pupr, image=fake)
    assert not Publication.objects.filter(title="Foto rusak").exists()
