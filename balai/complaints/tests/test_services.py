import io
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from balai.complaints import services
from balai.complaints.errors import ComplaintTransitionError
from balai.complaints.models import Complaint, ComplaintPhoto, ComplaintSupporter
from balai.complaints.tests import factories
from balai.core.audit import audit_trail
from balai.core.tests.concurrency import needs_concurrent_writers, run_at_once
from balai.notifications.models import Outbox

WIB = ZoneInfo("Asia/Jakarta")
S = Complaint.Status


def at(y, m, d, hh=10, mm=0):
    return datetime(y, m, d, hh, mm, tzinfo=WIB)


def submit(cats, key="jalan", **extra):
    now = extra.pop("now", at(2026, 11, 2))
    photos = extra.pop("photos", ())
    return services.complaint_submit(submission=factories.submission(cats[key], **extra),
                                     photos=photos, now=now)


def test_submission_is_routed_by_the_road_status_and_gets_a_code_and_deadline(cats):
    complaint, secret = submit(cats)
    assert complaint.code == f"ADU-2026-{complaint.pk:06d}"
    assert complaint.secret_matches(secret) and not complaint.secret_matches("guess")
    assert complaint.status == S.BARU
    assert complaint.agency.code == "pupr"
    assert complaint.routing_rule == "road_status"
    assert complaint.routing_facts["road"] == "T-KOTA"
    assert complaint.kelurahan.code == "35.73.02.1004"
    assert "Jalan Merdeka Selatan" in complaint.routing_explanation
    # Monday 2 Nov 2026 at 10:00: day 0 is that Monday, 3 working days → Thursday.
    assert complaint.verify_due == date(2026, 11, 5)
    assert [e.action for e in audit_trail(complaint)] == ["complaints.submitted"]


def test_submission_notifies_the_reporter_by_email_and_whatsapp(cats):
    complaint, secret = submit(cats)
    channels = set(Outbox.objects.filter(recipient__in=["siti@example.id", "6281234567890"])
                   .values_list("channel", flat=True))
    assert channels == {"email", "whatsapp"}
    email = Outbox.objects.get(channel="email", recipient="siti@example.id")
    assert complaint.code in email.body_text and secret in email.body_text


def test_a_pin_outside_the_city_is_refused_and_nothing_is_saved(cats):
    with pytest.raises(ValidationError) as err:
        submit(cats, at=factories.OUTSIDE)
    assert [e.code for e in err.value.error_dict["lat"]] == ["outside"]
    assert "Kota Malang" in str(err.value)
    assert not Complaint.objects.exists()


def test_a_retried_post_with_the_same_key_creates_one_complaint(cats):
    first, secret = submit(cats, idempotency_key="abc-123")
    again, no_secret = submit(cats, idempotency_key="abc-123")
    assert again.pk == first.pk and no_secret == ""
    assert Complaint.objects.count() == 1


def test_a_contact_is_required_from_a_citizen(cats):
    with pytest.raises(ValidationError):
        submit(cats, reporter_email="", reporter_phone="")
    assert not Complaint.objects.exists()


def test_a_file_that_is_not_a_photo_saves_nothing(cats, tmp_path):
    bogus = tmp_path / "not-a-photo.jpg"
    bogus.write_text("<html>hello</html>")
    with bogus.open("rb") as handle, pytest.raises(ValidationError) as err:
        submit(cats, photos=[handle])
    [error] = err.value.error_dict["photos"]
    assert error.code == "not_image" and "not-a-photo.jpg" in error.messages[0]
    assert not Complaint.objects.exists()
    assert not ComplaintPhoto.objects.exists()


def test_stored_photos_carry_no_exif_and_are_resized(cats):
    photo = factories.jpeg_with_gps(size=(4000, 3000))
    complaint, _ = submit(cats, photos=[photo])
    assert factories.run_photo_worker() == 1
    stored = complaint.photos.get()
    with Image.open(stored.private_image.path) as img:
        # A 12 MP JPEG is decoded at half scale (2000 px); others are resized to 2048.
        assert 1600 <= max(img.size) <= 2048
        assert dict(img.getexif()) == {}
        assert "exif" not in img.info
    with Image.open(stored.private_thumbnail.path) as thumb:
        assert dict(thumb.getexif()) == {}


def test_urgent_category_alerts_the_rapid_response_team(cats, db):
    from balai.accounts.models import Role, User

    User.objects.create_user(email="trc@example.id", password="x-very-long-1",
                             role=Role.TIM_REAKSI_CEPAT)
    complaint, _ = submit(cats, key="banjir")
    assert Outbox.objects.filter(recipient="trc@example.id",
                                 subject__icontains="banjir").exists()


