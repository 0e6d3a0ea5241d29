import io
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from balai.complaints import services
from balai.complaints.models import Complaint, ComplaintPhoto
from balai.complaints.tests import factories

WIB = ZoneInfo("Asia/Jakarta")
S = Complaint.Status


@pytest.fixture(autouse=True)
def _clear_rate_limits():
    cache.clear()
    yield
    cache.clear()


def form_data(cats, **extra):
    lat, lng = factories.ALUN_ALUN
    data = {"category": cats["jalan"].pk, "lat": lat, "lng": lng, "title": "Lubang besar",
            "description": "Lubang sedalam 20 cm di tengah jalan.", "reporter_name": "Siti",
            "reporter_email": "siti@example.id", "reporter_phone": "", "address": "",
            "idempotency_key": "k-1", "website": ""}
    data.update(extra)
    return data


def login(client, user, password):
    response = client.post(reverse("accounts:login"),
                           {"username": user.email, "password": password})
    assert response.status_code == 302


def make(cats, **extra):
    complaint, secret = services.complaint_submit(
        submission=factories.submission(cats["jalan"], **extra),
        now=datetime(2026, 11, 2, 10, tzinfo=WIB))
    return complaint, secret


def test_report_page_offers_categories_map_and_privacy_choices(client, cats):
    response = client.get(reverse("complaints:report"))
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="map"' in html and "Jalan rusak" in html
    assert 'name="is_anonymous"' in html and 'name="is_confidential"' in html


def test_a_citizen_reports_and_gets_a_code_and_a_personal_link(client, cats):
    response = client.post(reverse("complaints:report"), form_data(cats))
    complaint = Complaint.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("complaints:submitted", args=[complaint.code])
    page = client.get(response.url).content.decode()
    assert complaint.code in page and "?k=" in page


def test_a_double_submit_creates_one_complaint(client, cats):
    client.post(reverse("complaints:report"), form_data(cats))
    client.post(reverse("complaints:report"), form_data(cats))
    assert Complaint.objects.count() == 1


def test_the_honeypot_stops_bots_and_saves_nothing(client, cats):
    response = client.post(reverse("complaints:report"), form_data(cats, website="spam.com"))
    assert response.status_code == 200
    assert not Complaint.objects.exists()


def test_a_non_image_upload_gets_a_clear_message_and_nothing_is_saved(client, cats):
    bogus = SimpleUploadedFile("foto.jpg", b"<svg onload=alert(1)>", content_type="image/jpeg")
    response = client.post(reverse("complaints:report"), {**form_data(cats), "photos": bogus})
    assert response.status_code == 200
    assert "foto.jpg" in response.content.decode()
    assert not Complaint.objects.exists()


def test_a_pin_outside_the_city_is_refused_with_a_message(client, cats):
    lat, lng = factories.OUTSIDE
    response = client.post(reverse("complaints:report"), form_data(cats, lat=lat, lng=lng))
    assert response.status_code == 200
    assert "Kota Malang" in response.content.decode()
    assert not Complaint.objects.exists()


def test_without_a_pin_the_photo_location_is_used(client, cats):
    photo = factories.jpeg_with_gps(*factories.ALUN_ALUN)
    upload = SimpleUploadedFile("gps.jpg", photo.getvalue(), content_type="image/jpeg")
    client.post(reverse("complaints:report"), {**form_data(cats, lat="", lng=""),
                                               "photos": upload})
    complaint = Complaint.objects.get()
    assert complaint.kelurahan.code == "35.73.02.1004"


def test_a_missing_pin_is_in_the_first_error_summary_with_the_other_errors(client, cats):
    bogus = SimpleUploadedFile("foto.jpg", b"not a photo", content_type="image/jpeg")
    response = client.post(reverse("complaints:report"), {
        **form_data(cats, lat="", lng="", title=""), "photos": bogus})
    form = response.context["form"]
    assert set(form.errors) >= {"title", "lat", "photos"}
    assert form.errors["lat"] == ["Taruh titik di peta pada lokasi masalah."]
    assert "foto.jpg" in form.errors["photos"][0]
    assert not Complaint.objects.exists()


