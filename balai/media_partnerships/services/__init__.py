"""Every change to media-partnership data: one service each, audited (STYLE.md rules 2–3)."""

from balai.media_partnerships.services.config import (  # noqa: F401
    RequirementData,
    RoundData,
    requirement_remove,
    requirement_save,
    verification_round_save,
)
from balai.media_partnerships.services.invoices import (  # noqa: F401
    invoice_pay,
    invoice_receive,
    invoice_return,
    proven_amount,
    tax_lines,
)
from balai.media_partnerships.services.orders import (  # noqa: F401
    OrderData,
    RateLine,
    card_price,
    order_cancel,
    order_complete,
    order_contract,
    order_create,
    order_item_add,
    order_total,
    rate_card_save,
)
from balai.media_partnerships.services.outlets import (  # noqa: F401
    JournalistData,
    OutletData,
    Registration,
    journalist_remove,
    journalist_save,
    outlet_document_add,
    outlet_link_reset,
    outlet_register,
    outlet_update,
)
from balai.media_partnerships.services.proofs import (  # noqa: F401
    deliverable_broadcast_record,
    deliverable_print_record,
    deliverable_render,
    deliverable_submit_online,
    proofs_render_sweep,
    url_key,
)
from balai.media_partnerships.services.verification import (  # noqa: F401
    application_decide,
    application_item_score,
    application_resubmit,
    application_return,
    application_review,
    application_submit,
    application_withdraw,
    refusal_reasons,
)
