from balai.media_partnerships.views.config import (  # noqa: F401
    rate_card_edit,
    rate_cards,
    rate_line_save,
    requirement_add,
    requirement_edit,
    requirement_remove,
    round_detail,
    rounds,
)
from balai.media_partnerships.views.orders import (  # noqa: F401
    order_action,
    order_detail,
    order_new,
    orders,
    proof_file,
    rate_card,
)
from balai.media_partnerships.views.public import (  # noqa: F401
    index,
    portal,
    register,
    registered,
)
from balai.media_partnerships.views.reports import flags, transparency  # noqa: F401
from balai.media_partnerships.views.staff import (  # noqa: F401
    application_action,
    application_detail,
    applications,
    outlet_detail,
    outlet_document,
    outlet_link_reset,
    outlets,
    staff_home,
)
