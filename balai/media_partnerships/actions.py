"""Every audit action of the media partnerships, named once (STYLE.md rule 9).

Public actions are those the outlet reads on its own page (through its private link).
Registered by MediaPartnershipsConfig.ready().
"""

from django.utils.translation import gettext_lazy as _

from balai.core.actions import Action, ActionCatalogue

ACTIONS = ActionCatalogue("media_partnerships", [
    Action("media_partnerships.outlet_registered", _("Outlet registered"), public=True),
    Action("media_partnerships.outlet_updated", _("Outlet data updated"), public=True),
    Action("media_partnerships.document_added", _("Document uploaded"), public=True),
    Action("media_partnerships.document_viewed", _("Document opened by staff")),
    Action("media_partnerships.link_reset", _("A new private link was issued"), public=True),
    Action("media_partnerships.journalist_saved", _("Journalist saved"), public=True),
    Action("media_partnerships.journalist_removed", _("Journalist removed"), public=True),
    Action("media_partnerships.round_saved", _("Verification round saved")),
    Action("media_partnerships.applied", _("Application for verification submitted"),
           public=True),
    Action("media_partnerships.review_started", _("Verification started"), public=True),
    Action("media_partnerships.item_scored", _("Checklist item scored")),
    Action("media_partnerships.returned", _("Returned to the outlet for correction"),
           public=True),
    Action("media_partnerships.resubmitted", _("Corrections submitted"), public=True),
    Action("media_partnerships.verified", _("Verified"), public=True),
    Action("media_partnerships.refused", _("Refused"), public=True),
    Action("media_partnerships.withdrawn", _("Application withdrawn by the outlet"),
           public=True),
    Action("media_partnerships.rate_card_saved", _("Rate card saved")),
    Action("media_partnerships.order_created", _("Order created")),
    Action("media_partnerships.order_item_added", _("Item added to the order")),
    Action("media_partnerships.order_above_card", _("Price above the rate card authorised")),
    Action("media_partnerships.order_contracted", _("Agreement issued"), public=True),
    Action("media_partnerships.order_completed", _("Order completed"), public=True),
    Action("media_partnerships.order_cancelled", _("Order cancelled")),
    Action("media_partnerships.proof_submitted", _("Proof of publication recorded"),
           public=True),
    Action("media_partnerships.proof_refused", _("Proof of publication refused")),
    Action("media_partnerships.proof_rendered", _("Proof drawn as PDF and PNG")),
    Action("media_partnerships.proof_render_failed",
           _("Proof could not be drawn as PDF (will be retried)")),
    Action("media_partnerships.invoice_received", _("Invoice received"), public=True),
    Action("media_partnerships.invoice_paid", _("Invoice paid (SP2D)"), public=True),
    Action("media_partnerships.invoice_returned", _("Invoice returned to the outlet"),
           public=True),
])