def test_the_staff_intake_without_a_pin_says_where_the_pin_is_missing(client, cats,
                                                                      verifikator):
    client.force_login(verifikator)
    response = client.post(reverse("complaints:intake"), {
        **form_data(cats, lat="", lng="", reporter_email=""), "channel": "112"})
    assert response.context["form"].errors == {
        "lat": ["Taruh titik di peta pada lokasi masalah."]}
    assert not Complaint.objects.exists()


def test_reports_are_rate_limited_per_connection(client, cats):
    for i in range(10):
        client.post(reverse("complaints:report"), form_data(cats, idempotency_key=f"k{i}"))
    response = client.post(reverse("complaints:report"), form_data(cats, idempotency_key="k11"))
    assert Complaint.objects.count() == 10
    assert response.status_code == 200


def test_public_pages_never_show_the_reporters_identity(client, cats, verifikator):
    complaint, _ = make(cats, reporter_name="Siti Rahasia", reporter_email="siti@rahasia.id",
                        reporter_phone="081298765432")
    services.complaint_verify(complaint=complaint, actor=verifikator)
    for url in [reverse("complaints:track_detail", args=[complaint.code]),
                reverse("complaints:list"), reverse("complaints:public_geojson")]:
        html = client.get(url).content.decode()
        assert complaint.title in html
        for secret in ["Siti Rahasia", "siti@rahasia.id", "081298765432", "6281298765432"]:
            assert secret not in html


def test_a_rahasia_complaint_is_hidden_from_the_public_but_open_to_its_reporter(client, cats,
                                                                              verifikator):
    complaint, secret = make(cats, is_confidential=True)
    services.complaint_verify(complaint=complaint, actor=verifikator)
    url = reverse("complaints:track_detail", args=[complaint.code])
    assert client.get(url).status_code == 404
    assert complaint.title not in client.get(reverse("complaints:list")).content.decode()
    assert client.get(f"{url}?k={secret}").status_code == 200


def test_the_reporter_rates_with_the_secret_link_and_closes_the_case(client, cats, verifikator,
                                                                     operator_opd):
    complaint, secret = make(cats)
    services.complaint_verify(complaint=complaint, actor=verifikator)
    services.complaint_accept(complaint=complaint, actor=operator_opd)
    services.complaint_answer(complaint=complaint, text="Sudah", actor=operator_opd)
    url = reverse("complaints:reporter_action", args=[complaint.code, "rate"])
    assert client.post(url, {"rating": 5, "k": "wrong"}).status_code == 403
    client.post(url, {"rating": 4, "comment": "Bagus", "k": secret})
    complaint.refresh_from_db()
    assert complaint.status == S.DITUTUP and complaint.rating == 4


def test_an_operator_of_another_agency_gets_404(client, cats, verifikator, operator_opd,
                                               operator_other_opd, password):
    complaint, _ = make(cats)
    services.complaint_verify(complaint=complaint, actor=verifikator)  # to Dinas PUPR
    login(client, operator_other_opd, password)
    assert client.get(reverse("complaints:staff_detail", args=[complaint.pk])).status_code \
        == 404
    response = client.post(reverse("complaints:staff_action", args=[complaint.pk, "accept"]))
    assert response.status_code == 404
    assert complaint.title not in client.get(reverse("complaints:staff_queue")).content.decode()
    complaint.refresh_from_db()
    assert complaint.status == S.TERVERIFIKASI


def test_the_agency_sees_the_reporter_unless_anonim(client, cats, verifikator, operator_opd,
                                                   password):
    named, _ = make(cats, reporter_name="Budi Terang")
    hidden, _ = make(cats, reporter_name="Ani Anonim", is_anonymous=True)
    for c in (named, hidden):
        services.complaint_verify(complaint=c, actor=verifikator)
    login(client, operator_opd, password)
    assert "Budi Terang" in client.get(
        reverse("complaints:staff_detail", args=[named.pk])).content.decode()
    assert "Ani Anonim" not in client.get(
        reverse("complaints:staff_detail", args=[hidden.pk])).content.decode()


