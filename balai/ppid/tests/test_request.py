import io
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.urls import reverse
from PIL import Image

from balai.core.audit import audit_trail
from balai.notifications.models import Outbox
from balai.ppid.models import IdentityDocument, InformationRequest
from balai.ppid.tests import factories

pytestmark = pytest.mark.django_db
WIB = ZoneInfo("Asia/Jakarta")


def post_request(client, **extra):
    data = factories.form_data(**extra)
    data.setdefault("ktp", factories.ktp_upload())
    return client.post(reverse("ppid:request"), data)


def test_request_gets_a_number_a_receipt_page_and_an_email_at_once(client):
    response = post_request(client)
    req = InformationRequest.objects.get()
    assert req.code.startswith("PPID-") and response.status_code == 302
    receipt = client.get(response["Location"])
    html = receipt.content.decode()
    assert req.code in html and "Bukti penerimaan" in html
    assert req.due_date.strftime("%Y") in html
    mail = Outbox.objects.get(channel="email", recipient="budi@example.id")
    assert req.code in mail.subject
    assert "bukti penerimaan" in mail.body_text.lower()
    assert f"/ppid/lacak/{req.code}/?k=" in mail.body_text
    entry = audit_trail(req).get()
    assert entry.action == "ppid.submitted" and entry.public
    assert req.nik not in str(entry.data) and "Budi" not in str(entry.data)


@pytest.mark.parametrize(("nik", "fragment"), [
    ("", "16 angka pada KTP"),
    ("357301170890001", "16 angka; Anda mengisi 15"),
    ("9973011708900001", "kode provinsi; 99 bukan"),
    ("3573013208900001", "tanggal lahir"),
    ("3573O11708900001", "hanya berisi angka"),
])
def test_nik_errors_say_how_to_fix_them(client, nik, fragment):
    response = post_request(client, nik=nik)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Ada masalah" in html and fragment in html
    assert 'href="#id_nik"' in html
    assert not InformationRequest.objects.exists()


LEGAL_ENTITY = {"requester_kind": "badan_hukum", "nik": "", "name": "Yayasan Data Terbuka",
                "legal_document_number": "AHU-0012345.AH.01.04.2020"}


def test_a_legal_entity_asks_through_an_authorised_representative(client):
    """Issue 13, defect 7: a badan hukum's request names the person it authorises, with
    their KTP, and carries the letter of authority besides the deed (Perki 1/2021)."""
    html = post_request(client, **LEGAL_ENTITY, ktp="", representative_name="",
                        representative_nik="",
                        badan_hukum=factories.ktp_upload("akta.pdf", factories.PDF)
                        ).content.decode()
    for fragment in ("nama orang yang diberi kuasa", "NIK wakil", "KTP wakil",
                     "surat kuasa dari pengurus"):
        assert fragment in html
    assert not InformationRequest.objects.exists()
    response = post_request(client, **LEGAL_ENTITY, representative_name="Rina Kusuma",
                            representative_nik=factories.NIK,
                            badan_hukum=factories.ktp_upload("akta.pdf", factories.PDF),
                            kuasa=factories.ktp_upload("kuasa.pdf", factories.PDF))
    assert response.status_code == 302
    req = InformationRequest.objects.get()
    assert req.nik == "" and req.representative_name == "Rina Kusuma"
    assert req.representative_nik == factories.NIK
    assert sorted(req.identity_documents.values_list("kind", flat=True)) == [
        "badan_hukum", "ktp", "kuasa"]


def test_ktp_is_required_and_must_be_an_image_or_pdf(client):
    html = client.post(reverse("ppid:request"),
                       factories.form_data()).content.decode()
    assert "Unggah foto atau pindaian KTP" in html
    html = post_request(client, ktp=factories.ktp_upload("ktp.jpg", b"<svg></svg>")
                        ).content.decode()
    assert "harus berupa foto (JPG atau PNG) atau PDF" in html
    assert not InformationRequest.objects.exists()


