"""Every audit action of a complaint, named once (STYLE.md rule 9).

`log_action` takes the public flag from here; the tracking page, the staff history and the
Open311 notes and request updates read the labels and the Open311 (mySociety extended)
status from here. `notifies` says who `complaints.notify` tells about it: "reporter" (and
the supporters who confirmed their contact, except for `submitted`), "desk" (the
verifikator), "agency" (the operators and head of the agency in charge), "agency_head",
"rapid_response" (urgent categories), "supporter" (the new supporter's confirmation link).
Registered by ComplaintsConfig.ready().
"""

from django.utils.translation import gettext_lazy as _

from balai.core.actions import Action, ActionCatalogue

ACTIONS = ActionCatalogue("complaints", [
    Action("complaints.submitted", _("Report received"), public=True,
           open311_status="open", notifies=("reporter", "desk", "rapid_response")),
    Action("complaints.corrected", _("Category or place corrected")),
    Action("complaints.verified", _("Verified and sent to the agency"), public=True,
           open311_status="investigating", notifies=("reporter", "agency")),
    Action("complaints.accepted", _("The agency is working on it"), public=True,
           open311_status="in_progress", notifies=("reporter",)),
    Action("complaints.info_requested", _("The officer asked for more information"),
           public=True, open311_status="investigating", notifies=("reporter",)),
    Action("complaints.reporter_replied", _("The reporter replied"), public=True,
           open311_status="in_progress", notifies=("agency",)),
    Action("complaints.submitted_for_check", _("Answer sent for its second check"),
           notifies=("checker",)),
    Action("complaints.check_failed", _("The answer failed its check: back to the agency"),
           notifies=("agency",)),
    Action("complaints.check_passed", _("The answer passed its check")),
    Action("complaints.answered", _("Answered"), public=True, open311_status="fixed",
           notifies=("reporter",)),
    Action("complaints.reopened", _("Reopened by the reporter"), public=True,
           open311_status="reopen", notifies=("agency",)),
    Action("complaints.rated", _("Rated and closed"), public=True, open311_status="closed",
           notifies=("reporter",)),
    Action("complaints.autoclosed", _("Closed: no reply within the reply window"),
           public=True, open311_status="closed", notifies=("reporter",)),
    Action("complaints.fixed_asked", _("The reporter was asked whether it is fixed"),
           public=True),
    Action("complaints.fixed_confirmed", _("The reporter says the problem is fixed"),
           public=True),
    Action("complaints.not_fixed", _("The reporter says it is not fixed yet: reopened"),
           public=True, open311_status="reopen", notifies=("agency", "desk")),
    Action("complaints.confidentiality_changed", _("Confidentiality of the report changed"),
           public=True, notifies=("reporter",)),
    Action("complaints.forwarded", _("Forwarded to another body"), public=True,
           open311_status="not_councils_responsibility", notifies=("reporter",)),
    Action("complaints.forward_received", _("The outside body registered it under its own "
                                            "number"), public=True, notifies=("reporter",)),
    Action("complaints.forward_updated", _("Update from the outside body"), public=True),
    Action("complaints.forward_closed", _("Closed by the outside body with its answer"),
           public=True, open311_status="closed", notifies=("reporter",)),
    Action("complaints.archived", _("Archived"), public=True,
           open311_status="no_further_action", notifies=("reporter",)),
    Action("complaints.duplicate", _("Merged with an earlier report of the same problem"),
           public=True, open311_status="duplicate"),
    Action("complaints.duplicate_merged", _("A later report of the same problem was merged "
                                            "into this one")),
    Action("complaints.supported", _("Another citizen reported the same problem"),
           public=True, notifies=("supporter",)),
    Action("complaints.returned", _("Returned to the complaint desk: not this agency's "
                                    "authority"), notifies=("desk",)),
    Action("complaints.sla_warned", _("Deadline warning"), notifies=("agency", "desk")),
    Action("complaints.sla_escalated", _("Overdue: escalated"),
           notifies=("agency_head", "desk")),
    Action("complaints.weekly_report_sent", _("Weekly performance report sent")),
    # Recorded on the user who downloaded the export, not on a complaint.
    Action("complaints.exported", _("Complaints exported")),
])
