"""The demo's WhatsApp conversations and e-mails waiting for the front office."""

from balai.complaints.models import Complaint, ComplaintMessage, ComplaintPhoto
from balai.intake import conversation as conv
from balai.intake.models import ChatMessage, Conversation, MailDraft
from balai.notifications.models import Outbox


def test_demo_whatsapp_conversations_tell_their_story(demo_city):
    steps = dict(Conversation.objects.values_list("phone", "step"))
    assert steps == {"6281230000101": conv.FILED, "6281230000102": conv.FILED,
                     "6281230000103": conv.EXPIRED}
    siti = Conversation.objects.get(phone="6281230000101")
    complaint = siti.complaint
    assert complaint.channel == Complaint.Channel.WHATSAPP
    assert complaint.category.code == "jalan-rusak" and complaint.reporter_name == "Siti Rahayu"
    assert complaint.photos.get().state == ComplaintPhoto.State.READY
    # The later message became a reply on the case.
    assert ComplaintMessage.objects.get(complaint=complaint).text.startswith("Tambahan")
    transcript = list(siti.messages.values_list("direction", "sent_at"))
    assert len(transcript) > 12 and [t for _d, t in transcript] == sorted(
        t for _d, t in transcript)
    assert Conversation.objects.get(phone="6281230000102").complaint.is_anonymous
    expired = Conversation.objects.get(phone="6281230000103")
    assert "LAPOR" in expired.messages.filter(direction="out").last().text
    # Demo answers are never sent.
    assert not Outbox.objects.filter(recipient__startswith="62812300001").exists()
    assert ChatMessage.objects.filter(direction="in", processed_at__isnull=True).count() == 0


def test_demo_has_two_emails_for_the_front_office(demo_city):
    drafts = list(MailDraft.objects.filter(state=MailDraft.State.DRAFT).order_by("received_at"))
    assert len(drafts) == 2
    assert [d.photos.count() for d in drafts] == [2, 0]
