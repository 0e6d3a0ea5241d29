"""Every audit action of persuratan, named once (STYLE.md rule 9). Registered by
CorrespondenceConfig.ready(). `public` entries show on the citizen's tracking page of a
letter they sent through the web form."""

from django.utils.translation import gettext_lazy as _

from balai.core.actions import Action, ActionCatalogue

ACTIONS = ActionCatalogue("correspondence", [
    Action("correspondence.position_set", _("Position in the office set")),
    Action("correspondence.registered", _("Letter registered in the agenda book"),
           public=True, notifies=("sender",)),
    Action("correspondence.disposed", _("Disposed"), public=True),
    Action("correspondence.disposition_read", _("Disposition read")),
    Action("correspondence.disposition_answered", _("Disposition answered")),
    Action("correspondence.disposition_closed", _("Disposition closed")),
    Action("correspondence.disposition_overdue", _("Disposition overdue: reminder sent"),
           notifies=("recipient",)),
    Action("correspondence.closed", _("Letter closed"), public=True),
    Action("correspondence.scan_viewed", _("Scan viewed")),
    Action("correspondence.attachment_added", _("Attachment added")),
    Action("correspondence.attachment_removed", _("Attachment removed")),
    Action("correspondence.attachment_viewed", _("Attachment viewed")),
    Action("correspondence.draft_created", _("Draft written")),
    Action("correspondence.draft_revised", _("Draft revised (new version)")),
    Action("correspondence.draft_submitted", _("Sent for review")),
    Action("correspondence.draft_approved", _("Approved (paraf)")),
    Action("correspondence.draft_returned", _("Returned with notes")),
    Action("correspondence.draft_signed", _("Signed and numbered")),
    Action("correspondence.letter_sent", _("Signed letter sent"), notifies=("recipients",)),
    Action("correspondence.draft_sign_failed", _("Signing failed; the letter stays unsigned")),
])
