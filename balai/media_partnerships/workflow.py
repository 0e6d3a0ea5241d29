"""The verification case's and the order's workflows as tables (STYLE.md rule 7).

Sides: "team" (the verification team and the media officer), "outlet" (whoever holds the
outlet's private link), "opd" (the ordering agency's staff and the media officer). Services
lock with `WORKFLOW.lock(application, action)`; pages offer and label actions from the table.
"""

from django.utils.translation import gettext_lazy as _

from balai.core.workflow import Workflow
from balai.core.workflow import row as _row
from balai.media_partnerships.errors import MediaTransitionError
from balai.media_partnerships.models import Application, Order

S = Application.Status
TEAM, OUTLET, OPD = "team", "outlet", "opd"
OPEN = frozenset({S.SUBMITTED, S.IN_REVIEW, S.CORRECTION})

WORKFLOW = Workflow(Application, [
    _row("review", _("Start the verification"), _("taken into review"),
         {S.SUBMITTED}, S.IN_REVIEW, {TEAM}, "application_review"),
    _row("score", _("Score a checklist item"), _("scored"),
         {S.IN_REVIEW}, None, {TEAM}, "application_item_score"),
    _row("return", _("Return to the outlet for correction"), _("returned"),
         {S.IN_REVIEW}, S.CORRECTION, {TEAM}, "application_return"),
    _row("resubmit", _("Submit the corrections"), _("resubmitted"),
         {S.CORRECTION}, S.SUBMITTED, {OUTLET}, "application_resubmit"),
    _row("verify", _("Verify, with a tier, and issue the decision letter"), _("verified"),
         {S.IN_REVIEW}, S.VERIFIED, {TEAM}, "application_decide"),
    _row("refuse", _("Refuse, with the reasons, and issue the decision letter"),
         _("refused"), {S.IN_REVIEW}, S.REFUSED, {TEAM}, "application_decide",
         destructive=True),
    _row("withdraw", _("Withdraw the application"), _("withdrawn"),
         {S.SUBMITTED, S.IN_REVIEW, S.CORRECTION}, S.WITHDRAWN, {OUTLET},
         "application_withdraw", destructive=True),
], error=MediaTransitionError,
    refusal=_("This application is %(status)s, so it cannot be %(action)s."))

OS = Order.Status

ORDER_WORKFLOW = Workflow(Order, [
    _row("add_item", _("Add an item"), _("changed"), {OS.DRAFT}, None, {OPD}, "order_item_add"),
    _row("contract", _("Issue the agreement"), _("contracted"), {OS.DRAFT}, OS.CONTRACTED,
         {OPD}, "order_contract"),
    _row("proof", _("Record a proof of publication"), _("proven"), {OS.CONTRACTED}, None,
         {OPD, OUTLET}, "deliverable_submit"),
    _row("invoice", _("Record an invoice"), _("invoiced"), {OS.CONTRACTED, OS.COMPLETED},
         None, {OPD}, "invoice_receive"),
    _row("complete", _("Mark as completed"), _("completed"), {OS.CONTRACTED}, OS.COMPLETED,
         {OPD}, "order_complete"),
    _row("cancel", _("Cancel the order"), _("cancelled"), {OS.DRAFT}, OS.CANCELLED, {OPD},
         "order_cancel", destructive=True),
], error=MediaTransitionError,
    refusal=_("This order is %(status)s, so it cannot be %(action)s."))
