"""The front office's intake panels on the staff workdesk (balai.dashboard reads them),
with their texts in this app's own catalogue."""

from django.utils.translation import gettext_lazy as _

from balai.core.pagination import capped_count
from balai.intake.models import MailDraft

PANELS = {
    "mail_drafts": {
        "title": _("Complaints received by e-mail"),
        "text": _("E-mails to the complaints address: complete each into a complaint "
                  "(category and place) or discard it."),
        "empty": _("No e-mail is waiting."),
        "url_name": "intake:mail_queue",
    },
    "whatsapp": {
        "title": _("WhatsApp conversations"),
        "text": _("Reports made by WhatsApp, with the whole conversation."),
        "empty": "",
        "url_name": "intake:conversations",
    },
}


def mail_count(user) -> int:
    return capped_count(MailDraft.objects.filter(state=MailDraft.State.DRAFT))


COUNTS = {"mail_drafts": mail_count}