def test_an_anonim_citizens_account_name_stays_hidden_in_the_agencys_timeline(
        client, cats, verifikator, operator_opd, warga, password):
    complaint, _ = services.complaint_submit(
        submission=factories.submission(cats["jalan"], reporter_name="", is_anonymous=True),
        actor=warga, now=datetime(2026, 11, 2, 10, tzinfo=WIB))
    services.complaint_verify(complaint=complaint, actor=verifikator)
    services.complaint_request_info(complaint=complaint, question="Di sisi mana?",
                                    actor=operator_opd)
    services.complaint_reporter_reply(complaint=complaint, text="Sisi utara.", actor=warga)
    login(client, operator_opd, password)
    html = client.get(reverse("complaints:staff_detail", args=[complaint.pk])).content.decode()
    assert warga.full_name not in html
    assert "pelapor" in html
    client.force_login(verifikator)  # the desk may see who it is
    html = client.get(reverse("complaints:staff_detail", args=[complaint.pk])).content.decode()
    assert warga.full_name in html


def test_the_verifier_disposes_from_the_detail_page(client, cats, verifikator, password,
                                                    agency_pupr):
    complaint, _ = make(cats)
    login(client, verifikator, password)
    page = client.get(reverse("complaints:staff_detail", args=[complaint.pk]))
    assert "Jalan Merdeka Selatan" in page.content.decode()
    client.post(reverse("complaints:staff_action", args=[complaint.pk, "verify"]),
                {"verify-agency": agency_pupr.pk, "verify-instruction": "Segera tambal",
                 "verify-override_reason": ""})
    complaint.refresh_from_db()
    assert complaint.status == S.TERVERIFIKASI
    assert complaint.disposition_note == "Segera tambal"


def test_a_citizen_cannot_open_the_staff_queue(client, cats, warga, password):
    login(client, warga, password)
    assert client.get(reverse("complaints:staff_queue")).status_code == 403


def test_served_photos_carry_no_exif(client, cats, verifikator):
    complaint, _ = services.complaint_submit(
        submission=factories.submission(cats["jalan"]),
        photos=[factories.jpeg_with_gps()])
    services.complaint_verify(complaint=complaint, actor=verifikator)
    factories.run_photo_worker()
    photo = complaint.photos.get()
    response = client.get(photo.image.url)
    assert response.status_code == 200
    body = b"".join(response.streaming_content)
    assert b"Exif" not in body and b"Samsung" not in body
    with Image.open(io.BytesIO(body)) as img:
        assert dict(img.getexif()) == {}


def test_public_list_query_count_does_not_grow_with_rows(client, cats, verifikator,
                                                         django_assert_max_num_queries):
    for _ in range(3):
        complaint, _ = make(cats)
        services.complaint_verify(complaint=complaint, actor=verifikator)
    with django_assert_max_num_queries(12) as few:
        client.get(reverse("complaints:list"))
    for _ in range(12):
        complaint, _ = make(cats)
        services.complaint_verify(complaint=complaint, actor=verifikator)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("complaints:list"))


def test_staff_queue_query_count_does_not_grow_with_rows(client, cats, verifikator, password,
                                                         django_assert_max_num_queries):
    login(client, verifikator, password)
    make(cats)
    with django_assert_max_num_queries(15) as few:
        client.get(reverse("complaints:staff_queue"))
    for _ in range(10):
        make(cats)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("complaints:staff_queue"))


def test_nearby_lists_open_complaints_of_the_same_category(client, cats, verifikator):
    complaint, _ = make(cats)
    services.complaint_verify(complaint=complaint, actor=verifikator)
    lat, lng = factories.ALUN_ALUN
    found = client.get(reverse("complaints:nearby"),
                       {"category": cats["jalan"].pk, "lat": lat + 0.001, "lng": lng}).json()
    assert [r["code"] for r in found["results"]] == [complaint.code]
    assert 100 < found["results"][0]["distance_m"] < 120
    far = client.get(reverse("complaints:nearby"),
                     {"category": cats["jalan"].pk, "lat": lat + 0.01, "lng": lng}).json()
    assert far["results"] == []


def test_the_112_desk_enters_a_phone_complaint_with_its_channel(client, cats, password):
    from balai.accounts.models import Role, User

    desk = User.objects.create_user(email="112@example.id", password=password,
                                    role=Role.PETUGAS_112)
    login(client, desk, password)
    response = client.post(reverse("complaints:intake"), form_data(
        cats, channel="112", reporter_email="", reporter_phone="081211112222"))
    complaint = Complaint.objects.get()
    assert response.status_code == 302
    assert complaint.channel == "112" and complaint.intake_by == desk
    assert complaint.reporter is None