def test_the_whole_journey_from_report_to_rating(cats, verifikator, operator_opd):
    complaint, _ = submit(cats)
    services.complaint_verify(complaint=complaint, actor=verifikator, instruction="Segera",
                              now=at(2026, 11, 3))
    complaint.refresh_from_db()
    assert complaint.status == S.TERVERIFIKASI
    assert complaint.followup_due == date(2026, 11, 10)  # Tue + 5 working days
    services.complaint_accept(complaint=complaint, actor=operator_opd)
    services.complaint_answer(complaint=complaint, text="Sudah ditambal.", actor=operator_opd,
                              photos=[factories.jpeg_with_gps()], now=at(2026, 11, 4))
    complaint.refresh_from_db()
    assert complaint.status == S.SELESAI
    assert complaint.photos.filter(kind="evidence").count() == 1
    assert complaint.autoclose_due == date(2026, 11, 18)
    services.complaint_rate(complaint=complaint, rating=5, comment="Cepat!")
    complaint.refresh_from_db()
    assert complaint.status == S.DITUTUP and complaint.rating == 5
    assert [e.action for e in audit_trail(complaint)] == [
        "complaints.submitted", "complaints.verified", "complaints.accepted",
        "complaints.answered", "complaints.rated", "complaints.fixed_asked"]


def test_an_illegal_transition_raises_a_clear_error_and_changes_nothing(cats, operator_opd):
    complaint, _ = submit(cats)
    with pytest.raises(ComplaintTransitionError) as err:
        services.complaint_answer(complaint=complaint, text="x", actor=operator_opd)
    assert err.value.code == "transition"
    complaint.refresh_from_db()
    assert complaint.status == S.BARU


def test_choosing_another_agency_than_routing_needs_a_reason(cats, verifikator, malang):
    complaint, _ = submit(cats)
    with pytest.raises(ValidationError) as err:
        services.complaint_verify(complaint=complaint, actor=verifikator, agency=malang["dlh"])
    assert err.value.code == "override_reason"
    services.complaint_verify(complaint=complaint, actor=verifikator, agency=malang["dlh"],
                              override_reason="Saluran, bukan jalan")
    complaint.refresh_from_db()
    assert complaint.agency.code == "dlh"
    entry = audit_trail(complaint).get(action="complaints.verified")
    assert entry.data["routed_agency"] == "pupr"
    assert entry.data["override_reason"] == "Saluran, bukan jalan"


def test_an_outside_body_gets_a_forward_not_a_disposition(cats, verifikator, malang):
    complaint, _ = submit(cats)
    with pytest.raises(ValidationError) as err:
        services.complaint_verify(complaint=complaint, actor=verifikator,
                                  agency=malang["bbpjn-jatim"], override_reason="jalan nasional")
    assert err.value.code == "external"
    services.complaint_forward(complaint=complaint, to_agency=malang["bbpjn-jatim"],
                               reference="BBPJN/2026/77", actor=verifikator)
    complaint.refresh_from_db()
    assert complaint.status == S.DITERUSKAN
    assert complaint.external_reference == "BBPJN/2026/77"


def test_asking_the_reporter_stops_the_clock_and_the_reply_moves_the_deadline(
        cats, verifikator, operator_opd):
    complaint, _ = submit(cats)
    services.complaint_verify(complaint=complaint, actor=verifikator, now=at(2026, 11, 3))
    services.complaint_accept(complaint=complaint, actor=operator_opd)
    services.complaint_request_info(complaint=complaint, question="Di sisi mana?",
                                    actor=operator_opd, now=at(2026, 11, 4))
    complaint.refresh_from_db()
    assert complaint.status == S.MENUNGGU_INFO
    # Replied the next Monday: Thu, Fri and Mon (3 working days) stood still.
    services.complaint_reporter_reply(complaint=complaint, text="Sisi timur.",
                                      now=at(2026, 11, 9))
    complaint.refresh_from_db()
    assert complaint.status == S.DIPROSES
    assert complaint.followup_due == date(2026, 11, 13)


def test_returning_as_not_our_authority_keeps_the_citizen_clock(cats, verifikator,
                                                                operator_opd):
    complaint, _ = submit(cats)
    verify_due = complaint.verify_due
    services.complaint_verify(complaint=complaint, actor=verifikator)
    services.complaint_return(complaint=complaint, reason="Saluran milik DLH",
                              actor=operator_opd)
    complaint.refresh_from_db()
    assert complaint.status == S.BARU
    assert complaint.verify_due == verify_due


