"""The complaint workflow (DESIGN.md §4) as one table (STYLE.md rule 7).

Each row: the action as URLs, forms and the API name it, its label, the states it starts
from, the state it leads to, the sides that may take it and the service that does it.
Services lock with `WORKFLOW.lock(complaint, action)`; the staff pages, the reporter's
forms on the tracking page, the REST API and the templates offer and label actions from
it (through `ComplaintScope`). Sides: "desk" (the verifikator's complaint desk), "agency"
(the operators and head of the agency in charge), "reporter" (whoever holds the
reporter's secret link), "public" (any citizen) and "system" (the sweep, or a service as
a consequence of another action; never offered on a page), "questionnaire" (whoever holds
the link of a "sudah beres?" question sent to the reporter of a closed case), "checker"
(the unit that checks an agency's answer before the reporter sees it, where the category
asks for a second check).
"""

from django.utils.translation import gettext_lazy as _

from balai.complaints.errors import ComplaintTransitionError
from balai.complaints.models import OPEN, Complaint
from balai.core.workflow import Workflow
from balai.core.workflow import row as _row

S = Complaint.Status
DESK, AGENCY, REPORTER, PUBLIC, SYSTEM = "desk", "agency", "reporter", "public", "system"
QUESTIONNAIRE = "questionnaire"
# The unit that checks an agency's answer before the reporter sees it (Category.checker);
# a user acts as it only on a case whose answer waits for its check (ComplaintScope).
CHECKER = "checker"


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
    # Forwarded over Open311 (balai.forwarding): the outside body's number, its updates
    # and its closing come back by the follow-up sweep.
    _row("forward_received", _("Their number received"), _("numbered by the outside body"),
         {S.DITERUSKAN}, None, {SYSTEM}, "complaint_forward_received"),
    _row("forward_update", _("Update from the outside body"), _("updated"),
         {S.DITERUSKAN}, None, {SYSTEM}, "complaint_forward_update"),
    _row("forward_close", _("Closed by the outside body"), _("closed"),
         {S.DITERUSKAN}, S.DITUTUP, {SYSTEM}, "complaint_forward_close"),
    _row("accept", _("Accept"), _("accepted"),
         {S.TERVERIFIKASI}, S.DIPROSES, {AGENCY}, "complaint_accept"),
    _row("answer", _("Answer with evidence"), _("answered"),
         {S.DIPROSES}, S.SELESAI, {AGENCY}, "complaint_answer"),
    # With a second check (Category.checker) the answer waits in "diproses" for the
    # checking unit: a pass releases it to the reporter, a failure sends it back.
    _row("submit_for_check", _("Send the answer for its check"), _("sent for its check"),
         {S.DIPROSES}, None, {SYSTEM}, "complaint_answer"),
    _row("check_pass", _("Pass the check and release the answer"),
         _("checked and answered"), {S.DIPROSES}, S.SELESAI, {CHECKER}, "complaint_check"),
    _row("check_fail", _("Fail the check and send it back"), _("sent back by its check"),
         {S.DIPROSES}, None, {CHECKER}, "complaint_check", destructive=True),
    _row("request_info", _("Ask the reporter for information"), _("put on hold"),
         {S.TERVERIFIKASI, S.DIPROSES}, S.MENUNGGU_INFO, {AGENCY}, "complaint_request_info"),
    # "Bukan wewenang": back to the desk; the citizen-facing clock is not reset.
    _row("return", _("Return: not our authority"), _("returned"),
         {S.TERVERIFIKASI, S.DIPROSES}, S.BARU, {AGENCY}, "complaint_return",
         destructive=True),
    # Once answered, the reporter rates or reopens: a reply there would leave the case to
    # be auto-closed as if nobody had answered.
    _row("reply", _("Reply to the officers"), _("answered by the reporter"),
         {S.BARU, S.MENUNGGU_INFO, S.TERVERIFIKASI, S.DIPROSES}, None, {REPORTER},
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
    # "Sudah beres?" after closing (and 14 days later): "sudah" is counted, "belum" sends
    # the case back to the agency with the reporter's note.
    _row("fixed", _("Yes, it is fixed"), _("confirmed as fixed"),
         {S.DITUTUP}, None, {QUESTIONNAIRE}, "complaint_fixed_answer"),
    _row("not_fixed", _("No, not fixed yet"), _("reopened as not fixed"),
         {S.DITUTUP}, S.DIPROSES, {QUESTIONNAIRE}, "complaint_fixed_answer"),
    # A case the outside body closed goes back to it: "belum" travels there (forwarding
    # sends the verdict) and the case is followed again.
    _row("not_fixed_forwarded", _("No, not fixed yet"), _("returned to the outside body"),
         {S.DITUTUP}, S.DITERUSKAN, {SYSTEM}, "complaint_fixed_answer"),
    # "Ikut melapor": while the case is open or being handled by an outside body.
    _row("support", _("Ikut melapor"), _("supported"),
         OPEN | {S.DITERUSKAN}, None, {PUBLIC}, "complaint_support"),
    # Rahasia or not, with a reason, shown to the reporter on their page (JAKI's "privacy
    # by default"; SP4N-LAPOR! confidentiality).
    _row("confidentiality", _("Change confidentiality"), _("changed in confidentiality"),
         set(S), None, {DESK}, "complaint_set_confidential", destructive=True),
], error=ComplaintTransitionError,
    refusal=_("This complaint is %(status)s, so it cannot be %(action)s."))