def test_an_agency_operator_cannot_use_the_intake_form(client, cats, operator_opd, password):
    login(client, operator_opd, password)
    assert client.get(reverse("complaints:intake")).status_code == 403


def test_street_search_offers_road_names_with_a_point_on_them(client, cats):
    streets = client.get(reverse("complaints:streets")).json()["streets"]
    assert [s["name"] for s in streets] == ["Jalan Merdeka Selatan"]
    lat, lng = factories.ALUN_ALUN
    assert abs(streets[0]["lat"] - lat) < 0.001 and abs(streets[0]["lng"] - lng) < 0.001


def test_the_offline_road_layer_names_each_imported_road(client, cats):
    roads = client.get(reverse("complaints:roads_geojson")).json()
    assert [f["properties"]["name"] for f in roads["features"]] == ["Jalan Merdeka Selatan"]
    assert roads["features"][0]["geometry"]["type"] in {"LineString", "MultiLineString"}


def test_the_maps_use_openstreetmap_tiles_with_their_attribution_by_default(client, cats):
    from django.conf import settings

    assert settings.MAP_TILE_URL == "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
    page = client.get(reverse("complaints:list")).content.decode()
    assert 'data-tile-url="https://tile.openstreetmap.org/{z}/{x}/{y}.png"' in page
    from pathlib import Path

    from django.contrib.staticfiles import finders

    script = Path(finders.find("complaints/basemap.js")).read_text()
    assert '<a href="https://www.openstreetmap.org/copyright">OpenStreetMap contributors</a>' \
        in script


def test_the_public_map_has_a_legend_for_its_colours(client, cats):
    page = client.get(reverse("complaints:list")).content.decode()
    assert 'id="map-legend"' in page
    assert '<span class="swatch swatch--selesai" aria-hidden="true"></span>Selesai' in page


def test_an_unverified_report_shows_the_public_no_text_or_photos(client, cats):
    complaint, secret = services.complaint_submit(
        submission=factories.submission(cats["jalan"], description="Teks belum diperiksa xyz",
                                        address="Depan SDN Kiduldalem 3"),
        photos=[factories.jpeg_with_gps()])
    url = reverse("complaints:track_detail", args=[complaint.code])
    public = client.get(url).content.decode()
    # Nothing the reporter typed is public before verification (issues 11, 12): not the
    # title, the address or the description.
    assert complaint.code in public and "Laporan baru, menunggu verifikasi" in public
    assert complaint.title not in public and complaint.address not in public
    assert "Teks belum diperiksa xyz" not in public and "/media/" not in public
    factories.run_photo_worker()
    public = client.get(url).content.decode()
    assert "Teks belum diperiksa xyz" not in public and "/media/" not in public
    reporter = client.get(f"{url}?k={secret}").content.decode()
    # The reporter sees their photo, through the view that checks their link (issue 12).
    photo_url = reverse("complaints:photo", args=[complaint.photos.get().pk, "thumb"])
    assert "Teks belum diperiksa xyz" in reporter and photo_url in reporter
    assert "/media/" not in reporter


def test_the_public_tracking_page_is_cached_until_the_case_changes(
        client, cats, verifikator, operator_opd, django_assert_max_num_queries):
    complaint, _ = make(cats)
    services.complaint_verify(complaint=complaint, actor=verifikator)
    url = reverse("complaints:track_detail", args=[complaint.code])
    first = client.get(url).content.decode()
    assert "csrfmiddlewaretoken" not in first  # nothing per-visitor in a public page
    with django_assert_max_num_queries(1):  # the case lookup; the page comes from the cache
        assert client.get(url).content.decode() == first
    services.complaint_accept(complaint=complaint, actor=operator_opd)
    assert client.get(url).content.decode() != first


