"""The audit actions of WhatsApp and e-mail intake (STYLE.md rule 9)."""

from django.utils.translation import gettext_lazy as _

from balai.core.actions import Action, ActionCatalogue

ACTIONS = ActionCatalogue("intake", [
    Action("intake.conversation_started", _("WhatsApp conversation started")),
    Action("intake.conversation_filed", _("WhatsApp conversation filed as a complaint")),
    Action("intake.conversation_cancelled", _("WhatsApp conversation cancelled by the citizen")),
    Action("intake.conversation_expired", _("WhatsApp conversation closed without an answer")),
    Action("intake.mail_received", _("Complaint e-mail received as a draft")),
    Action("intake.mail_completed", _("E-mail draft filed as a complaint")),
    Action("intake.mail_discarded", _("E-mail draft discarded")),
])
