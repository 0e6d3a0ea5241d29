"""The front office's register, the citizen's letter and the pages' permissions."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from balai.correspondence.models import IncomingLetter, Position
from balai.correspondence.tests.factories import letter


def test_front_office_registers_a_scanned_letter(client, office, classification):
    client.force_login(office.front)
    response = client.post(reverse("correspondence:register"), {
        "addressee": Position.objects.get(user=office.head).pk, "sender_name": "Kecamatan Klojen",
        "letter_number": "005/77/35.73.01/2026", "letter_date": "01/12/2026",
        "subject": "Permohonan narasumber", "urgency": "segera", "security": "biasa",
        "classification": classification.pk,
        "scan": SimpleUploadedFile("surat.pdf", b"%PDF-1.4 scan", "application/pdf")})
    made = IncomingLetter.objects.get()
    assert response.status_code == 302
    assert made.scan_type == "application/pdf" and made.agenda_number == 1
    scan = client.get(reverse("correspondence:scan", args=[made.pk]))
    assert b"".join(scan.streaming_content) == b"%PDF-1.4 scan"


def test_a_bad_scan_keeps_what_was_typed_and_says_why_in_indonesian(client, office):
    client.force_login(office.front)
    response = client.post(reverse("correspondence:register"), {
        "addressee": Position.objects.get(user=office.head).pk, "sender_name": "Kecamatan",
        "subject": "Permohonan narasumber", "urgency": "biasa", "security": "biasa",
        "scan": SimpleUploadedFile("surat.docx", b"PK\x03\x04zip")})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Permohonan narasumber" in page
    assert "Pindaian harus berupa berkas PDF, JPG, atau PNG." in page
    assert not IncomingLetter.objects.exists()


@pytest.mark.parametrize("persona", ["warga", "operator_opd", "petugas_ppid"])
def test_people_outside_the_office_cannot_open_correspondence(client, request, persona):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(reverse("correspondence:index")).status_code == 403
    assert client.get(reverse("correspondence:register")).status_code == 403


def test_only_the_front_office_registers(client, office):
    client.force_login(office.kabid_ikp)
    assert client.get(reverse("correspondence:register")).status_code == 403


def test_head_disposes_on_the_letter_page_and_the_tree_shows_it(client, office):
    made = letter(office)
    client.force_login(office.head)
    response = client.post(reverse("correspondence:letter_action", args=[made.pk, "dispose"]), {
        "dispose-recipients": [office.kabid_ikp.pk], "dispose-instructions": ["follow_up"],
        "dispose-notes": "Mohon dihadiri", "dispose-workdays": "3"})
    assert response.status_code == 302
    page = client.get(reverse("correspondence:detail", args=[made.pk])).content.decode()
    assert "Mohon dihadiri" in page and "Kabid IKP" in page


def test_a_disposition_without_a_recipient_comes_back_with_the_notes(client, office):
    made = letter(office)
    client.force_login(office.head)
    response = client.post(reverse("correspondence:letter_action", args=[made.pk, "dispose"]), {
        "dispose-notes": "Catatan yang diketik", "dispose-workdays": "3"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Catatan yang diketik" in page and "Pilih sekurang-kurangnya satu pejabat." in page


def test_opening_the_letter_marks_the_disposition_read(client, office):
    from balai.correspondence import services

    made = letter(office)
    services.letter_dispose(letter=made, recipients=[office.kabid_ikp],
                            instructions=["follow_up"], notes="", workdays=3, actor=office.head)
    client.force_login(office.kabid_ikp)
    index = client.get(reverse("correspondence:index"), {"antrean": "unread"})
    assert made.subject in index.content.decode()
    client.get(reverse("correspondence:detail", args=[made.pk]))
    assert made.dispositions.get().read_at is not None
    index = client.get(reverse("correspondence:index"), {"antrean": "unread"})
    assert made.subject not in index.content.decode()


def test_the_letter_list_costs_the_same_queries_for_many_letters(
        client, office, django_assert_max_num_queries):
    for i in range(30):
        letter(office, subject=f"Surat {i}")
    client.force_login(office.head)
    with django_assert_max_num_queries(20):
        response = client.get(reverse("correspondence:index"))
    assert response.status_code == 200


def test_a_citizen_sends_a_letter_and_follows_it_with_the_private_link(client, office):
    response = client.post(reverse("correspondence:public_form"), {
        "sender_name": "Budi Warga", "sender_email": "budi@example.id",
        "subject": "Usulan taman baca", "summary": "Kami mengusulkan taman baca di RW 3."})
    made = IncomingLetter.objects.get()
    assert response.status_code == 302
    assert made.channel == IncomingLetter.Channel.WEB and made.addressee.user == office.head
    receipt = client.get(response["Location"]).content.decode()
    assert made.code in receipt and "?k=" in receipt
    link = receipt.split('id="private-link" href="')[1].split('"')[0]
    stranger = client.__class__()
    assert "Usulan taman baca" not in stranger.get(
        reverse("correspondence:track_detail", args=[made.code])).content.decode()
    assert "Usulan taman baca" in stranger.get(link).content.decode()


def test_a_citizen_letter_without_a_way_to_answer_is_refused(client, office):
    response = client.post(reverse("correspondence:public_form"), {
        "sender_name": "Budi", "subject": "Usulan", "summary": "Isi surat."})
    assert response.status_code == 400
    assert "Isi surat." in response.content.decode()
    assert not IncomingLetter.objects.exists()


def test_the_workdesk_counts_each_officials_letters(client, office, warga, operator_other_opd):
    from balai.correspondence import services

    made = letter(office)
    letter(office, subject="Surat kedua")
    services.letter_dispose(letter=made, recipients=[office.kabid_ikp],
                            instructions=["follow_up"], notes="", workdays=3, actor=office.head)
    client.force_login(office.head)
    page = client.get(reverse("dashboard:workdesk")).content.decode()
    assert 'id="panel-correspondence"' in page and "menunggu disposisi saya 1" in page
    client.force_login(office.kabid_ikp)
    page = client.get(reverse("dashboard:workdesk")).content.decode()
    assert "disposisi belum ditindaklanjuti 1" in page
    client.force_login(operator_other_opd)
    assert 'id="panel-correspondence"' not in client.get(
        reverse("dashboard:workdesk")).content.decode()


def test_the_archive_files_closed_letters_by_code_with_their_retention(
        client, office, classification):
    from balai.correspondence import services
    from balai.correspondence.models import RetentionRule

    RetentionRule.objects.create(classification=classification, active_years=2,
                                 inactive_years=3, disposal="musnah")
    made = letter(office, classification=classification)
    services.letter_close(letter=made, note="Arsip", actor=office.head)
    letter(office, classification=classification, subject="Masih berjalan")
    client.force_login(office.staff_ikp1)
    page = client.get(reverse("correspondence:archive")).content.decode()
    row = page.split('id="archive"')[1]
    assert classification.code in row and "<td>1</td>" in row and "Musnah" in row
