"""Sending a signed letter: into officials' queues, by e-mail with a private link, by post;
every recipient recorded; the 'signed, not sent' and copies queues read from the record."""

import pytest
from django.urls import reverse

from balai.correspondence import outgoing, selectors
from balai.correspondence.models import Distribution, OutgoingKind, OutgoingLetter, Position
from balai.correspondence.tests.factories import signed_letter
from balai.notifications.models import Outbox


@pytest.fixture
def signed(office, classification, signing):
    return signed_letter(office, classification)


def test_a_signed_letter_is_sent_to_officials_by_email_and_by_post_and_recorded(
        client, office, signed):
    assert list(selectors.not_sent_for(user=office.staff_ikp1)) == [signed]
    assert list(selectors.not_sent_for(user=office.head)) == [signed]
    client.force_login(office.staff_ikp1)
    page = client.get(reverse("correspondence:draft_detail", args=[signed.pk])).content.decode()
    aptika = Position.objects.get(user=office.kabid_aptika)
    ikp = Position.objects.get(user=office.kabid_ikp)
    # The positions named by title on the letter are offered ticked; the sender confirms.
    assert f'value="{aptika.pk}" id="id_distribute-internal_to_' in page
    assert 'checked' in page.split(f'value="{aptika.pk}"')[0].rsplit("<input", 1)[1] or \
        "checked" in page.split(f'value="{aptika.pk}"')[1].split(">")[0]
    url = reverse("correspondence:draft_action", args=[signed.pk, "distribute"])
    bad = client.post(url, {"distribute-by_email": "Dinas Pendidikan; bukan-alamat"})
    assert bad.status_code == 400 and "nama; alamat e-mail" in bad.content.decode()
    assert not Distribution.objects.exists()
    response = client.post(url, {
        "distribute-internal_to": [aptika.pk], "distribute-internal_copies": [ikp.pk],
        "distribute-by_email": "Dinas Pendidikan; disdik@example.id",
        "distribute-by_post": "PT Telkom Witel Malang, Jl. A. Yani 11"})
    assert response.status_code == 302
    signed.refresh_from_db()
    assert signed.status == OutgoingLetter.Status.SENT
    rows = {(d.name, d.role, d.channel) for d in signed.distributions.all()}
    assert rows == {
        ("Kepala Bidang Aptika", "to", "internal"), ("Kepala Bidang IKP", "copy", "internal"),
        ("Dinas Pendidikan", "to", "email"), ("PT Telkom Witel Malang, Jl. A. Yani 11", "to",
                                               "post")}
    assert list(selectors.not_sent_for(user=office.staff_ikp1)) == []
    assert [d.letter for d in selectors.copies_for(user=office.kabid_ikp)] == [signed]
    assert [d.letter for d in selectors.received_for(user=office.kabid_aptika)] == [signed]
    assert list(selectors.copies_for(user=office.kabid_aptika)) == []
    assert selectors.queues_for(user=office.kabid_ikp, today=signed.created_at.date())[
        "copies"] == 1
    # The outside addressee's e-mail carries a private link to the signed PDF.
    mail = Outbox.objects.get(template="surat_keluar_kirim")
    assert mail.recipient == "disdik@example.id" and signed.document.number.full_number \
        in mail.body_text
    link = next(w for w in mail.body_text.split() if "?k=" in w)
    path = link[link.index("/surat/"):]
    outsider = client.__class__()
    assert outsider.get(path.split("?")[0]).status_code == 404
    assert outsider.get(path.split("?")[0] + "?k=salah").status_code == 404
    opened = outsider.get(path)
    assert opened.status_code == 200 and opened["Content-Type"] == "application/pdf"
    assert Distribution.objects.get(channel="email").read_at is not None
    # An official opens their copy from the queue; someone else cannot.
    copy = Distribution.objects.get(role="copy")
    client.force_login(office.staff_aptika2)
    assert client.get(reverse("correspondence:received_pdf", args=[copy.pk])).status_code \
        == 404
    client.force_login(office.kabid_ikp)
    drafts = client.get(reverse("correspondence:drafts")).content.decode()
    assert reverse("correspondence:received_pdf", args=[copy.pk]) in drafts
    assert client.get(reverse("correspondence:received_pdf", args=[copy.pk])).status_code \
        == 200
    # Sending again to the same official makes no second row.
    client.force_login(office.staff_ikp1)
    again = client.post(url, {"distribute-internal_copies": [ikp.pk]})
    assert again.status_code == 400
    assert Distribution.objects.filter(role="copy").count() == 1


def test_only_the_author_or_signer_sends_and_only_a_signed_letter(client, office, signed,
                                                                  classification):
    url = reverse("correspondence:draft_action", args=[signed.pk, "distribute"])
    client.force_login(office.kabid_ikp)  # a reviewer
    assert client.post(url, {"distribute-by_post": "Bappeda"}).status_code == 403
    client.force_login(office.head)
    assert client.post(url, {}).status_code == 400
    unsigned = outgoing.outgoing_create(
        kind=OutgoingKind.NOTA_DINAS, subject="Belum ditandatangani", addressees="Bappeda",
        body="Isi.", classification=classification, signer=office.head, reviewers=[],
        actor=office.staff_ikp1)
    with pytest.raises(Exception, match="tidak dapat"):
        outgoing.outgoing_distribute(letter=unsigned, actor=office.staff_ikp1, recipients=[
            outgoing.Recipient(role="to", channel="post", name="Bappeda")])
