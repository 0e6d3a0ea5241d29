"""Every change to tower data goes through one of these services (STYLE.md rule 2)."""

from balai.towers.services.inspections import (  # noqa: F401
    InspectionData,
    finding_resolve,
    findings_overdue_sweep,
    inspection_notify,
    inspection_record,
)
from balai.towers.services.levy import (  # noqa: F401
    levy_assessment_issue,
    levy_assessment_record,
    levy_bill_issue,
    levy_lapse_sweep,
    levy_objection_decide,
    levy_objection_deemed_sweep,
    levy_objection_file,
    levy_payment_record,
    levy_reminder_issue,
)
from balai.towers.services.registry import (  # noqa: F401
    company_save,
    kelurahan_for_points,
    permit_add,
    tenancy_add,
    tenancy_end,
    tower_create,
    tower_update,
    towers_import,
)
from balai.towers.services.siting import (  # noqa: F401
    siting_request_decide,
    siting_request_register,
    zone_save,
)