def test_ktp_is_stored_outside_the_media_folder(client):
    post_request(client)
    document = IdentityDocument.objects.get()
    path = Path(document.file.path)
    assert path.is_file()
    assert Path(settings.PPID_PRIVATE_ROOT) in path.parents
    assert Path(settings.MEDIA_ROOT) not in path.parents
    assert "ktp" not in path.name  # the citizen's file name is not kept
    with pytest.raises(ValueError):
        document.file.url  # noqa: B018


def test_a_double_submit_creates_one_request(client):
    post_request(client, idempotency_key="abc123")
    post_request(client, idempotency_key="abc123")
    assert InformationRequest.objects.count() == 1


def test_honeypot_stops_bots(client):
    post_request(client, website="http://spam.example")
    assert not InformationRequest.objects.exists()


def test_tracking_without_the_secret_shows_status_and_dates_only(client):
    req = factories.request()
    html = client.get(reverse("ppid:track_detail", args=[req.code])
                      ).content.decode()
    assert req.code in html and "Diterima" in html
    assert "menara telekomunikasi" not in html and "Budi" not in html
    assert factories.NIK not in html


def test_tracking_with_the_secret_link_shows_the_request_and_how_the_deadline_counts(client):
    from balai.ppid.services import information_request_submit

    req, secret = information_request_submit(submission=factories.submission(),
                                             documents=factories.prepared_ktp())
    url = reverse("ppid:track_detail", args=[req.code])
    html = client.get(url, {"k": secret}).content.decode()
    assert "menara telekomunikasi" in html
    assert "10 hari kerja" in html
    assert factories.NIK not in html  # not even the requester's own page repeats it
    assert "menara telekomunikasi" not in client.get(url, {"k": "salah"}).content.decode()


def test_track_form_finds_a_request_by_number(client):
    req = factories.request()
    response = client.get(reverse("core:track"), {"code": req.code.lower()})
    assert response["Location"] == reverse("ppid:track_detail", args=[req.code])


def test_after_office_hours_the_clock_starts_the_next_working_day():
    # Friday 6 March 2026, 17:00 WIB (after 16:00): day 0 is Monday 9 March.
    req = factories.request(now=datetime(2026, 3, 6, 17, 0, tzinfo=WIB))
    assert str(req.clock_start) == "2026-03-09"
    assert req.deadline_facts["received_after_hours"] is True


def test_nik_and_ktp_only_for_ppid_staff(client, petugas_ppid, atasan_ppid, kepala_dinas):
    req = factories.request()
    document = req.identity_documents.get()
    doc_url = reverse("ppid:staff_identity_document", args=[req.pk, document.pk])
    detail_url = reverse("ppid:staff_detail", args=[req.pk])
    client.force_login(kepala_dinas)
    html = client.get(detail_url).content.decode()
    assert factories.NIK not in html and "35" + "•" * 12 + "01" in html
    assert client.get(doc_url).status_code == 404
    for user in (petugas_ppid, atasan_ppid):
        client.force_login(user)
        assert factories.NIK in client.get(detail_url).content.decode()
        response = client.get(doc_url)
        assert response.status_code == 200
        assert response["Cache-Control"] == "private, no-store"
        with Image.open(io.BytesIO(b"".join(response.streaming_content))) as served:
            assert served.format == "JPEG" and served.size == (64, 40)
    viewed = [e for e in audit_trail(req) if e.action == "ppid.identity_viewed"]
    assert [e.actor_id for e in viewed] == [petugas_ppid.pk, atasan_ppid.pk]


def test_citizens_and_complaint_staff_cannot_open_the_staff_pages(client, warga, operator_opd):
    req = factories.request()
    for user in (warga, operator_opd):
        client.force_login(user)
        assert client.get(reverse("ppid:staff_queue")).status_code == 403
        assert client.get(reverse("ppid:staff_detail", args=[req.pk])
                          ).status_code == 403


