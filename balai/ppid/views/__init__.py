"""PPID pages: thin views over forms, selectors and one service each, one module per stage."""

from balai.ppid.views.dip import dip_detail, dip_list, staff_dip_edit, staff_dip_list
from balai.ppid.views.monev import (
    announcements,
    staff_announcement_action,
    staff_announcements,
    staff_monev,
    staff_monev_berkala,
    staff_monev_setiap_saat,
)
from balai.ppid.views.objections import (
    staff_objection_detail,
    staff_objection_received,
    staff_objections,
)
from balai.ppid.views.public import (
    archive,
    index,
    periodic_objection_form,
    request_form,
    submitted,
    track_detail,
)
from balai.ppid.views.registers import (
    public_annual_report,
    public_annual_reports,
    staff_annual_report,
    staff_objection_register,
    staff_request_register,
)
from balai.ppid.views.requester import (
    dispute_form,
    objection_form,
    objection_respond,
    requester_file,
    requester_notice,
    requester_withdraw,
)
from balai.ppid.views.service_documents import (
    service_documents,
    staff_berita_acara,
    staff_fee_item_add,
    staff_fee_item_remove,
    staff_handover_scan,
    staff_service_document_edit,
    staff_service_documents,
)
from balai.ppid.views.staff import (
    staff_action,
    staff_detail,
    staff_identity_document,
    staff_intake,
    staff_queue,
)

__all__ = [
    "service_documents", "staff_berita_acara", "staff_fee_item_add", "staff_fee_item_remove",
    "staff_handover_scan", "staff_service_document_edit", "staff_service_documents",
    "public_annual_report", "public_annual_reports",
    "index", "periodic_objection_form", "request_form", "submitted", "track_detail", "archive",
    "dip_list", "dip_detail",
    "staff_dip_list", "staff_dip_edit", "requester_notice", "requester_file", "requester_withdraw",
    "objection_form", "objection_respond", "dispute_form", "staff_queue", "staff_detail",
    "staff_action", "staff_identity_document", "staff_intake", "staff_objections",
    "staff_objection_detail", "staff_objection_received", "staff_request_register",
    "staff_objection_register",
    "staff_annual_report",
    "staff_monev", "staff_monev_berkala", "staff_monev_setiap_saat", "announcements",
    "staff_announcements", "staff_announcement_action",
]
