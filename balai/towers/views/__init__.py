from balai.towers.views.dashboard import tower_dashboard  # noqa: F401
from balai.towers.views.files import tower_letter  # noqa: F401
from balai.towers.views.inspections import (  # noqa: F401
    field_form,
    finding_list,
    finding_resolve,
    inspection_detail,
    inspection_notify,
    inspection_photo_original,
    inspection_round,
)
from balai.towers.views.levy import (  # noqa: F401
    levy_bill,
    levy_create,
    levy_detail,
    levy_ledger,
    levy_object,
    levy_objection_decide,
    levy_pay,
    levy_remind,
)
from balai.towers.views.public import point_check, tower_plate, tower_public  # noqa: F401
from balai.towers.views.siting import (  # noqa: F401
    siting_action,
    siting_create,
    siting_detail,
    siting_list,
    zone_edit,
    zone_list,
)
from balai.towers.views.staff import (  # noqa: F401
    company_edit,
    company_list,
    permit_file,
    tower_add_permit,
    tower_add_tenancy,
    tower_create,
    tower_detail,
    tower_edit,
    tower_export,
    tower_import,
    tower_list,
    tower_plates,
)
