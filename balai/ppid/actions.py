"""Every audit action of the PPID, named once (STYLE.md rule 9).

`log_action` takes the public flag from here (the requester's tracking page shows the
public ones); the staff and public timelines and the API read the labels from here.
`notifies` says who `ppid.notify` tells about it: "requester", "ppid_utama" (the main
PPID's officers), "ppid_pembantu" (the officers of the agency the request is delegated
to), "in_charge" (whoever holds the request: the pembantu if delegated, else the utama),
"atasan" (the atasan PPID). Registered by PpidConfig.ready().
"""

from django.utils.translation import gettext_lazy as _

from balai.core.actions import Action, ActionCatalogue

ACTIONS = ActionCatalogue("ppid", [
    Action("ppid.dip_created", _("Entry added")),
    Action("ppid.dip_updated", _("Entry changed")),
    Action("ppid.submitted", _("Request registered"), public=True,
           notifies=("requester", "ppid_utama")),
    Action("ppid.taken", _("Taken into work by the PPID"), public=True),
    Action("ppid.delegated", _("Delegated to a PPID pembantu"), public=True,
           notifies=("ppid_pembantu",)),
    Action("ppid.extended", _("Deadline extended by 7 working days"), public=True,
           notifies=("requester",)),
    Action("ppid.due_date_moved",
           _("Deadline counted again: the holiday calendar changed"), public=True,
           notifies=("requester",)),
    Action("ppid.objection_due_date_moved",
           _("The atasan's deadline counted again: the holiday calendar changed"),
           public=True),
    Action("ppid.reminder", _("Reminder: deadline near"), notifies=("in_charge",)),
    Action("ppid.overdue", _("Overdue"), notifies=("in_charge", "ppid_utama")),
    Action("ppid.decided", _("Answered with a written notice"), public=True,
           notifies=("requester",)),
    Action("ppid.file_delivered", _("File delivered")),
    Action("ppid.identity_viewed", _("Identity document viewed")),
    # Logged on the request (public) and on the objection or dispute itself; the latter
    # are read only by staff, so one flag serves both.
    Action("ppid.objection_filed", _("Objection filed"), public=True,
           notifies=("requester", "atasan", "in_charge")),
    Action("ppid.objection_decided", _("Objection decided by the atasan PPID"), public=True,
           notifies=("requester", "in_charge")),
    Action("ppid.objection_reminder", _("Reminder: decision on the objection due soon"),
           notifies=("atasan",)),
    Action("ppid.objection_overdue", _("Decision on the objection overdue"),
           notifies=("atasan",)),
    Action("ppid.objection_answer_received",
           _("The requester received the atasan's answer: the 14 working days for a dispute "
             "count from that day"), public=True),
    Action("ppid.objection_carried_out",
           _("The PPID carried out the upheld objection with a new written notice")),
    Action("ppid.objection_responded", _("Requester responded to the decision")),
    Action("ppid.dispute_filed", _("Dispute filed at the Information Commission"),
           public=True),
    Action("ppid.dispute_updated", _("Dispute: next step recorded"), public=True),
    Action("ppid.archive_published", _("Published in the public archive")),
    Action("ppid.archive_withdrawn", _("Taken out of the public archive")),
    Action("ppid.withdrawn", _("Withdrawn by the requester"), public=True),
    Action("ppid.closed", _("Closed"), public=True),
    Action("ppid.corrected", _("Corrected by an administrator")),
    Action("ppid.annual_report_text_saved", _("Annual report text saved")),
    Action("ppid.annual_report_published", _("Annual report published")),
    Action("ppid.annual_report_reminder",
           _("Reminder: publish last year's annual report by 31 March")),
    Action("ppid.dispute_carried_out", _("The commission's decision was carried out"),
           public=True),
    Action("ppid.court_appeal_filed", _("Appeal filed in court"), public=True),
    Action("ppid.court_appeal_updated", _("Court appeal: ruling or its carrying out recorded"),
           public=True),
    Action("ppid.berkala_linked", _("Periodic item: DIP entries that fulfil it set")),
    Action("ppid.berkala_stale", _("Periodic item out of date: six months passed")),
    Action("ppid.setiap_saat_updated", _("At-any-time item: where it is available set")),
    Action("ppid.announcement_drafted", _("Serta-merta announcement drafted")),
    Action("ppid.announcement_published", _("Serta-merta announcement published")),
    Action("ppid.announcement_withdrawn", _("Serta-merta announcement withdrawn")),
    Action("ppid.service_document_added", _("Service document added")),
    Action("ppid.service_document_changed", _("Service document changed")),
    Action("ppid.fee_item_added", _("Fee schedule: item added")),
    Action("ppid.fee_item_removed", _("Fee schedule: item removed")),
    Action("ppid.exemption_review_due",
           _("Reminder: the decree on exempt information is due for review (Art. 20)")),
    Action("ppid.copy_paid", _("Payment for copies recorded"), public=True),
    Action("ppid.handed_over", _("Information handed over (berita acara)"), public=True),
    Action("ppid.handover_corrected", _("Handover record corrected")),
])
