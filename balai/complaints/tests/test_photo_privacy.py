"""Photos of a case that is not public are never in public media (issue 12): they are
served through a view that checks who asks, and public copies follow the case's state."""

from pathlib import Path

from django.urls import reverse

from balai.complaints import services
from balai.complaints.models import ComplaintPhoto
from balai.complaints.tests import factories


def _submit(cats, **extra):
    return services.complaint_submit(submission=factories.submission(cats["jalan"], **extra),
                                     photos=[factories.jpeg_with_gps()])


def _photo_view(photo, size="full"):
    return reverse("complaints:photo", args=[photo.pk, size])


def test_a_new_reports_photo_is_private_until_verification(client, cats, verifikator,
                                                           django_capture_on_commit_callbacks,
                                                           settings):
    complaint, secret = _submit(cats)
    factories.run_photo_worker()
    photo = complaint.photos.get()
    assert photo.state == ComplaintPhoto.State.READY and not photo.image
    assert not Path(photo.private_image.path).is_relative_to(
        Path(settings.MEDIA_ROOT).resolve())
    # An outsider who learnt the photo's id gets nothing; the reporter's link shows it.
    assert client.get(_photo_view(photo)).status_code == 404
    client.get(reverse("complaints:track_detail", args=[complaint.code]) + f"?k={secret}")
    own = client.get(_photo_view(photo, "thumb"))
    assert own.status_code == 200 and own["Cache-Control"] == "private, no-store"

    with django_capture_on_commit_callbacks(execute=True):
        services.complaint_verify(complaint=complaint, actor=verifikator)
    photo.refresh_from_db()
    assert photo.image and Path(photo.image.path).exists()  # the public copy
    page = client.get(reverse("complaints:track_detail", args=[complaint.code]))
    assert photo.image.url in page.content.decode()


def test_archiving_withdraws_the_public_copy(client, cats, verifikator,
                                             django_capture_on_commit_callbacks):
    complaint, _ = _submit(cats)
    with django_capture_on_commit_callbacks(execute=True):
        services.complaint_verify(complaint=complaint, actor=verifikator)
    factories.run_photo_worker()
    photo = complaint.photos.get()
    public_file = Path(photo.image.path)
    assert public_file.exists()
    with django_capture_on_commit_callbacks(execute=True):
        services.complaint_archive(complaint=complaint, reason="spam", actor=verifikator)
    photo.refresh_from_db()
    assert not photo.image and not public_file.exists()
    assert client.get(_photo_view(photo)).status_code == 404


def test_a_rahasia_case_never_gets_a_public_copy_but_its_staff_see_the_photo(
        client, cats, verifikator, django_capture_on_commit_callbacks):
    complaint, _ = _submit(cats, is_confidential=True)
    with django_capture_on_commit_callbacks(execute=True):
        services.complaint_verify(complaint=complaint, actor=verifikator)
    factories.run_photo_worker()
    photo = complaint.photos.get()
    assert not photo.image
    assert client.get(_photo_view(photo)).status_code == 404
    client.force_login(verifikator)
    assert client.get(_photo_view(photo)).status_code == 200


def test_staff_clients_get_a_private_photo_through_the_api_within_their_scope(
        client, cats, verifikator, operator_other_opd, admin):
    from balai.api.services import staff_token_issue

    complaint, _ = _submit(cats)
    factories.run_photo_worker()
    photo = complaint.photos.get()
    _token, desk_key = staff_token_issue(user=verifikator, name="meja", actor=admin)
    detail = client.get(f"/api/v1/complaints/{complaint.pk}/",
                        headers={"Authorization": f"Bearer {desk_key}"}).json()
    url = detail["photos"][0]["url"].removeprefix("http://testserver")
    assert url == reverse("api:photo", args=[photo.pk, "full"])
    assert client.get(url, headers={"Authorization": f"Bearer {desk_key}"}).status_code == 200
    _token, other_key = staff_token_issue(user=operator_other_opd, name="dlh", actor=admin)
    assert client.get(url, headers={"Authorization": f"Bearer {other_key}"}).status_code == 404
    assert client.get(url).status_code in (401, 403)