def test_too_many_requests_from_one_connection_are_refused(client, settings):
    settings.PPID_REQUESTS_PER_HOUR = 2
    for _ in range(3):
        response = post_request(client)
    assert InformationRequest.objects.count() == 2
    assert "Terlalu banyak permohonan" in response.content.decode()


def test_officer_registers_a_letter_received_earlier(client, petugas_ppid):
    client.force_login(petugas_ppid)
    data = factories.form_data(channel="post", received_at="2026-03-16T10:00")
    response = client.post(reverse("ppid:staff_intake"), data)
    req = InformationRequest.objects.get()
    assert response["Location"] == reverse("ppid:staff_detail", args=[req.pk])
    assert req.channel == "post" and req.intake_by == petugas_ppid
    assert str(req.clock_start) == "2026-03-16" and str(req.due_date) == "2026-04-07"
    assert not req.identity_documents.exists()  # the officer saw the KTP at the desk
    assert Outbox.objects.filter(recipient="budi@example.id").exists()


def test_a_request_at_an_opds_desk_goes_to_its_pembantu(client, ppid_pembantu, agency_pupr):
    client.force_login(ppid_pembantu)
    client.post(reverse("ppid:staff_intake"),
                factories.form_data(channel="walk_in"))
    req = InformationRequest.objects.get()
    assert req.delegated_to == agency_pupr
    assert client.get(reverse("ppid:staff_detail", args=[req.pk])
                      ).status_code == 200


def test_intake_is_for_ppid_officers(client, operator_opd, atasan_ppid):
    for user in (operator_opd, atasan_ppid):
        client.force_login(user)
        assert client.get(reverse("ppid:staff_intake")).status_code == 403


def test_error_summary_links_reach_radio_groups_too(client):
    html = post_request(client, obtain_method="").content.decode()
    assert 'href="#id_obtain_method"' in html and 'id="id_obtain_method"' in html


def test_a_group_needs_the_letter_of_authorisation(client):
    html = post_request(client, requester_kind="kelompok").content.decode()
    assert "Unggah surat kuasa dari kelompok" in html
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = post_request(client, requester_kind="kelompok",
                            kuasa=SimpleUploadedFile("kuasa.pdf", factories.PDF))
    assert response.status_code == 302
    kinds = set(InformationRequest.objects.get().identity_documents.values_list("kind",
                                                                              flat=True))
    assert kinds == {"ktp", "kuasa"}


def test_requester_withdraws_through_the_link_once(client):
    from balai.ppid.services import information_request_submit

    req, secret = information_request_submit(submission=factories.submission(),
                                             documents=factories.prepared_ktp())
    url = reverse("ppid:withdraw", args=[req.code])
    track = reverse("ppid:track_detail", args=[req.code])
    assert client.post(url, {"reason": "Sudah dapat"}).status_code == 404  # no link
    response = client.post(url, {"k": secret, "reason": "Sudah dapat"}, follow=True)
    assert response.redirect_chain == [(track, 302)]
    assert [str(m) for m in response.context["messages"]] == [
        "Permohonan Anda telah dibatalkan."]
    req.refresh_from_db()
    assert req.status == InformationRequest.Status.WITHDRAWN
    again = client.post(url, {"k": secret}, follow=True)
    assert again.redirect_chain == [(track, 302)]
    assert [str(m) for m in again.context["messages"]] == [
        "Permohonan ini berstatus dibatalkan, sehingga tidak dapat dibatalkan."]


