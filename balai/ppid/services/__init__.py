"""Every change in the PPID service: one service each, audited in its transaction.

Views, the API, tasks and commands all call these; nothing else writes a request's
status or clock (STYLE.md, One door per state change). One module per part of the life of
a request; everything public is importable from here.
"""

from balai.ppid.services.decisions import (
    OUTCOME_FIELDS,
    DecisionData,
    decision_problems,
    information_request_decide,
    information_request_publish,
    nik_like,
)
from balai.ppid.services.dip import (
    DIP_FIELDS,
    dip_entry_check,
    dip_entry_create,
    dip_entry_update,
)
from balai.ppid.services.disputes import (
    court_appeal_record,
    court_appeal_update,
    dispute_carry_out,
    dispute_record,
    dispute_update,
    dispute_window,
)
from balai.ppid.services.information_requests import (
    RequestSubmission,
    information_request_check,
    information_request_delegate,
    information_request_extend,
    information_request_intake,
    information_request_submit,
    information_request_take,
    information_request_withdraw,
)
from balai.ppid.services.monev import (
    announcement_create,
    announcement_publish,
    announcement_withdraw,
    berkala_item_link,
    setiap_saat_item_update,
)
from balai.ppid.services.objections import (
    PeriodicObjector,
    objection_answer_delivery,
    objection_answer_received,
    objection_decide,
    objection_file,
    objection_file_without_request,
    objection_ground_problem,
    objection_requester_respond,
)
from balai.ppid.services.reports import annual_report_publish, annual_report_text_save
from balai.ppid.services.service_documents import (
    copy_payment_record,
    exemption_review_sweep,
    fee_item_add,
    fee_item_remove,
    handover_record,
    service_document_save,
)

__all__ = [
    "copy_payment_record", "exemption_review_sweep", "fee_item_add", "fee_item_remove",
    "handover_record", "service_document_save",
    "announcement_create", "announcement_publish", "announcement_withdraw",
    "berkala_item_link", "setiap_saat_item_update",
    "DIP_FIELDS", "OUTCOME_FIELDS", "DecisionData", "RequestSubmission",
    "annual_report_publish", "annual_report_text_save", "court_appeal_record",
    "court_appeal_update", "decision_problems", "dispute_carry_out", "dip_entry_check",
    "dip_entry_create",
    "dip_entry_update", "dispute_record", "dispute_update", "dispute_window",
    "information_request_check", "information_request_decide", "information_request_delegate",
    "information_request_extend", "information_request_intake", "information_request_publish",
    "information_request_submit", "information_request_take", "information_request_withdraw",
    "nik_like", "objection_answer_delivery", "objection_answer_received", "objection_decide",
    "objection_file", "objection_file_without_request", "PeriodicObjector",
    "objection_ground_problem", "objection_requester_respond",
]
