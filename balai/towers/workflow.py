"""The siting request's workflow as one table (STYLE.md rule 7).

Sides: "officer" (the tower officers of Diskominfo, PETUGAS_MENARA). A request is decided
once, with a letter: "recommend" follows the rules unless the officer overrides them with
a reason (the service checks it), "refuse" likewise.
"""

from django.utils.translation import gettext_lazy as _

from balai.core.workflow import Workflow
from balai.core.workflow import row as _row
from balai.towers.errors import TowerTransitionError
from balai.towers.models import Finding, LevyAssessment, LevyObjection, SitingRequest

S = SitingRequest.Status
OFFICER = "officer"

SITING_WORKFLOW = Workflow(SitingRequest, [
    _row("recommend", _("Recommend and issue the letter"), _("recommended"),
         {S.RECEIVED}, S.RECOMMENDED, {OFFICER}, "siting_request_decide"),
    _row("refuse", _("Refuse and issue the letter"), _("refused"),
         {S.RECEIVED}, S.REFUSED, {OFFICER}, "siting_request_decide", destructive=True),
], error=TowerTransitionError,
    refusal=_("This request is %(status)s, so it cannot be %(action)s."))

F = Finding.Status
SYSTEM = "system"  # the periodic sweeps

# A finding of a field inspection: notified in one step with the inspection's other open
# findings (one letter), then resolved when the owner has put it right (seen at a revisit
# or shown with evidence). A finding the owner fixed before the letter went out is
# resolved straight away. The deadline's passing is flagged on the row, not a state.
FINDING_WORKFLOW = Workflow(Finding, [
    _row("notify", _("Send the notice letter to the owner"), _("notified"),
         {F.OPEN}, F.NOTIFIED, {OFFICER}, "inspection_notify"),
    _row("resolve", _("Resolve"), _("resolved"),
         {F.OPEN, F.NOTIFIED}, F.RESOLVED, {OFFICER}, "finding_resolve"),
], error=TowerTransitionError,
    refusal=_("This finding is %(status)s, so it cannot be %(action)s."))

L = LevyAssessment.Status

# The legacy levy ledger (reference/indonesia-rules.md §2.2). A payment that leaves part
# of the amount unpaid keeps the assessment unpaid; the surat teguran changes no state
# (it restarts the lapse clock); the sweep lapses what was not collected in 3 years.
LEVY_WORKFLOW = Workflow(LevyAssessment, [
    _row("pay", _("Record a payment (SSRD)"), _("paid"),
         {L.UNPAID}, L.PAID, {OFFICER}, "levy_payment_record"),
    _row("remind", _("Send the reminder (surat teguran)"), _("reminded"),
         {L.UNPAID}, None, {OFFICER}, "levy_reminder_issue"),
    _row("bill", _("Issue the bill with interest (STRD)"), _("billed"),
         {L.UNPAID}, None, {OFFICER}, "levy_bill_issue"),
    _row("lapse", _("Lapse after 3 years"), _("lapsed"),
         {L.UNPAID}, L.LAPSED, {SYSTEM}, "levy_lapse_sweep"),
    # What an objection's decision does to the SKRD: withdrawn when granted in full (a
    # payment made meanwhile is then due back), paid when a lowered amount is covered.
    _row("withdraw", _("Withdraw after the objection"), _("withdrawn"),
         {L.UNPAID, L.PAID}, L.WITHDRAWN, {OFFICER}, "levy_objection_decide"),
    _row("settle", _("Settle at the amount the objection set"), _("settled"),
         {L.UNPAID}, L.PAID, {OFFICER}, "levy_objection_decide"),
    _row("withdraw_deemed", _("Withdraw: the objection was not decided in time"),
         _("withdrawn"), {L.UNPAID, L.PAID}, L.WITHDRAWN, {SYSTEM},
         "levy_objection_deemed_sweep"),
], error=TowerTransitionError,
    refusal=_("This assessment is %(status)s, so it cannot be %(action)s."))

OB = LevyObjection.Status

# An objection to an SKRD (UU 28/2009 Pasal 162–163, the PDRD-era Perdas): the officer
# records the regional head's decision; undecided after 6 months it is deemed granted.
OBJECTION_WORKFLOW = Workflow(LevyObjection, [
    _row("grant", _("Granted in full"), _("granted"),
         {OB.RECEIVED}, OB.GRANTED, {OFFICER}, "levy_objection_decide"),
    _row("partly", _("Granted in part: a lower amount"), _("granted in part"),
         {OB.RECEIVED}, OB.PARTLY, {OFFICER}, "levy_objection_decide"),
    _row("refuse", _("Refused"), _("refused"),
         {OB.RECEIVED}, OB.REFUSED, {OFFICER}, "levy_objection_decide", destructive=True),
    _row("raise", _("Levy raised"), _("decided"),
         {OB.RECEIVED}, OB.INCREASED, {OFFICER}, "levy_objection_decide"),
    _row("deem", _("Deemed granted (not decided within 6 months)"), _("granted"),
         {OB.RECEIVED}, OB.GRANTED, {SYSTEM}, "levy_objection_deemed_sweep"),
], error=TowerTransitionError,
    refusal=_("This objection is %(status)s, so it cannot be %(action)s."))
