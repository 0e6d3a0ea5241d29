"""Photos made smaller in the browser before upload (issue 21), in Chromium at phone size.

A 12 MP phone photo arrives on the server with its long side at most 2048 px (the worker
then decodes a tenth of the pixels), upright by its EXIF orientation, and its GPS still
puts the pin on the map, read from the original before the resize.
"""

import pytest
from PIL import Image
from playwright.sync_api import expect

from balai.complaints.models import Complaint, ComplaintPhoto
from balai.complaints.photos import originals_storage
from balai.complaints.tests import factories

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_large_photos_arrive_at_2048_px_upright_and_pin_the_map(e2e_page, tmp_path, cats):
    wide = tmp_path / "lubang.jpg"
    wide.write_bytes(factories.jpeg_with_gps(*factories.ALUN_ALUN, size=(4000, 3000)).getvalue())
    # Held upright: stored 4000 × 3000 sideways with EXIF orientation 6 (rotate 90°).
    upright = tmp_path / "tiang.jpg"
    upright.write_bytes(factories.jpeg_with_gps(*factories.ALUN_ALUN, size=(4000, 3000),
                                                orientation=6).getvalue())
    sizes = {"lubang.jpg": wide.stat().st_size, "tiang.jpg": upright.stat().st_size}

    page = e2e_page(390, 844)
    page.goto("/pengaduan/lapor/")
    page.select_option("#id_category", label="Jalan rusak")
    page.set_input_files("#id_photos", [str(wide), str(upright)])
    expect(page.locator("#id_lat")).not_to_have_value("")  # no string eval under the CSP
    assert abs(float(page.input_value("#id_lat")) - factories.ALUN_ALUN[0]) < 1e-4
    assert abs(float(page.input_value("#id_lng")) - factories.ALUN_ALUN[1]) < 1e-4
    page.fill("#id_title", "Lubang dan tiang miring")
    page.fill("#id_description", "Lubang di jalan dan tiang listrik miring di depannya.")
    page.fill("#id_reporter_email", "siti@example.id")
    # Submitted at once: the form waits for the photos to be made smaller.
    page.locator("main form#report-form button[type=submit]").click()
    page.wait_for_selector(".panel--confirmation")

    complaint = Complaint.objects.get()
    assert abs(complaint.lat - factories.ALUN_ALUN[0]) < 1e-4
    assert abs(complaint.lng - factories.ALUN_ALUN[1]) < 1e-4
    photos = list(complaint.photos.order_by("pk"))
    assert [p.state for p in photos] == [ComplaintPhoto.State.PENDING] * 2
    received = []
    for photo in photos:
        with originals_storage().open(photo.original.name) as handle:
            data = handle.read()
            handle.seek(0)
            with Image.open(handle) as img:
                received.append((img.size, len(data), img.getexif().get(0x0112)))
        assert (photo.width, photo.height) == received[-1][0]
    # The landscape photo at 2048 × 1536; the upright one turned by its orientation, so
    # the server's own EXIF transpose has nothing left to turn.
    assert [r[0] for r in received] == [(2048, 1536), (1536, 2048)]
    assert all(r[2] in (None, 1) for r in received)
    assert all(r[1] < min(sizes.values()) for r in received)
    page.assert_fits_width()
    page.assert_clean()