def test_an_upload_is_never_served_before_the_worker_re_encodes_it(client, cats, verifikator,
                                                                   settings):
    from pathlib import Path

    complaint, secret = services.complaint_submit(
        submission=factories.submission(cats["jalan"]), photos=[factories.jpeg_with_gps()])
    services.complaint_verify(complaint=complaint, actor=verifikator)
    photo = complaint.photos.get()
    assert photo.state == ComplaintPhoto.State.PENDING and not photo.image
    original = Path(photo.original.path)
    assert b"Samsung" in original.read_bytes()  # the upload as it came, EXIF and all
    assert not original.is_relative_to(Path(settings.MEDIA_ROOT).resolve())
    with pytest.raises(ValueError):
        photo.original.url  # noqa: B018 - private files have no URL at all
    url = reverse("complaints:track_detail", args=[complaint.code])
    for page in (client.get(url), client.get(f"{url}?k={secret}")):
        body = page.content.decode()
        assert "/media/" not in body and Path(photo.original.name).name not in body
        assert 'role="status"' in body  # "1 foto sedang diproses…"
    for guess in (f"/media/{photo.original.name}", f"/media/../private/{photo.original.name}"):
        assert client.get(guess).status_code in (400, 404)
    listing = client.get(reverse("open311:requests", args=["json"])).json()
    assert [item["media_url"] for item in listing] == [""]

    assert factories.run_photo_worker() == 1
    photo.refresh_from_db()
    assert photo.state == ComplaintPhoto.State.READY and not photo.original
    assert not original.exists()
    body = client.get(url).content.decode()  # the cached page changed with the case
    assert photo.image.url in body and 'role="status"' not in body


def test_a_photo_that_cannot_be_decoded_is_marked_and_never_shown(client, cats, verifikator):
    truncated = factories.jpeg_with_gps(size=(1600, 1200)).getvalue()[:2000]
    upload = SimpleUploadedFile("potong.jpg", truncated, content_type="image/jpeg")
    complaint, _ = services.complaint_submit(submission=factories.submission(cats["jalan"]),
                                             photos=[upload])
    services.complaint_verify(complaint=complaint, actor=verifikator)
    factories.run_photo_worker()
    photo = complaint.photos.get()
    assert photo.state == ComplaintPhoto.State.FAILED and not photo.image
    body = client.get(reverse("complaints:track_detail", args=[complaint.code])).content
    assert b"/media/" not in body


def test_the_tracking_version_query_names_the_models_columns():
    from balai.complaints.selectors import _VERSION_SQL

    meta = Complaint._meta
    assert f"FROM {meta.db_table} WHERE {meta.get_field('code').column} = %s" in _VERSION_SQL
    for name in ("id", "updated_at", "supporters_count", "secret_hash"):
        assert meta.get_field(name).column in _VERSION_SQL


def test_the_working_day_hint_shows_only_while_a_deadline_runs(client, cats, verifikator):
    complaint, secret = make(cats)
    url = reverse("complaints:track_detail", args=[complaint.code]) + f"?k={secret}"
    hint = "hari kerja; Sabtu, Minggu"
    assert hint in client.get(url).content.decode()
    services.complaint_archive(complaint=complaint, reason="spam", actor=verifikator)
    response = client.get(url)  # the reporter's own link still opens an archived case
    assert response.status_code == 200 and "Diarsipkan" in response.content.decode()
    assert hint not in response.content.decode()


def test_the_lacak_box_finds_a_complaint_by_its_code(client, cats):
    complaint, _secret = make(cats)
    response = client.get(reverse("core:track"), {"code": complaint.code.lower()})
    assert response["Location"] == reverse("complaints:track_detail", args=[complaint.code])


def test_the_staff_case_page_maps_the_pin_with_coordinates_written_with_a_point(
        client, cats, verifikator, operator_opd, password):
    import json

    complaint, _ = make(cats)
    services.complaint_verify(complaint=complaint, actor=verifikator)
    login(client, operator_opd, password)
    html = client.get(reverse("complaints:staff_detail", args=[complaint.pk])).content.decode()
    lat, lng = f"{complaint.lat:.5f}", f"{complaint.lng:.5f}"
    assert f"({lat}, {lng})" in html  # not "-7,98272" as the Indonesian locale writes floats
    assert 'id="case-map"' in html
    start = html.index('id="case-map-data"')
    data = json.loads(html[html.index(">", start) + 1:html.index("</script>", start)])
    assert (data["lat"], data["lng"]) == (complaint.lat, complaint.lng)
    assert data["kelurahan"]["type"] in {"Polygon", "MultiPolygon"}
    assert data["road_name"] == "Jalan Merdeka Selatan"
