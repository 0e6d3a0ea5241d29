"""The PPID workflows (DESIGN.md §5) as tables (STYLE.md rule 7): a request's, and its
keberatan's.

Each row: the action as URLs, forms and the API name it, its label, the states it starts
from, the state it leads to, the sides that may take it and the service that does it.
Services lock with `WORKFLOW.lock(request, action)` and claim with the row's sources; the
staff page, the requester's tracking page and the templates offer and label actions from
it (through `PpidScope`). Sides: "main" (the PPID utama), "officer" (any PPID officer,
utama or pembantu), "atasan" (the atasan PPID, who decides keberatan), "requester"
(whoever holds the requester's secret link) and "system" (a service as a consequence of
another action; never offered on a page).
"""

from django.utils.translation import gettext_lazy as _

from balai.core.workflow import Workflow
from balai.core.workflow import row as _row
from balai.ppid.errors import PpidTransitionError
from balai.ppid.models import ANSWERED, OPEN, Announcement, InformationRequest, Objection

S = InformationRequest.Status
# Open before the first answer: the clock of Pasal 22(7)–(8) runs, it may be extended.
FIRST_ANSWER = {S.RECEIVED, S.IN_PROGRESS}
MAIN, OFFICER, ATASAN, REQUESTER, SYSTEM = "main", "officer", "atasan", "requester", "system"


# In the order staff usually take them: the first action offered opens by default.
WORKFLOW = Workflow(InformationRequest, [
    _row("take", _("Take into work"), _("taken into work"),
         {S.RECEIVED}, S.IN_PROGRESS, {OFFICER}, "information_request_take"),
    _row("delegate", _("Delegate to a PPID pembantu (the deadline stays)"), _("delegated"),
         FIRST_ANSWER, S.IN_PROGRESS, {MAIN}, "information_request_delegate"),
    # Once only (Pasal 22(8)): the service refuses a second extension.
    _row("extend", _("Extend the deadline by 7 working days (once)"), _("extended"),
         FIRST_ANSWER, S.IN_PROGRESS, {OFFICER}, "information_request_extend"),
    _row("decide", _("Decide and issue the written notice"), _("answered"),
         OPEN, S.ANSWERED, {OFFICER}, "information_request_decide"),
    _row("withdraw", _("Withdraw this request"), _("withdrawn"),
         OPEN, S.WITHDRAWN, {REQUESTER}, "information_request_withdraw", destructive=True),
    # Pasal 35(1): also before an answer (no answer, late answer).
    _row("object", _("File an objection (keberatan)"), _("objected to"),
         OPEN | {S.ANSWERED}, S.OBJECTION, {REQUESTER}, "objection_file"),
    # The atasan's decision on the keberatan (OBJECTION_WORKFLOW) answers the request again,
    # or, upheld on a ground that needs a (new) written notice, orders the PPID to give it:
    # the request is open again until `decide` carries it out (Pasal 36(2)).
    _row("objection_decide", _("Decide the objection"), _("decided"),
         {S.OBJECTION}, S.ANSWERED, {SYSTEM}, "objection_decide"),
    _row("objection_order", _("Order the PPID to carry out the upheld objection"),
         _("ordered"), {S.OBJECTION}, S.CARRYING_OUT, {SYSTEM}, "objection_decide"),
    # Pasal 37: after a keberatan, decided or lapsed; recorded by the officer or the requester.
    _row("dispute", _("Record a dispute at the Information Commission"),
         _("taken to a dispute"), {S.ANSWERED, S.OBJECTION, S.CARRYING_OUT}, S.DISPUTE,
         {OFFICER, REQUESTER}, "dispute_record"),
    _row("dispute_update", _("Record the next step of the dispute"), _("updated"),
         {S.DISPUTE}, None, {OFFICER}, "dispute_update"),
    # The commission's decision or a withdrawal ends the dispute, and the request with it.
    _row("close", _("Close when the dispute ends"), _("closed"),
         {S.DISPUTE}, S.CLOSED, {SYSTEM}, "dispute_update"),
    # After the commission's decision (Perki 1/2021; UU 14/2008 Pasal 47–50): how it was
    # carried out, and the appeals in court with their rulings. Offered on a request whose
    # dispute is decided (ppid.selectors.request_actions).
    _row("dispute_carry_out", _("Record how the commission's decision was carried out"),
         _("recorded"), {S.CLOSED}, None, {OFFICER}, "dispute_carry_out"),
    _row("court_appeal", _("Record an appeal in court"), _("recorded"), {S.CLOSED}, None,
         {OFFICER}, "court_appeal_record"),
    _row("court_appeal_update", _("Record the court's ruling or how it was carried out"),
         _("recorded"), {S.CLOSED}, None, {OFFICER}, "court_appeal_update"),
    # The payment for copies at the fee schedule's price, and the handover of the
    # information with its berita acara (what a monev auditor asks to see).
    _row("copy_payment", _("Record a payment for copies"), _("recorded"), ANSWERED, None,
         {OFFICER}, "copy_payment_record"),
    _row("handover", _("Record the handover of the information (berita acara)"),
         _("recorded"), ANSWERED, None, {OFFICER}, "handover_record"),
    _row("publish", _("Publish in the public archive (without personal data)"),
         _("published"), ANSWERED, None, {OFFICER}, "information_request_publish"),
], error=PpidTransitionError,
    refusal=_("This request is %(status)s, so it cannot be %(action)s."))

OS = Objection.Status

OBJECTION_WORKFLOW = Workflow(Objection, [
    _row("decide", _("Decide the objection"), _("decided"),
         {OS.RECEIVED}, OS.DECIDED, {ATASAN}, "objection_decide"),
    _row("respond", _("Respond to the decision"), _("answered"),
         {OS.DECIDED}, None, {REQUESTER}, "objection_requester_respond"),
], error=PpidTransitionError,
    refusal=_("This objection is %(status)s, so it cannot be %(action)s."))

AS = Announcement.Status

# Serta-merta announcements (UU 14/2008 Pasal 10): published at once by the PPID utama,
# withdrawn with a reason.
ANNOUNCEMENT_WORKFLOW = Workflow(Announcement, [
    _row("publish", _("Publish now"), _("published"), {AS.DRAFT}, AS.PUBLISHED, {MAIN},
         "announcement_publish"),
    _row("withdraw", _("Withdraw"), _("withdrawn"), {AS.PUBLISHED}, AS.WITHDRAWN, {MAIN},
         "announcement_withdraw", destructive=True),
], error=PpidTransitionError,
    refusal=_("This announcement is %(status)s, so it cannot be %(action)s."))