def test_reopen_only_within_the_reply_window(cats, verifikator, operator_opd):
    complaint, _ = submit(cats)
    services.complaint_verify(complaint=complaint, actor=verifikator)
    services.complaint_accept(complaint=complaint, actor=operator_opd)
    services.complaint_answer(complaint=complaint, text="Selesai", actor=operator_opd,
                              now=at(2026, 11, 4))
    complaint.refresh_from_db()
    with pytest.raises(ComplaintTransitionError) as err:
        services.complaint_reopen(complaint=complaint, reason="Masih berlubang",
                                  now=at(2026, 11, 30))
    assert err.value.code == "window"
    services.complaint_reopen(complaint=complaint, reason="Masih berlubang",
                              now=at(2026, 11, 10))
    complaint.refresh_from_db()
    assert complaint.status == S.DIPROSES


def test_marking_a_duplicate_moves_reporter_and_supporters_to_the_original(cats, verifikator):
    original, _ = submit(cats)
    copy, _ = submit(cats, reporter_email="budi@example.id", reporter_phone="")
    services.complaint_support(complaint=copy, email="ani@example.id")
    services.complaint_mark_duplicate(complaint=copy, original=original, actor=verifikator)
    original.refresh_from_db()
    copy.refresh_from_db()
    assert copy.status == S.DIARSIPKAN and copy.duplicate_of == original
    assert original.supporters_count == 2
    assert set(ComplaintSupporter.objects.filter(complaint=original)
               .values_list("email", flat=True)) == {"budi@example.id", "ani@example.id"}


def test_support_instead_of_a_duplicate_report(cats):
    complaint, _ = submit(cats)
    services.complaint_support(complaint=complaint, name="Ani", email="ani@example.id")
    complaint.refresh_from_db()
    assert complaint.supporters_count == 1


@time_machine.travel(at(2026, 11, 2), tick=False)
def test_submission_after_office_hours_counts_from_the_next_working_day(cats):
    complaint, _ = submit(cats, now=at(2026, 11, 6, 17, 30))  # Friday evening
    assert complaint.clock_start == date(2026, 11, 9)
    assert complaint.verify_due == date(2026, 11, 12)


def test_an_iphone_heic_photo_is_accepted_its_gps_read_and_stored_as_plain_jpeg(cats):
    from balai.complaints.photos import prepare_photo

    source = Image.open(factories.jpeg_with_gps(*factories.BRAWIJAYA))
    heic = io.BytesIO()
    source.save(heic, "HEIF", exif=source.info["exif"])
    heic.seek(0)
    heic.name = "IMG_0001.HEIC"
    prepared = prepare_photo(heic)
    assert prepared.gps == pytest.approx(factories.BRAWIJAYA, abs=1e-4)
    complaint, _ = submit(cats, photos=[prepared])
    with Image.open(complaint.photos.get().private_image.path) as img:
        assert img.format == "JPEG" and dict(img.getexif()) == {}


@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_posts_with_one_key_create_one_complaint(cats):
    needs_concurrent_writers()
    results = run_at_once(lambda: services.complaint_submit(
        submission=factories.submission(cats["jalan"], idempotency_key="same-key"))[0].pk, 2)
    assert Complaint.objects.filter(idempotency_key="same-key").count() == 1
    assert len(results) == 2 and results[0] == results[1]


def test_nul_characters_are_removed_from_every_text_field(cats):
    # PostgreSQL refuses NUL in text columns; an API client or an import may send one.
    complaint, _ = submit(cats, title="Lubang\x00 besar", description="Dalam\x00 20 cm",
                          address="Jl. Tugu\x00 1", reporter_name="Si\x00ti",
                          reporter_email="siti@example.id\x00", reporter_phone="0812\x0034567890",
                          idempotency_key="kunci\x00-1")
    complaint.refresh_from_db()
    assert (complaint.title, complaint.description, complaint.address) == (
        "Lubang besar", "Dalam 20 cm", "Jl. Tugu 1")
    assert (complaint.reporter_name, complaint.reporter_email, complaint.reporter_phone,
            complaint.idempotency_key) == ("Siti", "siti@example.id", "081234567890", "kunci-1")


def test_the_submission_queues_its_photo_for_the_worker(cats, django_capture_on_commit_callbacks):
    from django_tasks_db.models import DBTaskResult

    with django_capture_on_commit_callbacks(execute=True):
        complaint, _ = submit(cats, photos=[factories.jpeg_with_gps()])
    photo = complaint.photos.get()
    task = DBTaskResult.objects.get(task_path="balai.complaints.tasks.process_photo")
    assert task.args_kwargs["args"] == [photo.pk]


