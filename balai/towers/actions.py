"""Every audit action of the tower service, named once (STYLE.md rule 9).

Staff timelines read the labels from here; nothing of the registry is on a citizen's
timeline (the public tower page shows the registry itself). Registered by
TowersConfig.ready().
"""

from django.utils.translation import gettext_lazy as _

from balai.core.actions import Action, ActionCatalogue

ACTIONS = ActionCatalogue("towers", [
    Action("towers.company_saved", _("Company saved")),
    Action("towers.created", _("Tower registered")),
    Action("towers.updated", _("Tower changed")),
    Action("towers.imported", _("Towers imported from a file")),
    Action("towers.tenancy_added", _("Tenant added")),
    Action("towers.tenancy_ended", _("Tenancy ended")),
    Action("towers.permit_added", _("Permit recorded")),
    Action("towers.permit_file_viewed", _("Permit scan viewed")),
    Action("towers.zone_saved", _("Zone saved")),
    Action("towers.siting_received", _("Siting request registered")),
    Action("towers.siting_recommended", _("Siting recommended, letter issued")),
    Action("towers.siting_refused", _("Siting refused, letter issued")),
    Action("towers.inspected", _("Inspected in the field")),
    Action("towers.notice_issued", _("Notice letter sent to the owner")),
    Action("towers.complaint_linked", _("A citizen reported a problem with the tower")),
    Action("towers.finding_resolved", _("Finding resolved")),
    Action("towers.finding_overdue", _("Notice deadline passed")),
    Action("towers.evidence_viewed", _("Inspection photo as taken (with EXIF) viewed")),
    Action("towers.levy_assessed", _("Levy assessed (SKRD)")),
    Action("towers.levy_paid", _("Levy payment recorded")),
    Action("towers.levy_reminded", _("Reminder (surat teguran) sent")),
    Action("towers.levy_billed", _("Bill with interest (STRD) issued")),
    Action("towers.levy_lapsed", _("Collection lapsed after 3 years")),
    Action("towers.levy_objection_filed", _("Objection (keberatan) recorded")),
    Action("towers.levy_objection_decided", _("Objection decided")),
    Action("towers.levy_objection_deemed", _("Objection deemed granted: not decided in 6 "
                                              "months")),
])
