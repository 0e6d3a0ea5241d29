"""The complaint workflow (DESIGN.md §4) as one table (STYLE.md rule 7).

Each row: the action as URLs, forms and the API name it, its label, the states it starts
from, the state it leads to, the sides that may take it and the service that does it.
Services lock with `WORKFLOW.lock(complaint, action)`; the staff pages, the reporter's
forms on the tracking page, the REST API and the templates offer and label actions from
it (through `ComplaintScope`). Sides: "desk" (the verifikator's complaint desk), "agency"
(the operators and head of the agency in charge), "reporter" (whoever holds the
reporter's secret link), "public" (any citizen) and "system" (the sweep, or a service as
a consequence of another action; never offered on a page).
"""

from django.utils.translation import gettext_lazy as _

from balai.complaints.errors import ComplaintTransitionError
from balai.complaints.models import OPEN, Complaint
from balai.core.workflow import Workflow
from balai.core.workflow import row as _row

S = Complaint.Status
DESK, AGENCY, REPORTER, PUBLIC, SYSTEM = "desk", "agency", "reporter", "public", "system"


# In the order staff usually take them: the first non-destructive action offered is the
# usual next step and opens by default.
WORKFLOW = Workflow(Complaint, [
    _row("verify", _("Verify and dispose"), _("verified"),
         {S.BARU}, S.TERVERIFIKASI, {DESK}, "complaint_verify"),
    _row("correct", _("Correct category or place"), _("corrected"),
         {S.BARU}, None, {DESK}, "complaint_correct"),
    _row("archive", _("Archive"), _("archived"),
         {S.BARU, S.TERVERIFIKASI}, S.DIARSIPKAN, {DESK}, "complaint_archive",
         destructive=True),
    _row("duplicate", _("Mark as duplicate"), _("marked as a duplicate"),
         {S.BARU, S.TERVERIFIKASI}, S.DIARSIPKAN, {DESK}, "complaint_mark_duplicate",
         destructive=True),
    _row("forward", _("Forward to an outside body"), _("forwarded"),
         {S.BARU, S.TERVERIFIKASI, S.DIPROSES}, S.DITERUSKAN, {DESK}, "complaint_forward"),
    _row("accept", _("Accept"), _("accepted"),
         {S.TERVERIFIKASI}, S.DIPROSES, {AGENCY}, "complaint_accept"),
    _row("answer", _("Answer with evidence"), _("answered"),
         {S.DIPROSES}, S.SELESAI, {AGENCY}, "complaint_answer"),
    _row("request_info", _("Ask the reporter for information"), _("put on hold"),
         {S.TERVERIFIKASI, S.DIPROSES}, S.MENUNGGU_INFO, {AGENCY}, "complaint_request_info"),
    # "Bukan wewenang": back to the desk; the citizen-facing clock is not reset.
    _row("return", _("Return: not our authority"), _("returned"),
         {S.TERVERIFIKASI, S.DIPROSES}, S.BARU, {AGENCY}, "complaint_return",
         destructive=True),
    # Once answered, the reporter rates or reopens: a reply there would leave the case to
    # be auto-closed as if nobody had answered.
    _row("reply", _("Reply to the officers"), _("answered by the reporter"),
         {S.MENUNGGU_INFO, S.TERVERIFIKASI, S.DIPROSES}, None, {REPORTER},
         "complaint_reporter_reply"),
    # The reply to the officer's question restarts the stopped clock (same service).
    _row("resume", _("The reporter replied"), _("answered by the reporter"),
         {S.MENUNGGU_INFO}, S.DIPROSES, {SYSTEM}, "complaint_reporter_reply"),
    _row("rate", _("Rate the answer"), _("rated"),
         {S.SELESAI}, S.DITUTUP, {REPORTER}, "complaint_rate"),
    _row("reopen", _("Reopen the complaint"), _("reopened"),
         {S.SELESAI}, S.DIPROSES, {REPORTER}, "complaint_reopen"),
    _row("autoclose", _("Close after the reply window"), _("closed"),
         {S.SELESAI}, S.DITUTUP, {SYSTEM}, "complaint_autoclose"),
    # "Ikut melapor": while the case is open or being handled by an outside body.
    _row("support", _("Ikut melapor"), _("supported"),
         OPEN | {S.DITERUSKAN}, None, {PUBLIC}, "complaint_support"),
], error=ComplaintTransitionError,
    refusal=_("This complaint is %(status)s, so it cannot be %(action)s."))
