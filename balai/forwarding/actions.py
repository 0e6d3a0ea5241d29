"""Audit actions of forwarding over Open311 (STYLE.md rule 9). The case's own timeline
entries (their number, updates, closing) are complaints' actions; these record the
endpoint's setup and the machine's attempts, on the staff side only."""

from django.utils.translation import gettext_lazy as _

from balai.core.actions import Action, ActionCatalogue

ACTIONS = ActionCatalogue("forwarding", [
    Action("forwarding.endpoint_saved", _("Open311 endpoint saved")),
    Action("forwarding.endpoint_tested", _("Open311 endpoint tested")),
    Action("forwarding.queued", _("Forward queued for sending over Open311")),
    Action("forwarding.sent", _("Sent to the outside body over Open311")),
    Action("forwarding.send_failed", _("Sending to the outside body failed")),
    Action("forwarding.retried", _("Sending retried by hand")),
    Action("forwarding.withheld", _("Not sent over Open311: the complaint is confidential")),
    Action("forwarding.feedback_queued", _("Reporter's verdict queued for the outside body")),
    Action("forwarding.feedback_sent", _("Reporter's verdict sent to the outside body")),
    Action("forwarding.feedback_failed", _("Sending the reporter's verdict failed")),
])