def test_a_photo_whose_task_was_lost_is_processed_by_the_sweep(cats):
    from datetime import timedelta

    from django.utils import timezone

    from balai.complaints.photos import STALE_AFTER, photos_sweep

    complaint, _ = submit(cats, photos=[factories.jpeg_with_gps()])  # no task ran: a crash
    now = timezone.now()
    assert photos_sweep(now=now) == 0  # still young: its task may yet come
    assert photos_sweep(now=now + STALE_AFTER + timedelta(seconds=1)) == 1
    photo = complaint.photos.get()
    assert photo.state == ComplaintPhoto.State.READY and photo.private_image
    assert not photo.original
    with Image.open(photo.private_image.path) as img:
        assert dict(img.getexif()) == {}


def test_the_photo_sweep_takes_up_lost_photos_on_the_sweeps_clock(cats, settings):
    # PERIODIC_INTERVAL_SCALE 0.1 (make demo-cluster) runs the sweep every 6 s: a lost photo
    # waits a tenth of the 2 minutes too, not 2 minutes of sweeps that leave it alone.
    from datetime import timedelta

    from django.utils import timezone

    from balai.complaints.photos import photos_sweep

    complaint, _ = submit(cats, photos=[factories.jpeg_with_gps()])  # no task ran: a crash
    later = timezone.now() + timedelta(seconds=13)
    assert photos_sweep(now=later) == 0  # production clock: still young
    settings.PERIODIC_INTERVAL_SCALE = 0.1
    assert photos_sweep(now=later) == 1
    assert complaint.photos.get().state == ComplaintPhoto.State.READY


def test_a_refused_submission_leaves_no_upload_behind(cats, settings):
    from pathlib import Path

    with pytest.raises(ValidationError) as err:
        submit(cats, at=factories.OUTSIDE, photos=[factories.jpeg_with_gps()])
    assert [e.code for e in err.value.error_dict["lat"]] == ["outside"]
    private = Path(settings.COMPLAINT_ORIGINALS_ROOT)
    assert not [p for p in private.rglob("*") if p.is_file()]


def test_the_submission_rules_are_reported_together_keyed_by_field(cats):
    cats["jalan"].is_active = False
    cats["jalan"].save(update_fields=["is_active"])
    bogus = SimpleUploadedFile("foto.jpg", b"not a photo", content_type="image/jpeg")
    submission = factories.submission(cats["jalan"], at=(None, None), reporter_email="",
                                      reporter_phone="")
    with pytest.raises(ValidationError) as err:
        services.complaint_submit(submission=submission, photos=[bogus])
    assert set(err.value.message_dict) == {"category", "lat", "photos", "reporter_email"}
    assert "foto.jpg" in err.value.message_dict["photos"][0]
    assert not Complaint.objects.exists()


def test_without_a_pin_the_service_takes_it_from_a_photo(cats):
    photo = factories.jpeg_with_gps(*factories.ALUN_ALUN)
    upload = SimpleUploadedFile("gps.jpg", photo.getvalue(), content_type="image/jpeg")
    complaint, _ = services.complaint_submit(
        submission=factories.submission(cats["jalan"], at=(None, None)), photos=[upload])
    assert complaint.kelurahan.code == "35.73.02.1004"
    assert complaint.lat == pytest.approx(factories.ALUN_ALUN[0], abs=1e-5)


def test_a_submission_queues_its_messages_without_reading_the_outbox_first(
        cats, verifikator, django_assert_max_num_queries):
    """Issue 21 (PostgreSQL submission p95): the messages about a complaint made in the
    same transaction cannot exist yet, so no dedupe read per message; each is still
    queued once (the unique dedupe key guards the rest)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    submit(cats)  # the caches a submission reads (calendar, areas, roads) are warm
    with django_assert_max_num_queries(27), CaptureQueriesContext(connection) as queries:
        complaint, _ = submit(cats, idempotency_key="second")
    outbox_reads = [q["sql"] for q in queries.captured_queries
                    if q["sql"].startswith("SELECT") and "notifications_outbox" in q["sql"]]
    assert outbox_reads == []
    # Reporter by e-mail and WhatsApp, the verifikator by e-mail: three messages, once each.
    messages = Outbox.objects.filter(object_id=str(complaint.pk))
    assert sorted(messages.values_list("channel", flat=True)) == ["email", "email", "whatsapp"]
    assert messages.count() == messages.values("dedupe_key").distinct().count()
