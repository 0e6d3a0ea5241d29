"""The receipt of a citizen's letter reaches them by e-mail over real SMTP (aiosmtpd)."""

from email import message_from_bytes
from email.policy import default

from django.urls import reverse

from balai.correspondence.models import IncomingLetter
from balai.notifications.models import Outbox
from balai.notifications.services import outbox_deliver
from balai.notifications.tests.conftest import smtp_server  # noqa: F401 - the fixture


def test_the_citizen_gets_the_receipt_with_code_and_private_link_by_email(
        client, office, smtp_server, settings):  # noqa: F811
    settings.SITE_URL = "https://layanan.example.go.id"
    response = client.post(reverse("correspondence:public_form"), {
        "sender_name": "Budi Warga", "sender_email": "budi@example.id",
        "sender_phone": "081234567890",
        "subject": "Usulan taman baca", "summary": "Kami mengusulkan taman baca di RW 3."})
    assert response.status_code == 302
    letter = IncomingLetter.objects.get()
    rows = {row.channel: row for row in Outbox.objects.filter(template="surat_tanda_terima")}
    assert set(rows) == {"email", "whatsapp"}
    outbox_deliver(outbox_id=rows["email"].pk)
    [envelope] = smtp_server.messages
    assert envelope.rcpt_tos == ["budi@example.id"]
    mail = message_from_bytes(envelope.content, policy=default)
    body = mail.get_body(preferencelist=("plain",)).get_content()
    assert letter.code in mail["Subject"]
    assert letter.agenda_label in body and "Usulan taman baca" in body
    link = next(line for line in body.splitlines() if "?k=" in line).strip()
    assert link.startswith(f"https://layanan.example.go.id/surat/lacak/{letter.code}/?k=")
    # The link in the mail is the private one: it opens the letter's progress.
    page = client.__class__().get(link.removeprefix("https://layanan.example.go.id"))
    assert "Usulan taman baca" in page.content.decode()


def test_a_letter_registered_by_the_front_office_sends_no_receipt(client, office):
    from balai.correspondence.tests.factories import letter

    letter(office)
    assert not Outbox.objects.filter(template="surat_tanda_terima").exists()
