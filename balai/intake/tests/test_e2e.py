"""In Chromium: the front office completes an e-mail into a complaint (1280×800), and the
desk reads a WhatsApp conversation on a phone (390×844)."""

import pytest

from balai.complaints.models import Complaint
from balai.complaints.tests.factories import ALUN_ALUN, jpeg_with_gps
from balai.intake.cloudapi import InboundMessage
from balai.intake.models import Conversation, MailDraft
from balai.intake.services import mail_receive, whatsapp_process, whatsapp_receive
from balai.intake.tests.test_mail import complaint_mail

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
PHONE = "6281234567002"



def _chat(*steps):
    for n, (kind, fields) in enumerate(steps):
        message = InboundMessage(wa_id=f"wamid.e2e.{n}", phone=PHONE, profile_name="Dewi",
                                 kind=kind, timestamp=0, **fields)
        for pk in whatsapp_receive(messages=[message], queue=False):
            whatsapp_process(message_pk=pk, fetch=lambda _id: jpeg_with_gps().getvalue())


def test_the_front_office_completes_an_email_in_the_browser(e2e_page, e2e_log_in, screenshot,
                                                            cats, verifikator):
    mail_receive(raw=complaint_mail())
    draft = MailDraft.objects.get()
    page = e2e_page(1280, 800)
    e2e_log_in(page, verifikator)
    page.get_by_role("link", name="Aduan yang masuk lewat e-mail").first.click()
    page.get_by_role("link", name="Lampu jalan mati di Jl. Merdeka").click()
    page.locator("#map .leaflet-marker-icon").wait_for()  # the pin from the photo's GPS
    assert page.get_by_label("Lintang").input_value().startswith("-7.98")
    page.get_by_label("Kategori").select_option(label="Jalan rusak")
    screenshot(page, "intake-mail-detail-1280")
    page.get_by_role("button", name="Catat aduan").click()
    page.wait_for_url("**/pengaduan/staf/**")
    complaint = Complaint.objects.get()
    assert complaint.channel == "email" and complaint.photos.count() == 2
    assert complaint.code in page.content()
    draft.refresh_from_db()
    assert draft.state == MailDraft.State.COMPLETED
    page.assert_clean()


def test_a_whatsapp_transcript_on_a_phone(e2e_page, e2e_log_in, screenshot, cats,
                                          verifikator):
    _chat(("text", {"text": "Halo"}), ("text", {"text": "2"}),
          ("location", {"lat": ALUN_ALUN[0], "lng": ALUN_ALUN[1], "place": "Alun-alun"}),
          ("image", {"media_id": "foto"}),
          ("text", {"text": "Lubang besar di depan Alun-alun, motor sering jatuh."}),
          ("text", {"text": "Dewi Lestari"}))
    conversation = Conversation.objects.get()
    assert conversation.complaint is not None
    page = e2e_page(390, 844)
    e2e_log_in(page, verifikator)
    page.goto(f"/pengaduan/masuk/whatsapp/{conversation.pk}/")
    transcript = page.locator("#transcript")
    transcript.wait_for()
    assert conversation.complaint.code in transcript.inner_text()
    assert "Lokasi diterima." in transcript.inner_text()
    page.assert_clean()
    screenshot(page, "intake-whatsapp-transcript-390")
