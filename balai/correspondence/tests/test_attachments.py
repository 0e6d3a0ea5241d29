"""Attachments (lampiran): stored privately, checked by content, listed on the letter's page,
served to exactly who may see the letter, counted in the "Lampiran" line of an outgoing
letter and listed with their SHA-256 in the signed PDF and the e-mail to its recipients."""

import hashlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from balai.core.audit import audit_trail
from balai.core.tests.programs import pdf_text
from balai.correspondence import attachments, outgoing, services
from balai.correspondence.models import Attachment, Instruction, OutgoingKind, Security
from balai.correspondence.tests.factories import letter
from balai.documents.storage import pdf_read
from balai.notifications.models import Outbox

PDF = b"%PDF-1.4\n% lampiran\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 32


def _file(name="daftar-hadir.pdf", data=PDF):
    return SimpleUploadedFile(name, data)


@pytest.fixture
def rahasia(office):
    made = letter(office, subject="Rencana pengamanan", security=Security.RAHASIA)
    services.letter_dispose(letter=made, recipients=[office.kabid_aptika],
                            instructions=[Instruction.STUDY], notes="", workdays=3,
                            actor=office.head)
    return made


def test_an_incoming_attachment_is_served_to_exactly_who_may_see_the_letter(
        client, office, rahasia, settings, tmp_path, warga, admin):
    client.force_login(office.head)
    page = reverse("correspondence:detail", args=[rahasia.pk])
    upload = reverse("correspondence:attachment_upload", args=[rahasia.pk])
    assert client.post(upload, {"file": _file("../../etc/peta.pdf")}).status_code == 302
    row = Attachment.objects.get()
    assert row.incoming == rahasia and row.name == "peta.pdf"
    assert row.sha256 == hashlib.sha256(PDF).hexdigest()
    # Private: under the correspondence folder, never under MEDIA_ROOT.
    stored = tmp_path / "private" / row.path
    assert stored.read_bytes() == PDF and not list((tmp_path / "media").rglob("*.pdf"))
    assert "peta.pdf" in client.get(page).content.decode()
    url = reverse("correspondence:attachment", args=[rahasia.pk, row.pk])
    for user in (office.head, office.kabid_aptika):
        client.force_login(user)
        response = client.get(url)
        assert response.status_code == 200 and b"".join(response.streaming_content) == PDF
    for user in (office.kabid_ikp, office.staff_aptika1, office.front, warga, admin):
        client.force_login(user)
        assert client.get(url).status_code in (403, 404), user.email
    viewed = [e for e in audit_trail(rahasia) if e.action == "correspondence.attachment_viewed"]
    assert len(viewed) == 2


def test_a_bad_attachment_comes_back_with_a_message_and_nothing_is_kept(client, office):
    made = letter(office)
    client.force_login(office.front)
    response = client.post(reverse("correspondence:attachment_upload", args=[made.pk]),
                           {"file": _file("virus.pdf", b"MZ\x90\x00 not a pdf")})
    assert response.status_code == 400
    assert "Lampiran harus berupa berkas PDF, JPG, atau PNG." in response.content.decode()
    assert not Attachment.objects.exists()
    # Who does not handle the letter cannot attach (the form is not even offered).
    client.force_login(office.staff_ikp1)
    page = client.get(reverse("correspondence:detail", args=[made.pk])).content.decode()
    assert "Belum ada lampiran." in page
    assert reverse("correspondence:attachment_upload", args=[made.pk]) not in page
    assert client.post(reverse("correspondence:attachment_upload", args=[made.pk]),
                       {"file": _file()}).status_code == 400
    assert not Attachment.objects.exists()
    with pytest.raises(ValidationError):
        attachments.attachment_add(letter=made, upload=_file(), actor=office.staff_ikp1)


def test_a_letter_takes_at_most_ten_attachments(office):
    made = letter(office)
    for i in range(attachments.MAX_PER_LETTER):
        attachments.attachment_add(letter=made, upload=_file(f"{i}.png", PNG + bytes([i])),
                                   actor=office.front)
    with pytest.raises(ValidationError):
        attachments.attachment_add(letter=made, upload=_file(), actor=office.front)


def test_a_signed_letter_counts_and_lists_its_attachments(
        client, office, classification, signing, tmp_path):
    draft = outgoing.outgoing_create(
        kind=OutgoingKind.NOTA_DINAS, subject="Jadwal pemeliharaan jaringan",
        addressees="Dinas Pendidikan", body="Dengan hormat, jadwal terlampir.",
        classification=classification, signer=office.head, reviewers=[],
        actor=office.staff_ikp1)
    client.force_login(office.staff_ikp1)
    upload = reverse("correspondence:draft_attachment_upload", args=[draft.pk])
    assert client.post(upload, {"file": _file("jadwal.pdf")}).status_code == 302
    assert client.post(upload, {"file": _file("denah.png", PNG)}).status_code == 302
    extra = attachments.attachment_add(letter=draft, upload=_file("salah.pdf", PDF + b"x"),
                                       actor=office.staff_ikp1)
    remove = reverse("correspondence:draft_attachment_remove", args=[draft.pk, extra.pk])
    assert client.post(remove).status_code == 302
    assert draft.attachments.count() == 2
    # The reviewers and signer read them; someone outside the draft does not.
    url = reverse("correspondence:draft_attachment", args=[draft.pk,
                                                           draft.attachments.first().pk])
    client.force_login(office.head)
    assert client.get(url).status_code == 200
    client.force_login(office.kabid_aptika)
    assert client.get(url).status_code == 404
    outgoing.outgoing_submit(letter=draft, actor=office.staff_ikp1)
    draft.refresh_from_db()
    with pytest.raises(ValidationError):  # in review: what the reviewers read stays
        attachments.attachment_add(letter=draft, upload=_file("telat.pdf", PDF + b"y"),
                                   actor=office.staff_ikp1)
    outgoing.outgoing_sign(letter=draft, passphrase="", actor=office.head)
    draft.refresh_from_db()
    pdf = tmp_path / "signed.pdf"
    pdf.write_bytes(pdf_read(draft.document.pdf_path))
    text = " ".join(pdf_text(pdf).split())
    assert "2 (dua) berkas" in text
    assert "jadwal.pdf" in text and "denah.png" in text
    assert hashlib.sha256(PNG).hexdigest()[:16] in text.replace(" ", "")
    # The outside addressee's e-mail links each attachment privately.
    outgoing.outgoing_distribute(letter=draft, actor=office.staff_ikp1, recipients=[
        outgoing.Recipient(role="to", channel="email", name="Dinas Pendidikan",
                           email="disdik@example.id")])
    mail = Outbox.objects.get(template="surat_keluar_kirim")
    links = [w for w in mail.body_text.split() if "/lampiran/" in w]
    assert len(links) == 2
    path = links[0][links[0].index("/surat/"):]
    outsider = client.__class__()
    assert outsider.get(path.split("?")[0]).status_code == 404
    opened = outsider.get(path)
    assert opened.status_code == 200 and b"".join(opened.streaming_content) in (PDF, PNG)