def test_the_identity_rules_are_the_service_s_and_name_every_field_at_once():
    from django.core.exceptions import ValidationError

    from balai.ppid.services import information_request_check

    with pytest.raises(ValidationError) as web_group:
        information_request_check(submission=factories.submission(
            requester_kind="kelompok", nik="357301170890001", email="", phone=""),
            documents={})
    assert web_group.value.message_dict == {
        "nik": ["NIK terdiri dari 16 angka; Anda mengisi 15. Salin dari KTP Anda."],
        "email": ["Isi alamat e-mail atau nomor telepon agar kami dapat mengirimkan jawaban."],
        "ktp": ["Unggah foto atau pindaian KTP Anda."],
        "kuasa": ["Unggah surat kuasa dari kelompok."]}
    with pytest.raises(ValidationError) as entity:
        information_request_check(submission=factories.submission(
            requester_kind="badan_hukum", nik="", channel="walk_in"), documents={})
    assert list(entity.value.message_dict) == ["legal_document_number",
                                               "representative_name", "representative_nik"]
    # At the desk the officer sees the KTP: no scan is required.
    information_request_check(submission=factories.submission(channel="walk_in"), documents={})


def test_a_wrong_nik_is_in_the_first_error_summary_with_the_form_s_own_errors(client):
    html = post_request(client, nik="9973011708900001", purpose="").content.decode()
    assert "kode provinsi; 99 bukan" in html and 'href="#id_nik"' in html
    assert 'href="#id_purpose"' in html
    assert not InformationRequest.objects.exists()


def test_a_wrongly_typed_phone_is_not_also_a_missing_contact(client):
    html = post_request(client, email="", phone="bukan nomor").content.decode()
    assert 'href="#id_phone"' in html and 'href="#id_email"' not in html


def test_a_pembantu_s_desk_intake_is_delegated_by_the_service(ppid_pembantu, agency_pupr):
    from balai.ppid.services import information_request_intake

    req = information_request_intake(submission=factories.submission(channel="walk_in"),
                                     actor=ppid_pembantu)
    req.refresh_from_db()
    assert req.delegated_to == agency_pupr and req.status == InformationRequest.Status.IN_PROGRESS
    assert audit_trail(req).filter(action="ppid.delegated").exists()


def test_a_legal_entity_s_letter_entered_at_the_desk_records_its_representative(
        client, petugas_ppid):
    """Issue 13, defect 7: a letter from a badan hukum, registered by the officer on Monday
    2 March 2026, records the representative as the letter gives them; the officer has
    the papers, so no scan is asked for."""
    client.force_login(petugas_ppid)
    data = factories.form_data(channel="post", received_at="2026-03-02T10:00",
                               **LEGAL_ENTITY, representative_name="Rina Kusuma",
                               representative_nik=factories.NIK)
    response = client.post(reverse("ppid:staff_intake"), data)
    req = InformationRequest.objects.get()
    assert response["Location"] == reverse("ppid:staff_detail", args=[req.pk])
    assert req.representative_name == "Rina Kusuma" and not req.identity_documents.exists()
    assert str(req.due_date) == "2026-03-16"
    html = client.get(response["Location"]).content.decode()
    assert "Rina Kusuma" in html and factories.NIK in html


def test_a_telephone_request_records_the_identity_as_the_caller_gave_it(
        client, petugas_ppid):
    """Issue 13, defect 7: a request by telephone, registered on Monday 2 March 2026, with
    no NIK to check: the officer writes down the identity as given, and must."""
    client.force_login(petugas_ppid)
    data = factories.form_data(channel="phone", received_at="2026-03-02T10:00", nik="")
    html = client.post(reverse("ppid:staff_intake"), data).content.decode()
    assert "identitas seperti yang disampaikan" in html
    assert not InformationRequest.objects.exists()
    data["identity_as_given"] = "SIM 1234-5678-901234, dibacakan lewat telepon."
    response = client.post(reverse("ppid:staff_intake"), data)
    req = InformationRequest.objects.get()
    assert req.nik == "" and req.identity_as_given.startswith("SIM 1234")
    assert str(req.due_date) == "2026-03-16"
    assert "dibacakan lewat telepon" in client.get(response["Location"]).content.decode()
